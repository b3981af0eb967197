#!/usr/bin/env bash
# Times mptcp-inspect against tshark on the same capture, in the same run, and prints the ratios.
#   bench/vs-tshark.sh [CAPTURE]
# Without CAPTURE it uses bench/out/big-mptcp.pcap, recording it first with
# bench/make-big-capture.sh (root; one MPTCP connection, two subflows, ~1.2 M packets, 1.3 GB).
# Each job runs ours, then tshark, under /usr/bin/time (wall seconds, peak RSS); where both
# print the same thing, the outputs must be identical. Results go to stdout and bench/out/vs-tshark.txt.
# ONLY=PATTERN runs just the jobs whose name contains PATTERN (e.g. ONLY=connections); the two-pass
# job runs only when asked for (ONLY=two-pass), as tshark -2 takes half an hour here.
# REPEAT=N runs each side of a job N times, alternating, and keeps each side's fastest run (wall):
# on a shared machine the best of a few runs is the one least disturbed by other work.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT="$ROOT/bench/out"
mkdir -p "$OUT"
CAPTURE=${1:-$OUT/big-mptcp.pcap}
MPI="$ROOT/mptcp-inspect"
for tool in tshark /usr/bin/time openssl; do
  command -v "$tool" >/dev/null || { echo "vs-tshark: $tool is not installed (apt-get install tshark time)" >&2; exit 1; }
done
if [ ! -f "$CAPTURE" ]; then
  [ "$CAPTURE" = "$OUT/big-mptcp.pcap" ] || { echo "vs-tshark: $CAPTURE: no such file" >&2; exit 1; }
  echo "vs-tshark: recording $CAPTURE (needs root)…" >&2
  "$ROOT/bench/make-big-capture.sh" 1300000000 "$CAPTURE" >&2
fi
"$MPI" --version >/dev/null   # builds first, so no job pays for the build
PACKETS=$(capinfos -c -M "$CAPTURE" 2>/dev/null | awk -F': *' '/Number of packets/ {print $2}')
REPORT="$OUT/vs-tshark.txt"
{
  echo "capture: $CAPTURE ($PACKETS packets, $(du -hL "$CAPTURE" | cut -f1)); $(nproc) CPUs; $(tshark --version | head -1)"
  echo "wall and CPU (user+sys) seconds; ratio = tshark / ours; peak RSS in MB; best of ${REPEAT:-1}; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  printf '%-26s %7s %8s %6s %7s %8s %6s %7s %9s %s\n' job ours_s tshark_s ratio ours_cpu tshark_cpu ratio ours_MB tshark_MB output
} | tee "$REPORT"

# run OUTFILE CMD... : wall seconds, CPU seconds and peak RSS (MB) of CMD into $SECS, $CPU and $MB.
run() {
  local out=$1; shift
  /usr/bin/time -f '%e %U %S %M' -o "$OUT/time.txt" "$@" >"$out" 2>"$OUT/stderr.txt" || {
    echo "vs-tshark: failed: $* ($(tail -1 "$OUT/stderr.txt"))" >&2; exit 1; }
  local user sys kb
  read -r SECS user sys kb <"$OUT/time.txt"
  CPU=$(echo "$user + $sys" | bc -l)
  MB=$((kb / 1024))
}

# job NAME SAME|DIFFERENT|ALLOWED -- OURS... -- TSHARK...
# ALLOWED: the outputs are frame.number, tcp.len, mptcp.related_mapping, then fields; lines may
# differ only on segments without data (tcp.len 0) or that tshark maps through several
# mappings (a comma in its related_mapping); any other differing line fails the job.
job() {
  local name=$1 same=$2; shift 3
  [[ -z "${ONLY:-}" || "$name" == *"$ONLY"* ]] || return 0
  local ours=() theirs=()
  while [ "$1" != -- ]; do ours+=("$1"); shift; done; shift
  theirs=("$@")
  local s1= c1= m1= s2= c2= m2= i
  for ((i = 0; i < ${REPEAT:-1}; i++)); do
    run "$OUT/ours.out" "$MPI" "${ours[@]}"
    if [ -z "$s1" ] || (( $(echo "$SECS < $s1" | bc -l) )); then s1=$SECS c1=$CPU m1=$MB; fi
    run "$OUT/tshark.out" tshark "${theirs[@]}"
    if [ -z "$s2" ] || (( $(echo "$SECS < $s2" | bc -l) )); then s2=$SECS c2=$CPU m2=$MB; fi
  done
  local verdict="-"
  if [ "$same" = SAME ]; then
    if cmp -s "$OUT/ours.out" "$OUT/tshark.out"; then verdict=identical; else verdict=DIFFERENT; fi
  elif [ "$same" = ALLOWED ]; then
    if cmp -s "$OUT/ours.out" "$OUT/tshark.out"; then verdict=identical; else
      local counts
      counts=$(paste "$OUT/ours.out" "$OUT/tshark.out" | awk -F'\t' -v n="$(head -1 "$OUT/ours.out" | awk -F'\t' '{print NF}')" '
        { same = 1; for (i = 1; i <= n; i++) if ($i != $(i + n)) same = 0 }
        !same && $2 == 0 { empty++; next } !same && $(3 + n) ~ /,/ { several++; next } !same { other++ }
        END { print empty + 0, several + 0, other + 0 }')
      read -r empty several other <<<"$counts"
      if [ "$other" -eq 0 ]; then verdict="DIFFERENT-allowed(${empty}-no-data,${several}-overlapping)"
      else verdict=DIFFERENT; fi
    fi
  fi
  OURS_S=$s1 OURS_CPU=$c1 THEIRS_S=$s2
  printf '%-26s %7.2f %8.2f %5.1fx %7.2f %8.2f %5.1fx %7d %9d %s\n' "$name" "$s1" "$s2" \
    "$(echo "$s2 / $s1" | bc -l)" "$c1" "$c2" "$(echo "$c2 / $c1" | bc -l)" "$m1" "$m2" "$verdict" | tee -a "$REPORT"
  [ "$verdict" != DIFFERENT ] || { echo "vs-tshark: $name: outputs differ (bench/out/ours.out, tshark.out)" >&2; exit 1; }
}

job "fields rawdataseqno" SAME -- read "$CAPTURE" -T fields -e tcp.options.mptcp.rawdataseqno \
  -- -r "$CAPTURE" -T fields -e tcp.options.mptcp.rawdataseqno
job "fields 6 (-Y mptcp dss)" SAME -- read "$CAPTURE" -Y 'tcp.options.mptcp.subtype == 2' -T fields \
  -e frame.number -e ip.src -e tcp.stream -e tcp.seq -e tcp.options.mptcp.rawdataseqno -e tcp.options.mptcp.rawdataack \
  -- -r "$CAPTURE" -Y 'tcp.options.mptcp.subtype == 2' -T fields \
  -e frame.number -e ip.src -e tcp.stream -e tcp.seq -e tcp.options.mptcp.rawdataseqno -e tcp.options.mptcp.rawdataack
# The MPTCP tracker in read: each segment's relative data sequence number. Wireshark 4.0 also
# gives segments without data the DSN of a mapping covering their sequence number (RFC 8684
# section 3.3: mappings map data), and maps segments under overlapping mappings (here the
# MP_CAPABLE data mapping repeated on the first segments) through the oldest at the repeating
# segment's sequence (RFC 8684 section 3.1 starts it at subflow sequence 1; testdata/pcaps/README.md).
job "fields mptcp.dsn" ALLOWED -- read "$CAPTURE" -T fields -e frame.number -e tcp.len -e mptcp.related_mapping \
  -e mptcp.dsn -- -r "$CAPTURE" -o mptcp.analyze_mappings:TRUE -o mptcp.intersubflows_retransmission:TRUE \
  -T fields -e frame.number -e tcp.len -e mptcp.related_mapping -e mptcp.dsn
job "summary lines" DIFFERENT -- read "$CAPTURE" -- -r "$CAPTURE"
# Statistics (-z) after one walk; ours with tshark's default MPTCP preferences, so that expert
# lists the same (testdata/pcaps/README.md, "Statistics").
job "-z conv,tcp" SAME -- read "$CAPTURE" -q -z conv,tcp -- -r "$CAPTURE" -q -z conv,tcp
job "-z expert" SAME -- read "$CAPTURE" -q -o mptcp.analyze_mappings:FALSE -o mptcp.intersubflows_retransmission:FALSE \
  -z expert -- -r "$CAPTURE" -q -z expert
job "-z io,phs" SAME -- read "$CAPTURE" -q -z io,phs -- -r "$CAPTURE" -q -z io,phs
# Two-pass analysis (-2): the first pass finds the frames that later frames reinject. Not compared:
# tshark 4.0's second pass drops most reinjection links (testdata/pcaps/README.md). Only with
# ONLY=two-pass: tshark -2 took 1800 s on the 1.19 M-packet capture (ours 4.5 s).
if [[ "${ONLY:-}" == *two-pass* ]]; then
  job "two-pass reinjected_in" DIFFERENT -- read -2 "$CAPTURE" -T fields -e frame.number -e mptcp.reinjected_in \
    -- -2 -r "$CAPTURE" -o mptcp.analyze_mappings:TRUE -o mptcp.intersubflows_retransmission:TRUE \
    -T fields -e frame.number -e mptcp.reinjected_in
fi
# The MPTCP connection analysis: ours rebuilds both data-level streams (SHA-256), tshark links
# subflows and checks mappings; the digests must equal the sender's (CAPTURE.truth).
job "connections --json" DIFFERENT -- connections "$CAPTURE" --json \
  -- -r "$CAPTURE" -o mptcp.analyze_mappings:TRUE -o mptcp.intersubflows_retransmission:TRUE -T fields -e mptcp.stream
if [[ -z "${ONLY:-}" || "connections --json" == *"$ONLY"* ]] && [ -f "$CAPTURE.truth" ]; then
  while read -r dir bytes sha; do
    grep -q "\"sha256\" : \"$sha\"" "$OUT/ours.out" || { echo "vs-tshark: connections: $dir SHA-256 is not the sender's" >&2; exit 1; }
  done <"$CAPTURE.truth"
  echo "connections --json: both directions' SHA-256 equal the sender's ($CAPTURE.truth)" | tee -a "$REPORT"
  # The issue's command as written prints summary lines: tshark then dissects without keeping a
  # protocol tree, about half the time of the -T fields run above. Its MPTCP analysis still runs
  # (the two -o options add 2.8 s to the plain summary run's 13.1 s here). Both are printed, so
  # the ratio can be read against either.
  best=
  for ((i = 0; i < ${REPEAT:-1}; i++)); do
    run "$OUT/tshark.out" tshark -r "$CAPTURE" -o mptcp.analyze_mappings:TRUE -o mptcp.intersubflows_retransmission:TRUE
    if [ -z "$best" ] || (( $(echo "$SECS < $best" | bc -l) )); then best=$SECS best_cpu=$CPU; fi
  done
  printf 'tshark -r CAPTURE -o mptcp.analyze_mappings:TRUE -o mptcp.intersubflows_retransmission:TRUE (the issue'"'"'s command, summary lines): %.2f s wall, %.2f s CPU: %.1fx / %.1fx ours\n' \
    "$best" "$best_cpu" "$(echo "$best / $OURS_S" | bc -l)" "$(echo "$best_cpu / $OURS_CPU" | bc -l)" | tee -a "$REPORT"
  run "$OUT/ours.out" "$MPI" connections "$CAPTURE" --json
  FULL_MB=$MB
  editcap -r "$CAPTURE" "$OUT/tenth.pcap" "1-$((PACKETS / 10))"
  run "$OUT/ours.out" "$MPI" connections "$OUT/tenth.pcap" --json
  echo "peak RSS of 'connections --json': $FULL_MB MB on the whole capture, $MB MB on its first tenth" | tee -a "$REPORT"
  rm -f "$OUT/tenth.pcap"
  # The floor under this job on this machine: hashing the streams' bytes alone (openssl's
  # SHA-256, which uses the CPU's SHA instructions, over the streams already written out and in
  # the page cache), and starting the JVM with nothing to do. Hashing one stream cannot be split
  # across cores, so no design finishes sooner than the larger of the two plus the time to reach
  # the first payload byte.
  CONNECTIONS=$(grep -c '^    "index"' "$OUT/ours.out" || true)  # connections' own index (subflows' are indented deeper)
  files=()
  for ((i = 0; i < CONNECTIONS; i++)); do
    for dir in c2s s2c; do
      "$MPI" stream "$CAPTURE" --connection "$i" --direction "$dir" -o "$OUT/stream-$i-$dir.bin"
      files+=("$OUT/stream-$i-$dir.bin")
    done
  done
  STREAM_BYTES=$(cat "${files[@]}" | wc -c)
  run "$OUT/floor.out" openssl dgst -sha256 "${files[@]}"
  HASH_S=$SECS HASH_CPU=$CPU
  # The tightest floor: the largest stream alone, hashed in memory at the rate `openssl speed`
  # measures (SHA-256 chains its blocks, so one stream's hash runs on one core whatever the design).
  LARGEST=$(wc -c "${files[@]}" | grep -v ' total$' | sort -n | tail -1 | awk '{print $1}')
  RATE=$(openssl speed -seconds 2 -evp sha256 -bytes 16384 2>/dev/null | awk '/^sha256/ {sub(/k$/, "", $2); print $2 * 1000}')
  LARGEST_S=$(echo "$LARGEST / $RATE" | bc -l)
  run "$OUT/floor.out" "$MPI" --version
  START_S=$SECS
  printf 'floor of connections: SHA-256 alone of its %d stream bytes (openssl dgst) %.2f s wall, %.2f s CPU (tshark/floor = %.1fx); JVM start alone %.2f s; ours %.2f s\n' \
    "$STREAM_BYTES" "$HASH_S" "$HASH_CPU" "$(echo "$THEIRS_S / $HASH_S" | bc -l)" "$START_S" "$OURS_S" | tee -a "$REPORT"
  printf 'tightest floor: the largest stream (%d bytes) hashed in memory at openssl speed'"'"'s %.0f MB/s takes %.2f s; 30x below the issue'"'"'s command (%.2f s) is %.2f s, 30x below the -T fields run (%.2f s) is %.2f s\n' \
    "$LARGEST" "$(echo "$RATE / 1000000" | bc -l)" "$LARGEST_S" "$best" "$(echo "$best / 30" | bc -l)" "$THEIRS_S" "$(echo "$THEIRS_S / 30" | bc -l)" | tee -a "$REPORT"
  rm -f "${files[@]}"
fi

# The MPTcpExt counters (nstat's names) computed from the capture: the TCP and MPTCP trackers
# without stream digests; tshark's side is again its MPTCP analysis pass (it has no counters).
job "counters" DIFFERENT -- counters "$CAPTURE" \
  -- -r "$CAPTURE" -o mptcp.analyze_mappings:TRUE -o mptcp.intersubflows_retransmission:TRUE -T fields -e mptcp.stream

# Steady memory: the same fields job on the first tenth of the capture.
[ -z "${ONLY:-}" ] || exit 0
run "$OUT/ours.out" "$MPI" read "$CAPTURE" -c $((PACKETS / 10)) -T fields -e tcp.options.mptcp.rawdataseqno
echo "peak RSS of 'fields rawdataseqno' on the first $((PACKETS / 10)) packets: $MB MB" | tee -a "$REPORT"
