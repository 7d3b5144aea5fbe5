//! What every handler shares: the open index, the metrics registry and the server's settings.
//!
//! State is passed explicitly with axum's `State`, never global, so a test can run several
//! servers on different indexes in one process.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Semaphore;
use tracuu_index::search::SearchIndex;

use crate::metrics::Metrics;

/// Settings of one server, from the command line.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// How long one request may take before it is answered with a 503 `timeout`.
    pub request_timeout: Duration,
    /// Origins allowed to call the API from a browser; empty turns CORS off (the default).
    pub cors_origins: Vec<String>,
    /// Searching time one export may spend in all (its batches run after the response started,
    /// so `request_timeout` does not bound them); past it the download is cut off.
    pub export_budget: Duration,
    /// Wall time one export may take, a slow client's reading included.
    pub export_timeout: Duration,
    /// Exports running at once; more get a 503 `busy`.
    pub max_exports: usize,
}

impl Default for ServeConfig {
    fn default() -> Self {
        ServeConfig {
            request_timeout: Duration::from_secs(10),
            cors_origins: Vec::new(),
            export_budget: Duration::from_secs(30),
            export_timeout: Duration::from_secs(600),
            max_exports: std::thread::available_parallelism().map_or(2, |n| n.get()),
        }
    }
}

/// The state handed to every handler; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// The index searched; its reader follows re-indexing by other processes.
    pub index: Arc<SearchIndex>,
    /// Request counts and latencies, rendered at `/metrics`.
    pub metrics: Arc<Metrics>,
    /// The server's settings.
    pub config: Arc<ServeConfig>,
    /// One permit per export allowed to run.
    pub exports: Arc<Semaphore>,
}

impl AppState {
    /// State for serving `index` with `config`.
    pub fn new(index: Arc<SearchIndex>, config: ServeConfig) -> AppState {
        AppState {
            index,
            metrics: Arc::new(Metrics::new()),
            exports: Arc::new(Semaphore::new(config.max_exports.max(1))),
            config: Arc::new(config),
        }
    }
}
