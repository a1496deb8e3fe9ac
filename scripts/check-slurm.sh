#!/usr/bin/env bash
# Slurm for real (issue #15): installs Debian's slurm-wlm and munge if missing, starts a
# single-node cluster on this machine (munged, slurmctld and slurmd on localhost, every file in a
# temporary folder), submits scripts/slurm/sweep.sbatch as a job array over a small zoo with the
# dependent merge job, waits (bounded), compares the merged store with an unsharded sweep of the
# same zoo, and stops the daemons it started by their PIDs.
#   bash scripts/check-slurm.sh [path/to/tempctl]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$(cd "$(dirname "${1:-$root/.build/release/tempctl}")" && pwd)/$(basename "${1:-tempctl}")
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
if ! command -v slurmctld > /dev/null || ! command -v slurmd > /dev/null || ! command -v munged > /dev/null; then
  echo "installing slurm-wlm and munge (Debian)"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends slurm-wlm munge > /dev/null
fi
PATH=$PATH:/usr/sbin

tmp=$(mktemp -d)
chmod 755 "$tmp"
pids=()
stop() {
  for p in "${pids[@]}"; do $SUDO kill "$p" 2> /dev/null || true; done
  for p in "${pids[@]}"; do
    for _ in $(seq 50); do $SUDO kill -0 "$p" 2> /dev/null || break; sleep 0.1; done
    $SUDO kill -9 "$p" 2> /dev/null || true
  done
  $SUDO rm -rf "$tmp"   # slurmd's spool files are root's
}
trap stop EXIT
fail() {
  echo "slurm check FAILED: $*" >&2
  for f in "$tmp"/log/* "$tmp"/work/*.out; do [ -e "$f" ] && { echo "--- $f" >&2; tail -20 "$f" >&2; }; done
  exit 1
}
mkdir -p "$tmp/log" "$tmp/state" "$tmp/spool" "$tmp/work"

# munge: its own key and socket, so a system munged (if any) is left alone. munged runs as root
# (through sudo when we are not), so its folder and key are root's.
$SUDO mkdir -m 755 "$tmp/munge"   # clients reach the socket; munged refuses a world-writable folder
$SUDO dd if=/dev/urandom of="$tmp/munge/munge.key" bs=1024 count=1 status=none
$SUDO chmod 400 "$tmp/munge/munge.key"
socket=$tmp/munge/munge.socket
$SUDO munged --foreground --force --socket="$socket" --key-file="$tmp/munge/munge.key" --pid-file="$tmp/munge/munged.pid" \
  --seed-file="$tmp/munge/munged.seed" --log-file="$tmp/log/munged.log" > "$tmp/log/munged.out" 2>&1 &
pids+=($!)

host=$(hostname -s)
cpus=$(nproc)
port=$((20000 + RANDOM % 20000))
cat > "$tmp/slurm.conf" <<CONF
ClusterName=tempctl-check
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=$(id -un)
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$socket
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
SlurmctldLogFile=$tmp/log/slurmctld.log
SlurmdLogFile=$tmp/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/builtin
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
SwitchType=switch/none
ReturnToService=2
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=2048 State=UNKNOWN
PartitionName=check Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$tmp/slurm.conf
for _ in $(seq 50); do $SUDO test -S "$socket" && break; sleep 0.1; done
$SUDO test -S "$socket" || fail "munged did not start"
$SUDO env SLURM_CONF="$SLURM_CONF" slurmctld -D -i -f "$SLURM_CONF" > "$tmp/log/slurmctld.out" 2>&1 &
pids+=($!)
$SUDO env SLURM_CONF="$SLURM_CONF" slurmd -D -f "$SLURM_CONF" > "$tmp/log/slurmd.out" 2>&1 &
pids+=($!)
up=0
for _ in $(seq 150); do
  if sinfo -h -o "%T" 2> /dev/null | grep -qE "^idle"; then up=1; break; fi
  sleep 0.2
done
[ "$up" = 1 ] || fail "the node did not come up (sinfo: $(sinfo 2>&1 | tail -2))"

# A small zoo of three sets, its units cut into blocks of two temperatures (--alpha-block 2, as
# a large set gets automatically), so the array's tasks split units and blocks.
cd "$tmp/work"
"$bin" synth --n 700 --d 24 --classes 6 --spread 0.5 --seed 1 -o a.npz > /dev/null
"$bin" synth --n 600 --d 16 --classes 5 --spread 0.6 --seed 2 -o b.npz > /dev/null
"$bin" synth --n 900 --d 40 --classes 12 --spread 0.8 --imbalance 4 --seed 3 -o c.npz > /dev/null
echo '{"sets": [{"name": "a", "dataset": "a", "extractor": "e", "path": "a.npz"},
               {"name": "b", "dataset": "b", "extractor": "e", "path": "b.npz"},
               {"name": "c", "dataset": "c", "extractor": "e", "path": "c.npz"}]}' > zoo.json
sweep_args=(--alphas 1,4,16,64,128,250 --alpha-block 2 --seeds 2)

export TEMPCTL=$bin OUT=$tmp/work/stores
array=$(sbatch --parsable --array=0-3 --cpus-per-task=1 --mem=512M --time=00:20:00 --chdir="$tmp/work" \
  "$root/scripts/slurm/sweep.sbatch" zoo.json "${sweep_args[@]}") || fail "sbatch of the array was refused"
merge=$(sbatch --parsable --dependency=afterok:"$array" --export=ALL,MERGE=1 --cpus-per-task="$cpus" --mem=512M \
  --time=00:20:00 --chdir="$tmp/work" "$root/scripts/slurm/sweep.sbatch" zoo.json "${sweep_args[@]}") || fail "sbatch of the merge was refused"
echo "submitted array job $array (4 tasks) and merge job $merge"

# Meanwhile, the reference: the same sweep in one process.
"$bin" sweep --zoo zoo.json --store reference.sqlite --quiet "${sweep_args[@]}"

deadline=$(($(date +%s) + ${SLURM_CHECK_TIMEOUT:-900}))
while squeue -h -j "$array,$merge" 2> /dev/null | grep -q .; do
  [ "$(date +%s)" -lt "$deadline" ] || fail "jobs still queued or running after the timeout: $(squeue -h)"
  sleep 1
done
[ -e stores/all.sqlite ] || fail "the merge job wrote no stores/all.sqlite"
ls stores/shard-*.sqlite > /dev/null || fail "the array tasks wrote no shard stores"

# The merged store holds exactly the unsharded sweep's runs.
"$bin" store export --store reference.sqlite --what runs --format csv -o reference.csv
"$bin" store export --store stores/all.sqlite --what runs --format csv -o merged.csv
cmp -s reference.csv merged.csv || { diff reference.csv merged.csv | head -5 >&2; fail "the merged store differs from the unsharded sweep"; }
blocks=$(python3 -c "import sqlite3; print(sqlite3.connect('stores/all.sqlite').execute('select count(*) from units where blocks > 1').fetchone()[0])")
[ "$blocks" -gt 0 ] || fail "no unit was cut into blocks"
echo "slurm check: array of 4 tasks + dependent merge under slurmctld/slurmd $(slurmd -V | cut -d' ' -f2), $(wc -l < merged.csv) run rows" \
  "($blocks block rows) identical to the unsharded sweep"
