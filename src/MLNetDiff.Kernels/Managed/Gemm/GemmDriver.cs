using System;
using System.Runtime.CompilerServices;

namespace MLNetDiff.Kernels.Managed;

/// <summary>Which operands the driver reads in place instead of packing.</summary>
/// <param name="AInPlace">Broadcast straight from A: row-major A through the Rows kernel, or a transposed A
/// (whose k steps are contiguous runs) through the Packed kernel with step lda.</param>
/// <param name="BInPlace">Load full-width B panels straight from a row-major B (step ldb); only a partial last
/// panel is packed. Only when B is not transposed.</param>
internal readonly record struct GemmModes(bool AInPlace, bool BInPlace);

/// <summary>Single-threaded Goto-style blocked GEMM over one ISA level.</summary>
/// <remarks>Loops: jc (NC columns) → pc (depth blocks) → pack B → ic (MC rows) → [pack A] → jr (NR panels) →
/// ir (MR tiles) → microkernel. The depth blocking depends on K only, so every element of C is the same
/// sequence of operations whatever band of C a call computes: results do not depend on the thread split.</remarks>
internal static unsafe class GemmDriver<TKernel> where TKernel : struct, IGemmKernel
{
    /// <summary>Depth block for a depth of <paramref name="k"/>: blocks of at most KC, as even as possible.</summary>
    public static int DepthBlock(int k)
    {
        int blocks = (k + TKernel.KC - 1) / TKernel.KC;
        return (k + blocks - 1) / blocks;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(in GemmArgs g, GemmModes modes)
    {
        int mr = TKernel.MR;
        int nr = TKernel.NR;
        int m = g.M;
        int n = g.N;
        int k = g.K;
        int kcMax = DepthBlock(k);
        int ncMax = Math.Min(TKernel.NC, RoundUp(n, nr));
        int mcMax = Math.Min(TKernel.MC, RoundUp(m, mr));
        bool packA = !modes.AInPlace;
        bool bInPlace = modes.BInPlace && !g.TransB;
        float* packedB = GemmBuffers.PackB(kcMax * ncMax);
        float* packedA = packA ? GemmBuffers.PackA(kcMax * mcMax) : null;
        float* tile = stackalloc float[TKernel.MR * TKernel.NR];

        for (int jc = 0; jc < n; jc += ncMax)
        {
            int nc = Math.Min(ncMax, n - jc);
            for (int pc = 0; pc < k; pc += kcMax)
            {
                int kc = Math.Min(kcMax, k - pc);
                // Later depth blocks accumulate into C: beta' = 1 (c·1 is exact).
                float beta = pc == 0 ? g.Beta : 1f;
                GemmPacking.PackB<TKernel>(g, pc, kc, jc, nc, packedB, bInPlace);
                for (int ic = 0; ic < m; ic += mcMax)
                {
                    int mc = Math.Min(mcMax, m - ic);
                    if (packA)
                        GemmPacking.PackA<TKernel>(g, ic, mc, pc, kc, packedA);
                    for (int jr = 0; jr < nc; jr += nr)
                    {
                        int width = Math.Min(nr, nc - jr);
                        bool full = width == nr;
                        float* bp = packedB + (nint)jr * kc;
                        nint bStep = nr;
                        if (bInPlace && full)
                        {
                            bp = g.B + pc * g.Ldb + jc + jr;
                            bStep = g.Ldb;
                        }

                        for (int ir = 0; ir < mc; ir += mr)
                        {
                            int height = Math.Min(mr, mc - ir);
                            float* cp = g.C + (ic + ir) * g.Ldc + jc + jr;
                            float* ct = full ? cp : tile;
                            nint ldt = full ? g.Ldc : nr;
                            float alphaT = full ? g.Alpha : 1f;
                            float betaT = full ? beta : 0f;
                            if (packA)
                                TKernel.Packed(height, kc, packedA + (nint)ir * kc, mr, bp, bStep, ct, ldt, alphaT, betaT);
                            else if (g.TransA)
                                TKernel.Packed(height, kc, g.A + pc * g.Lda + ic + ir, g.Lda, bp, bStep, ct, ldt, alphaT, betaT);
                            else
                                TKernel.Rows(height, kc, g.A + (ic + ir) * g.Lda + pc, g.Lda, bp, bStep, ct, ldt, alphaT, betaT);
                            if (!full)
                                MergeTile(tile, nr, height, width, cp, g.Ldc, g.Alpha, beta);
                        }
                    }
                }
            }
        }
    }

    /// <summary>C = alpha·T + beta·C over a partial tile, with exactly the arithmetic of the kernels' stores
    /// (beta = 0: t·alpha; else t·alpha + c·beta, fused as in <see cref="GemmArithmetic.Fused"/>).</summary>
    private static void MergeTile(float* tile, int ldt, int rows, int cols, float* c, nint ldc, float alpha, float beta)
    {
        for (int i = 0; i < rows; i++)
        {
            float* t = tile + i * ldt;
            float* ci = c + i * ldc;
            if (beta == 0f)
            {
                for (int j = 0; j < cols; j++)
                    ci[j] = t[j] * alpha;
            }
            else
            {
                for (int j = 0; j < cols; j++)
                    ci[j] = GemmArithmetic.Fused ? MathF.FusedMultiplyAdd(t[j], alpha, ci[j] * beta) : t[j] * alpha + ci[j] * beta;
            }
        }
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
