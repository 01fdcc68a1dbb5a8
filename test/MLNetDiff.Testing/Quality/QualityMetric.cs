using System;
using Microsoft.ML;

namespace MLNetDiff.Testing.Quality;

/// <summary>A metric of scored data for <see cref="QualityComparison"/>: its name (for the table), how to compute it
/// (usually an ML.NET evaluator) and its direction.</summary>
/// <param name="Name">The metric's name, e.g. "F1".</param>
/// <param name="Compute">The metric of scored rows, e.g. <c>(ml, scored) =&gt; ml.BinaryClassification.EvaluateNonCalibrated(scored).F1Score</c>.</param>
/// <param name="HigherIsBetter">False for losses and errors (log-loss, calibration error, RMSE).</param>
public sealed record QualityMetric(string Name, Func<MLContext, IDataView, double> Compute, bool HigherIsBetter = true)
{
    /// <summary>F1 of <c>PredictedLabel</c> (<c>BinaryClassification.EvaluateNonCalibrated</c>: works with and without a
    /// Probability column, so calibrated and uncalibrated trainers are measured alike).</summary>
    public static QualityMetric BinaryF1 { get; } = new("F1", (ml, scored) => ml.BinaryClassification.EvaluateNonCalibrated(scored).F1Score);
}
