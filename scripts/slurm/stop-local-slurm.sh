#!/usr/bin/env bash
# Stops the daemons started by start-local-slurm.sh: exactly the process ids recorded in "$QGAN_SLURM_DIR/pids"
# (slurmd first, then slurmctld, then munged), and any job steps still running under that slurmd.
set -uo pipefail

dir="${QGAN_SLURM_DIR:-/tmp/qgan-local-slurm}"
[ -f "$dir/pids" ] || exit 0

if [ -f "$dir/slurm.conf" ]; then
  # Cancel what is still queued so no job outlives the cluster.
  SLURM_CONF="$dir/slurm.conf" timeout 10 scancel --full --quiet --user="$(id -un)" >/dev/null 2>&1 || true
fi

stop() {
  local name="$1" pid="$2"
  # Only a process that is still the daemon we started (the pid may have been reused).
  if [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$name" ]; then
    kill "$pid" 2>/dev/null
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null
  fi
}

for name in slurmd slurmctld munged; do
  while read -r n pid; do
    [ "$n" = "$name" ] && stop "$name" "$pid"
  done < "$dir/pids"
done
rm -f "$dir/pids"
exit 0
