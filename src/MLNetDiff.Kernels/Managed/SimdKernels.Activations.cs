using System;
using System.Runtime.CompilerServices;

namespace MLNetDiff.Kernels.Managed;

/// <summary>Fused bias + activation, forward and backward (see <see cref="KernelBackend.BiasActivationForward"/>).</summary>
internal static unsafe partial class SimdKernels<TVec, TSimd>
{
    /// <summary>y = act(x + bias), one pass. With a bias the rows are processed one by one (cols ≥ Count);
    /// without one the matrix is a flat vector (rows·cols ≥ Count).</summary>
    public static void BiasActivationForward(Activation activation, float alpha, int rows, int cols, float* x,
        float* bias, float* y)
    {
        switch (activation)
        {
            case Activation.Identity: Forward<IdentityOp>(alpha, rows, cols, x, bias, y); break;
            case Activation.Relu: Forward<ReluOp>(alpha, rows, cols, x, bias, y); break;
            case Activation.LeakyRelu: Forward<LeakyReluOp>(alpha, rows, cols, x, bias, y); break;
            case Activation.Gelu: Forward<GeluOp>(alpha, rows, cols, x, bias, y); break;
            case Activation.Sigmoid: Forward<SigmoidOp>(alpha, rows, cols, x, bias, y); break;
            case Activation.Tanh: Forward<TanhOp>(alpha, rows, cols, x, bias, y); break;
            default: throw new ArgumentOutOfRangeException(nameof(activation));
        }
    }

    /// <summary>dz = dy · act'(input) where input is z or y (<see cref="IActivationOp.ReadsOutput"/>); without
    /// <paramref name="dbias"/> a flat pass (rows·cols ≥ Count), with it one pass over column blocks that also
    /// accumulates the column sums of dz (cols ≥ Count).</summary>
    public static void BiasActivationBackward(Activation activation, float alpha, int rows, int cols, float* z,
        float* y, float* dy, float* dz, float* dbias)
    {
        switch (activation)
        {
            case Activation.Identity: Backward<IdentityOp>(alpha, rows, cols, null, dy, dz, dbias); break;
            case Activation.Relu: Backward<ReluOp>(alpha, rows, cols, z, dy, dz, dbias); break;
            case Activation.LeakyRelu: Backward<LeakyReluOp>(alpha, rows, cols, z, dy, dz, dbias); break;
            case Activation.Gelu: Backward<GeluOp>(alpha, rows, cols, z, dy, dz, dbias); break;
            case Activation.Sigmoid: Backward<SigmoidOp>(alpha, rows, cols, y, dy, dz, dbias); break;
            case Activation.Tanh: Backward<TanhOp>(alpha, rows, cols, y, dy, dz, dbias); break;
            default: throw new ArgumentOutOfRangeException(nameof(activation));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Forward<TAct>(float alpha, int rows, int cols, float* x, float* bias, float* y)
        where TAct : struct, IActivationOp
    {
        TVec a = TSimd.Create(alpha);
        nint w = TSimd.Count;
        if (bias == null)
        {
            nint n = (nint)rows * cols;
            nint i = 0;
            for (; i <= n - w; i += w)
                TSimd.Store(TAct.Forward(Load(x + i), a), y + i);
            if (i < n)
            {
                nint o = n - w;
                StoreMasked(TAct.Forward(Load(x + o), a), y + o, TailMask(n, i));
            }
            return;
        }

        nint c = cols;
        for (int r = 0; r < rows; r++)
        {
            float* xr = x + r * c;
            float* yr = y + r * c;
            nint i = 0;
            for (; i <= c - w; i += w)
                TSimd.Store(TAct.Forward(Add(Load(xr + i), Load(bias + i)), a), yr + i);
            if (i < c)
            {
                nint o = c - w;
                StoreMasked(TAct.Forward(Add(Load(xr + o), Load(bias + o)), a), yr + o, TailMask(c, i));
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Backward<TAct>(float alpha, int rows, int cols, float* input, float* dy, float* dz, float* dbias)
        where TAct : struct, IActivationOp
    {
        TVec a = TSimd.Create(alpha);
        nint w = TSimd.Count;
        if (dbias == null)
        {
            nint n = (nint)rows * cols;
            nint i = 0;
            for (; i <= n - w; i += w)
                TSimd.Store(Gradient<TAct>(input, dy, i, a), dz + i);
            if (i < n)
            {
                nint o = n - w;
                StoreMasked(Gradient<TAct>(input, dy, o, a), dz + o, TailMask(n, i));
            }
            return;
        }

        // Column blocks of up to 4 vectors, rows inner: dz is written and its column sums accumulate in
        // registers in the same pass; row blocks keep the working set in cache (see ColumnBlockRows).
        nint c = cols;
        for (int r0 = 0; r0 < rows; r0 += ColumnBlockRows)
        {
            int r1 = Math.Min(rows, r0 + ColumnBlockRows);
            bool first = r0 == 0;
            nint j = 0;
            for (; TAct.Unroll && j <= c - 4 * w; j += 4 * w)
            {
                float* sums = dbias + j;
                TVec s0 = first ? Zero : TSimd.Load(sums);
                TVec s1 = first ? Zero : TSimd.Load(sums + w);
                TVec s2 = first ? Zero : TSimd.Load(sums + 2 * w);
                TVec s3 = first ? Zero : TSimd.Load(sums + 3 * w);
                for (int r = r0; r < r1; r++)
                {
                    nint at = r * c + j;
                    TVec d0 = Gradient<TAct>(input, dy, at, a);
                    TVec d1 = Gradient<TAct>(input, dy, at + w, a);
                    TVec d2 = Gradient<TAct>(input, dy, at + 2 * w, a);
                    TVec d3 = Gradient<TAct>(input, dy, at + 3 * w, a);
                    TSimd.Store(d0, dz + at);
                    TSimd.Store(d1, dz + at + w);
                    TSimd.Store(d2, dz + at + 2 * w);
                    TSimd.Store(d3, dz + at + 3 * w);
                    s0 = Add(s0, d0);
                    s1 = Add(s1, d1);
                    s2 = Add(s2, d2);
                    s3 = Add(s3, d3);
                }
                TSimd.Store(s0, sums);
                TSimd.Store(s1, sums + w);
                TSimd.Store(s2, sums + 2 * w);
                TSimd.Store(s3, sums + 3 * w);
            }
            for (; j <= c - w; j += w)
            {
                TVec s = first ? Zero : TSimd.Load(dbias + j);
                for (int r = r0; r < r1; r++)
                {
                    nint at = r * c + j;
                    TVec d = Gradient<TAct>(input, dy, at, a);
                    TSimd.Store(d, dz + at);
                    s = Add(s, d);
                }
                TSimd.Store(s, dbias + j);
            }
            if (j < c)
            {
                nint o = c - w;
                TVec keep = TailMask(c, j);
                TVec s = first ? TSimd.Select(keep, Zero, TSimd.Load(dbias + o)) : TSimd.Load(dbias + o);
                for (int r = r0; r < r1; r++)
                {
                    nint at = r * c + o;
                    TVec d = Gradient<TAct>(input, dy, at, a);
                    StoreMasked(d, dz + at, keep);
                    s = Add(s, TSimd.And(keep, d));
                }
                TSimd.Store(s, dbias + o);
            }
        }
    }

    /// <summary>dy[i..] · act'(input[i..]), in the scalar reference's order (a product, so NaN/∞ in dy
    /// propagate exactly as there, e.g. ∞·0 = NaN for ReLU).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Gradient<TAct>(float* input, float* dy, nint i, TVec alpha)
        where TAct : struct, IActivationOp
    {
        TVec derivative = TAct.Derivative(TAct.ReadsInput ? Load(input + i) : Zero, alpha);
        return Mul(Load(dy + i), derivative);
    }

    /// <summary>tanh, Cephes' tanhf scheme: an odd polynomial for |x| &lt; 0.625, else 1 − 2/(e^{2|x|} + 1) with
    /// the sign of x. About 2 ulp; ±1 for large |x|, NaN for NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Tanh(TVec x)
    {
        TVec ax = TSimd.Abs(x);
        TVec x2 = Mul(x, x);
        TVec poly = TSimd.Create(-5.70498872745e-3f);
        poly = Add(Mul(poly, x2), TSimd.Create(2.06390887954e-2f));
        poly = Sub(Mul(poly, x2), TSimd.Create(5.37397155531e-2f));
        poly = Add(Mul(poly, x2), TSimd.Create(1.33314422036e-1f));
        poly = Sub(Mul(poly, x2), TSimd.Create(3.33332819422e-1f));
        poly = Add(Mul(Mul(poly, x2), x), x);
        TVec large = Sub(One, Div(TSimd.Create(2f), Add(TSimd.Exp(Add(ax, ax)), One)));
        large = TSimd.Xor(large, TSimd.And(x, TSimd.Create(-0f)));
        return TSimd.Select(TSimd.LessThan(ax, TSimd.Create(0.625f)), poly, large);
    }

    /// <summary>Logistic function without overflow: 1/(1+e^−|z|) for z ≥ 0, e^−|z|/(1+e^−|z|) for z &lt; 0
    /// (the formulas of <see cref="ActivationMath.Sigmoid"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Sigmoid(TVec z)
    {
        TVec e = TSimd.Exp(TSimd.Negate(TSimd.Abs(z)));
        TVec d = Add(One, e);
        return TSimd.Select(TSimd.LessThan(z, Zero), Div(e, d), Div(One, d));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec GeluTanh(TVec z) =>
        Tanh(Mul(TSimd.Create(ActivationMath.GeluScale), Add(z, Mul(Mul(Mul(TSimd.Create(ActivationMath.GeluCubic), z), z), z))));

    /// <summary>One activation as an operator struct; the JIT inlines it into the kernel loops.</summary>
    private interface IActivationOp
    {
        /// <summary>False for identity: the derivative needs no input.</summary>
        static abstract bool ReadsInput { get; }

        /// <summary>Cheap enough to unroll 4 vectors deep (piecewise linear). The exp-based ones are not: four
        /// inlined copies of tanh/exp exceed the JIT's inlining budget, which would leave them as calls.</summary>
        static abstract bool Unroll { get; }

        static abstract TVec Forward(TVec z, TVec alpha);

        /// <summary>f' given z, or given y = f(z) for sigmoid and tanh.</summary>
        static abstract TVec Derivative(TVec input, TVec alpha);
    }

    private readonly struct IdentityOp : IActivationOp
    {
        public static bool ReadsInput => false;
        public static bool Unroll => true;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TVec Forward(TVec z, TVec alpha) => z;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TVec Derivative(TVec input, TVec alpha) => One;
    }

    /// <summary>z ≤ 0 ? 0 : z, so NaN propagates.</summary>
    private readonly struct ReluOp : IActivationOp
    {
        public static bool ReadsInput => true;
        public static bool Unroll => true;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TVec Forward(TVec z, TVec alpha) => TSimd.Select(TSimd.LessThanOrEqual(z, Zero), Zero, z);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TVec Derivative(TVec input, TVec alpha) => TSimd.Select(TSimd.GreaterThan(input, Zero), One, Zero);
    }

    private readonly struct LeakyReluOp : IActivationOp
    {
        public static bool ReadsInput => true;
        public static bool Unroll => true;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TVec Forward(TVec z, TVec alpha) => TSimd.Select(TSimd.GreaterThan(z, Zero), z, Mul(alpha, z));
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TVec Derivative(TVec input, TVec alpha) => TSimd.Select(TSimd.GreaterThan(input, Zero), One, alpha);
    }

    private readonly struct GeluOp : IActivationOp
    {
        public static bool ReadsInput => true;
        public static bool Unroll => false;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TVec Forward(TVec z, TVec alpha)
        {
            return Mul(Mul(TSimd.Create(0.5f), z), Add(One, GeluTanh(z)));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TVec Derivative(TVec input, TVec alpha)
        {
            TVec z = input;
            TVec half = TSimd.Create(0.5f);
            TVec t = GeluTanh(z);
            // 0.5(1 + t) + 0.5 z (1 − t²) √(2/π) (1 + 3·0.044715 z²), evaluated left to right like the reference.
            TVec left = Mul(half, Add(One, t));
            TVec right = Mul(Mul(Mul(half, z), Sub(One, Mul(t, t))), TSimd.Create(ActivationMath.GeluScale));
            TVec inner = Add(One, Mul(Mul(TSimd.Create(3f * ActivationMath.GeluCubic), z), z));
            return Add(left, Mul(right, inner));
        }
    }

    private readonly struct SigmoidOp : IActivationOp
    {
        public static bool ReadsInput => true;
        public static bool Unroll => false;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TVec Forward(TVec z, TVec alpha) => Sigmoid(z);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TVec Derivative(TVec input, TVec alpha) => Mul(input, Sub(One, input));
    }

    private readonly struct TanhOp : IActivationOp
    {
        public static bool ReadsInput => true;
        public static bool Unroll => false;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TVec Forward(TVec z, TVec alpha) => Tanh(z);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TVec Derivative(TVec input, TVec alpha) => Sub(One, Mul(input, input));
    }
}
