using System;
using MLNetDiff.Kernels;
using MLNetDiff.Nn.Diagnostics;
using MLNetDiff.Nn.Layers;
using MLNetDiff.Nn.Losses;
using MLNetDiff.Nn.Tests.Helpers;

namespace MLNetDiff.Nn.Tests.Layers;

[TestClass]
public sealed class SequentialTests
{
    [TestMethod]
    public void WholeMlpGradientsMatchFiniteDifferences()
    {
        Sequential network = MultiLayerPerceptron.Create(6, [5, 4], 1, Activation.Tanh, seed: 3);
        float[] x = TestArrays.Normal(7 * 6, 51);
        float[] y = TestArrays.BinaryLabels(7, 52);
        GradientCheckResult result = GradientChecker.CheckNetwork(network, new BinaryCrossEntropyWithLogitsLoss(), x, y, 7);
        Assert.IsTrue(result.Passed, result.ToString());
        Assert.AreEqual(network.ParameterCount + x.Length, result.Checked);
    }

    [TestMethod]
    public void MlpWithLayerNormAndDropoutGradientsMatch()
    {
        Sequential network = MultiLayerPerceptron.Create(5, [6], 3, Activation.Gelu, seed: 4, dropoutRate: 0.2f, layerNorm: true);
        float[] x = TestArrays.Normal(6 * 5, 53);
        float[] y = [0, 2, 1, 1, 0, 2];
        GradientCheckResult result = GradientChecker.CheckNetwork(network, new SoftmaxCrossEntropyLoss(), x, y, 6, training: true);
        Assert.IsTrue(result.Passed, result.ToString());
    }

    [TestMethod]
    public void ReluMlpRegressionGradientsMatch()
    {
        Sequential network = MultiLayerPerceptron.Create(4, [8, 8], 2, Activation.Relu, seed: 5);
        float[] x = TestArrays.Normal(5 * 4, 54);
        float[] y = TestArrays.Normal(5 * 2, 55);
        GradientCheckResult result = GradientChecker.CheckNetwork(network, new MeanSquaredErrorLoss(), x, y, 5);
        Assert.IsTrue(result.Passed, result.ToString());
    }

    [TestMethod]
    public void ParametersAreOneFlatBufferInLayerOrder()
    {
        Sequential network = MultiLayerPerceptron.Create(50, [128, 64], 1);
        Assert.AreEqual(50 * 128 + 128 + 128 * 64 + 64 + 64 + 1, network.ParameterCount);
        Assert.AreEqual(network.ParameterCount, network.Gradients.Length);
        Assert.AreEqual(0, network.GetParameterOffset(0));
        Assert.AreEqual(50 * 128 + 128, network.GetParameterOffset(1));
        Assert.AreEqual(50 * 128 + 128 + 128 * 64 + 64, network.GetParameterOffset(2));
    }

    [TestMethod]
    public void InitializationIsReproducibleAndSeedDependent()
    {
        float[] a = MultiLayerPerceptron.Create(10, [8], 1, seed: 9).Parameters.ToArray();
        float[] b = MultiLayerPerceptron.Create(10, [8], 1, seed: 9).Parameters.ToArray();
        float[] c = MultiLayerPerceptron.Create(10, [8], 1, seed: 10).Parameters.ToArray();
        CollectionAssert.AreEqual(a, b);
        CollectionAssert.AreNotEqual(a, c);
    }

    [TestMethod]
    public void PredictMatchesForwardAndChunks()
    {
        Sequential network = MultiLayerPerceptron.Create(3, [4], 2, seed: 1);
        float[] x = TestArrays.Normal(2500 * 3, 2);
        float[] predicted = new float[2500 * 2];
        network.Predict(x, 2500, predicted, network.CreateWorkspace(100));
        float[] direct = network.Forward(x, 2500, training: false).ToArray();
        CollectionAssert.AreEqual(direct, predicted);
    }

    [TestMethod]
    public void MismatchedLayersAreRejected()
    {
        var e = Assert.ThrowsExactly<ArgumentException>(() => new Sequential([new Linear(3, 4), new Linear(5, 1)]));
        StringAssert.Contains(e.Message, "expects 5 inputs");
        Assert.ThrowsExactly<ArgumentException>(() => new Sequential([]));
    }

    [TestMethod]
    public void BackwardWithoutForwardFails()
    {
        Sequential network = MultiLayerPerceptron.Create(3, [], 1);
        Assert.ThrowsExactly<InvalidOperationException>(() => network.Backward(new float[3], new float[1], 1));
    }
}
