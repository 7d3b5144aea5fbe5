//! Which words of the query an article lacks, said beside every article shown that does not hold
//! them all: the hits of a partial answer, and the closest below a short answer ("Thiếu: ghi
//! nhớ"). Each word asks only the articles shown, so the cost grows with the page, not the index.

use tantivy::query::{EnableScoring, Scorer};
use tantivy::{DocAddress, Score, Searcher};

use crate::search::SearchError;
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
    let mut by_address: Vec<usize> = (0..hits.len()).collect();
    by_address.sort_by_key(|&i| hits[i].1);
    for (label, query) in words {
        let weight = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
        let mut segment: Option<(u32, Box<dyn Scorer>)> = None;
        for &i in &by_address {
            let address = hits[i].1;
            let scorer = match &mut segment {
                Some((ord, scorer)) if *ord == address.segment_ord => scorer,
                _ => {
                    let reader = searcher.segment_reader(address.segment_ord);
                    let scorer = weight.scorer(reader, 1.0)?;
                    &mut segment.insert((address.segment_ord, scorer)).1
                }
            };
            if !holds(scorer.as_mut(), address.doc_id) && !missing[i].contains(label) {
                missing[i].push(label.clone());
            }
        }
    }
    Ok(missing)
}

/// Whether `docs`, asked in increasing order, holds `doc`.
fn holds(docs: &mut dyn Scorer, doc: u32) -> bool {
    if docs.doc() < doc {
        docs.seek(doc) == doc
    } else {
        docs.doc() == doc
    }
}
