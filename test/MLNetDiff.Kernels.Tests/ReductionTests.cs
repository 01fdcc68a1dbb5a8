using System;
using System.Collections.Generic;

namespace MLNetDiff.Kernels.Tests;

/// <summary>Sum, sum of squares, dot, max, min and column sums on every backend against the scalar reference:
/// lengths 0..257 and longer, NaN/∞ propagation, empty inputs.</summary>
[TestClass]
public sealed class ReductionTests
{
    private static IEnumerable<int> Lengths()
    {
        for (int n = 0; n <= BiasActivationTests.MaxSweep; n++)
            yield return n;
        foreach (int n in new[] { 1000, 1023, 4099, 65537 })
            yield return n;
    }

    [TestMethod]
    [DynamicData(nameof(TestBackends.Kinds), typeof(TestBackends))]
    public void Sums_EveryLength_MatchScalar(KernelBackendKind kind)
    {
        IReadOnlyList<BackendVariant> variants = TestBackends.Variants(kind);
        foreach (int n in Lengths())
        {
            float[] x = TestData.Uniform(n, -2, 2, TestData.Seed(n, 1));
            float[] y = TestData.Uniform(n, -2, 2, TestData.Seed(n, 2));
            double absSum = 0, squares = 0, absDot = 0;
            for (int i = 0; i < n; i++)
            {
                absSum += Math.Abs(x[i]);
                squares += (double)x[i] * x[i];
                absDot += Math.Abs((double)x[i] * y[i]);
            }
            float sum = TestBackends.Scalar.Sum(x);
            float sumOfSquares = TestBackends.Scalar.SumOfSquares(x);
            float dot = TestBackends.Scalar.Dot(x, y);
            float max = TestBackends.Scalar.Max(x);
            float min = TestBackends.Scalar.Min(x);
            foreach (BackendVariant variant in variants)
            {
                using IDisposable _ = variant.Activate();
                string context = $"{variant} n={n}";
                KernelBackend b = variant.Backend;
                NumericAssert.Close(sum, b.Sum(x), Tolerance.Sum(n, absSum), context + " sum");
                NumericAssert.Close(sumOfSquares, b.SumOfSquares(x), Tolerance.Sum(n + 2, squares), context + " sum of squares");
                NumericAssert.Close(dot, b.Dot(x, y), Tolerance.Sum(n + 2, absDot), context + " dot");
                NumericAssert.Close(max, b.Max(x), Tolerance.Exact, context + " max");
                NumericAssert.Close(min, b.Min(x), Tolerance.Exact, context + " min");
            }
        }
    }

    [TestMethod]
    [DynamicData(nameof(TestBackends.Kinds), typeof(TestBackends))]
    public void EmptyInputs_GiveIdentities(KernelBackendKind kind)
    {
        TestBackends.ForEach(kind, (b, label) =>
        {
            Assert.AreEqual(0f, b.Sum([]), label);
            Assert.AreEqual(0f, b.SumOfSquares([]), label);
            Assert.AreEqual(0f, b.Dot([], []), label);
            Assert.AreEqual(float.NegativeInfinity, b.Max([]), label);
            Assert.AreEqual(float.PositiveInfinity, b.Min([]), label);
        });
    }

    /// <summary>A NaN anywhere — in a full vector, in the overlapping last vector, alone — gives NaN.</summary>
    [TestMethod]
    [DynamicData(nameof(TestBackends.Kinds), typeof(TestBackends))]
    public void NaN_AnyPosition_GivesNaN(KernelBackendKind kind)
    {
        TestBackends.ForEach(kind, (b, label) =>
        {
            foreach (int n in new[] { 1, 3, 7, 16, 17, 33, 64, 100 })
            {
                float[] clean = TestData.Uniform(n, -5, 5, n);
                for (int p = 0; p < n; p++)
                {
                    float[] x = (float[])clean.Clone();
                    x[p] = float.NaN;
                    string context = $"{label} n={n} NaN at {p}";
                    Assert.IsTrue(float.IsNaN(b.Sum(x)), context + " sum");
                    Assert.IsTrue(float.IsNaN(b.SumOfSquares(x)), context + " sum of squares");
                    Assert.IsTrue(float.IsNaN(b.Dot(x, clean)), context + " dot");
                    Assert.IsTrue(float.IsNaN(b.Dot(clean, x)), context + " dot (y)");
                    Assert.IsTrue(float.IsNaN(b.Max(x)), context + " max");
                    Assert.IsTrue(float.IsNaN(b.Min(x)), context + " min");
                }
            }
        });
    }

    [TestMethod]
    [DynamicData(nameof(TestBackends.Kinds), typeof(TestBackends))]
    public void Infinities_Propagate(KernelBackendKind kind)
    {
        TestBackends.ForEach(kind, (b, label) =>
        {
            foreach (int n in new[] { 1, 9, 17, 40 })
            {
                float[] x = TestData.Uniform(n, -5, 5, n + 7);
                x[n - 1] = float.PositiveInfinity;
                Assert.AreEqual(float.PositiveInfinity, b.Sum(x), $"{label} n={n} sum with +inf");
                Assert.AreEqual(float.PositiveInfinity, b.Max(x), $"{label} n={n} max with +inf");
                Assert.AreEqual(float.PositiveInfinity, b.SumOfSquares(x), $"{label} n={n} sum of squares with +inf");
                x[0] = float.NegativeInfinity;
                Assert.AreEqual(float.NegativeInfinity, b.Min(x), $"{label} n={n} min with -inf");
                if (n > 1)
                    Assert.IsTrue(float.IsNaN(b.Sum(x)), $"{label} n={n} sum of +inf and -inf");
                float[] negatives = new float[n];
                negatives.AsSpan().Fill(float.NegativeInfinity);
                Assert.AreEqual(float.NegativeInfinity, b.Max(negatives), $"{label} n={n} max of all -inf");
            }
        });
    }

    [TestMethod]
    [DynamicData(nameof(TestBackends.Kinds), typeof(TestBackends))]
    public void ColumnSums_EveryColumnCount_MatchScalar(KernelBackendKind kind)
    {
        IReadOnlyList<BackendVariant> variants = TestBackends.Variants(kind);
        var shapes = new List<(int Rows, int Cols)>();
        foreach (int rows in new[] { 1, 3 })
        {
            for (int cols = 0; cols <= BiasActivationTests.MaxSweep; cols++)
                shapes.Add((rows, cols));
        }
        shapes.AddRange(BiasActivationTests.OddShapes);
        shapes.Add((1000, 21));
        foreach ((int rows, int cols) in shapes)
        {
            float[] x = TestData.Uniform(rows * cols, -3, 3, TestData.Seed(rows, cols, 9));
            float[] expected = new float[cols];
            TestBackends.Scalar.ColumnSums(rows, cols, x, expected);
            var tolerance = new Tolerance[cols];
            for (int c = 0; c < cols; c++)
            {
                double magnitude = 0;
                for (int r = 0; r < rows; r++)
                    magnitude += Math.Abs(x[r * cols + c]);
                tolerance[c] = Tolerance.Sum(rows, magnitude);
            }
            foreach (BackendVariant variant in variants)
            {
                using IDisposable _ = variant.Activate();
                string context = $"{variant} column sums {rows}x{cols}";
                float[] actual = TestData.Guarded(cols);
                variant.Backend.ColumnSums(rows, cols, x, actual);
                NumericAssert.Close(expected, actual.AsSpan(0, cols), c => tolerance[c], context);
                TestData.AssertGuard(actual, cols, context);
            }
        }
    }

    [TestMethod]
    [DynamicData(nameof(TestBackends.Kinds), typeof(TestBackends))]
    public void ColumnSums_NaN_StaysInItsColumn(KernelBackendKind kind)
    {
        TestBackends.ForEach(kind, (b, label) =>
        {
            foreach ((int rows, int cols) in new[] { (3, 1), (4, 17), (70, 40), (2, 300) })
            {
                foreach (int p in new[] { 0, rows * cols / 2, rows * cols - 1 })
                {
                    float[] x = TestData.Uniform(rows * cols, -1, 1, p);
                    x[p] = float.NaN;
                    float[] sums = new float[cols];
                    b.ColumnSums(rows, cols, x, sums);
                    for (int c = 0; c < cols; c++)
                        Assert.AreEqual(c == p % cols, float.IsNaN(sums[c]), $"{label} {rows}x{cols} NaN at {p}: column {c} = {sums[c]}");
                }
            }
        });
    }
}
