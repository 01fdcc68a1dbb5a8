// api_elementwise.cpp - bias + activation, the row-wise softmax family and reductions.
// Entry-point rules: see api_common.h.
#include "api_common.h"

using namespace mlnd;

extern "C" {

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

}  // extern "C"
