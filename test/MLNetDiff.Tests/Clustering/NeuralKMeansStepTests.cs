using System;
using System.Linq;
using MLNetDiff.Clustering;
using MLNetDiff.Kernels;

namespace MLNetDiff.Tests.Clustering;

/// <summary>Spec A10 (1)–(3), (7): the layer identities and the prototype steps.</summary>
[TestClass]
public sealed class NeuralKMeansStepTests
{
    private static double[] RandomVector(Random random, int n, double scale = 1)
        => Enumerable.Range(0, n).Select(_ => scale * ClusteringTestData.Normal(random)).ToArray();

    private static double[] Unit(double[] v)
    {
        double norm = Math.Sqrt(v.Sum(x => x * x));
        return v.Select(x => x / norm).ToArray();
    }

    /// <summary>(1) Every prototype is a unit vector after every spherical step, and W = 2αΩ round-trips.</summary>
    [TestMethod]
    public void SphericalSteps_KeepUnitNorms_AndTheLayerRoundTrips()
    {
        var random = new Random(1);
        const int K = 5, D = 7;
        float[] prototypes = RandomVector(random, K * D).Select(v => (float)v).ToArray();
        NeuralKMeansSteps.NormalizeRows(prototypes, D);
        for (int step = 0; step < 50; step++)
        {
            double[] sums = RandomVector(random, K * D, 10);
            double[] weights = Enumerable.Range(0, K).Select(j => (double)random.Next(0, 3)).ToArray();
            NeuralKMeansSteps.Spherical(prototypes, sums, weights, D, 0.1 + 0.9 * random.NextDouble());
            for (int j = 0; j < K; j++)
            {
                double norm = Math.Sqrt(prototypes.Skip(j * D).Take(D).Sum(v => (double)v * v));
                Assert.AreEqual(1.0, norm, 1e-6, $"step {step}, prototype {j}");
            }
        }
        double[] omega = prototypes.Select(v => (double)v).ToArray();
        const double Alpha = 0.001;
        double[] back = NeuralKMeansLayer.Prototypes(NeuralKMeansLayer.Weights(omega, Alpha), Alpha);
        for (int i = 0; i < omega.Length; i++)
            Assert.AreEqual(omega[i], back[i], 1e-15);
    }

    /// <summary>(2) softmax(Wx + b) = softmax(−α‖x − Ω‖²) for random x, Ω, α.</summary>
    [TestMethod]
    public void LayerSoftmax_EqualsTheSoftmaxOfNegativeScaledDistances()
    {
        var random = new Random(2);
        for (int trial = 0; trial < 20; trial++)
        {
            const int K = 6, D = 9;
            double alpha = Math.Exp(random.NextDouble() * 6 - 5);
            double[] x = RandomVector(random, D, 2), omega = RandomVector(random, K * D, 2);
            double[] viaLayer = Softmax(NeuralKMeansLayer.Logits(x, omega, alpha));
            double[] direct = Softmax(Enumerable.Range(0, K)
                .Select(j => -alpha * Enumerable.Range(0, D).Sum(f => Math.Pow(x[f] - omega[j * D + f], 2))).ToArray());
            for (int j = 0; j < K; j++)
                Assert.AreEqual(direct[j], viaLayer[j], 1e-12, $"trial {trial}, cluster {j}");
        }
    }

    /// <summary>(3) The reference loss is 0.02(K−1)/K + (0.01/K)·mean‖z − Ω_c‖² on the sphere.</summary>
    [TestMethod]
    public void ReferenceLoss_IsAConstantPlusScaledSphericalKMeans()
    {
        var random = new Random(3);
        const int K = 10, D = 5, B = 32;
        const double Alpha = 1e-3;
        double[] omega = Enumerable.Range(0, K).SelectMany(_ => Unit(RandomVector(random, D))).ToArray();
        double[] z = Enumerable.Range(0, B).SelectMany(_ => Unit(RandomVector(random, D))).ToArray();
        double meanDistance = 0;
        for (int i = 0; i < B; i++)
        {
            meanDistance += Enumerable.Range(0, K)
                .Min(j => Enumerable.Range(0, D).Sum(f => Math.Pow(z[i * D + f] - omega[j * D + f], 2))) / B;
        }
        double expected = 0.02 * (K - 1) / K + 0.01 / K * meanDistance;
        Assert.AreEqual(expected, NeuralKMeansLayer.ReferenceLoss(z, B, omega, Alpha), 1e-9);
    }

    /// <summary>(7) A prototype that got no row in a batch is unchanged by that batch, in both geometries.</summary>
    [TestMethod]
    public void APrototypeWithoutRows_IsUnchanged()
    {
        var random = new Random(4);
        const int K = 3, D = 4;
        float[] prototypes = RandomVector(random, K * D).Select(v => (float)v).ToArray();
        NeuralKMeansSteps.NormalizeRows(prototypes, D);
        float[] before = (float[])prototypes.Clone();
        double[] sums = RandomVector(random, K * D);
        sums.AsSpan(D, D).Clear();
        double[] weights = [2, 0, 1];
        NeuralKMeansSteps.Spherical(prototypes, sums, weights, D, 0.1);
        CollectionAssert.AreEqual(before.Skip(D).Take(D).ToArray(), prototypes.Skip(D).Take(D).ToArray());
        Assert.IsFalse(before.Take(D).SequenceEqual(prototypes.Take(D)), "a prototype that got rows moves");

        before = (float[])prototypes.Clone();
        var seen = new double[K];
        NeuralKMeansSteps.Euclidean(prototypes, seen, sums, weights, D);
        CollectionAssert.AreEqual(before.Skip(D).Take(D).ToArray(), prototypes.Skip(D).Take(D).ToArray());
        Assert.AreEqual(0.0, seen[1]);
    }

    /// <summary>The Euclidean step with the 1/n rate makes a prototype the running weighted mean of its rows.</summary>
    [TestMethod]
    public void EuclideanSteps_MakeThePrototypeTheRunningMean()
    {
        const int D = 2;
        float[] prototype = [100f, -100f];
        var seen = new double[1];
        double[][] batches = [[1, 2], [3, 4], [5, 6]];
        double[] weights = [1, 2, 3];
        double sx = 0, sy = 0, sw = 0;
        for (int b = 0; b < 3; b++)
        {
            double[] sums = [batches[b][0] * weights[b], batches[b][1] * weights[b]];
            NeuralKMeansSteps.Euclidean(prototype, seen, sums, [weights[b]], D);
            sx += sums[0];
            sy += sums[1];
            sw += weights[b];
            Assert.AreEqual(sx / sw, prototype[0], 1e-5);
            Assert.AreEqual(sy / sw, prototype[1], 1e-5);
        }
    }

    /// <summary>k-means++ is a pure function of its inputs and never seeds a row of weight 0.</summary>
    [TestMethod]
    public void KMeansPlusPlus_IsDeterministic_AndSkipsZeroWeights()
    {
        var random = new Random(5);
        const int N = 200, D = 3, K = 6;
        float[] x = RandomVector(random, N * D, 3).Select(v => (float)v).ToArray();
        float[] w = Enumerable.Range(0, N).Select(i => i % 2 == 0 ? 0f : 1f).ToArray();
        float[] a = KMeansPlusPlus.Seed(x, w, N, D, K, 42, KernelBackends.Managed);
        float[] b = KMeansPlusPlus.Seed(x, w, N, D, K, 42, KernelBackends.Managed);
        CollectionAssert.AreEqual(a, b);
        for (int c = 0; c < K; c++)
        {
            int row = Enumerable.Range(0, N).First(i => x.Skip(i * D).Take(D).SequenceEqual(a.Skip(c * D).Take(D)));
            Assert.AreEqual(1, row % 2, $"seed {c} is row {row}, of weight 0");
        }
    }

    private static double[] Softmax(double[] logits)
    {
        double max = logits.Max();
        double[] e = logits.Select(v => Math.Exp(v - max)).ToArray();
        double sum = e.Sum();
        return e.Select(v => v / sum).ToArray();
    }
}
