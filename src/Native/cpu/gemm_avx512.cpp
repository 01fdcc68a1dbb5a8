// gemm_avx512.cpp - AVX-512 SGEMM: 14x32 microkernel (28 zmm accumulators, A broadcast from memory as an
// embedded-broadcast FMA operand, two zmm of packed B per k) plus packing routines; blocking and loop nest
// in gemm_driver.h. Compiled with -mavx512f -mavx512vl -mavx512bw -mavx512dq -mfma.
//
// Edges: columns through AVX-512 masks on the C loads/stores (B panels are zero padded, so the k loop
// never needs masks); rows through a kernel instantiated for every row count 1..14.
#include <immintrin.h>

#include "gemm_driver.h"
#include "kernels.h"

namespace mlnd {
namespace {

constexpr int kMR = 14;
constexpr int kNR = 32;

inline __mmask16 col_mask(i64 n) { return n >= 16 ? static_cast<__mmask16>(0xFFFF) : static_cast<__mmask16>((1u << n) - 1u); }

// What happens after the k loop. Passed by reference so alpha/beta do not occupy vector registers during
// the loop (28 accumulators + 2 B vectors + 1 broadcast already use 31 of the 32 zmm registers).
struct Epilogue {
  float alpha, beta;
  int mode;
  __mmask16 m0, m1;  // column masks of the two C vectors
};

template <int MR, int NV, bool AROW>
void ukr(i64 kc, const float* __restrict a, i64 as, const float* __restrict b, float* __restrict c, i64 ldc,
         const Epilogue& ep) {
  const int mode = ep.mode;
  // Start fetching the C tile now: it is read (or written) only after the k loop, and on big problems it
  // was last touched a whole KC block ago, so its lines are far away (and often conflict in L1).
  // (Only when C is read: with beta == 0 the stores need no data, and a read prefetch would cost more.)
  if (mode != 0) {
#pragma GCC unroll 14
    for (int i = 0; i < MR; ++i) {
      _mm_prefetch(reinterpret_cast<const char*>(c + i * ldc), _MM_HINT_T0);
      _mm_prefetch(reinterpret_cast<const char*>(c + i * ldc + 16 * NV - 1), _MM_HINT_T0);
    }
  }
  __m512 acc[MR][NV];
#pragma GCC unroll 14
  for (int i = 0; i < MR; ++i)
#pragma GCC unroll 2
    for (int v = 0; v < NV; ++v) acc[i][v] = _mm512_setzero_ps();

  if constexpr (AROW) {
    // Row-major A in place: row i at a + i*as, k contiguous.
    for (i64 k = 0; k < kc; ++k) {
      const __m512 b0 = _mm512_load_ps(b);
      const __m512 b1 = NV > 1 ? _mm512_load_ps(b + 16) : b0;
#pragma GCC unroll 14
      for (int i = 0; i < MR; ++i) {
        const __m512 ai = _mm512_set1_ps(a[i * as]);
        acc[i][0] = _mm512_fmadd_ps(ai, b0, acc[i][0]);
        if (NV > 1) acc[i][NV - 1] = _mm512_fmadd_ps(ai, b1, acc[i][NV - 1]);
      }
      a += 1;
      b += kNR;
    }
  } else {
    // k-major A (packed micro-panel, or transposed A in place): the MR values of step k are contiguous.
    for (i64 k = 0; k < kc; ++k) {
      const __m512 b0 = _mm512_load_ps(b);
      const __m512 b1 = NV > 1 ? _mm512_load_ps(b + 16) : b0;
#pragma GCC unroll 14
      for (int i = 0; i < MR; ++i) {
        const __m512 ai = _mm512_set1_ps(a[i]);
        acc[i][0] = _mm512_fmadd_ps(ai, b0, acc[i][0]);
        if (NV > 1) acc[i][NV - 1] = _mm512_fmadd_ps(ai, b1, acc[i][NV - 1]);
      }
      a += as;
      b += kNR;
    }
  }

  const __m512 va = _mm512_set1_ps(ep.alpha);
  const __m512 vb = _mm512_set1_ps(ep.beta);
#pragma GCC unroll 14
  for (int i = 0; i < MR; ++i) {
    float* ci = c + i * ldc;
#pragma GCC unroll 2
    for (int v = 0; v < NV; ++v) {
      const __mmask16 m = v == 0 ? ep.m0 : ep.m1;
      __m512 r;
      if (mode == 0)
        r = _mm512_mul_ps(va, acc[i][v]);  // beta == 0: C is not read
      else if (mode == 1)
        r = _mm512_fmadd_ps(va, acc[i][v], _mm512_mul_ps(vb, _mm512_maskz_loadu_ps(m, ci + 16 * v)));
      else
        r = _mm512_fmadd_ps(va, acc[i][v], _mm512_maskz_loadu_ps(m, ci + 16 * v));
      _mm512_mask_storeu_ps(ci + 16 * v, m, r);
    }
  }
}

using UkrFn = void (*)(i64, const float*, i64, const float*, float*, i64, const Epilogue&);

#define MLND_UKR_ROW(NV, AROW)                                                                             \
  {                                                                                                        \
    nullptr, &ukr<1, NV, AROW>, &ukr<2, NV, AROW>, &ukr<3, NV, AROW>, &ukr<4, NV, AROW>, &ukr<5, NV, AROW>, \
        &ukr<6, NV, AROW>, &ukr<7, NV, AROW>, &ukr<8, NV, AROW>, &ukr<9, NV, AROW>, &ukr<10, NV, AROW>,      \
        &ukr<11, NV, AROW>, &ukr<12, NV, AROW>, &ukr<13, NV, AROW>, &ukr<14, NV, AROW>                     \
  }

// [arow][nv - 1][mr]
const UkrFn kUkr[2][2][kMR + 1] = {
    {MLND_UKR_ROW(1, false), MLND_UKR_ROW(2, false)},
    {MLND_UKR_ROW(1, true), MLND_UKR_ROW(2, true)},
};
#undef MLND_UKR_ROW

// In-register transpose of 16 rows of 16 floats: out[j] lane i = in[i] lane j.
inline void transpose16(__m512 r[16]) {
  __m512 t[16];
  for (int i = 0; i < 8; ++i) {
    t[2 * i] = _mm512_unpacklo_ps(r[2 * i], r[2 * i + 1]);
    t[2 * i + 1] = _mm512_unpackhi_ps(r[2 * i], r[2 * i + 1]);
  }
  for (int i = 0; i < 4; ++i) {
    r[4 * i] = _mm512_shuffle_ps(t[4 * i], t[4 * i + 2], _MM_SHUFFLE(1, 0, 1, 0));
    r[4 * i + 1] = _mm512_shuffle_ps(t[4 * i], t[4 * i + 2], _MM_SHUFFLE(3, 2, 3, 2));
    r[4 * i + 2] = _mm512_shuffle_ps(t[4 * i + 1], t[4 * i + 3], _MM_SHUFFLE(1, 0, 1, 0));
    r[4 * i + 3] = _mm512_shuffle_ps(t[4 * i + 1], t[4 * i + 3], _MM_SHUFFLE(3, 2, 3, 2));
  }
  // r[4i + j], 128-bit lane L, now holds column 4L + j of rows 4i..4i+3.
  for (int j = 0; j < 4; ++j) {
    __m512 x0 = _mm512_shuffle_f32x4(r[j], r[4 + j], 0x88);
    __m512 x1 = _mm512_shuffle_f32x4(r[j], r[4 + j], 0xDD);
    __m512 y0 = _mm512_shuffle_f32x4(r[8 + j], r[12 + j], 0x88);
    __m512 y1 = _mm512_shuffle_f32x4(r[8 + j], r[12 + j], 0xDD);
    t[j] = _mm512_shuffle_f32x4(x0, y0, 0x88);
    t[8 + j] = _mm512_shuffle_f32x4(x0, y0, 0xDD);
    t[4 + j] = _mm512_shuffle_f32x4(x1, y1, 0x88);
    t[12 + j] = _mm512_shuffle_f32x4(x1, y1, 0xDD);
  }
  for (int i = 0; i < 16; ++i) r[i] = t[i];
}

struct Avx512Kernels {
  static constexpr i64 MR = kMR;
  static constexpr i64 NR = kNR;
  static constexpr i64 KC = 384;
  static constexpr i64 NC = 256;

  static void kernel(int mr, i64 ncols, bool arow, i64 kc, const float* a, i64 as, const float* b, float* c,
                     i64 ldc, float alpha, float beta, int mode) {
    const int nv = ncols > 16 ? 2 : 1;
    const Epilogue ep{alpha, beta, mode, col_mask(ncols), col_mask(ncols > 16 ? ncols - 16 : 0)};
    kUkr[arow][nv - 1][mr](kc, a, as, b, c, ldc, ep);
  }

  // One 32-wide panel of op(B), k-major: dst[k*32 + j] = op(B)(k, j), zero beyond ncols.
  static void pack_b(bool tb, const float* src, i64 ldb, i64 kc, i64 ncols, float* dst) {
    if (!tb) {
      // src = &B[pc, j0]; rows of B are already k-major: copy 32 (masked) floats per k.
      const __mmask16 m0 = col_mask(ncols), m1 = col_mask(ncols > 16 ? ncols - 16 : 0);
      for (i64 k = 0; k < kc; ++k) {
        _mm512_store_ps(dst + k * kNR, _mm512_maskz_loadu_ps(m0, src + k * ldb));
        _mm512_store_ps(dst + k * kNR + 16, _mm512_maskz_loadu_ps(m1, src + k * ldb + 16));
      }
      return;
    }
    // src = &B[j0, pc]; column j of the panel is row j of B (contiguous in k): transpose 16x16 blocks.
    for (i64 k0 = 0; k0 < kc; k0 += 16) {
      const i64 kn = (kc - k0) < 16 ? (kc - k0) : 16;
      const __mmask16 km = col_mask(kn);
      for (int h = 0; h < 2; ++h) {
        __m512 r[16];
        for (int j = 0; j < 16; ++j) {
          const i64 jj = h * 16 + j;
          r[j] = jj < ncols ? _mm512_maskz_loadu_ps(km, src + jj * ldb + k0) : _mm512_setzero_ps();
        }
        transpose16(r);
        for (i64 kk = 0; kk < kn; ++kk) _mm512_store_ps(dst + (k0 + kk) * kNR + h * 16, r[kk]);
      }
    }
  }

  // One micro-panel of mr (<= 14) rows of op(A): dst[k*14 + i] = op(A)(i, k).


};

}  // namespace

void fill_gemm_avx512(KernelTable& t) { GemmDriver<Avx512Kernels>::fill(t); }

}  // namespace mlnd
