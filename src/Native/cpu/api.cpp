// api.cpp - the extern "C" entry points of mlnetdiff.h.
//
// Each entry point: (1) validates its arguments and returns MLND_ERR_INVALID_ARGUMENT with a message that
// names the parameter; (2) handles the trivial sizes the header defines (0 rows, K == 0, ...); (3) decides
// whether the call is large enough to split between threads, and how (never along a reduction, so the
// split cannot change results); (4) calls the active ISA's kernels. Every body runs inside MLND_TRY /
// MLND_CATCH: no C++ exception crosses the C boundary, and the message is kept per thread for
// mlnd_last_error().
#include "mlnetdiff.h"

#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <exception>
#include <new>
#include <string>

#include "kernels.h"
#include "rng.h"
#include "threadpool.h"

namespace mlnd {
namespace {

thread_local std::string tls_last_error;

void set_error(const char* msg) noexcept {
  try {
    tls_last_error = msg;
  } catch (...) {
    // Out of memory while storing the message: keep whatever is there; the status still tells.
  }
}

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
mlnd_status fail(mlnd_status status, const char* fmt, ...) noexcept {
  char buf[512];
  va_list ap;
  va_start(ap, fmt);
  std::vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  set_error(buf);
  return status;
}

#define MLND_TRY try {
#define MLND_CATCH(fn)                                                                  \
  }                                                                                     \
  catch (const std::bad_alloc&) {                                                       \
    return fail(MLND_ERR_OUT_OF_MEMORY, "%s: out of memory", fn);                       \
  }                                                                                     \
  catch (const std::exception& e) {                                                     \
    return fail(MLND_ERR_INTERNAL, "%s: internal error: %s", fn, e.what());             \
  }                                                                                     \
  catch (...) {                                                                         \
    return fail(MLND_ERR_INTERNAL, "%s: internal error: unknown exception", fn);        \
  }

#define MLND_CHECK(cond, ...)                                  \
  do {                                                         \
    if (!(cond)) return fail(MLND_ERR_INVALID_ARGUMENT, __VA_ARGS__); \
  } while (0)

#define MLND_CHECK_SIZE(fn, v) MLND_CHECK((v) >= 0, "%s: '%s' must be non-negative (got %lld)", fn, #v, (long long)(v))
#define MLND_CHECK_PTR(fn, p, needed) \
  MLND_CHECK(!(needed) || (p) != nullptr, "%s: '%s' must not be null", fn, #p)

// rows x cols (both >= 0) fits in int64 and, with leading dimension ld, addresses fit too.
bool extent_ok(i64 rows, i64 cols, i64 ld) {
  i64 t;
  if (__builtin_mul_overflow(rows, cols, &t)) return false;
  if (rows > 0 && __builtin_mul_overflow(rows - 1, ld, &t)) return false;
  return true;
}

// ---- threading policy ---------------------------------------------------------------------------------

// A second thread only pays for itself above a few tens of microseconds of work: dispatch costs ~1 us
// when the worker is still spinning and tens of us after it went to sleep.
constexpr double kGemmParallelFlops = 6.0e6;  // ~30 us at 1 thread
constexpr i64 kEltParallelWork = 1 << 17;     // element-units (elements x relative cost)

int eligible_threads(double work, double threshold) {
  int nt = threads_get();
  return (nt > 1 && work >= threshold) ? nt : 1;
}

// Part `i` of [0, total) cut in `parts` near-equal pieces whose boundaries are multiples of `grain`.
struct Range {
  i64 begin, end;
};
Range split(i64 total, i64 grain, i64 i, i64 parts) {
  const i64 units = (total + grain - 1) / grain;
  i64 b = units * i / parts * grain, e = units * (i + 1) / parts * grain;
  return {b < total ? b : total, e < total ? e : total};
}

// Runs f(begin, end) over [0, total): on one thread as a single range, else as up to 4 chunks per
// thread (multiples of `grain`) claimed dynamically, so a busy core only slows its own chunks.
constexpr int kChunksPerThread = 4;
template <class F>
void run_split(int nt, i64 total, i64 grain, F&& f) {
  const i64 units = (total + grain - 1) / grain;
  if (nt <= 1 || units <= 1) {
    f(i64(0), total);
    return;
  }
  const i64 chunks = units < nt * kChunksPerThread ? units : nt * kChunksPerThread;
  parallel_chunks(nt, chunks, [&](i64 c) {
    Range r = split(total, grain, c, chunks);
    if (r.end > r.begin) f(r.begin, r.end);
  });
}

int act_cost(int act) { return act == kActGelu || act == kActSigmoid || act == kActTanh ? 4 : 1; }

// Column sums over many rows are taken in fixed blocks of kColBlockRows rows: each block's partial sums
// (rows in order) are independent, so threads can take whole blocks and read rows contiguously; the
// partials are then added in block order. The blocking depends only on `rows`, so the result is the
// same for any thread count. f(r0, r1, partial) writes the column sums of rows [r0, r1) to partial.
constexpr i64 kColBlockRows = 256;

template <class F>
void blocked_colsums(const KernelTable& t, int nt, i64 rows, i64 cols, float* out, F&& f) {
  const i64 nb = (rows + kColBlockRows - 1) / kColBlockRows;
  if (nb <= 1) {
    f(i64(0), rows, out);
    return;
  }
  float* partial = scratch(kScratchColPartials, static_cast<size_t>(nb * cols));
  run_split(nt, nb, 1, [&](i64 b0, i64 b1) {
    for (i64 b = b0; b < b1; ++b) {
      const i64 r0 = b * kColBlockRows, r1 = r0 + kColBlockRows < rows ? r0 + kColBlockRows : rows;
      f(r0, r1, partial + b * cols);
    }
  });
  t.colsum(nb, cols, cols, partial, out);
}

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
}  // namespace mlnd

using namespace mlnd;

extern "C" {

// ---- library ---------------------------------------------------------------------------------------

MLND_EXPORT int32_t mlnd_api_version(void) { return MLND_API_VERSION; }

MLND_EXPORT const char* mlnd_last_error(void) { return tls_last_error.c_str(); }

MLND_EXPORT int32_t mlnd_isa_supported(void) {
  try {
    return isa_supported();
  } catch (...) {
    return MLND_ISA_SCALAR;
  }
}

MLND_EXPORT int32_t mlnd_isa_active(void) {
  try {
    return active_table().isa;
  } catch (...) {
    return MLND_ISA_SCALAR;
  }
}

MLND_EXPORT mlnd_status mlnd_isa_set(int32_t isa) {
  static const char* fn = "mlnd_isa_set";
  MLND_TRY
  MLND_CHECK(isa >= MLND_ISA_SCALAR && isa <= MLND_ISA_AVX512, "%s: 'isa' must be 0 (scalar), 1 (avx2) or 2 (avx512); got %d",
             fn, isa);
  if (!set_isa(isa))
    return fail(MLND_ERR_UNSUPPORTED, "%s: ISA level %d is not supported by this CPU (highest: %d)", fn, isa,
                isa_supported());
  return MLND_OK;
  MLND_CATCH(fn)
}

MLND_EXPORT mlnd_status mlnd_threads_set(int32_t n) {
  static const char* fn = "mlnd_threads_set";
  MLND_TRY
  MLND_CHECK(n >= 1, "%s: 'n' must be at least 1 (got %d)", fn, n);
  threads_set(n);
  return MLND_OK;
  MLND_CATCH(fn)
}

MLND_EXPORT int32_t mlnd_threads_get(void) {
  try {
    return threads_get();
  } catch (...) {
    return 1;
  }
}

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

// ---- bias + activation -----------------------------------------------------------------------------

MLND_EXPORT mlnd_status mlnd_act_bias_forward(int32_t act, float alpha, int64_t rows, int64_t cols,
                                              const float* x, const float* bias, float* y) {
  static const char* fn = "mlnd_act_bias_forward";
  MLND_TRY
  MLND_CHECK(act >= MLND_ACT_IDENTITY && act <= MLND_ACT_TANH, "%s: 'act' must be in [0, 5] (got %d)", fn, act);
  MLND_CHECK_SIZE(fn, rows);
  MLND_CHECK_SIZE(fn, cols);
  MLND_CHECK(extent_ok(rows, cols, cols), "%s: rows x cols overflows int64", fn);
  const bool any = rows > 0 && cols > 0;
  MLND_CHECK_PTR(fn, x, any);
  MLND_CHECK_PTR(fn, y, any);
  if (!any) return MLND_OK;
  const KernelTable& t = active_table();
  int nt = eligible_threads(double(rows) * cols * act_cost(act), kEltParallelWork);
  run_split(nt, rows, 1, [&](i64 r0, i64 r1) {
    t.act_forward(act, alpha, r1 - r0, cols, cols, x + r0 * cols, bias, y + r0 * cols);
  });
  return MLND_OK;
  MLND_CATCH(fn)
}

MLND_EXPORT mlnd_status mlnd_act_bias_backward(int32_t act, float alpha, int64_t rows, int64_t cols,
                                               const float* z, const float* y, const float* dy, float* dz,
                                               float* dbias) {
  static const char* fn = "mlnd_act_bias_backward";
  MLND_TRY
  MLND_CHECK(act >= MLND_ACT_IDENTITY && act <= MLND_ACT_TANH, "%s: 'act' must be in [0, 5] (got %d)", fn, act);
  MLND_CHECK_SIZE(fn, rows);
  MLND_CHECK_SIZE(fn, cols);
  MLND_CHECK(extent_ok(rows, cols, cols), "%s: rows x cols overflows int64", fn);
  const bool any = rows > 0 && cols > 0;
  const bool reads_z = act == MLND_ACT_RELU || act == MLND_ACT_LEAKY_RELU || act == MLND_ACT_GELU;
  const bool reads_y = act == MLND_ACT_SIGMOID || act == MLND_ACT_TANH;
  MLND_CHECK(!(any && reads_z && z == nullptr), "%s: 'z' must not be null (activation %d reads the pre-activation)",
             fn, act);
  MLND_CHECK(!(any && reads_y && y == nullptr), "%s: 'y' must not be null (activation %d reads the output)", fn,
             act);
  MLND_CHECK_PTR(fn, dy, any);
  MLND_CHECK_PTR(fn, dz, any);
  if (cols == 0) return MLND_OK;
  if (rows == 0) {
    if (dbias != nullptr)
      for (i64 c = 0; c < cols; ++c) dbias[c] = 0.0f;
    return MLND_OK;
  }
  const KernelTable& t = active_table();
  int nt = eligible_threads(double(rows) * cols * act_cost(act), kEltParallelWork);
  if (dbias == nullptr) {
    run_split(nt, rows, 1, [&](i64 r0, i64 r1) {
      const i64 o = r0 * cols;
      t.act_backward(act, alpha, r1 - r0, cols, cols, reads_z ? z + o : nullptr, reads_y ? y + o : nullptr, dy + o,
                     dz + o, nullptr);
    });
  } else {
    blocked_colsums(t, nt, rows, cols, dbias, [&](i64 r0, i64 r1, float* part) {
      const i64 o = r0 * cols;
      t.act_backward(act, alpha, r1 - r0, cols, cols, reads_z ? z + o : nullptr, reads_y ? y + o : nullptr, dy + o,
                     dz + o, part);
    });
  }
  return MLND_OK;
  MLND_CATCH(fn)
}

// ---- row-wise softmax family -----------------------------------------------------------------------

namespace {
mlnd_status rows_op(const char* fn, int64_t rows, int64_t cols, const float* x, float* y,
                    void (*KernelTable::*op)(i64, i64, const float*, float*)) {
  MLND_TRY
  MLND_CHECK_SIZE(fn, rows);
  MLND_CHECK_SIZE(fn, cols);
  MLND_CHECK(extent_ok(rows, cols, cols), "%s: rows x cols overflows int64", fn);
  const bool any = rows > 0 && cols > 0;
  MLND_CHECK_PTR(fn, x, any);
  MLND_CHECK_PTR(fn, y, any);
  if (!any) return MLND_OK;
  const KernelTable& t = active_table();
  int nt = eligible_threads(double(rows) * cols * 4, kEltParallelWork);
  run_split(nt, rows, 1, [&](i64 r0, i64 r1) { (t.*op)(r1 - r0, cols, x + r0 * cols, y + r0 * cols); });
  return MLND_OK;
  MLND_CATCH(fn)
}
}  // namespace

MLND_EXPORT mlnd_status mlnd_rows_softmax(int64_t rows, int64_t cols, const float* x, float* y) {
  return rows_op("mlnd_rows_softmax", rows, cols, x, y, &KernelTable::softmax);
}

MLND_EXPORT mlnd_status mlnd_rows_log_softmax(int64_t rows, int64_t cols, const float* x, float* y) {
  return rows_op("mlnd_rows_log_softmax", rows, cols, x, y, &KernelTable::log_softmax);
}

MLND_EXPORT mlnd_status mlnd_rows_logsumexp(int64_t rows, int64_t cols, const float* x, float* out) {
  static const char* fn = "mlnd_rows_logsumexp";
  MLND_TRY
  MLND_CHECK_SIZE(fn, rows);
  MLND_CHECK_SIZE(fn, cols);
  MLND_CHECK(extent_ok(rows, cols, cols), "%s: rows x cols overflows int64", fn);
  MLND_CHECK_PTR(fn, x, rows > 0 && cols > 0);
  MLND_CHECK_PTR(fn, out, rows > 0);
  if (rows == 0) return MLND_OK;
  if (cols == 0) {
    for (i64 r = 0; r < rows; ++r) out[r] = -INFINITY;
    return MLND_OK;
  }
  const KernelTable& t = active_table();
  int nt = eligible_threads(double(rows) * cols * 4, kEltParallelWork);
  run_split(nt, rows, 1, [&](i64 r0, i64 r1) { t.logsumexp(r1 - r0, cols, x + r0 * cols, out + r0); });
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

// ---- reductions ------------------------------------------------------------------------------------

namespace {
mlnd_status reduce_op(const char* fn, int64_t n, const float* x, float* out, float (*KernelTable::*op)(i64, const float*),
                      float empty) {
  MLND_TRY
  MLND_CHECK_SIZE(fn, n);
  MLND_CHECK_PTR(fn, x, n > 0);
  MLND_CHECK_PTR(fn, out, true);
  const KernelTable& t = active_table();
  *out = n == 0 ? empty : (t.*op)(n, x);
  return MLND_OK;
  MLND_CATCH(fn)
}
}  // namespace

MLND_EXPORT mlnd_status mlnd_reduce_sum(int64_t n, const float* x, float* out) {
  return reduce_op("mlnd_reduce_sum", n, x, out, &KernelTable::sum, 0.0f);
}

MLND_EXPORT mlnd_status mlnd_reduce_sumsq(int64_t n, const float* x, float* out) {
  return reduce_op("mlnd_reduce_sumsq", n, x, out, &KernelTable::sumsq, 0.0f);
}

MLND_EXPORT mlnd_status mlnd_reduce_dot(int64_t n, const float* x, const float* y, float* out) {
  static const char* fn = "mlnd_reduce_dot";
  MLND_TRY
  MLND_CHECK_SIZE(fn, n);
  MLND_CHECK_PTR(fn, x, n > 0);
  MLND_CHECK_PTR(fn, y, n > 0);
  MLND_CHECK_PTR(fn, out, true);
  *out = n == 0 ? 0.0f : active_table().dot(n, x, y);
  return MLND_OK;
  MLND_CATCH(fn)
}

MLND_EXPORT mlnd_status mlnd_reduce_max(int64_t n, const float* x, float* out) {
  return reduce_op("mlnd_reduce_max", n, x, out, &KernelTable::max, -INFINITY);
}

MLND_EXPORT mlnd_status mlnd_reduce_min(int64_t n, const float* x, float* out) {
  return reduce_op("mlnd_reduce_min", n, x, out, &KernelTable::min, INFINITY);
}

MLND_EXPORT mlnd_status mlnd_reduce_colsum(int64_t rows, int64_t cols, const float* x, float* out) {
  static const char* fn = "mlnd_reduce_colsum";
  MLND_TRY
  MLND_CHECK_SIZE(fn, rows);
  MLND_CHECK_SIZE(fn, cols);
  MLND_CHECK(extent_ok(rows, cols, cols), "%s: rows x cols overflows int64", fn);
  MLND_CHECK_PTR(fn, x, rows > 0 && cols > 0);
  MLND_CHECK_PTR(fn, out, cols > 0);
  if (cols == 0) return MLND_OK;
  if (rows == 0) {
    for (i64 c = 0; c < cols; ++c) out[c] = 0.0f;
    return MLND_OK;
  }
  const KernelTable& t = active_table();
  int nt = eligible_threads(double(rows) * cols, kEltParallelWork);
  blocked_colsums(t, nt, rows, cols, out,
                  [&](i64 r0, i64 r1, float* part) { t.colsum(r1 - r0, cols, cols, x + r0 * cols, part); });
  return MLND_OK;
  MLND_CATCH(fn)
}

// ---- optimizer -------------------------------------------------------------------------------------

MLND_EXPORT mlnd_status mlnd_optim_adam(int64_t n, float* w, const float* g, float* m, float* v, float lr,
                                        float beta1, float beta2, float eps, float weight_decay, int32_t decoupled,
                                        int64_t step) {
  static const char* fn = "mlnd_optim_adam";
  MLND_TRY
  MLND_CHECK_SIZE(fn, n);
  MLND_CHECK_PTR(fn, w, n > 0);
  MLND_CHECK_PTR(fn, g, n > 0);
  MLND_CHECK_PTR(fn, m, n > 0);
  MLND_CHECK_PTR(fn, v, n > 0);
  MLND_CHECK(step >= 1, "%s: 'step' is 1-based and must be >= 1 (got %lld)", fn, (long long)step);
  MLND_CHECK(beta1 >= 0.0f && beta1 < 1.0f, "%s: 'beta1' must be in [0, 1) (got %g)", fn, (double)beta1);
  MLND_CHECK(beta2 >= 0.0f && beta2 < 1.0f, "%s: 'beta2' must be in [0, 1) (got %g)", fn, (double)beta2);
  MLND_CHECK(eps > 0.0f, "%s: 'eps' must be positive (got %g)", fn, (double)eps);
  if (n == 0) return MLND_OK;
  AdamArgs p;
  p.lr = lr;
  p.beta1 = beta1;
  p.beta2 = beta2;
  p.eps = eps;
  p.wd = weight_decay;
  p.decoupled = decoupled != 0;
  // Bias corrections in double (pow of a float base), rounded once.
  p.bc1 = static_cast<float>(1.0 - std::pow(static_cast<double>(beta1), static_cast<double>(step)));
  p.bc2 = static_cast<float>(1.0 - std::pow(static_cast<double>(beta2), static_cast<double>(step)));
  const KernelTable& t = active_table();
  int nt = eligible_threads(double(n) * 2, kEltParallelWork);
  run_split(nt, n, 16, [&](i64 b, i64 e) { t.adam(e - b, w + b, g + b, m + b, v + b, p); });
  return MLND_OK;
  MLND_CATCH(fn)
}

// ---- RNG -------------------------------------------------------------------------------------------

namespace {
mlnd_status rng_op(const char* fn, RngDist dist, uint64_t seed, uint64_t offset, int64_t n, float* out) {
  MLND_TRY
  MLND_CHECK_SIZE(fn, n);
  MLND_CHECK_PTR(fn, out, n > 0);
  // Element i depends only on (seed, offset + i), so any split gives the same bits. The transforms cost
  // ~30 ns per element (libm in double), the uniform rule ~2 ns.
  const int nt = eligible_threads(double(n) * (dist == kRngUniform ? 20 : 200), kEltParallelWork);
  run_split(nt, n, 64, [&](i64 b, i64 e) { rng_fill(dist, seed, offset + static_cast<uint64_t>(b), e - b, out + b); });
  return MLND_OK;
  MLND_CATCH(fn)
}
}  // namespace

MLND_EXPORT mlnd_status mlnd_rng_uniform(uint64_t seed, uint64_t offset, int64_t n, float* out) {
  return rng_op("mlnd_rng_uniform", kRngUniform, seed, offset, n, out);
}

MLND_EXPORT mlnd_status mlnd_rng_normal(uint64_t seed, uint64_t offset, int64_t n, float* out) {
  return rng_op("mlnd_rng_normal", kRngNormal, seed, offset, n, out);
}

MLND_EXPORT mlnd_status mlnd_rng_gumbel(uint64_t seed, uint64_t offset, int64_t n, float* out) {
  return rng_op("mlnd_rng_gumbel", kRngGumbel, seed, offset, n, out);
}

MLND_EXPORT mlnd_status mlnd_rng_logistic(uint64_t seed, uint64_t offset, int64_t n, float* out) {
  return rng_op("mlnd_rng_logistic", kRngLogistic, seed, offset, n, out);
}

}  // extern "C"
