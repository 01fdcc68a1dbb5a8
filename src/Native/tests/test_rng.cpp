// test_rng.cpp - Philox4x32-10 known-answer vectors (Random123 kat_vectors), and the four noise rules of
// mlnetdiff.h checked bit for bit against an independent transcription of src/MLNetDiff.Kernels/Philox.cs,
// at unaligned offsets and split buffers.
#include "rng.h"
#include "test_util.h"

namespace {

// Independent Philox4x32-10 (Random123 formulation: mulhilo, then bump the key after each round).
void philox_ref(uint32_t ctr[4], uint32_t key[2]) {
  for (int r = 0; r < 10; ++r) {
    const uint64_t p0 = uint64_t(0xD2511F53u) * ctr[0], p1 = uint64_t(0xCD9E8D57u) * ctr[2];
    const uint32_t hi0 = uint32_t(p0 >> 32), lo0 = uint32_t(p0), hi1 = uint32_t(p1 >> 32), lo1 = uint32_t(p1);
    const uint32_t out[4] = {hi1 ^ ctr[1] ^ key[0], lo1, hi0 ^ ctr[3] ^ key[1], lo0};
    for (int i = 0; i < 4; ++i) ctr[i] = out[i];
    key[0] += 0x9E3779B9u;
    key[1] += 0xBB67AE85u;
  }
}

float u01(uint32_t w) { return (float(w >> 9) + 0.5f) * (1.0f / 8388608.0f); }

float expected(int dist, uint64_t seed, uint64_t g) {
  uint32_t key[2] = {uint32_t(seed), uint32_t(seed >> 32)};
  if (dist == 1) {
    uint32_t ctr[4] = {uint32_t(g), uint32_t(g >> 32), 1, 0};
    philox_ref(ctr, key);
    const double a = u01(ctr[0]), b = u01(ctr[1]);
    return float(std::sqrt(-2.0 * std::log(a)) * std::cos(2.0 * 3.14159265358979323846 * b));
  }
  const uint64_t blk = g / 4;
  uint32_t ctr[4] = {uint32_t(blk), uint32_t(blk >> 32), 0, 0};
  philox_ref(ctr, key);
  const float u = u01(ctr[g % 4]);
  if (dist == 0) return u;
  if (dist == 2) return float(-std::log(-std::log(double(u))));
  return float(std::log(double(u)) - std::log(1.0 - double(u)));
}

mlnd_status fill(int dist, uint64_t seed, uint64_t offset, int64_t n, float* out) {
  switch (dist) {
    case 0: return mlnd_rng_uniform(seed, offset, n, out);
    case 1: return mlnd_rng_normal(seed, offset, n, out);
    case 2: return mlnd_rng_gumbel(seed, offset, n, out);
    default: return mlnd_rng_logistic(seed, offset, n, out);
  }
}

}  // namespace

void test_rng() {
  // Known-answer vectors of the raw block.
  struct Kat {
    uint32_t ctr[4], key[2], out[4];
  } kats[] = {
      {{0, 0, 0, 0}, {0, 0}, {0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u}},
      {{~0u, ~0u, ~0u, ~0u}, {~0u, ~0u}, {0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu}},
      {{0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u},
       {0xa4093822u, 0x299f31d0u},
       {0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u}},
  };
  for (const Kat& k : kats) {
    mlnd::PhiloxBlock b = mlnd::philox4x32_10(k.ctr[0], k.ctr[1], k.ctr[2], k.ctr[3], k.key[0], k.key[1]);
    uint32_t c[4] = {k.ctr[0], k.ctr[1], k.ctr[2], k.ctr[3]}, key[2] = {k.key[0], k.key[1]};
    philox_ref(c, key);
    for (int i = 0; i < 4; ++i) {
      CHECK(b.x[i] == k.out[i], "KAT word %d: %08x, expected %08x", i, b.x[i], k.out[i]);
      CHECK(c[i] == k.out[i], "reference KAT word %d: %08x, expected %08x", i, c[i], k.out[i]);
    }
  }
  // Through the C ABI: uniform of seed 0, offset 0 are the top 23 bits of the first KAT block.
  float u[4];
  CHECK_OK(mlnd_rng_uniform(0, 0, 4, u));
  for (int i = 0; i < 4; ++i) CHECK(u[i] == u01(kats[0].out[i]), "uniform[%d] = %.9g", i, u[i]);

  const uint64_t seeds[] = {0, 1, 0x123456789abcdefull, ~0ull};
  const uint64_t offsets[] = {0, 1, 3, 4, 1001, (1ull << 32) - 2, ~0ull - 50};
  for (int dist = 0; dist < 4; ++dist)
    for (uint64_t seed : seeds)
      for (uint64_t off : offsets) {
        const int64_t n = 37;
        float out[37];
        CHECK_OK(fill(dist, seed, off, n, out));
        for (int64_t i = 0; i < n; ++i) {
          const float e = expected(dist, seed, off + uint64_t(i));
          CHECK(std::memcmp(&out[i], &e, sizeof e) == 0, "dist %d seed %llx offset %llu + %lld: %.9g, expected %.9g",
                dist, (unsigned long long)seed, (unsigned long long)off, (long long)i, out[i], e);
        }
        // Any split of the window gives the same values.
        float part[37];
        CHECK_OK(fill(dist, seed, off, 5, part));
        CHECK_OK(fill(dist, seed, off + 5, n - 5, part + 5));
        CHECK(std::memcmp(part, out, sizeof out) == 0, "dist %d: split window differs", dist);
      }
  // Uniform values lie strictly inside (0,1); normal noise has roughly unit variance.
  std::vector<float> v(100000);
  CHECK_OK(mlnd_rng_uniform(42, 0, int64_t(v.size()), v.data()));
  bool inside = true;
  for (float x : v) inside = inside && x > 0.0f && x < 1.0f;
  CHECK(inside, "uniform outside (0,1)");
  CHECK_OK(mlnd_rng_normal(42, 0, int64_t(v.size()), v.data()));
  double s = 0, s2 = 0;
  for (float x : v) {
    s += x;
    s2 += double(x) * x;
  }
  const double mean = s / v.size(), var = s2 / v.size() - mean * mean;
  CHECK(std::fabs(mean) < 0.02 && std::fabs(var - 1.0) < 0.03, "normal mean %g var %g", mean, var);
}
