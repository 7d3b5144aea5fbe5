#!/usr/bin/env bash
# Installs Debian's Chromium and ChromeDriver for the browser test (tests/serve_browser.rs),
# unless both are already on the machine. CI runs this as root; on a developer machine without
# root it says what to run instead and exits 0, so the browser test skips loudly rather than fails.
set -euo pipefail

if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
    echo "install-chromium: $(chromium --version 2>/dev/null | head -n1) and chromedriver already installed"
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO=sudo
    else
        echo "install-chromium: not root; run: sudo apt-get install -y chromium chromium-driver" >&2
        exit 0
    fi
else
    SUDO=
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends chromium chromium-driver fonts-dejavu-core
echo "install-chromium: installed $(chromium --version 2>/dev/null | head -n1)"
