//! Searching the index: the query language, ranking, facets, snippets.
//!
//! The CLI and the HTTP server share this one path, so a query answers the same everywhere.
//!
//! - [`request`]: what a caller asks for and what comes back ([`SearchRequest`], [`SearchResponse`]).
//! - [`query_parser`]: the query language (words, "phrases", `+required`, `-excluded`, `OR`,
//!   `field:value`).
//! - [`query_builder`]: a request → one Tantivy query (the matching rule); it uses
//!   [`free_text`] (words cut from plain text, what is required and what ranks),
//!   [`word_query`] (syllables, pairs, words and phrases as queries), [`references`] (document
//!   numbers typed in the text) and [`filters`] (facets and dates).
//! - [`facets`]: facet counts and the month histogram, in the same pass as the total.
//! - [`ranking`]: the weights on top of BM25 ([`Ranking`]), defaults measured on ALQAC 2022.
//! - [`readable`]: the weighted query and the date range the builder uses, whose parts can be read
//!   back (`tracuu query-dsl` writes the built query for OpenSearch).
//! - [`rerank`]: the proximity bonus of query words that form no stored pair, on the best
//!   first-pass matches only.
//! - [`snippet`]: the best fragment of a body and the title's matches, budgeted in characters;
//!   [`highlight`]: what they return, text with marked ranges and sentences ([`Highlighted`]).
//! - [`engine`]: [`SearchIndex`], which opens an index directory and answers requests.
//! - [`closest`]: below a first page with room, the articles closest to holding every word,
//!   listed apart and counted nowhere; [`missing`]: which words each article shown lacks.
//! - [`snapshot`]: one commit held open, and its generation, for work made of several searches.
//! - [`trends`]: matches per month or year for several queries, beside all articles per period.

pub mod any_term;
pub(crate) mod asked;
pub mod closest;
pub mod cross_bonus;
pub mod engine;
pub mod error;
pub mod facet_table;
pub mod facets;
pub mod filters;
pub mod free_text;
pub mod highlight;
pub mod hit_wire;
pub mod missing;
pub mod or_words;
pub mod pair_rarity;
pub mod query_builder;
pub mod query_parser;
pub mod ranking;
pub mod readable;
pub mod references;
pub mod request;
pub mod rerank;
pub mod snapshot;
pub mod snippet;
pub mod sparse_union;
pub mod syllable_normed;
pub mod syllable_phrase;
#[cfg(test)]
mod test_index;
pub mod trends;
pub mod word_query;

pub use engine::SearchIndex;
pub use error::SearchError;
pub use highlight::Highlighted;
pub use ranking::Ranking;
pub use request::{
    FacetCount, FacetField, Hit, MatchKind, MonthCount, SearchRequest, SearchResponse, SortOrder,
    StoredArticle,
};
pub use snapshot::Snapshot;
