//! tracuu-index: the core of tracuu, with no network.
//!
//! - [`text`]: Vietnamese analysis (Unicode normalisation, tone placement, folding, tokenizing).
//! - [`article`]: the Article record shared by the crawler, the indexer and the server.
//! - [`corpus`]: reading Article JSON Lines (plain, `.gz`, `.zst`, `.xz`).
//! - [`enrich`]: facts derived from text: cited documents and provinces.
//! - [`schema`], [`document`], [`indexer`]: how articles become a Tantivy index.
//! - [`search`]: the query language, ranking, facets, snippets and highlights as data.
//! - [`citator`]: one cited document: its decoded number, who cites it, when, with what.
//! - [`quote`]: the sentences that match a query, and who said them.

pub mod article;
pub mod citator;
pub mod corpus;
pub mod document;
pub mod enrich;
pub mod indexer;
pub mod quote;
pub mod schema;
pub mod search;
pub mod text;
