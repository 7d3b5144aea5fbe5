#!/usr/bin/env bash
# Creates the Python venv that `score-extraction` runs Python trafilatura from, so the extractor is
# measured beside it in the same run: `.venv/trafilatura/` at the repository root (git-ignored).
# Benchmarks only: `cargo test` and CI never need it.
#
#   bash scripts/trafilatura-venv.sh        # idempotent; prints the interpreter to pass as --python
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION=2.3.1
VENV=.venv/trafilatura
PY=${PYTHON:-python3}

if [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c "import trafilatura, sys; sys.exit(trafilatura.__version__ != '$VERSION')" 2>/dev/null; then
    echo "trafilatura-venv: trafilatura $VERSION already in $VENV"
    exit 0
fi
if ! command -v "$PY" >/dev/null 2>&1; then
    echo "trafilatura-venv: no $PY on PATH (set PYTHON=/path/to/python3.9+)" >&2
    exit 1
fi
"$PY" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --upgrade pip
"$VENV/bin/python" -m pip install --quiet "trafilatura==$VERSION"
echo "trafilatura-venv: installed trafilatura $("$VENV/bin/python" -c 'import trafilatura; print(trafilatura.__version__)') in $VENV ($VENV/bin/python)"
