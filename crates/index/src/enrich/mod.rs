//! Facts derived from an article's text: the documents it cites and the provinces it names.
//!
//! - [`docref`]: "Nghị quyết số 36-NQ/TW", "Quyết định 1234/QĐ-UBND", "15/2020/NĐ-CP" → official form,
//!   code and document type; and the same references recognised inside a user's query.
//! - [`province`]: the 63 provinces (and the 34 after the 2025 merger) named in a text.

pub mod docref;
pub mod province;

pub use docref::{CitedDocument, QueryReference, cited_documents, references_in_query};
pub use province::{canonical_province, provinces_named};
