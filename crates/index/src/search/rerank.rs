//! The proximity of query words that form no stored pair, scored on the best matches only.
//!
//! Two query words standing together add to an article's score. When the two make a word of the
//! lexicon (or part of one) the index holds them as one pair term and the bonus is a term score,
//! cheap over every match. Otherwise the only way to know is positions (a phrase), which costs
//! per match: over a match set of thousands it was the largest part of a query. So the first
//! pass ranks every match without those phrases, and this pass adds them to the scores of the
//! first [`RERANK_DEPTH`] and orders those again. Positions are read for at most that many
//! articles, whatever the size of the match set; the count, facets and histogram do not change.

use tantivy::query::{EnableScoring, Query, Scorer};
use tantivy::{DocAddress, DocId, DocSet, Score, Searcher, SeekDangerResult};

/// How many of the best first-pass matches get the positional bonus. Every page within them is
/// ordered by the full score; pages beyond keep the first pass's order, after them.
pub const RERANK_DEPTH: usize = 100;

/// Adds `bonus`'s score to each of the first [`RERANK_DEPTH`] of `top` (the first pass's order)
/// and sorts those by the sums, best first (ties: index order, as the first pass); the rest stay
/// after them.
pub(crate) fn rerank(
    searcher: &Searcher,
    bonus: &dyn Query,
    top: &mut [(Score, DocAddress)],
) -> tantivy::Result<()> {
    let head = top.len().min(RERANK_DEPTH);
    let top = &mut top[..head];
    let weight = bonus.weight(EnableScoring::enabled_from_searcher(searcher))?;
    let mut by_address: Vec<usize> = (0..top.len()).collect();
    by_address.sort_by_key(|&i| top[i].1);
    let mut segment: Option<(u32, Asked)> = None;
    for i in by_address {
        let address = top[i].1;
        let asked = match &mut segment {
            Some((ord, asked)) if *ord == address.segment_ord => asked,
            _ => {
                let reader = searcher.segment_reader(address.segment_ord);
                let asked = Asked::new(weight.scorer(reader, 1.0)?);
                &mut segment.insert((address.segment_ord, asked)).1
            }
        };
        if let Some(score) = asked.score_of(address.doc_id) {
            top[i].0 += score;
        }
    }
    top.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    Ok(())
}

/// A bonus scorer asked about articles in increasing order, one at a time: `seek_danger` reads
/// positions for that article only, where `seek` would walk on to the next article holding the
/// phrase (through every candidate in between).
struct Asked {
    scorer: Box<dyn Scorer>,
    /// Where the scorer stands (`valid`), or the first article it may still hold.
    at: DocId,
    valid: bool,
}

impl Asked {
    fn new(scorer: Box<dyn Scorer>) -> Asked {
        let at = scorer.doc();
        Asked {
            scorer,
            at,
            valid: true,
        }
    }

    /// The bonus of article `doc`, if it has one. `doc` must grow from call to call.
    fn score_of(&mut self, doc: DocId) -> Option<Score> {
        if self.at > doc {
            return None;
        }
        if !(self.valid && self.at == doc) {
            match self.scorer.seek_danger(doc) {
                SeekDangerResult::Found => {
                    self.at = doc;
                    self.valid = true;
                }
                SeekDangerResult::SeekLowerBound(next) => {
                    self.at = next;
                    self.valid = false;
                    return None;
                }
            }
        }
        Some(self.scorer.score())
    }
}
