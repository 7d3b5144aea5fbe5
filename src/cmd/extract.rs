//! `tracuu extract FILE.html [--url URL]`: clean one saved page offline and print its Article.
//! `tracuu extract --warc FILE… [--sites FILE]`: the Articles of archived pages, as JSON Lines.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use tracuu_crawl::extract::{SiteRules, extract_article};
use tracuu_crawl::profile::load_profiles;
use tracuu_crawl::reextract::reextract;

/// Arguments of `tracuu extract`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Saved HTML page; `-` reads standard input.
    #[arg(required_unless_present = "warc", conflicts_with = "warc")]
    file: Option<PathBuf>,
    /// Re-extract every article page archived in these WARC files (`.warc.gz` or `.warc`) and
    /// print the Articles as JSON Lines, as the crawl that archived them wrote them.
    #[arg(long, num_args = 1.., conflicts_with_all = ["url", "charset"])]
    warc: Vec<PathBuf>,
    /// With --warc: the site profiles of the crawl (extraction rules, agency, province, section).
    #[arg(long, requires = "warc")]
    sites: Option<PathBuf>,
    /// The page's URL (sets `url` and `source`, and resolves relative links).
    #[arg(long)]
    url: Option<String>,
    /// Charset to assume when the page does not declare one (e.g. `windows-1258`).
    #[arg(long)]
    charset: Option<String>,
}

/// Runs `tracuu extract --warc`.
fn run_warc(args: &Args) -> anyhow::Result<ExitCode> {
    if let Some(missing) = args.warc.iter().find(|p| !p.is_file()) {
        return Ok(super::usage_error(format!(
            "{} is not a file",
            missing.display()
        )));
    }
    let sites = match &args.sites {
        Some(path) if !path.is_file() => {
            return Ok(super::usage_error(format!(
                "--sites {} is not a file",
                path.display()
            )));
        }
        Some(path) => match load_profiles(path) {
            Ok(sites) => sites,
            Err(err) => return Ok(super::usage_error(err)),
        },
        None => Vec::new(),
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed: Option<std::io::Error> = None;
    let report = reextract(&args.warc, &sites, |article| {
        let line = serde_json::to_string(&article).unwrap_or_default();
        if failed.is_none()
            && let Err(err) = writeln!(out, "{line}")
        {
            failed = Some(err);
        }
        Ok(())
    })?;
    if let Some(err) = failed {
        return Err(err).context("writing the articles");
    }
    out.flush().context("writing the articles")?;
    eprintln!(
        "tracuu extract: {} articles from {} archived responses ({} not articles, empty or duplicates)",
        report.articles, report.responses, report.skipped
    );
    Ok(ExitCode::SUCCESS)
}

/// Runs `tracuu extract`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if !args.warc.is_empty() {
        return run_warc(&args);
    }
    let Some(file) = args.file.clone() else {
        return Ok(super::usage_error("give a saved HTML page or --warc FILE…"));
    };
    if let Some(url) = &args.url
        && url::Url::parse(url).is_err()
    {
        return Ok(super::usage_error(format!(
            "--url {url:?} is not an absolute URL"
        )));
    }
    let bytes = if file.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .context("reading standard input")?;
        buf
    } else {
        if !file.is_file() {
            return Ok(super::usage_error(format!(
                "{} is not a file",
                file.display()
            )));
        }
        std::fs::read(&file).with_context(|| format!("reading {}", file.display()))?
    };
    let url = args.url.clone().unwrap_or_default();
    let content_type = args
        .charset
        .as_ref()
        .map(|c| format!("text/html; charset={c}"));
    let mut article = extract_article(&bytes, content_type.as_deref(), &url, &SiteRules::default());
    if url.is_empty() {
        article.source = None;
    }
    println!("{}", serde_json::to_string_pretty(&article)?);
    Ok(ExitCode::SUCCESS)
}
