//! Errors of crawling and extraction, with the context a user needs to act on them.

use std::path::PathBuf;

/// Everything that can go wrong in `tracuu-crawl`.
#[derive(Debug, thiserror::Error)]
pub enum CrawlError {
    /// A CSS selector in a site profile does not parse.
    #[error("invalid CSS selector {css:?}: {message}")]
    Selector {
        /// The selector as written.
        css: String,
        /// The parser's complaint.
        message: String,
    },
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file concerned.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The site profile file is not valid.
    #[error("{path}: {message}")]
    Profile {
        /// The profile file.
        path: PathBuf,
        /// What is wrong, with the TOML parser's location when it has one.
        message: String,
    },
    /// The saved crawl state is unreadable.
    #[error("crawl state {path}: {message}")]
    State {
        /// The state file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// Indexing the crawled articles failed.
    #[error("index {path}: {message}")]
    Index {
        /// The index directory.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// An HTTP request failed for good (after retries).
    #[error("{url}: {message}")]
    Fetch {
        /// The URL requested.
        url: String,
        /// Why it failed.
        message: String,
    },
}

impl CrawlError {
    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        CrawlError::Io {
            path: path.into(),
            source,
        }
    }
}
