#!/usr/bin/env bash
# Installs what scripts/lucene-verify.sh needs to run tracuu's search on real Lucene: Debian's
# Lucene 8 jars (liblucene8-java: core, analyzers-common, analyzers-icu), ICU4J and Gson, and a JDK.
# Idempotent: when every jar and javac are there it does nothing. CI runs it as root; elsewhere it
# uses `sudo -n` or says what to install and exits 1 (the verification cannot run without them).
set -euo pipefail

JARS=/usr/share/java
# Debian names the Lucene jars with their version only (lucene-core-8.7.0.jar).
need=(lucene-core-8.*.jar lucene-analyzers-common-8.*.jar lucene-analyzers-icu-8.*.jar icu4j.jar gson.jar)

missing() {
    command -v javac >/dev/null 2>&1 || return 0
    for jar in "${need[@]}"; do
        compgen -G "$JARS/$jar" >/dev/null || return 0
    done
    return 1
}

if ! missing; then
    echo "install-lucene: $(basename "$(compgen -G "$JARS/lucene-core-8.*.jar" | head -n1)") and $(javac -version 2>&1) already installed"
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    SUDO=
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO=sudo
else
    echo "install-lucene: not root; run: sudo apt-get install -y --no-install-recommends" \
        "liblucene8-java libicu4j-java libgoogle-gson-java openjdk-17-jdk-headless" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
timeout 600 $SUDO apt-get update -q
# Only what is missing, so a machine's installed JDK is not upgraded under its other users.
packages=()
for package in liblucene8-java libicu4j-java libgoogle-gson-java; do
    dpkg -s "$package" >/dev/null 2>&1 || packages+=("$package")
done
command -v javac >/dev/null 2>&1 || packages+=(openjdk-17-jdk-headless)
timeout 900 $SUDO apt-get install -y -q --no-install-recommends "${packages[@]}"
if missing; then
    echo "install-lucene: installed, but a jar or javac is still missing under $JARS" >&2
    exit 1
fi
echo "install-lucene: installed ${packages[*]}"
