//! A flood against the real `tracuu serve` in a process limited to 256 file descriptors, as the
//! hostile review ran it: 300 silent connections and 20 clients trickling headers one byte a
//! second, while a normal client searches. Every one of the normal client's requests must succeed.
//!
//! Run twice: once with the default connection limit (what the descriptor limit allows), where the
//! server closes idle connections that never sent a request to make room, and once with a limit far above the
//! descriptors, where `accept` itself fails with `EMFILE` and the server must back off and go on.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;

/// Stops the server when the test ends, however it ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `tracuu serve` on a free port with at most 256 open files; returns it and its address.
fn start(index: &Path, extra: &[&str]) -> (Server, String) {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/seeds.jsonl");
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(r#"ulimit -n 256 && exec "$@""#)
        .arg("sh")
        .arg(env!("CARGO_BIN_EXE_tracuu"))
        .args(["serve", "--addr", "127.0.0.1:0", "--index"])
        .arg(index)
        .arg("--corpus")
        .arg(seeds)
        .args(extra)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start tracuu serve");
    let stdout = child.stdout.take().expect("stdout");
    let server = Server(child);
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("the URL line");
    let addr = line
        .trim()
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    assert!(addr.starts_with("127.0.0.1:"), "printed {line:?}");
    (server, addr)
}

/// Holds a connection open without sending anything; reconnects when the server closes it.
async fn silent_client(addr: String, until: Instant) {
    while Instant::now() < until {
        match TcpStream::connect(&addr).await {
            Ok(mut stream) => {
                let mut buf = [0u8; 16];
                let left = until.saturating_duration_since(Instant::now());
                let _ = tokio::time::timeout(
                    left,
                    tokio::io::AsyncReadExt::read(&mut stream, &mut buf),
                )
                .await;
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
}

/// Sends a request head one byte a second; reconnects when the server closes it.
async fn slow_header_client(addr: String, until: Instant) {
    let head = b"GET /healthz HTTP/1.1\r\nhost: localhost\r\nuser-agent: cham-rai\r\n\r\n";
    while Instant::now() < until {
        let Ok(mut stream) = TcpStream::connect(&addr).await else {
            tokio::time::sleep(Duration::from_millis(100)).await;
            continue;
        };
        for byte in head {
            if Instant::now() >= until || stream.write_all(&[*byte]).await.is_err() {
                break;
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    }
}

async fn flood_while_searching(extra: &[&str]) {
    let dir = tempfile::tempdir().expect("temp dir");
    let (_server, addr) = start(&dir.path().join("index"), extra);
    let client = reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(15))
        .build()
        .expect("client");
    let base = format!("http://{addr}");
    assert!(client.get(format!("{base}/healthz")).send().await.is_ok());

    let until = Instant::now() + Duration::from_secs(20);
    let mut flood = tokio::task::JoinSet::new();
    for _ in 0..300 {
        flood.spawn(silent_client(addr.clone(), until));
    }
    for _ in 0..20 {
        flood.spawn(slow_header_client(addr.clone(), until));
    }
    tokio::time::sleep(Duration::from_secs(2)).await; // let the flood fill the server

    let queries = [
        "/api/search?q=nguoi+viet+nam+o+nuoc+ngoai",
        "/healthz",
        "/?q=ki%E1%BB%81u+b%C3%A0o",
        "/api/search?q=UBND&ref=36-NQ%2FTW",
    ];
    let mut slowest = Duration::ZERO;
    for i in 0..40 {
        let path = queries[i % queries.len()];
        let started = Instant::now();
        let response = client.get(format!("{base}{path}")).send().await;
        let status = response.as_ref().map(|r| r.status().as_u16());
        assert_eq!(
            status.ok(),
            Some(200),
            "request {i} ({path}) failed: {response:?}"
        );
        let body = response.expect("response").text().await.expect("body");
        assert!(!body.is_empty());
        slowest = slowest.max(started.elapsed());
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    eprintln!("flood {extra:?}: 40 of 40 normal requests answered, slowest {slowest:?}");
    flood.abort_all();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_of_idle_connections_does_not_lock_out_a_searching_client() {
    flood_while_searching(&[]).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn running_out_of_file_descriptors_does_not_stop_the_server() {
    // A connection limit far above the 256 descriptors: accept fails with EMFILE.
    flood_while_searching(&["--max-connections", "5000"]).await;
}
