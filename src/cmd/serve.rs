//! `tracuu serve` (being written).

use std::process::ExitCode;

/// Arguments of `tracuu serve`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `tracuu serve`.
pub fn run(_args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("'tracuu serve' is not built yet")
}
