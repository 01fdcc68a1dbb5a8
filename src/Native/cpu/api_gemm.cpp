// api_gemm.cpp - SGEMM and pairwise squared distances.
// Entry-point rules: see api_common.h.
#include "api_common.h"

using namespace mlnd;

namespace {

constexpr double kGemmParallelFlops = 6.0e6;  // ~30 us at 1 thread

// op(B) is packed once per call into a shared buffer up to this size (16 MB, e.g. a 2048 x 2048 B);
// beyond it each thread packs the blocks it needs, which bounds the scratch memory of huge problems.
constexpr size_t kPrepackMaxFloats = size_t(4) << 20;
// A GEMM chunk should carry at least ~20 us of work, so claiming chunks costs nothing measurable.
constexpr double kGemmChunkFlops = 4.0e6;

void gemm_run(const KernelTable& t, const GemmArgs& g) {
  const double flops = 2.0 * g.m * g.n * g.k;
  const int nt = eligible_threads(flops, kGemmParallelFlops);
  const float* packed = nullptr;
  const size_t pb = t.gemm_packed_b_size(g);
  if (pb > 0 && pb <= kPrepackMaxFloats) {
    float* buf = scratch(kScratchGemmSharedB, pb);
    const i64 np = (g.n + t.gemm_nr - 1) / t.gemm_nr;
    // Large B: panels packed in parallel (panel boundaries only, so the bits are the same).
    const int pack_nt = pb >= (size_t(1) << 16) ? nt : 1;
    run_split(pack_nt, np, 1, [&](i64 p0, i64 p1) { t.gemm_pack_b(g, buf, p0, p1); });
    packed = buf;
  }
  if (nt <= 1) {
    t.gemm(g, 0, g.m, 0, g.n, packed);
    return;
  }
  // Wide C: split N at NC-block boundaries, so each chunk is exactly a column block of the serial loop
  // nest (its packed B block stays in L2 for all rows, as it would on one thread). Otherwise split
  // whichever of M or N gives the smaller per-thread share of micro-tiles (ties: M).
  const i64 rt = (g.m + t.gemm_mr - 1) / t.gemm_mr, ct = (g.n + t.gemm_nr - 1) / t.gemm_nr;
  const bool by_nc = g.n >= 2 * t.gemm_nc;
  const bool split_m = !by_nc && (rt + nt - 1) / nt * ct <= (ct + nt - 1) / nt * rt;
  const i64 grain = by_nc ? t.gemm_nc : split_m ? t.gemm_mr : t.gemm_nr;
  const i64 units = ((split_m ? g.m : g.n) + grain - 1) / grain;
  // A few chunks per thread, claimed dynamically: a descheduled worker delays only its own chunk.
  i64 chunks = static_cast<i64>(flops / kGemmChunkFlops);
  if (chunks < nt) chunks = nt;
  if (chunks > nt * kChunksPerThread) chunks = nt * kChunksPerThread;
  if (chunks > units) chunks = units;
  parallel_chunks(nt, chunks, [&](i64 c) {
    const Range r = split(split_m ? g.m : g.n, grain, c, chunks);
    if (r.end <= r.begin) return;
    if (split_m)
      t.gemm(g, r.begin, r.end, 0, g.n, packed);
    else
      t.gemm(g, 0, g.m, r.begin, r.end, packed);
  });
}

// Squared distances by the direct form up to this d: exact differences, no cancellation, and at small d
// about as fast as the GEMM form (which needs an extra pass over the output).
constexpr i64 kDistDirectMaxD = 16;
}  // namespace

extern "C" {

// ---- GEMM ------------------------------------------------------------------------------------------

MLND_EXPORT mlnd_status mlnd_gemm_sgemm(int32_t trans_a, int32_t trans_b, int64_t m, int64_t n, int64_t k,
                                        float alpha, const float* a, int64_t lda, const float* b, int64_t ldb,
                                        float beta, float* c, int64_t ldc) {
  static const char* fn = "mlnd_gemm_sgemm";
  MLND_TRY
  MLND_CHECK_SIZE(fn, m);
  MLND_CHECK_SIZE(fn, n);
  MLND_CHECK_SIZE(fn, k);
  const bool ta = trans_a != 0, tb = trans_b != 0;
  const i64 a_rows = ta ? k : m, a_cols = ta ? m : k;
  const i64 b_rows = tb ? n : k, b_cols = tb ? k : n;
  MLND_CHECK(lda >= a_cols, "%s: 'lda' (%lld) must be >= %lld (%s)", fn, (long long)lda, (long long)a_cols,
             ta ? "m, A is k x m when transposed" : "k, A is m x k");
  MLND_CHECK(ldb >= b_cols, "%s: 'ldb' (%lld) must be >= %lld (%s)", fn, (long long)ldb, (long long)b_cols,
             tb ? "k, B is n x k when transposed" : "n, B is k x n");
  MLND_CHECK(ldc >= n, "%s: 'ldc' (%lld) must be >= n (%lld)", fn, (long long)ldc, (long long)n);
  MLND_CHECK(extent_ok(a_rows, a_cols, lda) && extent_ok(b_rows, b_cols, ldb) && extent_ok(m, n, ldc),
             "%s: matrix extents overflow int64", fn);
  MLND_CHECK_PTR(fn, a, m > 0 && k > 0);
  MLND_CHECK_PTR(fn, b, k > 0 && n > 0);
  MLND_CHECK_PTR(fn, c, m > 0 && n > 0);
  if (m == 0 || n == 0) return MLND_OK;
  if (k == 0) {
    // op(A) op(B) is a zero matrix: C = beta * C (beta == 0 writes zeros without reading C).
    for (i64 i = 0; i < m; ++i) {
      float* ci = c + i * ldc;
      for (i64 j = 0; j < n; ++j) ci[j] = beta == 0.0f ? 0.0f : beta * ci[j];
    }
    return MLND_OK;
  }
  const GemmArgs g{ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc};
  gemm_run(active_table(), g);
  return MLND_OK;
  MLND_CATCH(fn)
}

// ---- distances -------------------------------------------------------------------------------------

MLND_EXPORT mlnd_status mlnd_dist_sqeuclidean(int64_t m, int64_t n, int64_t d, const float* x, const float* y,
                                              float* out) {
  static const char* fn = "mlnd_dist_sqeuclidean";
  MLND_TRY
  MLND_CHECK_SIZE(fn, m);
  MLND_CHECK_SIZE(fn, n);
  MLND_CHECK_SIZE(fn, d);
  MLND_CHECK(extent_ok(m, d, d) && extent_ok(n, d, d) && extent_ok(m, n, n), "%s: sizes overflow int64", fn);
  MLND_CHECK_PTR(fn, x, m > 0 && d > 0);
  MLND_CHECK_PTR(fn, y, n > 0 && d > 0);
  MLND_CHECK_PTR(fn, out, m > 0 && n > 0);
  if (m == 0 || n == 0) return MLND_OK;
  if (d == 0) {
    for (i64 i = 0; i < m * n; ++i) out[i] = 0.0f;
    return MLND_OK;
  }
  const KernelTable& t = active_table();
  const double work = double(m) * n * d;
  if (d <= kDistDirectMaxD) {
    // Direct form over y transposed (d x n), so the inner loop runs over contiguous columns.
    float* yt = scratch(kScratchDistYt, static_cast<size_t>(n * d));
    for (i64 j = 0; j < n; ++j)
      for (i64 k = 0; k < d; ++k) yt[k * n + j] = y[j * d + k];
    int nt = eligible_threads(work, kEltParallelWork * 4.0);
    run_split(nt, m, 1, [&](i64 r0, i64 r1) { t.sqdist_direct(r1 - r0, n, d, x + r0 * d, yt, out + r0 * n, n); });
    return MLND_OK;
  }
  // ||x||^2 + ||y||^2 - 2 x.y: GEMM (B transposed) then one fused pass adding the norms and clamping at 0.
  float* norms = scratch(kScratchDistNorms, static_cast<size_t>(m + n));
  t.row_sumsq(m, d, x, norms);
  t.row_sumsq(n, d, y, norms + m);
  const GemmArgs g{false, true, m, n, d, -2.0f, x, d, y, d, 0.0f, out, n};
  gemm_run(t, g);
  int nt = eligible_threads(double(m) * n, kEltParallelWork);
  run_split(nt, m, 1, [&](i64 r0, i64 r1) { t.sqdist_finish(r1 - r0, n, norms + r0, norms + m, out + r0 * n, n); });
  return MLND_OK;
  MLND_CATCH(fn)
}

}  // extern "C"
