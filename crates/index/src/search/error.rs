//! Errors from searching, each with a stable code that the API and CLI report.

use thiserror::Error;

/// Why a search could not be answered.
#[derive(Debug, Error)]
pub enum SearchError {
    /// The query text could not be parsed (unbalanced quote, unknown field…).
    #[error("invalid query: {0}")]
    InvalidQuery(String),
    /// The query text cannot be searched, with what to fix in English and Vietnamese.
    #[error("invalid query: {0}")]
    Query(#[from] crate::search::query_parser::QueryProblem),
    /// A parameter is out of range or malformed (page too deep, bad date…).
    #[error("invalid request: {0}")]
    InvalidRequest(String),
    /// A `province` or `type` filter given as a parameter names no province or document type in
    /// any spelling, and no article has it: it would match nothing, silently.
    #[error(
        "{field}={value:?} names no {kind} and no article has it; give a name such as {example}",
        field = field.name(),
        kind = field.kind(),
        example = field.example_param()
    )]
    UnknownFilterValue {
        /// The facet.
        field: crate::search::request::FacetField,
        /// The value given.
        value: String,
    },
    /// A trend would span more periods than it may count.
    #[error(
        "the matches span {periods} {interval}s, from {first} to {last}; a trend counts at most \
         {max} periods: ask interval=year, or narrow the dates with from and to"
    , max = crate::search::trends::MAX_PERIODS)]
    TooManyPeriods {
        /// Periods from the first to the last.
        periods: usize,
        /// The first period.
        first: String,
        /// The last period.
        last: String,
        /// `month` or `year`.
        interval: &'static str,
    },
    /// No article has this id.
    #[error("no article with id '{0}'")]
    NotFound(String),
    /// The index directory is missing or unreadable.
    #[error("cannot open index at {path}: {reason}")]
    IndexUnavailable {
        /// The directory asked for.
        path: String,
        /// What went wrong, for the user.
        reason: String,
    },
    /// Tantivy failed while searching.
    #[error("search failed: {0}")]
    Engine(#[from] tantivy::TantivyError),
}

impl SearchError {
    /// A short machine-readable code: `invalid_query`, `invalid_request`, `not_found`, …
    pub fn code(&self) -> &'static str {
        match self {
            SearchError::InvalidQuery(_) | SearchError::Query(_) => "invalid_query",
            SearchError::InvalidRequest(_) => "invalid_request",
            SearchError::UnknownFilterValue { .. } => "unknown_filter_value",
            SearchError::TooManyPeriods { .. } => "too_many_periods",
            SearchError::NotFound(_) => "not_found",
            SearchError::IndexUnavailable { .. } => "index_unavailable",
            SearchError::Engine(_) => "engine_error",
        }
    }

    /// True when the caller's input is at fault (an HTTP 4xx, CLI exit status 2).
    pub fn is_user_error(&self) -> bool {
        matches!(
            self,
            SearchError::InvalidQuery(_)
                | SearchError::Query(_)
                | SearchError::InvalidRequest(_)
                | SearchError::UnknownFilterValue { .. }
                | SearchError::TooManyPeriods { .. }
                | SearchError::NotFound(_)
        )
    }
}
