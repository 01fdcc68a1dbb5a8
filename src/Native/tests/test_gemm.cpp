// test_gemm.cpp - SGEMM against a double reference for all transposes on odd sizes (micro-tile edges,
// K blocking, N panels), alpha/beta cases, untouched padding, beta == 0 not reading C, and bit-identical
// results for 1 and 2 threads.
#include "test_util.h"

namespace {

struct Shape {
  int64_t m, n, k;
};

// Storage of op(X) (rows x cols of op) with leading dimension ld and padding filled with `pad`.
std::vector<float> make_matrix(Lcg& rng, int64_t rows, int64_t cols, int64_t ld, float pad) {
  std::vector<float> v(static_cast<size_t>(rows > 0 ? (rows - 1) * ld + cols : 0) + 3, pad);
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t c = 0; c < cols; ++c) v[r * ld + c] = rng.uniform(-1.0f, 1.0f);
  return v;
}

void check_gemm(int ta, int tb, Shape s, float alpha, float beta, int64_t pad_ld, bool nan_c, uint64_t seed) {
  Lcg rng(seed);
  const int64_t m = s.m, n = s.n, k = s.k;
  const int64_t lda = (ta ? m : k) + pad_ld, ldb = (tb ? k : n) + pad_ld, ldc = n + pad_ld;
  std::vector<float> a = make_matrix(rng, ta ? k : m, ta ? m : k, lda, 7.0f);
  std::vector<float> b = make_matrix(rng, tb ? n : k, tb ? k : n, ldb, 7.0f);
  const float sentinel = 12345.0f;
  std::vector<float> c(static_cast<size_t>(m * ldc) + 3, sentinel);
  for (int64_t i = 0; i < m; ++i)
    for (int64_t j = 0; j < n; ++j) c[i * ldc + j] = nan_c ? NAN : rng.uniform(-1.0f, 1.0f);
  std::vector<float> c0 = c;

  CHECK_OK(mlnd_gemm_sgemm(ta, tb, m, n, k, alpha, a.data(), lda, b.data(), ldb, beta, c.data(), ldc));

  int bad = 0;
  for (int64_t i = 0; i < m && bad < 3; ++i) {
    for (int64_t j = 0; j < ldc && bad < 3; ++j) {
      const float got = c[i * ldc + j];
      if (j >= n) {  // padding between n and ldc is never written
        if (got != sentinel) {
          ++bad;
          CHECK(got == sentinel, "ta=%d tb=%d m=%lld n=%lld k=%lld: padding (%lld,%lld) written", ta, tb,
                (long long)m, (long long)n, (long long)k, (long long)i, (long long)j);
        }
        continue;
      }
      double acc = 0, mag = 0;
      for (int64_t p = 0; p < k; ++p) {
        double x = ta ? a[p * lda + i] : a[i * lda + p];
        double y = tb ? b[j * ldb + p] : b[p * ldb + j];
        acc += x * y;
        mag += std::fabs(x * y);
      }
      double ref = alpha * acc;
      double scale = std::fabs(alpha) * mag;
      if (beta != 0.0f) {
        ref += static_cast<double>(beta) * c0[i * ldc + j];
        scale += std::fabs(beta * c0[i * ldc + j]);
      }
      if (!close(got, ref, 0.0, 1e-5 * scale + 1e-6)) {
        ++bad;
        CHECK(false, "ta=%d tb=%d m=%lld n=%lld k=%lld alpha=%g beta=%g: C(%lld,%lld) = %.9g, expected %.9g", ta, tb,
              (long long)m, (long long)n, (long long)k, alpha, beta, (long long)i, (long long)j, got, ref);
      }
    }
  }
}

// Same product at 1 and 2 threads must give the same bits (threads split M or N, never K).
void check_thread_invariance(int ta, int tb, Shape s) {
  Lcg rng(99);
  const int64_t lda = ta ? s.m : s.k, ldb = tb ? s.k : s.n;
  std::vector<float> a = rng.vec(static_cast<size_t>(s.m * s.k), -1, 1), b = rng.vec(static_cast<size_t>(s.k * s.n), -1, 1);
  std::vector<float> c1 = rng.vec(static_cast<size_t>(s.m * s.n), -1, 1), c2 = c1;
  const int threads = mlnd_threads_get();
  CHECK_OK(mlnd_threads_set(1));
  CHECK_OK(mlnd_gemm_sgemm(ta, tb, s.m, s.n, s.k, 0.75f, a.data(), lda, b.data(), ldb, 0.5f, c1.data(), s.n));
  CHECK_OK(mlnd_threads_set(2));
  CHECK_OK(mlnd_gemm_sgemm(ta, tb, s.m, s.n, s.k, 0.75f, a.data(), lda, b.data(), ldb, 0.5f, c2.data(), s.n));
  CHECK_OK(mlnd_threads_set(threads));
  CHECK(same_bits(c1, c2), "ta=%d tb=%d %lldx%lldx%lld: 1- and 2-thread results differ", ta, tb, (long long)s.m,
        (long long)s.n, (long long)s.k);
}

}  // namespace

void test_gemm() {
  const Shape shapes[] = {{1, 1, 1},    {1, 17, 3},   {5, 1, 9},    {13, 31, 7},   {14, 32, 16},  {15, 33, 17},
                          {29, 47, 64}, {64, 64, 64}, {37, 129, 45}, {100, 20, 700}, {3, 450, 33}, {171, 97, 130},
                          {60, 200, 900}};
  uint64_t seed = 1;
  for (int ta = 0; ta < 2; ++ta)
    for (int tb = 0; tb < 2; ++tb)
      for (const Shape& s : shapes) {
        check_gemm(ta, tb, s, 1.0f, 0.0f, 0, false, seed++);
        check_gemm(ta, tb, s, -0.5f, 0.25f, 3, false, seed++);
      }
  // beta == 0 must not read C (NaN there does not propagate); beta == 1 accumulates.
  check_gemm(0, 0, {19, 35, 21}, 2.0f, 0.0f, 1, true, 500);
  check_gemm(1, 1, {19, 35, 21}, 1.0f, 1.0f, 2, false, 501);
  // K == 0: C = beta * C.
  {
    std::vector<float> c = {1, 2, 3, 4, 5, 6};
    CHECK_OK(mlnd_gemm_sgemm(0, 0, 2, 3, 0, 1.0f, nullptr, 1, nullptr, 3, 0.5f, c.data(), 3));
    CHECK(c[0] == 0.5f && c[5] == 3.0f, "K == 0 must scale C by beta");
    c.assign(6, NAN);
    CHECK_OK(mlnd_gemm_sgemm(0, 0, 2, 3, 0, 1.0f, nullptr, 1, nullptr, 3, 0.0f, c.data(), 3));
    CHECK(c[0] == 0.0f && c[5] == 0.0f, "K == 0, beta == 0 must write zeros");
  }
  // Large enough to be split between threads (MLP forward, weight gradient, input gradient, square).
  check_thread_invariance(0, 0, {1024, 64, 256});
  check_thread_invariance(1, 0, {64, 64, 2048});
  check_thread_invariance(0, 1, {512, 256, 64});
  check_thread_invariance(0, 0, {300, 300, 300});
  check_thread_invariance(1, 1, {200, 130, 500});
  // And correct when split.
  const int threads = mlnd_threads_get();
  CHECK_OK(mlnd_threads_set(2));
  check_gemm(0, 0, {333, 130, 200}, 1.0f, 0.5f, 1, false, 900);
  check_gemm(1, 0, {70, 66, 1500}, 1.0f, 0.0f, 0, false, 901);
  check_gemm(0, 1, {250, 500, 80}, 1.0f, 0.0f, 0, false, 902);
  // op(B) above the shared pre-packing budget (4M floats): each thread packs its own B blocks.
  check_gemm(0, 0, {40, 2100, 2100}, 1.0f, 0.5f, 0, false, 903);
  check_gemm(1, 1, {33, 2050, 2060}, 1.0f, 0.0f, 1, false, 904);
  CHECK_OK(mlnd_threads_set(threads));
  check_thread_invariance(0, 1, {60, 2100, 2100});
}
