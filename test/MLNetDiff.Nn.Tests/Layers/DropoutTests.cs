using System;
using System.Linq;
using MLNetDiff.Kernels;
using MLNetDiff.Nn.Diagnostics;
using MLNetDiff.Nn.Layers;
using MLNetDiff.Nn.Tests.Helpers;

namespace MLNetDiff.Nn.Tests.Layers;

[TestClass]
public sealed class DropoutTests
{
    [TestMethod]
    public void GradientsMatchFiniteDifferencesWithFixedMask()
    {
        var layer = new Dropout(8, 0.3f);
        float[] input = TestArrays.Normal(5 * 8, 31);
        GradientCheckResult result = GradientChecker.CheckLayer(layer, input, 5, training: true);
        Assert.IsTrue(result.Passed, result.ToString());
    }

    [TestMethod]
    public void MaskIsReproducibleAndScaled()
    {
        var layer = new Dropout(1000, 0.25f);
        float[] x = Enumerable.Repeat(1f, 4000).ToArray();
        float[] y1 = Forward(layer, x, step: 7, seed: 5);
        float[] y2 = Forward(layer, x, step: 7, seed: 5);
        float[] y3 = Forward(layer, x, step: 8, seed: 5);
        CollectionAssert.AreEqual(y1, y2);
        CollectionAssert.AreNotEqual(y1, y3);
        double dropped = y1.Count(v => v == 0f) / (double)y1.Length;
        Assert.AreEqual(0.25, dropped, 0.03);
        Assert.IsTrue(y1.All(v => v == 0f || Math.Abs(v - 1f / 0.75f) < 1e-6f));
    }

    [TestMethod]
    public void InferenceIsIdentity()
    {
        var layer = new Dropout(10, 0.5f);
        float[] x = TestArrays.Normal(20, 1);
        float[] y = new float[20];
        layer.Forward(new LayerContext(KernelBackends.Default, false, 1, 1), 2, default, x, y, new float[20]);
        CollectionAssert.AreEqual(x, y);
    }

    [TestMethod]
    public void RateOutsideRangeIsRejected()
    {
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new Dropout(3, 1f));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new Dropout(3, -0.1f));
    }

    private static float[] Forward(Dropout layer, float[] x, long step, ulong seed)
    {
        float[] y = new float[x.Length];
        int rows = x.Length / layer.InputSize;
        layer.Forward(new LayerContext(KernelBackends.Default, true, seed, step), rows, default, x, y, new float[x.Length]);
        return y;
    }
}
