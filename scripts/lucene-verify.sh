#!/usr/bin/env bash
# tracuu's search on real Lucene (the engine inside OpenSearch and Elasticsearch), compared with
# tracuu itself. Usage: scripts/lucene-verify.sh [CORPUS…]
#
# 1. Installs Debian's Lucene 8 jars and a JDK when missing (scripts/install-lucene.sh).
# 2. Builds `tracuu` and indexes the corpus: by default the repository's own articles
#    (corpus/seeds.jsonl, scripts/lucene/spellings-corpus.jsonl) and, when ../shared (or
#    $TRACUU_SHARED) is there,
#    ../shared/data/news/dantri.jsonl.gz (dates and categories, 2019–2021) and the first
#    $LUCENE_VERIFY_BAOMOI (default 3000) articles of ../shared/data/bench/baomoi.jsonl.xz
#    (real document numbers).
# 3. `tracuu bulk` writes the _bulk file; the spelling list comes from tracuu's own analysis
#    (`cargo run -p tracuu-scaleout --example spellings`).
# 4. scripts/lucene/LuceneVerify.java builds a Lucene index from the _bulk file with
#    deploy/opensearch/index-template.json's analyzers and field types, runs the text analyzer on
#    every spelling tracuu unifies, translates `tracuu query-dsl --msearch` for every search of
#    scripts/lucene/queries.jsonl into Lucene queries as OpenSearch does, and compares with
#    `tracuu search --json`: match kind, total, top-10 overlap (≥ 0.9), facets, month histogram.
#
# Exits non-zero when anything differs. Bounded by $LUCENE_VERIFY_TIMEOUT seconds (default 900).
# Set TRACUU_PROFILE=release to use a release build. Work files go to $CARGO_TARGET_DIR/lucene-verify.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

bash scripts/install-lucene.sh

target=${CARGO_TARGET_DIR:-$root/target}
work=$target/lucene-verify
profile=${TRACUU_PROFILE:-debug}
rm -rf "$work"
mkdir -p "$work/classes"

profile_flag=()
[ "$profile" = release ] && profile_flag=(--release)
cargo build -q "${profile_flag[@]}" -p tracuu --bin tracuu
cargo run -q "${profile_flag[@]}" -p tracuu-scaleout --example spellings >"$work/spellings.tsv"
tracuu=$target/$profile/tracuu

corpus=("$@")
if [ ${#corpus[@]} -eq 0 ]; then
    corpus=(corpus/seeds.jsonl scripts/lucene/spellings-corpus.jsonl)
    shared=${TRACUU_SHARED:-$root/../shared}/data
    if [ -f "$shared/news/dantri.jsonl.gz" ]; then
        # Its articles say `date` and `category`; tracuu's Article says `published` and `section`.
        python3 -c '
import gzip, json, sys
for line in gzip.open(sys.argv[1], "rt", encoding="utf-8"):
    a = json.loads(line)
    a["published"], a["section"] = a.pop("date", None), a.pop("category", None)
    print(json.dumps(a, ensure_ascii=False))
' "$shared/news/dantri.jsonl.gz" >"$work/dantri.jsonl"
        corpus+=("$work/dantri.jsonl")
    fi
    if [ -f "$shared/bench/baomoi.jsonl.xz" ]; then
        python3 -c '
import itertools, lzma, sys
with lzma.open(sys.argv[1], "rt", encoding="utf-8") as f:
    sys.stdout.writelines(itertools.islice(f, int(sys.argv[2])))
' "$shared/bench/baomoi.jsonl.xz" "${LUCENE_VERIFY_BAOMOI:-3000}" >"$work/baomoi.jsonl"
        corpus+=("$work/baomoi.jsonl")
    fi
    if [ ${#corpus[@]} -eq 2 ]; then
        echo "lucene-verify: ../shared is missing; verifying on the repository's own articles only" >&2
    fi
fi

export RUST_LOG=${RUST_LOG:-warn}
"$tracuu" index --corpus "${corpus[@]}" --index "$work/index"
"$tracuu" bulk --index "$work/index" --out "$work/bulk.ndjson"

classpath=$(printf '%s:' /usr/share/java/lucene-core-8.*.jar /usr/share/java/lucene-analyzers-common-8.*.jar \
    /usr/share/java/lucene-analyzers-icu-8.*.jar /usr/share/java/icu4j.jar /usr/share/java/gson.jar)
javac -encoding UTF-8 -nowarn -cp "$classpath" -d "$work/classes" scripts/lucene/LuceneVerify.java
timeout "${LUCENE_VERIFY_TIMEOUT:-900}" java -Xmx2g -cp "$classpath$work/classes" LuceneVerify \
    deploy/opensearch/index-template.json "$work/bulk.ndjson" "$work/spellings.tsv" \
    scripts/lucene/queries.jsonl "$tracuu" "$work/index"
