//! The crawl's archive: WARC files a test crawl writes pass `warcio check`, `tracuu extract --warc`
//! gives back the crawl's Articles offline, and `tracuu serve` shows the archived page sandboxed.
//!
//! The crawl runs against a generated portal on loopback (`benches/crawl`). `warcio` comes from
//! `scripts/install-warcio.sh` (CI runs it); without it that one check is skipped with a message,
//! except under `CI=true`, where a missing `warcio` fails the test.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use tracuu_index::article::Article;

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

fn articles(text: &str) -> Vec<Article> {
    text.lines()
        .map(|line| serde_json::from_str(line).expect("an Article per line"))
        .collect()
}

fn warc_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("warc/ exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".warc.gz"))
        .collect();
    files.sort();
    files
}

fn warcio() -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(".tools/warcio/bin/warcio");
    if path.is_file() {
        return Some(path);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "warcio is missing under CI: scripts/install-warcio.sh should have installed it"
    );
    eprintln!("SKIPPED warcio check: run scripts/install-warcio.sh to install warcio");
    None
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_crawl_archives_pages_that_warcio_accepts_and_extract_and_serve_read_back() {
    let (portal, addr) = tracuu_crawl_bench::start(300, 1, false).expect("portal");
    let dir = tempfile::tempdir().expect("tempdir");
    let sites = dir.path().join("sites.toml");
    std::fs::write(&sites, tracuu_crawl_bench::profile(addr)).expect("write sites");
    let out = dir.path().join("crawl");
    // Small WARC files, so the crawl rotates through several.
    let output = tracuu()
        .args(["crawl", "--sites"])
        .arg(&sites)
        .arg("--out")
        .arg(&out)
        .args(["--delay-ms", "0", "--warc-max-mb", "1"])
        .output()
        .expect("run tracuu crawl");
    assert!(
        output.status.success(),
        "crawl failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let crawled = articles(&std::fs::read_to_string(out.join("articles.jsonl")).expect("articles"));
    assert_eq!(crawled.len(), 300, "every article of the portal, once");
    assert!(portal.article_hits() >= 300);
    let files = warc_files(&out.join("warc"));
    assert!(files.len() >= 2, "the archive rotated: {files:?}");
    for article in &crawled {
        let file = article
            .warc_file
            .as_deref()
            .expect("each article names its WARC file");
        assert!(
            files.iter().any(|f| f.as_path() == Path::new(file)),
            "{file}"
        );
        assert!(article.warc_offset.is_some());
    }

    if let Some(warcio) = warcio() {
        let check = Command::new(&warcio)
            .arg("check")
            .arg("-v")
            .args(&files)
            .output()
            .expect("run warcio check");
        let report = String::from_utf8_lossy(&check.stdout);
        assert!(
            check.status.success(),
            "warcio check failed: {report}{}",
            String::from_utf8_lossy(&check.stderr)
        );
        assert!(
            report.contains("digest pass"),
            "no digest checked: {report}"
        );
        assert!(!report.contains("fail"), "{report}");
    }

    // Offline, from the archive alone: the same Articles, in the same order.
    let extracted = tracuu()
        .args(["extract", "--sites"])
        .arg(&sites)
        .arg("--warc")
        .args(&files)
        .output()
        .expect("run tracuu extract --warc");
    assert!(
        extracted.status.success(),
        "extract --warc failed: {}",
        String::from_utf8_lossy(&extracted.stderr)
    );
    let again = articles(&String::from_utf8_lossy(&extracted.stdout));
    assert_eq!(again.len(), crawled.len());
    for (a, b) in again.iter().zip(&crawled) {
        assert_eq!(a, b, "extract --warc differs from the crawl for {}", b.url);
    }
    // And they are the portal's articles: its titles, its paragraphs, no page furniture.
    for article in &crawled {
        let number: usize = article
            .url
            .rsplit('/')
            .next()
            .and_then(|name| name.split('-').next())
            .and_then(|n| n.parse().ok())
            .expect("an article URL");
        assert_eq!(article.title, tracuu_crawl_bench::title(number));
        let generated = tracuu_crawl_bench::paragraphs(number);
        assert!(
            article
                .body
                .split("\n\n")
                .all(|p| p == "Văn phòng UBND tỉnh" || generated.iter().any(|g| g == p)),
            "{:?} is not made of the article's paragraphs {generated:?}",
            article.body
        );
    }

    // The archived copy, served sandboxed.
    let index = dir.path().join("index");
    let indexed = tracuu()
        .args(["index", "--corpus"])
        .arg(out.join("articles.jsonl"))
        .arg("--index")
        .arg(&index)
        .output()
        .expect("run tracuu index");
    assert!(
        indexed.status.success(),
        "{}",
        String::from_utf8_lossy(&indexed.stderr)
    );
    let child = tracuu()
        .args(["serve", "--index"])
        .arg(&index)
        .args(["--addr", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
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
    .expect("the URL line");
    let article = &crawled[3];
    let id = article.effective_id();
    let client = reqwest::Client::new();
    let response = client
        .get(format!("{url}articles/{id}/archive"))
        .send()
        .await
        .expect("GET archive");
    assert_eq!(response.status(), 200);
    let csp = response
        .headers()
        .get("content-security-policy")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    assert!(csp.split(';').any(|d| d.trim() == "sandbox"), "CSP {csp:?}");
    assert!(
        !csp.contains("allow-scripts") && !csp.contains("allow-same-origin"),
        "{csp}"
    );
    assert!(csp.contains("default-src 'none'"), "{csp}");
    let page = response.text().await.expect("body");
    assert!(
        page.contains("B&#7843;n l&#432;u tr&#7919;"),
        "no archived-copy banner"
    );
    assert!(
        page.contains(&article.title),
        "the archived page is not the article's"
    );
    assert!(
        page.contains("<div class=\"share\">"),
        "not the page as fetched (raw HTML)"
    );
    let missing = client
        .get(format!("{url}articles/0000000000000000/archive"))
        .send()
        .await
        .expect("GET missing archive");
    assert_eq!(missing.status(), 404);
}
