#!/usr/bin/env bash
# Installs axe-core (npm, pinned) for the accessibility checks of the browser test
# (tests/serve_browser.rs), into target/tools/axe. The test injects axe.min.js into each page
# itself, so it needs no network. Without npm it says so and exits 0; the browser test then
# skips its accessibility checks loudly (and fails under CI).
set -euo pipefail
cd "$(dirname "$0")/.."

AXE_VERSION=4.11.0
PREFIX=target/tools/axe
AXE="$PREFIX/node_modules/axe-core/axe.min.js"

if [ -f "$AXE" ] && grep -q "\"version\": \"$AXE_VERSION\"" "$PREFIX/node_modules/axe-core/package.json"; then
    echo "install-axe: axe-core $AXE_VERSION already in $PREFIX"
    exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -q
        apt-get install -y -q --no-install-recommends npm
    else
        echo "install-axe: npm not found; run: sudo apt-get install -y npm" >&2
        exit 0
    fi
fi
mkdir -p "$PREFIX"
npm install --silent --no-audit --no-fund --prefix "$PREFIX" "axe-core@$AXE_VERSION"
echo "install-axe: installed axe-core $AXE_VERSION in $PREFIX"
