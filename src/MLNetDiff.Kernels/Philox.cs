using System;

namespace MLNetDiff.Kernels;

/// <summary>
/// Philox4x32-10 counter-based generator (Salmon et al., SC'11) and the noise transforms of the C ABI
/// (<c>mlnd_rng_*</c> in mlnetdiff.h). Shared by the scalar and managed backends; the native library
/// implements the same rules, so every backend returns the same bits for a (seed, offset).
/// </summary>
internal static class Philox
{
    private const uint M0 = 0xD2511F53;
    private const uint M1 = 0xCD9E8D57;
    private const uint W0 = 0x9E3779B9;
    private const uint W1 = 0xBB67AE85;

    /// <summary>One Philox4x32-10 block: 10 rounds, key bumped between rounds.</summary>
    public static (uint X0, uint X1, uint X2, uint X3) Block(uint c0, uint c1, uint c2, uint c3, uint k0, uint k1)
    {
        for (int round = 0; round < 10; round++)
        {
            if (round > 0)
            {
                k0 += W0;
                k1 += W1;
            }
            ulong p0 = (ulong)M0 * c0;
            ulong p1 = (ulong)M1 * c2;
            uint n0 = (uint)(p1 >> 32) ^ c1 ^ k0;
            uint n2 = (uint)(p0 >> 32) ^ c3 ^ k1;
            c0 = n0;
            c1 = (uint)p1;
            c2 = n2;
            c3 = (uint)p0;
        }
        return (c0, c1, c2, c3);
    }

    /// <summary>24 bits of a word mapped into (0,1), exactly representable: ((w >> 9) + 0.5) · 2^-23.</summary>
    public static float ToUniform(uint word) => ((word >> 9) + 0.5f) * (1f / 8388608f);

    public static void Fill(RandomDistribution distribution, ulong seed, ulong offset, Span<float> destination)
    {
        uint k0 = (uint)seed;
        uint k1 = (uint)(seed >> 32);
        switch (distribution)
        {
            case RandomDistribution.Normal:
                for (int i = 0; i < destination.Length; i++)
                {
                    ulong g = offset + (ulong)i;
                    var (x0, x1, _, _) = Block((uint)g, (uint)(g >> 32), 1, 0, k0, k1);
                    double u1 = ToUniform(x0);
                    double u2 = ToUniform(x1);
                    destination[i] = (float)(Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
                }
                break;
            default:
                FillUniformBased(distribution, k0, k1, offset, destination);
                break;
        }
    }

    private static void FillUniformBased(RandomDistribution distribution, uint k0, uint k1, ulong offset,
        Span<float> destination)
    {
        int i = 0;
        while (i < destination.Length)
        {
            ulong g = offset + (ulong)i;
            ulong block = g / 4;
            var (x0, x1, x2, x3) = Block((uint)block, (uint)(block >> 32), 0, 0, k0, k1);
            for (int lane = (int)(g % 4); lane < 4 && i < destination.Length; lane++, i++)
            {
                uint w = lane switch { 0 => x0, 1 => x1, 2 => x2, _ => x3 };
                float u = ToUniform(w);
                destination[i] = distribution switch
                {
                    RandomDistribution.Uniform => u,
                    RandomDistribution.Gumbel => (float)-Math.Log(-Math.Log(u)),
                    _ => (float)(Math.Log(u) - Math.Log(1.0 - u)),
                };
            }
        }
    }
}
