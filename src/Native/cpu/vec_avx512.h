// vec_avx512.h - 16-lane float vector trait for the shared element-wise templates (AVX-512 F/VL/BW/DQ).
// Only included by translation units compiled with the AVX-512 flags.
#pragma once

#include <immintrin.h>

#include <cstdint>

// Internal linkage (anonymous namespace): these inline functions are compiled with this unit's ISA flags
// and must never be merged by the linker with a copy from another unit.
namespace mlnd {
namespace {

struct VecAvx512 {
  using reg = __m512;
  using cmask = __mmask16;
  static constexpr int W = 16;

  static reg zero() { return _mm512_setzero_ps(); }
  static reg set1(float v) { return _mm512_set1_ps(v); }
  static reg load(const float* p) { return _mm512_loadu_ps(p); }
  static void store(float* p, reg v) { _mm512_storeu_ps(p, v); }
  static __mmask16 tail(int64_t n) { return static_cast<__mmask16>((1u << n) - 1u); }
  // First n (< W) lanes from p, the others = fill; lanes past n are not accessed (no fault).
  static reg load_part(const float* p, int64_t n, float fill) {
    return _mm512_mask_loadu_ps(_mm512_set1_ps(fill), tail(n), p);
  }
  static void store_part(float* p, reg v, int64_t n) { _mm512_mask_storeu_ps(p, tail(n), v); }

  static reg add(reg a, reg b) { return _mm512_add_ps(a, b); }
  static reg sub(reg a, reg b) { return _mm512_sub_ps(a, b); }
  static reg mul(reg a, reg b) { return _mm512_mul_ps(a, b); }
  static reg div(reg a, reg b) { return _mm512_div_ps(a, b); }
  static reg sqrt(reg a) { return _mm512_sqrt_ps(a); }
  static reg fma(reg a, reg b, reg c) { return _mm512_fmadd_ps(a, b, c); }     // a*b + c
  static reg fnmadd(reg a, reg b, reg c) { return _mm512_fnmadd_ps(a, b, c); } // c - a*b
  // x86 semantics: when either operand is NaN the SECOND operand is returned.
  static reg max(reg a, reg b) { return _mm512_max_ps(a, b); }
  static reg min(reg a, reg b) { return _mm512_min_ps(a, b); }
  static reg neg(reg a) { return _mm512_xor_ps(a, _mm512_set1_ps(-0.0f)); }
  static reg abs(reg a) { return _mm512_andnot_ps(_mm512_set1_ps(-0.0f), a); }
  static reg copysign(reg mag, reg sgn) {
    const reg s = _mm512_set1_ps(-0.0f);
    return _mm512_or_ps(_mm512_andnot_ps(s, mag), _mm512_and_ps(s, sgn));
  }
  static reg round(reg a) { return _mm512_roundscale_ps(a, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC); }
  // p * 2^n for integral n; vscalefps handles overflow to inf and gradual underflow exactly.
  static reg ldexp(reg p, reg n) { return _mm512_scalef_ps(p, n); }

  static cmask gt(reg a, reg b) { return _mm512_cmp_ps_mask(a, b, _CMP_GT_OQ); }
  static cmask lt(reg a, reg b) { return _mm512_cmp_ps_mask(a, b, _CMP_LT_OQ); }
  static cmask isnan(reg a) { return _mm512_cmp_ps_mask(a, a, _CMP_UNORD_Q); }
  static cmask none() { return 0; }
  static cmask mor(cmask a, cmask b) { return static_cast<cmask>(a | b); }
  static bool any(cmask m) { return m != 0; }
  static reg select(cmask m, reg t, reg f) { return _mm512_mask_blend_ps(m, f, t); }

  // Horizontal reductions in a fixed tree order (deterministic).
  static float hsum(reg v) {
    __m256 h = _mm256_add_ps(_mm512_castps512_ps256(v), _mm512_extractf32x8_ps(v, 1));
    __m128 q = _mm_add_ps(_mm256_castps256_ps128(h), _mm256_extractf128_ps(h, 1));
    q = _mm_add_ps(q, _mm_movehl_ps(q, q));
    q = _mm_add_ss(q, _mm_movehdup_ps(q));
    return _mm_cvtss_f32(q);
  }
  static float hmax(reg v) {
    __m256 h = _mm256_max_ps(_mm512_castps512_ps256(v), _mm512_extractf32x8_ps(v, 1));
    __m128 q = _mm_max_ps(_mm256_castps256_ps128(h), _mm256_extractf128_ps(h, 1));
    q = _mm_max_ps(q, _mm_movehl_ps(q, q));
    q = _mm_max_ss(q, _mm_movehdup_ps(q));
    return _mm_cvtss_f32(q);
  }
  static float hmin(reg v) {
    __m256 h = _mm256_min_ps(_mm512_castps512_ps256(v), _mm512_extractf32x8_ps(v, 1));
    __m128 q = _mm_min_ps(_mm256_castps256_ps128(h), _mm256_extractf128_ps(h, 1));
    q = _mm_min_ps(q, _mm_movehl_ps(q, q));
    q = _mm_min_ss(q, _mm_movehdup_ps(q));
    return _mm_cvtss_f32(q);
  }
};

}  // namespace
}  // namespace mlnd
