#!/bin/bash
# Checks the Slurm path end to end on one machine: a one-node cluster on 127.0.0.1 runs a 40-run sweep as a
# 4-task array plus the merge job, and the merged tables must equal a single-process sweep of the same spec.
# Needs root (installs slurm-wlm and munge with apt-get when missing). Prints "slurm check: ok" on success.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SPEC="$ROOT/experiments/slurm-check.json"
WORK=$(mktemp -d -t marketsim-slurm-XXXXXX)
PIDS=()

stop_daemons() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    done
}
trap stop_daemons EXIT

fail() {
    echo "slurm check: FAILED: $*" >&2
    for log in "$WORK"/*.log "$WORK"/jobs/*.out; do [ -f "$log" ] && { echo "--- $log" >&2; tail -n 20 "$log" >&2; }; done
    exit 1
}

if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q slurm-wlm munge
fi

# munge: reuse a running daemon, else start our own as the munge user
if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
    mkdir -p /etc/munge /run/munge /var/lib/munge /var/log/munge
    if [ ! -s /etc/munge/munge.key ]; then
        dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
    fi
    chown munge:munge /etc/munge/munge.key /run/munge /var/lib/munge /var/log/munge
    chmod 0400 /etc/munge/munge.key
    rm -f /run/munge/munged.pid
    runuser -u munge -- munged
    for _ in $(seq 50); do [ -s /run/munge/munged.pid ] && break; sleep 0.1; done
    [ -s /run/munge/munged.pid ] || fail "munged did not start"
    PIDS+=("$(cat /run/munge/munged.pid)")
    munge -n | unmunge >/dev/null || fail "munge does not work"
fi

mkdir -p "$WORK/state" "$WORK/spool" "$WORK/jobs"
export SLURM_CONF="$WORK/slurm.conf"
cat > "$SLURM_CONF" <<CONF
ClusterName=marketsim-check
SlurmctldHost=localhost(127.0.0.1)
SlurmUser=root
SlurmdUser=root
SlurmctldPort=6917
SlurmdPort=6918
AuthType=auth/munge
StateSaveLocation=$WORK/state
SlurmdSpoolDir=$WORK/spool
SlurmctldPidFile=$WORK/slurmctld.pid
SlurmdPidFile=$WORK/slurmd.pid
SlurmctldLogFile=$WORK/slurmctld.log
SlurmdLogFile=$WORK/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
ReturnToService=2
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=check Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF

slurmctld -D -f "$SLURM_CONF" >>"$WORK/slurmctld.log" 2>&1 &
PIDS+=("$!")
slurmd -D -N localhost -f "$SLURM_CONF" >>"$WORK/slurmd.log" 2>&1 &
PIDS+=("$!")
for _ in $(seq 100); do
    sinfo -h -o %T 2>/dev/null | grep -qE '^(idle|mixed|allocated)' && break
    sleep 0.2
done
sinfo -h -o %T | grep -qE '^(idle|mixed|allocated)' || fail "the Slurm node did not come up"

dotnet build "$ROOT/src/MarketSim.Cli" -c Release -nologo -v q >"$WORK/build.log" 2>&1 || fail "dotnet build failed"
export MARKETSIM="dotnet $ROOT/src/MarketSim.Cli/bin/Release/net10.0/marketsim.dll"

cd "$WORK/jobs"
submitted=$("$ROOT/experiments/slurm/submit.sh" "$SPEC" "$WORK/sharded" 4)
echo "$submitted"
array=$(echo "$submitted" | sed -E 's/^sweep array job ([0-9]+).*/\1/')
merge=$(echo "$submitted" | sed -E 's/.*merge job ([0-9]+)$/\1/')

for _ in $(seq 600); do
    pending=$(squeue -h -j "$array,$merge" -o '%i %T %r' 2>/dev/null || true)
    [ -z "$pending" ] && break
    echo "$pending" | grep -q DependencyNeverSatisfied && fail "a sweep task failed, the merge can never run"
    sleep 0.5
done
[ -z "$(squeue -h -j "$array,$merge" 2>/dev/null || true)" ] || fail "jobs did not finish in 5 minutes"
[ -f "$WORK/sharded/manifest.json" ] || fail "the merge job wrote no manifest.json"

$MARKETSIM sweep "$SPEC" --out "$WORK/single" >"$WORK/single.log" 2>&1 || fail "single-process sweep failed"

for f in design.csv summary.csv timeseries.csv manifest.json; do
    cmp -s "$WORK/single/$f" "$WORK/sharded/$f" || fail "$f of the Slurm sweep differs from the single-process sweep"
done
# runs.csv: run_id, status and error must match; seconds are wall-clock times and differ by nature
cut -d, -f1,2,4- "$WORK/single/runs.csv" >"$WORK/single-runs.txt"
cut -d, -f1,2,4- "$WORK/sharded/runs.csv" >"$WORK/sharded-runs.txt"
cmp -s "$WORK/single-runs.txt" "$WORK/sharded-runs.txt" || fail "runs.csv status columns differ"
[ "$(wc -l <"$WORK/sharded/runs.csv")" -eq 41 ] || fail "expected 40 runs in the merged runs.csv"

rm -rf "$WORK"
echo "slurm check: ok"
