//! `/api/search.csv` and `/api/search.jsonl`: up to 10,000 hits of a search, streamed, with their
//! provenance; `/api/search.provenance.json`: that provenance alone, as a sidecar document.
//!
//! Every batch is searched in one snapshot of the index, so the rows of one export all come
//! from one commit even when the index is updated meanwhile; the snapshot's generation is in the
//! provenance. The response says what the file holds before its first byte, in `Tracuu-*`
//! headers: the search that re-runs it (`Tracuu-Search`, a query string), `Tracuu-Match`,
//! `Tracuu-Total`, `Tracuu-Rows`, `Tracuu-Truncated` (more matches than rows), `Tracuu-Version`,
//! `Tracuu-Index-Generation` and `Tracuu-Generated-At`, and a `Link` (`rel="describedby"`) to the
//! sidecar. The file name says the query, the day, and the cut when there is one
//! (`tracuu-kieu-bao-2025-06-01-10000-of-12345.csv`).
//!
//! Rows are plain text. CSV starts with a UTF-8 byte order mark, so spreadsheets read Vietnamese
//! right; lists (provinces, cited documents) are joined with `; ` there and stay arrays in JSON
//! Lines.
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

use axum::Json;
use axum::body::{Body, Bytes};
use axum::extract::{RawQuery, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE, LINK};
use axum::http::{HeaderMap, HeaderName, HeaderValue};
use axum::response::{IntoResponse, Response};
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;
use time::OffsetDateTime;
use tokio::sync::mpsc;
use tracuu_index::search::{Hit, SearchRequest, SearchResponse, Snapshot};

#[cfg(doc)]
use crate::ServeConfig;

use crate::error::ApiError;
use crate::params::{Endpoint, SearchParams, sort_name};
use crate::provenance::{Counted, Provenance, columns, export_file_name, vietnam_day};
use crate::state::AppState;

/// Hits searched per batch.
const BATCH: usize = 500;

/// The file formats an export can take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Comma-separated values with a header row, after a UTF-8 byte order mark.
    Csv,
    /// One JSON object per line.
    JsonLines,
}

impl Format {
    /// The format's name in provenance, and its file extension.
    pub fn name(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::JsonLines => "jsonl",
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv; charset=utf-8",
            Format::JsonLines => "application/x-ndjson; charset=utf-8",
        }
    }
}

/// The UTF-8 byte order mark a CSV export starts with: Excel reads the file as UTF-8 only then.
pub const UTF8_BOM: &str = "\u{feff}";

/// Separates the values of a list in one CSV cell.
pub const LIST_SEPARATOR: &str = "; ";

/// One exported hit: plain text, no HTML.
#[derive(Debug, Serialize)]
struct Row<'a> {
    id: &'a str,
    url: &'a str,
    title: &'a str,
    published: Option<&'a str>,
    source: Option<&'a str>,
    agency: Option<&'a str>,
    provinces: &'a [String],
    cited: &'a [String],
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
    provinces: String,
    cited: String,
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
            provinces: neutralise_formula(&row.provinces.join(LIST_SEPARATOR)).into_owned(),
            cited: neutralise_formula(&row.cited.join(LIST_SEPARATOR)).into_owned(),
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
            provinces: &hit.provinces,
            cited: &hit.cited,
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

/// `GET /api/search.provenance.json`: what an export of the same parameters holds, counted now.
pub async fn provenance(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let params = SearchParams::parse(raw.as_deref(), Endpoint::Export)?;
    let mut request = params.to_request();
    request.limit = 0;
    request.offset = 0;
    request.histogram = false;
    request.facet_limit = 0;
    let index = state.index.clone();
    let snapshot = index.snapshot();
    let (snapshot, counted) = search_in(&state, snapshot, request).await?;
    let at = OffsetDateTime::now_utc();
    let provenance = Provenance::new(&params, counted_of(&counted), snapshot.generation(), at);
    let name = file_name(&params, &provenance, at, "provenance.json");
    let mut response = Json(&provenance).into_response();
    if let Ok(value) = HeaderValue::from_str(&format!(
        "inline; filename=\"{}\"; filename*=UTF-8''{}",
        name.0, name.1
    )) {
        response.headers_mut().insert(CONTENT_DISPOSITION, value);
    }
    Ok(response)
}

/// Runs one search in `snapshot` on the blocking pool.
async fn search_in(
    state: &AppState,
    snapshot: Snapshot,
    request: SearchRequest,
) -> Result<(Snapshot, SearchResponse), ApiError> {
    let index = state.index.clone();
    tokio::task::spawn_blocking(move || {
        let found = index.search_in(&snapshot, &request);
        found.map(|response| (snapshot, response))
    })
    .await
    .map_err(ApiError::internal)?
    .map_err(ApiError::from)
}

fn counted_of(response: &SearchResponse) -> Counted {
    Counted {
        matched: response.matched,
        total: response.total,
    }
}

/// The export's file name, ASCII and percent-encoded Unicode, with `extension`.
fn file_name(
    params: &SearchParams,
    provenance: &Provenance,
    at: OffsetDateTime,
    extension: &str,
) -> (String, String) {
    let cut = provenance
        .truncated
        .then_some((provenance.rows, provenance.total));
    let name = export_file_name(&params.q, vietnam_day(at), extension, cut);
    let encoded = utf8_percent_encode(&name.unicode, NON_ALPHANUMERIC)
        .to_string()
        .replace("%2D", "-")
        .replace("%2E", ".");
    (name.ascii, encoded)
}

/// The headers that say what an export holds.
pub const PROVENANCE_HEADERS: [&str; 9] = [
    "tracuu-search",
    "tracuu-sort",
    "tracuu-match",
    "tracuu-total",
    "tracuu-rows",
    "tracuu-truncated",
    "tracuu-version",
    "tracuu-index-generation",
    "tracuu-generated-at",
];

/// The provenance headers, `Link` and `Content-Disposition`: what a cross-origin page may read.
pub fn exposed_headers() -> Vec<HeaderName> {
    PROVENANCE_HEADERS
        .iter()
        .map(|name| HeaderName::from_static(name))
        .chain([LINK, CONTENT_DISPOSITION])
        .collect()
}

/// The `Tracuu-*` headers (in [`PROVENANCE_HEADERS`]' order) and the `Link` to the sidecar.
fn provenance_headers(provenance: &Provenance) -> HeaderMap {
    let mut headers = HeaderMap::new();
    let values = [
        provenance.query_string.clone(),
        sort_name(provenance.search.sort).to_string(),
        match provenance.matched {
            tracuu_index::search::MatchKind::All => "all",
            tracuu_index::search::MatchKind::Partial => "partial",
        }
        .to_string(),
        provenance.total.to_string(),
        provenance.rows.to_string(),
        provenance.truncated.to_string(),
        provenance.tracuu_version.clone(),
        provenance.index_generation.clone(),
        provenance.generated_at.clone(),
    ];
    for (name, value) in PROVENANCE_HEADERS.into_iter().zip(values) {
        if let Ok(value) = HeaderValue::from_str(&value) {
            headers.insert(HeaderName::from_static(name), value);
        }
    }
    let link = format!(
        "</api/search.provenance.json?{}>; rel=\"describedby\"; type=\"application/json\"",
        provenance.query_string
    );
    if let Ok(value) = HeaderValue::from_str(&link) {
        headers.insert(LINK, value);
    }
    headers
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
    let snapshot = state.index.snapshot();
    let (snapshot, first) = search_in(&state, snapshot, request.clone()).await?;
    let wanted = params
        .limit
        .min(usize::try_from(first.total).unwrap_or(usize::MAX));
    let budget = Budget {
        searching: state.config.export_budget,
        total: state.config.export_timeout,
        started,
        spent: started.elapsed(),
    };
    let at = OffsetDateTime::now_utc();
    let mut provenance = Provenance::new(&params, counted_of(&first), snapshot.generation(), at);
    provenance.format = Some(format.name().to_string());
    let (ascii, unicode) = file_name(&params, &provenance, at, format.name());

    let (tx, mut rx) = mpsc::channel::<Result<Bytes, std::io::Error>>(4);
    tokio::spawn(async move {
        let _permit = permit; // held until the export ends
        let batches = Batches {
            state,
            snapshot,
            request,
            wanted,
            format,
        };
        stream_batches(batches, first, budget, tx).await;
    });

    let stream = futures_util::stream::poll_fn(move |cx| rx.poll_recv(cx));
    let mut headers = provenance_headers(&provenance);
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static(format.content_type()),
    );
    let disposition = format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{unicode}");
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(CONTENT_DISPOSITION, value);
    }
    Ok((headers, Body::from_stream(stream)).into_response())
}

/// One export's searching: the snapshot every batch reads, and how many rows it wants.
struct Batches {
    state: AppState,
    snapshot: Snapshot,
    request: SearchRequest,
    wanted: usize,
    format: Format,
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
    batches: Batches,
    first: SearchResponse,
    mut budget: Budget,
    tx: mpsc::Sender<Result<Bytes, std::io::Error>>,
) {
    let Batches {
        state,
        snapshot,
        mut request,
        wanted,
        format,
    } = batches;
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
        let pinned = snapshot.clone();
        let searching = Instant::now();
        let result = tokio::task::spawn_blocking(move || index.search_in(&pinned, &next)).await;
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

/// Turns batches of hits into bytes of one format, writing the CSV byte order mark and header once.
pub struct Encoder {
    format: Format,
    header_written: bool,
}

impl Encoder {
    /// An encoder at the start of a file.
    pub fn new(format: Format) -> Encoder {
        Encoder {
            format,
            header_written: false,
        }
    }

    /// The next rows of the file; the first call starts it (byte order mark and header for CSV).
    pub fn encode(&mut self, hits: &[Hit]) -> Result<Bytes, std::io::Error> {
        match self.format {
            Format::Csv => {
                let first_chunk = !self.header_written;
                self.header_written = true;
                let start = if first_chunk { UTF8_BOM } else { "" };
                let mut writer = csv::WriterBuilder::new()
                    .has_headers(first_chunk)
                    .from_writer(start.as_bytes().to_vec());
                if first_chunk && hits.is_empty() {
                    // An empty result still gets its header row.
                    writer.write_record(columns().iter().map(|c| c.name.as_str()))?;
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
            provinces: vec!["Quảng Nam".into(), "Đà Nẵng".into()],
            cited: vec!["36-NQ/TW".into(), "-1/QĐ-UBND".into()],
            snippet: tracuu_index::search::Highlighted::new(snippet, Vec::new()),
            score: 1.5,
            missing: Vec::new(),
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
        let text = std::str::from_utf8(&bytes).expect("UTF-8");
        let text = text
            .strip_prefix(UTF8_BOM)
            .expect("starts with a byte order mark");
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
        assert_eq!(&rows[0][2], "'=HYPERLINK(\"http://x\",\"Kiều bào\")");
        assert_eq!(&rows[0][8], "'+84 kiều bào ở nước ngoài");
        assert_eq!(&rows[0][5], "'@UBND tỉnh Quảng Nam");
        assert_eq!(&rows[1][2], "'-2 + 3 người Việt");
        assert_eq!(&rows[1][8], "'\tTổng kết công tác");
        assert_eq!(&rows[2][2], "Tổng kết công tác người Việt Nam ở nước ngoài");
        assert_eq!(&rows[2][9], "1.5", "numbers stay numbers");
        assert_eq!(&rows[0][6], "Quảng Nam; Đà Nẵng");
        assert_eq!(&rows[0][7], "36-NQ/TW; -1/QĐ-UBND");
        // JSON Lines keeps values as they are: no spreadsheet reads it as formulas.
        let mut jsonl = Encoder::new(Format::JsonLines);
        let line = jsonl.encode(&hits[..1]).expect("encode");
        assert!(String::from_utf8_lossy(&line).contains(r#""title":"=HYPERLINK"#));
    }

    #[test]
    fn csv_starts_with_the_byte_order_mark_and_the_documented_header_even_when_empty() {
        let names: Vec<String> = columns().into_iter().map(|c| c.name).collect();
        for hits in [vec![], vec![hit("Kiều bào", "kiều bào")]] {
            let bytes = Encoder::new(Format::Csv).encode(&hits).expect("encode");
            assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "{bytes:?}");
            let text = std::str::from_utf8(&bytes[3..]).expect("UTF-8");
            let header = text.lines().next().expect("header");
            assert_eq!(header, names.join(","));
        }
        let mut encoder = Encoder::new(Format::Csv);
        encoder.encode(&[hit("a", "b")]).expect("first batch");
        let next = encoder.encode(&[hit("c", "d")]).expect("second batch");
        assert!(
            next.starts_with(b"c,") || next.starts_with(b"917aa"),
            "no second mark or header"
        );
    }
}
