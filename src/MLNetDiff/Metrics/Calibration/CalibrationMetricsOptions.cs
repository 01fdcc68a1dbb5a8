using System;

namespace MLNetDiff.Metrics.Calibration;

/// <summary>Settings of the calibration evaluations (<see cref="CalibrationEvaluation"/> and the catalog entry points);
/// the defaults follow the spec (calibration.md, Part A) and the h-calibration tables.</summary>
public sealed class CalibrationMetricsOptions
{
    /// <summary>Bins B of every binned metric (ECE, equal-mass ECE, debiased ECE, MCE, classwise ECE, the reliability
    /// table); default 15.</summary>
    public int NumberOfBins { get; set; } = CalibrationMetrics.DefaultNumberOfBins;

    /// <summary>How far from 1 a row of class probabilities may sum (multiclass); default 10⁻³.</summary>
    public double RowSumTolerance { get; set; } = CalibrationMetrics.DefaultRowSumTolerance;

    /// <summary>Levels M of the PIT level form of the PCE, at (j − 0.5)/M; default 100.</summary>
    public int NumberOfLevels { get; set; } = ProbabilisticCalibration.DefaultNumberOfLevels;

    /// <summary>The options to use (the defaults for null), checked; a bad option is named as the parameter.</summary>
    internal static CalibrationMetricsOptions Checked(CalibrationMetricsOptions? options)
    {
        options ??= new CalibrationMetricsOptions();
        options.Validate();
        return options;
    }

    private void Validate()
    {
        if (NumberOfBins < 1)
            throw new ArgumentOutOfRangeException(nameof(NumberOfBins), NumberOfBins, "The number of bins must be at least 1.");
        if (!(RowSumTolerance >= 0 && double.IsFinite(RowSumTolerance)))
            throw new ArgumentOutOfRangeException(nameof(RowSumTolerance), RowSumTolerance, "The tolerance must be non-negative and finite.");
        if (NumberOfLevels < 1)
            throw new ArgumentOutOfRangeException(nameof(NumberOfLevels), NumberOfLevels, "The number of levels must be at least 1.");
    }
}
