using System;

namespace MLNetDiff.Kernels.Tests;

/// <summary>Deterministic test inputs (seeded), and output buffers with a guard zone after the live part.</summary>
internal static class TestData
{
    /// <summary>Elements written into the guard zone after every output buffer.</summary>
    public const int GuardLength = 17;

    /// <summary>The value the guard zone holds (an unusual bit pattern no kernel produces by chance).</summary>
    public const float Sentinel = -1234.5678f;

    public static float[] Uniform(int length, float low, float high, int seed)
    {
        var random = new Random(seed);
        var data = new float[length];
        for (int i = 0; i < data.Length; i++)
            data[i] = (float)(low + (high - low) * random.NextDouble());
        return data;
    }

    /// <summary>A buffer of <paramref name="length"/> live elements (filled with <paramref name="fill"/>)
    /// followed by the guard zone.</summary>
    public static float[] Guarded(int length, float fill = float.NaN)
    {
        var data = new float[length + GuardLength];
        data.AsSpan(0, length).Fill(fill);
        data.AsSpan(length).Fill(Sentinel);
        return data;
    }

    /// <summary>A copy of <paramref name="source"/> followed by the guard zone (for in-place kernels).</summary>
    public static float[] GuardedCopy(ReadOnlySpan<float> source)
    {
        float[] data = Guarded(source.Length);
        source.CopyTo(data);
        return data;
    }

    public static void AssertGuard(float[] buffer, int length, string context) =>
        NumericAssert.Untouched(buffer.AsSpan(length), Sentinel, context);

    /// <summary>Seed for a (test, shape) pair, so that shapes do not share inputs; stable across runs
    /// (unlike <see cref="HashCode"/>, which is randomized per process).</summary>
    public static int Seed(int a, int b = 0, int c = 0) =>
        unchecked((a * 73856093) ^ (b * 19349663) ^ (c * 83492791)) & 0x7fffffff;
}
