// gemm_scalar.cpp - plain C++ SGEMM for the scalar ISA level (CPUs without AVX2, non-x86 builds).
// Row by row: acc[j] += a(i,p) * b(p,j) with p in order, so each C element is one sequential sum and the
// result does not depend on how rows or columns are split between threads.
#include "kernels.h"

namespace mlnd {
namespace {

void gemm_scalar(const GemmArgs& g, i64 m0, i64 m1, i64 n0, i64 n1, const float*) {
  const i64 nn = n1 - n0;
  float* acc = scratch(kScratchGemmAcc, static_cast<size_t>(nn));
  for (i64 i = m0; i < m1; ++i) {
    for (i64 j = 0; j < nn; ++j) acc[j] = 0.0f;
    for (i64 p = 0; p < g.k; ++p) {
      const float aip = g.ta ? g.a[p * g.lda + i] : g.a[i * g.lda + p];
      if (!g.tb) {
        const float* brow = g.b + p * g.ldb + n0;
        for (i64 j = 0; j < nn; ++j) acc[j] += aip * brow[j];
      } else {
        const float* bcol = g.b + n0 * g.ldb + p;
        for (i64 j = 0; j < nn; ++j) acc[j] += aip * bcol[j * g.ldb];
      }
    }
    float* ci = g.c + i * g.ldc + n0;
    if (g.beta == 0.0f) {
      for (i64 j = 0; j < nn; ++j) ci[j] = g.alpha * acc[j];  // C not read: NaN in C does not propagate
    } else {
      for (i64 j = 0; j < nn; ++j) ci[j] = g.alpha * acc[j] + g.beta * ci[j];
    }
  }
}

}  // namespace

void fill_gemm_scalar(KernelTable& t) {
  t.gemm = &gemm_scalar;
  t.gemm_mr = 1;
  t.gemm_nr = 1;
  t.gemm_nc = int64_t(1) << 40;  // no column blocking
  t.gemm_packed_b_size = [](const GemmArgs&) -> size_t { return 0; };  // reads B in place
  t.gemm_pack_b = [](const GemmArgs&, float*, i64, i64) {};
}

}  // namespace mlnd
