// api_library.cpp - version, last error, ISA setting and the calling thread's thread budget.
// Entry-point rules: see api_common.h.
#include "api_common.h"

namespace mlnd {
thread_local std::string tls_last_error;
}  // namespace mlnd

using namespace mlnd;

extern "C" {

// ---- library ---------------------------------------------------------------------------------------

MLND_EXPORT int32_t mlnd_api_version(void) { return MLND_API_VERSION; }

MLND_EXPORT const char* mlnd_last_error(void) { return tls_last_error.c_str(); }

MLND_EXPORT int32_t mlnd_isa_supported(void) {
  try {
    return isa_supported();
  } catch (...) {
    return MLND_ISA_SCALAR;
  }
}

MLND_EXPORT int32_t mlnd_isa_active(void) {
  try {
    return active_table().isa;
  } catch (...) {
    return MLND_ISA_SCALAR;
  }
}

MLND_EXPORT mlnd_status mlnd_isa_set(int32_t isa) {
  static const char* fn = "mlnd_isa_set";
  MLND_TRY
  MLND_CHECK(isa >= MLND_ISA_SCALAR && isa <= MLND_ISA_AVX512, "%s: 'isa' must be 0 (scalar), 1 (avx2) or 2 (avx512); got %d",
             fn, isa);
  if (!set_isa(isa))
    return fail(MLND_ERR_UNSUPPORTED, "%s: ISA level %d is not supported by this CPU (highest: %d)", fn, isa,
                isa_supported());
  return MLND_OK;
  MLND_CATCH(fn)
}

MLND_EXPORT mlnd_status mlnd_threads_set(int32_t n) {
  static const char* fn = "mlnd_threads_set";
  MLND_TRY
  MLND_CHECK(n >= 1, "%s: 'n' must be at least 1 (got %d)", fn, n);
  threads_set(n);
  return MLND_OK;
  MLND_CATCH(fn)
}

MLND_EXPORT int32_t mlnd_threads_get(void) {
  try {
    return threads_get();
  } catch (...) {
    return 1;
  }
}

}  // extern "C"
