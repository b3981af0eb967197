#!/usr/bin/env bash
# A/B of CPU time (user+sys seconds) between two checkouts of mptcp-inspect, on the same capture,
# alternating A and B run by run so that both see the same load.
#   bench/ab-cpu.sh A_DIR B_DIR [CAPTURE]
# A_DIR, B_DIR: checkouts (worktrees) with the launcher ./mptcp-inspect; each is built first, so
# no run pays for a build. CAPTURE defaults to bench/out/big-mptcp.pcap (bench/make-big-capture.sh).
# RUNS=N runs per side and job (default 3). ONLY=PATTERN runs just the jobs whose name contains it.
# Prints one line per job: its runs on each side, each side's median, and B's change against A.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
A=${1:?usage: bench/ab-cpu.sh A_DIR B_DIR [CAPTURE]}
B=${2:?usage: bench/ab-cpu.sh A_DIR B_DIR [CAPTURE]}
CAPTURE=${3:-$ROOT/bench/out/big-mptcp.pcap}
RUNS=${RUNS:-3}
[ -f "$CAPTURE" ] || { echo "ab-cpu: $CAPTURE: no such file (bench/make-big-capture.sh records one)" >&2; exit 1; }
command -v /usr/bin/time >/dev/null || { echo "ab-cpu: /usr/bin/time is not installed" >&2; exit 1; }
for side in "$A" "$B"; do
  "$side/mptcp-inspect" --version >/dev/null   # builds first (and makes its AOT cache)
  "$side/mptcp-inspect" connections "$ROOT/testdata/pcaps/join-subflow.pcap" >/dev/null
done
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# cpu DIR ARGS... : user+sys seconds of one run into $CPU.
cpu() {
  local dir=$1; shift
  /usr/bin/time -f '%U %S' -o "$TMP/time" "$dir/mptcp-inspect" "$@" >/dev/null 2>"$TMP/err" || {
    echo "ab-cpu: failed: $dir/mptcp-inspect $* ($(tail -1 "$TMP/err"))" >&2; exit 1; }
  CPU=$(awk '{printf "%.2f", $1 + $2}' "$TMP/time")
}

median() {
  tr ' ' '\n' | grep -v '^$' | sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}

echo "A: $A ($(git -C "$A" rev-parse --short HEAD)), B: $B ($(git -C "$B" rev-parse --short HEAD))"
echo "capture: $CAPTURE; CPU user+sys seconds, $RUNS runs per side alternating; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
job() {
  local name=$1; shift
  [[ -z "${ONLY:-}" || "$name" == *"$ONLY"* ]] || return 0
  local runs_a="" runs_b="" i
  for ((i = 0; i < RUNS; i++)); do
    cpu "$A" "$@"; runs_a="$runs_a $CPU"
    cpu "$B" "$@"; runs_b="$runs_b $CPU"
  done
  local ma mb
  ma=$(echo "$runs_a" | median)
  mb=$(echo "$runs_b" | median)
  printf '%-22s A:%s (median %.2f)  B:%s (median %.2f)  B/A %+.0f%%\n' "$name" "$runs_a" "$ma" "$runs_b" "$mb" \
    "$(echo "($mb / $ma - 1) * 100" | bc -l)"
}
job connections-json connections "$CAPTURE" --json
job fields-mptcp read "$CAPTURE" -T fields -e frame.number -e tcp.len -e mptcp.related_mapping -e mptcp.dsn
job summary-lines read "$CAPTURE"
job counters counters "$CAPTURE"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
