using System;
using System.Linq;
using MLNetDiff.Kernels;
using MLNetDiff.Nn.Initialization;

namespace MLNetDiff.Nn.Tests.Initialization;

[TestClass]
public sealed class WeightInitializerTests
{
    [TestMethod]
    [DataRow(WeightInitialization.XavierUniform, 100, 50)]
    [DataRow(WeightInitialization.XavierNormal, 100, 50)]
    [DataRow(WeightInitialization.HeUniform, 100, 50)]
    [DataRow(WeightInitialization.HeNormal, 100, 50)]
    public void VarianceMatchesTheScheme(WeightInitialization scheme, int fanIn, int fanOut)
    {
        float[] w = new float[fanIn * fanOut * 4];
        WeightInitializer.Fill(KernelBackends.Default, scheme, fanIn, fanOut, 17, w);
        double mean = w.Average(v => (double)v);
        double variance = w.Average(v => (v - mean) * (v - mean));
        double expected = scheme is WeightInitialization.XavierUniform or WeightInitialization.XavierNormal
            ? 2.0 / (fanIn + fanOut) : 2.0 / fanIn;
        Assert.AreEqual(0, mean, 0.01);
        Assert.AreEqual(expected, variance, 0.05 * expected);
        if (scheme is WeightInitialization.XavierUniform)
            Assert.IsTrue(w.All(v => Math.Abs(v) < Math.Sqrt(6.0 / (fanIn + fanOut))));
    }

    [TestMethod]
    public void ReproducibleAcrossBackendsAndSeedDependent()
    {
        float[] managed = new float[64], scalar = new float[64], other = new float[64];
        WeightInitializer.Fill(KernelBackends.Managed, WeightInitialization.HeNormal, 8, 8, 5, managed);
        WeightInitializer.Fill(KernelBackends.Scalar, WeightInitialization.HeNormal, 8, 8, 5, scalar);
        WeightInitializer.Fill(KernelBackends.Managed, WeightInitialization.HeNormal, 8, 8, 6, other);
        CollectionAssert.AreEqual(scalar, managed);
        CollectionAssert.AreNotEqual(managed, other);
    }

    [TestMethod]
    public void ZerosAndDefaultResolution()
    {
        float[] w = [1, 2, 3];
        WeightInitializer.Fill(KernelBackends.Default, WeightInitialization.Zeros, 3, 1, 0, w);
        CollectionAssert.AreEqual(new float[3], w);
        Assert.AreEqual(WeightInitialization.HeUniform, WeightInitializer.Resolve(WeightInitialization.Default, Activation.Relu));
        Assert.AreEqual(WeightInitialization.XavierUniform, WeightInitializer.Resolve(WeightInitialization.Default, Activation.Tanh));
    }
}
