#!/usr/bin/env bash
# Live capture under load: mptcp-inspect live against tshark -i on the same MPTCP bulk transfer,
# each capturing alone (one after the other, same bytes, same link), printing fields and saving
# with -w, stopped by SIGINT like a user's Ctrl-C. Reports what each captured, what libpcap says
# the kernel dropped, CPU seconds and peak RSS, and the ratios (tshark / ours).
#   bench/live-vs-tshark.sh [BYTES] [RATE]
# BYTES: client-to-server bytes per run (default 400000000); RATE: tbf rate on the link, or
# "none" (default) for as fast as the veth goes. Results go to stdout and bench/out/live-vs-tshark.txt.
# Needs root, iproute2, ethtool, python3, tshark, /usr/bin/time and a kernel with MPTCP.
set -euo pipefail
BYTES=${1:-400000000}
RATE=${2:-none}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT="$ROOT/bench/out"
mkdir -p "$OUT"
MPI="$ROOT/mptcp-inspect"
for tool in tshark /usr/bin/time python3 ethtool; do
  command -v "$tool" >/dev/null || { echo "live-vs-tshark: $tool is not installed" >&2; exit 1; }
done
"$MPI" --version >/dev/null   # builds first, so no run pays for the build
A=mpilive-c-$$ B=mpilive-s-$$
cleanup() { ip netns del "$A" 2>/dev/null || true; ip netns del "$B" 2>/dev/null || true; }
trap cleanup EXIT
ip netns add "$A"; ip netns add "$B"
for ns in "$A" "$B"; do ip -n "$ns" link set lo up; ip netns exec "$ns" sysctl -q net.mptcp.enabled=1; done
ip -n "$A" link add p0 type veth peer name p0 netns "$B"
ip -n "$A" addr add 192.0.2.1/24 dev p0; ip -n "$B" addr add 192.0.2.2/24 dev p0
for ns in "$A" "$B"; do
  ip -n "$ns" link set p0 up
  ip netns exec "$ns" ethtool -K p0 tso off gso off gro off >/dev/null   # MTU-sized frames, as on a wire
  [ "$RATE" = none ] || tc -n "$ns" qdisc add dev p0 root tbf rate "$RATE" burst 256kb latency 50ms
done

# One MPTCP connection: the client sends BYTES, the server reads them all and closes.
PEER='
import socket, sys
block = bytes(range(256)) * 4096
if sys.argv[1] == "server":
    l = socket.socket(socket.AF_INET, socket.SOCK_STREAM, 262)
    l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); l.bind(("192.0.2.2", 5001)); l.listen(1)
    print("listening", flush=True)
    c, _ = l.accept()
    while c.recv(1 << 20): pass
    c.close()
else:
    c = socket.socket(socket.AF_INET, socket.SOCK_STREAM, 262); c.connect(("192.0.2.2", 5001))
    left = int(sys.argv[2])
    while left:
        b = block[:min(left, len(block))]; c.sendall(b); left -= len(b)
    c.shutdown(socket.SHUT_WR); c.recv(1); c.close()
'
FIELDS=(-T fields -e frame.number -e tcp.seq -e tcp.options.mptcp.rawdataseqno -e tcp.options.mptcp.rawdataack)

# capture NAME CMD...: runs CMD (a capture until SIGINT) in the client namespace around one
# transfer; sets CAPTURED, DROPPED, CPU, MB, SECS (transfer wall time), WIRE (frames on p0).
capture() {
  local name=$1; shift
  rm -f "$OUT/live-$name.pcap"
  local before after
  before=$(ip netns exec "$A" cat /sys/class/net/p0/statistics/rx_packets /sys/class/net/p0/statistics/tx_packets | paste -sd+ | bc)
  # env --default-signal: a background job starts with SIGINT ignored, which would outlive exec.
  ip netns exec "$A" env --default-signal=INT /usr/bin/time -f '%U %S %M' -o "$OUT/live-$name.time" "$@" \
    >"$OUT/live-$name.out" 2>"$OUT/live-$name.err" &
  local pid=$!
  until grep -q "Capturing on" "$OUT/live-$name.err" 2>/dev/null; do sleep 0.1; done
  sleep 1
  ip netns exec "$B" python3 -c "$PEER" server >"$OUT/live-server.log" &
  local server=$!
  until grep -q listening "$OUT/live-server.log" 2>/dev/null; do sleep 0.05; done
  local start end
  start=$(date +%s.%N)
  ip netns exec "$A" python3 -c "$PEER" client "$BYTES"
  wait "$server"
  end=$(date +%s.%N)
  sleep 2   # the capture catches up with what the kernel buffered
  after=$(ip netns exec "$A" cat /sys/class/net/p0/statistics/rx_packets /sys/class/net/p0/statistics/tx_packets | paste -sd+ | bc)
  # The capture is the child of time, which is the child of env (exec'd): signal the capture.
  pkill -INT -P "$pid" || true
  wait "$pid" || true
  WIRE=$((after - before))
  SECS=$(echo "$end - $start" | bc -l)
  CAPTURED=$(grep -Eo '^[0-9]+ packets? captured' "$OUT/live-$name.err" | grep -Eo '^[0-9]+' || echo 0)
  DROPPED=$(grep -Eo '[0-9]+ packets? dropped (by kernel|from)' "$OUT/live-$name.err" | grep -Eo '^[0-9]+' | paste -sd+ | bc || echo 0)
  [ -n "$DROPPED" ] || DROPPED=0
  local user sys kb
  read -r user sys kb <"$OUT/live-$name.time"
  CPU=$(echo "$user + $sys" | bc -l)
  MB=$((kb / 1024))
}

REPORT="$OUT/live-vs-tshark.txt"
{
  echo "live capture of one MPTCP transfer of $BYTES bytes over a veth (rate: $RATE); $(nproc) CPUs; $(tshark --version | head -1)"
  echo "each tool alone on the same transfer, printing 4 fields and saving with -w; CPU seconds; peak RSS in MB"
  printf '%-8s %8s %9s %8s %8s %8s %6s\n' tool wire_pkts captured dropped xfer_s cpu_s MB
} | tee "$REPORT"
capture ours "$MPI" live p0 -f "tcp port 5001" -w "$OUT/live-ours.pcap" -P "${FIELDS[@]}"
printf '%-8s %8d %9d %8d %8.2f %8.2f %6d\n' ours "$WIRE" "$CAPTURED" "$DROPPED" "$SECS" "$CPU" "$MB" | tee -a "$REPORT"
o_cap=$CAPTURED o_cpu=$CPU o_mb=$MB
capture tshark tshark -i p0 -f "tcp port 5001" -w "$OUT/live-tshark.pcap" -P "${FIELDS[@]}"
printf '%-8s %8d %9d %8d %8.2f %8.2f %6d\n' tshark "$WIRE" "$CAPTURED" "$DROPPED" "$SECS" "$CPU" "$MB" | tee -a "$REPORT"
printf 'ratio tshark/ours: CPU %.1fx, RSS %.1fx; packets captured: ours %d, tshark %d\n' \
  "$(echo "$CPU / $o_cpu" | bc -l)" "$(echo "$MB / $o_mb" | bc -l)" "$o_cap" "$CAPTURED" | tee -a "$REPORT"
rm -f "$OUT/live-ours.pcap" "$OUT/live-tshark.pcap"
