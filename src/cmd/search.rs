//! `tracuu search` (being written).

use std::process::ExitCode;

/// Arguments of `tracuu search`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `tracuu search`.
pub fn run(_args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("'tracuu search' is not built yet")
}
