#!/usr/bin/env bash
# Times the analyzer GUI on a large capture: the real window (snapshot mode), from launch to the
# first rows on screen, to the complete packet index, and selecting a frame near the end (its
# detail tree needs the dissector's walk up to it); peak RSS of the whole process.
#   bench/gui-load.sh [CAPTURE] [FRAME]
# Default CAPTURE: bench/out/big-mptcp.pcap (bench/make-big-capture.sh records it). Needs an X
# display; without DISPLAY it runs under xvfb-run. Results: stdout and bench/out/gui-load.txt.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT="$ROOT/bench/out"
mkdir -p "$OUT"
CAPTURE=${1:-$OUT/big-mptcp.pcap}
[ -f "$CAPTURE" ] || { echo "gui-load: $CAPTURE: no such file (bench/make-big-capture.sh makes one)" >&2; exit 1; }
"$ROOT/mptcp-inspect" --version >/dev/null   # builds first, so the run does not pay for the build
FRAME=${2:-$(( $(stat -c %s "$CAPTURE") / 1300 ))}   # roughly the last frames of a full-size capture
X=()
if [ -z "${DISPLAY:-}" ]; then
  command -v xvfb-run >/dev/null || { echo "gui-load: no DISPLAY and no xvfb-run" >&2; exit 1; }
  X=(xvfb-run -a -s "-screen 0 1600x1000x24")
fi
REPORT="$OUT/gui-load.txt"
{
  echo "capture: $CAPTURE ($(du -h "$CAPTURE" | cut -f1)); $(nproc) CPUs; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  /usr/bin/time -f 'gui total: %e s wall, %U s user, %S s sys, peak RSS %M KB' \
    "${X[@]}" env JAVA_TOOL_OPTIONS=-Dprism.order=sw "$ROOT/mptcp-inspect" gui "$CAPTURE" \
    --snapshot "$OUT/gui-load.png" --select "$FRAME" --timing --settings "$OUT/gui-settings.properties" 2>&1 \
    | grep -v '^Picked up JAVA_TOOL_OPTIONS'
} | tee "$REPORT"
# The MPTCP views on the same capture: the connection tracker's pass for the subflow timeline
# (every data segment and DATA_ACK kept as a point), and Follow MPTCP Stream (the data-level
# bytes of connection 0, the first 4 MiB kept for display).
for VIEW in timeline stream; do
  /usr/bin/time -f "gui --view $VIEW total: %e s wall, %U s user, %S s sys, peak RSS %M KB" \
    "${X[@]}" env JAVA_TOOL_OPTIONS=-Dprism.order=sw "$ROOT/mptcp-inspect" gui "$CAPTURE" \
    --snapshot "$OUT/gui-$VIEW.png" --view "$VIEW" --select 0 --timing \
    --settings "$OUT/gui-settings.properties" 2>&1 | grep -v '^Picked up JAVA_TOOL_OPTIONS'
done | tee -a "$REPORT"
