namespace MLNetDiff.Kernels;

/// <summary>Distributions of the counter-based RNG (see <see cref="Philox"/> for the exact transforms).</summary>
internal enum RandomDistribution
{
    Uniform,
    Normal,
    Gumbel,
    Logistic,
}
