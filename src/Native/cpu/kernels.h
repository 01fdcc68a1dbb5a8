// kernels.h - the internal kernel table that every ISA level fills in.
//
// The C entry points (api_*.cpp) validate arguments, decide how to split work between threads, and call
// through the active table. Each ISA translation unit (scalar, avx2, avx512) fills one table; only the
// SIMD translation units are compiled with -mavx2/-mavx512*, so nothing outside them may execute those
// instructions before dispatch has checked the CPU.
#pragma once

#include <cstddef>
#include <cstdint>

namespace mlnd {

using i64 = int64_t;

enum Isa : int32_t { kIsaScalar = 0, kIsaAvx2 = 1, kIsaAvx512 = 2 };

enum Act : int32_t { kActIdentity = 0, kActRelu = 1, kActLeakyRelu = 2, kActGelu = 3, kActSigmoid = 4, kActTanh = 5 };

// Full GEMM problem; the kernel computes the sub-block rows [m0, m1) x cols [n0, n1) of C.
// Blocking decisions are taken from the full sizes (m, n, k), never from the sub-block, so a C element
// gets the same operation sequence whatever the thread split.
struct GemmArgs {
  bool ta, tb;
  i64 m, n, k;
  float alpha;
  const float* a;
  i64 lda;
  const float* b;
  i64 ldb;
  float beta;
  float* c;
  i64 ldc;
};

// Adam scalars, bias corrections precomputed once per call (in double, then rounded).
struct AdamArgs {
  float lr, beta1, beta2, eps, wd;
  bool decoupled;
  float bc1, bc2;  // 1 - beta1^step, 1 - beta2^step
};

struct KernelTable {
  int32_t isa;
  const char* name;
  // GEMM of the sub-block rows [m0, m1) x cols [n0, n1) of C; threads split at multiples of gemm_mr rows
  // or gemm_nr columns. packed_b: op(B) packed whole by gemm_pack_b (shared by all threads), or null to
  // let each call pack the B blocks it needs itself.
  void (*gemm)(const GemmArgs& g, i64 m0, i64 m1, i64 n0, i64 n1, const float* packed_b);
  i64 gemm_mr, gemm_nr;
  i64 gemm_nc;  // column block of the loop nest (a multiple of gemm_nr)
  // Size in floats of the whole packed op(B) (0: this level does not pack), and packing of the
  // gemm_nr-wide column panels [p0, p1) of it (so threads can pack disjoint panels).
  size_t (*gemm_packed_b_size)(const GemmArgs& g);
  void (*gemm_pack_b)(const GemmArgs& g, float* dst, i64 p0, i64 p1);
  // Element-wise over `rows` rows of `cols` elements, row stride `ld` (ld >= cols), so threads can split
  // either rows (pointer offset) or columns (pointer offset + narrower cols).
  void (*act_forward)(int act, float alpha, i64 rows, i64 cols, i64 ld, const float* x, const float* bias,
                      float* y);
  // dbias (nullable) is overwritten with the column sums of these rows of dz, summed in row order.
  void (*act_backward)(int act, float alpha, i64 rows, i64 cols, i64 ld, const float* z, const float* y,
                       const float* dy, float* dz, float* dbias);
  void (*softmax)(i64 rows, i64 cols, const float* x, float* y);
  void (*log_softmax)(i64 rows, i64 cols, const float* x, float* y);
  void (*logsumexp)(i64 rows, i64 cols, const float* x, float* out);
  float (*sum)(i64 n, const float* x);
  float (*sumsq)(i64 n, const float* x);
  float (*dot)(i64 n, const float* x, const float* y);
  float (*max)(i64 n, const float* x);
  float (*min)(i64 n, const float* x);
  void (*colsum)(i64 rows, i64 cols, i64 ld, const float* x, float* out);
  void (*adam)(i64 n, float* w, const float* g, float* m, float* v, const AdamArgs& p);
  // Squared distances, direct form: out[i, j] = sum_d (x[i, d] - yt[d, j])^2, yt is y transposed (d x n).
  // out rows have stride ldo; n columns.
  void (*sqdist_direct)(i64 m, i64 n, i64 d, const float* x, const float* yt, float* out, i64 ldo);
  // out[i, j] = max(0, (xn[i] + yn[j]) + out[i, j]) - finishes the norms + GEMM form.
  void (*sqdist_finish)(i64 m, i64 n, const float* xn, const float* yn, float* out, i64 ldo);
  // out[r] = sum_c x[r, c]^2 (same order as sumsq).
  void (*row_sumsq)(i64 rows, i64 cols, const float* x, float* out);
};

// Each ISA level is filled by two units: gemm_<isa>.cpp and elementwise_<isa>.cpp.
void fill_gemm_scalar(KernelTable& t);
void fill_elementwise_scalar(KernelTable& t);
#if MLND_X86_SIMD
void fill_gemm_avx2(KernelTable& t);
void fill_elementwise_avx2(KernelTable& t);
void fill_gemm_avx512(KernelTable& t);
void fill_elementwise_avx512(KernelTable& t);
#endif

// Dispatch (dispatch.cpp).
int32_t isa_supported();
const KernelTable& active_table();
bool set_isa(int32_t isa);  // false if above isa_supported()

// Per-thread scratch buffers (memory.cpp), 64-byte aligned, grown on demand, never shrunk; one slot per
// use, so a caller's buffer is never clobbered by a kernel it calls. Throws std::bad_alloc.
enum ScratchSlot {
  kScratchPackB = 0,    // GEMM: packed B block
  kScratchPackA = 1,    // GEMM: packed A micro-panels
  kScratchGemmAcc = 2,  // scalar GEMM: one row of accumulators
  kScratchDistNorms = 3,  // distances: row norms of x and y
  kScratchDistYt = 4,   // distances: y transposed
  kScratchGemmSharedB = 5,  // GEMM: op(B) packed once per call, read by all threads
  kScratchColPartials = 6,  // column sums: per-block partial sums
  kScratchSlots = 7
};
float* scratch(int slot, size_t floats);

}  // namespace mlnd
