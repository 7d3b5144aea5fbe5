//! `tracuu bulk --index DIR | --corpus PATH… --out FILE`: every article as
//! OpenSearch/Elasticsearch `_bulk` NDJSON, with tracuu's own token streams (see
//! `crates/scaleout` and `deploy/`).

use std::path::PathBuf;
use std::process::ExitCode;

use tracuu_scaleout::export::{
    BulkAction, ExportOptions, ExportReport, ExportSource, export, export_to_file,
};

/// Arguments of `tracuu bulk`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The index to export, every article in it.
    #[arg(long, required_unless_present = "corpus", conflicts_with = "corpus")]
    index: Option<PathBuf>,
    /// Or corpus files or directories (Article JSON Lines, plain, .gz, .zst or .xz).
    #[arg(long, num_args = 1..)]
    corpus: Vec<PathBuf>,
    /// The file to write (whole or not at all), or `-` for standard output.
    #[arg(long)]
    out: PathBuf,
    /// The cluster index each action names (`_index`).
    #[arg(long, default_value = "tracuu")]
    cluster_index: String,
    /// The `_bulk` action: index (adds or replaces by id: OpenSearch, Elasticsearch) or create
    /// (Quickwit, which takes nothing else and ignores ids).
    #[arg(long, value_enum, default_value = "index")]
    bulk_action: Action,
}

impl Args {
    /// Every article of `index` into `out`, with the default cluster index and action.
    pub fn whole_index(index: PathBuf, out: PathBuf) -> Args {
        Args {
            index: Some(index),
            corpus: Vec::new(),
            out,
            cluster_index: "tracuu".to_string(),
            bulk_action: Action::Index,
        }
    }
}

/// A `_bulk` action as typed.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Action {
    Index,
    Create,
}

/// Runs `tracuu bulk`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let args = &args;
    let source = match &args.index {
        Some(dir) => ExportSource::Index(dir),
        None => ExportSource::Corpus(&args.corpus),
    };
    let to_stdout = args.out.as_os_str() == "-";
    let options = ExportOptions {
        cluster_index: args.cluster_index.clone(),
        action: match args.bulk_action {
            Action::Index => BulkAction::Index,
            Action::Create => BulkAction::Create,
        },
        progress: std::io::IsTerminal::is_terminal(&std::io::stderr()),
    };
    let exported = if to_stdout {
        export(source, &mut std::io::stdout().lock(), &options)
    } else {
        export_to_file(source, &args.out, &options)
    };
    let report = match exported {
        Ok(report) => report,
        Err(tracuu_scaleout::ScaleOutError::IndexUnavailable { path, reason }) => {
            return Ok(super::usage_error(format!("{path}: {reason}")));
        }
        Err(err) => return Err(err.into()),
    };
    summarise(args, &report);
    Ok(ExitCode::SUCCESS)
}

/// One line on stderr (stdout may be the export itself).
fn summarise(args: &Args, report: &ExportReport) {
    let place = if args.out.as_os_str() == "-" {
        "standard output".to_string()
    } else {
        args.out.display().to_string()
    };
    let mut line = format!(
        "exported {} articles ({:.1} MB) to {place} as _bulk NDJSON for index '{}'",
        report.articles,
        report.bytes as f64 / 1e6,
        args.cluster_index
    );
    let read = &report.corpus;
    if read.skipped + read.undated + read.cut + read.broken_files > 0 {
        line.push_str(&format!(
            "; {} lines skipped, {} articles undated, {} cut to size, {} files broken off (see above)",
            read.skipped, read.undated, read.cut, read.broken_files
        ));
    }
    eprintln!("{line}");
}
