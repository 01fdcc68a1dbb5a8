using System;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MLNetDiff.FeatureSelection;

/// <summary>The gate's per-step arithmetic in double, kept apart from the layer so <see cref="GumbelGate"/> reads as the
/// math of spec §2. Every fast path does, per element, the same IEEE double operations in the same order as its plain
/// loop, so results are the same bits on every machine and the selection does not depend on the hardware
/// (<c>GumbelGateFastPathTests</c>). (A double-accumulated GEMV: a candidate for the kernel layer.)</summary>
internal static class GumbelGateArithmetic
{
    /// <summary>The logits w = W_m·e + b_m of <paramref name="d"/> features over an embedding of size
    /// <paramref name="e"/>: each a left-to-right double sum starting at the bias.</summary>
    public static void Logits(ReadOnlySpan<float> parameters, ReadOnlySpan<float> embedding, double[] embeddingDouble,
        int d, int e, Span<float> logits)
    {
        ReadOnlySpan<float> bias = parameters.Slice(d * e, d);
        int i = Avx2.IsSupported ? LogitsAvx2(parameters, embeddingDouble, d, e, logits) : 0;
        // Four features per pass: each keeps its own left-to-right double sum (the same value as one at a time), but
        // the four chains overlap, where one chain waits on the add latency at every term (D·E per step).
        for (; i + 4 <= d; i += 4)
        {
            ReadOnlySpan<float> r0 = parameters.Slice(i * e, e), r1 = parameters.Slice((i + 1) * e, e);
            ReadOnlySpan<float> r2 = parameters.Slice((i + 2) * e, e), r3 = parameters.Slice((i + 3) * e, e);
            double s0 = bias[i], s1 = bias[i + 1], s2 = bias[i + 2], s3 = bias[i + 3];
            for (int k = 0; k < e; k++)
            {
                double ek = embedding[k];
                s0 += r0[k] * ek;
                s1 += r1[k] * ek;
                s2 += r2[k] * ek;
                s3 += r3[k] * ek;
            }
            logits[i] = (float)s0;
            logits[i + 1] = (float)s1;
            logits[i + 2] = (float)s2;
            logits[i + 3] = (float)s3;
        }
        for (; i < d; i++)
        {
            ReadOnlySpan<float> row = parameters.Slice(i * e, e);
            double sum = bias[i];
            for (int k = 0; k < e; k++)
                sum += (double)row[k] * embedding[k];
            logits[i] = (float)sum;
        }
    }

    /// <summary>Logits of the first multiple-of-8 features, eight per pass in two 4-lane double sums fed by gathers of
    /// W_m's column k: per feature the same terms in the same order as the scalar loop (products of floats are exact
    /// in double, the adds are the same IEEE adds), so the same bits. Returns how many features it did.</summary>
    private static unsafe int LogitsAvx2(ReadOnlySpan<float> parameters, double[] embeddingDouble, int d, int e, Span<float> logits)
    {
        int done = d & ~7;
        Vector128<int> rows = Vector128.Create(0, e, 2 * e, 3 * e);
        fixed (float* w = parameters)
        fixed (double* embedding = embeddingDouble)
        fixed (float* result = logits)
        {
            float* bias = w + (long)d * e;
            for (int i = 0; i < done; i += 8)
            {
                float* w0 = w + (long)i * e, w1 = w0 + 4L * e;
                Vector256<double> s0 = Avx.ConvertToVector256Double(Sse.LoadVector128(bias + i));
                Vector256<double> s1 = Avx.ConvertToVector256Double(Sse.LoadVector128(bias + i + 4));
                for (int k = 0; k < e; k++)
                {
                    Vector256<double> ek = Vector256.Create(embedding[k]);
                    s0 += Avx.ConvertToVector256Double(Avx2.GatherVector128(w0 + k, rows, 4)) * ek;
                    s1 += Avx.ConvertToVector256Double(Avx2.GatherVector128(w1 + k, rows, 4)) * ek;
                }
                Sse.Store(result + i, Avx.ConvertToVector128Single(s0));
                Sse.Store(result + i + 4, Avx.ConvertToVector128Single(s1));
            }
        }
        return done;
    }

    /// <summary>sum[i] += (double)a[i]·x[i], element by element (the same double operations as a scalar loop, so the
    /// same bits; four lanes at a time where the hardware has them).</summary>
    public static void AccumulateProducts(ReadOnlySpan<float> a, ReadOnlySpan<float> x, Span<double> sum)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref float ra = ref MemoryMarshal.GetReference(a);
            ref float rx = ref MemoryMarshal.GetReference(x);
            ref double rs = ref MemoryMarshal.GetReference(sum);
            for (; i + 8 <= sum.Length; i += 8)
            {
                (Vector256<double> aLo, Vector256<double> aHi) = Vector256.Widen(Vector256.LoadUnsafe(ref ra, (nuint)i));
                (Vector256<double> xLo, Vector256<double> xHi) = Vector256.Widen(Vector256.LoadUnsafe(ref rx, (nuint)i));
                (Vector256.LoadUnsafe(ref rs, (nuint)i) + aLo * xLo).StoreUnsafe(ref rs, (nuint)i);
                (Vector256.LoadUnsafe(ref rs, (nuint)(i + 4)) + aHi * xHi).StoreUnsafe(ref rs, (nuint)(i + 4));
            }
        }
        for (; i < sum.Length; i++)
            sum[i] += (double)a[i] * x[i];
    }

    /// <summary>row[k] = (float)(dw·e_k): the rank-one gradient row of W_m (vector conversions round like the cast).</summary>
    public static void ScaleEmbedding(double dw, ReadOnlySpan<double> embedding, Span<float> row)
    {
        int k = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var scale = Vector256.Create(dw);
            ref double re = ref MemoryMarshal.GetReference(embedding);
            ref float rr = ref MemoryMarshal.GetReference(row);
            for (; k + 8 <= row.Length; k += 8)
            {
                Vector256.Narrow(scale * Vector256.LoadUnsafe(ref re, (nuint)k), scale * Vector256.LoadUnsafe(ref re, (nuint)(k + 4)))
                    .StoreUnsafe(ref rr, (nuint)k);
            }
        }
        for (; k < row.Length; k++)
            row[k] = (float)(dw * embedding[k]);
    }

    /// <summary>For each feature i (rows of <paramref name="h"/> values): dm[i] = Σ_h W[i,h]·G[i,h] in double, then
    /// G[i,h] ← mask[i]·G[i,h] (float). With G = xᵀ·dz1 that is ∂L/∂m_i = Σ_b δ_bi·x_bi and the first layer's dW1
    /// (<see cref="GumbelTrainingNetwork"/>). The sum keeps four double partial sums (h mod 4) added as
    /// (s0 + s1) + (s2 + s3), in the vector path and the scalar one alike, so the same bits either way.</summary>
    public static void MaskGradientAndScale(ReadOnlySpan<float> weights, Span<float> g, ReadOnlySpan<float> mask, int h,
        Span<double> dm)
    {
        int d = mask.Length;
        bool vector = Vector256.IsHardwareAccelerated;
        for (int i = 0; i < d; i++)
        {
            ReadOnlySpan<float> w = weights.Slice(i * h, h);
            Span<float> row = g.Slice(i * h, h);
            int k = 0;
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            if (vector)
            {
                Vector256<double> acc = Vector256<double>.Zero;
                ref float rw = ref MemoryMarshal.GetReference(w);
                ref float rg = ref MemoryMarshal.GetReference(row);
                var m = Vector256.Create(mask[i]);
                for (; k + 8 <= h; k += 8)
                {
                    Vector256<float> gv = Vector256.LoadUnsafe(ref rg, (nuint)k);
                    (Vector256<double> wLo, Vector256<double> wHi) = Vector256.Widen(Vector256.LoadUnsafe(ref rw, (nuint)k));
                    (Vector256<double> gLo, Vector256<double> gHi) = Vector256.Widen(gv);
                    acc += wLo * gLo;
                    acc += wHi * gHi;
                    (gv * m).StoreUnsafe(ref rg, (nuint)k);
                }
                s0 = acc[0];
                s1 = acc[1];
                s2 = acc[2];
                s3 = acc[3];
            }
            for (; k < h; k++)
            {
                double p = (double)w[k] * row[k];
                switch (k & 3)
                {
                    case 0: s0 += p; break;
                    case 1: s1 += p; break;
                    case 2: s2 += p; break;
                    default: s3 += p; break;
                }
                row[k] *= mask[i];
            }
            dm[i] = (s0 + s1) + (s2 + s3);
        }
    }
}
