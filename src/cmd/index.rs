//! `tracuu index` (being written).

use std::process::ExitCode;

/// Arguments of `tracuu index`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `tracuu index`.
pub fn run(_args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("'tracuu index' is not built yet")
}
