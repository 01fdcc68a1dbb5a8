using System;
using MLNetDiff.Kernels;
using MLNetDiff.Nn.Diagnostics;
using MLNetDiff.Nn.Losses;
using MLNetDiff.Nn.Tests.Helpers;

namespace MLNetDiff.Nn.Tests.Losses;

[TestClass]
public sealed class LossTests
{
    private static KernelBackend Backend => KernelBackends.Default;

    [TestMethod]
    [DataRow(1f, 1f)]
    [DataRow(3f, 0.5f)]
    public void BinaryCrossEntropyGradientsMatch(float positiveWeight, float negativeWeight)
    {
        var loss = new BinaryCrossEntropyWithLogitsLoss(positiveWeight, negativeWeight);
        float[] z = TestArrays.Normal(12, 61, 2f);
        float[] y = TestArrays.BinaryLabels(12, 62);
        y[3] = 0.3f; // soft label
        Assert.IsTrue(GradientChecker.CheckLoss(loss, z, y, 6, 2).Passed);
    }

    [TestMethod]
    public void BinaryCrossEntropyMatchesDefinitionAndIsStable()
    {
        var loss = new BinaryCrossEntropyWithLogitsLoss(2f, 1f);
        float[] z = [0.5f, -1.5f, 80f, -80f];
        float[] y = [1f, 0f, 0f, 1f];
        double expected = 0;
        for (int i = 0; i < 4; i++)
        {
            double p = 1 / (1 + Math.Exp(-z[i]));
            double logP = -Softplus(-z[i]), log1mP = -Softplus(z[i]);
            expected += -(2 * y[i] * logP + (1 - y[i]) * log1mP);
            _ = p;
        }
        expected /= 4;
        float[] g = new float[4];
        double actual = loss.Compute(Backend, z, y, 4, 1, g);
        Assert.AreEqual(expected, actual, 1e-5 * Math.Abs(expected));
        Assert.IsTrue(double.IsFinite(actual));
        foreach (float v in g)
            Assert.IsTrue(float.IsFinite(v));
        Assert.AreEqual(-2f / 4, g[3], 1e-6); // y = 1, z → −∞: ∂/∂z = −w₊/count
    }

    [TestMethod]
    public void SoftmaxCrossEntropyGradientsMatch()
    {
        var loss = new SoftmaxCrossEntropyLoss();
        float[] z = TestArrays.Normal(5 * 4, 63, 2f);
        float[] y = [0, 3, 2, 1, 3];
        Assert.IsTrue(GradientChecker.CheckLoss(loss, z, y, 5, 4).Passed);
        var weighted = new SoftmaxCrossEntropyLoss([0.5f, 2f, 1f, 3f]);
        Assert.IsTrue(GradientChecker.CheckLoss(weighted, z, y, 5, 4).Passed);
    }

    [TestMethod]
    public void SoftmaxCrossEntropyMatchesDefinitionWithIntLabels()
    {
        var loss = new SoftmaxCrossEntropyLoss();
        float[] z = [1f, 2f, 3f, 1000f, 0f, -1000f];
        int[] y = [2, 1];
        double row0 = -(3 - Math.Log(Math.Exp(1) + Math.Exp(2) + Math.Exp(3)));
        double row1 = 1000; // −log softmax = 1000 − 0 (stable)
        double fromInts = loss.Compute(Backend, z, y, 2, 3, new float[6]);
        Assert.AreEqual((row0 + row1) / 2, fromInts, 1e-4);
        double fromFloats = loss.Compute(Backend, z, [2f, 1f], 2, 3, default);
        Assert.AreEqual(fromInts, fromFloats, 1e-9);
    }

    [TestMethod]
    public void SoftmaxCrossEntropyRejectsBadLabels()
    {
        var loss = new SoftmaxCrossEntropyLoss();
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => loss.Compute(Backend, new float[6], [0f, 3f], 2, 3, default));
        Assert.ThrowsExactly<ArgumentException>(() => loss.Compute(Backend, new float[6], [0f, 1.5f], 2, 3, default));
    }

    [TestMethod]
    public void MeanSquaredErrorGradientsMatchAndValue()
    {
        var loss = new MeanSquaredErrorLoss();
        float[] z = TestArrays.Normal(8, 64);
        float[] t = TestArrays.Normal(8, 65);
        Assert.IsTrue(GradientChecker.CheckLoss(loss, z, t, 4, 2).Passed);
        double expected = 0;
        for (int i = 0; i < 8; i++)
            expected += (z[i] - t[i]) * (double)(z[i] - t[i]);
        Assert.AreEqual(expected / 8, loss.Compute(Backend, z, t, 4, 2, default), 1e-6);
    }

    [TestMethod]
    public void ShapeValidationNamesTheProblem()
    {
        var e = Assert.ThrowsExactly<ArgumentException>(() => new SoftmaxCrossEntropyLoss().ValidateShape(1, 1));
        StringAssert.Contains(e.Message, "at least 2 outputs");
        Assert.ThrowsExactly<ArgumentException>(() => new MeanSquaredErrorLoss().ValidateShape(3, 1));
    }

    private static double Softplus(double x) => Math.Max(x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x)));
}
