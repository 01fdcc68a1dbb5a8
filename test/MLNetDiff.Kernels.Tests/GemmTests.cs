using System;
using System.Collections.Generic;

namespace MLNetDiff.Kernels.Tests;

/// <summary>GEMM through the <see cref="KernelBackend"/> API on a handful of odd shapes, every transpose
/// combination, padded leading dimensions, alpha/beta (ManagedGemm itself is tested exhaustively elsewhere).</summary>
[TestClass]
public sealed class GemmTests
{
    private static readonly (int M, int N, int K)[] Shapes =
    [
        (1, 1, 1), (2, 3, 4), (7, 5, 3), (17, 31, 13), (33, 65, 129), (1, 70, 5), (64, 64, 64), (5, 7, 0),
        (0, 3, 3), (3, 0, 3), (97, 3, 200),
    ];

    private static readonly (float Alpha, float Beta)[] Scalars = [(1f, 0f), (-0.5f, 0.75f), (2f, 1f)];

    [TestMethod]
    [DynamicData(nameof(TestBackends.Kinds), typeof(TestBackends))]
    public void Gemm_OddShapes_MatchScalar(KernelBackendKind kind)
    {
        IReadOnlyList<BackendVariant> variants = TestBackends.Variants(kind);
        foreach ((int m, int n, int k) in Shapes)
        {
            foreach (bool transA in new[] { false, true })
            {
                foreach (bool transB in new[] { false, true })
                {
                    foreach ((float alpha, float beta) in Scalars)
                        Check(variants, m, n, k, transA, transB, alpha, beta);
                }
            }
        }
    }

    /// <summary>Threads split M or N, never K: the thread count does not change a bit.</summary>
    [TestMethod]
    [DynamicData(nameof(TestBackends.Kinds), typeof(TestBackends))]
    public void Gemm_ThreadCount_DoesNotChangeResults(KernelBackendKind kind)
    {
        const int m = 150, n = 170, k = 190;
        float[] a = TestData.Uniform(m * k, -1, 1, 1);
        float[] b = TestData.Uniform(k * n, -1, 1, 2);
        TestBackends.ForEach(kind, (backend, label) =>
        {
            float[] single = new float[m * n];
            backend.WithMaxThreads(1).Gemm(false, false, m, n, k, 1f, a, k, b, n, 0f, single, n);
            float[] dual = new float[m * n];
            backend.WithMaxThreads(2).Gemm(false, false, m, n, k, 1f, a, k, b, n, 0f, dual, n);
            NumericAssert.BitEqual(single, dual, $"{label} gemm 1 vs 2 threads");
        });
    }

    /// <summary>Row strides that are a multiple of 4 KiB (lda % 1024 == 0) alias in L1 and make GEMMs choose other
    /// operand layouts (the managed GEMM packs such A; see docs/benchmarks.md for the native case): the values must be
    /// the same as with an unaligned stride, bit for bit, at any thread count.</summary>
    [TestMethod]
    [DynamicData(nameof(TestBackends.Kinds), typeof(TestBackends))]
    public void Gemm_LeadingDimensionMultipleOf4KiB_MatchesScalarAndUnalignedStride(KernelBackendKind kind)
    {
        IReadOnlyList<BackendVariant> variants = TestBackends.Variants(kind);
        foreach ((int m, int n, int k) in new[] { (37, 70, 500), (15, 33, 1021), (1, 5, 7) })
        {
            foreach ((float alpha, float beta) in Scalars)
                Check(variants, m, n, k, false, false, alpha, beta, lda: 1024);
        }

        const int rows = 300, cols = 600, depth = 1000;
        float[] aligned = TestData.Uniform(rows * 1024, -1, 1, 11);
        float[] unaligned = new float[rows * 1027];
        for (int i = 0; i < rows; i++)
            aligned.AsSpan(i * 1024, depth).CopyTo(unaligned.AsSpan(i * 1027, depth));
        float[] b = TestData.Uniform(depth * cols, -1, 1, 12);
        TestBackends.ForEach(kind, (backend, label) =>
        {
            float[] reference = new float[rows * cols];
            backend.WithMaxThreads(1).Gemm(false, false, rows, cols, depth, 1f, unaligned, 1027, b, cols, 0f, reference, cols);
            foreach (int threads in new[] { 1, 2 })
            {
                float[] c = new float[rows * cols];
                backend.WithMaxThreads(threads).Gemm(false, false, rows, cols, depth, 1f, aligned, 1024, b, cols, 0f, c, cols);
                NumericAssert.BitEqual(reference, c, $"{label} lda 1024 vs 1027, {threads} thread(s)");
            }
        });
    }

    private static void Check(IReadOnlyList<BackendVariant> variants, int m, int n, int k, bool transA, bool transB,
        float alpha, float beta, int? lda = null)
    {
        int aRows = transA ? k : m, aCols = transA ? m : k;
        int bRows = transB ? n : k, bCols = transB ? k : n;
        int ldaValue = lda ?? aCols + 3, ldb = bCols + 1, ldc = n + 2;
        int seed = TestData.Seed(m * 1000 + n, k, (transA ? 2 : 0) + (transB ? 1 : 0));
        float[] a = TestData.Uniform(Math.Max(0, aRows * ldaValue), -1, 1, seed);
        float[] b = TestData.Uniform(Math.Max(0, bRows * ldb), -1, 1, seed + 1);
        float[] c0 = TestData.Uniform(m * ldc, -1, 1, seed + 2);
        if (beta == 0f)
            c0.AsSpan().Fill(float.NaN); // beta = 0 must not read C

        float[] expected = (float[])c0.Clone();
        TestBackends.Scalar.Gemm(transA, transB, m, n, k, alpha, a, ldaValue, b, ldb, beta, expected, ldc);
        var tolerance = new Tolerance[m * ldc];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double magnitude = 0;
                for (int p = 0; p < k; p++)
                {
                    float av = transA ? a[p * ldaValue + i] : a[i * ldaValue + p];
                    float bv = transB ? b[j * ldb + p] : b[p * ldb + j];
                    magnitude += Math.Abs((double)alpha * av * bv);
                }
                tolerance[i * ldc + j] = Tolerance.Gemm(k, magnitude, beta == 0f ? 0 : Math.Abs(beta * c0[i * ldc + j]));
            }
        }

        foreach (BackendVariant variant in variants)
        {
            using IDisposable _ = variant.Activate();
            string context = $"{variant} gemm {m}x{n}x{k} transA={transA} transB={transB} alpha={alpha} beta={beta}";
            float[] c = (float[])c0.Clone();
            variant.Backend.Gemm(transA, transB, m, n, k, alpha, a, ldaValue, b, ldb, beta, c, ldc);
            for (int i = 0; i < m; i++)
            {
                int row = i;
                NumericAssert.Close(expected.AsSpan(i * ldc, n), c.AsSpan(i * ldc, n),
                    j => tolerance[row * ldc + j], $"{context} row {i}");
                // The padding between rows (ldc > n) is not part of C: untouched.
                NumericAssert.BitEqual(c0.AsSpan(i * ldc + n, ldc - n), c.AsSpan(i * ldc + n, ldc - n), $"{context} row {i} padding");
            }
        }
    }
}
