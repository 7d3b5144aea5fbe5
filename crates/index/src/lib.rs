//! tracuu-index: the core of tracuu, with no network.
//!
//! - [`text`]: Vietnamese analysis (Unicode normalisation, tone placement, folding, tokenizing).
//! - [`article`]: the Article record shared by the crawler, the indexer and the server.
//! - [`corpus`]: reading Article JSON Lines (plain, `.gz`, `.zst`, `.xz`).
//! - [`enrich`]: facts derived from text: cited documents and provinces.
//! - [`schema`], [`indexer`], [`search`]: the Tantivy index and how it is queried.

pub mod article;
pub mod enrich;
pub mod text;
