using System;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace MLNetDiff.Kernels.Managed;

/// <summary>Row-wise softmax, log-softmax and log-sum-exp (cols ≥ Count): a max pass (TensorPrimitives.Max,
/// which propagates NaN), an exp-and-sum pass, then a scale (softmax) or shift (log-softmax) pass.</summary>
internal static unsafe partial class SimdKernels<TVec, TSimd>
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Softmax(int rows, int cols, float* x, float* y)
    {
        nint c = cols;
        for (int r = 0; r < rows; r++)
        {
            float* xr = x + r * c;
            float* yr = y + r * c;
            float max = TensorPrimitives.Max(new ReadOnlySpan<float>(xr, cols));
            // Like the reference, no special case: a row holding +∞ or NaN, or only −∞, gives NaN.
            float sum = ExpSum(xr, yr, c, max);
            Scale(yr, c, 1f / sum);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void LogSoftmax(int rows, int cols, float* x, float* y)
    {
        nint c = cols;
        for (int r = 0; r < rows; r++)
        {
            float* xr = x + r * c;
            Shift(xr, y + r * c, c, -RowLogSumExp(xr, c));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void LogSumExp(int rows, int cols, float* x, float* destination)
    {
        nint c = cols;
        for (int r = 0; r < rows; r++)
            destination[r] = RowLogSumExp(x + r * c, c);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float RowLogSumExp(float* row, nint n)
    {
        float max = TensorPrimitives.Max(new ReadOnlySpan<float>(row, (int)n));
        if (!float.IsFinite(max))
            return max; // all −∞ → −∞; any +∞ → +∞; NaN → NaN
        return max + MathF.Log(ExpSum(row, null, n, max));
    }

    /// <summary>Σ e^(x − max), also storing the exponentials in <paramref name="y"/> unless it is null.
    /// Two accumulators, combined in a fixed order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float ExpSum(float* x, float* y, nint n, float max)
    {
        TVec m = TSimd.Create(max);
        TVec s0 = Zero;
        TVec s1 = Zero;
        nint w = TSimd.Count;
        nint i = 0;
        for (; i <= n - 2 * w; i += 2 * w)
        {
            TVec e0 = TSimd.Exp(Sub(Load(x + i), m));
            TVec e1 = TSimd.Exp(Sub(Load(x + i + w), m));
            if (y != null)
            {
                TSimd.Store(e0, y + i);
                TSimd.Store(e1, y + i + w);
            }
            s0 = Add(s0, e0);
            s1 = Add(s1, e1);
        }
        if (i <= n - w)
        {
            TVec e = TSimd.Exp(Sub(Load(x + i), m));
            if (y != null)
                TSimd.Store(e, y + i);
            s0 = Add(s0, e);
            i += w;
        }
        if (i < n)
        {
            nint o = n - w;
            TVec keep = TailMask(n, i);
            TVec e = TSimd.Exp(Sub(Load(x + o), m));
            if (y != null)
                StoreMasked(e, y + o, keep);
            s1 = Add(s1, TSimd.And(keep, e));
        }
        return TSimd.Sum(Add(s0, s1));
    }

    /// <summary>row *= factor, in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Scale(float* row, nint n, float factor)
    {
        TVec f = TSimd.Create(factor);
        nint w = TSimd.Count;
        nint i = 0;
        for (; i <= n - w; i += w)
            TSimd.Store(Mul(Load(row + i), f), row + i);
        if (i < n)
        {
            nint o = n - w;
            StoreMasked(Mul(Load(row + o), f), row + o, TailMask(n, i));
        }
    }

    /// <summary>y = x + offset (y may be x).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Shift(float* x, float* y, nint n, float offset)
    {
        TVec f = TSimd.Create(offset);
        nint w = TSimd.Count;
        nint i = 0;
        for (; i <= n - w; i += w)
            TSimd.Store(Add(Load(x + i), f), y + i);
        if (i < n)
        {
            nint o = n - w;
            StoreMasked(Add(Load(x + o), f), y + o, TailMask(n, i));
        }
    }
}
