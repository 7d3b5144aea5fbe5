//! `tracuu export --index DIR --format csv|jsonl --out FILE [--sort …] [--from …] [--to …]
//! [--filter FIELD=VALUE …] [--limit N] QUERY`: a search's rows to FILE, with
//! `FILE.provenance.json` beside it. `tracuu export --index DIR --format bulk --out FILE`: every
//! article as OpenSearch/Elasticsearch `_bulk` NDJSON (what `tracuu bulk --index DIR` writes).
//!
//! The rows are those `/api/search.csv` and `/api/search.jsonl` stream (the same columns, the
//! same byte order mark, the same formula neutralisation), searched in batches from one snapshot
//! of the index. Both files are written under a temporary name and renamed when whole, so a
//! killed export leaves no half file under the name asked for. The provenance records the
//! search, the counts, whether the rows were cut at `--limit`, tracuu's version, the index
//! generation and the time, and the command that writes the same rows again.
//!
//! csv and jsonl are the rows of a search ([`write_file`]); bulk is the whole index for a cluster
//! ([`whole_index_bulk`], the same file as `tracuu bulk`).

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use time::OffsetDateTime;
use tracuu_index::search::{FacetField, SearchIndex, SearchRequest, SearchResponse, Snapshot};
use tracuu_serve::export::{Encoder, Format};
use tracuu_serve::params::{Endpoint, MAX_EXPORT_HITS, SearchParams};
use tracuu_serve::provenance::{Counted, Provenance, RecordedSearch};

use super::search::Narrowing;

/// Hits searched per batch.
const BATCH: usize = 500;

/// Arguments of `tracuu export`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Index directory.
    #[arg(long)]
    index: PathBuf,
    /// File format: csv (UTF-8 with a byte order mark, for spreadsheets), jsonl, or bulk (every
    /// article of the index as OpenSearch/Elasticsearch `_bulk` NDJSON, as `tracuu bulk` writes).
    #[arg(long, value_enum)]
    format: ExportFormat,
    /// File to write; its provenance goes to FILE.provenance.json.
    #[arg(long)]
    out: PathBuf,
    #[command(flatten)]
    narrowing: Narrowing,
    /// The most rows to write (at most 10,000; the provenance says when matches were left out).
    #[arg(long, default_value_t = MAX_EXPORT_HITS)]
    limit: usize,
    /// The query: words, "phrases", +required, -excluded, OR, field:value ("" for every article).
    /// Required except with `--format bulk`, which takes none.
    #[arg(num_args = 0..)]
    query: Vec<String>,
}

/// The formats `tracuu export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// Comma-separated values, UTF-8 with a byte order mark.
    Csv,
    /// One JSON object per line.
    Jsonl,
    /// OpenSearch/Elasticsearch `_bulk` NDJSON of every article, with tracuu's token streams.
    Bulk,
}

impl ExportFormat {
    fn name(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Jsonl => "jsonl",
            ExportFormat::Bulk => "bulk",
        }
    }

    /// How rows of a search are encoded; `None` for the whole-index bulk file.
    fn rows(self) -> Option<Format> {
        match self {
            ExportFormat::Csv => Some(Format::Csv),
            ExportFormat::Jsonl => Some(Format::JsonLines),
            ExportFormat::Bulk => None,
        }
    }
}

/// The search the flags describe, validated as `/api/search.csv` validates its parameters.
fn params_from(args: &Args) -> Result<SearchParams, String> {
    let mut pairs = vec![("q".to_string(), args.query.join(" "))];
    let narrowing = &args.narrowing;
    pairs.push(("sort".into(), narrowing.sort.clone()));
    pairs.extend(
        narrowing
            .from
            .iter()
            .map(|d| ("from".to_string(), d.clone())),
    );
    pairs.extend(narrowing.to.iter().map(|d| ("to".to_string(), d.clone())));
    for filter in &narrowing.filters {
        let Some((name, value)) = filter.split_once('=') else {
            return Err(format!(
                "--filter '{filter}' must be FIELD=VALUE, e.g. ref=36-NQ/TW"
            ));
        };
        let name = name.trim();
        if FacetField::from_name(name).is_none() {
            return Err(format!(
                "--filter: unknown field '{name}'; use source, province, year, ref or type"
            ));
        }
        if value.trim().is_empty() {
            return Err(format!("--filter {name}= needs a value"));
        }
        pairs.push((name.to_string(), value.to_string()));
    }
    pairs.push(("limit".into(), args.limit.to_string()));
    SearchParams::from_pairs(pairs, Endpoint::Export).map_err(|err| err.message)
}

/// The command line that writes the same rows again.
fn command(args: &Args, recorded: &RecordedSearch) -> Vec<String> {
    let mut command: Vec<String> = ["tracuu", "export", "--index"].map(String::from).to_vec();
    command.push(args.index.display().to_string());
    command.extend(["--format".to_string(), args.format.name().to_string()]);
    command.extend(["--out".to_string(), args.out.display().to_string()]);
    for (name, value) in recorded.pairs() {
        match name.as_str() {
            "q" => {}
            "sort" | "from" | "to" | "limit" => command.extend([format!("--{name}"), value]),
            facet => command.extend(["--filter".to_string(), format!("{facet}={value}")]),
        }
    }
    command.extend(["--".to_string(), recorded.q.clone()]);
    command
}

/// Runs `tracuu export`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let Some(rows) = args.format.rows() else {
        return whole_index_bulk(&args);
    };
    if args.query.is_empty() {
        return Ok(super::usage_error(
            "give the query to export (\"\" for every article)",
        ));
    }
    let params = match params_from(&args) {
        Ok(params) => params,
        Err(message) => return Ok(super::usage_error(message)),
    };
    let index = match SearchIndex::open(&args.index) {
        Ok(index) => index,
        Err(err) => return Ok(super::usage_error(err)),
    };
    let snapshot = index.snapshot();
    let started = OffsetDateTime::now_utc();
    let written = match write_file(&index, &snapshot, &params, rows, &args.out) {
        Ok(written) => written,
        Err(ExportError::Search(err)) if err.is_user_error() => {
            return Ok(super::usage_error(err));
        }
        Err(ExportError::Search(err)) => return Err(err.into()),
        Err(ExportError::Io(err)) => return Err(err),
    };
    let counted = Counted {
        matched: written.matched,
        total: written.total,
    };
    let mut provenance = Provenance::new(&params, counted, snapshot.generation(), started);
    provenance.rows = written.rows;
    provenance.truncated = written.rows < written.total;
    provenance.format = Some(args.format.name().to_string());
    provenance.file = args
        .out
        .file_name()
        .map(|name| name.to_string_lossy().into_owned());
    provenance.command = Some(command(&args, &provenance.search));
    let sidecar = provenance_path(&args.out);
    let json = serde_json::to_vec_pretty(&provenance)?;
    write_whole(&sidecar, |out| out.write_all(&json))?;
    let cut = if provenance.truncated {
        format!(" (cut at --limit {}: the provenance says so)", params.limit)
    } else {
        String::new()
    };
    // A partial set is no "matching" set: say what it is, as the page and the JSON do.
    let which = match written.matched {
        tracuu_index::search::MatchKind::All => "matching articles",
        tracuu_index::search::MatchKind::Partial => {
            "closest articles (no article holds every word: \"match\": \"partial\")"
        }
    };
    eprintln!(
        "tracuu: wrote {} of {} {which} to {}{cut}; provenance in {}",
        written.rows,
        written.total,
        args.out.display(),
        sidecar.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// `FILE.provenance.json`.
pub fn provenance_path(out: &Path) -> PathBuf {
    let mut name = out.as_os_str().to_owned();
    name.push(".provenance.json");
    PathBuf::from(name)
}

/// What writing the file did.
struct Written {
    matched: tracuu_index::search::MatchKind,
    total: u64,
    rows: u64,
}

enum ExportError {
    Search(tracuu_index::search::SearchError),
    Io(anyhow::Error),
}

/// `--format bulk`: every article of the index, as `tracuu bulk --index DIR --out FILE` writes
/// it. A search's rows are not what a cluster loads, so a query or a filter is refused.
fn whole_index_bulk(args: &Args) -> anyhow::Result<ExitCode> {
    let searched = !args.query.is_empty()
        || !args.narrowing.filters.is_empty()
        || args.narrowing.from.is_some()
        || args.narrowing.to.is_some()
        || args.narrowing.sort != "relevance"
        || args.limit != MAX_EXPORT_HITS;
    if searched {
        return Ok(super::usage_error(
            "--format bulk writes every article of the index for a cluster to load; it takes no \
             query, --filter, --from, --to, --sort or --limit",
        ));
    }
    super::bulk_export::run(super::bulk_export::Args::whole_index(
        args.index.clone(),
        args.out.clone(),
    ))
}

/// Writes the rows of `params` in `format` to `out` (whole or not at all).
fn write_file(
    index: &SearchIndex,
    snapshot: &Snapshot,
    params: &SearchParams,
    format: Format,
    out: &Path,
) -> Result<Written, ExportError> {
    let mut batches = Batches::new(index, snapshot, params);
    let first = batches.next_batch().map_err(ExportError::Search)?;
    let (matched, total) = (first.matched, first.total);
    let mut failure = None;
    let rows = write_whole(out, |file| {
        write_rows(format, first, &mut batches, file, &mut failure)
    });
    if let Some(err) = failure {
        return Err(ExportError::Search(err));
    }
    Ok(Written {
        matched,
        total,
        rows: rows.map_err(ExportError::Io)?,
    })
}

/// The batches of one export, all from one snapshot.
struct Batches<'a> {
    index: &'a SearchIndex,
    snapshot: &'a Snapshot,
    request: SearchRequest,
    limit: usize,
    sent: usize,
}

impl<'a> Batches<'a> {
    fn new(index: &'a SearchIndex, snapshot: &'a Snapshot, params: &SearchParams) -> Self {
        let mut request = params.to_request();
        request.offset = 0;
        request.facet_limit = 0;
        request.histogram = false;
        Batches {
            index,
            snapshot,
            request,
            limit: params.limit,
            sent: 0,
        }
    }

    /// The next batch (empty once `limit` rows are out).
    fn next_batch(&mut self) -> Result<SearchResponse, tracuu_index::search::SearchError> {
        self.request.offset = self.sent;
        self.request.limit = BATCH.min(self.limit - self.sent);
        let mut found = self.index.search_in(self.snapshot, &self.request)?;
        found.hits.truncate(self.limit - self.sent);
        self.sent += found.hits.len();
        Ok(found)
    }
}

/// Encodes `first` and every batch after it; returns the rows written. A search failure stops
/// the file and is left in `failure`.
fn write_rows(
    format: Format,
    first: SearchResponse,
    batches: &mut Batches<'_>,
    out: &mut dyn Write,
    failure: &mut Option<tracuu_index::search::SearchError>,
) -> std::io::Result<u64> {
    let mut encoder = Encoder::new(format);
    let mut batch = first;
    let mut rows = 0u64;
    loop {
        out.write_all(&encoder.encode(&batch.hits)?)?;
        rows += batch.hits.len() as u64;
        if batch.hits.is_empty() || batches.sent >= batches.limit || rows >= batch.total {
            return Ok(rows);
        }
        batch = match batches.next_batch() {
            Ok(next) => next,
            Err(err) => {
                *failure = Some(err);
                return Err(std::io::Error::other("the search failed during the export"));
            }
        };
    }
}

/// Writes `path` through `write` into a temporary file beside it, renamed into place when whole.
fn write_whole<T>(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<T>,
) -> anyhow::Result<T> {
    let mut partial = path.as_os_str().to_owned();
    partial.push(".part");
    let partial = PathBuf::from(partial);
    let file =
        File::create(&partial).with_context(|| format!("cannot create {}", partial.display()))?;
    let mut out = BufWriter::new(file);
    let result = write(&mut out).and_then(|value| {
        out.flush()?;
        out.get_ref().sync_all()?;
        Ok(value)
    });
    match result {
        Ok(value) => {
            std::fs::rename(&partial, path).with_context(|| {
                format!("cannot rename {} to {}", partial.display(), path.display())
            })?;
            Ok(value)
        }
        Err(err) => {
            let _ = std::fs::remove_file(&partial);
            Err(anyhow::Error::new(err).context(format!("cannot write {}", path.display())))
        }
    }
}
