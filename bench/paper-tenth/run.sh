#!/usr/bin/env bash
# Measures the cost of the paper-scale study (studies/paper.json) on a tenth of it and extrapolates
# (docs/sweep.md, "The paper-scale study"): trains every tenth run of the grid (indices 0, 10, 20, ...; the grid
# order spreads them over every generator, critic width and seed) with `qgan sweep run-one`, one thread each,
# PARALLEL at a time, records each run's CPU seconds (user + system, from GNU time) and prints the total x 10.
# The post-pass (noise floor, best cells' pixel FIDs, shot study) is not part of the tenth: `qgan sweep --estimate`
# prints its modelled cost, which is added by hand in the docs.
#
# Usage: bench/paper-tenth/run.sh OUT_DIR [PARALLEL, default 2]
# QGAN overrides the command (default: dotnet src/Cli/bin/Release/net10.0/qgan.dll, built in Release).
set -euo pipefail

out=$(mkdir -p "${1:?usage: $0 OUT_DIR [PARALLEL]}" && cd "$1" && pwd)
parallel=${2:-2}
repo=$(cd "$(dirname "$0")/../.." && pwd)
qgan=${QGAN:-dotnet $repo/src/Cli/bin/Release/net10.0/qgan.dll}
config=$repo/studies/paper.json
export DOTNET_PROCESSOR_COUNT=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1

runs=$($qgan sweep list --config "$config" | awk -F, '$1 ~ /^[0-9]+$/ { n++ } END { print n }')
echo "studies/paper.json: $runs runs; training every tenth ($(( (runs + 9) / 10 )) runs), $parallel at a time"
run_one() {
  local index=$1
  /usr/bin/time -f "%U %S %e" -o "$out/time-$index.txt" \
    $qgan sweep run-one --config "$config" --index "$index" --out "$out/sweep" --threads 1 >"$out/run-$index.log" 2>&1 \
    || echo "run $index failed (see $out/run-$index.log)" >&2
  read -r user sys wall <"$out/time-$index.txt"
  echo "$index $user $sys $wall"
}
export -f run_one
export out qgan config
seq 0 10 $((runs - 1)) | xargs -P "$parallel" -I{} bash -c 'run_one {}' | sort -n >"$out/cpu-seconds.txt"
awk '{ cpu += $2 + $3; wall += $4; n++ }
  END { printf "%d runs: %.0f CPU seconds (%.1f per run), %.0f s of run wall time; x 10 = %.2f core-hours for the training of the whole study\n", n, cpu, cpu / n, wall, cpu * 10 / 3600 }' \
  "$out/cpu-seconds.txt"
