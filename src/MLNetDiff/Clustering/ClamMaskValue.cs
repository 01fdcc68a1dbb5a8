namespace MLNetDiff.Clustering;

/// <summary>What a masked coordinate starts from during <see cref="ClamTrainer"/> training (specs/clustering.md B3, the
/// reference's <c>mask_value</c>); statistics are per feature over the training rows in model space.</summary>
public enum ClamMaskValue
{
    /// <summary>The feature's weighted mean (0 after standardisation). The default.</summary>
    Mean = 0,

    /// <summary>The feature's maximum.</summary>
    Max = 1,

    /// <summary>The feature's minimum.</summary>
    Min = 2,

    /// <summary>0.</summary>
    Zero = 3,
}
