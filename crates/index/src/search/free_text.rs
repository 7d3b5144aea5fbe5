//! The plain words of a query: runs of syllables cut into Vietnamese words, with abbreviations
//! written out recognised, turned into what an article must hold and what ranks it.
//!
//! In [`MatchMode::All`] (the default) every word is required: "bảo hiểm xã hội" needs the pair
//! "bảo hiểm" and the pair "xã hội", and "bao gồm … xã" does not match. Each syllable still adds
//! its BM25 score, and two query words standing together in the article ("hiểm xã") add the
//! pair's score, so articles holding the whole phrase rank first.
//!
//! In the partial modes, used only when no article holds every word, syllables count one by one
//! as they did before words were matched ([`minimum_should_match`]), then any single one.

use std::ops::Range;

use tantivy::query::Query;

use crate::search::cross_bonus::CrossBonus;
use crate::search::word_query::{WordQueries, all_of, any_of, short_form_writings};
use crate::text::abbreviations::{Abbreviations, reads_as_abbreviation};
use crate::text::pairs::AnalysedSyllable;
use crate::text::syllable_shape::is_possible_syllable;
use crate::text::words::Lexicon;

/// How much of the query an article must hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchMode {
    /// Every word (the default, and the only mode whose total is reported as `"all"`).
    All,
    /// Most syllables: [`minimum_should_match`] of them.
    Most,
    /// Any one syllable.
    Any,
}

impl MatchMode {
    /// The looser modes after this one, in the order a search widens to them.
    pub fn looser(self) -> &'static [MatchMode] {
        match self {
            MatchMode::All => &[MatchMode::Most, MatchMode::Any],
            MatchMode::Most => &[MatchMode::Any],
            MatchMode::Any => &[],
        }
    }
}

/// How many of `n` syllables an article must hold in [`MatchMode::Most`].
///
/// Up to three, all of them; four to eight, all but a quarter; longer is a pasted question, where
/// any may match and ranking sorts it out. Measured on ALQAC 2022 (benches/RESULTS.md): requiring
/// two thirds of a question's words cost 0.03 nDCG@10 and 0.065 Recall@100 against requiring any.
pub fn minimum_should_match(n: usize) -> usize {
    match n {
        0..=3 => n,
        4..=8 => n - n / 4,
        _ => 1,
    }
}

/// What the plain words of a query contribute.
#[derive(Default)]
pub(crate) struct FreeText {
    /// In [`MatchMode::All`], one query per word; otherwise one per syllable (at least
    /// `needed` of them must match).
    pub units: Vec<Box<dyn Query>>,
    /// What each unit reads as, lower case as typed (`"ghi nhớ"`), one per unit.
    pub labels: Vec<String>,
    /// The words of the free text in the cut every mode shares, lower case as typed (`"bao
    /// hiem"`, `"xa hoi"`): a span written out from an abbreviation is its words.
    pub words: Vec<String>,
    /// Clauses that only add to the score.
    pub bonus: Vec<Box<dyn Query>>,
    /// Positional clauses that only add to the score, run on the best matches only.
    pub rerank: Vec<CrossBonus>,
    /// The words of the cut, each its syllables, for the snippets to mark whole.
    pub highlight_words: Vec<Vec<AnalysedSyllable>>,
}

/// How a unit of `syllables` reads: their marked forms as typed, lower case, spaced.
pub(crate) fn label(syllables: &[AnalysedSyllable]) -> String {
    let forms: Vec<&str> = syllables.iter().map(|s| s.exact.as_str()).collect();
    forms.join(" ")
}

/// One piece of a run: a lexicon word, or an abbreviation written out, which matches its own
/// words or its short form ("bảo hiểm xã hội": "bảo hiểm" and "xã hội", or "BHXH").
struct Span {
    range: Range<usize>,
    abbreviation: Option<String>,
    /// The words of the span (one for a lexicon word), as ranges of the run.
    words: Vec<Range<usize>>,
}

/// Cuts runs of plain query syllables into words and builds their queries.
pub(crate) struct FreeTextBuilder<'a> {
    pub words: WordQueries<'a>,
    pub abbreviations: &'a Abbreviations,
    pub lexicon: &'a Lexicon,
}

impl FreeTextBuilder<'_> {
    /// Adds the queries of one run (syllables typed one after the other, in order).
    pub fn add_run(&self, run: &[AnalysedSyllable], mode: MatchMode, out: &mut FreeText) {
        let spans = spans(run, self.abbreviations, self.lexicon);
        for span in &spans {
            let syllables = &run[span.range.clone()];
            out.words
                .extend(span.words.iter().map(|w| label(&run[w.clone()])));
            out.highlight_words
                .extend(span.words.iter().map(|w| run[w.clone()].to_vec()));
            if let Some(key) = &span.abbreviation {
                out.highlight_words.extend(short_form_writings(key));
            }
            let scorer = |s: &AnalysedSyllable| match &span.abbreviation {
                Some(key) => self.abbreviated(s, key, syllables),
                None => self.words.syllable(s),
            };
            if mode == MatchMode::All {
                let words = all_of(
                    span.words
                        .iter()
                        .map(|w| self.words.word(&run[w.clone()]))
                        .collect(),
                );
                out.units.push(match &span.abbreviation {
                    Some(key) => any_of(vec![words, self.words.short_form(key, 1.0)]),
                    None => words,
                });
                out.labels.push(label(syllables));
                if syllables.len() > 1 {
                    out.bonus.extend(syllables.iter().map(scorer));
                }
            } else {
                out.units.extend(syllables.iter().map(scorer));
                out.labels
                    .extend(syllables.iter().map(|s| label(std::slice::from_ref(s))));
            }
            out.bonus
                .extend(syllables.iter().filter_map(|s| self.words.exact_bonus(s)));
        }
        // Pairs the word queries do not already score: across words in the default mode, every
        // pair when syllables count one by one.
        let inside_word = |i: usize| {
            mode == MatchMode::All
                && spans
                    .iter()
                    .flat_map(|s| &s.words)
                    .any(|w| w.start < i && i < w.end)
        };
        for i in 1..run.len() {
            if !run[i].joined || inside_word(i) {
                continue;
            }
            let (a, b) = (&run[i - 1], &run[i]);
            if WordQueries::is_stored_pair(a, b) {
                out.bonus.push(self.words.pair_bonus(a, b));
            } else {
                out.rerank.extend(self.words.cross_bonus(a, b));
            }
        }
    }

    /// A syllable of a written-out abbreviation: itself, or the short form, which counts once
    /// across the expansion's syllables rather than once per syllable.
    fn abbreviated(
        &self,
        syllable: &AnalysedSyllable,
        key: &str,
        expansion: &[AnalysedSyllable],
    ) -> Box<dyn Query> {
        let share = 1.0 / expansion.len().max(1) as f32;
        any_of(vec![
            self.words.syllable(syllable),
            self.words.short_form(key, share),
        ])
    }
}

/// One unit of a plain query under the matching rule: its words, or the short form of the
/// abbreviation they spell out ("bảo hiểm" + "xã hội", or "BHXH").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryUnit {
    /// The words, each its syllables.
    pub words: Vec<Vec<AnalysedSyllable>>,
    /// The abbreviation key (`bhxh`) an article may hold instead.
    pub abbreviation: Option<String>,
}

/// The units an article must hold to match a plain query (words only, no operators or
/// references): what `tracuu-eval counts` checks against the raw text on its own. As the query
/// builder reads a query, a token written without spaces of several syllables ("2.000",
/// "Covid-19") is one word of its own, unless it reads as an abbreviation; the runs between such
/// tokens are cut into the lexicon's words.
pub fn plain_query_units(
    query: &str,
    abbreviations: &Abbreviations,
    lexicon: &Lexicon,
) -> Vec<QueryUnit> {
    let syllables = crate::text::pairs::analyse_syllables(query);
    let mut units = Vec::new();
    let mut run_from = 0;
    for token in written_tokens(query, &syllables) {
        let text = &query[syllables[token.start].range.start..syllables[token.end - 1].range.end];
        let abbreviation = reads_as_abbreviation(text)
            && !abbreviations
                .expansions(&syllables[token.start].folded)
                .is_empty();
        if token.len() < 2 || abbreviation {
            continue;
        }
        units.extend(run_units(
            &syllables[run_from..token.start],
            abbreviations,
            lexicon,
        ));
        units.push(QueryUnit {
            words: vec![syllables[token.clone()].to_vec()],
            abbreviation: None,
        });
        run_from = token.end;
    }
    units.extend(run_units(&syllables[run_from..], abbreviations, lexicon));
    units
}

/// The syllables of each whitespace-separated token of `query`, as index ranges.
fn written_tokens(query: &str, syllables: &[AnalysedSyllable]) -> Vec<Range<usize>> {
    let mut tokens: Vec<Range<usize>> = Vec::new();
    for (i, syllable) in syllables.iter().enumerate() {
        let same_token = i > 0
            && !query[syllables[i - 1].range.end..syllable.range.start]
                .chars()
                .any(char::is_whitespace);
        match tokens.last_mut() {
            Some(token) if same_token => token.end = i + 1,
            _ => tokens.push(i..i + 1),
        }
    }
    tokens
}

/// A run of plain words cut into units.
fn run_units(
    run: &[AnalysedSyllable],
    abbreviations: &Abbreviations,
    lexicon: &Lexicon,
) -> Vec<QueryUnit> {
    spans(run, abbreviations, lexicon)
        .into_iter()
        .map(|span| QueryUnit {
            words: span.words.iter().map(|w| run[w.clone()].to_vec()).collect(),
            abbreviation: span.abbreviation,
        })
        .collect()
}

/// Abbreviations written out first (longest first), the lexicon's words between them.
fn spans(run: &[AnalysedSyllable], abbreviations: &Abbreviations, lexicon: &Lexicon) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut plain_from = 0;
    let mut i = 0;
    while i < run.len() {
        match expansion_at(abbreviations, &run[i..]) {
            Some((len, key)) => {
                add_words(lexicon, run, plain_from..i, &mut spans);
                spans.push(Span {
                    range: i..i + len,
                    abbreviation: Some(key),
                    words: words_of(lexicon, run, i..i + len),
                });
                i += len;
                plain_from = i;
            }
            None => i += 1,
        }
    }
    add_words(lexicon, run, plain_from..run.len(), &mut spans);
    spans
}

fn add_words(
    lexicon: &Lexicon,
    run: &[AnalysedSyllable],
    range: Range<usize>,
    spans: &mut Vec<Span>,
) {
    for word in words_of(lexicon, run, range) {
        spans.push(Span {
            range: word.clone(),
            abbreviation: None,
            words: vec![word],
        });
    }
}

/// The lexicon's words of `run[range]`, as ranges of the run.
fn words_of(lexicon: &Lexicon, run: &[AnalysedSyllable], range: Range<usize>) -> Vec<Range<usize>> {
    let offset = range.start;
    lexicon
        .segment(&run[range])
        .into_iter()
        .map(|w| w.start + offset..w.end + offset)
        .collect()
}

/// The longest abbreviation expansion starting at `run[0]`, as (length, key). Left out, because
/// their short form would silently widen the words typed: an abbreviation whose letters also
/// spell a Vietnamese syllable (the index holds text folded, so "CA" for "công an" would count
/// every "cá", "cả" and "ca"), and one the corpus defines for different things ("NĐT", nhà đầu
/// tư, and "NDT", nhân dân tệ, are both `ndt`).
fn expansion_at(
    abbreviations: &Abbreviations,
    run: &[AnalysedSyllable],
) -> Option<(usize, String)> {
    let first = run.first()?;
    let mut best: Option<(usize, &str)> = None;
    for (key, expansion) in abbreviations.starting_with(&first.folded) {
        let n = expansion.len();
        if n >= 2
            && n <= run.len()
            && best.is_none_or(|(len, _)| n > len)
            && !is_possible_syllable(key)
            && abbreviations.stands_for_one_thing(key)
        {
            let matches = run[..n].iter().zip(expansion).all(|(s, e)| &s.folded == e);
            if matches {
                best = Some((n, key));
            }
        }
    }
    best.map(|(n, key)| (n, key.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_queries_need_every_syllable_pasted_questions_any() {
        assert_eq!(minimum_should_match(1), 1);
        assert_eq!(minimum_should_match(3), 3);
        assert_eq!(minimum_should_match(6), 5);
        assert_eq!(minimum_should_match(8), 6);
        assert_eq!(minimum_should_match(20), 1);
    }

    fn words(query: &str) -> Vec<String> {
        plain_query_units(query, &Abbreviations::builtin(), Lexicon::builtin())
            .iter()
            .flat_map(|unit| &unit.words)
            .map(|word| {
                let exact: Vec<&str> = word.iter().map(|s| s.exact.as_str()).collect();
                exact.join(" ")
            })
            .collect()
    }

    #[test]
    fn a_token_written_without_spaces_is_one_word() {
        // As the query builder reads them: "2.000" is the number as written, not "2" and "000"
        // anywhere; the words around it are the lexicon's.
        assert_eq!(words("2.000 tỷ đồng"), ["2 000", "tỷ", "đồng"]);
        assert_eq!(
            words("đại dịch Covid-19 bùng nổ"),
            ["đại dịch", "covid 19", "bùng nổ"]
        );
        assert_eq!(words("bảo hiểm xã hội"), ["bảo hiểm", "xã hội"]);
    }
}
