// elementwise_avx2.cpp - the element-wise kernels over 8-lane AVX2 vectors (compiled with -mavx2 -mfma).
#include "elementwise_impl.h"
#include "vec_avx2.h"
#include "vec_math.h"

namespace mlnd {
namespace {

struct V : VecAvx2 {
  static reg exp(reg x) { return VecMath<VecAvx2>::exp(x); }
  static reg tanh(reg x) { return VecMath<VecAvx2>::tanh(x); }
  static reg sigmoid(reg x) { return VecMath<VecAvx2>::sigmoid(x); }
};

}  // namespace

void fill_elementwise_avx2(KernelTable& t) { Elementwise<V>::fill(t); }

}  // namespace mlnd
