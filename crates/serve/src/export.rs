//! `/api/search.csv` and `/api/search.jsonl`: up to 10,000 hits of a search, streamed.
//!
//! The first batch is searched before the response starts, so a bad query still gets a proper
//! 4xx JSON error. Later batches are searched on the blocking pool, one at a time, and sent
//! through a small channel: memory stays bounded, a slow reader holds no thread, and a client
//! that disconnects stops the work.
//!
//! Exports have a budget of their own, since their later batches run after the response started
//! (where the request timeout no longer applies): at most [`ServeConfig::export_budget`] of
//! searching and [`ServeConfig::export_timeout`] in all, and at most
//! [`ServeConfig::max_exports`] at once (more get a 503 `busy`). An export over budget is cut off:
//! the download ends with an error instead of its last chunk, so no client mistakes it for whole.
//!
//! CSV cells that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab
//! or a carriage return) get a leading `'`, as OWASP advises against CSV injection.
//!
//! [`ServeConfig::export_budget`]: crate::ServeConfig::export_budget
//! [`ServeConfig::export_timeout`]: crate::ServeConfig::export_timeout
//! [`ServeConfig::max_exports`]: crate::ServeConfig::max_exports

use std::borrow::Cow;
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{RawQuery, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use tokio::sync::mpsc;
use tracuu_index::search::Hit;

#[cfg(doc)]
use crate::ServeConfig;

use crate::api::run_search;
use crate::error::ApiError;
use crate::params::{Endpoint, SearchParams};
use crate::state::AppState;

/// Hits searched per batch.
const BATCH: usize = 500;

/// The file formats an export can take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Comma-separated values with a header row.
    Csv,
    /// One JSON object per line.
    JsonLines,
}

/// One exported hit: plain text, no HTML.
#[derive(Debug, Serialize)]
struct Row<'a> {
    id: &'a str,
    url: &'a str,
    title: &'a str,
    published: Option<&'a str>,
    source: Option<&'a str>,
    agency: Option<&'a str>,
    province: Option<&'a str>,
    snippet: String,
    score: f32,
}

/// The value with a leading `'` when a spreadsheet would read it as a formula (OWASP).
pub fn neutralise_formula(value: &str) -> Cow<'_, str> {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{value}"))
    } else {
        Cow::Borrowed(value)
    }
}

/// One exported hit as CSV cells, none of which a spreadsheet runs.
#[derive(Debug, Serialize)]
struct CsvRow<'a> {
    id: Cow<'a, str>,
    url: Cow<'a, str>,
    title: Cow<'a, str>,
    published: Option<Cow<'a, str>>,
    source: Option<Cow<'a, str>>,
    agency: Option<Cow<'a, str>>,
    province: Option<Cow<'a, str>>,
    snippet: String,
    score: f32,
}

impl<'a> CsvRow<'a> {
    fn from_row(row: &'a Row<'a>) -> CsvRow<'a> {
        let opt = |v: Option<&'a str>| v.map(neutralise_formula);
        CsvRow {
            id: neutralise_formula(row.id),
            url: neutralise_formula(row.url),
            title: neutralise_formula(row.title),
            published: opt(row.published),
            source: opt(row.source),
            agency: opt(row.agency),
            province: opt(row.province),
            snippet: neutralise_formula(&row.snippet).into_owned(),
            score: row.score,
        }
    }
}

impl<'a> Row<'a> {
    fn from_hit(hit: &'a Hit) -> Row<'a> {
        Row {
            id: &hit.id,
            url: &hit.url,
            title: &hit.title,
            published: hit.published.as_deref(),
            source: hit.source.as_deref(),
            agency: hit.agency.as_deref(),
            province: hit.province.as_deref(),
            snippet: hit.snippet.display_text(),
            score: hit.score,
        }
    }
}

/// `GET /api/search.csv`.
pub async fn csv(state: State<AppState>, raw: RawQuery) -> Result<Response, ApiError> {
    export(state, raw, Format::Csv).await
}

/// `GET /api/search.jsonl`.
pub async fn jsonl(state: State<AppState>, raw: RawQuery) -> Result<Response, ApiError> {
    export(state, raw, Format::JsonLines).await
}

async fn export(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
    format: Format,
) -> Result<Response, ApiError> {
    let params = SearchParams::parse(raw.as_deref(), Endpoint::Export)?;
    let permit = state
        .exports
        .clone()
        .try_acquire_owned()
        .map_err(|_| ApiError::busy())?;
    let mut request = params.to_request();
    request.offset = 0;
    request.limit = BATCH.min(params.limit);
    request.histogram = false;
    request.facet_limit = 0;
    let started = Instant::now();
    let first = run_search(&state, request.clone()).await?;
    let wanted = params
        .limit
        .min(usize::try_from(first.total).unwrap_or(usize::MAX));
    let budget = Budget {
        searching: state.config.export_budget,
        total: state.config.export_timeout,
        started,
        spent: started.elapsed(),
    };

    let (tx, mut rx) = mpsc::channel::<Result<Bytes, std::io::Error>>(4);
    tokio::spawn(async move {
        let _permit = permit; // held until the export ends
        stream_batches(state, request, first, wanted, format, budget, tx).await;
    });

    let stream = futures_util::stream::poll_fn(move |cx| rx.poll_recv(cx));
    let (content_type, file) = match format {
        Format::Csv => (
            "text/csv; charset=utf-8",
            "attachment; filename=\"tracuu.csv\"",
        ),
        Format::JsonLines => (
            "application/x-ndjson; charset=utf-8",
            "attachment; filename=\"tracuu.jsonl\"",
        ),
    };
    Ok((
        [(CONTENT_TYPE, content_type), (CONTENT_DISPOSITION, file)],
        Body::from_stream(stream),
    )
        .into_response())
}

/// What an export may still spend.
struct Budget {
    /// Searching time allowed in all.
    searching: Duration,
    /// Wall time allowed in all.
    total: Duration,
    /// When the export started.
    started: Instant,
    /// Searching time spent so far.
    spent: Duration,
}

impl Budget {
    /// Why the export must stop now, if it must.
    fn exhausted(&self) -> Option<String> {
        if self.spent > self.searching {
            return Some(format!(
                "the export used its {} s of searching; narrow the query or lower 'limit'",
                self.searching.as_secs_f64()
            ));
        }
        (self.started.elapsed() > self.total).then(|| {
            format!(
                "the export took longer than {} s in all",
                self.total.as_secs_f64()
            )
        })
    }
}

/// Sends the batches already searched and searches the next, until done, over budget or unwanted.
async fn stream_batches(
    state: AppState,
    mut request: tracuu_index::search::SearchRequest,
    first: tracuu_index::search::SearchResponse,
    wanted: usize,
    format: Format,
    mut budget: Budget,
    tx: mpsc::Sender<Result<Bytes, std::io::Error>>,
) {
    let mut encoder = Encoder::new(format);
    let mut batch = first;
    let mut sent = 0usize;
    loop {
        let take = batch.hits.len().min(wanted - sent);
        let chunk = encoder.encode(&batch.hits[..take]);
        sent += take;
        if tx.send(chunk).await.is_err() {
            return; // the client went away
        }
        if sent >= wanted || take == 0 {
            return;
        }
        if let Some(reason) = budget.exhausted() {
            tracing::warn!(sent, wanted, %reason, "export cut off");
            let _ = tx.send(Err(std::io::Error::other(reason))).await;
            return;
        }
        request.offset = sent;
        request.limit = BATCH.min(wanted - sent);
        let index = state.index.clone();
        let next = request.clone();
        let searching = Instant::now();
        let result = tokio::task::spawn_blocking(move || index.search(&next)).await;
        budget.spent += searching.elapsed();
        batch = match result {
            Ok(Ok(next)) => next,
            Ok(Err(err)) => {
                tracing::error!(error = %err, "export stopped");
                let _ = tx.send(Err(std::io::Error::other(err.to_string()))).await;
                return;
            }
            Err(err) => {
                tracing::error!(error = %err, "export task failed");
                let _ = tx.send(Err(std::io::Error::other(err.to_string()))).await;
                return;
            }
        };
    }
}

/// Turns batches of hits into bytes of one format, writing the CSV header once.
struct Encoder {
    format: Format,
    header_written: bool,
}

impl Encoder {
    fn new(format: Format) -> Encoder {
        Encoder {
            format,
            header_written: false,
        }
    }

    fn encode(&mut self, hits: &[Hit]) -> Result<Bytes, std::io::Error> {
        match self.format {
            Format::Csv => {
                let first_chunk = !self.header_written;
                self.header_written = true;
                let mut writer = csv::WriterBuilder::new()
                    .has_headers(first_chunk)
                    .from_writer(Vec::new());
                if first_chunk && hits.is_empty() {
                    // An empty result still gets its header row.
                    writer.write_record([
                        "id",
                        "url",
                        "title",
                        "published",
                        "source",
                        "agency",
                        "province",
                        "snippet",
                        "score",
                    ])?;
                }
                for hit in hits {
                    let row = Row::from_hit(hit);
                    writer.serialize(CsvRow::from_row(&row))?;
                }
                writer
                    .into_inner()
                    .map(Bytes::from)
                    .map_err(|e| std::io::Error::other(e.to_string()))
            }
            Format::JsonLines => {
                let mut out = Vec::new();
                for hit in hits {
                    serde_json::to_writer(&mut out, &Row::from_hit(hit))?;
                    out.push(b'\n');
                }
                Ok(Bytes::from(out))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(title: &str, snippet: &str) -> Hit {
        Hit {
            id: "917aa70dc9c19c5b".into(),
            url: "https://quangnam.gov.vn/a".into(),
            title: title.into(),
            title_marks: Vec::new(),
            published: Some("2021-02-22".into()),
            source: Some("quangnam.gov.vn".into()),
            agency: Some("@UBND tỉnh Quảng Nam".into()),
            province: Some("Quảng Nam".into()),
            snippet: tracuu_index::search::Highlighted::new(snippet, Vec::new()),
            score: 1.5,
        }
    }

    #[test]
    fn csv_cells_that_a_spreadsheet_would_run_get_a_quote() {
        let mut encoder = Encoder::new(Format::Csv);
        let hits = [
            hit(
                "=HYPERLINK(\"http://x\",\"Kiều bào\")",
                "+84 kiều bào ở nước ngoài",
            ),
            hit("-2 + 3 người Việt", "\tTổng kết công tác"),
            hit(
                "Tổng kết công tác người Việt Nam ở nước ngoài",
                "\rChiều ngày 22/02/2021",
            ),
        ];
        let bytes = encoder.encode(&hits).expect("encode");
        let mut reader = csv::Reader::from_reader(bytes.as_ref());
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
        assert_eq!(&rows[0][2], "'=HYPERLINK(\"http://x\",\"Kiều bào\")");
        assert_eq!(&rows[0][7], "'+84 kiều bào ở nước ngoài");
        assert_eq!(&rows[0][5], "'@UBND tỉnh Quảng Nam");
        assert_eq!(&rows[1][2], "'-2 + 3 người Việt");
        assert_eq!(&rows[1][7], "'\tTổng kết công tác");
        assert_eq!(&rows[2][2], "Tổng kết công tác người Việt Nam ở nước ngoài");
        assert_eq!(&rows[2][8], "1.5", "numbers stay numbers");
        // JSON Lines keeps values as they are: no spreadsheet reads it as formulas.
        let mut jsonl = Encoder::new(Format::JsonLines);
        let line = jsonl.encode(&hits[..1]).expect("encode");
        assert!(String::from_utf8_lossy(&line).contains(r#""title":"=HYPERLINK"#));
    }
}
