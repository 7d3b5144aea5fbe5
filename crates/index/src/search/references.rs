//! Document references typed in the free text ("nghị quyết 36", "nq 36", "36-NQ/TW").

use crate::enrich::references_in_query;

/// A reference found in the query: its match key and the text as typed.
pub(crate) struct TypedReference {
    /// Key in the `cited_key` field (`36-nq/tw`, `nq:36`).
    pub key: String,
    /// The words typed for it.
    pub written: String,
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
            key: reference.key.clone(),
            written: query[reference.span.clone()].to_string(),
        });
        rest.replace_range(reference.span.clone(), &" ".repeat(reference.span.len()));
    }
    found.reverse();
    (rest, found)
}
