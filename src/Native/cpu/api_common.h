// api_common.h - what the extern "C" entry points (api_*.cpp) share: the error path and the threading policy.
//
// Each entry point: (1) validates its arguments and returns MLND_ERR_INVALID_ARGUMENT with a message that
// names the parameter; (2) handles the trivial sizes the header defines (0 rows, K == 0, ...); (3) decides
// whether the call is large enough to split between threads, and how (never along a reduction, so the
// split cannot change results); (4) calls the active ISA's kernels. Every body runs inside MLND_TRY /
// MLND_CATCH: no C++ exception crosses the C boundary, and the message is kept per thread for
// mlnd_last_error().
#pragma once

#include "mlnetdiff.h"

#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <exception>
#include <new>
#include <string>

#include "kernels.h"
#include "rng.h"
#include "threadpool.h"

namespace mlnd {

// Defined in api_library.cpp: the message of the last failed call on this thread.
extern thread_local std::string tls_last_error;

inline void set_error(const char* msg) noexcept {
  try {
    tls_last_error = msg;
  } catch (...) {
    // Out of memory while storing the message: keep whatever is there; the status still tells.
  }
}

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
inline mlnd_status fail(mlnd_status status, const char* fmt, ...) noexcept {
  char buf[512];
  va_list ap;
  va_start(ap, fmt);
  std::vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  set_error(buf);
  return status;
}

#define MLND_TRY try {
#define MLND_CATCH(fn)                                                                  \
  }                                                                                     \
  catch (const std::bad_alloc&) {                                                       \
    return fail(MLND_ERR_OUT_OF_MEMORY, "%s: out of memory", fn);                       \
  }                                                                                     \
  catch (const std::exception& e) {                                                     \
    return fail(MLND_ERR_INTERNAL, "%s: internal error: %s", fn, e.what());             \
  }                                                                                     \
  catch (...) {                                                                         \
    return fail(MLND_ERR_INTERNAL, "%s: internal error: unknown exception", fn);        \
  }

#define MLND_CHECK(cond, ...)                                  \
  do {                                                         \
    if (!(cond)) return fail(MLND_ERR_INVALID_ARGUMENT, __VA_ARGS__); \
  } while (0)

#define MLND_CHECK_SIZE(fn, v) MLND_CHECK((v) >= 0, "%s: '%s' must be non-negative (got %lld)", fn, #v, (long long)(v))
#define MLND_CHECK_PTR(fn, p, needed) \
  MLND_CHECK(!(needed) || (p) != nullptr, "%s: '%s' must not be null", fn, #p)

// rows x cols (both >= 0) fits in int64 and, with leading dimension ld, addresses fit too.
inline bool extent_ok(i64 rows, i64 cols, i64 ld) {
  i64 t;
  if (__builtin_mul_overflow(rows, cols, &t)) return false;
  if (rows > 0 && __builtin_mul_overflow(rows - 1, ld, &t)) return false;
  return true;
}

// ---- threading policy ---------------------------------------------------------------------------------

// A second thread only pays for itself above a few tens of microseconds of work: dispatch costs ~1 us
// when the worker is still spinning and tens of us after it went to sleep.
constexpr i64 kEltParallelWork = 1 << 17;     // element-units (elements x relative cost)

inline int eligible_threads(double work, double threshold) {
  int nt = threads_get();
  return (nt > 1 && work >= threshold) ? nt : 1;
}

// Part `i` of [0, total) cut in `parts` near-equal pieces whose boundaries are multiples of `grain`.
struct Range {
  i64 begin, end;
};
inline Range split(i64 total, i64 grain, i64 i, i64 parts) {
  const i64 units = (total + grain - 1) / grain;
  i64 b = units * i / parts * grain, e = units * (i + 1) / parts * grain;
  return {b < total ? b : total, e < total ? e : total};
}

// Runs f(begin, end) over [0, total): on one thread as a single range, else as up to 4 chunks per
// thread (multiples of `grain`) claimed dynamically, so a busy core only slows its own chunks.
constexpr int kChunksPerThread = 4;
template <class F>
void run_split(int nt, i64 total, i64 grain, F&& f) {
  const i64 units = (total + grain - 1) / grain;
  if (nt <= 1 || units <= 1) {
    f(i64(0), total);
    return;
  }
  const i64 chunks = units < nt * kChunksPerThread ? units : nt * kChunksPerThread;
  parallel_chunks(nt, chunks, [&](i64 c) {
    Range r = split(total, grain, c, chunks);
    if (r.end > r.begin) f(r.begin, r.end);
  });
}

inline int act_cost(int act) { return act == kActGelu || act == kActSigmoid || act == kActTanh ? 4 : 1; }

// Column sums over many rows are taken in fixed blocks of kColBlockRows rows: each block's partial sums
// (rows in order) are independent, so threads can take whole blocks and read rows contiguously; the
// partials are then added in block order. The blocking depends only on `rows`, so the result is the
// same for any thread count. f(r0, r1, partial) writes the column sums of rows [r0, r1) to partial.
constexpr i64 kColBlockRows = 256;

template <class F>
void blocked_colsums(const KernelTable& t, int nt, i64 rows, i64 cols, float* out, F&& f) {
  const i64 nb = (rows + kColBlockRows - 1) / kColBlockRows;
  if (nb <= 1) {
    f(i64(0), rows, out);
    return;
  }
  float* partial = scratch(kScratchColPartials, static_cast<size_t>(nb * cols));
  run_split(nt, nb, 1, [&](i64 b0, i64 b1) {
    for (i64 b = b0; b < b1; ++b) {
      const i64 r0 = b * kColBlockRows, r1 = r0 + kColBlockRows < rows ? r0 + kColBlockRows : rows;
      f(r0, r1, partial + b * cols);
    }
  });
  t.colsum(nb, cols, cols, partial, out);
}


}  // namespace mlnd
