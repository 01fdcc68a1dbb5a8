// test_library.cpp - version, ISA and thread controls, and the error statuses of bad arguments.
#include <cstring>
#include <thread>

#include "test_util.h"

namespace {

bool error_mentions(const char* word) { return std::strstr(mlnd_last_error(), word) != nullptr; }

void test_controls() {
  CHECK(mlnd_api_version() == MLND_API_VERSION);
  CHECK(mlnd_last_error() != nullptr);
  const int supported = mlnd_isa_supported(), active = mlnd_isa_active();
  CHECK(supported >= MLND_ISA_SCALAR && supported <= MLND_ISA_AVX512, "supported = %d", supported);
  CHECK(active >= MLND_ISA_SCALAR && active <= supported, "active = %d", active);

  CHECK(mlnd_isa_set(-1) == MLND_ERR_INVALID_ARGUMENT);
  CHECK(mlnd_isa_set(3) == MLND_ERR_INVALID_ARGUMENT);
  CHECK(error_mentions("isa"), "message: %s", mlnd_last_error());
  if (supported < MLND_ISA_AVX512) {
    CHECK(mlnd_isa_set(supported + 1) == MLND_ERR_UNSUPPORTED);
    CHECK(mlnd_isa_active() == active);
  }
  for (int isa = 0; isa <= supported; ++isa) {
    CHECK_OK(mlnd_isa_set(isa));
    CHECK(mlnd_isa_active() == isa);
  }
  CHECK_OK(mlnd_isa_set(active));

  const int threads = mlnd_threads_get();
  CHECK(threads >= 1);
  CHECK(mlnd_threads_set(0) == MLND_ERR_INVALID_ARGUMENT);
  CHECK(mlnd_threads_set(-3) == MLND_ERR_INVALID_ARGUMENT);
  CHECK(mlnd_threads_get() == threads);
  CHECK_OK(mlnd_threads_set(3));
  CHECK(mlnd_threads_get() == 3);
  CHECK_OK(mlnd_threads_set(1000));
  CHECK(mlnd_threads_get() == 64, "clamped to 64, got %d", mlnd_threads_get());

  // The budget belongs to the calling thread: another thread starts from the default and its own setting
  // never reaches this one (two trainers fitting at once must not race on a process-wide value).
  CHECK_OK(mlnd_threads_set(3));
  int other_initial = 0, other_after = 0;
  std::thread other([&] {
    other_initial = mlnd_threads_get();
    mlnd_threads_set(1);
    other_after = mlnd_threads_get();
  });
  other.join();
  CHECK(other_initial >= 1 && other_initial <= 2, "a new thread starts at min(2, hardware), got %d", other_initial);
  CHECK(other_after == 1, "the other thread's own setting, got %d", other_after);
  CHECK(mlnd_threads_get() == 3, "this thread's budget changed to %d", mlnd_threads_get());
  CHECK_OK(mlnd_threads_set(threads));
}

void test_bad_arguments() {
  const int INV = MLND_ERR_INVALID_ARGUMENT;
  float a[64] = {}, b[64] = {}, c[64] = {}, out[8] = {};

  // GEMM: negative sizes, null pointers, leading dimensions too small (each with a naming message).
  CHECK(mlnd_gemm_sgemm(0, 0, -1, 2, 2, 1, a, 2, b, 2, 0, c, 2) == INV);
  CHECK(error_mentions("'m'"), "message: %s", mlnd_last_error());
  CHECK(mlnd_gemm_sgemm(0, 0, 2, -1, 2, 1, a, 2, b, 2, 0, c, 2) == INV);
  CHECK(mlnd_gemm_sgemm(0, 0, 2, 2, -1, 1, a, 2, b, 2, 0, c, 2) == INV);
  CHECK(mlnd_gemm_sgemm(0, 0, 2, 2, 2, 1, nullptr, 2, b, 2, 0, c, 2) == INV);
  CHECK(error_mentions("'a'"), "message: %s", mlnd_last_error());
  CHECK(mlnd_gemm_sgemm(0, 0, 2, 2, 2, 1, a, 2, nullptr, 2, 0, c, 2) == INV);
  CHECK(mlnd_gemm_sgemm(0, 0, 2, 2, 2, 1, a, 2, b, 2, 0, nullptr, 2) == INV);
  CHECK(mlnd_gemm_sgemm(0, 0, 2, 3, 4, 1, a, 3, b, 3, 0, c, 3) == INV);  // lda < k
  CHECK(error_mentions("lda"), "message: %s", mlnd_last_error());
  CHECK(mlnd_gemm_sgemm(1, 0, 2, 3, 4, 1, a, 1, b, 3, 0, c, 3) == INV);  // transposed: lda < m
  CHECK(mlnd_gemm_sgemm(0, 0, 2, 3, 4, 1, a, 4, b, 2, 0, c, 3) == INV);  // ldb < n
  CHECK(error_mentions("ldb"), "message: %s", mlnd_last_error());
  CHECK(mlnd_gemm_sgemm(0, 1, 2, 3, 4, 1, a, 4, b, 3, 0, c, 3) == INV);  // transposed: ldb < k
  CHECK(mlnd_gemm_sgemm(0, 0, 2, 3, 4, 1, a, 4, b, 3, 0, c, 2) == INV);  // ldc < n
  CHECK(error_mentions("ldc"), "message: %s", mlnd_last_error());
  CHECK(mlnd_gemm_sgemm(0, 0, 2, 3, 4, 1, a, 4, b, 3, 0, c, 3) == MLND_OK);
  // Zero sizes accept null pointers.
  CHECK_OK(mlnd_gemm_sgemm(0, 0, 0, 0, 0, 1, nullptr, 0, nullptr, 0, 0, nullptr, 0));
  CHECK_OK(mlnd_gemm_sgemm(0, 0, 0, 5, 3, 1, nullptr, 3, b, 5, 0, nullptr, 5));

  // Activations: bad enum, null pointers, negative sizes.
  CHECK(mlnd_act_bias_forward(6, 0, 1, 1, a, nullptr, c) == INV);
  CHECK(error_mentions("act"), "message: %s", mlnd_last_error());
  CHECK(mlnd_act_bias_forward(-1, 0, 1, 1, a, nullptr, c) == INV);
  CHECK(mlnd_act_bias_forward(0, 0, -1, 1, a, nullptr, c) == INV);
  CHECK(mlnd_act_bias_forward(0, 0, 1, 1, nullptr, nullptr, c) == INV);
  CHECK(mlnd_act_bias_forward(0, 0, 1, 1, a, nullptr, nullptr) == INV);
  CHECK_OK(mlnd_act_bias_forward(1, 0, 0, 7, nullptr, nullptr, nullptr));
  CHECK(mlnd_act_bias_backward(7, 0, 1, 1, a, a, a, c, nullptr) == INV);
  CHECK(mlnd_act_bias_backward(MLND_ACT_RELU, 0, 1, 1, nullptr, a, a, c, nullptr) == INV);  // reads z
  CHECK(error_mentions("'z'"), "message: %s", mlnd_last_error());
  CHECK(mlnd_act_bias_backward(MLND_ACT_TANH, 0, 1, 1, a, nullptr, a, c, nullptr) == INV);  // reads y
  CHECK(error_mentions("'y'"), "message: %s", mlnd_last_error());
  CHECK_OK(mlnd_act_bias_backward(MLND_ACT_TANH, 0, 1, 1, nullptr, a, a, c, nullptr));   // z not read
  CHECK_OK(mlnd_act_bias_backward(MLND_ACT_GELU, 0, 1, 1, a, nullptr, a, c, nullptr));  // y not read
  CHECK_OK(mlnd_act_bias_backward(MLND_ACT_IDENTITY, 0, 1, 1, nullptr, nullptr, a, c, nullptr));
  CHECK(mlnd_act_bias_backward(MLND_ACT_IDENTITY, 0, 1, 1, nullptr, nullptr, nullptr, c, nullptr) == INV);
  CHECK(mlnd_act_bias_backward(MLND_ACT_IDENTITY, 0, 1, -2, nullptr, nullptr, a, c, nullptr) == INV);

  // Rows, distances, reductions, optimizer, RNG.
  CHECK(mlnd_rows_softmax(-1, 2, a, c) == INV);
  CHECK(mlnd_rows_softmax(2, 2, nullptr, c) == INV);
  CHECK(mlnd_rows_log_softmax(2, 2, a, nullptr) == INV);
  CHECK(mlnd_rows_logsumexp(2, -2, a, out) == INV);
  CHECK(mlnd_rows_logsumexp(2, 2, a, nullptr) == INV);
  CHECK(mlnd_dist_sqeuclidean(2, 2, -1, a, b, c) == INV);
  CHECK(mlnd_dist_sqeuclidean(2, 2, 2, a, nullptr, c) == INV);
  CHECK(mlnd_reduce_sum(-1, a, out) == INV);
  CHECK(mlnd_reduce_sum(3, nullptr, out) == INV);
  CHECK(mlnd_reduce_sum(3, a, nullptr) == INV);
  CHECK(mlnd_reduce_dot(3, a, nullptr, out) == INV);
  CHECK(mlnd_reduce_max(3, nullptr, out) == INV);
  CHECK(mlnd_reduce_colsum(2, 3, a, nullptr) == INV);
  CHECK(mlnd_reduce_colsum(-2, 3, a, out) == INV);
  CHECK(mlnd_optim_adam(4, a, b, c, nullptr, 0.1f, 0.9f, 0.999f, 1e-8f, 0, 0, 1) == INV);
  CHECK(mlnd_optim_adam(4, a, b, c, out, 0.1f, 0.9f, 0.999f, 1e-8f, 0, 0, 0) == INV);  // step is 1-based
  CHECK(error_mentions("step"), "message: %s", mlnd_last_error());
  CHECK(mlnd_optim_adam(4, a, b, c, out, 0.1f, 1.0f, 0.999f, 1e-8f, 0, 0, 1) == INV);
  CHECK(mlnd_optim_adam(4, a, b, c, out, 0.1f, 0.9f, 0.999f, 0.0f, 0, 0, 1) == INV);
  CHECK(mlnd_rng_uniform(1, 0, -1, out) == INV);
  CHECK(mlnd_rng_normal(1, 0, 4, nullptr) == INV);
  CHECK_OK(mlnd_rng_gumbel(1, 0, 0, nullptr));

  // A failed call leaves its message; the status of later successful calls is OK.
  CHECK(mlnd_reduce_sum(-5, a, out) == INV);
  CHECK(std::strlen(mlnd_last_error()) > 0);
  CHECK_OK(mlnd_reduce_sum(0, nullptr, out));
  CHECK(out[0] == 0.0f);
}

}  // namespace

void test_library() {
  test_controls();
  test_bad_arguments();
}
