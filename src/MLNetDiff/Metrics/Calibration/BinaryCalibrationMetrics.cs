using System.Collections.Generic;

namespace MLNetDiff.Metrics.Calibration;

/// <summary>
/// Calibration of a binary classifier's probabilities P(y = 1) (<c>mlContext.BinaryClassification.EvaluateCalibration</c>,
/// <see cref="CalibrationEvaluation.Binary"/>). Lower is better for every metric.
/// </summary>
/// <remarks>The binned metrics bin P(y = 1) itself against y (the reliability diagram of scikit-learn's
/// <c>calibration_curve</c>), except <see cref="TopLabelExpectedCalibrationError"/>, which bins max(p, 1 − p) against
/// whether the prediction p &gt; 0.5 was right (ML.NET's threshold, ties predicted negative).</remarks>
public sealed class BinaryCalibrationMetrics
{
    internal BinaryCalibrationMetrics() { }

    /// <summary>Rows evaluated.</summary>
    public int RowCount { get; init; }

    /// <summary>Equal-width ECE of P(y = 1) against y.</summary>
    public double ExpectedCalibrationError { get; init; }

    /// <summary>Equal-mass ECE of P(y = 1) against y.</summary>
    public double ExpectedCalibrationErrorEqualMass { get; init; }

    /// <summary>Debiased ECE (Kumar et al.) of P(y = 1) against y; NaN with fewer than 2 rows per bin (N &lt; 2B).</summary>
    public double DebiasedExpectedCalibrationError { get; init; }

    /// <summary>Equal-width MCE of P(y = 1) against y.</summary>
    public double MaximumCalibrationError { get; init; }

    /// <summary>Equal-width top-label ECE: max(p, 1 − p) against correctness (the number papers report for K = 2).</summary>
    public double TopLabelExpectedCalibrationError { get; init; }

    /// <summary>Binary Brier score (1/N)·Σ(p − y)², in [0, 1] (half the 2-class multiclass convention).</summary>
    public double BrierScore { get; init; }

    /// <summary>Negative log-likelihood in nats, probabilities clipped at 10⁻¹².</summary>
    public double NegativeLogLikelihood { get; init; }

    /// <summary>The equal-width reliability table of P(y = 1) against y (all B bins, empty ones with NaN means).</summary>
    public IReadOnlyList<ReliabilityBin> ReliabilityBins { get; init; } = [];
}
