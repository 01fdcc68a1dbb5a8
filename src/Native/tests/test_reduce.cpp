// test_reduce.cpp - sum, sum of squares, dot, max, min (NaN and empty rules) and column sums.
#include <algorithm>

#include "test_util.h"

void test_reduce() {
  for (int64_t n : {0, 1, 2, 7, 15, 16, 17, 31, 63, 64, 65, 100, 1000, 4097, 100003}) {
    Lcg rng(static_cast<uint64_t>(n));
    std::vector<float> x = rng.vec(static_cast<size_t>(n) + 1, -2, 2), y = rng.vec(static_cast<size_t>(n) + 1, -2, 2);
    double s = 0, sa = 0, ss = 0, d = 0, da = 0, mx = -INFINITY, mn = INFINITY;
    for (int64_t i = 0; i < n; ++i) {
      s += x[i];
      sa += std::fabs(x[i]);
      ss += double(x[i]) * x[i];
      d += double(x[i]) * y[i];
      da += std::fabs(double(x[i]) * y[i]);
      mx = std::max(mx, double(x[i]));
      mn = std::min(mn, double(x[i]));
    }
    const double tol = 3e-7 * std::sqrt(double(n)) + 1e-6;  // float accumulation error grows ~ sqrt(n)
    float r = -1;
    CHECK_OK(mlnd_reduce_sum(n, x.data(), &r));
    CHECK(close(r, s, 0, tol * sa + 1e-30), "sum n=%lld: %.9g, expected %.9g", (long long)n, r, s);
    CHECK_OK(mlnd_reduce_sumsq(n, x.data(), &r));
    CHECK(close(r, ss, tol, 1e-30), "sumsq n=%lld: %.9g, expected %.9g", (long long)n, r, ss);
    CHECK_OK(mlnd_reduce_dot(n, x.data(), y.data(), &r));
    CHECK(close(r, d, 0, tol * da + 1e-30), "dot n=%lld: %.9g, expected %.9g", (long long)n, r, d);
    CHECK_OK(mlnd_reduce_max(n, x.data(), &r));
    CHECK(r == float(mx), "max n=%lld: %.9g, expected %.9g", (long long)n, r, mx);
    CHECK_OK(mlnd_reduce_min(n, x.data(), &r));
    CHECK(r == float(mn), "min n=%lld: %.9g, expected %.9g", (long long)n, r, mn);
    if (n > 0) {  // a NaN anywhere gives NaN (first, middle, last position)
      for (int64_t pos : {int64_t(0), n / 2, n - 1}) {
        std::vector<float> z(x.begin(), x.begin() + n);
        z[pos] = NAN;
        CHECK_OK(mlnd_reduce_max(n, z.data(), &r));
        CHECK(std::isnan(r), "max with NaN at %lld of %lld: %g", (long long)pos, (long long)n, r);
        CHECK_OK(mlnd_reduce_min(n, z.data(), &r));
        CHECK(std::isnan(r), "min with NaN at %lld of %lld: %g", (long long)pos, (long long)n, r);
      }
    }
  }
  // Deterministic: same call, same bits.
  {
    Lcg rng(11);
    std::vector<float> x = rng.vec(12345, -1, 1);
    float a = 0, b = 1;
    CHECK_OK(mlnd_reduce_sum(12345, x.data(), &a));
    CHECK_OK(mlnd_reduce_sum(12345, x.data(), &b));
    CHECK(std::memcmp(&a, &b, sizeof a) == 0);
  }
  float r = 0;
  CHECK_OK(mlnd_reduce_max(0, nullptr, &r));
  CHECK(r == -INFINITY);
  CHECK_OK(mlnd_reduce_min(0, nullptr, &r));
  CHECK(r == INFINITY);

  const int64_t cshapes[][2] = {{1, 1}, {3, 5}, {7, 16}, {5, 17}, {2, 64}, {9, 65}, {100, 130}, {1500, 200}, {0, 4}};
  for (const auto& s : cshapes) {
    const int64_t rows = s[0], cols = s[1];
    Lcg rng(static_cast<uint64_t>(rows * 17 + cols));
    std::vector<float> x = rng.vec(static_cast<size_t>(rows * cols), -1, 1), out(static_cast<size_t>(cols) + 1, 5.0f);
    CHECK_OK(mlnd_reduce_colsum(rows, cols, x.data(), out.data()));
    for (int64_t c = 0; c < cols; ++c) {
      double ref = 0, mag = 0;
      for (int64_t q = 0; q < rows; ++q) {
        ref += x[q * cols + c];
        mag += std::fabs(x[q * cols + c]);
      }
      CHECK(close(out[c], ref, 0, 1e-6 * mag + 1e-30), "colsum %lldx%lld col %lld: %.9g, expected %.9g",
            (long long)rows, (long long)cols, (long long)c, out[c], ref);
    }
    CHECK(out[static_cast<size_t>(cols)] == 5.0f, "colsum wrote past the output");
  }
}
