using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MLNetDiff.Kernels.Managed;

/// <summary>Packing of GEMM operands into the microkernel layouts.</summary>
internal static unsafe class GemmPacking
{
    /// <summary>Packs op(B)[pc..pc+kc, jc..jc+nc] into k-major panels of NR columns: panel q starts at
    /// dst + q·kc·NR and holds B(p, j) at [p·NR + j]; columns past nc are zero. With <paramref name="partialOnly"/> only a partial last panel is packed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackB<TKernel>(in GemmArgs g, int pc, int kc, int jc, int nc, float* dst, bool partialOnly)
        where TKernel : struct, IGemmKernel
    {
        int nr = TKernel.NR;
        nint ldb = g.Ldb;
        for (int j0 = 0; j0 < nc; j0 += nr)
        {
            int width = Math.Min(nr, nc - j0);
            if (partialOnly && width == nr)
                continue;
            float* panel = dst + (nint)j0 * kc;
            if (!g.TransB)
            {
                float* src = g.B + pc * ldb + jc + j0;
                if (width == nr)
                {
                    for (int p = 0; p < kc; p++)
                        Unsafe.CopyBlockUnaligned(panel + p * nr, src + p * ldb, (uint)(TKernel.NR * sizeof(float)));
                }
                else
                {
                    for (int p = 0; p < kc; p++)
                    {
                        float* d = panel + p * nr;
                        float* s = src + p * ldb;
                        int j = 0;
                        for (; j < width; j++)
                            d[j] = s[j];
                        for (; j < nr; j++)
                            d[j] = 0f;
                    }
                }
            }
            else
            {
                // B is N×K: op(B)(p, j) = B[j·ldb + p]; each source row is a column of the panel.
                TransposeInto(g.B + (jc + j0) * ldb + pc, ldb, width, kc, panel, nr);
                for (int p = 0; p < kc && width < nr; p++)
                {
                    for (int j = width; j < nr; j++)
                        panel[p * nr + j] = 0f;
                }
            }
        }
    }

    /// <summary>Packs op(A)[ic..ic+mc, pc..pc+kc] into k-major panels of MR rows: panel q starts at
    /// dst + q·MR·kc and holds A(i, p) at [p·MR + i]. Rows past mc are left unwritten (a short panel is
    /// read only by a kernel of that many rows).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackA<TKernel>(in GemmArgs g, int ic, int mc, int pc, int kc, float* dst)
        where TKernel : struct, IGemmKernel
    {
        int mr = TKernel.MR;
        nint lda = g.Lda;
        for (int i0 = 0; i0 < mc; i0 += mr)
        {
            int height = Math.Min(mr, mc - i0);
            float* panel = dst + (nint)i0 * kc;
            if (g.TransA)
            {
                // A is K×M: each k step of the panel is a contiguous run of the A row.
                float* src = g.A + pc * lda + ic + i0;
                if (height == mr)
                {
                    for (int p = 0; p < kc; p++)
                        Unsafe.CopyBlockUnaligned(panel + p * mr, src + p * lda, (uint)(TKernel.MR * sizeof(float)));
                }
                else
                {
                    for (int p = 0; p < kc; p++)
                    {
                        for (int i = 0; i < height; i++)
                            panel[p * mr + i] = src[p * lda + i];
                    }
                }
            }
            else
            {
                TransposeInto(g.A + (ic + i0) * lda + pc, lda, height, kc, panel, mr);
            }
        }
    }

    /// <summary>dst[p·ldd + j] = src[j·lds + p] for j &lt; rows, p &lt; cols: 8×8 AVX blocks, scalar edges.</summary>
    private static void TransposeInto(float* src, nint lds, int rows, int cols, float* dst, nint ldd)
    {
        int j = 0;
        if (Avx.IsSupported)
        {
            for (; j + 8 <= rows; j += 8)
            {
                int p = 0;
                for (; p + 8 <= cols; p += 8)
                    Transpose8x8(src + j * lds + p, lds, dst + p * ldd + j, ldd);
                for (; p < cols; p++)
                {
                    for (int jj = j; jj < j + 8; jj++)
                        dst[p * ldd + jj] = src[jj * lds + p];
                }
            }
        }

        for (; j < rows; j++)
        {
            float* s = src + j * lds;
            for (int p = 0; p < cols; p++)
                dst[p * ldd + j] = s[p];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8(float* src, nint lds, float* dst, nint ldd)
    {
        Vector256<float> r0 = Avx.LoadVector256(src);
        Vector256<float> r1 = Avx.LoadVector256(src + lds);
        Vector256<float> r2 = Avx.LoadVector256(src + 2 * lds);
        Vector256<float> r3 = Avx.LoadVector256(src + 3 * lds);
        Vector256<float> r4 = Avx.LoadVector256(src + 4 * lds);
        Vector256<float> r5 = Avx.LoadVector256(src + 5 * lds);
        Vector256<float> r6 = Avx.LoadVector256(src + 6 * lds);
        Vector256<float> r7 = Avx.LoadVector256(src + 7 * lds);

        Vector256<float> t0 = Avx.UnpackLow(r0, r1);
        Vector256<float> t1 = Avx.UnpackHigh(r0, r1);
        Vector256<float> t2 = Avx.UnpackLow(r2, r3);
        Vector256<float> t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5);
        Vector256<float> t5 = Avx.UnpackHigh(r4, r5);
        Vector256<float> t6 = Avx.UnpackLow(r6, r7);
        Vector256<float> t7 = Avx.UnpackHigh(r6, r7);

        Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44);
        Vector256<float> u1 = Avx.Shuffle(t0, t2, 0xEE);
        Vector256<float> u2 = Avx.Shuffle(t1, t3, 0x44);
        Vector256<float> u3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> u4 = Avx.Shuffle(t4, t6, 0x44);
        Vector256<float> u5 = Avx.Shuffle(t4, t6, 0xEE);
        Vector256<float> u6 = Avx.Shuffle(t5, t7, 0x44);
        Vector256<float> u7 = Avx.Shuffle(t5, t7, 0xEE);

        Avx.Store(dst, Avx.Permute2x128(u0, u4, 0x20));
        Avx.Store(dst + ldd, Avx.Permute2x128(u1, u5, 0x20));
        Avx.Store(dst + 2 * ldd, Avx.Permute2x128(u2, u6, 0x20));
        Avx.Store(dst + 3 * ldd, Avx.Permute2x128(u3, u7, 0x20));
        Avx.Store(dst + 4 * ldd, Avx.Permute2x128(u0, u4, 0x31));
        Avx.Store(dst + 5 * ldd, Avx.Permute2x128(u1, u5, 0x31));
        Avx.Store(dst + 6 * ldd, Avx.Permute2x128(u2, u6, 0x31));
        Avx.Store(dst + 7 * ldd, Avx.Permute2x128(u3, u7, 0x31));
    }
}
