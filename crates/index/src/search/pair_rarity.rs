//! The rarity of two syllables standing together, for the proximity bonus of query words that
//! form no stored pair.
//!
//! Tantivy scores a phrase by the sum of its syllables' rarities (IDF): "của người" weighs as
//! much as its two common syllables, however rare they are together, and "phát triển kinh" no
//! more than its parts. The stored pairs have their own document frequency; for the others it is
//! counted here, once per pair and index version, and the phrase's score is scaled by
//! `(idf(together) / (idf(a) + idf(b)))^cross_rarity`, so the bonus ranks as a pair term would.
//!
//! Counting a phrase reads positions, so only the first articles of the largest segments are
//! counted until [`SAMPLE_DOCS`] are covered, and the count is scaled to the index (an IDF is a
//! logarithm: it needs the order of magnitude). An index that small is counted whole, so its
//! scores are exact and the same from run to run.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use tantivy::query::{BoostWeight, EnableScoring, PhraseQuery, Query, Weight};
use tantivy::{DocId, DocSet, Score, Searcher, SegmentReader, Term};

use crate::search::snapshot::generation_of;

/// Articles counted before scaling to the whole index.
pub const SAMPLE_DOCS: u64 = 25_000;

/// Counts remembered at most; the memory is cleared when full (a few MB).
const MAX_REMEMBERED: usize = 100_000;

/// `inner` (the bonus of `terms` standing together), scaled by the pair's rarity against its
/// syllables' raised to `exponent` (the ranking weight `cross_rarity`).
#[derive(Debug)]
pub struct PairRarity {
    terms: [Term; 2],
    inner: Box<dyn Query>,
    exponent: f32,
}

impl PairRarity {
    /// The bonus `inner` of the folded syllables `terms` standing together, scaled by
    /// `rarity ^ exponent`.
    pub fn new(terms: [Term; 2], inner: Box<dyn Query>, exponent: f32) -> PairRarity {
        PairRarity {
            terms,
            inner,
            exponent,
        }
    }

    /// The two folded syllables.
    pub fn terms(&self) -> &[Term; 2] {
        &self.terms
    }

    /// The bonus scaled.
    pub fn inner(&self) -> &dyn Query {
        self.inner.as_ref()
    }

    /// The factor the bonus is scaled by in `searcher`'s index.
    pub fn factor_in(&self, searcher: &Searcher) -> tantivy::Result<Score> {
        factor(searcher, &self.terms, self.exponent)
    }
}

impl Clone for PairRarity {
    fn clone(&self) -> Self {
        PairRarity {
            terms: self.terms.clone(),
            inner: self.inner.box_clone(),
            exponent: self.exponent,
        }
    }
}

impl Query for PairRarity {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let weight = self.inner.weight(enable_scoring)?;
        match enable_scoring {
            EnableScoring::Enabled { searcher, .. } => {
                let factor = self.factor_in(searcher)?;
                Ok(Box::new(BoostWeight::new(weight, factor)))
            }
            EnableScoring::Disabled { .. } => Ok(weight),
        }
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.inner.query_terms(visitor);
    }
}

/// The rarity of `terms` standing together in `searcher`'s index raised to `exponent`: the
/// factor a [`PairRarity`] scales its bonus by.
pub fn factor(searcher: &Searcher, terms: &[Term; 2], exponent: f32) -> tantivy::Result<Score> {
    Ok(rarity(searcher, terms)?.powf(exponent))
}

/// BM25's inverse document frequency, as Tantivy computes it.
fn idf(doc_freq: u64, docs: u64) -> f32 {
    let n = doc_freq.min(docs) as f64;
    (1.0 + (docs as f64 - n + 0.5) / (n + 0.5)).ln() as f32
}

/// `idf(together) / (idf(a) + idf(b))`; 1 when the syllables are in no article.
fn rarity(searcher: &Searcher, terms: &[Term; 2]) -> tantivy::Result<Score> {
    let docs = searcher.num_docs();
    let mut syllables = 0.0;
    for term in terms {
        syllables += idf(searcher.doc_freq(term)?, docs);
    }
    if syllables <= 0.0 {
        return Ok(1.0);
    }
    let together = together(searcher, terms)?;
    Ok(idf(together, docs) / syllables)
}

/// Counts by index version (its segments and their deletes) and pair.
type Remembered = Mutex<HashMap<(String, [Term; 2]), u64>>;

fn remembered() -> &'static Remembered {
    static COUNTS: OnceLock<Remembered> = OnceLock::new();
    COUNTS.get_or_init(Remembered::default)
}

/// Estimated articles holding `terms` next to each other, remembered per index version.
fn together(searcher: &Searcher, terms: &[Term; 2]) -> tantivy::Result<u64> {
    let key = (generation_of(searcher), terms.clone());
    if let Ok(counts) = remembered().lock()
        && let Some(&count) = counts.get(&key)
    {
        return Ok(count);
    }
    let count = estimate(searcher, terms)?;
    if let Ok(mut counts) = remembered().lock() {
        if counts.len() >= MAX_REMEMBERED {
            counts.clear();
        }
        counts.insert(key, count);
    }
    Ok(count)
}

/// Counts the phrase in the first articles of the largest segments until [`SAMPLE_DOCS`]
/// articles are covered, scaled to the index: the cost is the same whether the index is one
/// segment or many.
fn estimate(searcher: &Searcher, terms: &[Term; 2]) -> tantivy::Result<u64> {
    let docs = searcher.num_docs();
    let weight =
        PhraseQuery::new(terms.to_vec()).weight(EnableScoring::disabled_from_searcher(searcher))?;
    let mut segments: Vec<&SegmentReader> = searcher.segment_readers().iter().collect();
    segments.sort_by_key(|segment| std::cmp::Reverse(segment.num_docs()));
    let (mut sampled, mut together) = (0u64, 0u64);
    for segment in segments {
        if sampled >= SAMPLE_DOCS {
            break;
        }
        let (found, counted) = count_before(weight.as_ref(), segment, SAMPLE_DOCS - sampled)?;
        together += found;
        sampled += counted;
    }
    let scaled = (together as f64 * docs as f64 / sampled.max(1) as f64).round() as u64;
    Ok(scaled.min(docs))
}

/// (articles holding the phrase, articles looked at) among the live articles of `segment`, up
/// to `budget` of them, from its first.
fn count_before(
    weight: &dyn Weight,
    segment: &SegmentReader,
    budget: u64,
) -> tantivy::Result<(u64, u64)> {
    if u64::from(segment.num_docs()) <= budget {
        return Ok((
            u64::from(weight.count(segment)?),
            u64::from(segment.num_docs()),
        ));
    }
    // Live articles before `end` number `budget` (about, when some are deleted).
    let live_share = f64::from(segment.num_docs()) / f64::from(segment.max_doc().max(1));
    let end = ((budget as f64 / live_share).ceil() as u64).min(u64::from(segment.max_doc()));
    let end = DocId::try_from(end).unwrap_or(DocId::MAX);
    let alive = segment.alive_bitset();
    let mut scorer = weight.scorer(segment, 1.0)?;
    let mut found = 0u64;
    let mut doc = scorer.doc();
    while doc < end {
        if alive.is_none_or(|bits| bits.is_alive(doc)) {
            found += 1;
        }
        doc = scorer.advance();
    }
    Ok((found, budget))
}

#[cfg(test)]
mod tests {
    use tantivy::schema::{Field, Schema, TEXT};
    use tantivy::{Index, TantivyDocument};

    use super::*;

    /// 20 articles (folded text): "nguoi dan" stands together wherever both are (10), "dan toc"
    /// in 2 of the 10 holding both.
    fn index() -> (Index, Field) {
        let mut schema = Schema::builder();
        let body = schema.add_text_field("body", TEXT);
        let index = Index::create_in_ram(schema.build());
        let result = (|| -> tantivy::Result<()> {
            let mut writer = index.writer(15_000_000)?;
            for i in 0..20 {
                let text = match i {
                    0..2 => "nguoi dan toc thieu so duoc ho tro",
                    2..10 => "nguoi dan duoc ho tro, dong bao toc nguoi",
                    _ => "tinh hop ban ve kinh te",
                };
                let mut doc = TantivyDocument::new();
                doc.add_text(body, text);
                writer.add_document(doc)?;
            }
            writer.commit()?;
            Ok(())
        })();
        assert!(result.is_ok(), "{result:?}");
        (index, body)
    }

    fn factor(index: &Index, body: Field, a: &str, b: &str, exponent: f32) -> Score {
        let terms = [
            Term::from_field_text(body, a),
            Term::from_field_text(body, b),
        ];
        let phrase = Box::new(PhraseQuery::new(terms.to_vec()));
        let searcher = index.reader().map(|r| r.searcher());
        let searcher = searcher.unwrap_or_else(|e| panic!("{e}"));
        let factor = PairRarity::new(terms, phrase, exponent).factor_in(&searcher);
        factor.unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn two_syllables_seldom_together_weigh_more_when_they_are() {
        let (index, body) = index();
        let always = factor(&index, body, "nguoi", "dan", 1.0);
        let seldom = factor(&index, body, "dan", "toc", 1.0);
        // Counted exactly on a small index: together in 10 and in 2 of 20 articles.
        assert!((always - idf(10, 20) / (idf(10, 20) + idf(10, 20))).abs() < 1e-6);
        assert!((seldom - idf(2, 20) / (idf(10, 20) + idf(10, 20))).abs() < 1e-6);
        assert!(seldom > 2.0 * always, "{seldom} vs {always}");
        // Remembered: the same answer, and 0 as the exponent leaves the phrase as it is.
        assert_eq!(factor(&index, body, "dan", "toc", 1.0), seldom);
        assert_eq!(factor(&index, body, "dan", "toc", 0.0), 1.0);
    }
}
