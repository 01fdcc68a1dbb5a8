// vec_math.h - transcendental helpers written once over a vector trait V (vec_avx512.h, vec_avx2.h).
// Everything is in an anonymous namespace, so every instantiation has internal linkage and is compiled
// for the including unit's ISA only.
//
// Accuracy (float, vs. a double reference): exp <= ~2 ulp (Cephes expf polynomial, two-step Cody-Waite
// reduction); tanh <= ~3 ulp (Cephes tanhf: odd polynomial below |x| = 0.625, 1 - 2/(e^{2|x|}+1) above,
// so small arguments keep full relative precision); sigmoid and GELU via exp without cancellation.
#pragma once

namespace mlnd {
namespace {

template <class V>
struct VecMath {
  using R = typename V::reg;

  // exp(x): x clamped to [-104, 89] (beyond that the result is 0 or +inf anyway); V::ldexp applies 2^n
  // with correct overflow/underflow (n ranges over [-150, 128]). NaN propagates: the clamps keep NaN.
  static R exp(R x) {
    x = V::max(V::set1(-104.0f), V::min(V::set1(89.0f), x));
    R n = V::round(V::mul(x, V::set1(1.44269504088896341f)));
    R r = V::fnmadd(n, V::set1(0.693359375f), x);
    r = V::fnmadd(n, V::set1(-2.12194440e-4f), r);
    R p = V::set1(1.9875691500e-4f);
    p = V::fma(p, r, V::set1(1.3981999507e-3f));
    p = V::fma(p, r, V::set1(8.3334519073e-3f));
    p = V::fma(p, r, V::set1(4.1665795894e-2f));
    p = V::fma(p, r, V::set1(1.6666665459e-1f));
    p = V::fma(p, r, V::set1(5.0000001201e-1f));
    p = V::fma(p, V::mul(r, r), r);
    p = V::add(p, V::set1(1.0f));
    return V::ldexp(p, n);
  }

  static R tanh(R x) {
    R ax = V::abs(x);
    // |x| < 0.625: x + x^3 P(x^2) (no cancellation for tiny x).
    R z = V::mul(x, x);
    R p = V::set1(-5.70498872745e-3f);
    p = V::fma(p, z, V::set1(2.06390887954e-2f));
    p = V::fma(p, z, V::set1(-5.37397155531e-2f));
    p = V::fma(p, z, V::set1(1.33314422036e-1f));
    p = V::fma(p, z, V::set1(-3.33332819422e-1f));
    R small = V::fma(V::mul(p, z), x, x);
    // |x| >= 0.625: 1 - 2 / (exp(2|x|) + 1) >= 0.55, so the subtraction loses nothing.
    R e = exp(V::add(ax, ax));
    R large = V::sub(V::set1(1.0f), V::div(V::set1(2.0f), V::add(e, V::set1(1.0f))));
    large = V::copysign(large, x);
    return V::select(V::lt(ax, V::set1(0.625f)), small, large);
  }

  static R sigmoid(R x) { return V::div(V::set1(1.0f), V::add(V::set1(1.0f), exp(V::neg(x)))); }
};

}  // namespace
}  // namespace mlnd
