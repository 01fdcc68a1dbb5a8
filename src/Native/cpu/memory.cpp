// memory.cpp - per-thread, 64-byte aligned scratch buffers (GEMM packing, transposes).
//
// Kept out of the SIMD translation units on purpose: thread_local objects with destructors make the
// compiler emit shared (COMDAT) helpers, and a helper compiled with -mavx512f must never be the copy the
// linker keeps for code that runs on older CPUs.
#include <cstdlib>
#include <new>

#include "kernels.h"

namespace mlnd {
namespace {

struct Scratch {
  float* ptr[kScratchSlots] = {};
  size_t cap[kScratchSlots] = {};
  ~Scratch() {
    for (float* p : ptr) std::free(p);
  }
};

thread_local Scratch tls_scratch;

}  // namespace

float* scratch(int slot, size_t floats) {
  Scratch& s = tls_scratch;
  if (floats <= s.cap[slot]) return s.ptr[slot];
  // Grow geometrically, plus 64 floats of slack so vector kernels may read a little past the end.
  size_t want = floats + floats / 4 + 64;
  size_t bytes = (want * sizeof(float) + 63) & ~size_t(63);
  void* p = nullptr;
  if (posix_memalign(&p, 64, bytes) != 0 || p == nullptr) throw std::bad_alloc();
  std::free(s.ptr[slot]);
  s.ptr[slot] = static_cast<float*>(p);
  s.cap[slot] = want;
  return s.ptr[slot];
}

}  // namespace mlnd
