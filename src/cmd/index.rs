//! `tracuu index --corpus PATH... --index DIR`: build or update an index from Article JSON Lines.

use std::path::PathBuf;
use std::process::ExitCode;

use tracuu_index::indexer::{IndexOptions, index_corpus};

/// Arguments of `tracuu index`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Article JSON Lines files (plain, .gz, .zst, .xz) or directories holding them.
    #[arg(long, required = true, num_args = 1..)]
    corpus: Vec<PathBuf>,
    /// Index directory (created when missing; articles already there are replaced by id).
    #[arg(long)]
    index: PathBuf,
    /// Writer memory budget in MB, shared by the indexing threads.
    #[arg(long, default_value_t = 512, value_parser = clap::value_parser!(u64).range(32..=16_384))]
    memory_mb: u64,
    /// Indexing threads (default: every core, at most 8).
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=64))]
    threads: Option<u64>,
    /// Commit after this many articles (bounds what a crash can lose).
    #[arg(long, default_value_t = 50_000, value_parser = clap::value_parser!(u64).range(1..))]
    commit_every: u64,
}

/// Runs `tracuu index`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    for path in &args.corpus {
        if !path.exists() {
            return Ok(super::usage_error(format!(
                "corpus path {} does not exist",
                path.display()
            )));
        }
    }
    let mut options = IndexOptions {
        memory_budget_bytes: (args.memory_mb as usize) << 20,
        commit_every: args.commit_every,
        ..IndexOptions::default()
    };
    if let Some(threads) = args.threads {
        options.threads = threads as usize;
    }
    let report = index_corpus(&args.corpus, &args.index, &options)?;
    let secs = report.elapsed.as_secs_f64();
    println!(
        "indexed {} articles in {:.1} s ({:.0} articles/s); {} lines skipped, {} articles undated, {} cut to size, \
         {} files broken off, {} entries not read; {} articles in {}",
        report.indexed,
        secs,
        report.indexed as f64 / secs.max(1e-9),
        report.skipped_lines,
        report.undated,
        report.cut,
        report.broken_files,
        report.skipped_entries,
        report.docs_in_index,
        args.index.display()
    );
    Ok(ExitCode::SUCCESS)
}
