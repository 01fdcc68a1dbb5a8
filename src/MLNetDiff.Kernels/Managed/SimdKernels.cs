using System;
using System.Runtime.CompilerServices;

namespace MLNetDiff.Kernels.Managed;

/// <summary>
/// The managed kernels, written once over a vector type <typeparamref name="TVec"/> (<c>Vector512&lt;float&gt;</c>,
/// <c>Vector256&lt;float&gt;</c>, <c>Vector128&lt;float&gt;</c> or <see cref="float"/> itself) and its operations
/// <typeparamref name="TSimd"/>; the JIT compiles one specialized copy per width. <see cref="ManagedBackend"/>
/// picks the width (see <see cref="SimdLevels.Pick"/>).
/// </summary>
/// <remarks>
/// <para>Loop shape, shared by every kernel: full vectors from the start, then — when the length is not a multiple
/// of the width — one last vector that ends exactly at the end and overlaps the previous one. Its lanes that were
/// already processed are masked (<see cref="ISimd{TVec}.TailMask"/>): results are blended with what the
/// destination already holds, and contributions to sums are zeroed. That is what keeps in-place use (y == x,
/// dz == dy, Adam's w/m/v) correct. Every entry point requires length ≥ <c>TSimd.Count</c> along the vectorized
/// dimension.</para>
/// <para>Every method with a loop is <see cref="MethodImplOptions.AggressiveOptimization"/>: at tier 0 each
/// <c>TSimd.X</c> call would be a real call passing 64-byte vectors (10–20× slower), and kernels are called a few
/// dozen times per training step, long enough to matter before tiered compilation catches up.</para>
/// <para>Determinism: loads are unaligned and start at element 0, so the order of every reduction depends only
/// on the lengths and the width, never on the address of the data.</para>
/// <para>All pointers were pinned and all sizes validated by the caller. Arithmetic is spelled out (Add, Mul, …)
/// because the reference assemblies do not expose the operator interfaces of the vector types; it follows the
/// scalar reference's operation order and never contracts to FMA.</para>
/// </remarks>
internal static unsafe partial class SimdKernels<TVec, TSimd>
    where TVec : unmanaged
    where TSimd : struct, ISimd<TVec>
{
    /// <summary>Rows per block of the column reductions: a block's column sums stay in registers, and the block
    /// is small enough to stay in cache; the running sums go through the destination between blocks, which keeps
    /// the summation order exactly "row 0, row 1, …" (bit-identical to the scalar reference).</summary>
    private const int ColumnBlockRows = 64;

    private static TVec Zero
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => TSimd.Create(0f);
    }

    private static TVec One
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => TSimd.Create(1f);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Add(TVec x, TVec y) => TSimd.Add(x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Sub(TVec x, TVec y) => TSimd.Subtract(x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Mul(TVec x, TVec y) => TSimd.Multiply(x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Div(TVec x, TVec y) => TSimd.Divide(x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Load(float* source) => TSimd.Load(source);

    /// <summary>The masked last vector of a length-<paramref name="n"/> loop that stopped at <paramref name="i"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec TailMask(nint n, nint i) => TSimd.TailMask((int)(TSimd.Count - (n - i)));

    /// <summary>Stores only the lanes selected by <paramref name="keep"/>; the others keep their current value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreMasked(TVec value, float* destination, TVec keep) =>
        TSimd.Store(TSimd.Select(keep, value, TSimd.Load(destination)), destination);

    /// <summary>destination[c] = Σ_r x[r,c] for a contiguous rows×cols matrix, rows summed in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ColumnSums(int rows, int cols, float* x, float* destination)
    {
        nint n = cols;
        nint w = TSimd.Count;
        for (int r0 = 0; r0 < rows; r0 += ColumnBlockRows)
        {
            int r1 = Math.Min(rows, r0 + ColumnBlockRows);
            bool first = r0 == 0;
            nint j = 0;
            for (; j <= n - 4 * w; j += 4 * w)
            {
                float* d = destination + j;
                TVec s0 = first ? Zero : TSimd.Load(d);
                TVec s1 = first ? Zero : TSimd.Load(d + w);
                TVec s2 = first ? Zero : TSimd.Load(d + 2 * w);
                TVec s3 = first ? Zero : TSimd.Load(d + 3 * w);
                for (int r = r0; r < r1; r++)
                {
                    float* p = x + r * n + j;
                    s0 = Add(s0, Load(p));
                    s1 = Add(s1, Load(p + w));
                    s2 = Add(s2, Load(p + 2 * w));
                    s3 = Add(s3, Load(p + 3 * w));
                }
                TSimd.Store(s0, d);
                TSimd.Store(s1, d + w);
                TSimd.Store(s2, d + 2 * w);
                TSimd.Store(s3, d + 3 * w);
            }
            for (; j <= n - w; j += w)
            {
                TVec s = first ? Zero : TSimd.Load(destination + j);
                for (int r = r0; r < r1; r++)
                    s = Add(s, Load(x + r * n + j));
                TSimd.Store(s, destination + j);
            }
            if (j < n)
            {
                nint o = n - w;
                TVec keep = TailMask(n, j);
                // Lanes before j hold this block's finished sums: carry them through unchanged.
                TVec s = first ? TSimd.Select(keep, Zero, TSimd.Load(destination + o)) : TSimd.Load(destination + o);
                for (int r = r0; r < r1; r++)
                    s = Add(s, TSimd.And(keep, Load(x + r * n + o)));
                TSimd.Store(s, destination + o);
            }
        }
    }

    /// <summary>One fused Adam/AdamW step over n ≥ Count elements; same operations, in the same order, as the
    /// scalar reference (no FMA contraction), so each element is bit-identical to it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Adam(nint n, float* w, float* g, float* m, float* v, float learningRate, float beta1,
        float beta2, float epsilon, float weightDecay, bool decoupled, float correction1, float correction2)
    {
        var lr = TSimd.Create(learningRate);
        var b1 = TSimd.Create(beta1);
        var b2 = TSimd.Create(beta2);
        var oneMinusB1 = TSimd.Create(1f - beta1);
        var oneMinusB2 = TSimd.Create(1f - beta2);
        var eps = TSimd.Create(epsilon);
        var wd = TSimd.Create(weightDecay);
        var c1 = TSimd.Create(correction1);
        var c2 = TSimd.Create(correction2);
        nint count = TSimd.Count;
        nint i = 0;
        for (; i <= n - count; i += count)
        {
            AdamStep(w + i, g + i, m + i, v + i, lr, b1, b2, oneMinusB1, oneMinusB2, eps, wd, decoupled, c1, c2,
                out TVec wNew, out TVec mNew, out TVec vNew);
            TSimd.Store(mNew, m + i);
            TSimd.Store(vNew, v + i);
            TSimd.Store(wNew, w + i);
        }
        if (i < n)
        {
            nint o = n - count;
            TVec keep = TailMask(n, i);
            AdamStep(w + o, g + o, m + o, v + o, lr, b1, b2, oneMinusB1, oneMinusB2, eps, wd, decoupled, c1, c2,
                out TVec wNew, out TVec mNew, out TVec vNew);
            StoreMasked(mNew, m + o, keep);
            StoreMasked(vNew, v + o, keep);
            StoreMasked(wNew, w + o, keep);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AdamStep(float* pw, float* pg, float* pm, float* pv, TVec lr, TVec b1, TVec b2,
        TVec oneMinusB1, TVec oneMinusB2, TVec eps, TVec wd, bool decoupled, TVec c1, TVec c2,
        out TVec wNew, out TVec mNew, out TVec vNew)
    {
        TVec w = Load(pw);
        TVec g = Load(pg);
        if (!decoupled)
            g = Add(g, Mul(wd, w));
        mNew = Add(Mul(b1, Load(pm)), Mul(oneMinusB1, g));
        vNew = Add(Mul(b2, Load(pv)), Mul(Mul(oneMinusB2, g), g));
        TVec step = Div(Div(mNew, c1), Add(TSimd.Sqrt(Div(vNew, c2)), eps));
        if (decoupled)
            step = Add(step, Mul(wd, w));
        wNew = Sub(w, Mul(lr, step));
    }

    /// <summary>out[i,j] = Σ_p (x[i,p] − y[j,p])² directly (d ≥ Count): exact differences, no cancellation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SquaredDistancesDirect(int m, int n, int d, float* x, float* y, float* destination)
    {
        nint dd = d;
        nint w = TSimd.Count;
        for (int i = 0; i < m; i++)
        {
            float* xi = x + i * dd;
            for (int j = 0; j < n; j++)
            {
                float* yj = y + j * dd;
                TVec s0 = Zero;
                TVec s1 = Zero;
                nint p = 0;
                for (; p <= dd - 2 * w; p += 2 * w)
                {
                    TVec e0 = Sub(Load(xi + p), Load(yj + p));
                    TVec e1 = Sub(Load(xi + p + w), Load(yj + p + w));
                    s0 = Add(s0, Mul(e0, e0));
                    s1 = Add(s1, Mul(e1, e1));
                }
                for (; p <= dd - w; p += w)
                {
                    TVec e = Sub(Load(xi + p), Load(yj + p));
                    s0 = Add(s0, Mul(e, e));
                }
                if (p < dd)
                {
                    nint o = dd - w;
                    TVec e = TSimd.And(TailMask(dd, p), Sub(Load(xi + o), Load(yj + o)));
                    s1 = Add(s1, Mul(e, e));
                }
                destination[i * (nint)n + j] = TSimd.Sum(Add(s0, s1));
            }
        }
    }

    /// <summary>row[j] = max(row[j] + (xNorm + yNorms[j]), 0) over n ≥ Count elements: turns −2·x·yᵀ from the GEMM
    /// into clamped squared distances.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddNormsAndClamp(nint n, float* row, float xNorm, float* yNorms)
    {
        TVec xn = TSimd.Create(xNorm);
        nint w = TSimd.Count;
        nint i = 0;
        for (; i <= n - w; i += w)
            TSimd.Store(TSimd.Max(Add(Load(row + i), Add(xn, Load(yNorms + i))), Zero), row + i);
        if (i < n)
        {
            nint o = n - w;
            TVec value = TSimd.Max(Add(Load(row + o), Add(xn, Load(yNorms + o))), Zero);
            StoreMasked(value, row + o, TailMask(n, i));
        }
    }
}
