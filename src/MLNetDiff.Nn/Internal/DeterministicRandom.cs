using System;

namespace MLNetDiff.Nn.Internal;

/// <summary>
/// SplitMix64 generator for shuffles and splits. A mutable struct on purpose (no allocation); its sequence is
/// part of the engine's reproducibility contract: the same seed gives the same permutations on every platform.
/// </summary>
internal struct DeterministicRandom
{
    private ulong _state;

    public DeterministicRandom(ulong seed) => _state = seed;

    public ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform integer in [0, bound) without modulo bias (Lemire's multiply-shift with rejection).</summary>
    public int NextInt(int bound)
    {
        if (bound <= 1)
            return 0;
        ulong b = (ulong)bound;
        while (true)
        {
            ulong x = NextUInt64() >> 32;
            ulong m = x * b;
            ulong low = m & 0xFFFFFFFFUL;
            if (low >= (0x1_0000_0000UL - b) % b)
                return (int)(m >> 32);
        }
    }

    /// <summary>Uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>In-place Fisher–Yates shuffle.</summary>
    public void Shuffle(Span<int> values)
    {
        for (int i = values.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }
}
