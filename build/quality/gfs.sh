#!/usr/bin/env bash
# Regenerates docs/quality/gfs.md (issue 8, "Quality"): `mlnetdiff compare select` (5 folds, seed 1, defaults) on the
# nine feature-selection sets of test/data, once as they are and once with the labels permuted at random (a copy in the
# artifacts folder; GFSNetwork should then find nothing to keep), then renders the tables (python3).
# Usage: build/quality/gfs.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${MLND_ARTIFACTS:-$PWD/artifacts}
dotnet build src/MLNetDiff.Cli -c Release -nologo -v quiet
CLI=$OUT/bin/MLNetDiff.Cli/release/MLNetDiff.Cli.dll
RESULTS=$OUT/quality/gfs
mkdir -p "$RESULTS/shuffled"
# LightGBM's OpenMP threads spin-wait by default, which distorts its timings on a busy 2-core machine.
export OMP_WAIT_POLICY=PASSIVE
DATASETS="madelon arcene leukemia_golub colon_cancer_alon dna_splice sonar ionosphere breast_cancer_wdbc digits"
for ds in $DATASETS; do
  echo "compare select $ds"
  dotnet "$CLI" compare select --data "test/data/$ds/$ds.csv" --label Label --folds 5 --seed 1 --json > "$RESULTS/$ds.json"
  # Same rows and features, the Label column permuted (seed 1): any feature kept is kept for noise.
  python3 - "test/data/$ds/$ds.csv" "$RESULTS/shuffled/$ds.csv" <<'PY'
import random, sys
with open(sys.argv[1], encoding="utf-8") as f:
    header, *rows = f.read().splitlines()
assert header.split(",")[0] == "Label", "the first column must be Label"
labels = [r.split(",", 1)[0] for r in rows]
random.Random(1).shuffle(labels)
with open(sys.argv[2], "w", encoding="utf-8") as f:
    f.write("\n".join([header] + [l + "," + r.split(",", 1)[1] for l, r in zip(labels, rows)]) + "\n")
PY
  echo "compare select $ds (shuffled labels)"
  dotnet "$CLI" compare select --data "$RESULTS/shuffled/$ds.csv" --label Label --folds 5 --seed 1 --json > "$RESULTS/$ds.shuffled.json"
done
python3 build/quality/render_gfs.py "$RESULTS" $DATASETS > docs/quality/gfs.md
echo "wrote docs/quality/gfs.md"
