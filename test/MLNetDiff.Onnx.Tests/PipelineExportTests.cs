using System;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Text;
using MLNetDiff.Classification;
using MLNetDiff.Onnx.Tests.Helpers;

namespace MLNetDiff.Onnx.Tests;

/// <summary>Whole pipelines of ML.NET transforms and our components through ML.NET's converter.</summary>
[TestClass]
public sealed class PipelineExportTests
{
    private static IDataView DnaText(MLContext ml) => ml.Data.Cache(ml.Data.LoadFromTextFile(
        Path.Combine(AppContext.BaseDirectory, "data", "dna_splice_text", "dna_splice_text.csv"),
        [
            new TextLoader.Column("Label", DataKind.Boolean, 0),
            new TextLoader.Column("Sequence", DataKind.String, 1),
            new TextLoader.Column("Junction", DataKind.String, 2),
            new TextLoader.Column("GcLeft", DataKind.Single, 3),
            new TextLoader.Column("GcRight", DataKind.Single, 4),
        ], separatorChar: ',', hasHeader: true));

    [TestMethod]
    public void TextCategoricalAndNumericColumns_WithAnyLossMlp_MatchOnnxRuntime()
    {
        var ml = new MLContext(1);
        IDataView data = DnaText(ml);
        // The sequence as text: character trigrams (k-mers), counted and L2-normalised by FeaturizeText; the junction
        // motif one-hot encoded; the GC fractions as numbers.
        var text = new TextFeaturizingEstimator.Options
        {
            KeepDiacritics = true, KeepPunctuations = true, KeepNumbers = true, CaseMode = TextNormalizingEstimator.CaseMode.None,
            WordFeatureExtractor = null,
            CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = 3, UseAllLengths = false },
        };
        var pipeline = ml.Transforms.Text.FeaturizeText("SequenceFeatures", text, "Sequence")
            .Append(ml.Transforms.Categorical.OneHotEncoding("JunctionFeatures", "Junction"))
            .Append(ml.Transforms.Concatenate("Features", "SequenceFeatures", "JunctionFeatures", "GcLeft", "GcRight"))
            .Append(ml.BinaryClassification.Trainers.AnyLoss(new AnyLossTrainer.Options { HiddenLayerSizes = [16], NumberOfEpochs = 10, Seed = 1 }));
        var model = pipeline.Fit(ml.Data.TakeRows(data, 2000));
        string[] outputs = OnnxParity.AssertMatches(ml, model, data);
        foreach (string column in new[] { "Score", "Probability", "PredictedLabel" })
            CollectionAssert.Contains(outputs, column, string.Join(", ", outputs));
    }

    [TestMethod]
    public void Normalizer_AnyLossLinear_AndMLNetsPlattCalibrator_MatchOnnxRuntime()
    {
        var ml = new MLContext(1);
        IDataView data = Datasets.Binary(ml, "breast_cancer_wdbc");
        IDataView train = ml.Data.TakeRows(data, 400);
        var pipeline = ml.Transforms.NormalizeMeanVariance("Features")
            .Append(ml.BinaryClassification.Trainers.AnyLoss(new AnyLossTrainer.Options { HiddenLayerSizes = [], NumberOfEpochs = 20, Seed = 1 }))
            .Append(ml.BinaryClassification.Calibrators.Platt());
        var model = pipeline.Fit(train);
        string[] outputs = OnnxParity.AssertMatches(ml, model, data);
        CollectionAssert.AreEquivalent(new[] { "Features", "Score", "Probability", "PredictedLabel" }, outputs);
    }

    [TestMethod]
    public void StepNeitherConverterSupports_FailsNamingTheStep_AndWritesNothing()
    {
        var ml = new MLContext(1);
        IDataView data = Datasets.Binary(ml, "haberman");
        var pipeline = ml.Transforms.NormalizeMinMax("Features")
            .Append(ml.Transforms.ApproximatedKernelMap("Features", rank: 4))
            .Append(ml.BinaryClassification.Trainers.AnyLoss(new AnyLossTrainer.Options { NumberOfEpochs = 2 }));
        var model = pipeline.Fit(data);
        using var stream = new MemoryStream();
        var e = Assert.Throws<NotSupportedException>(() => ml.Model.ExportToOnnx(model, data, stream));
        StringAssert.Contains(e.Message, "step 2 of 3 (ApproximatedKernelTransformer)");
        Assert.IsLessThan(200, e.Message.Length, e.Message);
        Assert.AreEqual(0, stream.Length);

        // ML.NET's converter on its own stops walking back at that step with a warning and writes a model anyway: a
        // graph that reads the raw input where the trainer expects the kernel features.
        using var truncated = new MemoryStream();
        ml.Model.ConvertToOnnx(model, data, truncated);
        Assert.IsGreaterThan(0, truncated.Length);
    }

    [TestMethod]
    public void GraphInputs_AreTheColumnsThePipelineReads()
    {
        var ml = new MLContext(1);
        IDataView data = DnaText(ml);
        var model = ml.Transforms.Categorical.OneHotEncoding("JunctionFeatures", "Junction")
            .Append(ml.Transforms.Concatenate("Features", "JunctionFeatures", "GcLeft"))
            .Append(ml.BinaryClassification.Trainers.AnyLoss(new AnyLossTrainer.Options { NumberOfEpochs = 2 }))
            .Fit(data);
        using var session = new Microsoft.ML.OnnxRuntime.InferenceSession(OnnxParity.Export(ml, model, data));
        CollectionAssert.AreEquivalent(new[] { "Junction", "GcLeft" }, session.InputMetadata.Keys.ToArray());
        CollectionAssert.AreEquivalent(
            new[] { "JunctionFeatures.output", "Features.output", "Score.output", "Probability.output", "PredictedLabel.output" },
            session.OutputMetadata.Keys.Where(n => !OnnxParity.IsSlotNameOutput(n)).ToArray());
    }

    [TestMethod]
    [DataRow(OnnxExportOptions.MinimumOpset - 1)]
    [DataRow(OnnxExportOptions.MaximumOpset + 1)]
    public void Opset_OutsideTheConvertersRange_IsRejectedNamingTheOption(int opset)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new OnnxExportOptions { Opset = opset }.Validate());
        Assert.AreEqual(nameof(OnnxExportOptions.Opset), e.ParamName);
    }
}
