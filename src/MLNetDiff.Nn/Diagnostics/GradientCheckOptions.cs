using System;

namespace MLNetDiff.Nn.Diagnostics;

/// <summary>Settings of the <see cref="GradientChecker"/>.</summary>
/// <remarks>Defaults suit float32 layers: the objective is evaluated in float and summed in double, so with
/// ε = 1e-3 the central difference carries an absolute error of about 1e-4 for O(1) objectives, well inside
/// atol 1e-3 + rtol 1e-2.</remarks>
public sealed class GradientCheckOptions
{
    /// <summary>Finite-difference step (applied to float values; the actual step after rounding is used). Default 1e-3.</summary>
    public double Epsilon { get; set; } = 1e-3;

    /// <summary>Relative tolerance. Default 1e-2.</summary>
    public double RelativeTolerance { get; set; } = 1e-2;

    /// <summary>Absolute tolerance. Default 1e-3.</summary>
    public double AbsoluteTolerance { get; set; } = 1e-3;

    /// <summary>Accept a coordinate whose central difference fails when a one-sided difference matches: the
    /// perturbation crossed a kink (ReLU at 0), where the analytic gradient is one of the one-sided derivatives.
    /// Default true.</summary>
    public bool AllowKinks { get; set; } = true;

    /// <summary>Seed of the random projection of layer outputs and of parameter initialisation. Default 1.</summary>
    public ulong Seed { get; set; } = 1;

    internal void Validate()
    {
        if (!(Epsilon > 0 && double.IsFinite(Epsilon)))
            throw new ArgumentOutOfRangeException(nameof(Epsilon), Epsilon, "Epsilon must be positive and finite.");
        if (!(RelativeTolerance >= 0))
            throw new ArgumentOutOfRangeException(nameof(RelativeTolerance), RelativeTolerance, "Tolerances must be non-negative.");
        if (!(AbsoluteTolerance >= 0))
            throw new ArgumentOutOfRangeException(nameof(AbsoluteTolerance), AbsoluteTolerance, "Tolerances must be non-negative.");
    }
}
