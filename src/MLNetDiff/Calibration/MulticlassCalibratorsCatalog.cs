using System;
using Microsoft.ML;
using Microsoft.ML.Runtime;

namespace MLNetDiff.Calibration;

/// <summary>
/// The multiclass calibrators, reached as <c>mlContext.MulticlassClassification.Calibrators</c> (the multiclass
/// counterpart of ML.NET's <c>mlContext.BinaryClassification.Calibrators</c>). Each calibrator is an estimator fitted on
/// a scored calibration set that rewrites the score column with calibrated probabilities; vector, matrix and Dirichlet
/// scaling are to join temperature scaling here.
/// </summary>
public sealed class MulticlassCalibratorsCatalog
{
    private readonly IHostEnvironment _env;

    internal MulticlassCalibratorsCatalog(IHostEnvironment env)
    {
        ArgumentNullException.ThrowIfNull(env);
        _env = env;
    }

    /// <summary>Temperature scaling: one temperature T for all classes, softmax(ln p / T); keeps the argmax.</summary>
    /// <param name="labelColumnName">The label of the calibration set: a Key.</param>
    /// <param name="scoreColumnName">Class probabilities (a multiclass trainer's <c>Score</c>), rewritten in place.</param>
    public TemperatureScalingEstimator Temperature(string labelColumnName = "Label", string scoreColumnName = "Score")
        => new(_env, labelColumnName, scoreColumnName);
}
