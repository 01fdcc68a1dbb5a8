using System;
using System.Collections.Generic;

namespace MLNetDiff.Kernels.Tests;

/// <summary>Fused Adam/AdamW on every backend against the scalar reference: lengths 0..257 and longer, classic
/// and decoupled weight decay, several consecutive steps (w, m and v all update in place).</summary>
[TestClass]
public sealed class AdamTests
{
    internal static readonly AdamParameters[] Settings =
    [
        new(1e-3f, 0.9f, 0.999f, 1e-8f, 0f, false, 1),
        new(1e-2f, 0.9f, 0.999f, 1e-8f, 0.01f, false, 3),
        new(3e-3f, 0.8f, 0.99f, 1e-6f, 0.05f, true, 1),
        new(1e-3f, 0f, 0f, 1e-7f, 0.1f, true, 1000),
    ];

    [TestMethod]
    [DynamicData(nameof(TestBackends.Kinds), typeof(TestBackends))]
    public void Adam_EveryLengthAndSetting_MatchesScalar(KernelBackendKind kind)
    {
        IReadOnlyList<BackendVariant> variants = TestBackends.Variants(kind);
        var lengths = new List<int>();
        for (int n = 0; n <= BiasActivationTests.MaxSweep; n++)
            lengths.Add(n);
        lengths.AddRange([1000, 4099]);
        foreach (int n in lengths)
        {
            for (int s = 0; s < Settings.Length; s++)
                Check(variants, n, Settings[s], TestData.Seed(n, s));
        }
    }

    private static void Check(IReadOnlyList<BackendVariant> variants, int n, AdamParameters parameters, int seed)
    {
        const int steps = 3;
        float[] w0 = TestData.Uniform(n, -1, 1, seed);
        float[] m0 = TestData.Uniform(n, -0.1f, 0.1f, seed + 1);
        float[] v0 = TestData.Uniform(n, 0, 0.01f, seed + 2);
        var gradients = new float[steps][];
        for (int t = 0; t < steps; t++)
            gradients[t] = TestData.Uniform(n, -1, 1, seed + 3 + t);

        var expected = new (float[] W, float[] M, float[] V)[steps];
        float[] w = (float[])w0.Clone(), m = (float[])m0.Clone(), v = (float[])v0.Clone();
        for (int t = 0; t < steps; t++)
        {
            TestBackends.Scalar.AdamUpdate(w, gradients[t], m, v, parameters with { Step = parameters.Step + t });
            expected[t] = ((float[])w.Clone(), (float[])m.Clone(), (float[])v.Clone());
        }

        foreach (BackendVariant variant in variants)
        {
            using IDisposable _ = variant.Activate();
            float[] aw = TestData.GuardedCopy(w0), am = TestData.GuardedCopy(m0), av = TestData.GuardedCopy(v0);
            for (int t = 0; t < steps; t++)
            {
                string context = $"{variant} adam n={n} {parameters} step {t + 1}";
                variant.Backend.AdamUpdate(aw.AsSpan(0, n), gradients[t], am.AsSpan(0, n), av.AsSpan(0, n),
                    parameters with { Step = parameters.Step + t });
                NumericAssert.Close(expected[t].W, aw.AsSpan(0, n), Tolerance.Elementwise, context + " w");
                NumericAssert.Close(expected[t].M, am.AsSpan(0, n), Tolerance.Elementwise, context + " m");
                NumericAssert.Close(expected[t].V, av.AsSpan(0, n), Tolerance.Elementwise, context + " v");
                TestData.AssertGuard(aw, n, context + " w");
                TestData.AssertGuard(am, n, context + " m");
                TestData.AssertGuard(av, n, context + " v");
            }
        }
    }

    [TestMethod]
    [DynamicData(nameof(TestBackends.Kinds), typeof(TestBackends))]
    public void Adam_NaNGradient_PoisonsOnlyItsElement(KernelBackendKind kind)
    {
        TestBackends.ForEach(kind, (b, label) =>
        {
            foreach (int n in new[] { 1, 17, 40 })
            {
                foreach (int p in new[] { 0, n - 1 })
                {
                    float[] w = TestData.Uniform(n, -1, 1, 1), m = new float[n], v = new float[n];
                    float[] g = TestData.Uniform(n, -1, 1, 2);
                    g[p] = float.NaN;
                    b.AdamUpdate(w, g, m, v, Settings[0]);
                    for (int i = 0; i < n; i++)
                        Assert.AreEqual(i == p, float.IsNaN(w[i]), $"{label} n={n} NaN gradient at {p}: w[{i}] = {w[i]}");
                }
            }
        });
    }
}
