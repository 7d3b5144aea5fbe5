//! `tracuu query-dsl [--index DIR] [search options] QUERY`: the OpenSearch/Elasticsearch Query DSL
//! that reproduces a tracuu search on an index loaded with `tracuu bulk`.
//!
//! Prints the `_search` body of the default match (every word); `--mode most|any` prints a partial
//! mode's; `--msearch` prints the whole widening chain as `_msearch` NDJSON (take the first answer
//! whose total is above 0, as tracuu does).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use serde_json::json;
use tracuu_index::indexer::LEARNT_ABBREVIATIONS_FILE;
use tracuu_index::search::engine::SearchIndex;
use tracuu_index::search::free_text::MatchMode;
use tracuu_index::text::abbreviations::Abbreviations;
use tracuu_index::text::learnt_names::LEARNT_NAMES_FILE;
use tracuu_index::text::words::Lexicon;
use tracuu_scaleout::search_body::SearchDsl;

use super::search::{RequestArgs, request_from};

/// Arguments of `tracuu query-dsl`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The tracuu index the cluster was loaded from: its learnt abbreviations ("NVNONN") and
    /// people's names ("pham minh chinh") take part in queries, as in `tracuu search`, and the
    /// rescore weighs two query words standing together by how rare they are together there.
    /// Without it only the built-in abbreviations and words are used and that weight is left at 1.
    #[arg(long)]
    index: Option<PathBuf>,
    /// One match mode: all (every word, tracuu's default), most or any (the partial modes tracuu
    /// falls back to when nothing holds every word).
    #[arg(long, value_enum, default_value = "all", conflicts_with = "msearch")]
    mode: Mode,
    /// Print the widening chain as `_msearch` NDJSON: every word, then (when the query has two
    /// syllables or more to count) most, then any. The first answer with hits is tracuu's.
    #[arg(long)]
    msearch: bool,
    /// The cluster index named in the `_msearch` headers.
    #[arg(long, default_value = "tracuu")]
    cluster_index: String,
    #[command(flatten)]
    request: RequestArgs,
}

/// A match mode as typed.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Mode {
    All,
    Most,
    Any,
}

impl From<Mode> for MatchMode {
    fn from(mode: Mode) -> MatchMode {
        match mode {
            Mode::All => MatchMode::All,
            Mode::Most => MatchMode::Most,
            Mode::Any => MatchMode::Any,
        }
    }
}

/// Runs `tracuu query-dsl`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let request = match request_from(&args.request) {
        Ok(request) => request,
        Err(message) => return Ok(super::usage_error(message)),
    };
    let abbreviations = match abbreviations_of(args.index.as_ref()) {
        Ok(abbreviations) => abbreviations,
        Err(message) => return Ok(super::usage_error(message)),
    };
    let index = args.index.as_deref().map(SearchIndex::open).transpose()?;
    // The words a query is cut into include the names learnt in the index, as `tracuu search`'s.
    let lexicon = match &index {
        Some(index) => index.query_lexicon(),
        None => Arc::new(Lexicon::over(Lexicon::builtin())),
    };
    let mut dsl = SearchDsl::new(&abbreviations)?.with_lexicon(&lexicon);
    if let Some(index) = &index {
        dsl = dsl.with_searcher(index.snapshot().searcher().clone());
    }
    let mut text = String::new();
    let built = if args.msearch {
        dsl.search_bodies(&request).map(|bodies| {
            for (_, body) in bodies {
                text.push_str(&format!(
                    "{}\n{body}\n",
                    json!({"index": args.cluster_index})
                ));
            }
        })
    } else {
        dsl.body(&request, args.mode.into()).and_then(|body| {
            text = format!("{}\n", serde_json::to_string_pretty(&body)?);
            Ok(())
        })
    };
    match built {
        Ok(()) => {}
        Err(tracuu_scaleout::ScaleOutError::Search(err)) if err.is_user_error() => {
            return Ok(super::usage_error(err));
        }
        Err(err) => return Err(err.into()),
    }
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        other => other.map(|()| ExitCode::SUCCESS).map_err(Into::into),
    }
}

/// The built-in abbreviations, and those learnt when `index` was built.
fn abbreviations_of(index: Option<&PathBuf>) -> Result<Abbreviations, String> {
    let mut abbreviations = Abbreviations::builtin();
    let Some(dir) = index else {
        tracing::warn!(
            "no --index: only built-in abbreviations and words are used; those learnt from the corpus \
             are in INDEX/{LEARNT_ABBREVIATIONS_FILE} and INDEX/{LEARNT_NAMES_FILE}"
        );
        return Ok(abbreviations);
    };
    if !dir.join("meta.json").is_file() {
        return Err(format!(
            "{}: no index there; build one with `tracuu index --corpus PATH --index DIR`",
            dir.display()
        ));
    }
    let path = dir.join(LEARNT_ABBREVIATIONS_FILE);
    let learnt = Abbreviations::load(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    abbreviations.merge(&learnt);
    Ok(abbreviations)
}
