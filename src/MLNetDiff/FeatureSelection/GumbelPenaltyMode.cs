namespace MLNetDiff.FeatureSelection;

/// <summary>How the mean mask enters the loss (specs/gfsnetwork.md §2.4).</summary>
public enum GumbelPenaltyMode
{
    /// <summary>L = L_task + λ·mean(m): every kept feature costs λ/D.</summary>
    Raw = 0,

    /// <summary>L = L_task + λ·(mean(m) − 2/D)²: pulls the expected subset size towards 2 features (the reference's
    /// hard-coded target).</summary>
    Target = 1,

    /// <summary>The reference library's rule: <see cref="Raw"/> when D &gt; 10,000, else <see cref="Target"/>.</summary>
    Auto = 2,
}
