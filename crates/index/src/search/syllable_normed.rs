//! A term scored by BM25 over the article's length in syllables (the folded field's), whatever
//! field holds the term.
//!
//! Tantivy's term query normalises by the length of the term's own field, and two of tracuu's
//! fields have a length that is not the text's:
//!
//! - A pair field's length is how many lexicon words the text holds, which varies with its
//!   style: a law is denser in them than a report of the same length. The phrase of two
//!   syllables that a pair term replaces was normalised by the article's syllables, as every
//!   syllable's score is; so is the pair term. The title's pairs only ever make an article match
//!   (they add nothing to its score), so only the body's pairs need this query.
//! - The exact syllable fields hold each syllable once per article (they record articles only,
//!   and the writer skips repetitions), so their length counts distinct syllables. A marked
//!   syllable is scored over the text's syllables, as an unmarked one is on the folded field.

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{Bm25Weight, EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, SegmentReader, TantivyError, Term};

/// Articles holding `term`, scored by BM25 over the length of `length_of`.
#[derive(Clone, Debug)]
pub struct SyllableNormedTerm {
    term: Term,
    length_of: Field,
}

impl SyllableNormedTerm {
    /// `term`, its articles' lengths read from `length_of` (the same text's syllable field).
    pub fn new(term: Term, length_of: Field) -> SyllableNormedTerm {
        SyllableNormedTerm { term, length_of }
    }

    /// The term.
    pub fn term(&self) -> &Term {
        &self.term
    }
}

impl Query for SyllableNormedTerm {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let bm25 = match enable_scoring {
            EnableScoring::Enabled {
                statistics_provider,
                ..
            } => {
                let docs = statistics_provider.total_num_docs()?;
                let tokens = statistics_provider.total_num_tokens(self.length_of)?;
                let doc_freq = statistics_provider.doc_freq(&self.term)?;
                let average_length = tokens as Score / docs.max(1) as Score;
                Some(Bm25Weight::for_one_term(doc_freq, docs, average_length))
            }
            EnableScoring::Disabled { .. } => None,
        };
        Ok(Box::new(SyllableNormedWeight {
            term: self.term.clone(),
            length_of: self.length_of,
            bm25,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        visitor(&self.term, false);
    }
}

struct SyllableNormedWeight {
    term: Term,
    length_of: Field,
    /// `None` when scoring is off.
    bm25: Option<Bm25Weight>,
}

impl SyllableNormedWeight {
    fn pair_scorer(
        &self,
        reader: &SegmentReader,
        boost: Score,
    ) -> tantivy::Result<Option<SyllableNormedScorer>> {
        let record = if self.bm25.is_some() {
            IndexRecordOption::WithFreqs
        } else {
            IndexRecordOption::Basic
        };
        let Some(postings) = reader
            .inverted_index(self.term.field())?
            .read_postings(&self.term, record)?
        else {
            return Ok(None);
        };
        Ok(Some(SyllableNormedScorer {
            postings,
            lengths: reader.get_fieldnorms_reader(self.length_of)?,
            bm25: self.bm25.clone().map(|w| w.boost_by(boost)),
        }))
    }
}

impl Weight for SyllableNormedWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(match self.pair_scorer(reader, boost)? {
            Some(scorer) => Box::new(scorer),
            None => Box::new(EmptyScorer),
        })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let not_here = || TantivyError::InvalidArgument(format!("document {doc} does not match"));
        let mut scorer = self.pair_scorer(reader, 1.0)?.ok_or_else(not_here)?;
        if scorer.seek(doc) != doc {
            return Err(not_here());
        }
        Ok(Explanation::new(
            "pair term, BM25 over the article's syllables",
            scorer.score(),
        ))
    }
}

struct SyllableNormedScorer {
    postings: SegmentPostings,
    lengths: FieldNormReader,
    bm25: Option<Bm25Weight>,
}

impl DocSet for SyllableNormedScorer {
    fn advance(&mut self) -> DocId {
        self.postings.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.postings.seek(target)
    }

    fn doc(&self) -> DocId {
        self.postings.doc()
    }

    fn size_hint(&self) -> u32 {
        self.postings.size_hint()
    }
}

impl Scorer for SyllableNormedScorer {
    fn score(&mut self) -> Score {
        match &self.bm25 {
            Some(bm25) => {
                let length = self.lengths.fieldnorm_id(self.postings.doc());
                bm25.score(length, self.postings.term_freq())
            }
            None => 0.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use tantivy::Index;
    use tantivy::collector::TopDocs;
    use tantivy::query::TermQuery;

    use super::*;
    use crate::search::test_index::two_field_index;

    /// Two fields of the same texts: `words` (every word) and `pairs` (only some of them), as
    /// the body and its pair field are.
    fn index(texts: &[(&str, &str)]) -> tantivy::Result<(Index, Field, Field)> {
        two_field_index(["words", "pairs"], texts)
    }

    #[test]
    fn a_pair_in_a_shorter_article_ranks_it_first_whatever_its_other_pairs() -> tantivy::Result<()>
    {
        // Article 0 is short but names many other words; article 1 is long and names few.
        // By the pair field's own length article 1 would win; by its syllables, article 0.
        let (index, words, pairs) = index(&[
            (
                "bao hiem xa hoi tang",
                "baohiem xahoi kinhte doisong vanhoa",
            ),
            (
                "bao hiem xa hoi nam nay tang manh o nhieu noi trong ca nuoc va vung",
                "baohiem",
            ),
        ])?;
        let searcher = index.reader()?.searcher();
        let term = Term::from_field_text(pairs, "baohiem");
        let by_syllables = searcher.search(
            &SyllableNormedTerm::new(term.clone(), words),
            &TopDocs::with_limit(2).order_by_score(),
        )?;
        let by_pairs = searcher.search(
            &TermQuery::new(term, IndexRecordOption::WithFreqs),
            &TopDocs::with_limit(2).order_by_score(),
        )?;
        assert_eq!(by_syllables.len(), 2);
        assert_eq!(by_syllables[0].1.doc_id, 0);
        assert_eq!(by_pairs[0].1.doc_id, 1);
        Ok(())
    }

    #[test]
    fn a_pair_no_article_holds_matches_nothing() -> tantivy::Result<()> {
        let (index, words, pairs) = index(&[("bao hiem", "baohiem")])?;
        let searcher = index.reader()?.searcher();
        let query = SyllableNormedTerm::new(Term::from_field_text(pairs, "xahoi"), words);
        assert!(
            searcher
                .search(&query, &TopDocs::with_limit(5).order_by_score())?
                .is_empty()
        );
        Ok(())
    }
}
