//! `tracuu update --sites FILE --data DIR --index DIR [--every DURATION]`: keep an index current.
//!
//! One step crawls what is new or changed since the last step (an update pass: sitemap `lastmod`,
//! feeds, listing pages as deep as they show something new, conditional GET), then indexes only
//! the articles that pass wrote; a running `tracuu serve` on the same index shows them within a
//! second, without a restart. With `--every` the steps repeat until SIGTERM or Ctrl-C, which
//! finishes the step under way cleanly (the crawl stops starting fetches, writes those in flight,
//! and what it wrote is indexed) and exits 0.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use anyhow::Context;
use tokio::sync::Notify;
use tracuu_crawl::crawler::{CrawlMode, crawl};
use tracuu_crawl::update::index_new_articles;
use tracuu_index::indexer::IndexOptions;

use super::crawl::{CrawlArgs, print_report};

/// Arguments of `tracuu update`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Site profiles (TOML).
    #[arg(long)]
    sites: PathBuf,
    /// The crawl directory (`articles.jsonl`, crawl state, `warc/`), kept from step to step.
    #[arg(long)]
    data: PathBuf,
    /// The index to keep current (created when missing).
    #[arg(long)]
    index: PathBuf,
    /// Repeat every DURATION (`30m`, `6h`, `1day`) until stopped; without it, one step.
    #[arg(long)]
    every: Option<humantime::Duration>,
    /// Writer memory budget of the index step in MB.
    #[arg(long, default_value_t = 256, value_parser = clap::value_parser!(u64).range(32..=16_384))]
    memory_mb: u64,
    #[command(flatten)]
    settings: CrawlArgs,
}

/// Sets `stop` and wakes the returned `Notify` on SIGTERM or Ctrl-C; a second signal exits at
/// once (the crawl state survives that too: see `tracuu_crawl::state`).
pub fn stop_on_signal(stop: Arc<AtomicBool>) -> Arc<Notify> {
    let wake = Arc::new(Notify::new());
    let notify = wake.clone();
    tokio::spawn(async move {
        tracuu_serve::shutdown::signal().await;
        eprintln!("tracuu: stopping after the step under way (signal again to stop at once)");
        stop.store(true, Ordering::Relaxed);
        notify.notify_one();
        tracuu_serve::shutdown::signal().await;
        eprintln!("tracuu: stopped");
        std::process::exit(130);
    });
    wake
}

/// Runs `tracuu update`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let sites = match args.settings.profiles(&args.sites) {
        Ok(sites) => sites,
        Err(message) => return Ok(super::usage_error(message)),
    };
    let stop = Arc::new(AtomicBool::new(false));
    let options = args
        .settings
        .options(args.data.clone(), sites, CrawlMode::Update, stop.clone());
    let index_options = IndexOptions {
        memory_budget_bytes: (args.memory_mb as usize) << 20,
        ..IndexOptions::default()
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    runtime.block_on(async {
        let wake = stop_on_signal(stop.clone());
        loop {
            let started = Instant::now();
            let report = crawl(options.clone())
                .await
                .with_context(|| format!("crawling into {}", args.data.display()))?;
            print_report(&report);
            let (data, index, index_options) =
                (args.data.clone(), args.index.clone(), index_options.clone());
            let step = tokio::task::spawn_blocking(move || {
                index_new_articles(&data, &index, &index_options)
            })
            .await
            .context("the index step crashed")?
            .with_context(|| format!("indexing into {}", args.index.display()))?;
            eprintln!(
                "tracuu update: {} new or changed articles crawled, {} indexed, {} in {} ({:.1} s)",
                report.written(),
                step.indexed,
                step.docs_in_index,
                args.index.display(),
                started.elapsed().as_secs_f64()
            );
            let Some(every) = args.every else { break };
            if stop.load(Ordering::Relaxed) {
                break;
            }
            let wait = every.saturating_sub(started.elapsed());
            tracing::info!(?wait, "next update step");
            tokio::select! {
                () = tokio::time::sleep(wait) => {}
                () = wake.notified() => break,
            }
        }
        anyhow::Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}
