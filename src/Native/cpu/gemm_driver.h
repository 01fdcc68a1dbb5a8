// gemm_driver.h - the blocked SGEMM driver shared by the SIMD levels (gemm_avx2.cpp, gemm_avx512.cpp).
// Anonymous namespace: each including unit gets its own copy compiled for its ISA.
//
// Goto/BLIS-style blocking of B, but A is never packed:
//   for jc (NC columns of C):
//     for pc (KC of the reduction):      B[pc:+kc, jc:+nc] as NR-wide k-major panels (packed, zero padded)
//       for ir (MR rows of C):           the A micro-panel, read in place
//         for jr (NR columns):           microkernel, C (+)= alpha * A_panel * B_panel
//
// Why A stays in place: for the MLP shapes (N = 64..256) each A element is used only N times, so packing
// A costs about as much as the multiply; and measured on Zen 5 packing did not pay on large squares
// either (row-major A: the 14 row streams prefetch well; transposed A: each k already holds the MR row
// values contiguously, i.e. the packed layout with stride lda). Rows outer, panels inner: the A
// micro-panel (MR x KC) stays in L1 while the B block (KC x NC, sized for L2) streams through.
//
// Determinism: every C element is accumulated by one FMA chain over k inside a KC block, and KC blocks are
// added in order (first block: beta*C + alpha*acc, later: C + alpha*acc). Blocking decisions depend on the
// full problem (m, n, k), never on the sub-block a thread computes, so the thread split cannot change
// a single bit.
#pragma once

#include <cstring>

#include "kernels.h"

namespace mlnd {
namespace {

// Largest copy of A (floats) that a 4 KiB-strided GEMM makes per thread: 16 MB, e.g. a 2048 x 2048 A.
constexpr i64 kPackAMaxFloats = i64(4) << 20;

// K (the ISA's kernel set) provides:
//   MR, NR                          micro-tile (rows x columns)
//   KC, NC                          blocking
//   kernel(mr, ncols, arow, kc, a, as, b, c, ldc, alpha, beta, mode)
//       C[mr x ncols] (+)= alpha * A * Bpanel. arow: a(i,k) = a[i*as + k], else a[k*as + i].
//       b: packed panel, b(k,j) = b[k*NR + j]. mode 0: C = alpha*acc (C not read); 1: C = alpha*acc + beta*C;
//       2: C = alpha*acc + C.
//   pack_b(tb, src, ldb, kc, ncols, dst)  one NR-wide panel: src = &op(B)(pc, j0) in storage terms
//                                         (B is packed once per call and shared by all threads when it
//                                         fits the caller's budget, else per thread and (jc, pc) block)
template <class K>
struct GemmDriver {
  struct Plan {
    i64 kc;  // KC block (<= k)
  };

  static Plan plan(const GemmArgs& g) {
    Plan p;
    // Split k into near-equal blocks of at most ~KC (a one-block k avoids reloading C).
    i64 nblocks = (g.k + K::KC - 1) / K::KC;
    if (g.k <= K::KC + K::KC / 3) nblocks = 1;
    p.kc = (g.k + nblocks - 1) / nblocks;
    return p;
  }

  // Whole packed op(B): for each KC block (starting at pc) all column panels, panel p at
  // pc * NP * NR + p * kcb * NR (NP = panels of all n). The per-call packing below uses the same panels.
  static size_t packed_b_size(const GemmArgs& g) {
    const i64 np = (g.n + K::NR - 1) / K::NR;
    return static_cast<size_t>(np * K::NR * g.k);
  }

  static void pack_b_panel(const GemmArgs& g, i64 pc, i64 kc, i64 j0, float* dst) {
    const i64 ncols = (g.n - j0) < K::NR ? (g.n - j0) : K::NR;
    const float* src = g.tb ? g.b + j0 * g.ldb + pc : g.b + pc * g.ldb + j0;
    K::pack_b(g.tb, src, g.ldb, kc, ncols, dst);
  }

  static void pack_b_all(const GemmArgs& g, float* dst, i64 p0, i64 p1) {
    const Plan pl = plan(g);
    const i64 np = (g.n + K::NR - 1) / K::NR;
    for (i64 pc = 0; pc < g.k; pc += pl.kc) {
      const i64 kc = (g.k - pc) < pl.kc ? (g.k - pc) : pl.kc;
      for (i64 p = p0; p < p1; ++p) pack_b_panel(g, pc, kc, p * K::NR, dst + pc * np * K::NR + p * kc * K::NR);
    }
  }

  // n0 must be a multiple of NR (threads split columns at panel boundaries).
  static void run(const GemmArgs& g, i64 m0, i64 m1, i64 n0, i64 n1, const float* packed_b) {
    const Plan pl = plan(g);
    const i64 MR = K::MR, NR = K::NR;
    const i64 np_all = (g.n + NR - 1) / NR;
    float* bp = nullptr;
    if (packed_b == nullptr) {
      const i64 ncmax = (n1 - n0) < K::NC ? (n1 - n0) : K::NC;
      bp = scratch(kScratchPackB, static_cast<size_t>((ncmax + NR - 1) / NR * NR * pl.kc));
    }
    // Row-major A whose rows lie a multiple of 4 KiB apart (lda % 1024 == 0, e.g. 1024^2 squares): the MR row
    // streams of a micro-panel map to the same L1 sets (measured: 4-8% lost at 1024^3, docs/benchmarks.md).
    // This thread's rows are copied once per call, row by row (contiguous copies), into a buffer whose stride
    // is off the 4 KiB multiple; the kernel then reads that copy exactly as it reads A, so no bit changes.
    const float* a_base = g.a;
    i64 a_ld = g.lda;
    i64 a_row0 = 0;
    if (!g.ta && g.lda % 1024 == 0 && (m1 - m0) * (g.k + 16) <= kPackAMaxFloats) {
      a_ld = g.k + 16;
      float* copy = scratch(kScratchPackA, static_cast<size_t>((m1 - m0) * a_ld));
      for (i64 r = m0; r < m1; ++r) std::memcpy(copy + (r - m0) * a_ld, g.a + r * g.lda, sizeof(float) * g.k);
      a_base = copy;
      a_row0 = m0;
    }
    for (i64 jc = n0; jc < n1; jc += K::NC) {
      const i64 nc = (n1 - jc) < K::NC ? (n1 - jc) : K::NC;
      const i64 np = (nc + NR - 1) / NR;
      for (i64 pc = 0; pc < g.k; pc += pl.kc) {
        const i64 kc = (g.k - pc) < pl.kc ? (g.k - pc) : pl.kc;
        const int mode = pc > 0 ? 2 : (g.beta == 0.0f ? 0 : 1);
        // Panels of this (jc, pc) block: bpanel + p * kc * NR.
        const float* bpanel;
        if (packed_b != nullptr) {
          bpanel = packed_b + pc * np_all * NR + (jc / NR) * kc * NR;
        } else {
          for (i64 p = 0; p < np; ++p) pack_b_panel(g, pc, kc, jc + p * NR, bp + p * kc * NR);
          bpanel = bp;
        }
        for (i64 ir = m0; ir < m1; ir += MR) {
          const int mr = static_cast<int>((m1 - ir) < MR ? (m1 - ir) : MR);
          // Transposed A is k-major with stride lda; row-major A is read row by row.
          const float* a = g.ta ? g.a + pc * g.lda + ir : a_base + (ir - a_row0) * a_ld + pc;
          for (i64 p = 0; p < np; ++p) {
            const i64 j0 = jc + p * NR;
            const i64 ncols = (jc + nc - j0) < NR ? (jc + nc - j0) : NR;
            K::kernel(mr, ncols, !g.ta, kc, a, g.ta ? g.lda : a_ld, bpanel + p * kc * NR, g.c + ir * g.ldc + j0, g.ldc, g.alpha,
                      g.beta, mode);
          }
        }
      }
    }
  }

  static void fill(KernelTable& t) {
    t.gemm = &run;
    t.gemm_mr = K::MR;
    t.gemm_nr = K::NR;
    t.gemm_nc = K::NC;
    t.gemm_packed_b_size = &packed_b_size;
    t.gemm_pack_b = &pack_b_all;
  }
};

}  // namespace
}  // namespace mlnd
