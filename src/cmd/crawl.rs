//! `tracuu crawl --sites corpus/sites.toml --out DIR [--max-pages N] [--site NAME] [--no-warc]`.
//!
//! Ctrl-C or SIGTERM stops it cleanly: no new fetches, those in flight written, state committed.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use tracuu_crawl::crawler::{CrawlMode, CrawlOptions, CrawlReport, crawl};
use tracuu_crawl::fetch::FetchSettings;
use tracuu_crawl::politeness::Pacing;
use tracuu_crawl::profile::{SiteProfile, load_profiles};

/// Arguments of `tracuu crawl`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Site profiles (TOML).
    #[arg(long)]
    sites: PathBuf,
    /// Output directory: `articles.jsonl` (for `tracuu index`), the crawl state, `warc/`.
    #[arg(long)]
    out: PathBuf,
    /// Fetch at most this many article pages in this run; the rest stays queued for the next.
    #[arg(long)]
    max_pages: Option<usize>,
    #[command(flatten)]
    settings: CrawlArgs,
}

/// The crawl settings `tracuu crawl` and `tracuu update` share.
#[derive(Debug, Clone, clap::Args)]
pub struct CrawlArgs {
    /// Crawl only the profile with this name (repeatable).
    #[arg(long)]
    site: Vec<String>,
    /// Do not archive the fetched pages (by default every response goes to WARC files in `warc/`).
    #[arg(long)]
    no_warc: bool,
    /// Start a new WARC file past this size, in MiB.
    #[arg(long, default_value_t = 1024, value_parser = clap::value_parser!(u64).range(1..))]
    warc_max_mb: u64,
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

impl CrawlArgs {
    /// Loads the profiles (only those named by `--site`, when given); a usage error is `Err`.
    pub fn profiles(&self, sites: &std::path::Path) -> Result<Vec<SiteProfile>, String> {
        if !sites.is_file() {
            return Err(format!("--sites {} is not a file", sites.display()));
        }
        let mut profiles = load_profiles(sites).map_err(|err| err.to_string())?;
        if !self.site.is_empty() {
            let unknown: Vec<&String> = self
                .site
                .iter()
                .filter(|name| !profiles.iter().any(|s| &s.name == *name))
                .collect();
            if !unknown.is_empty() {
                let known: Vec<&str> = profiles.iter().map(|s| s.name.as_str()).collect();
                return Err(format!(
                    "unknown --site {unknown:?}; the profiles are {known:?}"
                ));
            }
            profiles.retain(|s| self.site.contains(&s.name));
        }
        Ok(profiles)
    }

    /// The crawl options for `out`.
    pub fn options(
        &self,
        out: PathBuf,
        sites: Vec<SiteProfile>,
        mode: CrawlMode,
        stop: Arc<AtomicBool>,
    ) -> CrawlOptions {
        let fetch = FetchSettings {
            timeout: Duration::from_secs(self.timeout_secs.max(1)),
            max_body: self.max_body_bytes,
            retries: self.retries,
            backoff: Duration::from_millis(self.backoff_ms),
            ..FetchSettings::default()
        };
        let warc = (!self.no_warc).then(|| {
            let mut warc = CrawlOptions::default_warc(&out);
            warc.max_file_bytes = self.warc_max_mb << 20;
            warc
        });
        CrawlOptions {
            out,
            max_pages: None,
            sites,
            fetch,
            pacing: Pacing {
                floor: Duration::from_millis(self.delay_ms),
                cap: Duration::from_millis(self.max_delay_ms),
            },
            concurrency: self.concurrency as usize,
            progress: std::io::stderr().is_terminal(),
            warc,
            mode,
            stop,
        }
    }
}

/// Prints the per-host counts of a crawl on stderr.
pub fn print_report(report: &CrawlReport) {
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
}

/// Runs `tracuu crawl`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let sites = match args.settings.profiles(&args.sites) {
        Ok(sites) => sites,
        Err(message) => return Ok(super::usage_error(message)),
    };
    let stop = Arc::new(AtomicBool::new(false));
    let mut options = args
        .settings
        .options(args.out.clone(), sites, CrawlMode::Full, stop.clone());
    options.max_pages = args.max_pages;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let report = runtime.block_on(async {
        let _signals = super::update::stop_on_signal(stop);
        crawl(options).await
    })?;
    print_report(&report);
    if report.remaining > 0 {
        eprintln!(
            "{} URLs still queued; run the same command again to continue.",
            report.remaining
        );
    }
    eprintln!("articles: {}", args.out.join("articles.jsonl").display());
    Ok(ExitCode::SUCCESS)
}
