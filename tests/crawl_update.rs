//! `tracuu update` against a generated portal on loopback that publishes new articles between two
//! runs: the second run fetches only what changed (the portal counts every request), indexes only
//! the new articles, and a `tracuu serve` started before it answers with them without a restart.
//! `--every` repeats until SIGTERM, which ends the process cleanly (and `--no-warc` archives nothing).

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn tracuu() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tracuu"));
    command.env("RUST_LOG", "warn");
    command
}

struct Guard(Child);

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn update(sites: &Path, data: &Path, index: &Path) -> Command {
    let mut command = tracuu();
    command
        .args(["update", "--sites"])
        .arg(sites)
        .arg("--data")
        .arg(data)
        .arg("--index")
        .arg(index)
        .args(["--delay-ms", "0", "--memory-mb", "64"]);
    command
}

/// Sends SIGTERM to the child.
fn terminate(guard: &Guard) {
    let status = Command::new("kill")
        .args(["-TERM", &guard.0.id().to_string()])
        .status()
        .expect("kill -TERM");
    assert!(status.success());
}

/// The child's exit status, failing the test when it runs longer than `limit`.
fn exit_within(guard: &mut Guard, limit: Duration) -> std::process::ExitStatus {
    let deadline = Instant::now() + limit;
    loop {
        if let Some(exit) = guard.0.try_wait().expect("wait") {
            return exit;
        }
        assert!(
            Instant::now() < deadline,
            "still running {limit:?} after SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn line_count(path: &Path) -> usize {
    std::fs::read_to_string(path).map_or(0, |text| text.lines().count())
}

fn run(command: &mut Command) -> String {
    let output = command.output().expect("run tracuu update");
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert!(output.status.success(), "tracuu update failed: {stderr}");
    stderr
}

async fn hits(client: &reqwest::Client, url: &str, query: &str) -> u64 {
    let text = client
        .get(format!("{url}api/search"))
        .query(&[("q", query)])
        .send()
        .await
        .expect("GET /api/search")
        .text()
        .await
        .expect("body");
    let body: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    body["total"].as_u64().unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_update_fetches_only_the_new_articles_and_serve_shows_them() {
    let (portal, addr) = tracuu_crawl_bench::start(60, 1, true).expect("portal");
    let dir = tempfile::tempdir().expect("tempdir");
    let sites = dir.path().join("sites.toml");
    std::fs::write(&sites, tracuu_crawl_bench::profile(addr)).expect("write sites");
    let data = dir.path().join("data");
    let index = dir.path().join("index");

    let first = run(&mut update(&sites, &data, &index));
    assert!(
        first.contains("60 new or changed articles crawled, 60 indexed"),
        "{first}"
    );

    let child = tracuu()
        .args(["serve", "--index"])
        .arg(&index)
        .args(["--addr", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn tracuu serve");
    let mut server = Guard(child);
    let stdout = server.0.stdout.take().expect("stdout");
    let url = tokio::task::spawn_blocking(move || {
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .map(|_| line.trim().to_string())
    })
    .await
    .expect("join")
    .expect("the URL line");
    let client = reqwest::Client::new();
    let newest = "\"lần thứ 64\"";
    assert_eq!(hits(&client, &url, "\"lần thứ 60\"").await, 1);
    assert_eq!(hits(&client, &url, newest).await, 0);

    // The portal publishes six articles; the second update fetches them and nothing it knows.
    portal.set_articles(66);
    portal.clear_requests();
    let second = run(&mut update(&sites, &data, &index));
    assert!(
        second.contains("6 new or changed articles crawled, 6 indexed"),
        "{second}"
    );
    let requests = portal.requests();
    let articles: BTreeSet<&str> = requests
        .iter()
        .filter(|p| p.starts_with("/tin-tuc/"))
        .map(String::as_str)
        .collect();
    let new: BTreeSet<String> = (61..=66).map(tracuu_crawl_bench::article_path).collect();
    let new: BTreeSet<&str> = new.iter().map(String::as_str).collect();
    assert_eq!(articles, new, "article pages fetched by the second update");
    let kinds = tracuu_crawl_bench::by_kind(&requests);
    assert_eq!(kinds.get("article"), Some(&6), "{requests:?}");
    // robots.txt, the sitemap index, the one sitemap that changed, the feed, and the listing
    // pages as deep as they show new articles.
    assert!(
        requests.len() <= 12,
        "{} requests: {requests:?}",
        requests.len()
    );
    assert_eq!(kinds.get("listing"), Some(&2), "{requests:?}");

    // The running server answers with the new articles, without a restart.
    let deadline = Instant::now() + Duration::from_secs(15);
    while hits(&client, &url, newest).await == 0 {
        assert!(
            Instant::now() < deadline,
            "the server never showed the new articles"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(hits(&client, &url, "\"lần thứ 66\"").await, 1);
    let lines = std::fs::read_to_string(data.join("articles.jsonl")).expect("articles");
    assert_eq!(
        lines.lines().count(),
        66,
        "an article written twice or lost"
    );

    // A third run with nothing new fetches no article and indexes nothing.
    portal.clear_requests();
    let third = run(&mut update(&sites, &data, &index));
    assert!(
        third.contains("0 new or changed articles crawled, 0 indexed"),
        "{third}"
    );
    let kinds = tracuu_crawl_bench::by_kind(&portal.requests());
    assert_eq!(kinds.get("article"), None, "{:?}", portal.requests());
}

#[test]
fn update_every_repeats_until_sigterm_and_then_exits_cleanly() {
    let (_portal, addr) = tracuu_crawl_bench::start(25, 1, false).expect("portal");
    let dir = tempfile::tempdir().expect("tempdir");
    let sites = dir.path().join("sites.toml");
    std::fs::write(&sites, tracuu_crawl_bench::profile(addr)).expect("write sites");
    let data = dir.path().join("data");
    let mut command = update(&sites, &data, &dir.path().join("index"));
    let child = command
        .args(["--every", "1h", "--no-warc"])
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn tracuu update --every");
    let mut guard = Guard(child);
    let stderr = guard.0.stderr.take().expect("stderr");
    let mut reader = BufReader::new(stderr);
    let mut seen = String::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    while !seen.contains("tracuu update:") {
        assert!(Instant::now() < deadline, "no update step finished: {seen}");
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            break;
        }
        seen.push_str(&line);
    }
    assert!(
        seen.contains("25 new or changed articles crawled, 25 indexed"),
        "{seen}"
    );
    // Waiting for the next step: SIGTERM ends it at once, cleanly.
    terminate(&guard);
    let exit = exit_within(&mut guard, Duration::from_secs(20));
    let mut rest = String::new();
    let _ = reader.read_to_string(&mut rest);
    assert!(exit.success(), "exit {exit:?}: {rest}");
    assert!(!data.join("warc").exists(), "--no-warc wrote an archive");
    let articles = std::fs::read_to_string(data.join("articles.jsonl")).expect("articles");
    assert!(articles.lines().all(|l| !l.contains("warc_file")));
}

#[test]
fn sigterm_during_a_crawl_stops_it_and_indexes_every_article_it_wrote() {
    let (_portal, addr) = tracuu_crawl_bench::start(3000, 1, false).expect("portal");
    let dir = tempfile::tempdir().expect("tempdir");
    let sites = dir.path().join("sites.toml");
    std::fs::write(&sites, tracuu_crawl_bench::profile(addr)).expect("write sites");
    let data = dir.path().join("data");
    let articles = data.join("articles.jsonl");
    let child = update(&sites, &data, &dir.path().join("index"))
        .arg("--no-warc")
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn tracuu update");
    let mut guard = Guard(child);
    // The crawl is under way: articles are being written.
    let deadline = Instant::now() + Duration::from_secs(60);
    while line_count(&articles) < 20 {
        assert!(Instant::now() < deadline, "no article written in 60 s");
        std::thread::sleep(Duration::from_millis(20));
    }
    terminate(&guard);
    let exit = exit_within(&mut guard, Duration::from_secs(30));
    let mut stderr = String::new();
    let _ = guard
        .0
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut stderr);
    assert!(exit.success(), "exit {exit:?}: {stderr}");
    assert!(
        stderr.contains("stopping after the step under way"),
        "{stderr}"
    );
    let written = line_count(&articles);
    assert!(
        (20..3000).contains(&written),
        "the crawl stopped early: {written} articles"
    );
    // The step ends with the index holding exactly what the crawl wrote.
    let summary = stderr
        .lines()
        .find(|l| l.starts_with("tracuu update:"))
        .unwrap_or_else(|| panic!("no summary: {stderr}"));
    assert!(
        summary.contains(&format!(
            "{written} new or changed articles crawled, {written} indexed, {written} in"
        )),
        "{summary}"
    );
}
