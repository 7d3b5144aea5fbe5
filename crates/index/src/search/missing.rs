//! Which words of the query an article lacks, said beside every article shown that does not hold
//! them all: the hits of a partial answer, and the closest below a short answer ("Thiếu: ghi
//! nhớ"). Each word asks only the articles shown, so the cost grows with the page, not the index.

use tantivy::query::EnableScoring;
use tantivy::{DocAddress, Score, Searcher};

use crate::search::SearchError;
use crate::search::asked::ask_each;
use crate::search::query_builder::QueryWord;

/// For each of `hits`, the labels of `words` (label and query, in query order) it does not hold.
pub(crate) fn missing_words(
    searcher: &Searcher,
    words: &[QueryWord],
    hits: &[(Score, DocAddress)],
) -> Result<Vec<Vec<String>>, SearchError> {
    let mut missing = vec![Vec::new(); hits.len()];
    if words.is_empty() {
        return Ok(missing);
    }
    let addresses: Vec<DocAddress> = hits.iter().map(|(_, address)| *address).collect();
    for (label, query) in words {
        let weight = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
        let mut holds = vec![false; hits.len()];
        ask_each(searcher, weight.as_ref(), &addresses, |i, _| {
            holds[i] = true
        })?;
        for (lacks, held) in missing.iter_mut().zip(holds) {
            if !held && !lacks.contains(label) {
                lacks.push(label.clone());
            }
        }
    }
    Ok(missing)
}
