// elementwise_scalar.cpp - the element-wise kernels for the scalar ISA level (any CPU, any architecture).
#include "elementwise_impl.h"
#include "vec_scalar.h"

namespace mlnd {

void fill_elementwise_scalar(KernelTable& t) { Elementwise<VecScalar>::fill(t); }

}  // namespace mlnd
