// test_main.cpp - runs every test group at one ISA level: mlnd_abi_tests --isa N (0 scalar, 1 avx2,
// 2 avx512). Exit 77 (ctest: skipped) when the CPU lacks that level.
#include <cstdlib>
#include <cstring>

#include "test_util.h"

int g_failures = 0;

void report_failure(const char* file, int line, const char* cond, const char* detail) {
  if (++g_failures <= 40) std::printf("FAIL %s:%d: %s: %s\n", file, line, cond, detail);
}

int main(int argc, char** argv) {
  int isa = -1;
  for (int i = 1; i + 1 < argc; ++i)
    if (std::strcmp(argv[i], "--isa") == 0) isa = std::atoi(argv[i + 1]);
  const int supported = mlnd_isa_supported();
  if (isa < 0) isa = supported;
  if (isa > supported) {
    std::printf("SKIP: ISA level %d is not supported by this CPU (highest %d)\n", isa, supported);
    return 77;
  }
  if (mlnd_isa_set(isa) != MLND_OK || mlnd_isa_active() != isa) {
    std::printf("FAIL: could not select ISA level %d: %s\n", isa, mlnd_last_error());
    return 1;
  }
  std::printf("ISA level %d (supported %d), default threads %d\n", isa, supported, mlnd_threads_get());

  struct Group {
    const char* name;
    void (*run)();
  } groups[] = {{"library", test_library}, {"gemm", test_gemm},     {"elementwise", test_elementwise},
                {"rows", test_rows},       {"reduce", test_reduce}, {"rng", test_rng},
                {"concurrency", test_concurrency}};
  for (const Group& g : groups) {
    int before = g_failures;
    g.run();
    if (mlnd_isa_active() != isa) mlnd_isa_set(isa);  // a group may switch levels; restore
    std::printf("%-12s %s\n", g.name, g_failures == before ? "ok" : "FAILED");
  }
  if (g_failures != 0) {
    std::printf("%d check(s) failed\n", g_failures);
    return 1;
  }
  std::printf("all passed\n");
  return 0;
}
