// vec_scalar.h - one-lane "vector" trait: the shared element-wise templates compiled as plain C++ for the
// scalar ISA level (and for non-x86 builds). Transcendentals come from the C library (most accurate).
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>

namespace mlnd {
namespace {

struct VecScalar {
  using reg = float;
  using cmask = bool;
  static constexpr int W = 1;

  static reg zero() { return 0.0f; }
  static reg set1(float v) { return v; }
  static reg load(const float* p) { return *p; }
  static void store(float* p, reg v) { *p = v; }
  static reg load_part(const float*, int64_t, float fill) { return fill; }  // never called with W == 1
  static void store_part(float*, reg, int64_t) {}

  static reg add(reg a, reg b) { return a + b; }
  static reg sub(reg a, reg b) { return a - b; }
  static reg mul(reg a, reg b) { return a * b; }
  static reg div(reg a, reg b) { return a / b; }
  static reg sqrt(reg a) { return std::sqrt(a); }
  // Not fused: without hardware FMA std::fma is a slow software routine. (-ffp-contract=off keeps the
  // compiler from fusing it either, so results do not depend on the target's FMA support.)
  static reg fma(reg a, reg b, reg c) { return a * b + c; }
  static reg fnmadd(reg a, reg b, reg c) { return c - a * b; }
  // Same NaN rule as x86 maxps/minps: the second operand when either is NaN.
  static reg max(reg a, reg b) { return a > b ? a : b; }
  static reg min(reg a, reg b) { return a < b ? a : b; }
  static reg neg(reg a) { return -a; }
  static reg abs(reg a) { return std::fabs(a); }
  static reg copysign(reg mag, reg sgn) { return std::copysign(mag, sgn); }

  static cmask gt(reg a, reg b) { return a > b; }
  static cmask lt(reg a, reg b) { return a < b; }
  static cmask isnan(reg a) { return a != a; }
  static cmask none() { return false; }
  static cmask mor(cmask a, cmask b) { return a || b; }
  static bool any(cmask m) { return m; }
  // Bitwise blend rather than `m ? t : f`: compilers tend to branch on that, and with data-dependent
  // masks (relu/leaky-relu derivatives) the mispredictions cost ~20x the arithmetic.
  static reg select(cmask m, reg t, reg f) {
    uint32_t bt, bf;
    std::memcpy(&bt, &t, 4);
    std::memcpy(&bf, &f, 4);
    const uint32_t mask = 0u - static_cast<uint32_t>(m);
    const uint32_t r = (bt & mask) | (bf & ~mask);
    float out;
    std::memcpy(&out, &r, 4);
    return out;
  }

  static float hsum(reg v) { return v; }
  static float hmax(reg v) { return v; }
  static float hmin(reg v) { return v; }

  static reg exp(reg x) { return std::exp(x); }
  static reg tanh(reg x) { return std::tanh(x); }
  static reg sigmoid(reg x) { return 1.0f / (1.0f + std::exp(-x)); }
};

}  // namespace
}  // namespace mlnd
