#!/usr/bin/env bash
# Regenerates docs/quality/clustering.md (issue 9, "Quality"): `mlnetdiff compare clustering` (k = the number of
# classes, seeds 1..5, every trainer of ClusteringTrainers on the same features, z-scored except the two pixel sets) on
# the seven clustering sets
# of test/data, then renders the tables and acceptance counts (python3 build/quality/render_clustering.py).
# Usage: build/quality/clustering.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${MLND_ARTIFACTS:-$PWD/artifacts}
dotnet build src/MLNetDiff.Cli -c Release -nologo -v quiet
CLI=$OUT/bin/MLNetDiff.Cli/release/MLNetDiff.Cli.dll
RESULTS=$OUT/quality/clustering
mkdir -p "$RESULTS"
DATASETS="iris wine seeds digits image_segmentation mnist_test_5k letter"
for ds in $DATASETS; do
  # Pixels share one unit; z-scoring would give nearly constant border pixels the weight of the strokes (see the notes).
  case $ds in digits|mnist_test_5k) norm=none ;; *) norm=zscore ;; esac
  echo "compare clustering $ds (--normalize $norm)"
  dotnet "$CLI" compare clustering --data "test/data/$ds/$ds.csv" --label Label --seed 1 --seeds 5 --normalize $norm --json > "$RESULTS/$ds.json"
done
python3 build/quality/render_clustering.py "$RESULTS" $DATASETS > docs/quality/clustering.md
echo "wrote docs/quality/clustering.md"
