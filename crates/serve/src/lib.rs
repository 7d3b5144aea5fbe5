//! tracuu-serve: the HTTP face of tracuu — a JSON API, CSV/JSONL exports, a web page, metrics.
//!
//! Thin by design: handlers validate parameters, call [`tracuu_index::search::SearchIndex`] on the
//! blocking pool, and map the answer to JSON or HTML. The search logic lives in `tracuu-index`, so
//! the CLI and the server answer a query the same way.
//!
//! ```no_run
//! use std::sync::Arc;
//! use tracuu_index::search::SearchIndex;
//! use tracuu_serve::{AppState, ServeConfig};
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! let index = Arc::new(SearchIndex::open(std::path::Path::new(".tracuu/index"))?);
//! let app = tracuu_serve::router(AppState::new(index, ServeConfig::default()))?;
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//! tracuu_serve::serve(listener, app, tracuu_serve::shutdown::signal(), std::time::Duration::from_secs(10)).await?;
//! # Ok(()) }
//! ```
//!
//! - [`routes`]: which path goes where, and the layers (timeout, CORS, metrics, tracing).
//! - [`params`]: query-string parsing and validation shared by every endpoint.
//! - [`api`], [`export`]: the JSON endpoints and the streamed CSV/JSONL exports, whose
//!   [`provenance`] says what they hold.
//! - [`trends`]: `/api/trends`, several queries counted per month or year.
//! - [`feed`]: `/feeds/search.atom`, a search's newest matches as an Atom feed.
//! - [`citator`]: one cited document as JSON and as an Atom feed of new citing articles.
//! - [`page`]: the server-rendered web page.
//! - [`error`]: the one JSON error shape. [`metrics`]: Prometheus metrics.
//! - [`server`]: accepting connections within limits (header timeout, connection limit, EMFILE,
//!   oversized heads answered as JSON) and draining them on [`shutdown::signal`].
//! - [`shutdown`]: the stop signal, SIGTERM or Ctrl-C.

pub mod api;
pub mod assets;
pub mod citator;
pub mod error;
pub mod export;
pub mod feed;
pub mod metrics;
pub mod page;
pub mod params;
pub mod provenance;
pub mod routes;
pub mod server;
pub mod shutdown;
pub mod state;
pub mod trends;

pub use error::ApiError;
pub use routes::{ConfigError, router};
pub use server::{ConnectionLimits, serve, serve_with};
pub use state::{AppState, ServeConfig};
