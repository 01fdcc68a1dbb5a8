using System;
using System.Runtime.InteropServices;

namespace MLNetDiff.Benchmarks;

/// <summary>The baseline column: Debian's libopenblas (pthread flavour), installed by build/bench-setup.sh.</summary>
/// <remarks>OpenBLAS misdetects this Zen 5 CPU as Haswell (AVX2 kernels); the benchmark program sets
/// OPENBLAS_CORETYPE=SkylakeX before the library loads, as perf-anchors.md §2 prescribes.</remarks>
internal static unsafe partial class OpenBlas
{
    private const string Library = "libopenblas.so.0";
    private const int RowMajor = 101;
    private const int NoTrans = 111;
    private const int Trans = 112;

    private static readonly Lazy<bool> LazyAvailable = new(() =>
        NativeLibrary.TryLoad(Library, typeof(OpenBlas).Assembly, null, out _));

    public static bool IsAvailable => LazyAvailable.Value;

    [LibraryImport(Library)]
    private static partial void cblas_sgemm(int order, int transA, int transB, int m, int n, int k, float alpha,
        float* a, int lda, float* b, int ldb, float beta, float* c, int ldc);

    [LibraryImport(Library)]
    private static partial void openblas_set_num_threads(int n);

    // .NET's Environment.SetEnvironmentVariable does not reach the C runtime's environment on Linux, and OpenBLAS
    // reads OPENBLAS_CORETYPE with getenv when it loads: set it through libc before the first OpenBLAS call.
    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int setenv(string name, string value, int overwrite);

    /// <summary>Selects OpenBLAS's kernels for a core type; must run before the library is first loaded.</summary>
    public static void ForceCoreType(string coreType)
    {
        Environment.SetEnvironmentVariable("OPENBLAS_CORETYPE", coreType);
        if (!OperatingSystem.IsWindows())
            _ = setenv("OPENBLAS_CORETYPE", coreType, 1);
    }

    [LibraryImport(Library)]
    private static partial nint openblas_get_corename();

    public static string CoreName => Marshal.PtrToStringUTF8(openblas_get_corename()) ?? "?";

    public static void SetThreads(int n) => openblas_set_num_threads(n);

    public static void Sgemm(bool transA, bool transB, int m, int n, int k, float alpha, float[] a, int lda,
        float[] b, int ldb, float beta, float[] c, int ldc)
    {
        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
            cblas_sgemm(RowMajor, transA ? Trans : NoTrans, transB ? Trans : NoTrans, m, n, k, alpha, pa, lda, pb,
                ldb, beta, pc, ldc);
    }
}
