#!/usr/bin/env bash
# HTTP load test: 16 connections for 30 s against `tracuu serve` on an index of vietnews.
# Usage: benches/load/run.sh INDEX_DIR [SHARED_DIR]
# Needs: a release build (cargo build --release), wrk (apt-get install wrk), python3, ../shared.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
index="${1:?usage: run.sh INDEX_DIR [SHARED_DIR]}"
shared="${2:-$root/../shared}"
corpus="$shared/data/bench/vietnews.jsonl.xz"
[ -f "$corpus" ] || { echo "missing $corpus: the load test draws its queries from it" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
bin="${TRACUU_BIN:-$root/target/release/tracuu}"
[ -x "$bin" ] || { echo "build first: cargo build --release" >&2; exit 1; }

work="$(mktemp -d)"
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
python3 "$here/make_queries.py" "$corpus" 300 > "$work/queries.txt"
echo "queries: $(wc -l < "$work/queries.txt") distinct, e.g.:"; shuf -n 3 --random-source=<(yes) "$work/queries.txt"

port=18080
"$bin" serve --index "$index" --addr "127.0.0.1:$port" > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
# Warm the page cache once with every query, then measure.
while read -r path; do curl -s "http://127.0.0.1:$port$path" >/dev/null; done < "$work/queries.txt"
TRACUU_QUERIES="$work/queries.txt" wrk -t2 -c16 -d30s --latency -s "$here/queries.lua" "http://127.0.0.1:$port" | tee "$work/wrk.txt"
echo "server peak RSS: $(grep VmHWM /proc/$server/status)"
echo "errors (non-2xx) per wrk above; server log tail:"; tail -n 3 "$work/serve.log"
