//! A query asked about a few given articles only: the page's, in index order, one scorer per
//! segment. `seek_danger` reads positions for the article asked and no other, where `seek` would
//! walk on to the next article holding a phrase (through every candidate in between), so the cost
//! grows with the articles asked, not with the query's matches.

use tantivy::query::{Scorer, Weight};
use tantivy::{DocAddress, DocId, DocSet, Score, Searcher, SeekDangerResult};

/// Calls `each(i, score)` for every article of `addresses` that `weight` matches, with its score,
/// asking them in index order.
pub(crate) fn ask_each(
    searcher: &Searcher,
    weight: &dyn Weight,
    addresses: &[DocAddress],
    mut each: impl FnMut(usize, Score),
) -> tantivy::Result<()> {
    let mut by_address: Vec<usize> = (0..addresses.len()).collect();
    by_address.sort_by_key(|&i| addresses[i]);
    let mut segment: Option<(u32, Asked)> = None;
    for i in by_address {
        let address = addresses[i];
        let asked = match &mut segment {
            Some((ord, asked)) if *ord == address.segment_ord => asked,
            _ => {
                let reader = searcher.segment_reader(address.segment_ord);
                let asked = Asked::new(weight.scorer(reader, 1.0)?);
                &mut segment.insert((address.segment_ord, asked)).1
            }
        };
        if let Some(score) = asked.score_of(address.doc_id) {
            each(i, score);
        }
    }
    Ok(())
}

/// A scorer asked about articles in increasing order, one at a time.
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

    /// The score of article `doc`, if the scorer matches it. `doc` must grow from call to call.
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
