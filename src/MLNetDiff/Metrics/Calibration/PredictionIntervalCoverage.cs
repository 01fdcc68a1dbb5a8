namespace MLNetDiff.Metrics.Calibration;

/// <summary>The central interval between a quantile model's lowest and highest predicted quantiles.</summary>
/// <param name="LowerLevel">The lowest level α_lo.</param>
/// <param name="UpperLevel">The highest level α_hi.</param>
/// <param name="Coverage">Share of rows with q̂_lo ≤ y ≤ q̂_hi (nominally α_hi − α_lo).</param>
/// <param name="MeanWidth">Mean of q̂_hi − q̂_lo (negative rows count when quantiles cross).</param>
public readonly record struct PredictionIntervalCoverage(double LowerLevel, double UpperLevel, double Coverage, double MeanWidth)
{
    /// <summary>The coverage a calibrated model would have: α_hi − α_lo.</summary>
    public double NominalCoverage => UpperLevel - LowerLevel;
}
