//! `tracuu extract FILE.html [--url URL]`: clean one saved page offline and print its Article.

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use tracuu_crawl::extract::{SiteRules, extract_article};

/// Arguments of `tracuu extract`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Saved HTML page; `-` reads standard input.
    file: PathBuf,
    /// The page's URL (sets `url` and `source`, and resolves relative links).
    #[arg(long)]
    url: Option<String>,
    /// Charset to assume when the page does not declare one (e.g. `windows-1258`).
    #[arg(long)]
    charset: Option<String>,
}

/// Runs `tracuu extract`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if let Some(url) = &args.url
        && url::Url::parse(url).is_err()
    {
        return Ok(super::usage_error(format!(
            "--url {url:?} is not an absolute URL"
        )));
    }
    let bytes = if args.file.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .context("reading standard input")?;
        buf
    } else {
        if !args.file.is_file() {
            return Ok(super::usage_error(format!(
                "{} is not a file",
                args.file.display()
            )));
        }
        std::fs::read(&args.file).with_context(|| format!("reading {}", args.file.display()))?
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
