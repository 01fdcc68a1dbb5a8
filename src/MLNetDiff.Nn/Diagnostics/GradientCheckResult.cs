namespace MLNetDiff.Nn.Diagnostics;

/// <summary>Outcome of a finite-difference gradient check.</summary>
/// <param name="Checked">Coordinates compared (parameters and inputs).</param>
/// <param name="Failed">Coordinates outside tolerance.</param>
/// <param name="MaxAbsoluteError">Largest |analytic − numeric| among passing-or-failing central differences.</param>
/// <param name="KinkCoordinates">Coordinates accepted through a one-sided difference.</param>
/// <param name="FirstFailure">Description of the worst failing coordinate, or null.</param>
public sealed record GradientCheckResult(int Checked, int Failed, double MaxAbsoluteError, int KinkCoordinates,
    string? FirstFailure)
{
    /// <summary>True when every coordinate is within tolerance.</summary>
    public bool Passed => Failed == 0;

    /// <inheritdoc/>
    public override string ToString() => Passed
        ? $"passed: {Checked} coordinates, max |error| {MaxAbsoluteError:G3}, {KinkCoordinates} at kinks"
        : $"FAILED {Failed} of {Checked} coordinates; worst: {FirstFailure}";
}
