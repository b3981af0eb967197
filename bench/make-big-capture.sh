#!/usr/bin/env bash
# Records a big real MPTCP capture for benchmarks: one connection between two network
# namespaces over two veth paths (192.0.2.0/24 and a joined subflow over 198.51.100.0/24,
# each shaped to RATE by tbf so both carry data), offloads off so frames are MTU-sized as on a
# wire, full payload, tcpdump -i any. The client sends BYTES, then the server sends BYTES/20;
# both sides' SHA-256 go to OUTPUT.truth (lines: "c2s BYTES SHA256", "s2c BYTES SHA256").
# Usage: bench/make-big-capture.sh [BYTES] [OUTPUT] [RATE]
#   (defaults 1300000000 ≈ 1.2 M packets, bench/out/big-mptcp.pcap, 300mbit)
# Needs root, iproute2, ethtool, tcpdump, python3 and a kernel with MPTCP. Cleans up after itself.
set -euo pipefail
BYTES=${1:-1300000000}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=${2:-$ROOT/bench/out/big-mptcp.pcap}
RATE=${3:-300mbit}
mkdir -p "$(dirname "$OUT")"
A=mpibench-c-$$ B=mpibench-s-$$
cleanup() { ip netns del "$A" 2>/dev/null || true; ip netns del "$B" 2>/dev/null || true; }
trap cleanup EXIT
ip netns add "$A"; ip netns add "$B"
for ns in "$A" "$B"; do ip -n "$ns" link set lo up; ip netns exec "$ns" sysctl -q net.mptcp.enabled=1; done
i=0
for net in 192.0.2 198.51.100; do
  ip -n "$A" link add p$i type veth peer name p$i netns "$B"
  ip -n "$A" addr add $net.1/24 dev p$i; ip -n "$B" addr add $net.2/24 dev p$i
  for ns in "$A" "$B"; do
    ip -n "$ns" link set p$i up
    ip netns exec "$ns" ethtool -K p$i tso off gso off gro off >/dev/null
    tc -n "$ns" qdisc add dev p$i root tbf rate "$RATE" burst 256kb latency 50ms
  done
  # The client routes by source address, so the joined subflow leaves over its own path.
  ip -n "$A" rule add from $net.1 table $((100 + i))
  ip -n "$A" route add default via $net.2 dev p$i table $((100 + i))
  i=$((i + 1))
done
ip -n "$A" mptcp limits set subflows 2 add_addr_accepted 0
ip -n "$B" mptcp limits set subflows 2 add_addr_accepted 0
ip -n "$A" mptcp endpoint add 198.51.100.1 dev p1 id 2 subflow

PEER='
import hashlib, os, socket, sys
role, n = sys.argv[1], int(sys.argv[2])
block = bytes(range(256)) * 4096          # 1 MiB, deterministic, not all zeros
def send(s, n):
    h = hashlib.sha256(); left = n
    while left:
        b = block[:min(left, len(block))]; s.sendall(b); h.update(b); left -= len(b)
    return h.hexdigest()
def recv(s):
    h = hashlib.sha256(); total = 0
    while True:
        b = s.recv(1 << 20)
        if not b: return total, h.hexdigest()
        h.update(b); total += len(b)
if role == "server":
    l = socket.socket(socket.AF_INET, socket.SOCK_STREAM, 262)
    l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); l.bind(("192.0.2.2", 5001)); l.listen(1)
    print("listening", flush=True)
    c, _ = l.accept(); got = recv(c)
    print("server received %d %s" % got, file=sys.stderr)
    sent = send(c, n // 20); c.shutdown(socket.SHUT_WR); recv(c); c.close()
    print("s2c %d %s" % (n // 20, sent))
else:
    c = socket.socket(socket.AF_INET, socket.SOCK_STREAM, 262); c.connect(("192.0.2.2", 5001))
    sent = send(c, n); c.shutdown(socket.SHUT_WR); got = recv(c); c.close()
    print("c2s %d %s" % (n, sent))
    print("client received %d %s" % got, file=sys.stderr)
'
ip netns exec "$A" tcpdump -i any -s 0 -B 262144 -w "$OUT" tcp 2>"$OUT.tcpdump.log" &
DUMP=$!
ip netns exec "$B" python3 -c "$PEER" server "$BYTES" >"$OUT.server" &
SERVER=$!
until grep -q listening "$OUT.server" 2>/dev/null; do sleep 0.1; done
sleep 1   # tcpdump is up
ip netns exec "$A" python3 -c "$PEER" client "$BYTES" >"$OUT.truth"
wait "$SERVER"
grep s2c "$OUT.server" >>"$OUT.truth"; rm "$OUT.server"
sleep 1
kill -INT "$DUMP"; wait "$DUMP" || true
cat "$OUT.truth"
grep -E "captured|dropped" "$OUT.tcpdump.log" >&2
ls -l "$OUT"
