//! The web page for people: server-rendered HTML with Vietnamese labels.
//!
//! - [`search`]: `/` — form, facets, timeline, hits, paging; all state in the URL.
//! - [`article`]: `/articles/{id}` — full text, metadata, cited documents.
//! - [`document`]: `/documents/{ref}` — a cited document: its number decoded, who cites it.
//! - [`archive`]: `/articles/{id}/archive` — the page as crawled, from its WARC record, sandboxed.
//! - [`quotes`]: `/?view=quotes` ("Trích dẫn") — the sentences that hold the query, with speakers.
//! - [`timeline`]: matches per month or year, counts or shares, as server-drawn SVG.
//! - [`trends`]: `/trends` — several queries over time on one chart ([`trend_chart`]) and a table.
//! - [`snippet`]: snippet sentences linking to the source with `#:~:text=` fragments.
//! - [`citation`]: dates, numbers and the citation text the copy button copies.
//! - [`layout`]: the shared document frame.

pub mod archive;
pub mod article;
pub mod citation;
pub mod document;
pub mod layout;
pub mod quotes;
pub mod search;
pub mod snippet;
pub mod timeline;
pub mod trend_chart;
pub mod trends;

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use maud::html;

use crate::api::{fetch_article, path_error, run_quotes, run_search};
use crate::params::{Endpoint, SearchParams, View};
use crate::state::AppState;

/// `GET /`: the search page; bad parameters show the error on the page with a 4xx status.
pub async fn search_page(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    let params = match SearchParams::parse(raw.as_deref(), Endpoint::Page) {
        Ok(params) => params,
        Err(err) => {
            let body = search::render(&SearchParams::default(), search::Outcome::Failed(&err));
            return (
                err.status,
                Html(layout::document("Lỗi tìm kiếm — tracuu", body).into_string()),
            )
                .into_response();
        }
    };
    if params.view == View::Quotes && !params.q.is_empty() {
        let body = match run_quotes(&state, params.to_quote_request()).await {
            Ok(response) => search::render(&params, search::Outcome::Quotes(response)),
            Err(err) => {
                let body = search::render(&params, search::Outcome::Failed(&err));
                return (
                    err.status,
                    Html(layout::document("Lỗi tìm kiếm — tracuu", body).into_string()),
                )
                    .into_response();
            }
        };
        return Html(layout::document(&search::title(&params), body).into_string()).into_response();
    }
    match run_search(&state, params.to_page_request()).await {
        Ok(response) => {
            let all = timeline::articles_per_period(&state, &params).await;
            let body = search::render(&params, search::Outcome::Found(&response, all.as_ref()));
            let feed = search::has_feed(&params).then(|| search::feed_url(&params));
            let page = layout::document_with_feed(&search::title(&params), feed.as_deref(), body);
            Html(page.into_string()).into_response()
        }
        Err(err) => {
            let body = search::render(&params, search::Outcome::Failed(&err));
            (
                err.status,
                Html(layout::document("Lỗi tìm kiếm — tracuu", body).into_string()),
            )
                .into_response()
        }
    }
}

/// `GET /articles/{id}`: one article, or a page saying it is not there.
///
/// The query string, when it holds a valid search, is the search the reader came from: the
/// page's "← Tìm kiếm khác" link returns to it.
pub async fn article_page(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
    RawQuery(raw): RawQuery,
) -> Response {
    let back = SearchParams::parse(raw.as_deref(), Endpoint::Page).unwrap_or_default();
    let result = match id {
        Ok(Path(id)) => fetch_article(&state, id).await,
        Err(rejection) => Err(path_error(rejection)),
    };
    match result {
        Ok(stored) => Html(
            layout::document(&article::title(&stored), article::render(&stored, &back))
                .into_string(),
        )
        .into_response(),
        Err(err) => {
            let body = html! {
                div.error role="alert" data-code=(err.code) {
                    h1 { @if err.status == StatusCode::NOT_FOUND { "Không có bài viết này" } @else { "Không mở được bài viết" } }
                    p { (err.message_vi) }
                    p { a href=(search::page_url(&back)) { "Về trang tìm kiếm" } }
                }
            };
            (
                err.status,
                Html(layout::document("Không tìm thấy — tracuu", body).into_string()),
            )
                .into_response()
        }
    }
}

/// Any other path that is not under `/api`: an HTML 404.
pub async fn not_found_page() -> Response {
    let body = html! {
        div.error role="alert" {
            h1 { "Không có trang này" }
            p { a href="/" { "Về trang tìm kiếm" } }
        }
    };
    (
        StatusCode::NOT_FOUND,
        Html(layout::document("Không có trang này — tracuu", body).into_string()),
    )
        .into_response()
}
