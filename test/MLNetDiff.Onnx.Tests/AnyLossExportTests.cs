using System;
using System.IO;
using Microsoft.ML;
using MLNetDiff.Classification;
using MLNetDiff.Kernels;
using MLNetDiff.Onnx.Tests.Helpers;

namespace MLNetDiff.Onnx.Tests;

[TestClass]
public sealed class AnyLossExportTests
{
    [TestMethod]
    [DataRow("breast_cancer_wdbc", new int[0], Activation.Relu)]
    [DataRow("breast_cancer_wdbc", new[] { 32 }, Activation.Relu)]
    [DataRow("pima_diabetes", new[] { 16, 8 }, Activation.Tanh)]
    [DataRow("yeast_me2", new[] { 8 }, Activation.Gelu)]
    [DataRow("haberman", new[] { 8 }, Activation.LeakyRelu)]
    [DataRow("vehicle_van", new[] { 8 }, Activation.Sigmoid)]
    public void AnyLoss_MatchesOnnxRuntime(string dataset, int[] hidden, Activation activation)
    {
        var ml = new MLContext(1);
        IDataView data = Datasets.Binary(ml, dataset);
        var model = ml.BinaryClassification.Trainers.AnyLoss(new AnyLossTrainer.Options
        {
            HiddenLayerSizes = hidden, HiddenActivation = activation, NumberOfEpochs = 20, Seed = 1,
            ValidationFraction = 0.2f, ThresholdSearch = true,
        }).Fit(data);
        string[] outputs = OnnxParity.AssertMatches(ml, model, data);
        CollectionAssert.AreEquivalent(new[] { "Score", "Probability", "PredictedLabel" }, outputs);
    }

    [TestMethod]
    public void AnyLoss_ThroughMLNetsConvertToOnnx_MatchesOnnxRuntime()
    {
        // The standard ML.NET call, without our wrapper: ML.NET's converter finds AnyLoss's ONNX code by itself.
        var ml = new MLContext(1);
        IDataView data = Datasets.Binary(ml, "pima_diabetes");
        var model = ml.BinaryClassification.Trainers.AnyLoss(new AnyLossTrainer.Options { HiddenLayerSizes = [8], NumberOfEpochs = 5, Seed = 1 }).Fit(data);
        using var stream = new MemoryStream();
        ml.Model.ConvertToOnnx(model, data, stream);
        var actual = OnnxParity.Run(stream.ToArray(), data);
        float[][] expected = OnnxParity.ReadFloats(model.Transform(data), "Score");
        float[][] score = actual["Score"];
        for (int r = 0; r < expected.Length; r++)
            Assert.IsTrue(Math.Abs(score[r][0] - expected[r][0]) <= OnnxParity.Tolerance * (1 + Math.Abs(expected[r][0])), $"row {r}");
        // ML.NET's converter also makes every input column an output (and an input): the wrapper keeps only what is written.
        Assert.IsTrue(actual.ContainsKey("Label") && actual.ContainsKey("Features"), string.Join(", ", actual.Keys));
    }

    [TestMethod]
    public void ConcatenateThenAnyLoss_ExportsTheWholePipeline()
    {
        var ml = new MLContext(1);
        IDataView data = Datasets.BinarySeparateColumns(ml, "pima_diabetes", out string[] columns);
        var pipeline = ml.Transforms.Concatenate("Features", columns)
            .Append(ml.BinaryClassification.Trainers.AnyLoss(new AnyLossTrainer.Options { NumberOfEpochs = 10, Seed = 1 }));
        var model = pipeline.Fit(data);
        string[] outputs = OnnxParity.AssertMatches(ml, model, data);
        CollectionAssert.AreEquivalent(new[] { "Features", "Score", "Probability", "PredictedLabel" }, outputs);
    }
}
