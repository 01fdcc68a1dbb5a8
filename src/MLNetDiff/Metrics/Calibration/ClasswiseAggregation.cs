namespace MLNetDiff.Metrics.Calibration;

/// <summary>How the per-class calibration errors of the classwise ECE are combined (Kull et al. 2019).</summary>
public enum ClasswiseAggregation
{
    /// <summary>The mean over classes (CWECE_a, the h-calibration model selector).</summary>
    Mean,

    /// <summary>The sum over classes (CWECE_s, the number Kull et al. print; they used 14 bins for it).</summary>
    Sum,
}
