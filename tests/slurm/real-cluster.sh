#!/usr/bin/env bash
# Runs docs/pipelines/slurm-sweep.sh on a real single-node Slurm cluster and checks that the merged answer equals the
# unsharded sweep byte for byte.
#
#   tests/slurm/real-cluster.sh ACTIVE_ALIGNMENT_COMMAND...
#
# The cluster is private to this run: its own munge key and socket, slurm.conf, ports and state directory under a
# temporary directory, slurmctld + slurmd started as root and stopped by PID on exit (also on failure or signal).
# Needs the Debian packages slurm-wlm and munge, and root (slurmd launches jobs as their user).
# Exit status: 0 the merged answer matched; 1 it did not, or the cluster failed; 77 Slurm cannot run here (reason on stderr).
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 ACTIVE_ALIGNMENT_COMMAND..." >&2; exit 2; }
here="$(cd "$(dirname "$0")/../.." && pwd)"
script="$here/docs/pipelines/slurm-sweep.sh"
game="$here/samples/ideological.json"

for tool in slurmctld slurmd munged sbatch squeue sacct; do
  command -v "$tool" >/dev/null || { echo "skip: $tool not found (install the Debian packages slurm-wlm and munge)" >&2; exit 77; }
done
[ "$(id -u)" = 0 ] || { echo "skip: a Slurm node daemon must run as root to launch jobs" >&2; exit 77; }

work="$(mktemp -d /tmp/aa-slurm.XXXXXX)"
chmod 755 "$work"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  if [ "${AA_SLURM_KEEP:-}" = "" ]; then rm -rf "$work"; else echo "kept $work" >&2; fi
}
trap cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

fail() {
  echo "FAIL: $*" >&2
  for log in "$work"/*.log "$work"/job/logs/*; do [ -f "$log" ] && { echo "--- $log" >&2; tail -n 30 "$log" >&2; }; done
  exit 1
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
ctld_port=$(free_port); slurmd_port=$(free_port)
while [ "$slurmd_port" = "$ctld_port" ]; do slurmd_port=$(free_port); done

# munge: a fresh key, a private socket.
mkdir -p "$work/munge" "$work/state" "$work/spool" "$work/job"
dd if=/dev/urandom of="$work/munge/munge.key" bs=1 count=1024 status=none
chmod 700 "$work/munge"; chmod 400 "$work/munge/munge.key"
munged --force --socket="$work/munge/socket" --key-file="$work/munge/munge.key" --pid-file="$work/munge/munged.pid" \
  --log-file="$work/munged.log" --seed-file="$work/munge/seed"
for _ in $(seq 50); do [ -s "$work/munge/munged.pid" ] && break; sleep 0.1; done
[ -s "$work/munge/munged.pid" ] || fail "munged did not start"
pids+=("$(cat "$work/munge/munged.pid")")

node="$(hostname -s)"
cpus="$(nproc)"
cat > "$work/slurm.conf" <<CONF
ClusterName=aatest$$
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$work/munge/socket
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ProctrackType=proctrack/pgid
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$work/jobcomp.txt
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
ReturnToService=2
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
MinJobAge=300
KillWait=5
Waittime=0
NodeName=$node NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=aatest Nodes=$node Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$work/slurm.conf"

slurmctld -i -f "$SLURM_CONF" || fail "slurmctld did not start"
for _ in $(seq 50); do [ -s "$work/slurmctld.pid" ] && break; sleep 0.1; done
[ -s "$work/slurmctld.pid" ] || fail "slurmctld wrote no PID file"
pids+=("$(cat "$work/slurmctld.pid")")
slurmd -f "$SLURM_CONF" -N "$node" || fail "slurmd did not start"
for _ in $(seq 50); do [ -s "$work/slurmd.pid" ] && break; sleep 0.1; done
[ -s "$work/slurmd.pid" ] || fail "slurmd wrote no PID file"
pids+=("$(cat "$work/slurmd.pid")")

# Wait until the node is idle.
for _ in $(seq 150); do
  state="$(sinfo -h -n "$node" -o %t 2>/dev/null || true)"
  [ "$state" = idle ] && break; sleep 0.2
done
[ "$state" = idle ] || fail "node state '$state' after 30 s"

# The command the documented script calls, on the jobs' PATH.
mkdir -p "$work/bin"
{ echo '#!/bin/sh'; printf 'exec'; printf ' %q' "$@"; echo ' "$@"'; } > "$work/bin/active-alignment"
chmod 755 "$work/bin/active-alignment"
export PATH="$work/bin:$PATH"

x="consistency=0.05:2:30"; y="diversity=0:3:17"
cd "$work/job"
mkdir -p logs
array=$(AA_X="$x" AA_Y="$y" sbatch --parsable --array=0-3 --cpus-per-task=1 "$script" "$game") || fail "sbatch of the array failed"
merge=$(sbatch --parsable --dependency="afterok:$array" --output=logs/merge.out \
  --wrap 'active-alignment merge partials/part-*.json --json > sweep.json') || fail "sbatch of the merge failed"

for _ in $(seq 600); do
  [ -z "$(squeue -h -j "$array,$merge" 2>/dev/null)" ] && break; sleep 0.1
done
[ -z "$(squeue -h -j "$array,$merge" 2>/dev/null)" ] || fail "jobs still queued after 60 s"
grep -q "JobId=$merge .*JobState=COMPLETED" "$work/jobcomp.txt" || fail "the merge job did not complete: $(grep "JobId=$merge " "$work/jobcomp.txt" || echo 'no record')"
tasks=$(grep -c "Name=aa-sweep JobState=COMPLETED" "$work/jobcomp.txt" || true)
[ "$tasks" = 4 ] || fail "$tasks of the 4 array tasks completed"

"$@" sweep "$game" --x "$x" --y "$y" --threshold 0.05 --boundary --json > whole.json
cmp -s whole.json sweep.json || fail "the merged answer differs from the unsharded sweep"
echo "ok: 4 array tasks (job $array) and the merge (job $merge) ran on a real Slurm cluster; merged answer equals the unsharded sweep"
