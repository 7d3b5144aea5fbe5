#!/usr/bin/env bash
# Installs warcio (PyPI) into .tools/warcio, a virtualenv of the repository, for the WARC test
# (tests/crawl_warc.rs runs `warcio check` on the files a test crawl writes). Idempotent: an existing
# install is kept. Without python3's venv module it says what to install and exits 0, so the test
# skips loudly on a developer machine (and fails under CI=true, where this script must have worked).
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=.tools/warcio
VERSION=1.8.1

if [ -x "$VENV/bin/warcio" ]; then
    echo "install-warcio: $("$VENV/bin/warcio" --version 2>&1 | head -n1) already installed in $VENV"
    exit 0
fi
if ! python3 -m venv --help >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -q && apt-get install -y -q --no-install-recommends python3-venv
    else
        echo "install-warcio: python3 with venv is missing; install python3-venv, then run this again" >&2
        exit 0
    fi
fi
rm -rf "$VENV"
python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "warcio==$VERSION"
echo "install-warcio: installed $("$VENV/bin/warcio" --version 2>&1 | head -n1) in $VENV"
