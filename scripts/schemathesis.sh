#!/usr/bin/env bash
# Schemathesis (PyPI, pinned) against a real `tracuu serve` over the bundled seeds: every check on
# /openapi.json, bounded in time (SCHEMATHESIS_MAX_TIME seconds of generation, 90 by default).
# Installs Schemathesis into a virtualenv under target/tools on first use. Exits non-zero on any
# failure. .ci/run runs it after `cargo test`. Extra arguments go to `schemathesis run` (e.g. --seed N).
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION=4.32.5
VENV=target/tools/schemathesis
MAX_TIME=${SCHEMATHESIS_MAX_TIME:-90}
TARGET_DIR=${CARGO_TARGET_DIR:-target}

if ! "$VENV/bin/schemathesis" --version 2>/dev/null | grep -q "version $VERSION\$"; then
    if ! python3 -m venv --help >/dev/null 2>&1 || ! python3 -c 'import ensurepip' 2>/dev/null; then
        if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
            export DEBIAN_FRONTEND=noninteractive
            apt-get update -q && apt-get install -y -q --no-install-recommends python3-venv python3-pip
        fi
    fi
    rm -rf "$VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$VERSION"
fi

cargo build --quiet --bin tracuu
work=$(mktemp -d)
server_pid=
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

RUST_LOG=warn "$TARGET_DIR/debug/tracuu" serve --index "$work/index" --corpus corpus/seeds.jsonl \
    --addr 127.0.0.1:0 > "$work/url" 2> "$work/server.log" &
server_pid=$!
for _ in $(seq 1 600); do
    [ -s "$work/url" ] && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
    sleep 0.1
done
base=$(head -n1 "$work/url")
base=${base%/}
echo "schemathesis: $VERSION against $base/openapi.json, every check, at most ${MAX_TIME}s"

export SCHEMATHESIS_HOOKS=hooks
export PYTHONPATH="$PWD/scripts/schemathesis${PYTHONPATH:+:$PYTHONPATH}"
repo=$PWD
venv=$(cd "$VENV" && pwd)
# Schemathesis keeps a crash cache (.schemathesis/) and reports in its working directory: target/.
mkdir -p "$TARGET_DIR/schemathesis"
cd "$TARGET_DIR/schemathesis"
"$venv/bin/schemathesis" --config-file "$repo/scripts/schemathesis/schemathesis.toml" run "$base/openapi.json" \
    --checks all --max-time "$MAX_TIME" --max-examples 200 --workers 2 \
    --generation-database none --no-color --suppress-health-check too_slow \
    --report junit --report-dir . "$@"
