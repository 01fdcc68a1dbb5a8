using System;
using System.Collections.Generic;

namespace MLNetDiff.Kernels.Tests;

/// <summary>Counter-based noise: identical bits on every backend, split invariance, the known-answer block seen
/// through the public API, and the moments of each distribution on 100k samples.</summary>
[TestClass]
public sealed class RandomTests
{
    private delegate void Fill(KernelBackend backend, ulong seed, ulong offset, Span<float> destination);

    private static readonly (string Name, Fill Fill)[] Distributions =
    [
        ("uniform", (b, s, o, d) => b.RandomUniform(s, o, d)),
        ("normal", (b, s, o, d) => b.RandomNormal(s, o, d)),
        ("gumbel", (b, s, o, d) => b.RandomGumbel(s, o, d)),
        ("logistic", (b, s, o, d) => b.RandomLogistic(s, o, d)),
    ];

    private static readonly ulong[] Seeds = [0, 42, 0x0123_4567_89ab_cdef, ulong.MaxValue];

    /// <summary>Offsets at block boundaries, and where the 64-bit element index carries into the high counter word.</summary>
    private static readonly ulong[] Offsets = [0, 1, 2, 3, 5, 1000, (1UL << 34) - 3, (1UL << 32) - 2, ulong.MaxValue - 300];

    [TestMethod]
    [DynamicData(nameof(TestBackends.Kinds), typeof(TestBackends))]
    public void Noise_IsBitIdenticalToScalar(KernelBackendKind kind)
    {
        IReadOnlyList<BackendVariant> variants = TestBackends.Variants(kind);
        foreach ((string name, Fill fill) in Distributions)
        {
            foreach (ulong seed in Seeds)
            {
                foreach (ulong offset in Offsets)
                {
                    foreach (int n in new[] { 0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 33, 64, 100, 257 })
                    {
                        float[] expected = new float[n];
                        fill(TestBackends.Scalar, seed, offset, expected);
                        foreach (BackendVariant variant in variants)
                        {
                            using IDisposable _ = variant.Activate();
                            string context = $"{variant} {name} seed={seed} offset={offset} n={n}";
                            float[] actual = TestData.Guarded(n);
                            fill(variant.Backend, seed, offset, actual.AsSpan(0, n));
                            NumericAssert.BitEqual(expected, actual.AsSpan(0, n), context);
                            TestData.AssertGuard(actual, n, context);
                        }
                    }
                }
            }
        }
    }

    /// <summary>Filling [0, n) equals filling [0, k) and then [k, n) with offset + k, for every k.</summary>
    [TestMethod]
    [DynamicData(nameof(TestBackends.Kinds), typeof(TestBackends))]
    public void Noise_IsSplitInvariant(KernelBackendKind kind)
    {
        TestBackends.ForEach(kind, (backend, label) =>
        {
            foreach ((string name, Fill fill) in Distributions)
            {
                foreach (ulong offset in new ulong[] { 0, 3, (1UL << 34) - 5 })
                {
                    const int n = 41;
                    float[] whole = new float[n];
                    fill(backend, 7, offset, whole);
                    for (int k = 0; k <= n; k++)
                    {
                        float[] split = new float[n];
                        fill(backend, 7, offset, split.AsSpan(0, k));
                        fill(backend, 7, offset + (ulong)k, split.AsSpan(k));
                        NumericAssert.BitEqual(whole, split, $"{label} {name} offset={offset} split at {k}");
                    }
                }
            }
        });
    }

    /// <summary>seed 0, offset 0..3 is the known-answer block for key (0,0), counter 0: the uniforms are its
    /// four words mapped by ((w &gt;&gt; 9) + 0.5)·2⁻²³.</summary>
    [TestMethod]
    [DynamicData(nameof(TestBackends.Kinds), typeof(TestBackends))]
    public void Uniform_OfSeedZero_IsTheKnownAnswerBlock(KernelBackendKind kind)
    {
        uint[] words = [0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u];
        TestBackends.ForEach(kind, (backend, label) =>
        {
            float[] u = new float[4];
            backend.RandomUniform(0, 0, u);
            for (int i = 0; i < 4; i++)
                Assert.AreEqual(((words[i] >> 9) + 0.5f) / 8388608f, u[i], $"{label} word {i}");
        });
    }

    [TestMethod]
    [DynamicData(nameof(TestBackends.Kinds), typeof(TestBackends))]
    public void Distributions_HaveTheExpectedMoments(KernelBackendKind kind)
    {
        const int n = 100_000;
        const double eulerGamma = 0.5772156649015329;
        TestBackends.ForEach(kind, (backend, label) =>
        {
            float[] u = new float[n];
            backend.RandomUniform(12345, 0, u);
            foreach (float value in u)
            {
                if (!(value > 0f && value < 1f))
                    Assert.Fail($"{label}: uniform sample {value} outside (0, 1).");
            }
            // Standard errors of the mean on 100k samples: uniform 0.0009, normal 0.0032, gumbel 0.0041,
            // logistic 0.0057; bounds are about 5 of them (the seeds are fixed, so this never flakes).
            CheckMoments(u, 0.5, 1.0 / 12, 0.005, 0.003, $"{label} uniform");

            float[] z = new float[n];
            backend.RandomNormal(12345, 0, z);
            CheckMoments(z, 0, 1, 0.016, 0.03, $"{label} normal");

            backend.RandomGumbel(12345, 0, z);
            CheckMoments(z, eulerGamma, Math.PI * Math.PI / 6, 0.02, 0.06, $"{label} gumbel");

            backend.RandomLogistic(12345, 0, z);
            CheckMoments(z, 0, Math.PI * Math.PI / 3, 0.03, 0.12, $"{label} logistic");
        });
    }

    private static void CheckMoments(float[] samples, double mean, double variance, double meanTolerance,
        double varianceTolerance, string context)
    {
        double sum = 0;
        foreach (float v in samples)
        {
            Assert.IsTrue(float.IsFinite(v), $"{context}: non-finite sample {v}");
            sum += v;
        }
        double m = sum / samples.Length;
        double squares = 0;
        foreach (float v in samples)
            squares += (v - m) * (v - m);
        double var = squares / (samples.Length - 1);
        Assert.AreEqual(mean, m, meanTolerance, $"{context}: mean");
        Assert.AreEqual(variance, var, varianceTolerance * Math.Max(1, variance), $"{context}: variance");
    }
}
