// api_optim_rng.cpp - the fused Adam update and the counter-based RNG.
// Entry-point rules: see api_common.h.
#include "api_common.h"

using namespace mlnd;

extern "C" {

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
