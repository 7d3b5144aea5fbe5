//! Document references typed in the free text ("nghị quyết 36", "nq 36", "36-NQ/TW",
//! "Nghị định 46/2016", "nghị quyết 36 năm 2004").
//!
//! A reference is one required unit of the query (the matching rule): an article holds it when
//! it cites the document (one of the reference's `cited_key` terms) or has its words as a phrase.

use tantivy::query::Query;

use crate::enrich::references_in_query;
use crate::schema::Fields;
use crate::search::word_query::{any_of, term_query};

/// A reference found in the query: its match keys and the text as typed.
pub(crate) struct TypedReference {
    /// Keys in the `cited_key` field, best first (`nq:36/2004`, then `nq:36/?`).
    pub keys: Vec<String>,
    /// The words typed for it.
    pub written: String,
}

/// Articles citing the document a reference names: its first key at `weight`; later keys (the
/// same type and serial in an article that does not say the year) at half of it, so an article
/// that says the year typed ranks first.
pub(crate) fn cited_query(fields: &Fields, keys: &[String], weight: f32) -> Box<dyn Query> {
    any_of(
        keys.iter()
            .enumerate()
            .map(|(at, key)| {
                let weight = if at == 0 { weight } else { weight / 2.0 };
                term_query(fields.cited_key, key, weight)
            })
            .collect(),
    )
}

/// Cuts document references out of the free text, outside quotes and filters: returns the text
/// with them blanked out, and the references in order.
pub(crate) fn split_references(query: &str) -> (String, Vec<TypedReference>) {
    let mut rest = query.to_string();
    let mut found = Vec::new();
    let mut references = references_in_query(query);
    references.sort_by_key(|r| std::cmp::Reverse(r.span.start));
    for reference in references {
        let before = &query[..reference.span.start];
        let in_quotes = before.chars().filter(|&c| c == '"').count() % 2 == 1;
        let in_filter = before
            .rsplit(char::is_whitespace)
            .next()
            .is_some_and(|w| w.contains(':'));
        if in_quotes || in_filter {
            continue;
        }
        found.push(TypedReference {
            keys: reference.keys.clone(),
            written: query[reference.span.clone()].to_string(),
        });
        rest.replace_range(reference.span.clone(), &" ".repeat(reference.span.len()));
    }
    found.reverse();
    (rest, found)
}
