// rng.cpp - Philox4x32-10 and the noise transforms. Deliberately scalar and compiled without any ISA
// flags: the transforms run in double through the C library's log/sqrt/cos exactly as the managed code
// (Philox.cs) does, so both produce the same bits; -ffp-contract=off (CMakeLists) keeps a*b+c unfused.
#include "rng.h"

#include <cmath>

namespace mlnd {
namespace {

constexpr uint32_t kM0 = 0xD2511F53u, kM1 = 0xCD9E8D57u;  // round multipliers
constexpr uint32_t kW0 = 0x9E3779B9u, kW1 = 0xBB67AE85u;  // Weyl key increments

// 24 high bits mapped into (0,1), exact in float: ((w >> 9) + 0.5) * 2^-23.
inline float to_uniform(uint32_t w) { return (static_cast<float>(w >> 9) + 0.5f) * (1.0f / 8388608.0f); }

inline float transform(RngDist dist, float u) {
  const double du = u;
  switch (dist) {
    case kRngGumbel: return static_cast<float>(-std::log(-std::log(du)));
    case kRngLogistic: return static_cast<float>(std::log(du) - std::log(1.0 - du));
    default: return u;
  }
}

}  // namespace

PhiloxBlock philox4x32_10(uint32_t c0, uint32_t c1, uint32_t c2, uint32_t c3, uint32_t k0, uint32_t k1) {
  for (int round = 0; round < 10; ++round) {
    if (round > 0) {
      k0 += kW0;
      k1 += kW1;
    }
    const uint64_t p0 = static_cast<uint64_t>(kM0) * c0;
    const uint64_t p1 = static_cast<uint64_t>(kM1) * c2;
    const uint32_t n0 = static_cast<uint32_t>(p1 >> 32) ^ c1 ^ k0;
    const uint32_t n2 = static_cast<uint32_t>(p0 >> 32) ^ c3 ^ k1;
    c0 = n0;
    c1 = static_cast<uint32_t>(p1);
    c2 = n2;
    c3 = static_cast<uint32_t>(p0);
  }
  return PhiloxBlock{{c0, c1, c2, c3}};
}

void rng_fill(RngDist dist, uint64_t seed, uint64_t offset, int64_t n, float* out) {
  const uint32_t k0 = static_cast<uint32_t>(seed), k1 = static_cast<uint32_t>(seed >> 32);
  if (dist == kRngNormal) {
    // One block per element: counter (lo32(g), hi32(g), 1, 0), words 0 and 1 -> Box-Muller (cos branch).
    constexpr double kTwoPi = 2.0 * 3.14159265358979323846;  // == (2.0 * Math.PI) in C#
    for (int64_t i = 0; i < n; ++i) {
      const uint64_t g = offset + static_cast<uint64_t>(i);
      const PhiloxBlock b = philox4x32_10(static_cast<uint32_t>(g), static_cast<uint32_t>(g >> 32), 1, 0, k0, k1);
      const double u1 = to_uniform(b.x[0]);
      const double u2 = to_uniform(b.x[1]);
      out[i] = static_cast<float>(std::sqrt(-2.0 * std::log(u1)) * std::cos(kTwoPi * u2));
    }
    return;
  }
  // Uniform-based: element g is word g % 4 of block g / 4 (counter (lo32, hi32, 0, 0)).
  int64_t i = 0;
  while (i < n) {
    const uint64_t g = offset + static_cast<uint64_t>(i);
    const uint64_t blk = g / 4;
    const PhiloxBlock b = philox4x32_10(static_cast<uint32_t>(blk), static_cast<uint32_t>(blk >> 32), 0, 0, k0, k1);
    for (unsigned lane = static_cast<unsigned>(g % 4); lane < 4 && i < n; ++lane, ++i)
      out[i] = transform(dist, to_uniform(b.x[lane]));
  }
}

}  // namespace mlnd
