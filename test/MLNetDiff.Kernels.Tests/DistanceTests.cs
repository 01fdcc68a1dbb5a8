using System;
using System.Collections.Generic;

namespace MLNetDiff.Kernels.Tests;

/// <summary>Squared Euclidean distances on every backend against the scalar reference (direct differences):
/// d 0..257, small problems (direct) and large ones (norms + GEMM), the ≥ 0 clamp.</summary>
[TestClass]
public sealed class DistanceTests
{
    private static readonly (int M, int N, int D)[] Shapes =
    [
        (0, 3, 4), (3, 0, 4), (2, 3, 0), (1, 1, 1), (3, 5, 7), (17, 9, 16), (40, 41, 40), (64, 100, 33),
        (5, 2000, 17), (3, 1100, 31), (130, 70, 129),
    ];

    [TestMethod]
    [DynamicData(nameof(TestBackends.Kinds), typeof(TestBackends))]
    public void Distances_MatchScalar(KernelBackendKind kind)
    {
        IReadOnlyList<BackendVariant> variants = TestBackends.Variants(kind);
        var shapes = new List<(int M, int N, int D)>(Shapes);
        for (int d = 0; d <= BiasActivationTests.MaxSweep; d++)
            shapes.Add((3, 4, d));
        foreach ((int m, int n, int d) in shapes)
        {
            float[] x = TestData.Uniform(m * d, -2, 2, TestData.Seed(m, n, d));
            float[] y = TestData.Uniform(n * d, -2, 2, TestData.Seed(n, m, d));
            Check(variants, m, n, d, x, y, $"{m}x{n}x{d}");
        }
    }

    /// <summary>x == y: the diagonal is 0 up to cancellation and never negative (the clamp), on both paths.</summary>
    [TestMethod]
    [DynamicData(nameof(TestBackends.Kinds), typeof(TestBackends))]
    public void Distances_OfIdenticalRows_AreClampedAtZero(KernelBackendKind kind)
    {
        IReadOnlyList<BackendVariant> variants = TestBackends.Variants(kind);
        foreach ((int m, int d) in new[] { (5, 7), (70, 64), (300, 33) })
        {
            float[] x = TestData.Uniform(m * d, 10, 11, m + d);
            Check(variants, m, m, d, x, x, $"identical {m}x{m}x{d}");
            foreach (BackendVariant variant in variants)
            {
                using IDisposable _ = variant.Activate();
                float[] distances = new float[m * m];
                variant.Backend.SquaredEuclideanDistances(m, m, d, x, x, distances);
                for (int i = 0; i < distances.Length; i++)
                    Assert.IsTrue(distances[i] >= 0f, $"{variant} identical rows: distance[{i}] = {distances[i]} < 0");
            }
        }
    }

    private static void Check(IReadOnlyList<BackendVariant> variants, int m, int n, int d, float[] x, float[] y,
        string shape)
    {
        float[] expected = new float[m * n];
        TestBackends.Scalar.SquaredEuclideanDistances(m, n, d, x, y, expected);
        var xNorms = new double[m];
        var yNorms = new double[n];
        for (int i = 0; i < m; i++)
        {
            for (int p = 0; p < d; p++)
                xNorms[i] += (double)x[i * d + p] * x[i * d + p];
        }
        for (int j = 0; j < n; j++)
        {
            for (int p = 0; p < d; p++)
                yNorms[j] += (double)y[j * d + p] * y[j * d + p];
        }
        foreach (BackendVariant variant in variants)
        {
            using IDisposable _ = variant.Activate();
            string context = $"{variant} distances {shape}";
            float[] actual = TestData.Guarded(m * n);
            variant.Backend.SquaredEuclideanDistances(m, n, d, x, y, actual);
            NumericAssert.Close(expected, actual.AsSpan(0, m * n),
                index => Tolerance.Distance(d, xNorms[index / n] + yNorms[index % n]), context);
            TestData.AssertGuard(actual, m * n, context);
        }
    }
}
