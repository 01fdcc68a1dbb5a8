namespace MLNetDiff.FeatureSelection;

/// <summary>Class weights of the classification loss (specs/gfsnetwork.md §2.4).</summary>
public enum GumbelClassWeighting
{
    /// <summary>a_c = 1 / (C·freq_c): every class contributes equally (the spec's proposed default).</summary>
    Balanced = 0,

    /// <summary>The reference code's a_c = freq_{C−1−c}: inverse-frequency-like for two classes, an arbitrary
    /// permutation for more (kept for parity with the reference).</summary>
    ReferenceReversed = 1,

    /// <summary>All classes weigh 1.</summary>
    None = 2,
}
