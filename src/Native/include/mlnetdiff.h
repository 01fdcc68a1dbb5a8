/*
 * mlnetdiff.h - the one C ABI of the MLNetDiff native kernel library (libmlnetdiff).
 *
 * Rules of the boundary (see docs/native.md):
 *  - every entry point is `mlnd_<area>_<op>` and returns an mlnd_status (0 = success);
 *  - no C++ exception crosses it: each entry catches everything and maps it to a status;
 *  - the last error message of the calling thread is available through mlnd_last_error();
 *  - managed code refuses a binary whose mlnd_api_version() differs from MLND_API_VERSION.
 *
 * Layout conventions: all matrices are row-major float32 with an explicit leading dimension
 * (elements between the starts of consecutive rows). Sizes are int64_t. A size of 0 is valid and
 * does nothing (beyond beta-scaling for GEMM when K == 0). Null pointers are only allowed where a
 * parameter says "nullable", or when the corresponding size is 0.
 */
#ifndef MLNETDIFF_H
#define MLNETDIFF_H

#include <stdint.h>

#ifdef _WIN32
#define MLND_EXPORT __declspec(dllexport)
#else
#define MLND_EXPORT __attribute__((visibility("default")))
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* Bump on any change of a signature or of the documented semantics. */
#define MLND_API_VERSION 2

typedef int32_t mlnd_status;
#define MLND_OK 0
#define MLND_ERR_INVALID_ARGUMENT 1 /* bad size, null pointer, bad enum value, leading dimension too small */
#define MLND_ERR_UNSUPPORTED 2      /* e.g. an ISA that this CPU lacks was requested */
#define MLND_ERR_OUT_OF_MEMORY 3
#define MLND_ERR_INTERNAL 4         /* any other caught exception */

/* Instruction-set levels, used for run-time dispatch and for forcing a lower level in tests. */
#define MLND_ISA_SCALAR 0
#define MLND_ISA_AVX2 1   /* AVX2 + FMA, 256-bit */
#define MLND_ISA_AVX512 2 /* AVX-512 F (+VL), 512-bit */

/* Activations for the fused bias + activation kernels. `alpha` is the leaky-ReLU negative slope. */
#define MLND_ACT_IDENTITY 0
#define MLND_ACT_RELU 1
#define MLND_ACT_LEAKY_RELU 2
#define MLND_ACT_GELU 3    /* tanh approximation: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))) */
#define MLND_ACT_SIGMOID 4
#define MLND_ACT_TANH 5

/* ---- library ------------------------------------------------------------------------------- */
MLND_EXPORT int32_t mlnd_api_version(void);
/* Thread-local message of the last failed call on this thread ("" if none). Never null. */
MLND_EXPORT const char* mlnd_last_error(void);
/* Highest ISA this CPU supports, and the one currently used (<= supported). */
MLND_EXPORT int32_t mlnd_isa_supported(void);
MLND_EXPORT int32_t mlnd_isa_active(void);
/* Force an ISA level (tests, benchmarks). Fails with MLND_ERR_UNSUPPORTED above mlnd_isa_supported(). */
MLND_EXPORT mlnd_status mlnd_isa_set(int32_t isa);
/* Thread budget of the CALLING thread: large kernels called from this thread use at most n threads (1 = caller
 * only; clamped to 64). Per thread, not per process, so two application threads (two trainers fitting at once)
 * never race on it. A thread that never set it gets min(2, hardware threads). (Version 2: was process-wide.) */
MLND_EXPORT mlnd_status mlnd_threads_set(int32_t n);
MLND_EXPORT int32_t mlnd_threads_get(void);

/* ---- GEMM ---------------------------------------------------------------------------------
 * C[M,N] = alpha * op(A) * op(B) + beta * C, op(X) = X or X^T (trans != 0).
 * op(A) is M x K: A is M x K (lda >= K) or, transposed, K x M (lda >= M).
 * op(B) is K x N: B is K x N (ldb >= N) or, transposed, N x K (ldb >= K).
 * beta == 0 overwrites C without reading it (NaN in C does not propagate). C must not alias A or B.
 * Threads split M or N, never K, so results do not depend on the thread count. */
MLND_EXPORT mlnd_status mlnd_gemm_sgemm(int32_t trans_a, int32_t trans_b, int64_t m, int64_t n, int64_t k,
                                        float alpha, const float* a, int64_t lda, const float* b, int64_t ldb,
                                        float beta, float* c, int64_t ldc);

/* ---- bias + activation --------------------------------------------------------------------
 * forward:  y[r,c] = act(x[r,c] + bias[c]), rows x cols, contiguous (ld = cols). bias nullable.
 *           y may alias x.
 * backward: given z = x + bias (pre-activation), y = act(z) and dy, writes dz = dy * act'(z);
 *           dz may alias dy. If dbias is non-null it is overwritten with column sums of dz.
 *           z is read for identity(no), relu, leaky relu, gelu; y is read for sigmoid and tanh.
 *           Pass whichever the activation reads; the other may be null. */
MLND_EXPORT mlnd_status mlnd_act_bias_forward(int32_t act, float alpha, int64_t rows, int64_t cols,
                                              const float* x, const float* bias, float* y);
MLND_EXPORT mlnd_status mlnd_act_bias_backward(int32_t act, float alpha, int64_t rows, int64_t cols,
                                               const float* z, const float* y, const float* dy, float* dz,
                                               float* dbias);

/* ---- row-wise softmax family (rows x cols, contiguous; y may alias x; max-subtracted, stable) ---- */
MLND_EXPORT mlnd_status mlnd_rows_softmax(int64_t rows, int64_t cols, const float* x, float* y);
MLND_EXPORT mlnd_status mlnd_rows_log_softmax(int64_t rows, int64_t cols, const float* x, float* y);
/* out[r] = log(sum_c exp(x[r,c])); a row of all -inf gives -inf; cols == 0 gives -inf. */
MLND_EXPORT mlnd_status mlnd_rows_logsumexp(int64_t rows, int64_t cols, const float* x, float* out);

/* ---- distances ------------------------------------------------------------------------------
 * out[i,j] = sum_d (x[i,d] - y[j,d])^2 for x: m x d, y: n x d (contiguous), out: m x n (contiguous).
 * Computed via norms + GEMM where large; results are clamped at >= 0. */
MLND_EXPORT mlnd_status mlnd_dist_sqeuclidean(int64_t m, int64_t n, int64_t d, const float* x, const float* y,
                                              float* out);

/* ---- reductions (accumulate in float with multiple lanes; order is fixed for a given ISA) ---- */
MLND_EXPORT mlnd_status mlnd_reduce_sum(int64_t n, const float* x, float* out);
MLND_EXPORT mlnd_status mlnd_reduce_sumsq(int64_t n, const float* x, float* out);
MLND_EXPORT mlnd_status mlnd_reduce_dot(int64_t n, const float* x, const float* y, float* out);
/* max/min of an empty span are -inf/+inf; any NaN gives NaN. */
MLND_EXPORT mlnd_status mlnd_reduce_max(int64_t n, const float* x, float* out);
MLND_EXPORT mlnd_status mlnd_reduce_min(int64_t n, const float* x, float* out);
/* out[c] = sum_r x[r,c] (rows x cols contiguous), out overwritten. */
MLND_EXPORT mlnd_status mlnd_reduce_colsum(int64_t rows, int64_t cols, const float* x, float* out);

/* ---- optimizer --------------------------------------------------------------------------------
 * Fused Adam / AdamW over a flat parameter buffer; `step` is the 1-based step AFTER increment.
 *  g' = g + weight_decay * w            (decoupled == 0, classic L2 Adam)
 *  m  = beta1 m + (1 - beta1) g'
 *  v  = beta2 v + (1 - beta2) g'^2
 *  w -= lr * ( (m / (1 - beta1^step)) / (sqrt(v / (1 - beta2^step)) + eps) + (decoupled ? weight_decay * w : 0) )
 * (for decoupled == 1 the weight-decay term uses w before this update). */
MLND_EXPORT mlnd_status mlnd_optim_adam(int64_t n, float* w, const float* g, float* m, float* v, float lr,
                                        float beta1, float beta2, float eps, float weight_decay, int32_t decoupled,
                                        int64_t step);

/* ---- counter-based RNG (Philox4x32-10) --------------------------------------------------------
 * key = (lo32(seed), hi32(seed)). Element i of the output is global index g = offset + i, so any
 * (seed, offset) window is reproducible independently of how a buffer is split.
 *  Philox4x32-10: multipliers 0xD2511F53, 0xCD9E8D57; Weyl key increments 0x9E3779B9, 0xBB67AE85.
 *  uniform:  word (g % 4) of Philox(key, ctr = (lo32(g/4), hi32(g/4), 0, 0)) -> u = ((w >> 9) + 0.5f) * 2^-23
 *            (exact in float), u in (0,1)
 *  normal:   words 0,1 of Philox(key, ctr = (lo32(g), hi32(g), 1, 0)) -> u1, u2 as above,
 *            z = sqrt(-2 ln u1) * cos(2 pi u2)
 *  gumbel:   u from the uniform rule, z = -ln(-ln u)
 *  logistic: u from the uniform rule, z = ln(u) - ln(1 - u)
 *  The transforms are evaluated in double with the C library's log/sqrt/cos and rounded to float, so every
 *  backend on one platform returns the same bits. */
MLND_EXPORT mlnd_status mlnd_rng_uniform(uint64_t seed, uint64_t offset, int64_t n, float* out);
MLND_EXPORT mlnd_status mlnd_rng_normal(uint64_t seed, uint64_t offset, int64_t n, float* out);
MLND_EXPORT mlnd_status mlnd_rng_gumbel(uint64_t seed, uint64_t offset, int64_t n, float* out);
MLND_EXPORT mlnd_status mlnd_rng_logistic(uint64_t seed, uint64_t offset, int64_t n, float* out);

#ifdef __cplusplus
}
#endif

#endif /* MLNETDIFF_H */
