//! What every handler shares: the open index, the metrics registry and the server's settings.
//!
//! State is passed explicitly with axum's `State`, never global, so a test can run several
//! servers on different indexes in one process.

use std::sync::Arc;
use std::time::Duration;

use tracuu_index::search::SearchIndex;

use crate::metrics::Metrics;

/// Settings of one server, from the command line.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// How long one request may take before it is answered with a 503 `timeout`.
    pub request_timeout: Duration,
    /// Origins allowed to call the API from a browser; empty turns CORS off (the default).
    pub cors_origins: Vec<String>,
}

impl Default for ServeConfig {
    fn default() -> Self {
        ServeConfig {
            request_timeout: Duration::from_secs(10),
            cors_origins: Vec::new(),
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
}

impl AppState {
    /// State for serving `index` with `config`.
    pub fn new(index: Arc<SearchIndex>, config: ServeConfig) -> AppState {
        AppState {
            index,
            metrics: Arc::new(Metrics::new()),
            config: Arc::new(config),
        }
    }
}
