#!/usr/bin/env bash
# What the GUI's live views cost on a busy capture: CAPTURE is replayed into the real window as a
# live capture, as fast as it can be read, with the Subflow Timeline on screen; reports the
# capture thread's snapshot per refresh, the FX thread's refresh, the FX thread's worst lateness,
# Stop's wait for the final views against a re-walk of the spool, and the heap.
#   bench/gui-live-refresh.sh [CAPTURE]
# BENCH_OPTS='-Dbench.tab="MPTCP Connections"' (or Counters, Packets) keeps another tab on screen;
# BENCH_OPTS='-Dbench.filter=tcp.len>0' applies a display filter while capturing.
# Default CAPTURE: bench/out/big-mptcp.pcap (bench/make-big-capture.sh records it). Runs under the
# GUI tests' own Xvfb (LiveRefreshBench in analyzer-gui's tests, which only runs when asked).
# Results: stdout and bench/out/gui-live-refresh.txt.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT="$ROOT/bench/out"
mkdir -p "$OUT"
CAPTURE=$(realpath "${1:-$OUT/big-mptcp.pcap}")
[ -f "$CAPTURE" ] || { echo "gui-live-refresh: $CAPTURE: no such file (bench/make-big-capture.sh makes one)" >&2; exit 1; }
source "$ROOT/scripts/jdk.sh"
cd "$ROOT"
echo "$(nproc) CPUs; load before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$OUT/gui-live-refresh.txt"
mvn -B -q -pl analyzer-gui -am verify -Dtest=LiveRefreshBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.capture="$CAPTURE" ${BENCH_OPTS:-} -Dbench.report="$OUT/gui-live-refresh.run.txt" >"$OUT/gui-live-refresh.log" 2>&1 \
  || { grep -E "Tests run|ERROR|Exception" "$OUT/gui-live-refresh.log" | head -20 >&2; exit 1; }
cat "$OUT/gui-live-refresh.run.txt" | tee -a "$OUT/gui-live-refresh.txt"
rm -f "$OUT/gui-live-refresh.run.txt"
