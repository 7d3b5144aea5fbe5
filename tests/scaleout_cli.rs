//! `tracuu bulk` and `tracuu query-dsl`, through the real binary: what a team loading a cluster
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
    // Design B stores pairs folded only: tracuu's own spelling reaches the cluster as exact
    // syllables, the word as one folded pair term.
    assert!(
        text.contains(r#""value":"hoà""#) && !text.contains("hòa"),
        "tracuu's own spelling, as an exact syllable: {text:.600}"
    );
    assert!(
        text.contains("hoa_binh"),
        "the word as a folded pair: {text:.600}"
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
