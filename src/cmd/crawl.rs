//! `tracuu crawl --sites corpus/sites.toml --out DIR [--max-pages N] [--site NAME]`.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use tracuu_crawl::crawler::{CrawlOptions, crawl};
use tracuu_crawl::fetch::FetchSettings;
use tracuu_crawl::politeness::Pacing;
use tracuu_crawl::profile::load_profiles;

/// Arguments of `tracuu crawl`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Site profiles (TOML).
    #[arg(long)]
    sites: PathBuf,
    /// Output directory: `articles.jsonl` (for `tracuu index`) and the crawl state.
    #[arg(long)]
    out: PathBuf,
    /// Fetch at most this many article pages in this run; the rest stays queued for the next.
    #[arg(long)]
    max_pages: Option<usize>,
    /// Crawl only the profile with this name (repeatable).
    #[arg(long)]
    site: Vec<String>,
    /// Smallest pause between two requests to one host, in milliseconds.
    #[arg(long, default_value_t = 1000)]
    delay_ms: u64,
    /// Largest pause honoured (a longer robots.txt Crawl-delay is capped), in milliseconds.
    #[arg(long, default_value_t = 30_000)]
    max_delay_ms: u64,
    /// Requests in flight over all hosts.
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u64).range(1..=64))]
    concurrency: u64,
    /// Timeout of one request, in seconds.
    #[arg(long, default_value_t = 30)]
    timeout_secs: u64,
    /// Largest page body accepted, in bytes.
    #[arg(long, default_value_t = 10 * 1024 * 1024)]
    max_body_bytes: usize,
    /// Retries on 429/5xx/network errors.
    #[arg(long, default_value_t = 3)]
    retries: u32,
    /// First retry backoff in milliseconds (doubled each time; Retry-After wins when given).
    #[arg(long, default_value_t = 1000)]
    backoff_ms: u64,
}

/// Runs `tracuu crawl`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if !args.sites.is_file() {
        return Ok(super::usage_error(format!(
            "--sites {} is not a file",
            args.sites.display()
        )));
    }
    let mut sites = match load_profiles(&args.sites) {
        Ok(sites) => sites,
        Err(err) => return Ok(super::usage_error(err)),
    };
    if !args.site.is_empty() {
        let unknown: Vec<&String> = args
            .site
            .iter()
            .filter(|name| !sites.iter().any(|s| &s.name == *name))
            .collect();
        if !unknown.is_empty() {
            let known: Vec<&str> = sites.iter().map(|s| s.name.as_str()).collect();
            return Ok(super::usage_error(format!(
                "unknown --site {unknown:?}; the profiles are {known:?}"
            )));
        }
        sites.retain(|s| args.site.contains(&s.name));
    }
    let fetch = FetchSettings {
        timeout: Duration::from_secs(args.timeout_secs.max(1)),
        max_body: args.max_body_bytes,
        retries: args.retries,
        backoff: Duration::from_millis(args.backoff_ms),
        ..FetchSettings::default()
    };
    let options = CrawlOptions {
        out: args.out.clone(),
        max_pages: args.max_pages,
        sites,
        fetch,
        pacing: Pacing {
            floor: Duration::from_millis(args.delay_ms),
            cap: Duration::from_millis(args.max_delay_ms),
        },
        concurrency: args.concurrency as usize,
        progress: std::io::stderr().is_terminal(),
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let report = runtime.block_on(crawl(options))?;
    eprintln!(
        "{:<32} {:>8} {:>8} {:>9} {:>10} {:>8} {:>7}",
        "host", "fetched", "written", "unchanged", "duplicates", "skipped", "failed"
    );
    for (host, c) in &report.hosts {
        eprintln!(
            "{host:<32} {:>8} {:>8} {:>9} {:>10} {:>8} {:>7}",
            c.fetched, c.written, c.unchanged, c.duplicates, c.skipped, c.failed
        );
    }
    if report.remaining > 0 {
        eprintln!(
            "{} URLs still queued; run the same command again to continue.",
            report.remaining
        );
    }
    eprintln!("articles: {}", args.out.join("articles.jsonl").display());
    Ok(ExitCode::SUCCESS)
}
