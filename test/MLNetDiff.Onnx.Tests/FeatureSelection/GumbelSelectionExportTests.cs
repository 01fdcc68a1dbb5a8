using System;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MLNetDiff.Classification;
using MLNetDiff.FeatureSelection;
using MLNetDiff.Metrics;
using MLNetDiff.Nn.Layers;
using MLNetDiff.Onnx.Tests.Helpers;

namespace MLNetDiff.Onnx.Tests.FeatureSelection;

/// <summary>GFSNetwork's ONNX forms: the fitted selector is one Gather of the kept slots; the gate layer (inside a
/// network) is a Mul by its deterministic 0/1 mask. Both against ONNX Runtime on real data.</summary>
[TestClass]
public sealed class GumbelSelectionExportTests
{
    [TestMethod]
    [DataRow("breast_cancer_wdbc")]
    [DataRow("spambase")]
    [DataRow("pima_diabetes")]
    public void Selector_MatchesOnnxRuntime(string dataset)
    {
        var ml = new MLContext(1);
        IDataView data = ml.Data.Cache(Datasets.Binary(ml, dataset));
        var model = ml.Transforms.FeatureSelection.SelectFeaturesGumbel(new GumbelFeatureSelectionEstimator.Options
        {
            OutputColumnName = "Selected", InputColumnName = "Features", Seed = 1, NumberOfEpochs = 20,
        }).Fit(data);
        Assert.IsLessThan(Datasets.FeatureCount(dataset), model.Count, "a proper subset, so the Gather does something");
        string[] outputs = OnnxParity.AssertMatches(ml, model, data);
        CollectionAssert.Contains(outputs, "Selected");
    }

    [TestMethod]
    public void SelectorThenTrainer_ThroughMLNetsConvertToOnnx_MatchesOnnxRuntime()
    {
        // The standard ML.NET call on a whole pipeline: the selector replaces Features, a built-in trainer reads it.
        var ml = new MLContext(1);
        IDataView data = ml.Data.Cache(Datasets.Binary(ml, "breast_cancer_wdbc"));
        var pipeline = ml.Transforms.FeatureSelection.SelectFeaturesGumbel(new GumbelFeatureSelectionEstimator.Options { Seed = 2, NumberOfEpochs = 20 })
            .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression());
        var model = pipeline.Fit(data);
        using var stream = new MemoryStream();
        ml.Model.ConvertToOnnx(model, data, stream);
        var actual = OnnxParity.Run(stream.ToArray(), data);
        float[][] expected = OnnxParity.ReadFloats(model.Transform(data), "Probability");
        float[][] probability = actual["Probability"];
        for (int r = 0; r < expected.Length; r++)
            Assert.IsLessThanOrEqualTo(OnnxParity.Tolerance * (1 + Math.Abs(expected[r][0])), Math.Abs(probability[r][0] - expected[r][0]), $"row {r}");
    }

    [TestMethod]
    public void GateLayerInsideANetwork_MatchesOnnxRuntime()
    {
        var gate = GumbelGate.Create(8, 4, GumbelNoiseKind.SingleGumbel, seed: 3);
        var network = new Sequential([gate, new Linear(8, 4, MLNetDiff.Kernels.Activation.Relu), new Linear(4, 1)]);
        network.Initialize(seed: 3);
        // Biases of both signs, so the mask keeps some features and drops others.
        Span<float> bias = network.GetLayerParameters(0).Slice(8 * 4);
        for (int i = 0; i < 8; i++)
            bias[i] = i % 3 == 0 ? -0.5f : 0.5f;
        var ml = new MLContext(1);
        IHostEnvironment env = ml;
        IDataView data = Datasets.Binary(ml, "pima_diabetes");
        var parameters = new AnyLossModelParameters(env, network, BinaryMetric.F1, 1, 10, 0);
        var calibrated = new ValueMapperCalibratedModelParameters<AnyLossModelParameters, PlattCalibrator>(env, parameters, new PlattCalibrator(env, -1, 0));
        var scorer = new BinaryPredictionTransformer<CalibratedModelParametersBase<AnyLossModelParameters, PlattCalibrator>>(
            env, calibrated, data.Schema, "Features");
        OnnxParity.AssertMatches(ml, scorer, data);
    }
}
