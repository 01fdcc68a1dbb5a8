namespace MLNetDiff.Testing.Contract;

/// <summary>When a bad input must be rejected.</summary>
public enum BadInputPhase
{
    /// <summary>Fitting the component on the bad data throws.</summary>
    Fit,

    /// <summary>The component fits on good data; scoring the bad data (transform and read every row) throws.</summary>
    Score,
}
