//! Facts derived from an article's text: the documents it cites and the provinces it names.
//!
//! - [`docref`]: "Nghị quyết số 36-NQ/TW", "Quyết định 1234/QĐ-UBND", "15/2020/NĐ-CP" → official form,
//!   code, document type and year; where each is cited; the same references recognised inside a
//!   user's query; and what a number says about its document ([`describe_document`]).
//! - [`issuer`]: issuing bodies named by a symbol (`TW` → Ban Chấp hành Trung ương).
//! - [`province`]: the 63 provinces (and the 34 after the 2025 merger) named in a text.

pub mod docref;
pub mod issuer;
pub mod province;

pub use docref::{
    Citation, CitedDocument, DocumentDescription, IssuerPart, QueryReference, UNKNOWN_YEAR,
    canonical_type, citations, cited_documents, describe_document, parse_document_number,
    references_in_query, type_named_in_queries,
};
pub use province::{canonical_province, provinces_named};
