//! `/api/search.csv` and `/api/search.jsonl`: up to 10,000 hits of a search, streamed.
//!
//! The first batch is searched before the response starts, so a bad query still gets a proper
//! 4xx JSON error. Later batches are searched on the blocking pool and sent through a small
//! channel: memory stays bounded, and a client that disconnects stops the work.

use axum::body::{Body, Bytes};
use axum::extract::{RawQuery, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use tokio::sync::mpsc;
use tracuu_index::search::Hit;

use crate::api::run_search;
use crate::error::ApiError;
use crate::highlight::plain_text;
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
            snippet: plain_text(&hit.snippet),
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
    let mut request = params.to_request();
    request.offset = 0;
    request.limit = BATCH.min(params.limit);
    request.histogram = false;
    request.facet_limit = 0;
    let first = run_search(&state, request.clone()).await?;
    let wanted = params
        .limit
        .min(usize::try_from(first.total).unwrap_or(usize::MAX));

    let (tx, mut rx) = mpsc::channel::<Result<Bytes, std::io::Error>>(4);
    let index = state.index.clone();
    tokio::task::spawn_blocking(move || {
        let mut encoder = Encoder::new(format);
        let mut batch = first;
        let mut sent = 0usize;
        loop {
            let take = batch.hits.len().min(wanted - sent);
            let chunk = encoder.encode(&batch.hits[..take]);
            sent += take;
            if tx.blocking_send(chunk).is_err() {
                return; // the client went away
            }
            if sent >= wanted || take == 0 {
                return;
            }
            request.offset = sent;
            request.limit = BATCH.min(wanted - sent);
            batch = match index.search(&request) {
                Ok(next) => next,
                Err(err) => {
                    tracing::error!(error = %err, "export stopped");
                    let _ = tx.blocking_send(Err(std::io::Error::other(err.to_string())));
                    return;
                }
            };
        }
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
                    writer.serialize(Row::from_hit(hit))?;
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
