using System;

namespace MLNetDiff.Kernels.Native;

/// <summary>Kernels executed by libmlnetdiff. Arguments were validated by <see cref="KernelBackend"/>; this
/// class only pins spans and checks the returned status.</summary>
internal sealed unsafe class NativeBackend : KernelBackend
{
    /// <summary>The budget last given to the library on this thread (0 = none yet). The library keeps its budget per
    /// calling thread (mlnd_threads_set, API version 2) and only this class sets it, so the cache is exact and a
    /// kernel call pays one thread-static read, not a second P/Invoke.</summary>
    [ThreadStatic]
    private static int t_appliedThreads;

    private NativeBackend(int maxThreads)
        : base(maxThreads)
    {
    }

    /// <summary>Null (with a reason) when the library is missing or has another API version.</summary>
    public static NativeBackend? TryCreate(out string failure) =>
        NativeLibraryLoader.TryLoad(out failure) ? new NativeBackend(DefaultMaxThreads) : null;

    public override KernelBackendKind Kind => KernelBackendKind.Native;

    public override string Description => $"native {IsaName(ActiveIsa)}, {MaxThreads} thread(s)";

    private protected override KernelBackend WithMaxThreadsCore(int maxThreads) => new NativeBackend(maxThreads);

    /// <summary>Gives the library this backend's budget for calls from the current thread; called before every kernel
    /// that may split work between threads (reductions to a scalar never do).</summary>
    private void ApplyThreads()
    {
        if (t_appliedThreads != MaxThreads)
        {
            NativeStatus.Check(NativeMethods.mlnd_threads_set(MaxThreads));
            t_appliedThreads = MaxThreads;
        }
    }

    /// <summary>Highest instruction set the CPU supports (0 scalar, 1 AVX2+FMA, 2 AVX-512).</summary>
    public static int SupportedIsa => NativeMethods.mlnd_isa_supported();

    /// <summary>Instruction set in use; settable to a lower level for tests and benchmarks.</summary>
#pragma warning disable CA1822 // per-backend setting by design, although the state lives in the library
    public int ActiveIsa
    {
        get => NativeMethods.mlnd_isa_active();
        set => NativeStatus.Check(NativeMethods.mlnd_isa_set(value));
    }
#pragma warning restore CA1822

    public static string IsaName(int isa) => isa switch { NativeIsa.Avx512 => "avx512", NativeIsa.Avx2 => "avx2", _ => "scalar" };

    private protected override void GemmCore(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        ApplyThreads();
        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
            NativeStatus.Check(NativeMethods.mlnd_gemm_sgemm(transA ? 1 : 0, transB ? 1 : 0, m, n, k, alpha,
                pa, lda, pb, ldb, beta, pc, ldc));
    }

    private protected override void BiasActivationForwardCore(Activation activation, float alpha, int rows, int cols,
        ReadOnlySpan<float> x, ReadOnlySpan<float> bias, Span<float> y)
    {
        ApplyThreads();
        fixed (float* px = x)
        fixed (float* pb = bias)
        fixed (float* py = y)
            NativeStatus.Check(NativeMethods.mlnd_act_bias_forward((int)activation, alpha, rows, cols, px, pb, py));
    }

    private protected override void BiasActivationBackwardCore(Activation activation, float alpha, int rows, int cols,
        ReadOnlySpan<float> z, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dz, Span<float> dbias)
    {
        ApplyThreads();
        fixed (float* pz = z)
        fixed (float* py = y)
        fixed (float* pdy = dy)
        fixed (float* pdz = dz)
        fixed (float* pdb = dbias)
            NativeStatus.Check(NativeMethods.mlnd_act_bias_backward((int)activation, alpha, rows, cols,
                pz, py, pdy, pdz, pdb));
    }

    private protected override void SoftmaxCore(int rows, int cols, ReadOnlySpan<float> x, Span<float> y)
    {
        ApplyThreads();
        fixed (float* px = x)
        fixed (float* py = y)
            NativeStatus.Check(NativeMethods.mlnd_rows_softmax(rows, cols, px, py));
    }

    private protected override void LogSoftmaxCore(int rows, int cols, ReadOnlySpan<float> x, Span<float> y)
    {
        ApplyThreads();
        fixed (float* px = x)
        fixed (float* py = y)
            NativeStatus.Check(NativeMethods.mlnd_rows_log_softmax(rows, cols, px, py));
    }

    private protected override void LogSumExpCore(int rows, int cols, ReadOnlySpan<float> x, Span<float> destination)
    {
        ApplyThreads();
        fixed (float* px = x)
        fixed (float* pd = destination)
            NativeStatus.Check(NativeMethods.mlnd_rows_logsumexp(rows, cols, px, pd));
    }

    private protected override void SquaredEuclideanDistancesCore(int m, int n, int d, ReadOnlySpan<float> x,
        ReadOnlySpan<float> y, Span<float> destination)
    {
        ApplyThreads();
        fixed (float* px = x)
        fixed (float* py = y)
        fixed (float* pd = destination)
            NativeStatus.Check(NativeMethods.mlnd_dist_sqeuclidean(m, n, d, px, py, pd));
    }

    private protected override float SumCore(ReadOnlySpan<float> x)
    {
        float r;
        fixed (float* px = x)
            NativeStatus.Check(NativeMethods.mlnd_reduce_sum(x.Length, px, &r));
        return r;
    }

    private protected override float SumOfSquaresCore(ReadOnlySpan<float> x)
    {
        float r;
        fixed (float* px = x)
            NativeStatus.Check(NativeMethods.mlnd_reduce_sumsq(x.Length, px, &r));
        return r;
    }

    private protected override float DotCore(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        float r;
        fixed (float* px = x)
        fixed (float* py = y)
            NativeStatus.Check(NativeMethods.mlnd_reduce_dot(x.Length, px, py, &r));
        return r;
    }

    private protected override float MaxCore(ReadOnlySpan<float> x)
    {
        float r;
        fixed (float* px = x)
            NativeStatus.Check(NativeMethods.mlnd_reduce_max(x.Length, px, &r));
        return r;
    }

    private protected override float MinCore(ReadOnlySpan<float> x)
    {
        float r;
        fixed (float* px = x)
            NativeStatus.Check(NativeMethods.mlnd_reduce_min(x.Length, px, &r));
        return r;
    }

    private protected override void ColumnSumsCore(int rows, int cols, ReadOnlySpan<float> x, Span<float> destination)
    {
        ApplyThreads();
        fixed (float* px = x)
        fixed (float* pd = destination)
            NativeStatus.Check(NativeMethods.mlnd_reduce_colsum(rows, cols, px, pd));
    }

    private protected override void AdamUpdateCore(Span<float> weights, ReadOnlySpan<float> gradients, Span<float> m,
        Span<float> v, AdamParameters p)
    {
        ApplyThreads();
        fixed (float* pw = weights)
        fixed (float* pg = gradients)
        fixed (float* pm = m)
        fixed (float* pv = v)
            NativeStatus.Check(NativeMethods.mlnd_optim_adam(weights.Length, pw, pg, pm, pv, p.LearningRate,
                p.Beta1, p.Beta2, p.Epsilon, p.WeightDecay, p.Decoupled ? 1 : 0, p.Step));
    }

    private protected override void RandomCore(RandomDistribution distribution, ulong seed, ulong offset,
        Span<float> destination)
    {
        ApplyThreads();
        fixed (float* pd = destination)
        {
            int status = distribution switch
            {
                RandomDistribution.Uniform => NativeMethods.mlnd_rng_uniform(seed, offset, destination.Length, pd),
                RandomDistribution.Normal => NativeMethods.mlnd_rng_normal(seed, offset, destination.Length, pd),
                RandomDistribution.Gumbel => NativeMethods.mlnd_rng_gumbel(seed, offset, destination.Length, pd),
                _ => NativeMethods.mlnd_rng_logistic(seed, offset, destination.Length, pd),
            };
            NativeStatus.Check(status);
        }
    }
}
