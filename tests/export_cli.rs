//! `tracuu export` through the real binary: the file and its provenance, and the provenance's
//! command writing the same rows again.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn tracuu() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tracuu"));
    command.env("RUST_LOG", "warn");
    command
}

fn corpus() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    vec![
        root.join("corpus/seeds.jsonl"),
        root.join("tests/fixtures/trends.jsonl"),
    ]
}

fn run(command: &mut Command) -> Output {
    command.output().expect("run tracuu")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// An index of the seeds and the trends fixture in `dir/index`.
fn index(dir: &Path) -> PathBuf {
    let index = dir.join("index");
    let out = run(tracuu()
        .arg("index")
        .arg("--corpus")
        .args(corpus())
        .arg("--index")
        .arg(&index));
    assert!(out.status.success(), "{}", stderr(&out));
    index
}

fn provenance(file: &Path) -> Value {
    let mut name = file.as_os_str().to_owned();
    name.push(".provenance.json");
    let text = std::fs::read_to_string(PathBuf::from(name)).expect("FILE.provenance.json");
    serde_json::from_str(&text).expect("JSON")
}

#[test]
fn an_export_writes_its_file_and_provenance_and_the_recorded_command_repeats_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let index = index(dir.path());
    let out_file = dir.path().join("nong-thon-moi.csv");
    let out = run(tracuu()
        .args(["export", "--index"])
        .arg(&index)
        .args(["--format", "csv", "--out"])
        .arg(&out_file)
        .args([
            "--sort",
            "newest",
            "--filter",
            "province=Quảng Nam",
            "--from",
            "2019-01-01",
        ])
        .arg("nông thôn mới"));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("provenance in"), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("wrote 2 of 2 matching articles"),
        "{}",
        stderr(&out)
    );
    let bytes = std::fs::read(&out_file).expect("the CSV");
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "a byte order mark first"
    );
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    // The 2019 plan and the ten-year review of Quảng Nam; the undated guide has no date to pass
    // `--from`, and Tuyên Quang's article is of another province.
    let titles: Vec<&str> = rows.iter().map(|r| &r[2]).collect();
    assert_eq!(
        titles,
        [
            "Quảng Nam tổng kết 10 năm xây dựng nông thôn mới",
            "Quảng Nam đẩy mạnh xây dựng nông thôn mới năm 2019",
        ]
    );
    assert!(rows.iter().all(|r| r[6].contains("Quảng Nam")));
    assert_eq!(&rows[1][7], "1600/QĐ-TTg");
    let p = provenance(&out_file);
    assert_eq!(p["format"], "csv");
    assert_eq!(p["file"], "nong-thon-moi.csv");
    assert_eq!(
        (p["total"].as_u64(), p["rows"].as_u64()),
        (Some(2), Some(2))
    );
    assert_eq!(p["truncated"], false);
    assert_eq!(p["match"], "all");
    assert_eq!(p["search"]["q"], "nông thôn mới");
    assert_eq!(p["search"]["sort"], "newest");
    assert_eq!(p["search"]["from"], "2019-01-01");
    assert_eq!(
        p["search"]["filters"]["province"],
        serde_json::json!(["Quảng Nam"])
    );
    assert_eq!(p["tracuu_version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(p["index_generation"].as_str().map(str::len), Some(16));
    assert!(
        p["generated_at"]
            .as_str()
            .is_some_and(|t| t.ends_with("+07:00"))
    );

    // The recorded command, with another --out, writes the same bytes.
    let command: Vec<String> = p["command"]
        .as_array()
        .expect("command")
        .iter()
        .map(|a| a.as_str().expect("argument").to_string())
        .collect();
    assert_eq!(&command[..2], ["tracuu", "export"]);
    let again = dir.path().join("again.csv");
    let mut args = command[1..].to_vec();
    let at = args.iter().position(|a| a == "--out").expect("--out") + 1;
    args[at] = again.display().to_string();
    let out = run(tracuu().args(&args));
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    assert_eq!(std::fs::read(&again).expect("again"), bytes);
    assert_eq!(
        provenance(&again)["index_generation"],
        p["index_generation"]
    );
}

#[test]
fn an_export_of_the_closest_articles_does_not_call_them_matching() {
    let dir = tempfile::tempdir().expect("temp dir");
    let index = index(dir.path());
    let out_file = dir.path().join("closest.csv");
    // No article holds "xyzzy": the export holds the closest ones, and says so.
    let out = run(tracuu()
        .args(["export", "--index"])
        .arg(&index)
        .args(["--format", "csv", "--out"])
        .arg(&out_file)
        .arg("nông thôn mới xyzzy"));
    assert!(out.status.success(), "{}", stderr(&out));
    let said = stderr(&out);
    assert!(said.contains("closest articles"), "{said}");
    assert!(!said.contains("matching articles"), "{said}");
    assert_eq!(provenance(&out_file)["match"], "partial");
}

#[test]
fn a_cut_json_lines_export_says_so_and_bad_arguments_exit_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    let index = index(dir.path());
    let out_file = dir.path().join("all.jsonl");
    let out = run(tracuu()
        .args(["export", "--index"])
        .arg(&index)
        .args([
            "--format", "jsonl", "--limit", "4", "--sort", "oldest", "--out",
        ])
        .arg(&out_file)
        .arg(""));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("wrote 4 of 14"), "{}", stderr(&out));
    let text = std::fs::read_to_string(&out_file).expect("the file");
    let rows: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0]["published"], "2019-03-15", "oldest first");
    assert!(rows[0]["cited"].is_array() && rows[0]["provinces"].is_array());
    let p = provenance(&out_file);
    assert_eq!(
        (p["rows"].as_u64(), p["total"].as_u64()),
        (Some(4), Some(14))
    );
    assert_eq!(p["truncated"], true);
    assert_eq!(p["search"]["limit"], 4);

    for bad in [
        vec!["--filter", "tinh=Quảng Nam"],
        vec!["--from", "22/02/2021"],
        vec!["--limit", "10001"],
        vec!["--sort", "hot"],
    ] {
        let missing = dir.path().join("never.csv");
        let out = run(tracuu()
            .args(["export", "--index"])
            .arg(&index)
            .args(["--format", "csv", "--out"])
            .arg(&missing)
            .args(&bad)
            .arg("kieu bao"));
        assert_eq!(out.status.code(), Some(2), "{bad:?}: {}", stderr(&out));
        assert!(!missing.exists(), "{bad:?} wrote a file");
    }
    let out = run(tracuu()
        .args(["export", "--index"])
        .arg(dir.path().join("khong-co"))
        .args(["--format", "csv", "--out"])
        .arg(dir.path().join("x.csv"))
        .arg("kieu bao"));
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}
