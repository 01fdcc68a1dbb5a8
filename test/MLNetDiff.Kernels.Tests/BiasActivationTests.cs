using System;
using System.Collections.Generic;

namespace MLNetDiff.Kernels.Tests;

/// <summary><see cref="KernelBackend.BiasActivationForward"/> and <see cref="KernelBackend.BiasActivationBackward"/>
/// on every backend against the scalar reference: every activation, with and without bias/dbias, cols 0..257,
/// odd shapes, in place, NaN/∞.</summary>
[TestClass]
public sealed class BiasActivationTests
{
    internal const float Alpha = 0.2f;
    internal const int MaxSweep = 257;

    internal static readonly Activation[] Activations = Enum.GetValues<Activation>();

    /// <summary>Row counts of the column sweeps (one row; several rows so the flat no-bias path and row
    /// boundaries are exercised).</summary>
    private static readonly int[] SweepRows = [1, 3];

    /// <summary>Shapes beyond the sweep: empty, single column, exactly one/two vectors, more rows than one column
    /// block (64), wide rows.</summary>
    internal static readonly (int Rows, int Cols)[] OddShapes =
    [
        (0, 0), (0, 7), (7, 0), (1, 1), (2, 1), (65, 3), (64, 16), (65, 17), (130, 67), (129, 64), (200, 33),
        (5, 300), (3, 1000), (1, 4099),
    ];

    internal static Tolerance ForwardTolerance(Activation activation) =>
        activation is Activation.Gelu or Activation.Sigmoid or Activation.Tanh
            ? Tolerance.Transcendental
            : Tolerance.Elementwise;

    internal static Tolerance BackwardTolerance(Activation activation) =>
        activation == Activation.Gelu ? Tolerance.Transcendental : Tolerance.Elementwise;

    private static bool ReadsY(Activation activation) => activation is Activation.Sigmoid or Activation.Tanh;

    [TestMethod]
    [DynamicData(nameof(TestBackends.Kinds), typeof(TestBackends))]
    public void Forward_EveryActivationAndColumnCount_MatchesScalar(KernelBackendKind kind)
    {
        IReadOnlyList<BackendVariant> variants = TestBackends.Variants(kind);
        foreach (Activation activation in Activations)
        {
            foreach (int rows in SweepRows)
            {
                for (int cols = 0; cols <= MaxSweep; cols++)
                {
                    CheckForward(variants, activation, rows, cols, withBias: false);
                    CheckForward(variants, activation, rows, cols, withBias: true);
                }
            }
        }
    }

    [TestMethod]
    [DynamicData(nameof(TestBackends.Kinds), typeof(TestBackends))]
    public void Forward_OddShapes_MatchScalar(KernelBackendKind kind)
    {
        IReadOnlyList<BackendVariant> variants = TestBackends.Variants(kind);
        foreach (Activation activation in Activations)
        {
            foreach ((int rows, int cols) in OddShapes)
            {
                CheckForward(variants, activation, rows, cols, withBias: false);
                CheckForward(variants, activation, rows, cols, withBias: true);
            }
        }
    }

    [TestMethod]
    [DynamicData(nameof(TestBackends.Kinds), typeof(TestBackends))]
    public void Backward_EveryActivationAndColumnCount_MatchesScalar(KernelBackendKind kind)
    {
        IReadOnlyList<BackendVariant> variants = TestBackends.Variants(kind);
        foreach (Activation activation in Activations)
        {
            foreach (int rows in SweepRows)
            {
                for (int cols = 0; cols <= MaxSweep; cols++)
                {
                    CheckBackward(variants, activation, rows, cols, withBiasGradient: false);
                    CheckBackward(variants, activation, rows, cols, withBiasGradient: true);
                }
            }
        }
    }

    [TestMethod]
    [DynamicData(nameof(TestBackends.Kinds), typeof(TestBackends))]
    public void Backward_OddShapes_MatchScalar(KernelBackendKind kind)
    {
        IReadOnlyList<BackendVariant> variants = TestBackends.Variants(kind);
        foreach (Activation activation in Activations)
        {
            foreach ((int rows, int cols) in OddShapes)
            {
                CheckBackward(variants, activation, rows, cols, withBiasGradient: false);
                CheckBackward(variants, activation, rows, cols, withBiasGradient: true);
            }
        }
    }

    /// <summary>Every position of a NaN, including the lanes of the overlapping last vector, gives NaN there and
    /// nowhere else; a NaN bias gives a NaN column.</summary>
    [TestMethod]
    [DynamicData(nameof(TestBackends.Kinds), typeof(TestBackends))]
    public void Forward_NaN_Propagates(KernelBackendKind kind)
    {
        TestBackends.ForEach(kind, (backend, label) =>
        {
            foreach (Activation activation in Activations)
            {
                foreach (int n in new[] { 1, 5, 16, 17, 31, 40 })
                {
                    float[] x = TestData.Uniform(n, -3, 3, TestData.Seed(n, 11));
                    for (int p = 0; p < n; p++)
                    {
                        float[] input = (float[])x.Clone();
                        input[p] = float.NaN;
                        float[] y = TestData.Guarded(n, 0f);
                        backend.BiasActivationForward(activation, Alpha, 1, n, input, [], y);
                        string context = $"{label} {activation} NaN at {p} of {n}";
                        Assert.IsTrue(float.IsNaN(y[p]), $"{context}: got {NumericAssert.Format(y[p])}.");
                        for (int i = 0; i < n; i++)
                            Assert.IsTrue(i == p || !float.IsNaN(y[i]), $"{context}: NaN leaked to {i}.");
                        TestData.AssertGuard(y, n, context);
                    }
                }

                const int rows = 3, cols = 21;
                float[] bias = TestData.Uniform(cols, -1, 1, 5);
                bias[cols - 1] = float.NaN;
                float[] output = new float[rows * cols];
                backend.BiasActivationForward(activation, Alpha, rows, cols,
                    TestData.Uniform(rows * cols, -2, 2, 6), bias, output);
                for (int r = 0; r < rows; r++)
                {
                    for (int c = 0; c < cols; c++)
                    {
                        Assert.AreEqual(c == cols - 1, float.IsNaN(output[r * cols + c]),
                            $"{label} {activation} NaN bias: element ({r},{c}) = {output[r * cols + c]}.");
                    }
                }
            }
        });
    }

    /// <summary>Infinities and huge finite values: no overflow to NaN where the function is defined (GELU(−∞),
    /// an ∞·0 form, is left out on purpose).</summary>
    [TestMethod]
    [DynamicData(nameof(TestBackends.Kinds), typeof(TestBackends))]
    public void Forward_SpecialValues_MatchScalar(KernelBackendKind kind)
    {
        float[] specials =
        [
            float.NegativeInfinity, -1e30f, -100f, -88.7f, -20f, -9f, -0.625f, -0.5f, -1e-3f, -1e-30f, -0f, 0f,
            1e-30f, 1e-3f, 0.5f, 0.625f, 9f, 20f, 88.7f, 100f, 1e30f, float.PositiveInfinity,
        ];
        TestBackends.ForEach(kind, (backend, label) =>
        {
            foreach (Activation activation in Activations)
            {
                float[] x = activation == Activation.Gelu ? specials[1..] : specials;
                // Repeated so each value lands in vector lanes and in the masked tail.
                var input = new float[x.Length * 3];
                for (int i = 0; i < input.Length; i++)
                    input[i] = x[i % x.Length];
                float[] expected = new float[input.Length];
                TestBackends.Scalar.BiasActivationForward(activation, Alpha, 1, input.Length, input, [], expected);
                float[] actual = new float[input.Length];
                backend.BiasActivationForward(activation, Alpha, 1, input.Length, input, [], actual);
                NumericAssert.Close(expected, actual, ForwardTolerance(activation), $"{label} {activation} special values");
            }
        });
    }

    [TestMethod]
    [DynamicData(nameof(TestBackends.Kinds), typeof(TestBackends))]
    public void Backward_NaNInUpstreamGradient_Propagates(KernelBackendKind kind)
    {
        TestBackends.ForEach(kind, (backend, label) =>
        {
            foreach (Activation activation in Activations)
            {
                foreach ((int rows, int cols) in new[] { (1, 1), (2, 17), (3, 40), (70, 5) })
                {
                    int n = rows * cols;
                    float[] z = TestData.Uniform(n, -3, 3, TestData.Seed(rows, cols, 1));
                    float[] y = new float[n];
                    TestBackends.Scalar.BiasActivationForward(activation, Alpha, rows, cols, z, [], y);
                    foreach (int p in new[] { 0, n / 2, n - 1 })
                    {
                        float[] dy = TestData.Uniform(n, -1, 1, TestData.Seed(rows, cols, 2));
                        dy[p] = float.NaN;
                        float[] dz = new float[n];
                        float[] dbias = new float[cols];
                        backend.BiasActivationBackward(activation, Alpha, rows, cols, z, y, dy, dz, dbias);
                        string context = $"{label} {activation} {rows}x{cols} NaN dy at {p}";
                        Assert.IsTrue(float.IsNaN(dz[p]), $"{context}: dz = {NumericAssert.Format(dz[p])}.");
                        for (int c = 0; c < cols; c++)
                            Assert.AreEqual(c == p % cols, float.IsNaN(dbias[c]), $"{context}: dbias[{c}] = {dbias[c]}.");
                    }
                }
            }
        });
    }

    private static void CheckForward(IReadOnlyList<BackendVariant> variants, Activation activation, int rows,
        int cols, bool withBias)
    {
        int n = rows * cols;
        int seed = TestData.Seed((int)activation, rows, cols);
        float[] x = TestData.Uniform(n, -6, 6, seed);
        float[] bias = withBias ? TestData.Uniform(cols, -1, 1, seed + 1) : [];
        float[] expected = new float[n];
        TestBackends.Scalar.BiasActivationForward(activation, Alpha, rows, cols, x, bias, expected);
        Tolerance tolerance = ForwardTolerance(activation);
        foreach (BackendVariant variant in variants)
        {
            using IDisposable _ = variant.Activate();
            string context = $"{variant} {activation} forward {rows}x{cols} bias={withBias}";

            float[] y = TestData.Guarded(n);
            variant.Backend.BiasActivationForward(activation, Alpha, rows, cols, x, bias, y);
            NumericAssert.Close(expected, y.AsSpan(0, n), tolerance, context);
            TestData.AssertGuard(y, n, context);

            float[] inPlace = TestData.GuardedCopy(x);
            variant.Backend.BiasActivationForward(activation, Alpha, rows, cols, inPlace, bias, inPlace);
            NumericAssert.Close(expected, inPlace.AsSpan(0, n), tolerance, context + " in place (y == x)");
            TestData.AssertGuard(inPlace, n, context + " in place");
        }
    }

    private static void CheckBackward(IReadOnlyList<BackendVariant> variants, Activation activation, int rows,
        int cols, bool withBiasGradient)
    {
        int n = rows * cols;
        int seed = TestData.Seed((int)activation + 100, rows, cols);
        float[] zFull = TestData.Uniform(n, -6, 6, seed);
        float[] yFull = new float[n];
        TestBackends.Scalar.BiasActivationForward(activation, Alpha, rows, cols, zFull, [], yFull);
        float[] dy = TestData.Uniform(n, -2, 2, seed + 1);
        // Pass only what the activation reads: the other input is empty, so reading it would fail.
        float[] z = activation == Activation.Identity || ReadsY(activation) ? [] : zFull;
        float[] y = ReadsY(activation) ? yFull : [];

        float[] expectedDz = new float[n];
        float[] expectedDbias = withBiasGradient ? new float[cols] : [];
        TestBackends.Scalar.BiasActivationBackward(activation, Alpha, rows, cols, z, y, dy, expectedDz, expectedDbias);

        Tolerance elementTolerance = BackwardTolerance(activation);
        var columnTolerance = new Tolerance[cols];
        for (int c = 0; c < cols; c++)
        {
            double magnitude = 0, elementErrors = 0;
            for (int r = 0; r < rows; r++)
            {
                magnitude += Math.Abs(expectedDz[r * cols + c]);
                elementErrors += elementTolerance.Bound(expectedDz[r * cols + c]);
            }
            columnTolerance[c] = Tolerance.Sum(rows, magnitude).Plus(new Tolerance(elementErrors, 0));
        }

        foreach (BackendVariant variant in variants)
        {
            using IDisposable _ = variant.Activate();
            string context = $"{variant} {activation} backward {rows}x{cols} dbias={withBiasGradient}";

            float[] dz = TestData.Guarded(n);
            float[] dbias = withBiasGradient ? TestData.Guarded(cols) : [];
            variant.Backend.BiasActivationBackward(activation, Alpha, rows, cols, z, y, dy, dz, dbias);
            NumericAssert.Close(expectedDz, dz.AsSpan(0, n), elementTolerance, context + " dz");
            TestData.AssertGuard(dz, n, context + " dz");
            if (withBiasGradient)
            {
                NumericAssert.Close(expectedDbias, dbias.AsSpan(0, cols), c => columnTolerance[c], context + " dbias");
                TestData.AssertGuard(dbias, cols, context + " dbias");
            }

            float[] inPlace = TestData.GuardedCopy(dy);
            float[] dbias2 = withBiasGradient ? TestData.Guarded(cols) : [];
            variant.Backend.BiasActivationBackward(activation, Alpha, rows, cols, z, y, inPlace, inPlace, dbias2);
            NumericAssert.Close(expectedDz, inPlace.AsSpan(0, n), elementTolerance, context + " in place (dz == dy)");
            TestData.AssertGuard(inPlace, n, context + " in place");
            if (withBiasGradient)
                NumericAssert.Close(expectedDbias, dbias2.AsSpan(0, cols), c => columnTolerance[c], context + " in place dbias");
        }
    }
}
