//! Which sentences of a text hold a query, and the words to mark in them.
//!
//! A quote is one sentence that holds every word of the query by the engine's word rule (a
//! word's syllables next to each other, [`crate::search::free_text::plain_query_units`]), or a
//! query's "phrase" with all its syllables in a row. A syllable typed without marks matches
//! every marked form ("nuoc" finds "nước"), one typed with marks only its own (tone placement
//! and case aside), as the engine's fields do. Operators and filters (`source:…`, `-word`, `OR`)
//! choose articles, not sentences, so they are not read here.
//!
//! ```
//! use tracuu_index::quote::matcher::SentenceMatcher;
//! use tracuu_index::text::abbreviations::Abbreviations;
//! use tracuu_index::text::words::Lexicon;
//! let m = SentenceMatcher::new("nuoc ngoai kieu bao", &Abbreviations::builtin(), Lexicon::builtin());
//! let text = "Kiều bào ở nước ngoài là cầu nối. Nước ta ở ngoài khơi.";
//! let found = m.sentences(text);
//! assert_eq!(found.len(), 1);
//! assert_eq!(&text[found[0].sentence.clone()], "Kiều bào ở nước ngoài là cầu nối.");
//! assert_eq!(&text[found[0].marks[1].clone()], "nước ngoài");
//! ```

use std::ops::Range;

use crate::search::free_text::plain_query_units;
use crate::text::abbreviations::Abbreviations;
use crate::text::pairs::{AnalysedSyllable, analyse_syllables};
use crate::text::sentences::sentences;
use crate::text::words::Lexicon;

/// One query syllable: its exact form, and whether it was typed without marks (then it
/// matches on the folded form).
#[derive(Debug, Clone, PartialEq, Eq)]
struct QuerySyllable {
    exact: String,
    folded: String,
    bare: bool,
}

impl QuerySyllable {
    fn of(s: &AnalysedSyllable) -> QuerySyllable {
        QuerySyllable {
            exact: s.exact.clone(),
            folded: s.folded.clone(),
            bare: s.exact == s.folded,
        }
    }

    fn matches(&self, s: &AnalysedSyllable) -> bool {
        if self.bare {
            self.folded == s.folded
        } else {
            self.exact == s.exact
        }
    }
}

/// One thing a sentence must hold: any of these alternatives (a word, or the abbreviation
/// that stands for it), each a run of syllables.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Requirement {
    alternatives: Vec<Vec<QuerySyllable>>,
}

/// A sentence that holds the query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentenceMatch {
    /// The sentence's byte range in the text.
    pub sentence: Range<usize>,
    /// What matched, byte ranges of the text, in order, not overlapping.
    pub marks: Vec<Range<usize>>,
}

/// Finds the sentences of a text that hold every word (and phrase) of a query.
#[derive(Debug, Clone, Default)]
pub struct SentenceMatcher {
    requirements: Vec<Requirement>,
}

impl SentenceMatcher {
    /// The matcher for `query` (the query language's free text: words and "phrases").
    pub fn new(query: &str, abbreviations: &Abbreviations, lexicon: &Lexicon) -> SentenceMatcher {
        let (phrases, plain) = split_query(query);
        let mut requirements: Vec<Requirement> = phrases
            .iter()
            .map(|p| {
                analyse_syllables(p)
                    .iter()
                    .map(QuerySyllable::of)
                    .collect::<Vec<_>>()
            })
            .filter(|p| !p.is_empty())
            .map(|p| Requirement {
                alternatives: vec![p],
            })
            .collect();
        for unit in plain_query_units(&plain, abbreviations, lexicon) {
            for word in &unit.words {
                let mut alternatives = vec![word.iter().map(QuerySyllable::of).collect()];
                if let Some(key) = &unit.abbreviation {
                    alternatives.push(vec![QuerySyllable {
                        exact: key.clone(),
                        folded: key.clone(),
                        bare: true,
                    }]);
                }
                requirements.push(Requirement { alternatives });
            }
        }
        SentenceMatcher { requirements }
    }

    /// Whether the query has no words (it then matches no sentence).
    pub fn is_empty(&self) -> bool {
        self.requirements.is_empty()
    }

    /// The sentences of `text` that hold the query, in order.
    pub fn sentences(&self, text: &str) -> Vec<SentenceMatch> {
        if self.is_empty() {
            return Vec::new();
        }
        sentences(text)
            .into_iter()
            .filter_map(|range| self.match_sentence(text, range))
            .collect()
    }

    /// The marks of `text[range]` when it holds every requirement.
    pub fn match_sentence(&self, text: &str, range: Range<usize>) -> Option<SentenceMatch> {
        let syllables = analyse_syllables(text.get(range.clone())?);
        let mut marks = Vec::new();
        for requirement in &self.requirements {
            let mut found = false;
            for alternative in &requirement.alternatives {
                for at in occurrences(&syllables, alternative) {
                    found = true;
                    let last = &syllables[at + alternative.len() - 1];
                    marks.push(
                        range.start + syllables[at].range.start..range.start + last.range.end,
                    );
                }
            }
            if !found {
                return None;
            }
        }
        Some(SentenceMatch {
            sentence: range,
            marks: merge(text, marks),
        })
    }
}

/// Where `word` stands in `syllables`: its syllables in a row, each joined to the one before.
fn occurrences<'a>(
    syllables: &'a [AnalysedSyllable],
    word: &'a [QuerySyllable],
) -> impl Iterator<Item = usize> + 'a {
    (0..syllables.len().saturating_sub(word.len().saturating_sub(1))).filter(move |&at| {
        !word.is_empty()
            && word.iter().enumerate().all(|(k, q)| {
                syllables
                    .get(at + k)
                    .is_some_and(|s| q.matches(s) && (k == 0 || s.joined))
            })
    })
}

/// Sorted; overlapping ranges, and those separated only by spaces ("Bản ghi nhớ"), merged.
fn merge(text: &str, mut marks: Vec<Range<usize>>) -> Vec<Range<usize>> {
    marks.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(marks.len());
    for m in marks {
        let touches = |last: &Range<usize>| {
            m.start <= last.end
                || text
                    .get(last.end..m.start)
                    .is_some_and(|gap| gap.chars().all(|c| c == ' ' || c == '\u{a0}'))
        };
        match out.last_mut() {
            Some(last) if touches(last) => last.end = last.end.max(m.end),
            _ => out.push(m),
        }
    }
    out
}

/// The query's "phrases", and its plain words (operators, filters and excluded words left out).
fn split_query(query: &str) -> (Vec<String>, String) {
    let mut phrases = Vec::new();
    let mut plain = Vec::new();
    let mut rest = query;
    loop {
        let Some(open) = rest.find(['"', '“']) else {
            plain.extend(plain_words(rest));
            break;
        };
        plain.extend(plain_words(&rest[..open]));
        let after = &rest[open..];
        let after = &after[after.chars().next().map_or(0, char::len_utf8)..];
        let close = after.find(['"', '”']).unwrap_or(after.len());
        phrases.push(after[..close].to_string());
        rest = after[close..]
            .char_indices()
            .nth(1)
            .map_or("", |(i, _)| &after[close + i..]);
    }
    (phrases, plain.join(" "))
}

/// The words of unquoted query text that sentences must hold.
fn plain_words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split_whitespace()
        .filter(|w| *w != "OR" && *w != "AND" && !w.starts_with('-') && !w.contains(':'))
        .map(|w| w.trim_start_matches('+').to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(query: &str, text: &str) -> Vec<String> {
        SentenceMatcher::new(query, &Abbreviations::builtin(), Lexicon::builtin())
            .sentences(text)
            .into_iter()
            .map(|m| text[m.sentence].to_string())
            .collect()
    }

    #[test]
    fn every_word_in_one_sentence() {
        // Seed 002: the words are in the article, but in one sentence only once.
        let text = "Thứ trưởng Lê Thị Thu Hằng đánh giá cao sự phối hợp. Kiều bào ở nước ngoài là nguồn lực quan trọng của đất nước. Nguồn lực đó cần được phát huy.";
        assert_eq!(
            quoted("nguồn lực kiều bào", text),
            ["Kiều bào ở nước ngoài là nguồn lực quan trọng của đất nước."]
        );
        assert!(quoted("nguồn lực phối hợp", text).is_empty());
    }

    #[test]
    fn a_word_is_its_syllables_in_a_row() {
        // "nước ngoài" is a word; "nước ta ở ngoài khơi" does not hold it.
        let text =
            "Nước ta ở ngoài khơi có nhiều đảo. Người Việt Nam ở nước ngoài hướng về quê hương.";
        assert_eq!(
            quoted("nước ngoài", text),
            ["Người Việt Nam ở nước ngoài hướng về quê hương."]
        );
    }

    #[test]
    fn bare_syllables_match_marked_ones_and_marked_ones_only_themselves() {
        let text = "Năm 2023, tỉnh Quảng Nam đón nhiều kiều bào. Ông Nam nằm viện.";
        assert_eq!(
            quoted("quang nam", text),
            ["Năm 2023, tỉnh Quảng Nam đón nhiều kiều bào."]
        );
        // "nằm" with its mark is only "nằm": no sentence holds it with "Quảng".
        assert!(quoted("Quảng nằm", text).is_empty());
        assert_eq!(quoted("nằm", text), ["Ông Nam nằm viện."]);
    }

    #[test]
    fn a_phrase_needs_its_syllables_in_a_row_and_operators_are_skipped() {
        let text =
            "Phó Chủ tịch UBND tỉnh Trần Văn Tân nhấn mạnh. Chủ tịch tỉnh phó thác việc này.";
        assert_eq!(
            quoted("\"phó chủ tịch\" source:quangnam.gov.vn -abc", text),
            ["Phó Chủ tịch UBND tỉnh Trần Văn Tân nhấn mạnh."]
        );
        let m = SentenceMatcher::new(
            "“Trần Văn Tân”",
            &Abbreviations::builtin(),
            Lexicon::builtin(),
        );
        let found = m.sentences(text);
        assert_eq!(&text[found[0].marks[0].clone()], "Trần Văn Tân");
    }

    #[test]
    fn an_empty_query_quotes_nothing() {
        assert!(quoted("source:quangnam.gov.vn", "Kiều bào ở nước ngoài.").is_empty());
    }
}
