//! `tracuu serve` through the real binary: builds a missing index, prints its URL, stops on SIGTERM.

mod serve_support;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serve_support::{client, seeds};

fn tracuu() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tracuu"));
    command.env("RUST_LOG", "warn");
    command
}

/// Kills the child if a failed assertion leaves it running.
struct Guard(Child);

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test]
async fn serve_builds_a_missing_index_prints_its_url_and_stops_cleanly_on_sigterm() {
    let dir = tempfile::tempdir().expect("temp dir");
    let index = dir.path().join("fresh/index");
    let child = tracuu()
        .arg("serve")
        .arg("--index")
        .arg(&index)
        .arg("--corpus")
        .arg(seeds())
        .args(["--addr", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn tracuu serve");
    let mut guard = Guard(child);
    let stdout = guard.0.stdout.take().expect("stdout");
    let url = tokio::task::spawn_blocking(move || {
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .map(|_| line.trim().to_string())
    })
    .await
    .expect("join")
    .expect("read the URL line");
    assert!(
        url.starts_with("http://127.0.0.1:") && url.ends_with('/'),
        "printed {url:?}"
    );
    assert!(index.join("meta.json").is_file(), "the index was built");

    let health: serde_json::Value = serde_json::from_str(
        &client()
            .get(format!("{url}healthz"))
            .send()
            .await
            .expect("GET")
            .text()
            .await
            .expect("body"),
    )
    .expect("JSON");
    assert_eq!(health["documents"], 5);
    let page = client()
        .get(format!("{url}?q=kieu+bao"))
        .send()
        .await
        .expect("GET /")
        .text()
        .await
        .expect("body");
    assert!(
        page.contains("<mark>kiều bào</mark>") || page.contains("<mark>Kiều bào</mark>"),
        "{page}"
    );

    let pid = guard.0.id().to_string();
    let killed = Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("run kill");
    assert!(killed.success());
    let started = Instant::now();
    let status = loop {
        if let Some(status) = guard.0.try_wait().expect("wait") {
            break status;
        }
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "serve did not stop after SIGTERM"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(status.success(), "exit status after SIGTERM: {status:?}");
    assert!(
        client().get(format!("{url}healthz")).send().await.is_err(),
        "the port is closed"
    );
}

#[test]
fn serve_without_an_index_or_a_corpus_is_a_usage_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = tracuu()
        .arg("serve")
        .arg("--index")
        .arg(dir.path().join("none"))
        .arg("--corpus")
        .arg(dir.path().join("no-such-corpus.jsonl"))
        .output()
        .expect("run tracuu serve");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no-such-corpus.jsonl"), "{stderr}");
    let bad_addr = tracuu()
        .args(["serve", "--addr", "localhost"])
        .output()
        .expect("run tracuu serve");
    assert_eq!(bad_addr.status.code(), Some(2));
}
