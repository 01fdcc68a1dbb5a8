using System;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Transforms;
using MLNetDiff.Classification;
using MLNetDiff.Onnx.Tests.Helpers;

namespace MLNetDiff.Onnx.Tests;

/// <summary>
/// The ML.NET steps MLNetDiff.Onnx used to export with its own adapters (retired: ML.NET's converter exports them), run
/// through the standard path with the old parity bar (1e-5 absolute + relative, labels exact, values outside the fitted
/// ranges included), so that retiring an adapter cannot silently lose a step or its accuracy.
/// </summary>
[TestClass]
public sealed class MlNetStepsExportTests
{
    private static IEstimator<ITransformer> Trainer(MLContext ml, string name) => name switch
    {
        "SdcaLogisticRegression" => ml.BinaryClassification.Trainers.SdcaLogisticRegression(maximumNumberOfIterations: 20),
        "SdcaNonCalibrated" => ml.BinaryClassification.Trainers.SdcaNonCalibrated(maximumNumberOfIterations: 20),
        "AveragedPerceptron" => ml.BinaryClassification.Trainers.AveragedPerceptron(),
        "LbfgsLogisticRegression" => ml.BinaryClassification.Trainers.LbfgsLogisticRegression(),
        _ => throw new ArgumentException(name),
    };

    [TestMethod]
    [DataRow("SdcaLogisticRegression", true)]
    [DataRow("SdcaNonCalibrated", false)]
    [DataRow("AveragedPerceptron", false)]
    [DataRow("LbfgsLogisticRegression", true)]
    public void LinearBinaryTrainer_MatchesOnnxRuntime(string trainer, bool calibrated)
    {
        var ml = new MLContext(1);
        IDataView data = Datasets.Binary(ml, "breast_cancer_wdbc");
        var model = ml.Transforms.NormalizeMeanVariance("Features").Append(Trainer(ml, trainer)).Fit(data);
        string[] outputs = OnnxParity.AssertMatches(ml, model, data);
        string[] expected = calibrated
            ? ["Features", "Score", "Probability", "PredictedLabel"]
            : ["Features", "Score", "PredictedLabel"];
        CollectionAssert.AreEquivalent(expected, outputs);
    }

    [TestMethod]
    [DataRow("Platt", "AveragedPerceptron")]
    [DataRow("Naive", "AveragedPerceptron")]
    [DataRow("Naive", "SdcaNonCalibrated")]
    [DataRow("Isotonic", "AveragedPerceptron")]
    [DataRow("Isotonic", "SdcaNonCalibrated")]
    public void AppendedCalibrator_AddsProbability(string calibrator, string trainer)
    {
        var ml = new MLContext(1);
        IDataView data = Datasets.Binary(ml, "spambase");
        // Calibrate on the first 1500 rows, compare on all 4601: many scores fall between or outside the fitted pieces/bins.
        IDataView train = ml.Data.TakeRows(data, 1500);
        IEstimator<ITransformer> step = calibrator switch
        {
            "Platt" => ml.BinaryClassification.Calibrators.Platt(),
            "Naive" => ml.BinaryClassification.Calibrators.Naive(),
            _ => ml.BinaryClassification.Calibrators.Isotonic(), // our stand-in: ML.NET's IsotonicCalibrator has no ONNX form
        };
        var model = ml.Transforms.NormalizeMinMax("Features").Append(Trainer(ml, trainer)).Append(step).Fit(train);
        string[] outputs = OnnxParity.AssertMatches(ml, model, data);
        CollectionAssert.AreEquivalent(new[] { "Features", "Score", "Probability", "PredictedLabel" }, outputs);
    }

    [TestMethod]
    [DataRow("MinMax", true)]
    [DataRow("MinMax", false)]
    [DataRow("MeanVariance", true)]
    [DataRow("MeanVariance", false)]
    [DataRow("LogMeanVarianceAffine", false)]
    [DataRow("RobustScaling", false)]
    [DataRow("MeanVarianceCdf", false)]
    [DataRow("LogMeanVariance", false)]
    [DataRow("Binning", true)]
    [DataRow("Binning", false)]
    [DataRow("LogMeanVariance", false, OnnxExportOptions.MinimumOpset)]
    [DataRow("Binning", true, OnnxExportOptions.MinimumOpset)]
    public void Normalizer_MatchesOnnxRuntime_IncludingValuesOutsideTheTrainingRange(string kind, bool fixZero,
        int opset = OnnxExportOptions.MaximumOpset)
    {
        var ml = new MLContext(1);
        IDataView data = Datasets.Binary(ml, "breast_cancer_wdbc");
        // Fit on the first 200 rows, compare on all 569: later rows fall outside the fitted ranges.
        var model = Normalizer(ml, kind, fixZero)
            .Append(ml.BinaryClassification.Trainers.AnyLoss(new AnyLossTrainer.Options { NumberOfEpochs = 5, Seed = 1 }))
            .Fit(ml.Data.TakeRows(data, 200));
        string[] outputs = OnnxParity.AssertMatches(ml, model, data, opset);
        CollectionAssert.AreEquivalent(new[] { "Features", "Score", "Probability", "PredictedLabel" }, outputs);
    }

    /// <summary>Why the CDF and binning columns need our stand-in: ML.NET's normalizer says it can be saved, then leaves
    /// them out, and ML.NET's converter on its own fails deep inside without naming the step (with a scorer after the
    /// normalizer "The given key 'Score' was not present in the dictionary"; alone "can not be fully converted").</summary>
    [TestMethod]
    [DataRow("MeanVarianceCdf", false)]
    [DataRow("LogMeanVariance", false)]
    [DataRow("Binning", true)]
    public void Normalizer_WithoutAnOnnxFormInMLNet_FailsInMLNetsConverterAlone(string kind, bool fixZero)
    {
        var ml = new MLContext(1);
        IDataView data = Datasets.Binary(ml, "breast_cancer_wdbc");
        var model = Normalizer(ml, kind, fixZero)
            .Append(ml.BinaryClassification.Trainers.AnyLoss(new AnyLossTrainer.Options { NumberOfEpochs = 2, Seed = 1 }))
            .Fit(data);
        using var stream = new System.IO.MemoryStream();
        Assert.Throws<System.Collections.Generic.KeyNotFoundException>(() => ml.Model.ConvertToOnnx(model, data, stream));
        var normalizerOnly = Normalizer(ml, kind, fixZero).Fit(data);
        Assert.Throws<InvalidOperationException>(() => ml.Model.ConvertToOnnx(normalizerOnly, data, stream));
    }

    private static NormalizingEstimator Normalizer(MLContext ml, string kind, bool fixZero) => kind switch
    {
        "MinMax" => ml.Transforms.NormalizeMinMax("Features", fixZero: fixZero),
        "MeanVariance" => ml.Transforms.NormalizeMeanVariance("Features", fixZero: fixZero),
        "MeanVarianceCdf" => ml.Transforms.NormalizeMeanVariance("Features", useCdf: true),
        "LogMeanVariance" => ml.Transforms.NormalizeLogMeanVariance("Features"),
        "LogMeanVarianceAffine" => ml.Transforms.NormalizeLogMeanVariance("Features", useCdf: false),
        "Binning" => ml.Transforms.NormalizeBinning("Features", fixZero: fixZero, maximumBinCount: 16),
        "RobustScaling" => ml.Transforms.NormalizeRobustScaling("Features"),
        _ => throw new ArgumentException(kind),
    };

    [TestMethod]
    public void CopyDropSelect_ExportWithKeepAndDropSemantics()
    {
        var ml = new MLContext(1);
        IDataView data = Datasets.BinarySeparateColumns(ml, "pima_diabetes", out string[] columns);
        var pipeline = ml.Transforms.Concatenate("Raw", columns)
            .Append(ml.Transforms.CopyColumns("Features", "Raw"))
            .Append(ml.Transforms.CopyColumns("Extra", "F0"))
            .Append(ml.Transforms.DropColumns("Raw"))
            .Append(ml.Transforms.SelectColumns("Label", "Features", "Extra"))
            .Append(ml.BinaryClassification.Trainers.AnyLoss(new AnyLossTrainer.Options { NumberOfEpochs = 5, Seed = 1 }));
        var model = pipeline.Fit(data);
        string[] outputs = OnnxParity.AssertMatches(ml, model, data);
        CollectionAssert.AreEquivalent(new[] { "Features", "Extra", "Score", "Probability", "PredictedLabel" }, outputs);
    }

    [TestMethod]
    [DataRow(MissingValueReplacingEstimator.ReplacementMode.Mean, true)]
    [DataRow(MissingValueReplacingEstimator.ReplacementMode.Mean, false)]
    [DataRow(MissingValueReplacingEstimator.ReplacementMode.Minimum, true)]
    [DataRow(MissingValueReplacingEstimator.ReplacementMode.Maximum, false)]
    [DataRow(MissingValueReplacingEstimator.ReplacementMode.DefaultValue, true)]
    public void ReplaceMissingValues_MatchesOnnxRuntime(MissingValueReplacingEstimator.ReplacementMode mode, bool bySlot)
    {
        var ml = new MLContext(1);
        IDataView data = ExtraDatasets.PimaWithMissing(ml);
        var pipeline = ml.Transforms.ReplaceMissingValues("Features", replacementMode: mode, imputeBySlot: bySlot)
            .Append(ml.Transforms.NormalizeMinMax("Features"))
            .Append(ml.BinaryClassification.Trainers.AnyLoss(new AnyLossTrainer.Options { NumberOfEpochs = 5, Seed = 1 }));
        var model = pipeline.Fit(data);
        string[] outputs = OnnxParity.AssertMatches(ml, model, data);
        CollectionAssert.AreEquivalent(new[] { "Features", "Score", "Probability", "PredictedLabel" }, outputs);
    }

    /// <summary>Through our stand-in for ML.NET's slot dropping (ML.NET's own export returns one row per batch).</summary>
    [TestMethod]
    [DataRow("MutualInformation")]
    [DataRow("Count")]
    public void SelectFeatures_MatchOnnxRuntime(string by)
    {
        var ml = new MLContext(1);
        IDataView data = Datasets.Binary(ml, "pima_diabetes");
        // pima: skin thickness and insulin are zero (missing) in many rows, so fewer than 600 non-zero values.
        IEstimator<ITransformer> select = by == "Count"
            ? ml.Transforms.FeatureSelection.SelectFeaturesBasedOnCount("Selected", "Features", count: 600)
            : ml.Transforms.FeatureSelection.SelectFeaturesBasedOnMutualInformation("Selected", "Features", slotsInOutput: 5);
        var pipeline = select
            .Append(ml.Transforms.NormalizeMinMax("Selected"))
            .Append(ml.BinaryClassification.Trainers.AnyLoss(new AnyLossTrainer.Options { FeatureColumnName = "Selected", NumberOfEpochs = 5, Seed = 1 }));
        var model = pipeline.Fit(data);
        string[] outputs = OnnxParity.AssertMatches(ml, model, data);
        CollectionAssert.AreEquivalent(new[] { "Selected", "Score", "Probability", "PredictedLabel" }, outputs);
    }

    /// <summary>Through our stand-in for ML.NET's KMeans label (ML.NET's own export writes the 0-based index).</summary>
    [TestMethod]
    [DataRow(3, "MinMax", false)]
    [DataRow(5, "MeanVariance", false)]
    [DataRow(3, "MinMax", true)] // loaded from a model file, KMeans's step has another type (the stand-in must still apply)
    public void KMeans_MatchesOnnxRuntime(int clusters, string normalizer, bool reloaded)
    {
        var ml = new MLContext(1);
        IDataView data = ExtraDatasets.Iris(ml);
        IEstimator<ITransformer> normalize = normalizer == "MinMax"
            ? ml.Transforms.NormalizeMinMax("Features")
            : ml.Transforms.NormalizeMeanVariance("Features");
        ITransformer model = normalize.Append(ml.Clustering.Trainers.KMeans(numberOfClusters: clusters)).Fit(data);
        if (reloaded)
        {
            using var file = new MemoryStream();
            ml.Model.Save(model, data.Schema, file);
            file.Position = 0;
            model = ml.Model.Load(file, out _);
        }
        string[] outputs = OnnxParity.AssertMatches(ml, model, data);
        CollectionAssert.AreEquivalent(new[] { "Features", "Score", "PredictedLabel" }, outputs);
    }
}
