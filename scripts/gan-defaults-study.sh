#!/usr/bin/env bash
# The tuning study behind the per-kind training defaults (docs/gan-training.md, "Default learning rates").
# Trains `qgan train` on the built-in synthetic data over a grid of learning rates (and, for the quantum
# generator, initial ranges) with several seeds, one thread per run (skipping runs already in OUT_DIR), and writes
# one CSV row per run:
#   kind,lr_generator,lr_critic,init_range,seed,fid0,fid_last3,fid_min,status
# fid_last3 is the mean held-out latent FID of the last three evaluations (iterations 200, 250, 300).
#
# Usage: scripts/gan-defaults-study.sh OUT_DIR [parallel runs, default 2]
# QGAN overrides the command (default: dotnet src/Cli/bin/Release/net10.0/qgan.dll, built in Release).
set -euo pipefail

out=${1:?usage: $0 OUT_DIR [parallel runs]}
parallel=${2:-2}
repo=$(cd "$(dirname "$0")/.." && pwd)
qgan=${QGAN:-dotnet $repo/src/Cli/bin/Release/net10.0/qgan.dll}
mkdir -p "$out/runs"

# One thread per run: .NET (the quantum simulator's worker crew), libtorch/OpenMP and MKL. MKL_CBWR makes runs
# bit-reproducible (docs/sweep.md).
export DOTNET_PROCESSOR_COUNT=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 MKL_CBWR=AUTO

# Tuning seeds differ from the default seed 1, which the acceptance check uses afterwards.
seeds="11 12 13"
jobs=()
for seed in $seeds; do
  for lrg in 0.003 0.01 0.03 0.1; do
    for lrc in 0.0001 0.0003 0.001 0.003; do
      for init in 0.1 0.5; do
        jobs+=("quantum $lrg $lrc $init $seed")
      done
    done
  done
  for lrg in 0.0001 0.0003 0.001 0.003; do
    for lrc in 0.0001 0.0003 0.001 0.003; do
      jobs+=("classical $lrg $lrc - $seed")
    done
  done
done

# Stage 2: the best critic rate of stage 1 (3e-3) was at the grid's edge for both kinds, so the grid continues one
# step (1e-2) for the two best generator rates of each kind (quantum at initial range 0.1).
for seed in $seeds; do
  for lrg in 0.01 0.03; do
    jobs+=("quantum $lrg 0.01 0.1 $seed")
  done
  for lrg in 0.0003 0.001; do
    jobs+=("classical $lrg 0.01 - $seed")
  done
done

run_one() {
  local kind=$1 lrg=$2 lrc=$3 init=$4 seed=$5
  local dir="$out/runs/$kind-g$lrg-c$lrc-i$init-s$seed"
  if [ ! -f "$dir/generator/manifest.json" ]; then
    rm -rf "$dir"
    local extra=()
    if [ "$kind" = quantum ]; then
      extra=(--layers 2 --init-range "$init")
    fi
    $qgan train --generator "$kind" "${extra[@]}" --iterations 300 --synthetic 3000 \
      --autoencoder "$repo/models/sat4-synthetic" --lr-generator "$lrg" --lr-critic "$lrc" --seed "$seed" \
      --out "$dir" >"$dir.log" 2>&1 || true
  fi
  local status=completed
  [ -f "$dir/generator/manifest.json" ] || status=failed
  # latent_fid is column 8 of metrics.csv.
  awk -F, -v kind="$kind" -v lrg="$lrg" -v lrc="$lrc" -v init="$init" -v seed="$seed" -v status="$status" '
    NR > 1 && $8 != "" { n++; fid[n] = $8; if (min == "" || $8 < min) min = $8 }
    END {
      last = n >= 3 ? (fid[n] + fid[n-1] + fid[n-2]) / 3 : "";
      printf "%s,%s,%s,%s,%s,%s,%s,%s,%s\n", kind, lrg, lrc, init, seed, fid[1], last, min, status
    }' "$dir/metrics.csv" 2>/dev/null || echo "$kind,$lrg,$lrc,$init,$seed,,,,failed"
}
export -f run_one
export out repo qgan

echo "kind,lr_generator,lr_critic,init_range,seed,fid0,fid_last3,fid_min,status" >"$out/results.csv"
printf '%s\n' "${jobs[@]}" | xargs -P "$parallel" -I{} bash -c 'run_one {}' >>"$out/results.csv"
echo "wrote $out/results.csv"
