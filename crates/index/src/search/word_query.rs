//! How a syllable, a pair, a word or a phrase of the query becomes a Tantivy query.
//!
//! The mark rule holds everywhere: a syllable typed **with marks** matches that exact syllable
//! ("bàn" ≠ "bán"); one typed **without marks** matches every marked form, with a bonus where the
//! article has it unmarked too. The bonus of query words standing together reads folded forms
//! only: marks decide what must match, not how close it stands. A word of two syllables is one pair term (`"bao hiem"` in
//! `*_pairs`), so it is one posting list, and a word of three syllables is the chain of its pairs
//! confirmed by positions. Positions are otherwise read only for quoted phrases that are no word,
//! names with no stored pair, tokens written without spaces (`Covid-19`), an abbreviation's
//! written-out forms, a typed document reference's words, and for the bonus of two query words
//! standing together, on the articles that match anyway.

use tantivy::Term;
use tantivy::query::{AllQuery, BooleanQuery, EmptyQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};

use crate::schema::Fields;
use crate::search::any_term::AnyTerm;
use crate::search::cross_bonus::CrossBonus;
use crate::search::ranking::Ranking;
use crate::search::readable::Weighted;
use crate::search::sparse_union::SparseUnion;
use crate::search::syllable_normed::SyllableNormedTerm;
use crate::search::syllable_phrase::SyllablePhrase;
use crate::text::abbreviations::written_pieces;
use crate::text::pairs::{AnalysedSyllable, Case, pair_term, positions};
use crate::text::readings::readings;
use crate::text::words::Lexicon;

/// Whether the user typed the syllable with a mark.
pub(crate) fn marked(syllable: &AnalysedSyllable) -> bool {
    syllable.exact != syllable.folded
}

/// A term query on `field`, weighted by `boost`.
pub(crate) fn term_query(field: Field, text: &str, boost: f32) -> Box<dyn Query> {
    weighted(
        Box::new(TermQuery::new(
            Term::from_field_text(field, text),
            IndexRecordOption::WithFreqs,
        )),
        boost,
    )
}

/// An exact syllable's term query on `field`, weighted by `boost`, scored by BM25 over the
/// length of `length_of`, the same text's folded field. The exact fields hold each syllable once
/// per article (they record articles only), so their own lengths count distinct syllables;
/// the folded field's count every syllable, as the score of a folded syllable does.
fn exact_term_query(field: Field, length_of: Field, text: &str, boost: f32) -> Box<dyn Query> {
    let term = Term::from_field_text(field, text);
    weighted(Box::new(SyllableNormedTerm::new(term, length_of)), boost)
}

/// `query` with its score times `boost` (itself when the boost is 1).
pub(crate) fn weighted(query: Box<dyn Query>, boost: f32) -> Box<dyn Query> {
    if (boost - 1.0).abs() < f32::EPSILON {
        query
    } else {
        Box::new(Weighted::new(query, boost))
    }
}

/// Any of `queries` (nothing when empty), scores summed. A [`SparseUnion`]: inside an
/// intersection it is asked about the articles the other clauses match, and nothing else.
pub(crate) fn any_of(mut queries: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    match queries.len() {
        0 => Box::new(EmptyQuery),
        1 => queries.pop().unwrap_or_else(|| Box::new(EmptyQuery)),
        _ => Box::new(SparseUnion::new(queries)),
    }
}

/// All of `queries` (everything when empty).
pub(crate) fn all_of(mut queries: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    match queries.len() {
        0 => Box::new(AllQuery),
        1 => queries.pop().unwrap_or_else(|| Box::new(AllQuery)),
        _ => Box::new(BooleanQuery::intersection(queries)),
    }
}

/// Builds the queries of syllables, pairs and phrases on one index's fields.
#[derive(Clone, Copy)]
pub(crate) struct WordQueries<'a> {
    pub fields: &'a Fields,
    pub ranking: Ranking,
}

impl WordQueries<'_> {
    /// Articles holding `syllable`, in title or body, scored by BM25. A marked syllable asks the
    /// exact fields; an unmarked one the folded fields. The exact bonus is separate
    /// ([`Self::exact_bonus`]) so that matching reads two posting lists, not four.
    pub fn syllable(&self, syllable: &AnalysedSyllable) -> Box<dyn Query> {
        let f = self.fields;
        let title = self.ranking.title;
        if marked(syllable) {
            return any_of(vec![
                exact_term_query(f.title, f.title_folded, &syllable.exact, title),
                exact_term_query(f.body, f.body_folded, &syllable.exact, 1.0),
            ]);
        }
        any_of(vec![
            term_query(f.title_folded, &syllable.folded, title),
            term_query(f.body_folded, &syllable.folded, 1.0),
        ])
    }

    /// The bonus of an unmarked syllable found unmarked ("ban" above "bàn" and "bán"): never
    /// needed to match, only added to the score of articles that match anyway.
    pub fn exact_bonus(&self, syllable: &AnalysedSyllable) -> Option<Box<dyn Query>> {
        if marked(syllable) || self.ranking.exact_bonus <= 0.0 {
            return None;
        }
        let f = self.fields;
        let bonus = self.ranking.exact_bonus;
        Some(any_of(vec![
            exact_term_query(
                f.title,
                f.title_folded,
                &syllable.exact,
                self.ranking.title * bonus,
            ),
            exact_term_query(f.body, f.body_folded, &syllable.exact, bonus),
        ]))
    }

    /// Articles where `a` and `b`, a word of the lexicon or part of one, stand together in the
    /// title or the body, scored by the body pair's BM25 times the pair weight. A pair in the
    /// title makes the article match without adding to its score: the title's syllables already
    /// weigh double, and a title pair bonus on top measured worse (ALQAC nDCG@10 0.9154 at the
    /// title weight, 0.9274 without). Marked syllables must also be there exactly.
    pub fn pair(&self, a: &AnalysedSyllable, b: &AnalysedSyllable) -> Box<dyn Query> {
        let folded = pair_term(&a.folded, &b.folded);
        let scored = any_of(vec![
            term_query(self.fields.title_pairs, &folded, 0.0),
            self.body_pair(&folded),
        ]);
        self.with_pair_marks(scored, a, b)
    }

    /// The body's pair term `folded`, scored by BM25 over the body's syllables
    /// ([`SyllableNormedTerm`]) times the pair weight.
    fn body_pair(&self, folded: &str) -> Box<dyn Query> {
        let term = Term::from_field_text(self.fields.body_pairs, folded);
        let query = Box::new(SyllableNormedTerm::new(term, self.fields.body_folded));
        Box::new(Weighted::new(query, self.ranking.pair))
    }

    /// `scored`, a stored pair's query, restricted to the marks typed: both syllables marked, the
    /// exact pair ("tư nhân", never "tù nhân"); one marked, the exact pairs the unmarked one may
    /// stand for ("mua bán": `mua bán`, `mưa bán`, …; never "mua bản").
    fn with_pair_marks(
        &self,
        scored: Box<dyn Query>,
        a: &AnalysedSyllable,
        b: &AnalysedSyllable,
    ) -> Box<dyn Query> {
        let exact_pairs = match (marked(a), marked(b)) {
            (false, false) => return scored,
            (true, true) => self.pair_readings(std::iter::once((&*a.exact, &*b.exact))),
            (true, false) => match readings(&b.folded) {
                Some(readings) => self.pair_readings(readings.iter().map(|r| (&*a.exact, &**r))),
                None => return self.with_marks(scored, &[a, b]),
            },
            (false, true) => match readings(&a.folded) {
                Some(readings) => self.pair_readings(readings.iter().map(|r| (&**r, &*b.exact))),
                None => return self.with_marks(scored, &[a, b]),
            },
        };
        all_of(vec![scored, exact_pairs])
    }

    /// Articles holding any of `pairs` as an exact pair, in the title or the body.
    fn pair_readings<'p>(&self, pairs: impl Iterator<Item = (&'p str, &'p str)>) -> Box<dyn Query> {
        let pairs: Vec<String> = pairs.map(|(a, b)| pair_term(a, b)).collect();
        let terms = [self.fields.title_pairs_exact, self.fields.body_pairs_exact]
            .into_iter()
            .flat_map(|field| pairs.iter().map(move |p| Term::from_field_text(field, p)))
            .collect();
        Box::new(AnyTerm::new(terms))
    }

    /// Whether the index holds `a b` as a pair term (a word of the lexicon, or part of one).
    pub fn is_stored_pair(a: &AnalysedSyllable, b: &AnalysedSyllable) -> bool {
        Lexicon::builtin().has_pair(&a.folded, &b.folded)
    }

    /// The bonus of two query words standing together in the body as a stored pair (never needed
    /// to match): the pair term's BM25, with its own rarity, times the pair weight. Call it for a
    /// pair [`Self::is_stored_pair`] accepts; [`Self::cross_bonus`] is the bonus of the others.
    /// Marks typed are not asked here: they decide what an article must hold (the syllables'
    /// own clauses), not how close the words stand, so "cung câp" (a wrong mark) still counts
    /// "cung cấp" together (ALQAC 2022: two typed questions of 520 lost their answer otherwise).
    pub fn pair_bonus(&self, a: &AnalysedSyllable, b: &AnalysedSyllable) -> Box<dyn Query> {
        self.body_pair(&pair_term(&a.folded, &b.folded))
    }

    /// The bonus of two query words standing together in the body when the pair is no stored
    /// term: the two syllables at consecutive positions (BM25 of the phrase) times the cross
    /// weight; `None` when that weight is 0. Positional, so the engine runs it only on the best
    /// matches (see `search::rerank`). Folded, as [`Self::pair_bonus`]: marks are not asked.
    pub fn cross_bonus(&self, a: &AnalysedSyllable, b: &AnalysedSyllable) -> Option<CrossBonus> {
        if self.ranking.cross == 0.0 {
            return None;
        }
        Some(CrossBonus {
            terms: [
                Term::from_field_text(self.fields.body_folded, &a.folded),
                Term::from_field_text(self.fields.body_folded, &b.folded),
            ],
            weight: self.ranking.cross,
            rarity_exponent: self.ranking.cross_rarity,
        })
    }

    /// `scored`, restricted to the marks typed: each marked syllable exact in the article.
    fn with_marks(
        &self,
        scored: Box<dyn Query>,
        syllables: &[&AnalysedSyllable],
    ) -> Box<dyn Query> {
        let mut parts = vec![scored];
        parts.extend(
            syllables
                .iter()
                .filter(|s| marked(s))
                .map(|s| self.exact_presence(s)),
        );
        all_of(parts)
    }

    fn exact_presence(&self, syllable: &AnalysedSyllable) -> Box<dyn Query> {
        Box::new(AnyTerm::new(
            [self.fields.title, self.fields.body]
                .map(|field| Term::from_field_text(field, &syllable.exact))
                .to_vec(),
        ))
    }

    /// A word: its syllables next to each other. One syllable is itself, two are their pair;
    /// more are the chain of their pairs (which scores and finds the few candidates) confirmed
    /// by their positions ("thuế thu nhập" is not "cho thuê thu … thu nhập"). A name whose
    /// pair no lexicon word holds ("Phạm Minh", [`crate::text::names`]) has no stored pair: its
    /// positions alone, with its marked syllables asked of the exact fields.
    pub fn word(&self, syllables: &[AnalysedSyllable]) -> Box<dyn Query> {
        match syllables {
            [] => Box::new(EmptyQuery),
            [one] => self.syllable(one),
            [a, b] if Self::is_stored_pair(a, b) => self.pair(a, b),
            _ => {
                let stored: Vec<bool> = syllables
                    .windows(2)
                    .map(|w| Self::is_stored_pair(&w[0], &w[1]))
                    .collect();
                let mut parts: Vec<Box<dyn Query>> = syllables
                    .windows(2)
                    .zip(&stored)
                    .filter(|(_, stored)| **stored)
                    .map(|(w, _)| self.pair(&w[0], &w[1]))
                    .collect();
                // The marks of the syllables no stored pair has checked.
                let in_stored_pair = |i: usize| {
                    i.checked_sub(1).is_some_and(|before| stored[before])
                        || stored.get(i).copied().unwrap_or(false)
                };
                let unchecked: Vec<&AnalysedSyllable> = (0..syllables.len())
                    .filter(|&i| !in_stored_pair(i))
                    .map(|i| &syllables[i])
                    .collect();
                let positional = Box::new(Weighted::new(self.positional(syllables), 0.0));
                parts.push(self.with_marks(positional, &unchecked));
                all_of(parts)
            }
        }
    }

    /// The syllables at consecutive positions in the title or the body (folded). A sentence end
    /// leaves an empty position in the text ([`crate::text::tokenizer`]), so syllables typed
    /// across one ("nước ngoài. Thì") are asked one position further apart, and syllables typed
    /// together never match across one.
    fn positional(&self, syllables: &[AnalysedSyllable]) -> Box<dyn Query> {
        let offsets = positions(syllables);
        let phrase = |field: Field, boost: f32| -> Box<dyn Query> {
            let terms = syllables
                .iter()
                .zip(&offsets)
                .map(|(s, &at)| (at, Term::from_field_text(field, &s.folded)))
                .collect();
            Box::new(Weighted::new(Box::new(SyllablePhrase::new(terms)), boost))
        };
        any_of(vec![
            phrase(self.fields.title_folded, self.ranking.title),
            phrase(self.fields.body_folded, 1.0),
        ])
    }

    /// A quoted phrase: the syllables together and in order, in the title or the body. Two
    /// syllables standing together are their pair; anything longer, or broken by punctuation
    /// ("nước ngoài. Thì"), reads positions on the folded syllables, with the marked syllables
    /// asked of the exact fields. The stored pairs inside a longer phrase are required too
    /// (scoring nothing): a sentence or line end inside one of its words breaks the phrase, as it
    /// breaks a two-syllable one, and positions are read only for the articles holding them.
    pub fn phrase(&self, syllables: &[AnalysedSyllable]) -> Box<dyn Query> {
        match syllables {
            [] => return Box::new(EmptyQuery),
            [one] => return self.syllable(one),
            [a, b] if b.joined && Self::is_stored_pair(a, b) => return self.pair(a, b),
            _ => {}
        }
        let all: Vec<&AnalysedSyllable> = syllables.iter().collect();
        let mut parts: Vec<Box<dyn Query>> = syllables
            .windows(2)
            .filter(|w| w[1].joined && Self::is_stored_pair(&w[0], &w[1]))
            .map(|w| Box::new(Weighted::new(self.pair(&w[0], &w[1]), 0.0)) as Box<dyn Query>)
            .collect();
        parts.push(self.with_marks(self.positional(syllables), &all));
        all_of(parts)
    }

    /// Articles holding the folded term `key` (an abbreviation's short form), weighted by `boost`.
    pub fn folded_term(&self, key: &str, boost: f32) -> Box<dyn Query> {
        any_of(vec![
            term_query(self.fields.title_folded, key, self.ranking.title * boost),
            term_query(self.fields.body_folded, key, boost),
        ])
    }

    /// Articles holding the short form `key` as it is written: in one piece (`TPHCM`, the term
    /// `key`) or in the pieces punctuation splits it into ([`Self::written_pieces`]), weighted
    /// by `boost`.
    pub fn short_form(&self, key: &str, boost: f32) -> Box<dyn Query> {
        let mut forms = vec![self.folded_term(key, boost)];
        forms.extend(self.written_pieces(key, boost, &[]));
        any_of(forms)
    }

    /// The short form `key` written in pieces ([`written_pieces`]): side by side (`TP.HCM`,
    /// `TP HCM`, `LĐTB&XH`), and across the sentence end a dot and a space make (`TP. HCM`)
    /// when a built-in writing has a dot; but for the pieces `typed`, which the caller asks
    /// already.
    pub fn written_pieces(&self, key: &str, boost: f32, typed: &[&str]) -> Vec<Box<dyn Query>> {
        let mut forms: Vec<Box<dyn Query>> = Vec::new();
        for written in written_pieces(key) {
            if written.pieces != typed {
                forms.push(self.phrase(&folded_syllables(&written.pieces, true)));
            }
            if written.dotted {
                forms.push(self.phrase(&folded_syllables(&written.pieces, false)));
            }
        }
        forms.into_iter().map(|q| weighted(q, boost)).collect()
    }
}

/// The short form `key` as news writes it, each writing as folded query syllables: in one
/// piece (`TPHCM`) and in pieces ([`written_pieces`]: `TP.HCM`, `LĐTB&XH`). What a snippet marks
/// where an article holds the short form for words typed in full.
pub(crate) fn short_form_writings(key: &str) -> Vec<Vec<AnalysedSyllable>> {
    std::iter::once(vec![key.to_string()])
        .chain(written_pieces(key).into_iter().map(|w| w.pieces))
        .map(|pieces| folded_syllables(&pieces, true))
        .collect()
}

/// Query syllables read from folded forms (an abbreviation's expansion or pieces), each next to
/// the one before when `joined`, else a sentence end apart.
pub(crate) fn folded_syllables(folded: &[String], joined: bool) -> Vec<AnalysedSyllable> {
    folded
        .iter()
        .enumerate()
        .map(|(i, folded)| AnalysedSyllable {
            exact: folded.clone(),
            folded: folded.clone(),
            range: 0..0,
            joined: joined || i == 0,
            case: Case::Lower,
            spaced: joined,
        })
        .collect()
}
