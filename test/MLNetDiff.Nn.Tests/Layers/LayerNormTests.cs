using System;
using MLNetDiff.Kernels;
using MLNetDiff.Nn.Diagnostics;
using MLNetDiff.Nn.Layers;
using MLNetDiff.Nn.Tests.Helpers;

namespace MLNetDiff.Nn.Tests.Layers;

[TestClass]
public sealed class LayerNormTests
{
    [TestMethod]
    [DataRow(true)]
    [DataRow(false)]
    public void GradientsMatchFiniteDifferences(bool affine)
    {
        var layer = new LayerNorm(6, 1e-5f, affine);
        float[] input = TestArrays.Normal(4 * 6, 41, 2f);
        float[] parameters = affine ? TestArrays.Normal(12, 42, 0.5f) : [];
        for (int i = 0; i < parameters.Length / 2; i++)
            parameters[i] += 1f;
        GradientCheckResult result = GradientChecker.CheckLayer(layer, input, 4, parameters);
        Assert.IsTrue(result.Passed, result.ToString());
    }

    [TestMethod]
    public void RowsAreStandardised()
    {
        var layer = new LayerNorm(5);
        float[] p = new float[layer.ParameterCount];
        layer.InitializeParameters(p, KernelBackends.Default, 0);
        float[] x = TestArrays.Normal(3 * 5, 7, 4f);
        float[] y = new float[15];
        layer.Forward(new LayerContext(KernelBackends.Default, false, 0, 0), 3, p, x, y, new float[6]);
        for (int r = 0; r < 3; r++)
        {
            double mean = 0, sq = 0;
            for (int c = 0; c < 5; c++)
                mean += y[r * 5 + c];
            mean /= 5;
            for (int c = 0; c < 5; c++)
                sq += (y[r * 5 + c] - mean) * (y[r * 5 + c] - mean);
            Assert.AreEqual(0, mean, 1e-5);
            Assert.AreEqual(1, sq / 5, 1e-3);
        }
    }
}
