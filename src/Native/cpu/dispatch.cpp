// dispatch.cpp - run-time ISA selection: the highest level the CPU (and OS) supports, once; tests and
// benchmarks may force a lower one with mlnd_isa_set.
#include <atomic>

#include "kernels.h"

namespace mlnd {
namespace {

struct Tables {
  KernelTable t[3] = {};
  int32_t supported = kIsaScalar;

  Tables() {
    t[kIsaScalar].isa = kIsaScalar;
    t[kIsaScalar].name = "scalar";
    fill_gemm_scalar(t[kIsaScalar]);
    fill_elementwise_scalar(t[kIsaScalar]);
#if MLND_X86_SIMD
    // __builtin_cpu_supports also checks that the OS saves the wide registers (XCR0).
    __builtin_cpu_init();
    bool avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    // The AVX-512 translation units are compiled with F, VL, BW and DQ, so all four are required.
    bool avx512 = avx2 && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl") &&
                  __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512dq");
    if (avx2) {
      t[kIsaAvx2].isa = kIsaAvx2;
      t[kIsaAvx2].name = "avx2";
      fill_gemm_avx2(t[kIsaAvx2]);
      fill_elementwise_avx2(t[kIsaAvx2]);
      supported = kIsaAvx2;
    }
    if (avx512) {
      t[kIsaAvx512].isa = kIsaAvx512;
      t[kIsaAvx512].name = "avx512";
      fill_gemm_avx512(t[kIsaAvx512]);
      fill_elementwise_avx512(t[kIsaAvx512]);
      supported = kIsaAvx512;
    }
#endif
  }
};

const Tables& tables() {
  static const Tables instance;  // thread-safe initialisation
  return instance;
}

std::atomic<const KernelTable*> g_active{nullptr};

}  // namespace

int32_t isa_supported() { return tables().supported; }

const KernelTable& active_table() {
  const KernelTable* t = g_active.load(std::memory_order_acquire);
  if (t == nullptr) {
    const Tables& all = tables();
    const KernelTable* best = &all.t[all.supported];
    // First caller wins; concurrent first calls all pick the same table anyway.
    g_active.compare_exchange_strong(t, best, std::memory_order_acq_rel);
    t = g_active.load(std::memory_order_acquire);
  }
  return *t;
}

bool set_isa(int32_t isa) {
  const Tables& all = tables();
  if (isa < kIsaScalar || isa > all.supported) return false;
  g_active.store(&all.t[isa], std::memory_order_release);
  return true;
}

}  // namespace mlnd
