namespace MLNetDiff.Metrics.Calibration;

/// <summary>How the confidence axis is cut into bins for the binned calibration metrics (spec calibration.md, Part A).</summary>
public enum CalibrationBinning
{
    /// <summary>B bins of width 1/B: ((b − 1)/B, b/B], lower edge exclusive and upper edge inclusive (Guo et al.'s
    /// <c>_ECELoss</c>); the first bin is closed, [0, 1/B], so that a confidence of exactly 0 is counted.</summary>
    EqualWidth,

    /// <summary>"Adaptive" bins holding about N/B confidences each: the edges are the sorted confidences linearly
    /// interpolated at positions 0, N/B, …, N (numpy <c>interp(linspace(0, N, B + 1), arange(N), sort(conf))</c>), with the
    /// same (lower, upper] rule; the first bin is closed, so the smallest confidence is counted (the reference code drops
    /// it through its strict "&gt;"; the spec proposes the closed first bin).</summary>
    EqualMass,
}
