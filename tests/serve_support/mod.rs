//! A real tracuu server on loopback over a fresh index of the bundled seeds, for the serve tests.

#![allow(dead_code)] // each test binary uses a different part of this helper

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use tracuu_index::indexer::{IndexOptions, index_corpus};
use tracuu_index::search::SearchIndex;
use tracuu_serve::{AppState, ConnectionLimits, ServeConfig};

/// The five bundled seed articles.
pub fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/seeds.jsonl")
}

/// Small, single-threaded indexing: five articles need no more.
pub fn small_options() -> IndexOptions {
    IndexOptions {
        memory_budget_bytes: 50 << 20,
        threads: 1,
        progress: false,
        ..IndexOptions::default()
    }
}

/// A running server; dropping it stops the server and deletes the index.
pub struct TestServer {
    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub base: String,
    /// The index directory being served.
    pub index_dir: PathBuf,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    _dir: tempfile::TempDir,
}

impl TestServer {
    /// Indexes the seeds into a temp dir and serves them on 127.0.0.1:0.
    pub async fn start() -> TestServer {
        TestServer::start_with(ServeConfig::default()).await
    }

    /// As [`TestServer::start`], with these settings.
    pub async fn start_with(config: ServeConfig) -> TestServer {
        TestServer::start_on(&[seeds()], config, ConnectionLimits::default()).await
    }

    /// Indexes `corpus` into a temp dir and serves it with these settings and limits.
    pub async fn start_on(
        corpus: &[PathBuf],
        config: ServeConfig,
        limits: ConnectionLimits,
    ) -> TestServer {
        let dir = tempfile::tempdir().expect("temp dir");
        let index_dir = dir.path().join("index");
        let report = index_corpus(corpus, &index_dir, &small_options()).expect("index the corpus");
        if corpus == [seeds()] {
            assert_eq!(
                report.docs_in_index, 5,
                "the bundled corpus holds five articles"
            );
        }
        let index = SearchIndex::open(&index_dir).expect("open the index");
        let app = tracuu_serve::router(AppState::new(Arc::new(index), config)).expect("router");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let base = format!("http://{}", listener.local_addr().expect("local addr"));
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(async move {
            let stop_signal = async move {
                let _ = stopped.await;
            };
            let _ = tracuu_serve::serve_with(
                listener,
                app,
                stop_signal,
                Duration::from_secs(5),
                limits,
            )
            .await;
        });
        TestServer {
            base,
            index_dir,
            stop: Some(stop),
            _dir: dir,
        }
    }

    /// The full URL of `path_and_query` (starting with `/`).
    pub fn url(&self, path_and_query: &str) -> String {
        format!("{}{}", self.base, path_and_query)
    }

    /// GETs a path and returns the status, content type and body.
    pub async fn get(&self, path_and_query: &str) -> (u16, String, String) {
        let response = client()
            .get(self.url(path_and_query))
            .send()
            .await
            .expect("request");
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        let body = response.text().await.expect("body");
        (status, content_type, body)
    }

    /// GETs a path that must answer 200 with JSON, and parses it.
    pub async fn get_json(&self, path_and_query: &str) -> serde_json::Value {
        let (status, content_type, body) = self.get(path_and_query).await;
        assert_eq!(status, 200, "GET {path_and_query}: {body}");
        assert!(
            content_type.starts_with("application/json"),
            "GET {path_and_query}: {content_type}"
        );
        serde_json::from_str(&body).expect("JSON body")
    }

    /// GETs a path that must fail with `status` and the JSON error shape; returns the code.
    pub async fn get_error(&self, path_and_query: &str, status: u16) -> String {
        let (got, content_type, body) = self.get(path_and_query).await;
        assert_eq!(got, status, "GET {path_and_query}: {body}");
        assert!(
            content_type.starts_with("application/json"),
            "GET {path_and_query}: {content_type} {body}"
        );
        let json: serde_json::Value = serde_json::from_str(&body).expect("JSON error body");
        let message = json["error"]["message"].as_str().expect("error.message");
        assert!(!message.is_empty());
        json["error"]["code"]
            .as_str()
            .expect("error.code")
            .to_string()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// Writes `n` articles made from the seeds' texts (distinct URLs and titles) to `path`.
pub fn write_corpus_from_seeds(path: &Path, n: usize) {
    let seeds = std::fs::read_to_string(seeds()).expect("seeds");
    let records: Vec<serde_json::Value> = seeds
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let mut out = String::new();
    for i in 0..n {
        let seed = &records[i % records.len()];
        let record = serde_json::json!({
            "url": format!("https://quangnam.gov.vn/tin-tuc/{i}.html"),
            "title": format!("{} (bản {i})", seed["title"].as_str().unwrap_or("")),
            "body": seed["body"],
            "published": seed["published"],
            "source": seed["source"],
        });
        out.push_str(&record.to_string());
        out.push('\n');
    }
    std::fs::write(path, out).expect("write corpus");
}

/// An HTTP client that never follows redirects and never uses a proxy (tests stay on loopback).
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(30))
        .build()
        .expect("HTTP client")
}
