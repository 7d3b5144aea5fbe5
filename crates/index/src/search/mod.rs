//! Searching the index: the query language, ranking, facets, snippets.
//!
//! The CLI and the HTTP server share this one path, so a query answers the same everywhere.
//!
//! - [`request`]: what a caller asks for and what comes back ([`SearchRequest`], [`SearchResponse`]).
//! - [`query_parser`]: the query language (words, "phrases", `+required`, `-excluded`, `OR`,
//!   `field:value`).
//! - [`query_builder`]: parsed queries → Tantivy queries over the exact and folded fields.
//! - [`pair_counts`]: how many articles hold each query syllable pair, estimated and remembered.
//! - [`ranking`]: the weights on top of BM25 ([`Ranking`]), defaults measured on ALQAC 2022.
//! - [`snippet`]: highlighted fragments on the original text, budgeted in characters.
//! - [`engine`]: [`SearchIndex`], which opens an index directory and answers requests.

pub mod engine;
pub mod error;
pub mod pair_counts;
pub mod query_builder;
pub mod query_parser;
pub mod ranking;
pub mod request;
pub mod snippet;

pub use engine::SearchIndex;
pub use error::SearchError;
pub use ranking::Ranking;
pub use request::{
    FacetCount, FacetField, Hit, MonthCount, SearchRequest, SearchResponse, SortOrder,
    StoredArticle,
};
