using System;
using MLNetDiff.Kernels;
using MLNetDiff.Nn.Optimizers;
using MLNetDiff.Nn.Tests.Helpers;

namespace MLNetDiff.Nn.Tests.Optimizers;

[TestClass]
public sealed class OptimizerTests
{
    private static KernelBackend Backend => KernelBackends.Default;

    [TestMethod]
    [DataRow(false, 0f)]
    [DataRow(false, 0.01f)]
    [DataRow(true, 0.01f)]
    public void AdamMatchesReferenceRule(bool decoupled, float weightDecay)
    {
        float[] w = TestArrays.Normal(37, 1);
        float[] reference = (float[])w.Clone();
        double[] m = new double[37], v = new double[37];
        var adam = new AdamOptimizer(0.9f, 0.999f, 1e-8f, weightDecay, decoupled);
        const float lr = 0.01f;
        for (int step = 1; step <= 5; step++)
        {
            float[] g = TestArrays.Normal(37, 100 + step);
            adam.Update(Backend, w, g, lr);
            for (int i = 0; i < 37; i++)
            {
                double gi = g[i] + (decoupled ? 0 : weightDecay * reference[i]);
                m[i] = 0.9 * m[i] + 0.1 * gi;
                v[i] = 0.999 * v[i] + 0.001 * gi * gi;
                double mh = m[i] / (1 - Math.Pow(0.9, step)), vh = v[i] / (1 - Math.Pow(0.999, step));
                reference[i] -= (float)(lr * (mh / (Math.Sqrt(vh) + 1e-8) + (decoupled ? weightDecay * reference[i] : 0)));
            }
        }
        for (int i = 0; i < 37; i++)
            Assert.AreEqual(reference[i], w[i], 1e-5 + 1e-4 * Math.Abs(reference[i]));
        Assert.AreEqual(5, adam.StepCount);
        Assert.AreEqual(decoupled ? "AdamW" : "Adam", adam.Name);
    }

    [TestMethod]
    [DataRow(0f, false, 0f)]
    [DataRow(0.9f, false, 0f)]
    [DataRow(0.9f, true, 0.1f)]
    public void SgdMatchesReferenceRule(float momentum, bool nesterov, float weightDecay)
    {
        float[] w = TestArrays.Normal(19, 2);
        float[] reference = (float[])w.Clone();
        double[] buffer = new double[19];
        var sgd = new SgdOptimizer(momentum, nesterov, weightDecay);
        const float lr = 0.1f;
        for (int step = 1; step <= 4; step++)
        {
            float[] g = TestArrays.Normal(19, 200 + step);
            sgd.Update(Backend, w, g, lr);
            for (int i = 0; i < 19; i++)
            {
                double gi = g[i] + weightDecay * reference[i];
                buffer[i] = momentum * buffer[i] + gi;
                double update = momentum == 0 ? gi : nesterov ? gi + momentum * buffer[i] : buffer[i];
                reference[i] -= (float)(lr * update);
            }
        }
        for (int i = 0; i < 19; i++)
            Assert.AreEqual(reference[i], w[i], 1e-5 + 1e-5 * Math.Abs(reference[i]));
    }

    [TestMethod]
    public void StateIsSizedOnceAndMismatchedLengthsAreRejected()
    {
        var adam = new AdamOptimizer();
        adam.Update(Backend, new float[4], new float[4], 0.1f);
        Assert.ThrowsExactly<ArgumentException>(() => adam.Update(Backend, new float[5], new float[5], 0.1f));
        Assert.ThrowsExactly<ArgumentException>(() => adam.Update(Backend, new float[4], new float[3], 0.1f));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => adam.Update(Backend, new float[4], new float[4], -1f));
    }

    [TestMethod]
    public void ClippingScalesToTheMaximumNorm()
    {
        float[] g = [3f, 4f];
        float norm = GradientClipping.ClipByGlobalNorm(Backend, g, 1f);
        Assert.AreEqual(5f, norm, 1e-6f);
        Assert.AreEqual(0.6f, g[0], 1e-6f);
        Assert.AreEqual(0.8f, g[1], 1e-6f);
        float[] small = [0.3f, 0.4f];
        GradientClipping.ClipByGlobalNorm(Backend, small, 1f);
        CollectionAssert.AreEqual(new[] { 0.3f, 0.4f }, small);
    }
}
