//! The bonus of two query words standing together where they form no stored pair, scored for a
//! few given articles by reading their positions directly.
//!
//! As a Tantivy query the bonus is a phrase ([`CrossBonus::query`], what the scale-out
//! translates). Asked of the hundred best matches, a phrase scorer costs more than those hundred
//! articles: Tantivy's scorer, when it is created, walks its two syllables' articles until the
//! first where they stand together, reading positions all the way, and a union of several
//! bonuses fills a window of four thousand articles before the first is asked. [`score_each`]
//! seeks each syllable's postings to each article asked and counts the positions where the two
//! follow each other, so the cost is the articles asked. The score is the phrase scorer's to the
//! bit (BM25 of the two syllables' rarities over the phrase count and the article's length, times
//! the weights), which a test checks against the phrase query.

use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{Bm25Weight, PhraseQuery, Query};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocId, DocSet, Score, Searcher, SegmentReader, Term};

use crate::search::pair_rarity::{self, PairRarity};
use crate::search::readable::Weighted;

/// Two folded syllables of one field standing together, weighted.
#[derive(Debug, Clone)]
pub struct CrossBonus {
    /// The two syllables, in order, in the same field (with positions).
    pub terms: [Term; 2],
    /// The ranking's cross weight.
    pub weight: Score,
    /// The exponent of the pair's rarity ([`PairRarity`]); 0 leaves the phrase's score as it is.
    pub rarity_exponent: Score,
}

impl CrossBonus {
    /// The same bonus as a Tantivy query: the phrase, weighted, scaled by the pair's rarity.
    pub fn query(&self) -> Box<dyn Query> {
        let phrase = Box::new(Weighted::new(
            Box::new(PhraseQuery::new(self.terms.to_vec())),
            self.weight,
        ));
        if self.rarity_exponent == 0.0 {
            phrase
        } else {
            Box::new(PairRarity::new(
                self.terms.clone(),
                phrase,
                self.rarity_exponent,
            ))
        }
    }

    /// BM25 of the phrase with the weights folded in, as Tantivy's phrase scorer would get it
    /// through the rarity's and the weight's boosts.
    fn bm25(&self, searcher: &Searcher) -> tantivy::Result<Bm25Weight> {
        let mut boost = 1.0;
        if self.rarity_exponent != 0.0 {
            boost *= pair_rarity::factor(searcher, &self.terms, self.rarity_exponent)?;
        }
        boost *= self.weight;
        Ok(Bm25Weight::for_terms(searcher, &self.terms)?.boost_by(boost))
    }
}

/// Calls `each(i, score)` for every article of `addresses` where at least one of `bonuses`
/// stands, with the bonuses' scores summed in their order (as a union of their queries sums
/// them); articles are read in index order.
pub(crate) fn score_each(
    searcher: &Searcher,
    bonuses: &[CrossBonus],
    addresses: &[DocAddress],
    mut each: impl FnMut(usize, Score),
) -> tantivy::Result<()> {
    let weights = bonuses
        .iter()
        .map(|bonus| bonus.bm25(searcher))
        .collect::<tantivy::Result<Vec<_>>>()?;
    let mut order: Vec<usize> = (0..addresses.len()).collect();
    order.sort_by_key(|&i| addresses[i]);
    let mut scores: Vec<Option<Score>> = vec![None; addresses.len()];
    let same_segment =
        |&a: &usize, &b: &usize| addresses[a].segment_ord == addresses[b].segment_ord;
    for asked in order.chunk_by(same_segment) {
        let reader = searcher.segment_reader(addresses[asked[0]].segment_ord);
        for (bonus, bm25) in bonuses.iter().zip(&weights) {
            let Some(mut pair) = PairPostings::open(reader, &bonus.terms)? else {
                continue;
            };
            let fieldnorms = reader.get_fieldnorms_reader(bonus.terms[0].field())?;
            for &i in asked {
                let doc = addresses[i].doc_id;
                let count = pair.together(doc);
                if count > 0 {
                    let score = bm25.score(fieldnorms.fieldnorm_id(doc), count);
                    *scores[i].get_or_insert(0.0) += score;
                }
            }
        }
    }
    for (i, score) in scores.into_iter().enumerate() {
        if let Some(score) = score {
            each(i, score);
        }
    }
    Ok(())
}

/// The postings of two syllables in one segment, sought article by article.
struct PairPostings {
    first: SegmentPostings,
    second: SegmentPostings,
    first_positions: Vec<u32>,
    second_positions: Vec<u32>,
}

impl PairPostings {
    /// `None` when either syllable is in no article of the segment.
    fn open(reader: &SegmentReader, terms: &[Term; 2]) -> tantivy::Result<Option<PairPostings>> {
        let index = reader.inverted_index(terms[0].field())?;
        let record = IndexRecordOption::WithFreqsAndPositions;
        let (Some(first), Some(second)) = (
            index.read_postings(&terms[0], record)?,
            index.read_postings(&terms[1], record)?,
        ) else {
            return Ok(None);
        };
        Ok(Some(PairPostings {
            first,
            second,
            first_positions: Vec::new(),
            second_positions: Vec::new(),
        }))
    }

    /// How many times the second syllable directly follows the first in article `doc` (0 when
    /// either is missing). `doc` must grow from call to call.
    fn together(&mut self, doc: DocId) -> u32 {
        if self.first.doc() > doc || self.second.doc() > doc {
            return 0;
        }
        if self.first.seek(doc) != doc || self.second.seek(doc) != doc {
            return 0;
        }
        self.first.positions(&mut self.first_positions);
        self.second.positions(&mut self.second_positions);
        followed(&self.first_positions, &self.second_positions)
    }
}

/// Positions `p` of `first` with `p + 1` in `second` (both sorted).
fn followed(first: &[u32], second: &[u32]) -> u32 {
    let mut count = 0;
    let mut j = 0;
    for &p in first {
        while j < second.len() && second[j] <= p {
            j += 1;
        }
        if j < second.len() && second[j] == p + 1 {
            count += 1;
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::asked::ask_each;
    use crate::search::test_index::two_field_index;
    use tantivy::query::{BooleanQuery, EnableScoring, Occur};

    /// Folded bodies of real sentences (the rerank reads the folded body).
    const BODIES: [&str; 6] = [
        "uy ban nhan dan tinh chi dao cac so nganh ho tro dong bao dan toc thieu so",
        "nguoi viet nam o nuoc ngoai huong ve que huong, nguoi dan ho tro nhau",
        "ho tro nguoi dan vung lu; dan toc ta doan ket. ho tro them",
        "hoi nghi ban ve cai cach hanh chinh nam 2024",
        "nguoi dan toc thieu so duoc ho tro vay von, ho tro hoc nghe va ho tro nha o",
        "tinh hop ban ve kinh te",
    ];

    /// Each article's score from `score_each` and from the bonuses' union query asked the same
    /// articles, side by side.
    fn both_ways(
        bonuses: &[CrossBonus],
        searcher: &Searcher,
    ) -> Vec<(Option<Score>, Option<Score>)> {
        let addresses: Vec<DocAddress> = (0..BODIES.len() as u32)
            .rev()
            .map(|doc| DocAddress::new(0, doc))
            .collect();
        let mut fast = vec![None; addresses.len()];
        let done = score_each(searcher, bonuses, &addresses, |i, s| fast[i] = Some(s));
        assert!(done.is_ok(), "{done:?}");
        let union = BooleanQuery::new(bonuses.iter().map(|b| (Occur::Should, b.query())).collect());
        let weight = union.weight(EnableScoring::enabled_from_searcher(searcher));
        let weight = weight.unwrap_or_else(|e| panic!("{e}"));
        let mut slow = vec![None; addresses.len()];
        let done = ask_each(searcher, weight.as_ref(), &addresses, |i, s| {
            slow[i] = Some(s)
        });
        assert!(done.is_ok(), "{done:?}");
        fast.into_iter().zip(slow).collect()
    }

    #[test]
    fn scores_are_the_phrase_queries_to_the_bit() -> tantivy::Result<()> {
        let rows: Vec<(&str, &str)> = BODIES.iter().map(|b| ("", *b)).collect();
        let (index, _, body) = two_field_index(["title", "body"], &rows)?;
        let searcher = index.reader()?.searcher();
        let term = |t: &str| Term::from_field_text(body, t);
        let bonus = |a: &str, b: &str, exponent: f32| CrossBonus {
            terms: [term(a), term(b)],
            weight: 0.7,
            rarity_exponent: exponent,
        };
        for exponent in [0.0, 1.0] {
            let bonuses = [bonus("ho", "tro", exponent), bonus("dan", "toc", exponent)];
            let scores = both_ways(&bonuses, &searcher);
            for (fast, slow) in &scores {
                assert_eq!(fast.map(f32::to_bits), slow.map(f32::to_bits), "{scores:?}");
            }
            // Asked last article first: `scores[i]` is body 5 - i. "ho tro" three times in the
            // fifth body, with "dan toc" once, weighs more than once each in the first.
            let (fifth, first) = (scores[1].0, scores[5].0);
            assert!(first.is_some() && fifth > first, "{scores:?}");
            // "hoi nghi ban ve cai cach …" and "tinh hop ban ve kinh te": neither pair.
            assert_eq!(scores[0].0, None);
            assert_eq!(scores[2].0, None);
            assert_eq!(scores.iter().filter(|s| s.0.is_none()).count(), 2);
        }
        Ok(())
    }

    #[test]
    fn followed_counts_only_direct_successions() {
        assert_eq!(followed(&[1, 5, 9], &[2, 6, 7, 11]), 2);
        assert_eq!(followed(&[3], &[3]), 0);
        assert_eq!(followed(&[], &[1]), 0);
        assert_eq!(followed(&[0, 1, 2], &[1, 2, 3]), 3);
    }
}
