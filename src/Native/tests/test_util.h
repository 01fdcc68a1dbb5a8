// test_util.h - a minimal harness for the C ABI tests: CHECK counts failures (printing the first ones),
// Lcg gives reproducible inputs, close() compares against double references.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <vector>

#include "mlnetdiff.h"

extern int g_failures;

void report_failure(const char* file, int line, const char* cond, const char* detail);

#define CHECK(cond, ...)                                            \
  do {                                                              \
    if (!(cond)) {                                                  \
      char detail_[512];                                            \
      std::snprintf(detail_, sizeof detail_, "" __VA_ARGS__);       \
      report_failure(__FILE__, __LINE__, #cond, detail_);           \
    }                                                               \
  } while (0)

#define CHECK_OK(call) CHECK((call) == MLND_OK, "status != OK; last error: %s", mlnd_last_error())

struct Lcg {
  uint64_t s;
  explicit Lcg(uint64_t seed) : s(seed * 6364136223846793005ull + 1442695040888963407ull) {}
  uint32_t next_u32() {
    s = s * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<uint32_t>(s >> 32);
  }
  float uniform(float lo, float hi) { return lo + (hi - lo) * (next_u32() >> 8) * (1.0f / 16777216.0f); }
  std::vector<float> vec(size_t n, float lo, float hi) {
    std::vector<float> v(n);
    for (float& x : v) x = uniform(lo, hi);
    return v;
  }
};

// |got - ref| <= rtol * |ref| + atol, with NaN == NaN and equal infinities accepted.
inline bool close(double got, double ref, double rtol, double atol) {
  if (std::isnan(ref)) return std::isnan(got);
  if (std::isinf(ref)) return got == ref;
  return std::fabs(got - ref) <= rtol * std::fabs(ref) + atol;
}

inline bool same_bits(const std::vector<float>& a, const std::vector<float>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::memcmp(&a[i], &b[i], sizeof(float)) != 0) return false;
  return true;
}

void test_library();
void test_gemm();
void test_elementwise();
void test_rows();
void test_reduce();
void test_rng();
void test_concurrency();
