namespace MLNetDiff.Clustering;

/// <summary>How <see cref="ClamTrainer"/> puts features into the model space before training (the model keeps the
/// transform, so it always reads raw features).</summary>
public enum ClamStandardization
{
    /// <summary>Per-feature z-score (weighted mean, population σ; spec B4.1). The default.</summary>
    PerFeature = 0,

    /// <summary>The per-feature mean subtracted and every feature divided by one common σ = √(mean of the features'
    /// variances): a translation and a uniform scaling, so the geometry (which rows are near which) is the input's, as
    /// for features in one unit such as pixels, while β and the learning rate still meet unit-sized distances per
    /// feature (their defaults are set in standardised units; spec B6).</summary>
    SingleScale = 1,

    /// <summary>None: the model space is the input space.</summary>
    None = 2,
}
