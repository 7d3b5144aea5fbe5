//! `tracuu serve [--index DIR] [--corpus PATH...] [--addr 127.0.0.1:8080]`: the API and web page.
//!
//! When the index directory holds no index yet, it is built from the corpus first (by default the
//! bundled `corpus/`), so a fresh clone serves with one command. The URL is printed on stdout once
//! the server listens; SIGTERM or Ctrl-C drains requests in flight and exits 0.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use tracuu_index::indexer::{IndexOptions, index_corpus, index_exists};
use tracuu_index::search::SearchIndex;
use tracuu_serve::{AppState, ConnectionLimits, ServeConfig};

/// Arguments of `tracuu serve`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Index directory; built from --corpus when it holds no index yet.
    #[arg(long, default_value = ".tracuu/index")]
    index: PathBuf,
    /// Article JSON Lines files or directories to build a missing index from.
    #[arg(long, num_args = 1.., default_value = "corpus")]
    corpus: Vec<PathBuf>,
    /// Address to listen on (port 0 picks a free port; the URL printed says which).
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Allow browsers on this origin to call the API (repeatable; `*` for any). Off by default.
    #[arg(long = "cors-origin")]
    cors_origins: Vec<String>,
    /// Seconds one request may take before it is answered with 503 `timeout`.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=3600))]
    timeout_secs: u64,
    /// Seconds of searching one CSV/JSONL export may use in all; past it the download is cut off.
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=3600))]
    export_budget_secs: u64,
    /// Seconds a connection has to send a whole request head (also the keep-alive idle time).
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=600))]
    header_timeout_secs: u64,
    /// Connections open at once (default: the file descriptor limit less 64, between 16 and
    /// 10,000).
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=100_000))]
    max_connections: Option<u64>,
}

/// Runs `tracuu serve`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if !index_exists(&args.index) {
        if let Some(missing) = args.corpus.iter().find(|p| !p.exists()) {
            return Ok(super::usage_error(format!(
                "no index at {} and corpus path {} does not exist; give --corpus or build one with 'tracuu index'",
                args.index.display(),
                missing.display()
            )));
        }
        eprintln!(
            "tracuu: no index at {}; building it from {}",
            args.index.display(),
            list(&args.corpus)
        );
        let report = index_corpus(&args.corpus, &args.index, &IndexOptions::default())
            .with_context(|| format!("building the index at {}", args.index.display()))?;
        eprintln!(
            "tracuu: indexed {} articles in {:.1} s ({} lines skipped, {} articles undated, {} cut to size, \
             {} files broken off, {} entries not read)",
            report.indexed,
            report.elapsed.as_secs_f64(),
            report.skipped_lines,
            report.undated,
            report.cut,
            report.broken_files,
            report.skipped_entries
        );
    }
    let index = SearchIndex::open(&args.index)
        .with_context(|| format!("opening the index at {}", args.index.display()))?;
    let config = ServeConfig {
        request_timeout: Duration::from_secs(args.timeout_secs),
        cors_origins: args.cors_origins,
        export_budget: Duration::from_secs(args.export_budget_secs),
        ..ServeConfig::default()
    };
    let limits = ConnectionLimits {
        header_timeout: Duration::from_secs(args.header_timeout_secs),
        max_connections: args
            .max_connections
            .map_or_else(tracuu_serve::server::default_max_connections, |n| {
                usize::try_from(n).unwrap_or(usize::MAX)
            }),
    };
    let grace = config.request_timeout;
    let app = match tracuu_serve::router(AppState::new(Arc::new(index), config)) {
        Ok(app) => app,
        Err(err) => return Ok(super::usage_error(err)),
    };

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .with_context(|| format!("cannot listen on {}", args.addr))?;
        let local = listener.local_addr().context("reading the bound address")?;
        println!("http://{local}/");
        tracing::info!(%local, index = %args.index.display(), max_connections = limits.max_connections, "serving");
        tracuu_serve::serve_with(listener, app, tracuu_serve::shutdown::signal(), grace, limits)
            .await
            .context("serving")?;
        anyhow::Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}

fn list(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}
