//! The routing table and the layers around it.
//!
//! | path | what |
//! |---|---|
//! | `GET /` | the search page |
//! | `GET /articles/{id}` | the article page |
//! | `GET /articles/{id}/archive` | the page as crawled (WARC), sandboxed |
//! | `GET /documents/{ref}` | a cited document: its number decoded, its citing articles |
//! | `GET /api/search` | search as JSON |
//! | `GET /api/search.csv`, `/api/search.jsonl` | exports, streamed, with provenance headers |
//! | `GET /api/search.provenance.json` | what an export of the same search holds |
//! | `GET /api/trends` | several queries counted per month or year, with all articles |
//! | `GET /trends` | the trends page |
//! | `GET /feeds/search.atom` | a search's newest matches as an Atom feed |
//! | `GET /api/articles/{id}` | one article as JSON |
//! | `GET /api/documents/{ref}` | a cited document and its citing articles as JSON |
//! | `GET /feeds/documents/{ref}` | new articles citing a document, as Atom |
//! | `GET /healthz`, `/metrics`, `/openapi.json` | operations |
//! | `GET /favicon.ico`, `/static/…` | the icon, stylesheet and script |
//!
//! Layers: metrics per route pattern, a request timeout that answers with the JSON error shape,
//! tracing, panics caught as a JSON 500, security headers on every response
//! (`Content-Security-Policy` allowing only the page's own script and stylesheet,
//! `X-Content-Type-Options: nosniff`, a referrer policy that keeps queries private), and CORS
//! only when origins are configured.

use axum::Router;
use axum::body::Body;
use axum::http::header::{
    ALLOW, CONTENT_SECURITY_POLICY, CONTENT_TYPE, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS,
    X_FRAME_OPTIONS,
};
use axum::http::{HeaderValue, Method, Request, StatusCode, Uri};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use thiserror::Error;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::error::ApiError;
use crate::state::AppState;
use crate::{api, assets, citator, export, feed, metrics, page, trends};

/// A server setting that cannot be used.
#[derive(Debug, Error)]
pub enum ConfigError {
    /// A `--cors-origin` value is not a valid origin header.
    #[error("invalid CORS origin '{0}': give an origin such as https://example.gov.vn, or *")]
    CorsOrigin(String),
}

/// The whole application: routes, handlers and layers, over `state`.
pub fn router(state: AppState) -> Result<Router, ConfigError> {
    let cors = cors_layer(&state.config.cors_origins)?;
    let timeout = state.config.request_timeout;
    let app = Router::new()
        .route("/", get(page::search_page))
        .route("/articles/{id}", get(page::article_page))
        .route("/articles/{id}/archive", get(page::archive::archive_page))
        .route("/documents/{*ref}", get(page::document::document_page))
        .route("/api/search", get(api::search))
        .route("/api/quotes", get(api::quotes))
        .route("/api/search.csv", get(export::csv))
        .route("/api/search.jsonl", get(export::jsonl))
        .route("/api/search.provenance.json", get(export::provenance))
        .route("/api/trends", get(trends::api_trends))
        .route("/trends", get(page::trends::trends_page))
        .route("/feeds/search.atom", get(feed::search_feed))
        .route("/api/articles/{id}", get(api::article))
        .route("/api/documents/{*ref}", get(citator::document))
        .route("/feeds/documents/{*ref}", get(citator::feed::document_feed))
        .route("/healthz", get(api::healthz))
        .route("/metrics", get(metrics::metrics_handler))
        .route("/openapi.json", get(assets::openapi))
        .route("/static/style.css", get(assets::style))
        .route("/static/app.js", get(assets::script))
        .route("/static/favicon.svg", get(assets::favicon_svg))
        .route("/favicon.ico", get(assets::favicon_ico))
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            metrics::track,
        ))
        .fallback(fallback)
        .method_not_allowed_fallback(method_not_allowed)
        .with_state(state)
        .layer(TraceLayer::new_for_http())
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            timeout,
        ))
        .layer(middleware::map_response(timeout_as_json))
        .layer(CatchPanicLayer::custom(panic_as_json))
        .layer(middleware::map_response(security_headers));
    Ok(match cors {
        Some(cors) => app.layer(cors),
        None => app,
    })
}

fn cors_layer(origins: &[String]) -> Result<Option<CorsLayer>, ConfigError> {
    if origins.is_empty() {
        return Ok(None);
    }
    let allow = if origins.iter().any(|o| o == "*") {
        AllowOrigin::any()
    } else {
        let values = origins
            .iter()
            .map(|o| HeaderValue::from_str(o).map_err(|_| ConfigError::CorsOrigin(o.clone())))
            .collect::<Result<Vec<_>, _>>()?;
        AllowOrigin::list(values)
    };
    Ok(Some(
        CorsLayer::new()
            .allow_origin(allow)
            .allow_methods([Method::GET, Method::HEAD])
            // A page on an allowed origin may read what an export says it holds.
            .expose_headers(export::exposed_headers()),
    ))
}

/// The page's own script and stylesheet only: no inline script, no other origin, no framing.
pub const CONTENT_SECURITY_POLICY_VALUE: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
     img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// Source sites see that a reader came from tracuu, never what they searched for.
pub const REFERRER_POLICY_VALUE: &str = "strict-origin-when-cross-origin";

/// Headers every response carries, so a stored link or a sniffed file cannot run script. A
/// handler that sets a stricter policy of its own (the archived copy's sandbox) keeps it.
async fn security_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    if !headers.contains_key(CONTENT_SECURITY_POLICY) {
        headers.insert(
            CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY_VALUE),
        );
    }
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    if !headers.contains_key(REFERRER_POLICY) {
        headers.insert(
            REFERRER_POLICY,
            HeaderValue::from_static(REFERRER_POLICY_VALUE),
        );
    }
    headers.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    response
}

/// The timeout layer answers with an empty body; give it the same JSON shape as every error.
async fn timeout_as_json(response: Response) -> Response {
    if response.status() == StatusCode::SERVICE_UNAVAILABLE
        && !response.headers().contains_key(CONTENT_TYPE)
    {
        return ApiError::timeout().into_response();
    }
    response
}

/// A bug must not drop the connection: answer it as a logged JSON 500.
fn panic_as_json(panic: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let detail = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("unknown panic");
    ApiError::internal(format!("handler panicked: {detail}")).into_response()
}

async fn fallback(uri: Uri) -> Response {
    if uri.path().starts_with("/api/") || uri.path() == "/api" {
        ApiError::not_found(
            "no_route",
            format!("no endpoint at {}; see /openapi.json", uri.path()),
            "Không có điểm truy cập này; xem /openapi.json.",
        )
        .into_response()
    } else {
        page::not_found_page().await
    }
}

async fn method_not_allowed(request: Request<Body>) -> Response {
    let mut response = ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        format!(
            "{} is not allowed here; this API only reads (GET)",
            request.method()
        ),
        "Chỉ đọc được (GET) ở địa chỉ này.",
    )
    .into_response();
    response
        .headers_mut()
        .insert(ALLOW, HeaderValue::from_static("GET, HEAD"));
    response
}
