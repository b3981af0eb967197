#!/usr/bin/env bash
# Measures how fast the capture readers read FILE: bench/read-throughput.sh FILE [ROUNDS]
# (make a big FILE with bench/make-big-capture.sh). Builds the dissector module if needed.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$ROOT/scripts/jdk.sh"
cd "$ROOT"
mkdir -p bench/out
mvn -q -B -DskipTests -pl dissector -am compile dependency:build-classpath \
  -Dmdep.outputFile="$ROOT/bench/out/classpath.txt" >&2
exec java --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC \
  -cp "$ROOT/dissector/target/classes:$(cat bench/out/classpath.txt)" bench/ReadThroughput.java "$@"
