//! The `tracuu index` and `tracuu search` contract, through the real binary.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use tracuu_index::search::{SearchIndex, SearchRequest};

fn tracuu() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tracuu"));
    command.env("RUST_LOG", "warn");
    command
}

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/seeds.jsonl")
}

fn run(command: &mut Command) -> Output {
    command.output().expect("run tracuu")
}

/// `tracuu index --corpus CORPUS --index INDEX`, run to completion.
fn run_index(corpus: &Path, index: &Path) -> Output {
    run(tracuu()
        .arg("index")
        .arg("--corpus")
        .arg(corpus)
        .arg("--index")
        .arg(index))
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn reindexing_the_same_articles_replaces_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let index = dir.path().join("index");
    for _ in 0..2 {
        let out = run_index(&seeds(), &index);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(stdout(&out).contains("5 articles in"), "{}", stdout(&out));
    }
    let out = run(tracuu()
        .args(["search", "--json", "--index"])
        .arg(&index)
        .arg("nguoi viet nam o nuoc ngoai"));
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    assert_eq!(json["total"], 5);
    let hits = json["hits"].as_array().expect("hits");
    assert!(
        hits.iter()
            .all(|h| h["snippet"].as_str().is_some_and(|s| s.contains("<mark>")))
    );
    for key in [
        "id",
        "url",
        "title",
        "published",
        "source",
        "snippet",
        "score",
    ] {
        assert!(hits[0].get(key).is_some(), "hit lacks {key}");
    }
    for facet in ["source", "province", "year", "ref", "type"] {
        assert!(json["facets"][facet].is_array(), "facet {facet} missing");
    }
}

#[test]
fn malformed_lines_are_reported_with_file_and_line_and_counted() {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("broken.jsonl");
    let good = std::fs::read_to_string(seeds()).expect("seeds");
    let mut lines: Vec<&str> = good.lines().collect();
    lines.insert(2, "{\"url\": \"https://x.vn\", \"title\": \"thiếu body\"");
    std::fs::write(&corpus, lines.join("\n")).expect("write corpus");
    let out = run_index(&corpus, &dir.path().join("i"));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("broken.jsonl:3"), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("1 malformed lines skipped"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn bad_arguments_and_queries_exit_2_with_one_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let index = dir.path().join("index");
    let out = run_index(&seeds(), &index);
    assert!(out.status.success());
    let cases: Vec<Vec<String>> = vec![
        vec!["\"người Việt".into()],
        vec!["--sort".into(), "popular".into(), "x".into()],
        vec!["--from".into(), "22/02/2021".into(), "x".into()],
        vec!["--filter".into(), "tinh=Quảng Nam".into(), "x".into()],
        vec!["tinh:quangnam".into()],
    ];
    for args in cases {
        let out = run(tracuu().args(["search", "--index"]).arg(&index).args(&args));
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert_eq!(
            stderr(&out).trim().lines().count(),
            1,
            "{args:?}: {}",
            stderr(&out)
        );
        assert!(!stderr(&out).contains("panicked"));
    }
    let out = run(tracuu()
        .args(["search", "--index"])
        .arg(dir.path().join("none"))
        .arg("x"));
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let out = run(tracuu().args(["search", "--bogus"]));
    assert_eq!(out.status.code(), Some(2));
}

/// Many distinct articles made from the seed sentences, so indexing runs long enough to kill.
fn write_large_corpus(path: &Path, articles: usize) {
    let seeds = std::fs::read_to_string(seeds()).expect("seeds");
    let records: Vec<serde_json::Value> = seeds
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let mut file = std::io::BufWriter::new(std::fs::File::create(path).expect("create corpus"));
    for i in 0..articles {
        let seed = &records[i % records.len()];
        let record = serde_json::json!({
            "id": format!("synthetic-{i}"),
            "url": format!("https://quangnam.gov.vn/tin-tuc/{i}.html"),
            "title": format!("{} (bản {i})", seed["title"].as_str().unwrap_or("")),
            "body": seed["body"].as_str().unwrap_or("").chars().take(400).collect::<String>(),
            "published": seed["published"],
        });
        writeln!(file, "{record}").expect("write corpus");
    }
}

#[test]
fn a_killed_indexing_run_leaves_the_last_commit_searchable() {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("large.jsonl");
    write_large_corpus(&corpus, 30_000);
    let index = dir.path().join("index");
    let mut child = tracuu()
        .arg("index")
        .arg("--corpus")
        .arg(&corpus)
        .arg("--index")
        .arg(&index)
        .args([
            "--commit-every",
            "1000",
            "--threads",
            "1",
            "--memory-mb",
            "64",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start indexing");
    // Wait for the first commits, then kill -9 mid-run.
    let started = Instant::now();
    let committed = || SearchIndex::open(&index).map(|i| i.num_docs()).unwrap_or(0);
    while committed() < 2_000 && started.elapsed() < Duration::from_secs(120) {
        if child.try_wait().ok().flatten().is_some() {
            panic!("indexing finished before it could be killed; make the corpus larger");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.kill().expect("kill -9");
    let _ = child.wait();
    let reopened = SearchIndex::open(&index).expect("the last commit opens");
    let docs = reopened.num_docs();
    assert!(
        (2_000..30_000).contains(&docs),
        "{docs} documents after the kill"
    );
    assert_eq!(docs % 1_000, 0, "only whole commits survive: {docs}");
    let request = SearchRequest {
        query: "nguoi viet nam o nuoc ngoai".into(),
        ..Default::default()
    };
    let response = reopened.search(&request).expect("search after the kill");
    assert!(response.total > 0);
    // And indexing again completes and replaces rather than duplicates.
    let out = run_index(&corpus, &index);
    assert!(out.status.success(), "{}", stderr(&out));
    let finished = SearchIndex::open(&index).expect("reopen");
    assert_eq!(finished.num_docs(), 30_000);
}
