using System;
using System.Collections.Generic;

namespace MLNetDiff.Kernels.Tests;

/// <summary>Softmax, log-softmax and log-sum-exp on every backend against the scalar reference: cols 0..257 over
/// a few row counts, odd shapes, in place, ±∞ and NaN rows.</summary>
[TestClass]
public sealed class RowKernelTests
{
    private static readonly int[] SweepRows = [1, 2, 5];

    private static readonly (int Rows, int Cols)[] OddShapes =
        [(0, 0), (0, 9), (9, 0), (1, 1), (70, 3), (3, 1000), (1, 4099), (33, 130)];

    [TestMethod]
    [DynamicData(nameof(TestBackends.Kinds), typeof(TestBackends))]
    public void Softmax_EveryColumnCount_MatchesScalar(KernelBackendKind kind)
    {
        IReadOnlyList<BackendVariant> variants = TestBackends.Variants(kind);
        foreach ((int rows, int cols) in Shapes())
            CheckRowMap(variants, "softmax", rows, cols, Tolerance.Softmax(cols), (b, x, y) => b.Softmax(rows, cols, x, y));
    }

    [TestMethod]
    [DynamicData(nameof(TestBackends.Kinds), typeof(TestBackends))]
    public void LogSoftmax_EveryColumnCount_MatchesScalar(KernelBackendKind kind)
    {
        IReadOnlyList<BackendVariant> variants = TestBackends.Variants(kind);
        foreach ((int rows, int cols) in Shapes())
            CheckRowMap(variants, "log-softmax", rows, cols, Tolerance.LogSumExp(cols), (b, x, y) => b.LogSoftmax(rows, cols, x, y));
    }

    [TestMethod]
    [DynamicData(nameof(TestBackends.Kinds), typeof(TestBackends))]
    public void LogSumExp_EveryColumnCount_MatchesScalar(KernelBackendKind kind)
    {
        IReadOnlyList<BackendVariant> variants = TestBackends.Variants(kind);
        foreach ((int rows, int cols) in Shapes())
        {
            float[] x = TestData.Uniform(rows * cols, -8, 8, TestData.Seed(rows, cols, 3));
            float[] expected = new float[rows];
            TestBackends.Scalar.LogSumExp(rows, cols, x, expected);
            foreach (BackendVariant variant in variants)
            {
                using IDisposable _ = variant.Activate();
                string context = $"{variant} logsumexp {rows}x{cols}";
                float[] actual = TestData.Guarded(rows);
                variant.Backend.LogSumExp(rows, cols, x, actual);
                NumericAssert.Close(expected, actual.AsSpan(0, rows), Tolerance.LogSumExp(cols), context);
                TestData.AssertGuard(actual, rows, context);
            }
        }
    }

    /// <summary>Rows with infinities and NaN: each lane position, compared with the reference. Softmax of a row
    /// holding +∞ is NaN (∞ − ∞); log-sum-exp is −∞ for an all −∞ row, +∞ for a row holding +∞ and NaN for a row
    /// holding NaN; log-softmax is x − logsumexp(x) (so −∞ for the finite elements of a row holding +∞).</summary>
    [TestMethod]
    [DynamicData(nameof(TestBackends.Kinds), typeof(TestBackends))]
    public void SpecialRows_MatchScalar(KernelBackendKind kind)
    {
        TestBackends.ForEach(kind, (backend, label) =>
        {
            foreach (int cols in new[] { 1, 3, 8, 16, 19, 37 })
            {
                foreach (float special in new[] { float.PositiveInfinity, float.NegativeInfinity, float.NaN })
                {
                    for (int p = 0; p < cols; p++)
                    {
                        float[] x = TestData.Uniform(cols, -4, 4, TestData.Seed(cols, p));
                        x[p] = special;
                        string context = $"{label} cols={cols} {special} at {p}";
                        CompareRow(backend, x, cols, context);
                    }
                }
                for (int p = 0; p < cols && cols > 1; p++)
                {
                    // NaN wins over an infinity: the max is NaN, so everything is NaN (no ∞ shortcut).
                    float[] x = TestData.Uniform(cols, -4, 4, TestData.Seed(cols, p, 1));
                    x[p] = float.PositiveInfinity;
                    x[(p + 1) % cols] = float.NaN;
                    CompareRow(backend, x, cols, $"{label} cols={cols} +inf at {p} and NaN at {(p + 1) % cols}");
                }
                float[] allNegInf = new float[cols];
                allNegInf.AsSpan().Fill(float.NegativeInfinity);
                CompareRow(backend, allNegInf, cols, $"{label} cols={cols} all -inf");
                float[] lse = [0f];
                backend.LogSumExp(1, cols, allNegInf, lse);
                Assert.AreEqual(float.NegativeInfinity, lse[0], $"{label} logsumexp of an all -inf row");
            }
            float[] empty = [42f, 42f];
            backend.LogSumExp(2, 0, [], empty);
            Assert.AreEqual(float.NegativeInfinity, empty[0], $"{label} logsumexp of an empty row");
            Assert.AreEqual(float.NegativeInfinity, empty[1], $"{label} logsumexp of an empty row");
        });
    }

    [TestMethod]
    [DynamicData(nameof(TestBackends.Kinds), typeof(TestBackends))]
    public void Softmax_PositiveInfinity_GivesNaNAtItsPosition(KernelBackendKind kind)
    {
        TestBackends.ForEach(kind, (backend, label) =>
        {
            float[] x = [1f, float.PositiveInfinity, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f, 10f, 11f, 12f, 13f, 14f, 15f, 16f];
            float[] y = new float[x.Length];
            backend.Softmax(1, x.Length, x, y);
            Assert.IsTrue(float.IsNaN(y[1]), $"{label}: softmax of +inf is {y[1]}, expected NaN (inf - inf).");
            float[] lse = [0f];
            backend.LogSumExp(1, x.Length, x, lse);
            Assert.AreEqual(float.PositiveInfinity, lse[0], $"{label}: logsumexp of a row holding +inf");
        });
    }

    [TestMethod]
    [DynamicData(nameof(TestBackends.Kinds), typeof(TestBackends))]
    public void Softmax_LargeInputs_DoNotOverflow(KernelBackendKind kind)
    {
        TestBackends.ForEach(kind, (backend, label) =>
        {
            float[] x = [1000f, 1001f, 999f, -1000f, 1000f, 1001f, 1002f, 998f, 1000.5f];
            float[] y = new float[x.Length];
            backend.Softmax(1, x.Length, x, y);
            float[] expected = new float[x.Length];
            TestBackends.Scalar.Softmax(1, x.Length, x, expected);
            NumericAssert.Close(expected, y, Tolerance.Softmax(x.Length), $"{label} softmax of large inputs");
            Assert.AreEqual(1.0, Sum(y), 1e-6, $"{label}: softmax row sum");
        });
    }

    private static double Sum(float[] values)
    {
        double s = 0;
        foreach (float v in values)
            s += v;
        return s;
    }

    private static void CompareRow(KernelBackend backend, float[] x, int cols, string context)
    {
        float[] expected = new float[cols];
        float[] actual = new float[cols];
        TestBackends.Scalar.Softmax(1, cols, x, expected);
        backend.Softmax(1, cols, x, actual);
        NumericAssert.Close(expected, actual, Tolerance.Softmax(cols), context + " softmax");
        TestBackends.Scalar.LogSoftmax(1, cols, x, expected);
        backend.LogSoftmax(1, cols, x, actual);
        NumericAssert.Close(expected, actual, Tolerance.LogSumExp(cols), context + " log-softmax");
        float[] lseExpected = [0f];
        float[] lseActual = [0f];
        TestBackends.Scalar.LogSumExp(1, cols, x, lseExpected);
        backend.LogSumExp(1, cols, x, lseActual);
        NumericAssert.Close(lseExpected, lseActual, Tolerance.LogSumExp(cols), context + " logsumexp");
    }

    private static IEnumerable<(int Rows, int Cols)> Shapes()
    {
        foreach (int rows in SweepRows)
        {
            for (int cols = 0; cols <= BiasActivationTests.MaxSweep; cols++)
                yield return (rows, cols);
        }
        foreach ((int rows, int cols) shape in OddShapes)
            yield return shape;
    }

    private static void CheckRowMap(IReadOnlyList<BackendVariant> variants, string name, int rows, int cols,
        Tolerance tolerance, Action<KernelBackend, float[], float[]> kernel)
    {
        int n = rows * cols;
        float[] x = TestData.Uniform(n, -8, 8, TestData.Seed(rows, cols, name.Length));
        float[] expected = new float[n];
        kernel(TestBackends.Scalar, x, expected);
        foreach (BackendVariant variant in variants)
        {
            using IDisposable _ = variant.Activate();
            string context = $"{variant} {name} {rows}x{cols}";
            float[] y = TestData.Guarded(n);
            kernel(variant.Backend, x, y);
            NumericAssert.Close(expected, y.AsSpan(0, n), tolerance, context);
            TestData.AssertGuard(y, n, context);

            float[] inPlace = TestData.GuardedCopy(x);
            kernel(variant.Backend, inPlace, inPlace);
            NumericAssert.Close(expected, inPlace.AsSpan(0, n), tolerance, context + " in place (y == x)");
            TestData.AssertGuard(inPlace, n, context + " in place");
        }
    }
}
