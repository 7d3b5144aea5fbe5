//! Cited documents (stub: being written).

use serde::{Deserialize, Serialize};
use std::ops::Range;

/// A document cited in an article, normalised to its official written form.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CitedDocument {
    /// Official "Số, ký hiệu": `36-NQ/TW`, `15/2020/NĐ-CP`, `1234/QĐ-UBND`.
    pub number: String,
    /// Document-type code from Nghị định 30/2020/NĐ-CP: `NQ`, `QĐ`, `NĐ`, `CT`, `KL`…
    pub code: String,
    /// Full document type: `Nghị quyết`, `Quyết định`…; `None` for an unknown code.
    pub doc_type: Option<String>,
}

impl CitedDocument {
    /// Index keys for this document: the folded lower-case number and `code:serial`.
    pub fn keys(&self) -> Vec<String> {
        Vec::new()
    }
}

/// A document reference recognised in a query ("nq 36", "nghị quyết 36", "36-NQ/TW").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryReference {
    /// Byte range of the reference in the query.
    pub span: Range<usize>,
    /// The index key it must match (one of [`CitedDocument::keys`]).
    pub key: String,
}

/// The documents cited in `text`, deduplicated, in order of first appearance.
pub fn cited_documents(_text: &str) -> Vec<CitedDocument> {
    Vec::new()
}

/// Document references inside a query.
pub fn references_in_query(_query: &str) -> Vec<QueryReference> {
    Vec::new()
}
