//! `tracuu bulk` (also `tracuu export --format bulk`) and `tracuu query-dsl`, through the real binary: what a team loading a cluster
//! runs (the Lucene comparison itself is `scripts/lucene-verify.sh`).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn tracuu() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tracuu"));
    command.env("RUST_LOG", "error");
    command
}

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/seeds.jsonl")
}

fn run(command: &mut Command) -> Output {
    command.output().expect("run tracuu")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn json_lines(bytes: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(bytes)
        .lines()
        .map(|line| serde_json::from_str(line).expect("one JSON object a line"))
        .collect()
}

#[test]
fn bulk_writes_one_index_action_per_article_with_tracuus_tokens() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out_file = dir.path().join("tracuu.ndjson");
    let out = run(tracuu()
        .args(["bulk", "--corpus"])
        .arg(seeds())
        .arg("--out")
        .arg(&out_file));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("exported 5 articles"),
        "{}",
        stderr(&out)
    );
    let lines = json_lines(&std::fs::read(&out_file).expect("the export"));
    assert_eq!(
        lines.len(),
        10,
        "an action and a document for each of the 5 seeds"
    );
    let first_id = lines[0]["index"]["_id"]
        .as_str()
        .expect("an index action with _id");
    assert_eq!(first_id, "917aa70dc9c19c5b", "the seed's own id");
    assert_eq!(lines[1]["id"], first_id);
    // Every seed is about "người Việt Nam ở nước ngoài": the folded syllables are there as the
    // cluster's whitespace analyzer will split them, and the original title is kept for display.
    for document in lines.iter().skip(1).step_by(2) {
        let folded = document["body_folded"].as_str().expect("body_folded");
        assert!(folded.contains("viet nam o nuoc ngoai"), "{folded:.200}");
        assert!(document["title"].as_str().is_some_and(|t| !t.is_empty()));
    }
}

#[test]
fn export_format_bulk_is_the_whole_index_as_tracuu_bulk_writes_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let index = dir.path().join("index");
    let indexed = run(tracuu()
        .args(["index", "--corpus"])
        .arg(seeds())
        .arg("--index")
        .arg(&index));
    assert!(indexed.status.success(), "{}", stderr(&indexed));
    let (exported, bulk) = (
        dir.path().join("export.ndjson"),
        dir.path().join("bulk.ndjson"),
    );
    let out = run(tracuu()
        .args(["export", "--format", "bulk", "--index"])
        .arg(&index)
        .arg("--out")
        .arg(&exported));
    assert!(out.status.success(), "{}", stderr(&out));
    let out = run(tracuu()
        .args(["bulk", "--index"])
        .arg(&index)
        .arg("--out")
        .arg(&bulk));
    assert!(out.status.success(), "{}", stderr(&out));
    let lines = json_lines(&std::fs::read(&exported).expect("the export"));
    assert_eq!(lines.len(), 10, "5 seeds, an action and a document each");
    assert_eq!(
        std::fs::read(&exported).expect("the export"),
        std::fs::read(&bulk).expect("the bulk file")
    );
    // A search's rows are not what a cluster loads: a query with --format bulk is refused.
    let refused = dir.path().join("refused.ndjson");
    let out = run(tracuu()
        .args(["export", "--format", "bulk", "--index"])
        .arg(&index)
        .arg("--out")
        .arg(&refused)
        .arg("kiều bào"));
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("no query"), "{}", stderr(&out));
    assert!(!refused.exists());
    // And csv without a query says what is missing.
    let out = run(tracuu()
        .args(["export", "--format", "csv", "--index"])
        .arg(&index)
        .arg("--out")
        .arg(dir.path().join("rows.csv")));
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("query"), "{}", stderr(&out));
}

#[test]
fn bulk_from_a_missing_index_says_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out_file = dir.path().join("tracuu.ndjson");
    let out = run(tracuu()
        .args(["bulk", "--index"])
        .arg(dir.path().join("no-index"))
        .arg("--out")
        .arg(&out_file));
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("no-index"), "{}", stderr(&out));
    assert!(!out_file.exists(), "nothing written on failure");
}

#[test]
fn query_dsl_is_the_same_for_both_tone_styles() {
    let dsl = |query: &str| {
        let out = run(tracuu().args(["query-dsl", "--filter", "year=2021", "--", query]));
        assert!(out.status.success(), "{}", stderr(&out));
        serde_json::from_slice::<serde_json::Value>(&out.stdout).expect("one JSON body")
    };
    let old_style = dsl("hòa bình");
    assert_eq!(old_style, dsl("hoà bình"));
    let text = old_style.to_string();
    // The marked syllable in tracuu's own spelling, exact; the word as its folded pair (design B
    // stores pairs folded only, in title_pairs/body_pairs).
    assert!(
        text.contains("\"hoà\"") && !text.contains("hòa"),
        "tracuu's own spelling: {text:.600}"
    );
    assert!(
        text.contains("hoa_binh"),
        "and the folded pair: {text:.600}"
    );
    let filter = &old_style["query"]["bool"]["filter"][0]["term"]["year"]["value"];
    assert_eq!(filter, "2021", "{text:.600}");
    assert_eq!(
        old_style["aggs"]["histogram"]["terms"]["field"],
        "year_month"
    );
}

#[test]
fn query_dsl_msearch_is_the_widening_chain_and_bad_filters_are_refused() {
    let out = run(tracuu().args([
        "query-dsl",
        "--msearch",
        "--",
        "giải quyết khiếu nại vũ trụ",
    ]));
    assert!(out.status.success(), "{}", stderr(&out));
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), 6, "all, most, any: a header and a body each");
    assert_eq!(lines[0]["index"], "tracuu");
    assert!(lines[1]["query"].is_object());

    let out = run(tracuu().args(["query-dsl", "--filter", "colour=red", "--", "hòa bình"]));
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}
