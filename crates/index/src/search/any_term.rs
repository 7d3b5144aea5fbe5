//! Articles holding any of a set of terms, scoring nothing: the exact pairs a word typed with one
//! syllable marked may stand for ("mua bán": `mua bán`, `múa bán`, `mưa bán`, …; see
//! [`crate::text::readings`]).
//!
//! Most of the terms are readings no article holds. Each costs one look-up in its segment's
//! term dictionary and nothing more: no statistics are gathered (nothing is scored), and the
//! terms found are asked as [`SparseUnion`](crate::search::sparse_union::SparseUnion) asks its
//! alternatives, for the articles the query's other words match: the largest first, and no more
//! once one holds the article, since nothing is scored.

use std::sync::Arc;

use tantivy::query::{ConstScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, InvertedIndexReader, Score, SegmentReader, TantivyError, Term};

use crate::search::sparse_union::{Scores, union_of};

/// Matches the articles holding any of its terms; scores 0.
#[derive(Clone, Debug)]
pub struct AnyTerm {
    terms: Vec<Term>,
}

impl AnyTerm {
    /// Any of `terms` (any fields).
    pub fn new(terms: Vec<Term>) -> AnyTerm {
        AnyTerm { terms }
    }

    /// The terms asked.
    pub fn terms(&self) -> &[Term] {
        &self.terms
    }
}

impl Query for AnyTerm {
    fn weight(&self, _scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(AnyTermWeight {
            terms: self.terms.clone(),
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for term in &self.terms {
            visitor(term, false);
        }
    }
}

struct AnyTermWeight {
    terms: Vec<Term>,
}

impl Weight for AnyTermWeight {
    fn scorer(&self, reader: &SegmentReader, _boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut scorers: Vec<Box<dyn Scorer>> = Vec::new();
        let mut index: Option<(Field, Arc<InvertedIndexReader>)> = None;
        for term in &self.terms {
            let inverted = match &index {
                Some((field, inverted)) if *field == term.field() => Arc::clone(inverted),
                _ => {
                    let inverted = reader.inverted_index(term.field())?;
                    index = Some((term.field(), Arc::clone(&inverted)));
                    inverted
                }
            };
            if let Some(postings) = inverted.read_postings(term, IndexRecordOption::Basic)? {
                scorers.push(Box::new(ConstScorer::new(postings, 0.0)));
            }
        }
        Ok(union_of(scorers, Scores::Ignored))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let held = self.scorer(reader, 1.0)?.seek(doc) == doc;
        held.then(|| Explanation::new("any of the readings, scoring nothing", 0.0))
            .ok_or_else(|| TantivyError::InvalidArgument(format!("document #{doc} holds none")))
    }
}

#[cfg(test)]
mod tests {
    use tantivy::collector::Count;
    use tantivy::query::{BooleanQuery, TermQuery};
    use tantivy::schema::{STRING, Schema};
    use tantivy::{Index, doc};

    use super::*;

    #[test]
    fn any_reading_held_matches_and_readings_held_nowhere_cost_nothing() -> tantivy::Result<()> {
        let mut builder = Schema::builder();
        let pairs = builder.add_text_field("pairs", STRING);
        let other = builder.add_text_field("other", STRING);
        let index = Index::create_in_ram(builder.build());
        let mut writer = index.writer_with_num_threads(1, 15_000_000)?;
        writer.add_document(doc!(pairs => "mua bán", other => "chợ"))?;
        writer.add_document(doc!(pairs => "mua bản", other => "chợ"))?;
        writer.add_document(doc!(pairs => "mưa bán", other => "mưa"))?;
        writer.add_document(doc!(other => "mua bán"))?;
        writer.commit()?;
        let searcher = index.reader()?.searcher();
        let readings = |words: &[&str]| {
            AnyTerm::new(
                words
                    .iter()
                    .map(|w| Term::from_field_text(pairs, w))
                    .collect(),
            )
        };
        let any = readings(&["mua bán", "múa bán", "mưa bán", "mùa bán"]);
        assert_eq!(searcher.search(&any, &Count)?, 2);
        assert_eq!(searcher.search(&readings(&["mùa bán"]), &Count)?, 0);
        assert_eq!(searcher.search(&readings(&[]), &Count)?, 0);
        // Inside an intersection, as the words of a query use it.
        let with_market = BooleanQuery::intersection(vec![
            Box::new(TermQuery::new(
                Term::from_field_text(other, "chợ"),
                IndexRecordOption::Basic,
            )),
            Box::new(any),
        ]);
        assert_eq!(searcher.search(&with_market, &Count)?, 1);
        // The article another reading holds: asked of each until one holds it.
        let with_rain = BooleanQuery::intersection(vec![
            Box::new(TermQuery::new(
                Term::from_field_text(other, "mưa"),
                IndexRecordOption::Basic,
            )),
            Box::new(readings(&["mua bán", "múa bán", "mưa bán"])),
        ]);
        assert_eq!(searcher.search(&with_rain, &Count)?, 1);
        Ok(())
    }
}
