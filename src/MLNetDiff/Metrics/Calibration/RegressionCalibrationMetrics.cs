using System.Collections.Generic;

namespace MLNetDiff.Metrics.Calibration;

/// <summary>
/// Probabilistic calibration of a regression model (<c>mlContext.Regression.EvaluateCalibration</c>,
/// <see cref="CalibrationEvaluation.Pit"/>, <see cref="CalibrationEvaluation.Quantiles"/>; spec calibration.md, Part D).
/// </summary>
public sealed class RegressionCalibrationMetrics
{
    internal RegressionCalibrationMetrics() { }

    /// <summary>Rows evaluated.</summary>
    public int RowCount { get; init; }

    /// <summary>The PCE as the reference code reports it per model kind: the sorted form (1/N)·Σ|Z_(i) − i/(N + 1)| over
    /// PIT values; the level form over the given levels for a quantile model.</summary>
    public double ProbabilisticCalibrationError { get; init; }

    /// <summary>The level form (1/M)·Σ_j |α_j − observed_j| over <see cref="Levels"/>.</summary>
    public double LevelProbabilisticCalibrationError { get; init; }

    /// <summary>The levels α_j: the M midpoints (j − 0.5)/M for PIT values, the model's levels for quantiles.</summary>
    public IReadOnlyList<double> Levels { get; init; } = [];

    /// <summary>Per level, the share of rows with Z_i ≤ α_j (PIT) or y_i ≤ q̂_{α_j}(x_i) (quantiles).</summary>
    public IReadOnlyList<double> ObservedCoverage { get; init; } = [];

    /// <summary>The central interval of a quantile model (lowest to highest level); null for PIT values or a single level.</summary>
    public PredictionIntervalCoverage? Interval { get; init; }
}
