//! tracuu-scaleout: tracuu's search on OpenSearch or Elasticsearch (and Quickwit), with tracuu's
//! behaviour kept.
//!
//! No OpenSearch or Elasticsearch analyzer unifies Vietnamese tone placement or keeps "marks typed
//! are a choice". So tracuu analyses the text itself and hands the cluster its token streams:
//!
//! - [`fields`]: the cluster's fields, one table the three parts below read.
//! - [`bulk`] and [`export`]: articles (from an index or a corpus) as `_bulk` NDJSON, with tracuu's
//!   exact, folded and pair tokens as space-joined fields, so the cluster matches on the same terms.
//! - [`dsl`] and [`search_body`]: the query tracuu's engine builds for a search, written as Query
//!   DSL on those fields, with its filters, facets (terms aggregations) and month histogram.
//! - [`tone_mapping`] and [`template`]: the index template, whose text analyzer unifies tone
//!   placement with a `mapping` char filter generated from tracuu's own tone rule, and the
//!   Quickwit index config (`deploy/`).
//!
//! `scripts/lucene-verify.sh` checks all of it on real Lucene, the engine inside both clusters.

pub mod bulk;
pub mod dsl;
pub mod error;
pub mod export;
pub mod fields;
pub mod search_body;
pub mod template;
pub mod tone_mapping;

pub use error::ScaleOutError;
