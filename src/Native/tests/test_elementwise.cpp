// test_elementwise.cpp - fused bias + activation forward/backward (all activations, with and without
// bias/dbias, in place) and the fused Adam/AdamW step, against double references.
#include "test_util.h"

namespace {

double act_ref(int act, double alpha, double z) {
  switch (act) {
    case MLND_ACT_IDENTITY: return z;
    case MLND_ACT_RELU: return z > 0 ? z : 0.0;
    case MLND_ACT_LEAKY_RELU: return z > 0 ? z : alpha * z;
    case MLND_ACT_GELU: {
      // 0.5 z (1 + tanh u) written as z / (1 + e^{-2u}): identical, but without the cancellation that makes
      // the tanh form inaccurate (even in double) for negative z.
      const double u = 0.7978845608028654 * (z + 0.044715 * z * z * z);
      return z / (1.0 + std::exp(-2.0 * u));
    }
    case MLND_ACT_SIGMOID: return 1.0 / (1.0 + std::exp(-z));
    default: return std::tanh(z);
  }
}

// act'(z) (gelu: derivative of the tanh form; sigmoid/tanh via their output).
double grad_ref(int act, double alpha, double z) {
  switch (act) {
    case MLND_ACT_IDENTITY: return 1.0;
    case MLND_ACT_RELU: return z > 0 ? 1.0 : 0.0;
    case MLND_ACT_LEAKY_RELU: return z > 0 ? 1.0 : alpha;
    case MLND_ACT_GELU: {
      // With s = 0.5 (1 + tanh u) = 1 / (1 + e^{-2u}): 0.5 (1 - tanh^2 u) = 2 s (1 - s).
      const double c = 0.7978845608028654, u = c * (z + 0.044715 * z * z * z), s = 1.0 / (1.0 + std::exp(-2.0 * u));
      return s + z * 2.0 * s * (1.0 - s) * c * (1.0 + 3.0 * 0.044715 * z * z);
    }
    case MLND_ACT_SIGMOID: {
      double s = 1.0 / (1.0 + std::exp(-z));
      return s * (1.0 - s);
    }
    default: {
      double t = std::tanh(z);
      return 1.0 - t * t;
    }
  }
}

// Inputs: a spread of ordinary values plus edge values (zero, large magnitudes) at fixed spots.
std::vector<float> act_inputs(Lcg& rng, size_t n) {
  std::vector<float> v = rng.vec(n, -6.0f, 6.0f);
  const float edges[] = {0.0f, -0.0f, 1e-4f, -1e-4f, 0.3f, -0.7f, 12.0f, -12.0f, 40.0f, -40.0f, 95.0f, -95.0f};
  for (size_t i = 0; i < sizeof edges / sizeof edges[0] && i * 5 < n; ++i) v[i * 5] = edges[i];
  return v;
}

void check_forward(int act, int64_t rows, int64_t cols, bool bias, bool in_place) {
  Lcg rng(static_cast<uint64_t>(act * 1000 + rows * 7 + cols));
  const float alpha = 0.1f;
  std::vector<float> x = act_inputs(rng, static_cast<size_t>(rows * cols));
  std::vector<float> bv = rng.vec(static_cast<size_t>(cols), -0.5f, 0.5f);
  std::vector<float> y(x.size());
  float* out = in_place ? x.data() : y.data();
  const std::vector<float> x0 = x;
  CHECK_OK(mlnd_act_bias_forward(act, alpha, rows, cols, x.data(), bias ? bv.data() : nullptr, out));
  int bad = 0;
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t c = 0; c < cols && bad < 3; ++c) {
      const float z = bias ? x0[r * cols + c] + bv[c] : x0[r * cols + c];  // the float pre-activation
      const double ref = act_ref(act, alpha, z);
      const float got = out[r * cols + c];
      // GELU for negative z is exp(2u) with |2u| up to ~25 at the float range of interest: the rounding
      // of u itself (not the kernel) then limits relative accuracy to ~1e-7 * |2u|.
      double rtol = 3e-6;
      if (act == MLND_ACT_GELU) rtol += 2e-7 * std::fabs(1.5957691216057308 * (z + 0.044715 * double(z) * z * z));
      if (!close(got, ref, rtol, 1e-30)) {
        ++bad;
        CHECK(false, "act %d forward (%lld x %lld, bias %d): z = %.9g gives %.9g, expected %.9g", act,
              (long long)rows, (long long)cols, bias, z, got, ref);
      }
    }
}

void check_backward(int act, int64_t rows, int64_t cols, bool dbias, bool in_place) {
  Lcg rng(static_cast<uint64_t>(act * 77 + rows * 3 + cols));
  const float alpha = 0.2f;
  std::vector<float> z = act_inputs(rng, static_cast<size_t>(rows * cols));
  std::vector<float> y(z.size());
  CHECK_OK(mlnd_act_bias_forward(act, alpha, rows, cols, z.data(), nullptr, y.data()));
  std::vector<float> dy = rng.vec(z.size(), -1.0f, 1.0f), dz(z.size()), db(static_cast<size_t>(cols), 99.0f);
  float* out = in_place ? dy.data() : dz.data();
  const std::vector<float> dy0 = dy;
  CHECK_OK(mlnd_act_bias_backward(act, alpha, rows, cols, z.data(), y.data(), dy.data(), out,
                                  dbias ? db.data() : nullptr));
  int bad = 0;
  std::vector<double> colsum(static_cast<size_t>(cols), 0.0), colmag(static_cast<size_t>(cols), 0.0);
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t c = 0; c < cols; ++c) {
      const size_t i = static_cast<size_t>(r * cols + c);
      // sigmoid/tanh derivatives are defined through the (float) forward output, like the kernel.
      double g;
      if (act == MLND_ACT_SIGMOID)
        g = double(y[i]) * (1.0 - double(y[i]));
      else if (act == MLND_ACT_TANH)
        g = 1.0 - double(y[i]) * double(y[i]);
      else
        g = grad_ref(act, alpha, z[i]);
      const double ref = dy0[i] * g;
      colsum[c] += out[i];
      colmag[c] += std::fabs(out[i]);
      if (bad < 3 && !close(out[i], ref, 1e-5, 2e-7 * std::fabs(dy0[i]) + 1e-30)) {
        ++bad;
        CHECK(false, "act %d backward (%lld x %lld): z = %.9g, dy = %.9g gives %.9g, expected %.9g", act,
              (long long)rows, (long long)cols, z[i], dy0[i], out[i], ref);
      }
    }
  if (dbias)
    for (int64_t c = 0; c < cols; ++c)
      CHECK(close(db[c], colsum[c], 0.0, 1e-6 * colmag[c] + 1e-30), "act %d dbias[%lld] = %.9g, expected %.9g", act,
            (long long)c, db[c], colsum[c]);
}

void check_adam(int64_t n, bool decoupled, float wd, int64_t step) {
  Lcg rng(static_cast<uint64_t>(n + step));
  std::vector<float> w = rng.vec(static_cast<size_t>(n), -1, 1), g = rng.vec(static_cast<size_t>(n), -1, 1);
  std::vector<float> m = rng.vec(static_cast<size_t>(n), -0.1f, 0.1f), v = rng.vec(static_cast<size_t>(n), 0, 0.01f);
  const std::vector<float> w0 = w, m0 = m, v0 = v;
  const float lr = 1e-2f, b1 = 0.9f, b2 = 0.999f, eps = 1e-8f;
  CHECK_OK(mlnd_optim_adam(n, w.data(), g.data(), m.data(), v.data(), lr, b1, b2, eps, wd, decoupled ? 1 : 0, step));
  const double bc1 = 1.0 - std::pow(double(b1), double(step)), bc2 = 1.0 - std::pow(double(b2), double(step));
  int bad = 0;
  for (int64_t i = 0; i < n && bad < 3; ++i) {
    double gp = g[i] + (decoupled ? 0.0 : double(wd) * w0[i]);
    double mr = double(b1) * m0[i] + (1.0 - double(b1)) * gp;
    double vr = double(b2) * v0[i] + (1.0 - double(b2)) * gp * gp;
    double upd = (mr / bc1) / (std::sqrt(vr / bc2) + eps) + (decoupled ? double(wd) * w0[i] : 0.0);
    double wr = w0[i] - lr * upd;
    // Tolerances scale with the terms that are added (m and v are differences of like-sized terms).
    const double mscale = std::fabs(double(b1) * m0[i]) + std::fabs((1.0 - b1) * gp);
    const double vscale = std::fabs(double(b2) * v0[i]) + std::fabs((1.0 - b2) * gp * gp);
    bool ok = close(m[i], mr, 0, 3e-7 * mscale + 1e-30) && close(v[i], vr, 0, 3e-7 * vscale + 1e-30) &&
              close(w[i], wr, 0, 2e-7 * std::fabs(w0[i]) + lr * 1e-4);
    if (!ok) {
      ++bad;
      CHECK(false, "adam n=%lld decoupled=%d step=%lld i=%lld: w %.9g/%.9g m %.9g/%.9g v %.9g/%.9g", (long long)n,
            decoupled, (long long)step, (long long)i, w[i], wr, m[i], mr, v[i], vr);
    }
  }
}

void check_thread_invariance() {
  Lcg rng(5);
  const int64_t rows = 1024, cols = 200;
  std::vector<float> z = rng.vec(static_cast<size_t>(rows * cols), -4, 4), dy = rng.vec(z.size(), -1, 1);
  std::vector<float> b = rng.vec(static_cast<size_t>(cols), -1, 1);
  const int threads = mlnd_threads_get();
  std::vector<float> y[2], dz[2], db[2];
  for (int t = 0; t < 2; ++t) {
    CHECK_OK(mlnd_threads_set(t + 1));
    y[t].resize(z.size());
    dz[t].resize(z.size());
    db[t].resize(static_cast<size_t>(cols));
    CHECK_OK(mlnd_act_bias_forward(MLND_ACT_GELU, 0, rows, cols, z.data(), b.data(), y[t].data()));
    CHECK_OK(mlnd_act_bias_backward(MLND_ACT_GELU, 0, rows, cols, z.data(), y[t].data(), dy.data(), dz[t].data(),
                                    db[t].data()));
  }
  CHECK_OK(mlnd_threads_set(threads));
  CHECK(same_bits(y[0], y[1]) && same_bits(dz[0], dz[1]) && same_bits(db[0], db[1]),
        "activation results differ between 1 and 2 threads");
}

}  // namespace

void test_elementwise() {
  const int64_t sizes[][2] = {{1, 1}, {3, 7}, {2, 16}, {5, 17}, {4, 33}, {9, 64}, {3, 100}, {600, 300}};
  for (int act = MLND_ACT_IDENTITY; act <= MLND_ACT_TANH; ++act)
    for (const auto& s : sizes) {
      check_forward(act, s[0], s[1], true, false);
      check_forward(act, s[0], s[1], false, true);
      check_backward(act, s[0], s[1], true, false);
      check_backward(act, s[0], s[1], false, true);
    }
  // rows == 0 zeroes dbias.
  float db[3] = {5, 5, 5};
  CHECK_OK(mlnd_act_bias_backward(MLND_ACT_RELU, 0, 0, 3, nullptr, nullptr, nullptr, nullptr, db));
  CHECK(db[0] == 0 && db[2] == 0, "rows == 0 must zero dbias");
  // Special values: NaN propagates through relu, and saturating ends are exact.
  {
    float x[4] = {NAN, -INFINITY, INFINITY, -0.0f}, y[4];
    CHECK_OK(mlnd_act_bias_forward(MLND_ACT_RELU, 0, 1, 4, x, nullptr, y));
    CHECK(std::isnan(y[0]) && y[1] == 0 && y[2] == INFINITY, "relu specials");
    CHECK_OK(mlnd_act_bias_forward(MLND_ACT_SIGMOID, 0, 1, 4, x, nullptr, y));
    CHECK(std::isnan(y[0]) && y[1] == 0 && y[2] == 1 && y[3] == 0.5f, "sigmoid specials");
    CHECK_OK(mlnd_act_bias_forward(MLND_ACT_TANH, 0, 1, 4, x, nullptr, y));
    CHECK(std::isnan(y[0]) && y[1] == -1 && y[2] == 1 && y[3] == 0, "tanh specials");
  }
  for (int64_t n : {1, 15, 16, 17, 100, 1000, 70001})
    for (int dec = 0; dec < 2; ++dec) {
      check_adam(n, dec != 0, 0.01f, 1);
      check_adam(n, dec != 0, 0.0f, 10);
    }
  check_thread_invariance();
}
