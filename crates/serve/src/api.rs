//! The JSON endpoints: `/api/search`, `/api/quotes`, `/api/articles/{id}` and `/healthz`.
//!
//! Handlers are short: parse and validate parameters ([`crate::params`]), run the engine on the
//! blocking pool (searching is CPU-bound and must not stall the async workers), and map the result.

use axum::Json;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery, State};
use serde::Serialize;
use tracuu_index::quote::{Quote, QuoteRequest, QuoteResponse};
use tracuu_index::search::{FacetCount, MatchKind, SearchRequest, SearchResponse, StoredArticle};

use crate::error::ApiError;
use crate::params::{Endpoint, SearchParams};
use crate::state::AppState;

/// The body of `/api/search`: the engine's answer plus the page that was asked for.
#[derive(Debug, Serialize)]
pub struct SearchBody {
    /// 1-based page number.
    pub page: usize,
    /// Hits per page.
    pub per_page: usize,
    /// Total, hits, facets, histogram and time taken.
    #[serde(flatten)]
    pub response: SearchResponse,
}

/// The body of `/api/quotes`: the quote finder's answer, each quote with its deep link and the
/// citation a journalist copies.
#[derive(Debug, Serialize)]
pub struct QuotesBody {
    /// 1-based page number.
    pub page: usize,
    /// Quotes per page.
    pub per_page: usize,
    /// `all`, or `partial` when no article holds every word (then no quote).
    #[serde(rename = "match")]
    pub matched: MatchKind,
    /// Articles matching the query and filters.
    pub articles_total: u64,
    /// Articles read for quotes.
    pub articles_read: usize,
    /// Quotes found in the articles read (after the speaker filter).
    pub total: usize,
    /// This page of quotes.
    pub quotes: Vec<QuoteItem>,
    /// Speakers of the quotes found, most quoted first.
    pub speakers: Vec<FacetCount>,
}

/// One quote as the API gives it.
#[derive(Debug, Serialize)]
pub struct QuoteItem {
    /// The sentence, speaker and article.
    #[serde(flatten)]
    pub quote: Quote,
    /// The source page opened at the sentence (`#:~:text=`), or the article's URL when it is
    /// not a web address.
    pub link: String,
    /// What "Sao chép trích dẫn" copies: speaker, sentence, title, agency, date, deep link.
    pub citation: String,
}

impl QuoteItem {
    /// The quote with its link and citation.
    pub fn new(quote: Quote) -> QuoteItem {
        let link = if tracuu_index::article::is_web_url(&quote.url) {
            crate::page::snippet::text_fragment_url(&quote.url, &quote.sentence.text)
        } else {
            quote.url.clone()
        };
        let citation = crate::page::citation::Citation {
            sentence: Some(&quote.sentence.text),
            speaker: quote.speaker.as_ref().map(|s| s.name.as_str()),
            title: &quote.title,
            agency: quote.agency.as_deref().or(quote.source.as_deref()),
            published: quote.published.as_deref(),
            url: &quote.url,
        }
        .text();
        QuoteItem {
            quote,
            link,
            citation,
        }
    }
}

impl QuotesBody {
    /// The body for this page of the finder's answer.
    pub fn new(page: usize, per_page: usize, response: QuoteResponse) -> QuotesBody {
        QuotesBody {
            page,
            per_page,
            matched: response.matched,
            articles_total: response.articles_total,
            articles_read: response.articles_read,
            total: response.total,
            quotes: response.quotes.into_iter().map(QuoteItem::new).collect(),
            speakers: response.speakers,
        }
    }
}

/// The body of `/healthz`.
#[derive(Debug, Serialize)]
pub struct Health {
    /// Always `ok` when the server answers.
    pub status: &'static str,
    /// Articles in the index.
    pub documents: u64,
}

/// Runs a search on the blocking pool.
pub async fn run_search(
    state: &AppState,
    request: SearchRequest,
) -> Result<SearchResponse, ApiError> {
    let index = state.index.clone();
    tokio::task::spawn_blocking(move || index.search(&request))
        .await
        .map_err(ApiError::internal)?
        .map_err(ApiError::from)
}

/// Runs the quote finder on the blocking pool.
pub async fn run_quotes(
    state: &AppState,
    request: QuoteRequest,
) -> Result<QuoteResponse, ApiError> {
    let index = state.index.clone();
    tokio::task::spawn_blocking(move || index.quotes(&request))
        .await
        .map_err(ApiError::internal)?
        .map_err(ApiError::from)
}

/// Fetches one article on the blocking pool.
pub async fn fetch_article(state: &AppState, id: String) -> Result<StoredArticle, ApiError> {
    let index = state.index.clone();
    tokio::task::spawn_blocking(move || index.article(&id))
        .await
        .map_err(ApiError::internal)?
        .map_err(ApiError::from)
}

/// `GET /api/search`.
pub async fn search(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<SearchBody>, ApiError> {
    let params = SearchParams::parse(raw.as_deref(), Endpoint::Search)?;
    let response = run_search(&state, params.to_page_request()).await?;
    Ok(Json(SearchBody {
        page: params.page,
        per_page: params.per_page,
        response,
    }))
}

/// `GET /api/quotes`: the sentences that hold the query, with speakers.
pub async fn quotes(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<QuotesBody>, ApiError> {
    let params = SearchParams::parse(raw.as_deref(), Endpoint::Quotes)?;
    if params.q.is_empty() {
        return Err(ApiError::bad_request(
            "invalid_query",
            "quotes need a query: give 'q' with the words to find in sentences",
            "Hãy gõ từ khóa để tìm các câu trích dẫn.",
        ));
    }
    let response = run_quotes(&state, params.to_quote_request()).await?;
    Ok(Json(QuotesBody::new(
        params.page,
        params.per_page,
        response,
    )))
}

/// `GET /api/articles/{id}`.
pub async fn article(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<StoredArticle>, ApiError> {
    let Path(id) = id.map_err(path_error)?;
    Ok(Json(fetch_article(&state, id).await?))
}

/// `GET /healthz`.
pub async fn healthz(State(state): State<AppState>) -> Json<Health> {
    Json(Health {
        status: "ok",
        documents: state.index.num_docs(),
    })
}

/// Turns axum's path rejection (e.g. invalid UTF-8 in the id) into the JSON error shape.
pub fn path_error(rejection: PathRejection) -> ApiError {
    ApiError::bad_request(
        "invalid_path",
        format!("the article id in the path is invalid: {rejection}"),
        "Mã bài viết trong địa chỉ không hợp lệ.",
    )
}
