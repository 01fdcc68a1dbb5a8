// elementwise_impl.h - element-wise, row-wise and reduction kernels, written once over a vector trait V
// (VecScalar, VecAvx2, VecAvx512 plus exp/tanh/sigmoid) and instantiated by elementwise_<isa>.cpp.
//
// Everything sits in an anonymous namespace: each including unit gets its own copy compiled for its ISA,
// and no instantiation can be shared (and mis-dispatched) across units by the linker.
//
// Loops follow one pattern: full vectors, then one partial vector through masked loads/stores (never
// reading or writing past the end). Reductions use four accumulators of V::W lanes for throughput; the
// order of operations depends only on n and the ISA, so results are deterministic.
#pragma once

#include <cmath>

#include "kernels.h"

namespace mlnd {
namespace {

template <class V>
struct Elementwise {
  using R = typename V::reg;

  // ---- activations ---------------------------------------------------------------------------

  // GELU (tanh form) rewritten without cancellation: 0.5 x (1 + tanh(u)) = x * sigmoid(2u),
  // u = sqrt(2/pi) (x + 0.044715 x^3).
  static constexpr float kGeluK2 = 1.5957691216057308f;  // 2 sqrt(2/pi)
  static constexpr float kGeluC = 0.044715f;

  template <int A>
  static R act(R z, R alpha) {
    if constexpr (A == kActIdentity) {
      return z;
    } else if constexpr (A == kActRelu) {
      return V::max(V::zero(), z);  // NaN propagates (second operand)
    } else if constexpr (A == kActLeakyRelu) {
      // max(0,z) + alpha min(0,z): equal to (z > 0 ? z : alpha z), NaN and -0 included, but branch-free
      // for the scalar level too.
      return V::add(V::max(V::zero(), z), V::mul(alpha, V::min(V::zero(), z)));
    } else if constexpr (A == kActGelu) {
      R u2 = V::mul(V::set1(kGeluK2), V::fma(V::set1(kGeluC), V::mul(V::mul(z, z), z), z));
      return V::div(z, V::add(V::set1(1.0f), V::exp(V::neg(u2))));
    } else if constexpr (A == kActSigmoid) {
      return V::sigmoid(z);
    } else {
      return V::tanh(z);
    }
  }

  // dz = dy * act'(.) where the derivative reads z (identity, relus, gelu) or y (sigmoid, tanh).
  template <int A>
  static R act_grad(R z, R y, R dy, R alpha) {
    if constexpr (A == kActIdentity) {
      return dy;
    } else if constexpr (A == kActRelu) {
      // dy * f'(z), f'(0) = 0: a multiply (not a select) so a NaN/inf upstream gradient stays visible.
      return V::mul(dy, V::select(V::gt(z, V::zero()), V::set1(1.0f), V::zero()));
    } else if constexpr (A == kActLeakyRelu) {
      return V::select(V::gt(z, V::zero()), dy, V::mul(alpha, dy));
    } else if constexpr (A == kActGelu) {
      // d/dz [z s(2u)] = s + z s (1 - s) 2u',  2u' = 2 sqrt(2/pi) (1 + 3 * 0.044715 z^2).
      // 1 - s is formed directly (not as e*s) so an overflowing exp gives s = 0 and a finite term.
      R z2 = V::mul(z, z);
      R u2 = V::mul(V::set1(kGeluK2), V::fma(V::set1(kGeluC), V::mul(z2, z), z));
      R s = V::div(V::set1(1.0f), V::add(V::set1(1.0f), V::exp(V::neg(u2))));
      R du2 = V::mul(V::set1(kGeluK2), V::fma(V::set1(3.0f * kGeluC), z2, V::set1(1.0f)));
      R ds = V::mul(V::mul(s, V::sub(V::set1(1.0f), s)), du2);
      return V::mul(dy, V::fma(z, ds, s));
    } else if constexpr (A == kActSigmoid) {
      return V::mul(dy, V::mul(y, V::sub(V::set1(1.0f), y)));
    } else {
      return V::mul(dy, V::fnmadd(y, y, V::set1(1.0f)));  // 1 - y^2
    }
  }

  template <int A, bool HasBias>
  static void forward_rows(float alpha, i64 rows, i64 cols, i64 ld, const float* x, const float* bias, float* y) {
    const R va = V::set1(alpha);
    for (i64 r = 0; r < rows; ++r) {
      const float* xr = x + r * ld;
      float* yr = y + r * ld;
      i64 c = 0;
      for (; c + V::W <= cols; c += V::W) {
        R v = V::load(xr + c);
        if constexpr (HasBias) v = V::add(v, V::load(bias + c));
        V::store(yr + c, act<A>(v, va));
      }
      if (c < cols) {
        R v = V::load_part(xr + c, cols - c, 0.0f);
        if constexpr (HasBias) v = V::add(v, V::load_part(bias + c, cols - c, 0.0f));
        V::store_part(yr + c, act<A>(v, va), cols - c);
      }
    }
  }

  template <int A>
  static void forward_act(float alpha, i64 rows, i64 cols, i64 ld, const float* x, const float* bias, float* y) {
    if (bias != nullptr)
      forward_rows<A, true>(alpha, rows, cols, ld, x, bias, y);
    else
      forward_rows<A, false>(alpha, rows, cols, ld, x, bias, y);
  }

  static void act_forward(int a, float alpha, i64 rows, i64 cols, i64 ld, const float* x, const float* bias,
                          float* y) {
    switch (a) {
      case kActIdentity: return forward_act<kActIdentity>(alpha, rows, cols, ld, x, bias, y);
      case kActRelu: return forward_act<kActRelu>(alpha, rows, cols, ld, x, bias, y);
      case kActLeakyRelu: return forward_act<kActLeakyRelu>(alpha, rows, cols, ld, x, bias, y);
      case kActGelu: return forward_act<kActGelu>(alpha, rows, cols, ld, x, bias, y);
      case kActSigmoid: return forward_act<kActSigmoid>(alpha, rows, cols, ld, x, bias, y);
      default: return forward_act<kActTanh>(alpha, rows, cols, ld, x, bias, y);
    }
  }

  // Row-major sweep computing dz and, in the same pass, dbias in row order
  // (dbias[c] = ((dz[0,c] + dz[1,c]) + ...), colsum's order). api_elementwise.cpp calls this per fixed block of rows
  // and adds the block sums in order, so threads never change the result.
  template <int A>
  static void backward_act(float alpha, i64 rows, i64 cols, i64 ld, const float* z, const float* y,
                           const float* dy, float* dz, float* dbias) {
    constexpr bool kReadsZ = A == kActRelu || A == kActLeakyRelu || A == kActGelu;
    constexpr bool kReadsY = A == kActSigmoid || A == kActTanh;
    const R va = V::set1(alpha);
    if (dbias != nullptr)
      for (i64 c = 0; c < cols; ++c) dbias[c] = 0.0f;
    for (i64 r = 0; r < rows; ++r) {
      const i64 o = r * ld;
      i64 c = 0;
      for (; c + V::W <= cols; c += V::W) {
        R vz = kReadsZ ? V::load(z + o + c) : V::zero();
        R vy = kReadsY ? V::load(y + o + c) : V::zero();
        R d = act_grad<A>(vz, vy, V::load(dy + o + c), va);
        V::store(dz + o + c, d);
        if (dbias != nullptr) V::store(dbias + c, V::add(V::load(dbias + c), d));
      }
      if (c < cols) {
        const i64 n = cols - c;
        R vz = kReadsZ ? V::load_part(z + o + c, n, 0.0f) : V::zero();
        R vy = kReadsY ? V::load_part(y + o + c, n, 0.0f) : V::zero();
        R d = act_grad<A>(vz, vy, V::load_part(dy + o + c, n, 0.0f), va);
        V::store_part(dz + o + c, d, n);
        if (dbias != nullptr) V::store_part(dbias + c, V::add(V::load_part(dbias + c, n, 0.0f), d), n);
      }
    }
  }

  static void act_backward(int a, float alpha, i64 rows, i64 cols, i64 ld, const float* z, const float* y,
                           const float* dy, float* dz, float* dbias) {
    switch (a) {
      case kActIdentity: return backward_act<kActIdentity>(alpha, rows, cols, ld, z, y, dy, dz, dbias);
      case kActRelu: return backward_act<kActRelu>(alpha, rows, cols, ld, z, y, dy, dz, dbias);
      case kActLeakyRelu: return backward_act<kActLeakyRelu>(alpha, rows, cols, ld, z, y, dy, dz, dbias);
      case kActGelu: return backward_act<kActGelu>(alpha, rows, cols, ld, z, y, dy, dz, dbias);
      case kActSigmoid: return backward_act<kActSigmoid>(alpha, rows, cols, ld, z, y, dy, dz, dbias);
      default: return backward_act<kActTanh>(alpha, rows, cols, ld, z, y, dy, dz, dbias);
    }
  }

  // ---- row-wise softmax family -----------------------------------------------------------------

  static float row_max(i64 n, const float* x) {
    R m = V::set1(-INFINITY);
    i64 c = 0;
    for (; c + V::W <= n; c += V::W) m = V::max(m, V::load(x + c));
    if (c < n) m = V::max(m, V::load_part(x + c, n - c, -INFINITY));
    // max_ps drops NaN operands; the contract is "any NaN gives NaN", so look for one (cheap next to the exps).
    for (i64 i = 0; i < n; ++i)
      if (std::isnan(x[i])) return NAN;
    return V::hmax(m);
  }

  // sum_c exp(x[c] - mx); if y is non-null also stores the exponentials there.
  static float row_exp_sum(i64 n, const float* x, float mx, float* y) {
    const R vm = V::set1(mx);
    R s0 = V::zero(), s1 = V::zero();
    i64 c = 0;
    for (; c + 2 * V::W <= n; c += 2 * V::W) {
      R e0 = V::exp(V::sub(V::load(x + c), vm));
      R e1 = V::exp(V::sub(V::load(x + c + V::W), vm));
      if (y != nullptr) {
        V::store(y + c, e0);
        V::store(y + c + V::W, e1);
      }
      s0 = V::add(s0, e0);
      s1 = V::add(s1, e1);
    }
    for (; c + V::W <= n; c += V::W) {
      R e = V::exp(V::sub(V::load(x + c), vm));
      if (y != nullptr) V::store(y + c, e);
      s0 = V::add(s0, e);
    }
    if (c < n) {
      R e = V::exp(V::sub(V::load_part(x + c, n - c, -INFINITY), vm));  // padding lanes give exp(-inf) = 0
      if (y != nullptr) V::store_part(y + c, e, n - c);
      s0 = V::add(s0, e);
    }
    return V::hsum(V::add(s0, s1));
  }

  static void scale_row(i64 n, float* y, float s) {
    const R vs = V::set1(s);
    i64 c = 0;
    for (; c + V::W <= n; c += V::W) V::store(y + c, V::mul(V::load(y + c), vs));
    if (c < n) V::store_part(y + c, V::mul(V::load_part(y + c, n - c, 0.0f), vs), n - c);
  }

  static void softmax(i64 rows, i64 cols, const float* x, float* y) {
    for (i64 r = 0; r < rows; ++r) {
      const float* xr = x + r * cols;
      float* yr = y + r * cols;
      float mx = row_max(cols, xr);
      float s = row_exp_sum(cols, xr, mx, yr);
      scale_row(cols, yr, 1.0f / s);
    }
  }

  static void log_softmax(i64 rows, i64 cols, const float* x, float* y) {
    for (i64 r = 0; r < rows; ++r) {
      const float* xr = x + r * cols;
      float* yr = y + r * cols;
      float mx = row_max(cols, xr);
      if (!std::isfinite(mx)) {
        // logsumexp is mx itself (+inf, all -inf, or NaN): y = x - mx, as the scalar reference defines it.
        for (i64 c = 0; c < cols; ++c) yr[c] = xr[c] - mx;
        continue;
      }
      float ls = std::log(row_exp_sum(cols, xr, mx, nullptr));
      // y = (x - max) - log(sum): the first difference is exact near the max.
      const R vm = V::set1(mx), vl = V::set1(ls);
      i64 c = 0;
      for (; c + V::W <= cols; c += V::W) V::store(yr + c, V::sub(V::sub(V::load(xr + c), vm), vl));
      if (c < cols)
        V::store_part(yr + c, V::sub(V::sub(V::load_part(xr + c, cols - c, 0.0f), vm), vl), cols - c);
    }
  }

  static void logsumexp(i64 rows, i64 cols, const float* x, float* out) {
    for (i64 r = 0; r < rows; ++r) {
      const float* xr = x + r * cols;
      float mx = row_max(cols, xr);
      // All -inf gives -inf (not NaN from -inf - -inf); a +inf element gives +inf.
      out[r] = std::isinf(mx) ? mx : mx + std::log(row_exp_sum(cols, xr, mx, nullptr));
    }
  }

  // ---- reductions ------------------------------------------------------------------------------

  // Generic 4-accumulator reduction: acc = step(acc, x[i], y[i]) (y only when Step::kUsesY).
  template <class Step>
  static R reduce4(i64 n, const float* x, const float* y, Step step) {
    auto ld = [&](i64 i) { return Step::kUsesY ? V::load(y + i) : V::zero(); };
    R a0 = V::zero(), a1 = V::zero(), a2 = V::zero(), a3 = V::zero();
    i64 i = 0;
    for (; i + 4 * V::W <= n; i += 4 * V::W) {
      a0 = step(a0, V::load(x + i), ld(i));
      a1 = step(a1, V::load(x + i + V::W), ld(i + V::W));
      a2 = step(a2, V::load(x + i + 2 * V::W), ld(i + 2 * V::W));
      a3 = step(a3, V::load(x + i + 3 * V::W), ld(i + 3 * V::W));
    }
    for (; i + V::W <= n; i += V::W) a0 = step(a0, V::load(x + i), ld(i));
    if (i < n)  // zero padding adds nothing to any of the three sums
      a0 = step(a0, V::load_part(x + i, n - i, 0.0f), Step::kUsesY ? V::load_part(y + i, n - i, 0.0f) : V::zero());
    // Combine in a fixed pairwise order.
    return V::add(V::add(a0, a1), V::add(a2, a3));
  }

  struct SumStep {
    static constexpr bool kUsesY = false;
    R operator()(R a, R x, R) const { return V::add(a, x); }
  };
  struct SumSqStep {
    static constexpr bool kUsesY = false;
    R operator()(R a, R x, R) const { return V::fma(x, x, a); }
  };
  struct DotStep {
    static constexpr bool kUsesY = true;
    R operator()(R a, R x, R y) const { return V::fma(x, y, a); }
  };

  static float sum(i64 n, const float* x) { return V::hsum(reduce4(n, x, nullptr, SumStep())); }
  static float sumsq(i64 n, const float* x) { return V::hsum(reduce4(n, x, nullptr, SumSqStep())); }
  static float dot(i64 n, const float* x, const float* y) { return V::hsum(reduce4(n, x, y, DotStep())); }

  // max/min: x86 max/min drop a NaN in the accumulator, so NaNs are tracked separately.
  template <bool IsMax>
  static float extremum(i64 n, const float* x) {
    const float pad = IsMax ? -INFINITY : INFINITY;
    R a0 = V::set1(pad), a1 = a0;
    typename V::cmask nan = V::none();
    i64 i = 0;
    for (; i + 2 * V::W <= n; i += 2 * V::W) {
      R v0 = V::load(x + i), v1 = V::load(x + i + V::W);
      nan = V::mor(nan, V::mor(V::isnan(v0), V::isnan(v1)));
      a0 = IsMax ? V::max(a0, v0) : V::min(a0, v0);
      a1 = IsMax ? V::max(a1, v1) : V::min(a1, v1);
    }
    for (; i + V::W <= n; i += V::W) {
      R v = V::load(x + i);
      nan = V::mor(nan, V::isnan(v));
      a0 = IsMax ? V::max(a0, v) : V::min(a0, v);
    }
    if (i < n) {
      R v = V::load_part(x + i, n - i, pad);
      nan = V::mor(nan, V::isnan(v));
      a0 = IsMax ? V::max(a0, v) : V::min(a0, v);
    }
    if (V::any(nan)) return NAN;
    return IsMax ? V::hmax(V::max(a0, a1)) : V::hmin(V::min(a0, a1));
  }
  static float max(i64 n, const float* x) { return extremum<true>(n, x); }
  static float min(i64 n, const float* x) { return extremum<false>(n, x); }

  // out[c] = sum_r x[r, c], rows summed in order; blocks of 4 vectors of columns keep 4 independent chains.
  static void colsum(i64 rows, i64 cols, i64 ld, const float* x, float* out) {
    i64 c = 0;
    for (; c + 4 * V::W <= cols; c += 4 * V::W) {
      R a0 = V::zero(), a1 = V::zero(), a2 = V::zero(), a3 = V::zero();
      for (i64 r = 0; r < rows; ++r) {
        const float* p = x + r * ld + c;
        a0 = V::add(a0, V::load(p));
        a1 = V::add(a1, V::load(p + V::W));
        a2 = V::add(a2, V::load(p + 2 * V::W));
        a3 = V::add(a3, V::load(p + 3 * V::W));
      }
      V::store(out + c, a0);
      V::store(out + c + V::W, a1);
      V::store(out + c + 2 * V::W, a2);
      V::store(out + c + 3 * V::W, a3);
    }
    for (; c + V::W <= cols; c += V::W) {
      R a = V::zero();
      for (i64 r = 0; r < rows; ++r) a = V::add(a, V::load(x + r * ld + c));
      V::store(out + c, a);
    }
    if (c < cols) {
      R a = V::zero();
      for (i64 r = 0; r < rows; ++r) a = V::add(a, V::load_part(x + r * ld + c, cols - c, 0.0f));
      V::store_part(out + c, a, cols - c);
    }
  }

  // ---- optimizer -------------------------------------------------------------------------------

  static R adam_step(R w, R g, R& m, R& v, const AdamArgs& p) {
    const R wd = V::set1(p.wd);
    if (!p.decoupled) g = V::add(g, V::mul(wd, w));
    m = V::add(V::mul(V::set1(p.beta1), m), V::mul(V::set1(1.0f - p.beta1), g));
    v = V::add(V::mul(V::set1(p.beta2), v), V::mul(V::set1(1.0f - p.beta2), V::mul(g, g)));
    R mhat = V::div(m, V::set1(p.bc1));
    R vhat = V::div(v, V::set1(p.bc2));
    R upd = V::div(mhat, V::add(V::sqrt(vhat), V::set1(p.eps)));
    if (p.decoupled) upd = V::add(upd, V::mul(wd, w));
    return V::sub(w, V::mul(V::set1(p.lr), upd));
  }

  static void adam(i64 n, float* w, const float* g, float* m, float* v, const AdamArgs& p) {
    i64 i = 0;
    for (; i + V::W <= n; i += V::W) {
      R vm = V::load(m + i), vv = V::load(v + i);
      R nw = adam_step(V::load(w + i), V::load(g + i), vm, vv, p);
      V::store(m + i, vm);
      V::store(v + i, vv);
      V::store(w + i, nw);
    }
    if (i < n) {
      const i64 k = n - i;
      R vm = V::load_part(m + i, k, 0.0f), vv = V::load_part(v + i, k, 0.0f);
      R nw = adam_step(V::load_part(w + i, k, 0.0f), V::load_part(g + i, k, 0.0f), vm, vv, p);
      V::store_part(m + i, vm, k);
      V::store_part(v + i, vv, k);
      V::store_part(w + i, nw, k);
    }
  }

  // ---- distances -------------------------------------------------------------------------------

  // out[i, j] = sum_d (x[i, d] - yt[d, j])^2, d summed in order; four column vectors per pass.
  static void sqdist_direct(i64 m, i64 n, i64 d, const float* x, const float* yt, float* out, i64 ldo) {
    for (i64 i = 0; i < m; ++i) {
      const float* xi = x + i * d;
      float* oi = out + i * ldo;
      i64 j = 0;
      for (; j + 4 * V::W <= n; j += 4 * V::W) {
        R a0 = V::zero(), a1 = V::zero(), a2 = V::zero(), a3 = V::zero();
        for (i64 k = 0; k < d; ++k) {
          const R xv = V::set1(xi[k]);
          const float* yk = yt + k * n + j;
          R d0 = V::sub(xv, V::load(yk)), d1 = V::sub(xv, V::load(yk + V::W));
          R d2 = V::sub(xv, V::load(yk + 2 * V::W)), d3 = V::sub(xv, V::load(yk + 3 * V::W));
          a0 = V::fma(d0, d0, a0);
          a1 = V::fma(d1, d1, a1);
          a2 = V::fma(d2, d2, a2);
          a3 = V::fma(d3, d3, a3);
        }
        V::store(oi + j, a0);
        V::store(oi + j + V::W, a1);
        V::store(oi + j + 2 * V::W, a2);
        V::store(oi + j + 3 * V::W, a3);
      }
      for (; j < n; j += V::W) {
        const i64 cnt = n - j < V::W ? n - j : V::W;
        R a = V::zero();
        for (i64 k = 0; k < d; ++k) {
          R yv = cnt == V::W ? V::load(yt + k * n + j) : V::load_part(yt + k * n + j, cnt, 0.0f);
          R df = V::sub(V::set1(xi[k]), yv);
          a = V::fma(df, df, a);
        }
        if (cnt == V::W)
          V::store(oi + j, a);
        else
          V::store_part(oi + j, a, cnt);
      }
    }
  }

  static void sqdist_finish(i64 m, i64 n, const float* xn, const float* yn, float* out, i64 ldo) {
    for (i64 i = 0; i < m; ++i) {
      const R xv = V::set1(xn[i]);
      float* oi = out + i * ldo;
      i64 j = 0;
      // max(0, t) keeps NaN (second operand).
      for (; j + V::W <= n; j += V::W)
        V::store(oi + j, V::max(V::zero(), V::add(V::add(xv, V::load(yn + j)), V::load(oi + j))));
      if (j < n) {
        R t = V::add(V::add(xv, V::load_part(yn + j, n - j, 0.0f)), V::load_part(oi + j, n - j, 0.0f));
        V::store_part(oi + j, V::max(V::zero(), t), n - j);
      }
    }
  }

  static void row_sumsq(i64 rows, i64 cols, const float* x, float* out) {
    for (i64 r = 0; r < rows; ++r) out[r] = sumsq(cols, x + r * cols);
  }

  static void fill(KernelTable& t) {
    t.act_forward = &act_forward;
    t.act_backward = &act_backward;
    t.softmax = &softmax;
    t.log_softmax = &log_softmax;
    t.logsumexp = &logsumexp;
    t.sum = &sum;
    t.sumsq = &sumsq;
    t.dot = &dot;
    t.max = &max;
    t.min = &min;
    t.colsum = &colsum;
    t.adam = &adam;
    t.sqdist_direct = &sqdist_direct;
    t.sqdist_finish = &sqdist_finish;
    t.row_sumsq = &row_sumsq;
  }
};

}  // namespace
}  // namespace mlnd
