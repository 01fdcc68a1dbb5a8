#!/usr/bin/env bash
# Builds everything (native included) and runs every test suite:
#   1. ctest smoke tests of the native C ABI;
#   2. all MSTest projects with the default backend (native when it built);
#   3. the kernel suite again with AVX-512 off, with AVX2 off too, and with the native backend forced off;
#   4. the component suite (contract tests, AnyLoss, separate-process save/load) and the CLI suite;
#   5. the component suite again, built against the oldest ML.NET the package supports (5.0.1);
#   6. the quality renderer's self-test (python3 build/quality/render_gfs.py --self-test);
#   7. build/pack/check.sh: pack, a consumer of the packed feed on ML.NET 6.0.0 and 5.0.1, tool install and run.
# MLND_REQUIRE_NATIVE=1 (set by .ci/run) makes a missing native library a failure instead of skipped native tests.
# Prints one line per suite and, last, "N passed, N failed, N skipped" over all of them.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=${MLND_ARTIFACTS:-$ROOT/artifacts}
RESULTS=$OUT/test-results
rm -rf "$RESULTS"; mkdir -p "$RESULTS"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

passed=0; failed=0; skipped=0
status=0

echo "== build (Release, native included)"
if ! dotnet build MLNetDiff.sln -c Release -nologo -v minimal; then
  echo "build failed"; echo "0 passed, 1 failed"; exit 1
fi

NATIVE_LIB=$OUT/native/lib/libmlnetdiff.so
if [[ ${MLND_REQUIRE_NATIVE:-0} == 1 ]]; then
  if [[ -f $NATIVE_LIB ]]; then
    echo "native backend: required, built at $NATIVE_LIB"
  else
    echo "native backend: required, but $NATIVE_LIB was not built (see $OUT/native-build.log)"; failed=$((failed + 1))
  fi
fi

echo "== native: ctest"
if command -v cmake >/dev/null && command -v ctest >/dev/null; then
  NB=$OUT/native/ctest-build
  if cmake -S src/Native -B "$NB" -DCMAKE_BUILD_TYPE=Release >"$RESULTS/ctest-configure.log" 2>&1 \
     && cmake --build "$NB" --parallel 2 >"$RESULTS/ctest-build.log" 2>&1; then
    (cd "$NB" && ctest --output-on-failure) | tee "$RESULTS/ctest.log"
    line=$(grep -E 'tests passed, [0-9]+ tests failed out of [0-9]+' "$RESULTS/ctest.log" | tail -1)
    total=$(sed -E 's/.* out of ([0-9]+).*/\1/' <<<"$line"); nfail=$(sed -E 's/.*passed, ([0-9]+) tests failed.*/\1/' <<<"$line")
    if [[ -n "$total" && -n "$nfail" ]]; then
      passed=$((passed + total - nfail)); failed=$((failed + nfail))
    else
      failed=$((failed + 1)); echo "ctest produced no summary"
    fi
  else
    echo "native test build failed (see $RESULTS/ctest-build.log)"; failed=$((failed + 1))
  fi
else
  echo "cmake/ctest not found: native tests skipped"
fi

# run_suite NAME PROJECT [ENV=VALUE ...]
run_suite() {
  local name=$1 project=$2; shift 2
  echo "== $name"
  env "$@" dotnet test "$project" -c Release --no-build -nologo \
      --logger "trx;LogFileName=$name.trx" --results-directory "$RESULTS" -- RunConfiguration.TreatNoTestsAsError=true
  local trx=$RESULTS/$name.trx
  if [[ ! -f $trx ]]; then echo "$name: no results"; failed=$((failed + 1)); return; fi
  local counters
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  local p f n
  p=$(sed -E 's/.* passed="([0-9]+)".*/\1/' <<<"$counters")
  f=$(sed -E 's/.* failed="([0-9]+)".*/\1/' <<<"$counters")
  # Skipped = not executed (the trx notExecuted counter stays 0 for MSTest's skips) + inconclusive.
  local total executed
  total=$(sed -E 's/.* total="([0-9]+)".*/\1/' <<<"$counters")
  executed=$(sed -E 's/.* executed="([0-9]+)".*/\1/' <<<"$counters")
  n=$(( total - executed + $(sed -E 's/.* inconclusive="([0-9]+)".*/\1/' <<<"$counters") ))
  local e; e=$(sed -E 's/.* error="([0-9]+)".*/\1/' <<<"$counters")
  passed=$((passed + p)); failed=$((failed + f + e)); skipped=$((skipped + n))
  echo "$name: $p passed, $((f + e)) failed, $n skipped"
  last_skipped=$n
}

run_suite kernels test/MLNetDiff.Kernels.Tests
if [[ ${MLND_REQUIRE_NATIVE:-0} == 1 && ${last_skipped:-0} -ne 0 ]]; then
  echo "native backend: required, but $last_skipped kernel tests were skipped (the native library did not load)"; failed=$((failed + 1))
fi
run_suite kernels-noavx512 test/MLNetDiff.Kernels.Tests DOTNET_EnableAVX512=0
run_suite kernels-noavx2 test/MLNetDiff.Kernels.Tests DOTNET_EnableAVX512=0 DOTNET_EnableAVX2=0
run_suite kernels-nonative test/MLNetDiff.Kernels.Tests MLNETDIFF_BACKEND=managed
run_suite engine test/MLNetDiff.Nn.Tests
run_suite components test/MLNetDiff.Tests
run_suite onnx test/MLNetDiff.Onnx.Tests
[[ -d test/MLNetDiff.Cli.Tests ]] && run_suite cli test/MLNetDiff.Cli.Tests

# The package declares Microsoft.ML [5.0.1, 6.0.0] (build/pack/DependencyRange.targets): the component suite is built
# and run against the bottom of that range too, in its own output folder. The native library of the main build is
# reused (MLNETDIFF_NATIVE_PATH); the CLI and ONNX suites need Microsoft.ML.OnnxConverter, which requires ML.NET 6.
echo "== build (components against ML.NET 5.0.1)"
OUT501=$OUT/mlnet-5.0.1
if MLND_ARTIFACTS=$OUT501 dotnet build test/MLNetDiff.Tests -c Release -nologo -v minimal -p:MlndMlNetVersion=5.0.1 -p:SkipNative=true \
     >"$RESULTS/build-mlnet-5.0.1.log" 2>&1; then
  run_suite components-mlnet-5.0.1 test/MLNetDiff.Tests MLND_ARTIFACTS=$OUT501 MlndMlNetVersion=5.0.1 MLNETDIFF_NATIVE_PATH=$NATIVE_LIB
else
  echo "build against ML.NET 5.0.1 failed (see $RESULTS/build-mlnet-5.0.1.log)"; tail -20 "$RESULTS/build-mlnet-5.0.1.log"; failed=$((failed + 1))
fi

echo "== quality renderers: self-test"
if command -v python3 >/dev/null; then
  if python3 build/quality/render_gfs.py --self-test >"$RESULTS/render-gfs.log" 2>&1; then
    echo "render_gfs self-test: passed"; passed=$((passed + 1))
  else
    echo "render_gfs self-test: FAILED"; tail -20 "$RESULTS/render-gfs.log"; failed=$((failed + 1))
  fi
  if python3 build/quality/render_clustering.py --self-test >"$RESULTS/render-clustering.log" 2>&1; then echo "render_clustering self-test: passed"; passed=$((passed + 1)); else echo "render_clustering self-test: FAILED"; tail -20 "$RESULTS/render-clustering.log"; failed=$((failed + 1)); fi
else
  echo "python3 not found: renderer self-test skipped"
fi

echo "== pack: local feed, consumers on ML.NET 6.0.0 and 5.0.1, tool install"
./build/pack/check.sh 2>&1 | tee "$RESULTS/pack.log"
line=$(tail -1 "$RESULTS/pack.log")
if [[ $line =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
  passed=$((passed + BASH_REMATCH[1])); failed=$((failed + BASH_REMATCH[2]))
else
  echo "pack check produced no summary"; failed=$((failed + 1))
fi

echo "$passed passed, $failed failed, $skipped skipped"
[[ $failed -eq 0 ]]
