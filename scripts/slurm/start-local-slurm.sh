#!/usr/bin/env bash
# Brings up a single-node Slurm cluster on this machine for the integration tests: munge with its own key and
# socket, slurmctld and slurmd (as root, loopback only, this host as the only node), state and spool folders under
# one temp folder. Waits until `sinfo` shows the node idle. Prints the path of slurm.conf; writes
# "$QGAN_SLURM_DIR/slurm.env" (export SLURM_CONF=...) for tests and scripts to source.
# Stop it with scripts/slurm/stop-local-slurm.sh (it stops exactly the daemons recorded in "$QGAN_SLURM_DIR/pids").
#
# Environment: QGAN_SLURM_DIR (default /tmp/qgan-local-slurm), QGAN_SLURM_CTLD_PORT (default 6817),
# QGAN_SLURM_D_PORT (default 6818).
set -euo pipefail

dir="${QGAN_SLURM_DIR:-/tmp/qgan-local-slurm}"
ctld_port="${QGAN_SLURM_CTLD_PORT:-6817}"
d_port="${QGAN_SLURM_D_PORT:-6818}"
conf="$dir/slurm.conf"

if [ "$(id -u)" -ne 0 ]; then
  echo "start-local-slurm: needs root (slurmd runs jobs as their submitting user)" >&2
  exit 77
fi

# An instance of ours that still answers is reused.
if [ -f "$dir/pids" ] && [ -f "$conf" ] && SLURM_CONF="$conf" timeout 10 sinfo -h -o '%T' 2>/dev/null | grep -qx idle; then
  echo "$conf"
  exit 0
fi

missing=()
for tool in slurmctld slurmd sinfo sbatch munged; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "start-local-slurm: ${missing[*]} missing and no apt-get to install slurmctld slurmd slurm-client munge" >&2
    exit 77
  fi
  echo "start-local-slurm: installing slurmctld slurmd slurm-client munge" >&2
  export DEBIAN_FRONTEND=noninteractive
  # Another installation may hold the dpkg lock: wait for it instead of failing.
  if ! apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=600 slurmctld slurmd slurm-client munge >&2; then
    apt-get update -qq -o DPkg::Lock::Timeout=600 >&2 || true
    apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=600 slurmctld slurmd slurm-client munge >&2 || {
      echo "start-local-slurm: could not install the Slurm packages" >&2
      exit 77
    }
  fi
fi

"$(dirname "$0")/stop-local-slurm.sh" >/dev/null 2>&1 || true
rm -rf "$dir"
mkdir -p "$dir"/{munge,state,spool,log}
chmod 700 "$dir/munge"

# munge: a fresh key and a private socket, so this instance never talks to a system munged.
head -c 1024 /dev/urandom > "$dir/munge/munge.key"
chmod 400 "$dir/munge/munge.key"
munged --force --key-file="$dir/munge/munge.key" --socket="$dir/munge/munge.socket" \
  --pid-file="$dir/munge/munged.pid" --log-file="$dir/log/munged.log" --seed-file="$dir/munge/munged.seed"
for _ in $(seq 50); do [ -s "$dir/munge/munged.pid" ] && break; sleep 0.1; done
echo "munged $(cat "$dir/munge/munged.pid")" >> "$dir/pids"

host="$(hostname -s)"
cpus="$(nproc)"
# Leave 1 GiB to the system; jobs asking for --mem get a real limit to check against.
mem_mb=$(( $(awk '/MemAvailable/ {print int($2 / 1024)}' /proc/meminfo) - 1024 ))
[ "$mem_mb" -lt 256 ] && mem_mb=256

cat > "$conf" <<CONF
# Single-node test cluster written by scripts/slurm/start-local-slurm.sh
ClusterName=qganlocal
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$d_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$dir/munge/munge.socket
CredType=cred/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool/slurmd-%n
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
ReturnToService=2
MinJobAge=600
KillWait=5
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
Waittime=0
MaxArraySize=10001
DefMemPerCPU=$(( mem_mb / cpus ))
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem_mb State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
echo "export SLURM_CONF=$conf" > "$dir/slurm.env"
export SLURM_CONF="$conf"

# Detached daemons (-i: ignore state left by an earlier instance).
slurmctld -f "$conf" -i
for _ in $(seq 100); do [ -s "$dir/slurmctld.pid" ] && break; sleep 0.1; done
echo "slurmctld $(cat "$dir/slurmctld.pid")" >> "$dir/pids"
slurmd -f "$conf"
for _ in $(seq 100); do [ -s "$dir/slurmd.pid" ] && break; sleep 0.1; done
echo "slurmd $(cat "$dir/slurmd.pid")" >> "$dir/pids"

for _ in $(seq 300); do
  state="$(sinfo -h -N -o '%T' 2>/dev/null | head -n 1 || true)"
  if [ "$state" = "idle" ]; then
    echo "$conf"
    exit 0
  fi
  sleep 0.1
done
echo "start-local-slurm: the node did not become idle (state: ${state:-none}); see $dir/log" >&2
tail -n 20 "$dir/log/slurmctld.log" "$dir/log/slurmd.log" >&2 || true
exit 1
