//! `tracuu extract` (being written).

use std::process::ExitCode;

/// Arguments of `tracuu extract`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `tracuu extract`.
pub fn run(_args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("'tracuu extract' is not built yet")
}
