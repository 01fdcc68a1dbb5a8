namespace MLNetDiff.Clustering.Clam;

/// <summary>What a masked coordinate of the start state v^0 holds during ClAM training (specs/clustering.md B3,
/// the reference's <c>mask_value</c>); statistics are per feature over the training rows.</summary>
internal enum ClamMaskFill
{
    /// <summary>The feature's (weighted) mean: 0 after z-scoring; the default.</summary>
    Mean = 0,

    /// <summary>The feature's maximum over the training rows.</summary>
    Max = 1,

    /// <summary>The feature's minimum over the training rows.</summary>
    Min = 2,

    /// <summary>0.</summary>
    Zero = 3,
}
