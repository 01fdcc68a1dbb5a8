// test_concurrency.cpp - several application threads calling the library at once (the pool serves one
// caller at a time; the others run alone): every result must still equal the single-threaded bits, and
// exceptions/errors stay per thread.
#include <atomic>
#include <thread>

#include "test_util.h"

void test_concurrency() {
  const int64_t m = 300, n = 96, k = 200;
  Lcg rng(77);
  const std::vector<float> a = rng.vec(static_cast<size_t>(m * k), -1, 1), b = rng.vec(static_cast<size_t>(k * n), -1, 1);
  const std::vector<float> x = rng.vec(static_cast<size_t>(m * n), -3, 3);
  const int threads = mlnd_threads_get();
  CHECK_OK(mlnd_threads_set(1));
  std::vector<float> c_ref(static_cast<size_t>(m * n)), s_ref(x.size());
  CHECK_OK(mlnd_gemm_sgemm(0, 0, m, n, k, 1.0f, a.data(), k, b.data(), n, 0.0f, c_ref.data(), n));
  CHECK_OK(mlnd_rows_softmax(m, n, x.data(), s_ref.data()));
  CHECK_OK(mlnd_threads_set(2));

  std::atomic<int> mismatches{0}, errors{0};
  auto body = [&](int id) {
    std::vector<float> c(c_ref.size()), s(s_ref.size());
    for (int it = 0; it < 40; ++it) {
      if (mlnd_gemm_sgemm(0, 0, m, n, k, 1.0f, a.data(), k, b.data(), n, 0.0f, c.data(), n) != MLND_OK) ++errors;
      if (mlnd_rows_softmax(m, n, x.data(), s.data()) != MLND_OK) ++errors;
      if (!same_bits(c, c_ref) || !same_bits(s, s_ref)) ++mismatches;
      // A failing call on this thread leaves its message here only.
      if (id == 0 && mlnd_reduce_sum(-1, nullptr, nullptr) != MLND_ERR_INVALID_ARGUMENT) ++errors;
    }
  };
  std::vector<std::thread> pool;
  for (int t = 0; t < 4; ++t) pool.emplace_back(body, t);
  for (auto& t : pool) t.join();
  CHECK_OK(mlnd_threads_set(threads));
  CHECK(mismatches.load() == 0, "%d results differed from the single-threaded bits", mismatches.load());
  CHECK(errors.load() == 0, "%d unexpected statuses", errors.load());
}
