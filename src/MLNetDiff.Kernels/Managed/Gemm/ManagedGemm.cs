using System;
using System.Runtime.Intrinsics;

namespace MLNetDiff.Kernels.Managed;

/// <summary>Managed SIMD SGEMM: Goto-style packed GEMM with Vector512 (AVX-512), Vector256 (AVX2) or Vector128
/// microkernels, split across threads by bands of rows or columns of C (never by depth).</summary>
/// <remarks>See docs/managed-gemm.md. Results are bit-identical for any <c>maxThreads</c>: each element of C is
/// computed by the same sequence of FMAs whichever band and thread computes it.</remarks>
internal static unsafe class ManagedGemm
{
    /// <summary>Below this many flops (2·M·N·K, ~40 µs on one AVX-512 core) one thread does the whole product:
    /// measured on 2 Zen 5 cores, 2 threads lose at 2 MFLOP, break even at 4 and gain 1.5× at 8.4.</summary>
    internal const double ParallelFlopThreshold = 8e6;

    /// <summary>C[M,N] = alpha·op(A)·op(B) + beta·C; arguments are validated (m, n &gt; 0, k ≥ 0, sizes fit).</summary>
    public static void Sgemm(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc, int maxThreads)
    {
        if (Vector512.IsHardwareAccelerated)
            Sgemm<GemmKernel512>(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, maxThreads);
        else if (Vector256.IsHardwareAccelerated)
            Sgemm<GemmKernel256>(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, maxThreads);
        else
            Sgemm<GemmKernel128>(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, maxThreads);
    }

    /// <summary><see cref="Sgemm"/> with a given microkernel (tests run every level the machine supports).</summary>
    internal static void Sgemm<TKernel>(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc, int maxThreads)
        where TKernel : struct, IGemmKernel
    {
        fixed (float* pc = c)
        {
            if (k == 0)
            {
                ScaleC(m, n, beta, pc, ldc);
                return;
            }

            fixed (float* pa = a)
            fixed (float* pb = b)
            {
                Run<TKernel>(new GemmArgs(transA, transB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc), maxThreads);
            }
        }
    }

    private static void Run<TKernel>(in GemmArgs g, int maxThreads) where TKernel : struct, IGemmKernel
    {
        GemmModes modes = ChooseModes(g);
        double flops = 2.0 * g.M * g.N * g.K;
        if (maxThreads > 1 && flops >= ParallelFlopThreshold)
        {
            GemmParallel.Plan plan = GemmParallel.MakePlan<TKernel>(g, modes, maxThreads);
            if (plan.Bands > 1)
            {
                GemmParallel.Run<TKernel>(g, modes, plan);
                return;
            }
        }

        GemmDriver<TKernel>.Run(g, modes);
    }

    /// <summary>Which operands are read in place rather than packed (results do not depend on it).</summary>
    /// <remarks>
    /// Row-major A is always read in place: packing it is a transpose that costs as much as the product when N
    /// is small, and the Rows kernel runs at full speed on it. A transposed A is read in place while its reuse
    /// (N / NR panels) is small, and a row-major B while M is small: then the copy costs more than the cache
    /// misses it saves. Strides that are multiples of 4 KiB map every row to the same L1 set: those are packed.
    /// </remarks>
    internal static GemmModes ChooseModes(in GemmArgs g)
    {
        bool aInPlace = !g.TransA || (g.N <= 256 && g.Lda % 1024 != 0);
        bool bInPlace = !g.TransB && g.M <= 512 && g.Ldb % 1024 != 0;
        return new GemmModes(aInPlace, bInPlace);
    }

    /// <summary>C = beta·C (K = 0); beta = 0 writes zeros without reading C.</summary>
    private static void ScaleC(int m, int n, float beta, float* c, nint ldc)
    {
        for (int i = 0; i < m; i++)
        {
            var row = new Span<float>(c + i * ldc, n);
            if (beta == 0f)
            {
                row.Clear();
            }
            else if (beta != 1f)
            {
                for (int j = 0; j < row.Length; j++)
                    row[j] *= beta;
            }
        }
    }
}
