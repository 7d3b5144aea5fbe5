//! What can go wrong when tracuu's search is carried to a cluster.

use thiserror::Error;

/// Why an export, a template or a Query DSL could not be made.
#[derive(Debug, Error)]
pub enum ScaleOutError {
    /// Tantivy failed (reading the index, or tracuu's schema).
    #[error("index error: {0}")]
    Engine(#[from] tantivy::TantivyError),
    /// The search request is one tracuu itself refuses.
    #[error(transparent)]
    Search(#[from] tracuu_index::search::SearchError),
    /// The corpus could not be read.
    #[error(transparent)]
    Corpus(#[from] tracuu_index::corpus::CorpusError),
    /// Writing the output failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// JSON could not be written.
    #[error("JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// The index directory cannot be exported.
    #[error("{path}: {reason}")]
    IndexUnavailable {
        /// The directory given.
        path: String,
        /// Why.
        reason: String,
    },
    /// tracuu's schema and the cluster's field table disagree (a bug, caught by the tests).
    #[error("schema: {0}")]
    Schema(String),
    /// The engine built a query this translation does not know (a bug, caught by the tests).
    #[error("cannot write this query for OpenSearch: {0}")]
    Unsupported(String),
}
