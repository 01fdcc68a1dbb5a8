using MLNetDiff.Kernels;
using MLNetDiff.Nn.Diagnostics;
using MLNetDiff.Nn.Layers;
using MLNetDiff.Nn.Tests.Helpers;

namespace MLNetDiff.Nn.Tests.Layers;

[TestClass]
public sealed class ActivationLayerTests
{
    [TestMethod]
    [DataRow(Activation.Identity)]
    [DataRow(Activation.Relu)]
    [DataRow(Activation.LeakyRelu)]
    [DataRow(Activation.Gelu)]
    [DataRow(Activation.Sigmoid)]
    [DataRow(Activation.Tanh)]
    public void GradientsMatchFiniteDifferences(Activation activation)
    {
        var layer = new ActivationLayer(6, activation, 0.2f);
        float[] input = TestArrays.Normal(4 * 6, 21);
        GradientCheckResult result = GradientChecker.CheckLayer(layer, input, 4);
        Assert.IsTrue(result.Passed, result.ToString());
        Assert.AreEqual(0, layer.ParameterCount);
    }
}
