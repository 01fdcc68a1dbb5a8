// rng.h - Philox4x32-10 counter-based noise (rules in mlnetdiff.h; must match src/MLNetDiff.Kernels/Philox.cs
// bit for bit).
#pragma once

#include <cstdint>

namespace mlnd {

enum RngDist { kRngUniform = 0, kRngNormal = 1, kRngGumbel = 2, kRngLogistic = 3 };

struct PhiloxBlock {
  uint32_t x[4];
};

PhiloxBlock philox4x32_10(uint32_t c0, uint32_t c1, uint32_t c2, uint32_t c3, uint32_t k0, uint32_t k1);

// out[i] = sample of global index offset + i.
void rng_fill(RngDist dist, uint64_t seed, uint64_t offset, int64_t n, float* out);

}  // namespace mlnd
