//! The JSON endpoints: `/api/search`, `/api/articles/{id}` and `/healthz`.
//!
//! Handlers are short: parse and validate parameters ([`crate::params`]), run the engine on the
//! blocking pool (searching is CPU-bound and must not stall the async workers), and map the result.

use axum::Json;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery, State};
use serde::Serialize;
use tracuu_index::search::{SearchRequest, SearchResponse, StoredArticle};

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
    let response = run_search(&state, params.to_request()).await?;
    Ok(Json(SearchBody {
        page: params.page,
        per_page: params.per_page,
        response,
    }))
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
