//! "Any of these", for a union that another clause drives: a word in the title or in the body, a
//! phrase in either, a marked syllable exactly in either.
//!
//! Most of a query's unions sit inside an intersection ("every word"), where the rarest word leads
//! and the others are only asked "this article?". Tantivy's union buffers: asked for an article
//! far ahead, it fills a window of the next 4,096 articles from every alternative, and for a
//! phrase that means reading positions for every article in the window holding the syllables. Under
//! load that refill and the positions it read were about a third of the server's time. This union
//! asks each alternative for the one article only (`seek_danger`), so a phrase reads positions for
//! the articles the other words already matched, and nothing else; when it leads, it walks its
//! alternatives in step. Scores add up, as in Tantivy's union.

use tantivy::query::{EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SeekDangerResult, SegmentReader, TERMINATED, TantivyError};

/// Matches what any of its queries matches; the score is the sum of theirs.
#[derive(Debug)]
pub struct SparseUnion {
    queries: Vec<Box<dyn Query>>,
}

impl SparseUnion {
    /// Any of `queries`.
    pub fn new(queries: Vec<Box<dyn Query>>) -> SparseUnion {
        SparseUnion { queries }
    }

    /// The alternatives.
    pub fn queries(&self) -> &[Box<dyn Query>] {
        &self.queries
    }
}

impl Clone for SparseUnion {
    fn clone(&self) -> Self {
        SparseUnion {
            queries: self.queries.iter().map(|q| q.box_clone()).collect(),
        }
    }
}

impl Query for SparseUnion {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let weights = self
            .queries
            .iter()
            .map(|query| query.weight(enable_scoring))
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(Box::new(SparseUnionWeight { weights }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a tantivy::Term, bool)) {
        for query in &self.queries {
            query.query_terms(visitor);
        }
    }
}

struct SparseUnionWeight {
    weights: Vec<Box<dyn Weight>>,
}

impl Weight for SparseUnionWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let scorers = self
            .weights
            .iter()
            .map(|weight| weight.scorer(reader, boost))
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(union_of(scorers, Scores::Summed))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(TantivyError::InvalidArgument(format!(
                "document #{doc} does not match"
            )));
        }
        let mut explanation = Explanation::new("any of, summed", scorer.score());
        for weight in &self.weights {
            if let Ok(detail) = weight.explain(reader, doc) {
                explanation.add_detail(detail);
            }
        }
        Ok(explanation)
    }
}

/// What a union's alternatives' scores are for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Scores {
    /// Summed: every alternative holding an article is asked about it.
    Summed,
    /// Nothing (a filter): asked about an article, the union stops at the first alternative
    /// that holds it, the largest asked first.
    Ignored,
}

/// The articles any of `scorers` matches, asked as [`SparseUnion`] asks them.
pub(crate) fn union_of(scorers: Vec<Box<dyn Scorer>>, scores: Scores) -> Box<dyn Scorer> {
    let mut children: Vec<Child> = scorers
        .into_iter()
        .filter_map(|scorer| {
            let doc = scorer.doc();
            (doc != TERMINATED).then_some(Child {
                scorer,
                doc,
                valid: true,
            })
        })
        .collect();
    match children.len() {
        0 => Box::new(EmptyScorer),
        1 => children.swap_remove(0).scorer,
        _ => {
            if scores == Scores::Ignored {
                children.sort_by_key(|c| std::cmp::Reverse(c.scorer.cost()));
            }
            Box::new(SparseUnionScorer::new(children, scores))
        }
    }
}

/// One alternative. `valid`: its scorer stands on `doc`. Otherwise a `seek_danger` missed and
/// left it in Tantivy's "danger" state: its next article is at `doc` or later, and it may only be
/// asked `seek_danger` until that finds one.
struct Child {
    scorer: Box<dyn Scorer>,
    doc: DocId,
    valid: bool,
}

impl Child {
    /// Stands the alternative on its first article at `target` or later, and returns it.
    fn position(&mut self, target: DocId) -> DocId {
        if self.valid {
            if self.doc < target {
                self.doc = self.scorer.seek(target);
            }
            return self.doc;
        }
        let mut at = self.doc.max(target);
        loop {
            if at >= TERMINATED {
                // Exhausted: never asked anything again.
                self.doc = TERMINATED;
                self.valid = true;
                return TERMINATED;
            }
            match self.scorer.seek_danger(at) {
                SeekDangerResult::Found => {
                    self.doc = at;
                    self.valid = true;
                    return at;
                }
                SeekDangerResult::SeekLowerBound(next) => at = next,
            }
        }
    }

    /// Whether the alternative holds `target`, asking it for that article only.
    fn holds(&mut self, target: DocId) -> bool {
        if self.doc > target {
            return false;
        }
        if self.valid && self.doc == target {
            return true;
        }
        match self.scorer.seek_danger(target) {
            SeekDangerResult::Found => {
                self.doc = target;
                self.valid = true;
                true
            }
            SeekDangerResult::SeekLowerBound(next) => {
                self.doc = next;
                self.valid = false;
                false
            }
        }
    }
}

struct SparseUnionScorer {
    children: Vec<Child>,
    doc: DocId,
    scores: Scores,
}

impl SparseUnionScorer {
    fn new(children: Vec<Child>, scores: Scores) -> SparseUnionScorer {
        let doc = children.iter().map(|c| c.doc).min().unwrap_or(TERMINATED);
        SparseUnionScorer {
            children,
            doc,
            scores,
        }
    }

    /// Every alternative on its first article at `target` or later; the union on the first.
    fn position_all(&mut self, target: DocId) -> DocId {
        let mut first = TERMINATED;
        for child in &mut self.children {
            first = first.min(child.position(target));
        }
        self.doc = first;
        first
    }
}

impl DocSet for SparseUnionScorer {
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        self.position_all(self.doc + 1)
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        self.position_all(target)
    }

    fn seek_danger(&mut self, target: DocId) -> SeekDangerResult {
        if target >= TERMINATED {
            return SeekDangerResult::SeekLowerBound(TERMINATED);
        }
        let mut found = false;
        let mut next = TERMINATED;
        for child in &mut self.children {
            if child.holds(target) {
                found = true;
                if self.scores == Scores::Ignored {
                    break;
                }
            } else {
                next = next.min(child.doc);
            }
        }
        if found {
            self.doc = target;
            SeekDangerResult::Found
        } else {
            // Strictly past `target`: a missed alternative's bound is.
            self.doc = next;
            SeekDangerResult::SeekLowerBound(next)
        }
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.children
            .iter()
            .map(|c| c.scorer.size_hint())
            .fold(0u32, u32::saturating_add)
    }

    fn cost(&self) -> u64 {
        self.children
            .iter()
            .map(|c| c.scorer.cost())
            .fold(0u64, u64::saturating_add)
    }
}

impl Scorer for SparseUnionScorer {
    fn score(&mut self) -> Score {
        let doc = self.doc;
        self.children
            .iter_mut()
            .filter(|c| c.valid && c.doc == doc)
            .map(|c| c.scorer.score())
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use tantivy::collector::{Count, TopDocs};
    use tantivy::query::{BooleanQuery, PhraseQuery, TermQuery};
    use tantivy::schema::{Field, IndexRecordOption};
    use tantivy::{DocAddress, Index, Term};

    use super::*;
    use crate::search::test_index::two_field_index;

    /// Folded titles and bodies of real headlines: words that stand together in some articles
    /// and apart in others.
    const ARTICLES: [(&str, &str); 8] = [
        (
            "bao ve moi truong bien",
            "tinh phat dong bao ve moi truong tai cac xa ven bien",
        ),
        (
            "nguoi viet nam o nuoc ngoai",
            "kieu bao bao ve quyen loi nguoi lao dong",
        ),
        (
            "moi truong dau tu",
            "nha dau tu nuoc ngoai danh gia moi truong kinh doanh",
        ),
        (
            "ve sinh moi truong",
            "bao cao ve moi truong song cua nguoi dan",
        ),
        ("bao chi cach mang", "truong dai hoc moi mo nganh bao chi"),
        (
            "ngay moi truong the gioi",
            "huong ung bao ve moi truong bang hanh dong cu the",
        ),
        (
            "bao ve rung",
            "moi nguoi cung truong thon bao ve rung dau nguon",
        ),
        ("tin tuc", "khong co tu nao cua cau hoi"),
    ];

    fn index() -> (Index, Field, Field) {
        two_field_index(["title", "body"], &ARTICLES).unwrap_or_else(|e| panic!("{e}"))
    }

    fn phrase(field: Field, words: &str) -> Box<dyn Query> {
        let terms = words
            .split(' ')
            .map(|w| Term::from_field_text(field, w))
            .collect();
        Box::new(PhraseQuery::new(terms))
    }

    fn term(field: Field, word: &str) -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(field, word),
            IndexRecordOption::WithFreqs,
        ))
    }

    fn ranked(index: &Index, query: &dyn Query) -> (usize, Vec<(Score, DocAddress)>) {
        let searcher = index.reader().map(|r| r.searcher());
        let searcher = searcher.unwrap_or_else(|e| panic!("{e}"));
        let found = searcher.search(query, &(Count, TopDocs::with_limit(20).order_by_score()));
        found.unwrap_or_else(|e| panic!("{e}"))
    }

    /// "bảo vệ" and "môi trường" as phrases in the title or the body, required together, and the
    /// same with the union alone leading: the articles and the scores of Tantivy's union.
    #[test]
    fn matches_and_scores_what_tantivys_union_does_led_or_asked() {
        let (index, title, body) = index();
        let either = |words: &str, sparse: bool| -> Box<dyn Query> {
            let alternatives = vec![phrase(title, words), phrase(body, words)];
            if sparse {
                Box::new(SparseUnion::new(alternatives))
            } else {
                Box::new(BooleanQuery::union(alternatives))
            }
        };
        let cases = |sparse: bool| -> Vec<Box<dyn Query>> {
            vec![
                either("bao ve", sparse),
                Box::new(BooleanQuery::intersection(vec![
                    either("bao ve", sparse),
                    either("moi truong", sparse),
                ])),
                Box::new(BooleanQuery::intersection(vec![
                    term(body, "nguoi"),
                    either("moi truong", sparse),
                ])),
                Box::new(BooleanQuery::intersection(vec![
                    Box::new(SparseUnion::new(vec![
                        term(title, "bao"),
                        term(body, "bao"),
                    ])),
                    either("nuoc ngoai", sparse),
                ])),
            ]
        };
        for (tantivy, sparse) in cases(false).iter().zip(cases(true).iter()) {
            let (expected_count, expected) = ranked(&index, tantivy.as_ref());
            let (count, got) = ranked(&index, sparse.as_ref());
            assert_eq!(count, expected_count, "{sparse:?}");
            assert!(count > 0, "every case matches something: {sparse:?}");
            assert_eq!(got.len(), expected.len());
            for ((s, a), (e, b)) in got.iter().zip(&expected) {
                assert_eq!(a, b, "{sparse:?}");
                assert!((s - e).abs() < 1e-4, "{s} vs {e} for {sparse:?}");
            }
        }
        // "bảo vệ môi trường" stands together in articles 0 and 5 only; 2 and 3 hold "môi
        // trường" without "bảo vệ", 6 "bảo vệ" without it.
        let (count, top) = ranked(&index, cases(true)[1].as_ref());
        assert_eq!(count, 2);
        let docs: Vec<u32> = top.iter().map(|(_, a)| a.doc_id).collect();
        assert!(docs.contains(&0) && docs.contains(&5), "{docs:?}");
    }
}
