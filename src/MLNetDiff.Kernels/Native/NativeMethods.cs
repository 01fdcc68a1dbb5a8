using System.Runtime.InteropServices;

namespace MLNetDiff.Kernels.Native;

/// <summary>P/Invoke declarations of <c>src/Native/include/mlnetdiff.h</c>, one per C entry point, in header order.</summary>
/// <remarks>Keep in sync with the header: <c>NativeAbiTests</c> compares both lists.</remarks>
internal static unsafe partial class NativeMethods
{
    public const string LibraryName = "mlnetdiff";

    /// <summary>The API version this assembly was written against (MLND_API_VERSION).</summary>
    public const int ApiVersion = 2;

    [LibraryImport(LibraryName)] public static partial int mlnd_api_version();
    [LibraryImport(LibraryName)] public static partial nint mlnd_last_error();
    [LibraryImport(LibraryName)] public static partial int mlnd_isa_supported();
    [LibraryImport(LibraryName)] public static partial int mlnd_isa_active();
    [LibraryImport(LibraryName)] public static partial int mlnd_isa_set(int isa);
    [LibraryImport(LibraryName)] public static partial int mlnd_threads_set(int n);
    [LibraryImport(LibraryName)] public static partial int mlnd_threads_get();

    [LibraryImport(LibraryName)]
    public static partial int mlnd_gemm_sgemm(int transA, int transB, long m, long n, long k, float alpha,
        float* a, long lda, float* b, long ldb, float beta, float* c, long ldc);

    [LibraryImport(LibraryName)]
    public static partial int mlnd_act_bias_forward(int act, float alpha, long rows, long cols, float* x, float* bias, float* y);

    [LibraryImport(LibraryName)]
    public static partial int mlnd_act_bias_backward(int act, float alpha, long rows, long cols,
        float* z, float* y, float* dy, float* dz, float* dbias);

    [LibraryImport(LibraryName)] public static partial int mlnd_rows_softmax(long rows, long cols, float* x, float* y);
    [LibraryImport(LibraryName)] public static partial int mlnd_rows_log_softmax(long rows, long cols, float* x, float* y);
    [LibraryImport(LibraryName)] public static partial int mlnd_rows_logsumexp(long rows, long cols, float* x, float* output);

    [LibraryImport(LibraryName)]
    public static partial int mlnd_dist_sqeuclidean(long m, long n, long d, float* x, float* y, float* output);

    [LibraryImport(LibraryName)] public static partial int mlnd_reduce_sum(long n, float* x, float* output);
    [LibraryImport(LibraryName)] public static partial int mlnd_reduce_sumsq(long n, float* x, float* output);
    [LibraryImport(LibraryName)] public static partial int mlnd_reduce_dot(long n, float* x, float* y, float* output);
    [LibraryImport(LibraryName)] public static partial int mlnd_reduce_max(long n, float* x, float* output);
    [LibraryImport(LibraryName)] public static partial int mlnd_reduce_min(long n, float* x, float* output);
    [LibraryImport(LibraryName)] public static partial int mlnd_reduce_colsum(long rows, long cols, float* x, float* output);

    [LibraryImport(LibraryName)]
    public static partial int mlnd_optim_adam(long n, float* w, float* g, float* m, float* v, float lr,
        float beta1, float beta2, float eps, float weightDecay, int decoupled, long step);

    [LibraryImport(LibraryName)] public static partial int mlnd_rng_uniform(ulong seed, ulong offset, long n, float* output);
    [LibraryImport(LibraryName)] public static partial int mlnd_rng_normal(ulong seed, ulong offset, long n, float* output);
    [LibraryImport(LibraryName)] public static partial int mlnd_rng_gumbel(ulong seed, ulong offset, long n, float* output);
    [LibraryImport(LibraryName)] public static partial int mlnd_rng_logistic(ulong seed, ulong offset, long n, float* output);
}
