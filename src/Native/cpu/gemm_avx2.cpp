// gemm_avx2.cpp - AVX2+FMA SGEMM: 6x16 microkernel (12 ymm accumulators, 2 ymm of packed B and one
// broadcast per k: 15 of the 16 ymm registers), blocking and loop nest from gemm_driver.h.
// Compiled with -mavx2 -mfma. Packing is plain C++ (the compiler vectorises the contiguous copies).
#include <immintrin.h>

#include "gemm_driver.h"
#include "kernels.h"

namespace mlnd {
namespace {

constexpr int kMR = 6;
constexpr int kNR = 16;

inline __m256i col_mask(i64 n) {
  const int c = static_cast<int>(n < 8 ? n : 8);
  return _mm256_cmpgt_epi32(_mm256_set1_epi32(c), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}

// What happens after the k loop. Passed by reference so alpha/beta do not occupy vector registers during
// the loop (as float arguments they would, and the 15-register 6x16 tile would spill an accumulator).
struct Epilogue {
  float alpha, beta;
  int mode;
  i64 ncols;
};

template <int MR, int NV, bool AROW>
void ukr(i64 kc, const float* __restrict a, i64 as, const float* __restrict b, float* __restrict c, i64 ldc,
         const Epilogue& ep) {
  __m256 acc[MR][NV];
#pragma GCC unroll 6
  for (int i = 0; i < MR; ++i)
#pragma GCC unroll 2
    for (int v = 0; v < NV; ++v) acc[i][v] = _mm256_setzero_ps();

  for (i64 k = 0; k < kc; ++k) {
    const __m256 b0 = _mm256_load_ps(b);
    const __m256 b1 = NV > 1 ? _mm256_load_ps(b + 8) : b0;
#pragma GCC unroll 6
    for (int i = 0; i < MR; ++i) {
      const __m256 ai = _mm256_broadcast_ss(AROW ? a + i * as : a + i);
      acc[i][0] = _mm256_fmadd_ps(ai, b0, acc[i][0]);
      if (NV > 1) acc[i][NV - 1] = _mm256_fmadd_ps(ai, b1, acc[i][NV - 1]);
    }
    a += AROW ? 1 : as;
    b += kNR;
  }

  const int mode = ep.mode;
  const __m256 va = _mm256_set1_ps(ep.alpha);
  const __m256 vb = _mm256_set1_ps(ep.beta);
  const __m256i m0 = col_mask(ep.ncols), m1 = col_mask(ep.ncols > 8 ? ep.ncols - 8 : 0);
  const bool full = ep.ncols == 8 * NV;
#pragma GCC unroll 6
  for (int i = 0; i < MR; ++i) {
    float* ci = c + i * ldc;
#pragma GCC unroll 2
    for (int v = 0; v < NV; ++v) {
      const __m256i m = v == 0 ? m0 : m1;
      __m256 r = _mm256_mul_ps(va, acc[i][v]);
      if (mode != 0) {  // mode 0 (beta == 0): C is not read
        __m256 old = full ? _mm256_loadu_ps(ci + 8 * v) : _mm256_maskload_ps(ci + 8 * v, m);
        r = _mm256_fmadd_ps(va, acc[i][v], mode == 1 ? _mm256_mul_ps(vb, old) : old);
      }
      if (full)
        _mm256_storeu_ps(ci + 8 * v, r);
      else
        _mm256_maskstore_ps(ci + 8 * v, m, r);
    }
  }
}

using UkrFn = void (*)(i64, const float*, i64, const float*, float*, i64, const Epilogue&);

#define MLND_UKR_ROW(NV, AROW) \
  { nullptr, &ukr<1, NV, AROW>, &ukr<2, NV, AROW>, &ukr<3, NV, AROW>, &ukr<4, NV, AROW>, &ukr<5, NV, AROW>, &ukr<6, NV, AROW> }

const UkrFn kUkr[2][2][kMR + 1] = {
    {MLND_UKR_ROW(1, false), MLND_UKR_ROW(2, false)},
    {MLND_UKR_ROW(1, true), MLND_UKR_ROW(2, true)},
};
#undef MLND_UKR_ROW

struct Avx2Kernels {
  static constexpr i64 MR = kMR;
  static constexpr i64 NR = kNR;
  static constexpr i64 KC = 256;
  static constexpr i64 NC = 512;

  static void kernel(int mr, i64 ncols, bool arow, i64 kc, const float* a, i64 as, const float* b, float* c,
                     i64 ldc, float alpha, float beta, int mode) {
    const Epilogue ep{alpha, beta, mode, ncols};
    kUkr[arow][ncols > 8 ? 1 : 0][mr](kc, a, as, b, c, ldc, ep);
  }

  static void pack_b(bool tb, const float* src, i64 ldb, i64 kc, i64 ncols, float* dst) {
    for (i64 k = 0; k < kc; ++k) {
      float* d = dst + k * kNR;
      if (!tb) {
        const float* s = src + k * ldb;
        for (i64 j = 0; j < ncols; ++j) d[j] = s[j];
      } else {
        for (i64 j = 0; j < ncols; ++j) d[j] = src[j * ldb + k];
      }
      for (i64 j = ncols; j < kNR; ++j) d[j] = 0.0f;
    }
  }


};

}  // namespace

void fill_gemm_avx2(KernelTable& t) { GemmDriver<Avx2Kernels>::fill(t); }

}  // namespace mlnd
