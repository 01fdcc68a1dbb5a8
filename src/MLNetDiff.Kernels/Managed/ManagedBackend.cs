using System;
using System.Buffers;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

namespace MLNetDiff.Kernels.Managed;

/// <summary>
/// Managed SIMD kernels: <see cref="Vector512{T}"/> where accelerated, else <see cref="Vector256{T}"/>, else
/// <see cref="Vector128{T}"/>, else scalar; <see cref="TensorPrimitives"/> where it already has the operation
/// (sum, sum of squares, dot, max, min), <see cref="SimdKernels{TVec, TSimd}"/> for the fused kernels, and
/// <see cref="ManagedGemm"/> for GEMM.
/// </summary>
/// <remarks>
/// <para>Threads: only GEMM (and the GEMM inside large distance problems) uses <see cref="MaxThreads"/>. The
/// element-wise, row-wise, column-sum and Adam kernels run on the calling thread: they are memory-bound and, at the
/// sizes of our MLPs, smaller than the cost of waking a second thread.</para>
/// <para>Determinism: every reduction has a fixed order that depends on the lengths and the vector width only
/// (never on the alignment of the data or the thread count), so identical inputs give identical bits. RNG is
/// <see cref="Philox.Fill"/>, shared with the scalar backend: identical bits on every backend.</para>
/// <para>No kernel allocates, except large distance problems with more than <see cref="StackNormsLimit"/>
/// columns, which rent their norm buffer from <see cref="ArrayPool{T}.Shared"/>.</para>
/// </remarks>
internal sealed unsafe partial class ManagedBackend : KernelBackend
{
    /// <summary>Above this many y rows the distance kernel rents its norm buffer instead of using the stack.</summary>
    private const int StackNormsLimit = 1024;

    private readonly SimdLevel _level;

    public ManagedBackend()
        : this(SimdLevels.Hardware)
    {
    }

    /// <summary>A backend limited to <paramref name="maxLevel"/> (never above what the hardware accelerates):
    /// lets tests run every width's code path on one machine. The TensorPrimitives-based reductions always use
    /// the widest accelerated width.</summary>
    internal ManagedBackend(SimdLevel maxLevel)
        : this(maxLevel, DefaultMaxThreads)
    {
    }

    private ManagedBackend(SimdLevel maxLevel, int maxThreads)
        : base(maxThreads)
    {
        _level = maxLevel < SimdLevels.Hardware ? maxLevel : SimdLevels.Hardware;
    }

    /// <summary>The widest vector the fused kernels use.</summary>
    internal SimdLevel Level => _level;

    public override KernelBackendKind Kind => KernelBackendKind.Managed;

    public override string Description => $"managed {SimdLevels.Name(_level)}, {MaxThreads} thread(s)";

    private protected override KernelBackend WithMaxThreadsCore(int maxThreads) => new ManagedBackend(_level, maxThreads);

    private SimdLevel Pick(long length) => SimdLevels.Pick(_level, length);

    private protected override void GemmCore(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
        => ManagedGemm.Sgemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, MaxThreads);

    private protected override void BiasActivationForwardCore(Activation activation, float alpha, int rows, int cols,
        ReadOnlySpan<float> x, ReadOnlySpan<float> bias, Span<float> y)
    {
        fixed (float* px = x)
        fixed (float* pbias = bias)
        fixed (float* py = y)
        {
            float* pb = bias.IsEmpty ? null : pbias;
            // With a bias the vectors run along a row; without one, along the whole matrix.
            SimdDispatch.Run(Pick(pb == null ? (long)rows * cols : cols), new BiasActivationForwardKernel(activation, alpha, rows, cols, px, pb, py));
        }
    }

    private protected override void BiasActivationBackwardCore(Activation activation, float alpha, int rows, int cols,
        ReadOnlySpan<float> z, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dz, Span<float> dbias)
    {
        if (activation == Activation.Identity && dbias.IsEmpty)
        {
            int n = rows * cols;
            dy.Slice(0, n).CopyTo(dz); // dz = dy · 1
            return;
        }
        fixed (float* pz = z)
        fixed (float* py = y)
        fixed (float* pdy = dy)
        fixed (float* pdz = dz)
        fixed (float* pdbias = dbias)
        {
            float* pdb = dbias.IsEmpty ? null : pdbias;
            SimdDispatch.Run(Pick(pdb == null ? (long)rows * cols : cols), new BiasActivationBackwardKernel(activation, alpha, rows, cols, pz, py, pdy, pdz, pdb));
        }
    }

    private protected override void SoftmaxCore(int rows, int cols, ReadOnlySpan<float> x, Span<float> y)
    {
        fixed (float* px = x)
        fixed (float* py = y)
        {
            SimdDispatch.Run(Pick(cols), new SoftmaxKernel(rows, cols, px, py));
        }
    }

    private protected override void LogSoftmaxCore(int rows, int cols, ReadOnlySpan<float> x, Span<float> y)
    {
        fixed (float* px = x)
        fixed (float* py = y)
        {
            SimdDispatch.Run(Pick(cols), new LogSoftmaxKernel(rows, cols, px, py));
        }
    }

    private protected override void LogSumExpCore(int rows, int cols, ReadOnlySpan<float> x, Span<float> destination)
    {
        fixed (float* px = x)
        fixed (float* pd = destination)
        {
            SimdDispatch.Run(Pick(cols), new LogSumExpKernel(rows, cols, px, pd));
        }
    }

    /// <summary>Small problems: Σ (x − y)² directly. Large ones: ‖x‖² + ‖y‖² − 2·x·yᵀ with the GEMM, clamped at 0
    /// (faster, but absolute error grows with the norms through cancellation, like every BLAS-based pdist).</summary>
    private protected override void SquaredEuclideanDistancesCore(int m, int n, int d, ReadOnlySpan<float> x,
        ReadOnlySpan<float> y, Span<float> destination)
    {
        if (d >= 16 && (long)m * n * d >= 1L << 16)
        {
            DistancesViaGemm(m, n, d, x, y, destination);
            return;
        }
        fixed (float* px = x)
        fixed (float* py = y)
        fixed (float* pd = destination)
        {
            SimdDispatch.Run(Pick(d), new SquaredDistancesKernel(m, n, d, px, py, pd));
        }
    }

    private void DistancesViaGemm(int m, int n, int d, ReadOnlySpan<float> x, ReadOnlySpan<float> y,
        Span<float> destination)
    {
        ManagedGemm.Sgemm(false, true, m, n, d, -2f, x, d, y, d, 0f, destination, n, MaxThreads);
        float[]? rented = null;
        Span<float> yNorms = n <= StackNormsLimit
            ? stackalloc float[StackNormsLimit]
            : (rented = ArrayPool<float>.Shared.Rent(n));
        try
        {
            for (int j = 0; j < n; j++)
                yNorms[j] = TensorPrimitives.SumOfSquares(y.Slice(j * d, d));
            SimdLevel level = Pick(n);
            fixed (float* pd = destination)
            fixed (float* pn = yNorms)
            {
                for (int i = 0; i < m; i++)
                {
                    float xNorm = TensorPrimitives.SumOfSquares(x.Slice(i * d, d));
                    float* row = pd + (nint)i * n;
                    SimdDispatch.Run(level, new AddNormsAndClampKernel(n, row, xNorm, pn));
                }
            }
        }
        finally
        {
            if (rented != null)
                ArrayPool<float>.Shared.Return(rented);
        }
    }

    // Reductions: TensorPrimitives. Its float aggregations never align to the address (that would change the
    // order), so they are deterministic for a given length; its Max/Min return NaN when any element is NaN.
    private protected override float SumCore(ReadOnlySpan<float> x) => TensorPrimitives.Sum(x);

    private protected override float SumOfSquaresCore(ReadOnlySpan<float> x) => TensorPrimitives.SumOfSquares(x);

    private protected override float DotCore(ReadOnlySpan<float> x, ReadOnlySpan<float> y) => TensorPrimitives.Dot(x, y);

    private protected override float MaxCore(ReadOnlySpan<float> x) => TensorPrimitives.Max(x);

    private protected override float MinCore(ReadOnlySpan<float> x) => TensorPrimitives.Min(x);

    private protected override void ColumnSumsCore(int rows, int cols, ReadOnlySpan<float> x, Span<float> destination)
    {
        fixed (float* px = x)
        fixed (float* pd = destination)
        {
            SimdDispatch.Run(Pick(cols), new ColumnSumsKernel(rows, cols, px, pd));
        }
    }

    private protected override void AdamUpdateCore(Span<float> weights, ReadOnlySpan<float> gradients, Span<float> m,
        Span<float> v, AdamParameters p)
    {
        // Bias corrections once per call, computed exactly as the scalar reference does.
        float correction1 = 1f - MathF.Pow(p.Beta1, p.Step);
        float correction2 = 1f - MathF.Pow(p.Beta2, p.Step);
        int n = weights.Length;
        fixed (float* pw = weights)
        fixed (float* pg = gradients)
        fixed (float* pm = m)
        fixed (float* pv = v)
        {
            SimdDispatch.Run(Pick(n), new AdamKernel(n, pw, pg, pm, pv, p, correction1, correction2));
        }
    }

    private protected override void RandomCore(RandomDistribution distribution, ulong seed, ulong offset,
        Span<float> destination) => Philox.Fill(distribution, seed, offset, destination);
}
