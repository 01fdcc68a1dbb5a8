using System;
using System.Collections.Generic;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MLNetDiff.Classification;
using MLNetDiff.Kernels;
using MLNetDiff.Metrics;
using MLNetDiff.Networks.Onnx;
using MLNetDiff.Nn.Layers;
using MLNetDiff.Onnx.Tests.Helpers;
using MLNetDiff.Onnx.Tests.TestLayers;

namespace MLNetDiff.Onnx.Tests;

/// <summary>Networks with every layer kind the ONNX writers know, and layers added from outside the engine and the
/// exporter (the open layer set), inside a real AnyLoss model, against ML.NET on pima_diabetes at the converter's lowest
/// and highest opsets.</summary>
[TestClass]
public sealed class NetworkExportTests
{
    public static IEnumerable<object[]> Cases()
    {
        foreach (int opset in new[] { OnnxExportOptions.MinimumOpset, OnnxExportOptions.MaximumOpset })
        {
            foreach (Activation activation in Enum.GetValues<Activation>())
                yield return [opset, activation];
        }
    }

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public void Network_WithEveryLayerKind_MatchesOnnxRuntime(int opset, Activation activation)
    {
        var network = Perturbed(new Sequential(
        [
            new Linear(8, 12, activation, true),
            new LayerNorm(12),
            new Dropout(12, 0.3f),
            new Linear(12, 6, Activation.Identity, true),
            new ActivationLayer(6, activation, 0.05f),
            new LayerNorm(6, affine: false),
            new Linear(6, 1, Activation.Identity, true),
        ]));
        var (ml, model, data) = Wrap(network);
        string[] outputs = OnnxParity.AssertMatches(ml, model, data, opset);
        CollectionAssert.AreEquivalent(new[] { "Features", "Score", "Probability", "PredictedLabel" }, outputs);
    }

    [TestMethod]
    public void LayerWithARegisteredWriter_Exports()
    {
        OnnxLayerWriters.Register<AffineTestLayer>(new AffineTestLayerWriter());
        var network = Perturbed(new Sequential([new Linear(8, 4, Activation.Tanh), new AffineTestLayer(4), new Linear(4, 1)]));
        var (ml, model, data) = Wrap(network);
        OnnxParity.AssertMatches(ml, model, data);
    }

    [TestMethod]
    public void LayerThatWritesItself_Exports()
    {
        var network = Perturbed(new Sequential([new Linear(8, 4, Activation.Relu), new SelfWritingNegateLayer(4), new Linear(4, 1)]));
        var (ml, model, data) = Wrap(network);
        OnnxParity.AssertMatches(ml, model, data);
    }

    [TestMethod]
    public void LayerWithoutAWriter_FailsNamingTheStepAndTheLayer()
    {
        var network = Perturbed(new Sequential([new Linear(8, 4, Activation.Relu), new UnwritableTestLayer(4), new Linear(4, 1)]));
        var (ml, model, data) = Wrap(network);
        var e = Assert.Throws<NotSupportedException>(() => OnnxParity.Export(ml, model, data));
        StringAssert.Contains(e.Message, "step 2 of 2 (BinaryPredictionTransformer<");
        StringAssert.Contains(e.Message, "layer 1 (UnwritableTestLayer) has no ONNX writer");
    }

    /// <summary>Engine initialisation plus noise, so that LayerNorm's γ and β are not 1 and 0.</summary>
    private static Sequential Perturbed(Sequential network)
    {
        network.Initialize(seed: 3);
        var random = new Random(5);
        Span<float> p = network.Parameters;
        for (int i = 0; i < p.Length; i++)
            p[i] += (float)(random.NextDouble() - 0.5) * 0.2f;
        return network;
    }

    /// <summary>NormalizeMeanVariance on pima_diabetes, then the network as a calibrated AnyLoss model in ML.NET's
    /// binary prediction transformer, as the trainer builds it.</summary>
    private static (MLContext Ml, ITransformer Model, IDataView Data) Wrap(Sequential network)
    {
        var ml = new MLContext(1);
        IHostEnvironment env = ml;
        IDataView data = Datasets.Binary(ml, "pima_diabetes");
        var normalizer = ml.Transforms.NormalizeMeanVariance("Features").Fit(data);
        var parameters = new AnyLossModelParameters(env, network, BinaryMetric.F1, 1, 10, 0);
        var calibrated = new ValueMapperCalibratedModelParameters<AnyLossModelParameters, PlattCalibrator>(env, parameters, new PlattCalibrator(env, -1, 0));
        var scorer = new BinaryPredictionTransformer<CalibratedModelParametersBase<AnyLossModelParameters, PlattCalibrator>>(
            env, calibrated, normalizer.GetOutputSchema(data.Schema), "Features");
        return (ml, new TransformerChain<ITransformer>(normalizer, scorer), data);
    }
}
