#!/usr/bin/env bash
# Packs the library and the tool into a local feed, then checks what a user does with them:
#   consumer-6.0.0 / consumer-5.0.1: a project referencing only MLNetDiff (from the feed) and Microsoft.ML at that version
#     builds, trains AnyLoss, saves; a fresh process loads the model as itself and scores identically;
#   tool: `dotnet tool install MLNetDiff.Tool` from the feed, then `mlnetdiff train` and `mlnetdiff evaluate --json`.
# Prints "check NAME: passed|failed" per check, package and install sizes, and last "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
OUT=${MLND_ARTIFACTS:-$ROOT/artifacts}/pack-check
FEED=$OUT/feed
VERSION=$(sed -nE 's:.*<Version>([^<]+)</Version>.*:\1:p' Directory.Build.props | head -1)
DATA=$ROOT/test/data/pima_diabetes/pima_diabetes.csv
rm -rf "$OUT"; mkdir -p "$FEED"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
passed=0; failed=0
result() { if [[ $2 -eq 0 ]]; then passed=$((passed + 1)); echo "check $1: passed"; else failed=$((failed + 1)); echo "check $1: failed${3:+ ($3)}"; fi; }

echo "== pack (version $VERSION) into $FEED"
packs=0
for project in src/MLNetDiff.Kernels src/MLNetDiff.Nn src/MLNetDiff src/MLNetDiff.Cli; do
  dotnet pack "$project" -c Release -o "$FEED" -nologo -v minimal >"$OUT/pack-$(basename "$project").log" 2>&1 \
    || { packs=1; echo "pack $project failed:"; tail -20 "$OUT/pack-$(basename "$project").log"; }
done
result pack $packs
ls -l "$FEED" | awk 'NR > 1 { printf "  %-32s %6.1f MB\n", $9, $5 / 1048576 }'

# A package of this version may sit in the global cache from an earlier run: restore must take the one just packed.
GLOBAL=$(dotnet nuget locals global-packages -l | sed -E 's/^global-packages: //')
rm -rf "$GLOBAL"/mlnetdiff "$GLOBAL"/mlnetdiff.nn "$GLOBAL"/mlnetdiff.kernels "$GLOBAL"/mlnetdiff.tool

for mlnet in 6.0.0 5.0.1; do
  dir=$OUT/consumer-$mlnet
  cp -r build/pack/consumer "$dir"
  rc=0; why=
  dotnet build "$dir/Consumer.csproj" -c Release -nologo -v minimal -p:ConsumerMlNetVersion=$mlnet -p:MLNetDiffVersion="$VERSION" \
      -p:RestoreAdditionalProjectSources="$FEED" >"$dir/build.log" 2>&1 || { rc=1; why="build failed, see $dir/build.log"; tail -15 "$dir/build.log"; }
  if [[ $rc -eq 0 ]]; then
    exe=$dir/bin/Release/net10.0/Consumer.dll
    dotnet "$exe" train "$DATA" "$dir/model.zip" "$dir/scores-train.txt" || { rc=1; why="train failed"; }
    [[ $rc -eq 0 ]] && { dotnet "$exe" score "$DATA" "$dir/model.zip" "$dir/scores-load.txt" || { rc=1; why="load in a fresh process failed"; }; }
    [[ $rc -eq 0 ]] && { cmp -s "$dir/scores-train.txt" "$dir/scores-load.txt" || { rc=1; why="reloaded scores differ"; }; }
    grep -q "Microsoft.ML/$mlnet\|\"Microsoft.ML\": \"$mlnet\"\|Microsoft.ML/$mlnet\"" "$dir/obj/project.assets.json" 2>/dev/null \
      || { rc=1; why="restore did not pick Microsoft.ML $mlnet"; }
  fi
  result "consumer-$mlnet" $rc "$why"
done

tool=$OUT/tool
rc=0; why=
dotnet tool install MLNetDiff.Tool --version "$VERSION" --tool-path "$tool" --add-source "$FEED" >"$OUT/tool-install.log" 2>&1 \
  || { rc=1; why="install failed"; cat "$OUT/tool-install.log"; }
if [[ $rc -eq 0 ]]; then
  echo "  installed size: $(du -sh "$tool" | cut -f1)"
  "$tool/mlnetdiff" train anyloss --data "$DATA" --label Label --metric f1 --epochs 20 --out "$OUT/tool-model.zip" || { rc=1; why="train failed"; }
  [[ $rc -eq 0 ]] && { "$tool/mlnetdiff" evaluate --model "$OUT/tool-model.zip" --data "$DATA" --label Label --json >"$OUT/tool-eval.json" || { rc=1; why="evaluate failed"; }; }
  [[ $rc -eq 0 ]] && { grep -q '"f1"' "$OUT/tool-eval.json" || { rc=1; why="evaluate --json printed no f1"; cat "$OUT/tool-eval.json"; }; }
fi
result tool $rc "$why"

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
