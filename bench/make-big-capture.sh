#!/usr/bin/env bash
# Captures a fast local TCP transfer with tcpdump on a veth pair between two network
# namespaces (192.0.2.1 <-> 192.0.2.2), offloads off so frames are MTU-sized as on a wire.
# Usage: bench/make-big-capture.sh [PACKETS] [OUTPUT]   (default 1500000, bench/out/big.pcap)
# Needs root, iproute2, ethtool, tcpdump, python3. Deletes its namespaces when done.
set -euo pipefail
PACKETS=${1:-1500000}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=${2:-$ROOT/bench/out/big.pcap}
mkdir -p "$(dirname "$OUT")"
A=mpibench-a-$$ B=mpibench-b-$$
cleanup() { ip netns del "$A" 2>/dev/null || true; ip netns del "$B" 2>/dev/null || true; }
trap cleanup EXIT
ip netns add "$A"; ip netns add "$B"
ip -n "$A" link add veth0 type veth peer name veth1 netns "$B"
ip -n "$A" addr add 192.0.2.1/24 dev veth0; ip -n "$B" addr add 192.0.2.2/24 dev veth1
for ns in "$A" "$B"; do ip -n "$ns" link set lo up; done
ip -n "$A" link set veth0 up; ip -n "$B" link set veth1 up
ip netns exec "$A" ethtool -K veth0 tso off gso off gro off >/dev/null
ip netns exec "$B" ethtool -K veth1 tso off gso off gro off >/dev/null
ip netns exec "$B" python3 -c '
import socket
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("192.0.2.2", 5001)); s.listen(1)
while True:
    c, _ = s.accept()
    while c.recv(1 << 20): pass
    c.close()' &
SINK=$!
sleep 0.5
ip netns exec "$A" tcpdump -q -i veth0 -B 262144 -c "$PACKETS" -w "$OUT" tcp 2>/dev/null &
DUMP=$!
sleep 1
ip netns exec "$A" python3 -c '
import socket
c = socket.create_connection(("192.0.2.2", 5001)); block = bytes(1 << 20)
while True: c.sendall(block)' 2>/dev/null &
SEND=$!
wait "$DUMP"
kill "$SEND" "$SINK" 2>/dev/null || true
wait 2>/dev/null || true
ls -l "$OUT"
