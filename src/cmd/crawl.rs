//! `tracuu crawl` (being written).

use std::process::ExitCode;

/// Arguments of `tracuu crawl`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `tracuu crawl`.
pub fn run(_args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("'tracuu crawl' is not built yet")
}
