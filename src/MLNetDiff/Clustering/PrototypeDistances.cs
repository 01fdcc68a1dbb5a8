using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MLNetDiff.Clustering;

/// <summary>
/// The Score values of one row, ‖z − Ω_j‖² for every prototype, for the per-row scoring path (issue 9, "Speed"). Each
/// distance is bit for bit <see cref="PrototypeModel.SquaredDistance"/>: the same two vector accumulators over alternate
/// chunks, the same odd chunk, the same horizontal sum and the same scalar tail, in the same order. Only the loop
/// nesting differs: four prototypes share one pass over z, so each chunk of z is loaded once for four prototypes, eight
/// independent accumulator chains overlap (one prototype's two chains wait on their own adds), and the loads skip the
/// per-chunk span slicing and bounds checks of the one-prototype loop. Prototypes left over (K mod 4) take the
/// one-prototype loop.
/// </summary>
internal static class PrototypeDistances
{
    /// <param name="z">The model-space row (m values).</param>
    /// <param name="prototypes">K × m row-major.</param>
    /// <param name="k">K.</param>
    /// <param name="m">Values per row.</param>
    /// <param name="scores">Receives K distances.</param>
    public static void Compute(ReadOnlySpan<float> z, ReadOnlySpan<float> prototypes, int k, int m, Span<float> scores)
    {
        if (z.Length < m || prototypes.Length < k * m || scores.Length < k)
            throw new ArgumentException($"Distances of a row of {m} values to {k} prototypes need {m}, {k * m} and {k} values; got {z.Length}, {prototypes.Length} and {scores.Length}.");
        int j = 0;
        if (Vector.IsHardwareAccelerated && m >= Vector<float>.Count)
        {
            for (; j <= k - 4; j += 4)
                Four(z, prototypes.Slice(j * m, 4 * m), m, scores.Slice(j, 4));
        }
        for (; j < k; j++)
            scores[j] = PrototypeModel.SquaredDistance(z.Slice(0, m), prototypes.Slice(j * m, m));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Four(ReadOnlySpan<float> z, ReadOnlySpan<float> block, int m, Span<float> scores)
    {
        int w = Vector<float>.Count;
        ref float a = ref MemoryMarshal.GetReference(z);
        ref float b0 = ref MemoryMarshal.GetReference(block);
        ref float b1 = ref Unsafe.Add(ref b0, m);
        ref float b2 = ref Unsafe.Add(ref b0, 2 * m);
        ref float b3 = ref Unsafe.Add(ref b0, 3 * m);
        Vector<float> p0a = Vector<float>.Zero, p0b = Vector<float>.Zero, p1a = Vector<float>.Zero, p1b = Vector<float>.Zero;
        Vector<float> p2a = Vector<float>.Zero, p2b = Vector<float>.Zero, p3a = Vector<float>.Zero, p3b = Vector<float>.Zero;
        nuint i = 0, n = (nuint)m, step = (nuint)w;
        // Bounds: the caller checked z has m values and the block 4·m; every load below ends at or before m.
        for (; i + 2 * step <= n; i += 2 * step)
        {
            Vector<float> x0 = Vector.LoadUnsafe(ref a, i);
            Vector<float> x1 = Vector.LoadUnsafe(ref a, i + step);
            Vector<float> d0 = x0 - Vector.LoadUnsafe(ref b0, i);
            Vector<float> d1 = x1 - Vector.LoadUnsafe(ref b0, i + step);
            p0a += d0 * d0;
            p0b += d1 * d1;
            d0 = x0 - Vector.LoadUnsafe(ref b1, i);
            d1 = x1 - Vector.LoadUnsafe(ref b1, i + step);
            p1a += d0 * d0;
            p1b += d1 * d1;
            d0 = x0 - Vector.LoadUnsafe(ref b2, i);
            d1 = x1 - Vector.LoadUnsafe(ref b2, i + step);
            p2a += d0 * d0;
            p2b += d1 * d1;
            d0 = x0 - Vector.LoadUnsafe(ref b3, i);
            d1 = x1 - Vector.LoadUnsafe(ref b3, i + step);
            p3a += d0 * d0;
            p3b += d1 * d1;
        }
        if (i + step <= n)
        {
            Vector<float> x0 = Vector.LoadUnsafe(ref a, i);
            Vector<float> d0 = x0 - Vector.LoadUnsafe(ref b0, i);
            p0a += d0 * d0;
            d0 = x0 - Vector.LoadUnsafe(ref b1, i);
            p1a += d0 * d0;
            d0 = x0 - Vector.LoadUnsafe(ref b2, i);
            p2a += d0 * d0;
            d0 = x0 - Vector.LoadUnsafe(ref b3, i);
            p3a += d0 * d0;
            i += step;
        }
        float s0 = Vector.Sum(p0a + p0b), s1 = Vector.Sum(p1a + p1b), s2 = Vector.Sum(p2a + p2b), s3 = Vector.Sum(p3a + p3b);
        for (; i < n; i++)
        {
            float x = Unsafe.Add(ref a, i);
            float e0 = x - Unsafe.Add(ref b0, i);
            float e1 = x - Unsafe.Add(ref b1, i);
            float e2 = x - Unsafe.Add(ref b2, i);
            float e3 = x - Unsafe.Add(ref b3, i);
            s0 += e0 * e0;
            s1 += e1 * e1;
            s2 += e2 * e2;
            s3 += e3 * e3;
        }
        scores[0] = s0;
        scores[1] = s1;
        scores[2] = s2;
        scores[3] = s3;
    }
}
