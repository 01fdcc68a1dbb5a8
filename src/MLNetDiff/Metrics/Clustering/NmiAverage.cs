namespace MLNetDiff.Metrics;

/// <summary>How <see cref="ClusteringAgreement.NormalizedMutualInformation"/> normalises the mutual information I(U;V)
/// by the two entropies (scikit-learn's <c>average_method</c>; spec clustering.md C1).</summary>
public enum NmiAverage
{
    /// <summary>(H(U) + H(V)) / 2: scikit-learn's default, and the NMI most papers report.</summary>
    Arithmetic,

    /// <summary>√(H(U)·H(V)).</summary>
    Geometric,

    /// <summary>max(H(U), H(V)).</summary>
    Max,

    /// <summary>min(H(U), H(V)).</summary>
    Min,
}
