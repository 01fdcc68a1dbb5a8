// elementwise_avx512.cpp - the element-wise kernels over 16-lane AVX-512 vectors (-mavx512f/vl/bw/dq).
#include "elementwise_impl.h"
#include "vec_avx512.h"
#include "vec_math.h"

namespace mlnd {
namespace {

struct V : VecAvx512 {
  static reg exp(reg x) { return VecMath<VecAvx512>::exp(x); }
  static reg tanh(reg x) { return VecMath<VecAvx512>::tanh(x); }
  static reg sigmoid(reg x) { return VecMath<VecAvx512>::sigmoid(x); }
};

}  // namespace

void fill_elementwise_avx512(KernelTable& t) { Elementwise<V>::fill(t); }

}  // namespace mlnd
