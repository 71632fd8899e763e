#!/usr/bin/env bash
# Interleaved anchor comparison (docs/quantum-engine.md, "Anchors"): writes the workload with the engine's
# style-anchor command, then runs engine, QuEST, QuEST (-march=native) and qulacs in turn, ROUNDS times, and checks
# that every anchor's 256 x 24 outputs agree with the engine's. Run under `chrt -f 10` for steadier figures.
#
# Usage: bench/anchors/run.sh WORK_DIR [ROUNDS, default 3]   (WORK_DIR as given to build.sh)
set -euo pipefail

work=$(cd "${1:?usage: $0 WORK_DIR [ROUNDS]}" && pwd)
rounds=${2:-3}
repo=$(cd "$(dirname "$0")/../.." && pwd)
dotnet build "$repo/bench/QGan.MLNet.Benchmarks" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
bench="dotnet $repo/bench/QGan.MLNet.Benchmarks/bin/Release/net10.0/QGan.MLNet.Benchmarks.dll"
workload="$work/workload"
mkdir -p "$workload"
for ((r = 1; r <= rounds; r++)); do
  echo "round $r (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  $bench style-anchor "$workload" 10 | tail -n 1
  "$work/quest_driver" "$workload" 3
  "$work/quest_driver_native" "$workload" 3
  "$work/qulacs_driver" "$workload" 3
done
# Largest absolute difference to the engine's outputs.
for anchor in quest qulacs; do
  paste -d' ' "$workload/engine-outputs.txt" "$workload/$anchor-outputs.txt" | awk -v name="$anchor" '
    { n = NF / 2; for (i = 1; i <= n; i++) { d = $i - $(i + n); if (d < 0) d = -d; if (d > max) max = d } }
    END { printf "%s outputs: largest absolute difference to the engine %.2g\n", name, max }'
done
