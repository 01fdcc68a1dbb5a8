using System;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MLNetDiff.Integration;
using MLNetDiff.Metrics.Calibration;

namespace MLNetDiff.Calibration;

/// <summary>
/// Temperature scaling (Guo et al. 2017; spec calibration.md, Part B), the first multiclass calibrator: fits one
/// temperature T on scored calibration data so that softmax(ln p / T) has the smallest mean NLL, and returns a
/// <see cref="TemperatureScalingTransformer"/> that rewrites the score column with the calibrated probabilities.
/// </summary>
/// <remarks>
/// <para>Input: the scored output of a multiclass trainer — a Key label and a known-size Single vector of class
/// probabilities (ML.NET's <c>Score</c>). ln p equals the model's log-softmax, so scaling it is scaling the logits. Fit
/// it on held-out data, never on the trainer's own training rows.</para>
/// <para>The NLL is convex in β = 1/T; the fit is a bracketed Newton search for the root of its derivative on
/// β ∈ [10⁻³, 10³], and falls back to T = 1 if rounding would leave the calibration NLL above the identity's. The argmax
/// of every row is kept, so <c>PredictedLabel</c> and accuracy do not change.</para>
/// </remarks>
public sealed class TemperatureScalingEstimator : IEstimator<TemperatureScalingTransformer>
{
    private readonly IHost _host;

    internal TemperatureScalingEstimator(IHostEnvironment env, string labelColumnName, string scoreColumnName)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentException.ThrowIfNullOrEmpty(labelColumnName);
        ArgumentException.ThrowIfNullOrEmpty(scoreColumnName);
        _host = env.Register(nameof(TemperatureScalingEstimator));
        LabelColumnName = labelColumnName;
        ScoreColumnName = scoreColumnName;
    }

    /// <summary>The label column: a Key.</summary>
    public string LabelColumnName { get; }

    /// <summary>The score column of class probabilities, rewritten in place by the transformer.</summary>
    public string ScoreColumnName { get; }

    /// <summary>Fits the temperature on <paramref name="input"/> (the calibration set).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A column is missing or of the wrong type (the score vector's size must
    /// be the label's key count).</exception>
    /// <exception cref="InvalidOperationException">A probability outside [0, 1] or NaN, a row not summing to 1, or a missing
    /// key (the column and row are named).</exception>
    /// <exception cref="ArgumentException">The data has no rows.</exception>
    public TemperatureScalingTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        (double[] probabilities, int[] labels, int classes) = CalibrationColumnReader.ReadMulticlass(input, LabelColumnName,
            ScoreColumnName, CalibrationMetrics.DefaultRowSumTolerance);
        TemperatureFit.Result fit = TemperatureFit.Fit(TemperatureFit.LogProbabilities(probabilities), labels, classes);
        _host.CheckAlive();
        return new TemperatureScalingTransformer(_host, ScoreColumnName, classes, fit.Beta);
    }

    /// <summary>The output schema: the input's, the score column keeping its name, type and annotations.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The label is not a Key or the score not a known-size Single vector.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        SchemaChecks.RequireKey(inputSchema, LabelColumnName, "label", nameof(inputSchema));
        SchemaChecks.RequireKnownSizeSingleVector(inputSchema, ScoreColumnName, "score", nameof(inputSchema));
        return inputSchema;
    }
}
