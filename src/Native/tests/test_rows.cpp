// test_rows.cpp - row softmax / log-softmax / logsumexp and pairwise squared distances against double
// references, including in-place use, -inf rows, and both distance paths (direct and norms + GEMM).
#include <algorithm>

#include "test_util.h"

namespace {

void check_softmax_family(int64_t rows, int64_t cols, float spread, bool in_place) {
  Lcg rng(static_cast<uint64_t>(rows * 131 + cols));
  std::vector<float> x = rng.vec(static_cast<size_t>(rows * cols), -spread, spread);
  if (rows > 1 && cols > 2) {  // a row with -inf entries (masked logits)
    x[cols + 0] = -INFINITY;
    x[cols + 2] = -INFINITY;
  }
  std::vector<float> sm = x, ls = x, lse(static_cast<size_t>(rows));
  std::vector<float> sm_out(x.size()), ls_out(x.size());
  float* smp = in_place ? sm.data() : sm_out.data();
  float* lsp = in_place ? ls.data() : ls_out.data();
  CHECK_OK(mlnd_rows_softmax(rows, cols, sm.data(), smp));
  CHECK_OK(mlnd_rows_log_softmax(rows, cols, ls.data(), lsp));
  CHECK_OK(mlnd_rows_logsumexp(rows, cols, x.data(), lse.data()));
  int bad = 0;
  for (int64_t r = 0; r < rows; ++r) {
    const float* xr = x.data() + r * cols;
    double mx = -INFINITY;
    for (int64_t c = 0; c < cols; ++c) mx = std::max(mx, double(xr[c]));
    double s = 0;
    for (int64_t c = 0; c < cols; ++c) s += std::exp(double(xr[c]) - mx);
    const double lref = mx + std::log(s);
    if (!close(lse[r], lref, 2e-6, 1e-6)) {
      ++bad;
      CHECK(false, "logsumexp row %lld (%lldx%lld): %.9g, expected %.9g", (long long)r, (long long)rows,
            (long long)cols, lse[r], lref);
    }
    for (int64_t c = 0; c < cols && bad < 3; ++c) {
      const double p = std::exp(double(xr[c]) - lref), lp = double(xr[c]) - lref;
      if (!close(smp[r * cols + c], p, 4e-6, 1e-30) || !close(lsp[r * cols + c], lp, 1e-6, 2e-6)) {
        ++bad;
        CHECK(false, "softmax (%lld,%lld) of %lldx%lld: %.9g / %.9g, expected %.9g / %.9g", (long long)r,
              (long long)c, (long long)rows, (long long)cols, smp[r * cols + c], lsp[r * cols + c], p, lp);
      }
    }
  }
}

void check_special_rows() {
  float x[6] = {-INFINITY, -INFINITY, -INFINITY, 1.0f, 2.0f, 3.0f}, out[2];
  CHECK_OK(mlnd_rows_logsumexp(2, 3, x, out));
  CHECK(out[0] == -INFINITY, "all -inf row: %g", out[0]);
  CHECK(close(out[1], std::log(std::exp(1.0) + std::exp(2.0) + std::exp(3.0)), 1e-6, 0), "row 2: %g", out[1]);
  CHECK_OK(mlnd_rows_logsumexp(2, 0, nullptr, out));
  CHECK(out[0] == -INFINITY && out[1] == -INFINITY, "cols == 0 gives -inf");
  float big[3] = {1000.0f, 1000.0f, -1000.0f}, y[3];
  CHECK_OK(mlnd_rows_softmax(1, 3, big, y));
  CHECK(close(y[0], 0.5, 1e-6, 0) && y[2] == 0.0f, "max-subtracted softmax: %g %g %g", y[0], y[1], y[2]);
}

void check_dist(int64_t m, int64_t n, int64_t d) {
  Lcg rng(static_cast<uint64_t>(m * 1000003 + n * 1009 + d));
  std::vector<float> x = rng.vec(static_cast<size_t>(m * d), -1, 1), y = rng.vec(static_cast<size_t>(n * d), -1, 1);
  if (m > 0 && n > 0)  // identical points must give (clamped) ~0
    for (int64_t k = 0; k < d; ++k) y[k] = x[k];
  std::vector<float> out(static_cast<size_t>(m * n) + 1, 777.0f);
  CHECK_OK(mlnd_dist_sqeuclidean(m, n, d, x.data(), y.data(), out.data()));
  int bad = 0;
  for (int64_t i = 0; i < m; ++i)
    for (int64_t j = 0; j < n && bad < 3; ++j) {
      double ref = 0, nx = 0, ny = 0;
      for (int64_t k = 0; k < d; ++k) {
        double t = double(x[i * d + k]) - y[j * d + k];
        ref += t * t;
        nx += double(x[i * d + k]) * x[i * d + k];
        ny += double(y[j * d + k]) * y[j * d + k];
      }
      const float got = out[i * n + j];
      if (!(got >= 0.0f) || !close(got, ref, 1e-5, 2e-6 * (nx + ny))) {
        ++bad;
        CHECK(false, "dist (%lld,%lld) of %lldx%lldx%lld: %.9g, expected %.9g", (long long)i, (long long)j,
              (long long)m, (long long)n, (long long)d, got, ref);
      }
    }
  CHECK(out[static_cast<size_t>(m * n)] == 777.0f, "dist wrote past the output");
}

}  // namespace

void test_rows() {
  const int64_t shapes[][2] = {{1, 1}, {2, 3}, {3, 16}, {4, 17}, {5, 31}, {2, 100}, {7, 257}, {700, 150}};
  for (const auto& s : shapes) {
    check_softmax_family(s[0], s[1], 5.0f, false);
    check_softmax_family(s[0], s[1], 40.0f, true);
  }
  check_special_rows();
  const int64_t dshapes[][3] = {{1, 1, 1}, {3, 5, 2}, {17, 33, 3}, {40, 70, 16}, {20, 30, 17},
                                {65, 129, 64}, {300, 200, 40}, {5, 7, 0}};
  for (const auto& s : dshapes) check_dist(s[0], s[1], s[2]);
  // Thread invariance of a split softmax.
  Lcg rng(3);
  std::vector<float> x = rng.vec(2000 * 100, -5, 5), y1(x.size()), y2(x.size());
  const int threads = mlnd_threads_get();
  CHECK_OK(mlnd_threads_set(1));
  CHECK_OK(mlnd_rows_softmax(2000, 100, x.data(), y1.data()));
  CHECK_OK(mlnd_threads_set(2));
  CHECK_OK(mlnd_rows_softmax(2000, 100, x.data(), y2.data()));
  CHECK_OK(mlnd_threads_set(threads));
  CHECK(same_bits(y1, y2), "softmax differs between 1 and 2 threads");
}
