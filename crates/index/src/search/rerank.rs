//! The proximity of query words that form no stored pair, scored on the best matches only.
//!
//! Two query words standing together add to an article's score. When the two make a word of the
//! lexicon (or part of one) the index holds them as one pair term and the bonus is a term score,
//! cheap over every match. Otherwise the only way to know is positions (a phrase), which costs
//! per match: over a match set of thousands it was the largest part of a query. So the first
//! pass ranks every match without those phrases, and this pass adds them to the scores of the
//! first [`RERANK_DEPTH`] and orders those again. Positions are read for at most that many
//! articles, whatever the size of the match set ([`crate::search::cross_bonus`]); the count,
//! facets and histogram do not change.

use tantivy::{DocAddress, Score, Searcher};

use crate::search::cross_bonus::{CrossBonus, score_each};

/// How many of the best first-pass matches get the positional bonus. Every page within them is
/// ordered by the full score; pages beyond keep the first pass's order, after them.
pub const RERANK_DEPTH: usize = 100;

/// Adds the scores of `bonuses` to each of the first [`RERANK_DEPTH`] of `top` (the first
/// pass's order) and sorts those by the sums, best first (ties: index order, as the first pass);
/// the rest stay after them.
pub(crate) fn rerank(
    searcher: &Searcher,
    bonuses: &[CrossBonus],
    top: &mut [(Score, DocAddress)],
) -> tantivy::Result<()> {
    let head = top.len().min(RERANK_DEPTH);
    let top = &mut top[..head];
    let addresses: Vec<DocAddress> = top.iter().map(|(_, address)| *address).collect();
    score_each(searcher, bonuses, &addresses, |i, score| top[i].0 += score)?;
    top.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    Ok(())
}
