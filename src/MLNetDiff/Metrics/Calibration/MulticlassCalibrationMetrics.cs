using System.Collections.Generic;

namespace MLNetDiff.Metrics.Calibration;

/// <summary>
/// Calibration of multiclass probability vectors (<c>mlContext.MulticlassClassification.EvaluateCalibration</c>,
/// <see cref="CalibrationEvaluation.Multiclass"/>). Lower is better for every metric except <see cref="Accuracy"/>.
/// </summary>
public sealed class MulticlassCalibrationMetrics
{
    internal MulticlassCalibrationMetrics() { }

    /// <summary>Rows evaluated.</summary>
    public int RowCount { get; init; }

    /// <summary>Classes K.</summary>
    public int NumberOfClasses { get; init; }

    /// <summary>Share of rows whose argmax is the label (first of tied classes).</summary>
    public double Accuracy { get; init; }

    /// <summary>Equal-width top-label ECE (Guo et al.).</summary>
    public double TopLabelExpectedCalibrationError { get; init; }

    /// <summary>Equal-mass top-label ECE.</summary>
    public double TopLabelExpectedCalibrationErrorEqualMass { get; init; }

    /// <summary>Debiased top-label ECE (Kumar et al.); NaN with fewer than 2 rows per bin (N &lt; 2B).</summary>
    public double DebiasedTopLabelExpectedCalibrationError { get; init; }

    /// <summary>Equal-width top-label MCE.</summary>
    public double MaximumCalibrationError { get; init; }

    /// <summary>Classwise ECE, mean over classes (CWECE_a).</summary>
    public double ClasswiseExpectedCalibrationError { get; init; }

    /// <summary>Classwise ECE, sum over classes (CWECE_s), with the same bins.</summary>
    public double ClasswiseExpectedCalibrationErrorSum { get; init; }

    /// <summary>Multiclass Brier score (1/N)·Σ_i Σ_k (p_ik − 1[y_i = k])², in [0, 2].</summary>
    public double BrierScore { get; init; }

    /// <summary>Negative log-likelihood in nats, probabilities clipped at 10⁻¹².</summary>
    public double NegativeLogLikelihood { get; init; }

    /// <summary>The equal-width top-label reliability table (all B bins, empty ones with NaN means).</summary>
    public IReadOnlyList<ReliabilityBin> ReliabilityBins { get; init; } = [];
}
