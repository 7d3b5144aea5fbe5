//! A sentence as the speaker finder reads it: its syllables, with their byte ranges in the
//! article, and what stands between them (commas, quotes, colons).

use std::ops::Range;

use crate::text::pairs::{AnalysedSyllable, analyse_syllables};
use crate::text::reported_speech::PhraseSet;
use crate::text::syllable_shape::is_possible_syllable;

/// The syllables of one sentence of an article.
pub(crate) struct Clause<'a> {
    /// The whole article (ranges point into it).
    pub text: &'a str,
    /// The sentence's byte range in `text`.
    pub range: Range<usize>,
    /// The syllables, ranges in `text`.
    pub syllables: Vec<AnalysedSyllable>,
}

impl<'a> Clause<'a> {
    /// The sentence `range` of `text`.
    pub fn new(text: &'a str, range: Range<usize>) -> Clause<'a> {
        let range = range.start.min(text.len())..range.end.min(text.len());
        let mut syllables = text
            .get(range.clone())
            .map(analyse_syllables)
            .unwrap_or_default();
        for s in &mut syllables {
            s.range = s.range.start + range.start..s.range.end + range.start;
        }
        Clause {
            text,
            range,
            syllables,
        }
    }

    /// Number of syllables.
    pub fn len(&self) -> usize {
        self.syllables.len()
    }

    /// What stands before syllable `i`: from the previous syllable (or the sentence start).
    pub fn before(&self, i: usize) -> &'a str {
        let from = match i.checked_sub(1) {
            Some(p) => self.syllables[p].range.end,
            None => self.range.start,
        };
        let to = self
            .syllables
            .get(i)
            .map_or(self.range.end, |s| s.range.start);
        self.text.get(from..to.max(from)).unwrap_or("")
    }

    /// The syllable as written.
    pub fn written(&self, i: usize) -> &'a str {
        self.syllables
            .get(i)
            .and_then(|s| self.text.get(s.range.clone()))
            .unwrap_or("")
    }

    /// Written with a capital first letter.
    pub fn capitalised(&self, i: usize) -> bool {
        self.written(i)
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    }

    /// Written in capitals, at least two letters ("ESA", "VNPAY", "CKII").
    pub fn acronym(&self, i: usize) -> bool {
        let w = self.written(i);
        w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && w.chars().all(|c| !c.is_lowercase())
    }

    /// A capitalised word that cannot be a Vietnamese syllable: a foreign name ("Perez",
    /// "Moscow", "McKenzie").
    pub fn foreign_name(&self, i: usize) -> bool {
        self.capitalised(i)
            && self
                .syllables
                .get(i)
                .is_some_and(|s| !is_possible_syllable(&s.folded))
    }

    /// Digits only.
    pub fn number(&self, i: usize) -> bool {
        let w = self.written(i);
        !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit())
    }

    /// Whether a phrase of `set` starts at `i`, and its length.
    pub fn phrase_at(&self, set: &PhraseSet, i: usize) -> Option<usize> {
        set.longest_at(&self.syllables, i)
    }

    /// Whether `self[range]` is one phrase of `set`.
    pub fn is_phrase(&self, set: &PhraseSet, range: Range<usize>) -> bool {
        self.syllables
            .get(range)
            .is_some_and(|syllables| set.is(syllables))
    }

    /// A phrase of `set` that ends just before syllable `end`, and its length.
    pub fn phrase_ending_at(&self, set: &PhraseSet, start: usize, end: usize) -> Option<usize> {
        (1..=4)
            .filter(|len| *len <= end.saturating_sub(start))
            .rev()
            .find(|len| self.is_phrase(set, end - len..end))
    }

    /// The syllable index of the first syllable at or after byte `at`.
    pub fn index_at(&self, at: usize) -> usize {
        self.syllables.partition_point(|s| s.range.start < at)
    }

    /// The byte range of syllables `range` (empty at the sentence start when there are none).
    pub fn bytes(&self, range: Range<usize>) -> Range<usize> {
        match (self.syllables.get(range.start), range.end.checked_sub(1)) {
            (Some(first), Some(last)) if range.end > range.start => {
                first.range.start..self.syllables[last].range.end
            }
            _ => self.range.start..self.range.start,
        }
    }
}

/// Quotation marks that open a quotation, and those that close one (`"` does either).
pub(crate) fn is_quote_mark(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»')
}

/// A speaker's name as the page shows it: parentheticals removed ("(huyện Đắk G'Long)"),
/// spaces collapsed, punctuation trimmed from the ends.
pub(crate) fn clean_name(written: &str) -> String {
    let mut out = String::with_capacity(written.len());
    let mut depth = 0usize;
    for c in written.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            c if c.is_whitespace() => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            c => out.push(c),
        }
    }
    let trimmed = out.trim_matches(|c: char| {
        c.is_whitespace()
            || matches!(c, ',' | ':' | ';' | '-' | '–' | '—' | '.')
            || is_quote_mark(c)
    });
    trimmed.replace(" ,", ",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lose_parentheticals_and_odd_spaces() {
        assert_eq!(
            clean_name(
                "ông Nguyễn Tôn Đông Khoa, Chủ tịch UBND xã Quảng Hòa (huyện Đắk G'Long, tỉnh Đắk Nông) "
            ),
            "ông Nguyễn Tôn Đông Khoa, Chủ tịch UBND xã Quảng Hòa"
        );
        assert_eq!(
            clean_name("đồng\u{a0}chí  Phó Chủ tịch,"),
            "đồng chí Phó Chủ tịch"
        );
        assert_eq!(clean_name("Kristian Andersen (Mỹ"), "Kristian Andersen");
    }

    #[test]
    fn syllables_point_into_the_article() {
        let text = "Mở đầu. Ông Biden nói.";
        let start = text.find("Ông").unwrap_or(0);
        let clause = Clause::new(text, start..text.len());
        assert_eq!(clause.written(1), "Biden");
        assert!(clause.foreign_name(1));
        assert!(!clause.foreign_name(0));
        assert_eq!(clause.before(0), "");
        assert_eq!(clause.before(3), ".");
    }
}
