//! The proximity of query words that form no stored pair, scored on the best matches only.
//!
//! Two query words standing together add to an article's score. When the two make a word of the
//! lexicon (or part of one) the index holds them as one pair term and the bonus is a term score,
//! cheap over every match. Otherwise the only way to know is positions (a phrase), which costs
//! per match: over a match set of thousands it was the largest part of a query. So the first
//! pass ranks every match without those phrases, and this pass adds them to the scores of the
//! first [`RERANK_DEPTH`] and orders those again. Positions are read for at most that many
//! articles, whatever the size of the match set; the count, facets and histogram do not change.

use tantivy::query::{EnableScoring, Query};
use tantivy::{DocAddress, DocSet, Score, Searcher};

/// How many of the best first-pass matches get the positional bonus. Every page within them is
/// ordered by the full score; pages beyond keep the first pass's order, after them.
pub const RERANK_DEPTH: usize = 100;

/// Adds `bonus`'s score to each of `top` and sorts `top` by the sums, best first (ties: index
/// order, as the first pass).
pub(crate) fn rerank(
    searcher: &Searcher,
    bonus: &dyn Query,
    top: &mut [(Score, DocAddress)],
) -> tantivy::Result<()> {
    let weight = bonus.weight(EnableScoring::enabled_from_searcher(searcher))?;
    let mut by_address: Vec<usize> = (0..top.len()).collect();
    by_address.sort_by_key(|&i| top[i].1);
    let mut segment = None;
    for i in by_address {
        let address = top[i].1;
        let scorer = match &mut segment {
            Some((ord, scorer)) if *ord == address.segment_ord => scorer,
            _ => {
                let reader = searcher.segment_reader(address.segment_ord);
                let scorer = weight.scorer(reader, 1.0)?;
                &mut segment.insert((address.segment_ord, scorer)).1
            }
        };
        let mut doc = scorer.doc();
        if doc < address.doc_id {
            doc = scorer.seek(address.doc_id);
        }
        if doc == address.doc_id {
            top[i].0 += scorer.score();
        }
    }
    top.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    Ok(())
}
