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
    assert_eq!(json["match"], "all", "every seed holds every word");
    // How the query was cut: "viet nam" is one word, typed in lower case without marks.
    assert_eq!(
        json["words"],
        serde_json::json!(["nguoi", "viet nam", "o", "nuoc ngoai"])
    );
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
    // As text, the count comes with the words it counts.
    let out = run(tracuu()
        .args(["search", "--index"])
        .arg(&index)
        .arg("nguoi viet nam o nuoc ngoai"));
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("5 articles match"), "{text}");
    assert!(
        text.contains("words: nguoi · viet nam · o · nuoc ngoai"),
        "{text}"
    );
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
    assert!(stdout(&out).contains("1 lines skipped"), "{}", stdout(&out));
}

/// One article line on the seed theme.
fn article_line(i: usize, url: &str, published: &str) -> String {
    serde_json::json!({
        "url": url,
        "title": format!("Kiều bào Quảng Nam góp sức xây dựng quê hương (tin {i})"),
        "body": "Ban về người Việt Nam ở nước ngoài tỉnh Quảng Nam tổng kết công tác kiều bào năm 2021.",
        "published": published,
    })
    .to_string()
}

#[test]
fn a_damaged_corpus_keeps_every_readable_article_and_reports_the_rest() {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("corpus");
    let nested = corpus.join("2021").join("quang-nam");
    std::fs::create_dir_all(&nested).expect("dirs");
    // 1,500 good articles, then a gzip file cut off two thirds of the way.
    let good: Vec<String> = (0..1500)
        .map(|i| article_line(i, &format!("https://quangnam.gov.vn/tin/{i}"), "2021-02-22"))
        .collect();
    std::fs::write(corpus.join("a-good.jsonl"), good.join("\n")).expect("write");
    let cut: Vec<String> = (0..900)
        .map(|i| article_line(i, &format!("https://danang.gov.vn/tin/{i}"), "2021-03-01"))
        .collect();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(cut.join("\n").as_bytes()).expect("gzip");
    let gz = gz.finish().expect("gzip");
    std::fs::write(corpus.join("b-cut.jsonl.gz"), &gz[..gz.len() * 2 / 3]).expect("write");
    // In a subdirectory, with a byte order mark: a script URL, two impossible dates, one good.
    let lines = [
        article_line(1, "javascript:alert(document.cookie)", "2021-02-22"),
        article_line(2, "https://hanoi.gov.vn/tin/2", "2021-02-30"),
        article_line(3, "https://hanoi.gov.vn/tin/3", "not-a-date"),
        article_line(4, "https://hanoi.gov.vn/tin/4", "2021-02-28"),
    ];
    std::fs::write(
        nested.join("c.jsonl"),
        format!("\u{feff}{}", lines.join("\n")),
    )
    .expect("write");
    std::os::unix::fs::symlink(corpus.join("missing.jsonl"), corpus.join("d-link.jsonl"))
        .expect("link");
    std::fs::write(corpus.join("ghi-chu.txt"), "không phải bài viết").expect("write");

    let index = dir.path().join("index");
    let out = run_index(&corpus, &index);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("b-cut.jsonl.gz: breaks off after line"),
        "{err}"
    );
    assert!(
        err.contains("c.jsonl:1: skipped malformed line: field `url` is not an http(s) URL"),
        "{err}"
    );
    assert!(
        err.contains("c.jsonl:2: `published` '2021-02-30' is not a date"),
        "{err}"
    );
    assert!(
        err.contains("c.jsonl:3: `published` 'not-a-date' is not a date"),
        "{err}"
    );
    assert!(
        err.contains("d-link.jsonl: skipped: dangling symbolic link"),
        "{err}"
    );
    assert!(err.contains("ghi-chu.txt: skipped"), "{err}");
    let summary = stdout(&out);
    assert!(
        summary.contains("1 lines skipped, 2 articles undated, 0 cut to size, 1 files broken off, 2 entries not read"),
        "{summary}"
    );
    let searched = SearchIndex::open(&index).expect("open");
    let docs = searched.num_docs();
    // Every good article, the readable part of the cut file, and three from the subdirectory.
    assert!((1500 + 300 + 3..1500 + 900 + 3).contains(&docs), "{docs}");
    let undated = searched.article(&tracuu_index::article::id_from_url(
        "https://hanoi.gov.vn/tin/2",
    ));
    assert_eq!(undated.expect("kept undated").article.published, None);
}

#[test]
fn endless_input_and_named_pipes_are_read_as_streams() {
    let dir = tempfile::tempdir().expect("temp dir");
    // /dev/zero has no line end: a clear message, bounded memory, and the run still ends.
    let out = run_index(Path::new("/dev/zero"), &dir.path().join("zero"));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("/dev/zero: breaks off after line 0 (no line end"),
        "{}",
        stderr(&out)
    );
    // A named pipe is read as the writer writes it.
    let fifo = dir.path().join("pipe.jsonl");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo")
            .success()
    );
    let writer_path = fifo.clone();
    let writer = std::thread::spawn(move || {
        let mut pipe = std::fs::OpenOptions::new()
            .write(true)
            .open(writer_path)
            .expect("open pipe");
        for i in 0..3 {
            writeln!(
                pipe,
                "{}",
                article_line(i, &format!("https://quangnam.gov.vn/p/{i}"), "2021-02-22")
            )
            .expect("write");
        }
    });
    let out = run_index(&fifo, &dir.path().join("pipe-index"));
    writer.join().expect("writer");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("indexed 3 articles"),
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
        vec!["year:hai-nghìn".into()],
        vec!["--sort".into(), "popular".into(), "x".into()],
        vec!["--from".into(), "22/02/2021".into(), "x".into()],
        vec!["--filter".into(), "tinh=Quảng Nam".into(), "x".into()],
        // A province that names none would otherwise filter to nothing without saying why.
        vec!["--filter".into(), "province=Quang".into(), "x".into()],
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

/// A word typed with a minus (`-"Việt Nam"`, `-year:2024`) is a word of the query, wherever it
/// stands among the options: no `--` is needed to keep clap from reading it as an option.
#[test]
fn a_minus_word_is_part_of_the_query_without_a_separator() {
    let dir = tempfile::tempdir().expect("temp dir");
    let index = dir.path().join("index");
    assert!(run_index(&seeds(), &index).status.success());
    let total = |args: &[&str]| -> serde_json::Value {
        let out = run(tracuu().args(["search", "--index"]).arg(&index).args(args));
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
        json["total"].clone()
    };
    let all = total(&["--json", "người Việt Nam"]);
    assert_eq!(all, 5);
    // Every seed names "Việt Nam": excluding it leaves none, typed before or after the options.
    assert_eq!(total(&["người", "-\"Việt Nam\"", "--json"]), 0);
    assert_eq!(total(&["--json", "người", "--", "-\"Việt Nam\""]), 0);
    assert_eq!(
        total(&["-\"Việt Nam\"", "người", "--json", "--limit", "3"]),
        0
    );
    // A filter typed negated is a filter: none of the seeds was published in 1999.
    assert_eq!(total(&["người", "-year:1999", "--json"]), all);
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
