//! Vietnamese words of two and three syllables as terms: `nước ngoài` is indexed as the one term
//! `"nuoc ngoai"`, so that a two-syllable word is one posting list.
//!
//! Vietnamese writes a word as syllables separated by spaces, and most words have two syllables
//! ("bảo hiểm", "xã hội"). Matching a word by its pair term costs one posting list instead of a
//! positional phrase over two, and the pair term has its own document frequency, which ranks a
//! rare word above a common one. A pair is stored when its two syllables stand next to each other
//! within a sentence ([`joins`]: "xã. Hội nghị" holds no pair `xã hội`) and together are a word of
//! the lexicon or part of one ([`super::words::Lexicon::has_pair`]): the terms the query side can
//! ask for, and no others. Indexing every adjacent pair instead was measured at more than twice
//! the indexing time (a vocabulary of millions of pair terms; benches/RESULTS.md).
//!
//! Pairs are stored folded (`*_pairs`, marks dropped, with frequencies) and, when either syllable
//! carries a mark, with their marks too, once per text (`*_pairs_exact`, [`PairTokenizer::exact`]).
//! A word typed with both syllables marked asks the exact pair ("tư nhân" never finds "tù
//! nhân"); with one marked, the exact pairs its unmarked syllable may stand for ("mua bán" is
//! `mua bán`, `múa bán`, `mưa bán`…, never "mua bản"; [`super::readings`]).
//! The pair stream replays the syllables the exact pass recorded for the same text
//! ([`super::syllable_record`]), so the text is segmented once for all its fields.
//!
//! ```
//! use tracuu_index::text::pairs::analyze_pairs;
//! assert_eq!(
//!     analyze_pairs("Hội nghị bàn về bảo hiểm xã hội. Xã hội hóa"),
//!     vec!["hoi nghi", "ban ve", "bao hiem", "xa hoi", "xa hoi", "hoi hoa"]
//! );
//! ```

use rustc_hash::FxHashMap;
use tantivy_tokenizer_api::{Token, TokenStream, Tokenizer};

pub use super::syllable_record::joins;
use super::syllable_record::{SyllableRecord, put_back, take_record_of};
use super::tokenizer::{AnalysisMode, VietnameseTokenizer};
use super::words::Lexicon;

/// The separator between the two syllables of a pair term; never part of a syllable.
pub const PAIR_SEPARATOR: char = ' ';

/// Tantivy tokenizer emitting the word pairs of a text, folded (or, [`PairTokenizer::exact`],
/// with their marks).
#[derive(Debug, Clone, Default)]
pub struct PairTokenizer {
    token: Token,
    /// Emit the pairs with their marks (`"tư nhân"`) instead of folded (`"tu nhan"`).
    exact: bool,
    /// The exact pairs a stream has emitted: hash → the pair's end, reused across texts.
    seen: FxHashMap<u64, u32>,
}

impl PairTokenizer {
    /// The name the folded tokenizer is registered under in the Tantivy index. It names the
    /// lexicon and its longest word: an index built with another word list must be rebuilt.
    pub const NAME: &'static str = "vi_word_pairs_viet74k_places_3";
    /// The name of the exact one (the same pairs, marks kept).
    pub const NAME_EXACT: &'static str = "vi_word_pairs_exact_viet74k_places_4";

    /// The tokenizer of the same pairs with their marks, for pairs with a mark: a word typed
    /// with marks asks it, so "tư nhân" never finds "tù nhân" nor "mua bán" "mua bản".
    pub fn exact() -> Self {
        PairTokenizer {
            exact: true,
            ..PairTokenizer::default()
        }
    }
}

/// The record of `text`: the one the exact pass left on this thread, or a new exact pass.
pub(crate) fn record_of(text: &str) -> Box<SyllableRecord> {
    if let Some(record) = take_record_of(text) {
        return record;
    }
    let mut tokenizer = VietnameseTokenizer::new(AnalysisMode::Exact);
    let mut stream = tokenizer.token_stream(text);
    while stream.advance() {}
    drop(stream);
    take_record_of(text).unwrap_or_default()
}

/// The stream of pairs of one text.
pub struct PairTokenStream<'a> {
    record: Option<Box<SyllableRecord>>,
    /// The next of the record's pair ends.
    next: usize,
    exact: bool,
    seen: &'a mut FxHashMap<u64, u32>,
    token: &'a mut Token,
}

impl Tokenizer for PairTokenizer {
    type TokenStream<'a> = PairTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> PairTokenStream<'a> {
        self.token.reset();
        self.seen.clear();
        let mut record = record_of(text);
        record.pair_ends(Lexicon::builtin());
        PairTokenStream {
            record: Some(record),
            next: 0,
            exact: self.exact,
            seen: &mut self.seen,
            token: &mut self.token,
        }
    }
}

impl Drop for PairTokenStream<'_> {
    fn drop(&mut self) {
        if let Some(record) = self.record.take() {
            put_back(record);
        }
    }
}

impl TokenStream for PairTokenStream<'_> {
    fn advance(&mut self) -> bool {
        let Some(record) = self.record.as_deref_mut() else {
            return false;
        };
        while let Some(&end) = record.pair_ends(Lexicon::builtin()).get(self.next) {
            self.next += 1;
            let i = end as usize;
            let (a, b) = if self.exact {
                let wanted = (record.is_marked(i - 1) || record.is_marked(i))
                    && record.first_exact_pair(self.seen, i);
                if !wanted {
                    continue;
                }
                (record.exact(i - 1), record.exact(i))
            } else {
                (record.folded(i - 1), record.folded(i))
            };
            let token = &mut *self.token;
            token.text.clear();
            token.text.push_str(a);
            token.text.push(PAIR_SEPARATOR);
            token.text.push_str(b);
            token.offset_from = record.syllables[i - 1].from;
            token.offset_to = record.syllables[i].to;
            token.position = i - 1;
            token.position_length = 2;
            return true;
        }
        false
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// The pair term of two syllables in one form: `pair_term("nuoc", "ngoai") == "nuoc ngoai"`.
pub fn pair_term(first: &str, second: &str) -> String {
    let mut term = String::with_capacity(first.len() + second.len() + 1);
    term.push_str(first);
    term.push(PAIR_SEPARATOR);
    term.push_str(second);
    term
}

/// The word pairs of `text`, as the index stores them; tests use this.
pub fn analyze_pairs(text: &str) -> Vec<String> {
    let mut tokenizer = PairTokenizer::default();
    let mut stream = tokenizer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

/// One syllable of a text as the query side sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnalysedSyllable {
    /// Lower case, marks kept, tone canonical.
    pub exact: String,
    /// Lower case, every mark dropped.
    pub folded: String,
    /// Byte range in the text.
    pub range: std::ops::Range<usize>,
    /// Next to the syllable before it ([`joins`]).
    pub joined: bool,
    /// How it is written: lower case, capitalised as names are, or in capitals.
    pub case: Case,
    /// Only spaces, or one hyphen with no space around it, between it and the syllable before
    /// ("Việt Nam", "Rịa-Vũng"; not "Thọ, Cường" or "Nam - Nhật").
    pub spaced: bool,
}

/// Whether `gap`, between two syllables, is only spaces, or one hyphen with no space around it
/// ("Rịa-Vũng"; a spaced dash, "Việt Nam - Nhật Bản", separates).
pub(crate) fn spaced(gap: &str) -> bool {
    gap.chars().all(char::is_whitespace) || gap == "-"
}

/// How a syllable is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Case {
    /// No capital ("bộ"), or no letter at all.
    #[default]
    Lower,
    /// A capital, then lower case only, as names are written ("Nhật", "Y").
    Capitalised,
    /// Two capitals or more ("BỘ", "TTg").
    Upper,
}

impl Case {
    /// The case of `written`.
    pub fn of(written: &str) -> Case {
        let mut capitals = written.chars().filter(|c| c.is_uppercase());
        let first_is_capital = written.chars().next().is_some_and(char::is_uppercase);
        match (capitals.next(), capitals.next()) {
            (None, _) => Case::Lower,
            (Some(_), None) if first_is_capital => Case::Capitalised,
            (Some(_), None) => Case::Lower,
            (Some(_), Some(_)) => Case::Upper,
        }
    }
}

/// The positions the folded fields give `syllables` relative to the first: the next one, or one
/// further where a syllable does not join the one before (a sentence end leaves an empty
/// position, [`super::tokenizer`]).
pub fn positions(syllables: &[AnalysedSyllable]) -> Vec<usize> {
    let mut at = 0;
    syllables
        .iter()
        .enumerate()
        .map(|(i, syllable)| {
            if i > 0 {
                at += if syllable.joined { 1 } else { 2 };
            }
            at
        })
        .collect()
}

/// The syllables of `text`, both forms, with whether each one joins the one before.
pub fn analyse_syllables(text: &str) -> Vec<AnalysedSyllable> {
    let record = record_of(text);
    let out = (0..record.syllables.len())
        .map(|i| {
            let s = record.syllables[i];
            let gap = i
                .checked_sub(1)
                .and_then(|before| text.get(record.syllables[before].to..s.from));
            AnalysedSyllable {
                exact: record.exact(i).to_string(),
                folded: record.folded(i).to_string(),
                range: s.from..s.to,
                joined: s.joined,
                case: text.get(s.from..s.to).map_or(Case::Lower, Case::of),
                spaced: gap.is_some_and(spaced),
            }
        })
        .collect();
    put_back(record);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::analyze;

    #[test]
    fn word_pairs_stop_at_the_end_of_a_sentence() {
        // "bàn về" folds to "ban ve", the folded form of the word "bản vẽ": folded pairs are kept
        // when any word folds to them, and marked queries check the exact syllables.
        assert_eq!(
            analyze_pairs("Hội nghị bàn về bảo hiểm xã hội. Xã hội hóa"),
            vec![
                "hoi nghi", "ban ve", "bao hiem", "xa hoi", "xa hoi", "hoi hoa"
            ]
        );
        // The line break ends "gồm" and "xã"; "xã Hội" stand together and "xã hội" is a word.
        assert_eq!(
            analyze_pairs("bao gồm:\nxã Hội An"),
            vec!["bao gom", "xa hoi"]
        );
        assert!(analyze_pairs("Xã. Hội").is_empty());
        // Inside a sentence punctuation does not end a word: the law writes "phòng, chống".
        assert_eq!(
            analyze_pairs("Luật Phòng, chống tham nhũng"),
            vec!["phong chong", "tham nhung"]
        );
    }

    fn exact_pairs(text: &str) -> Vec<String> {
        let mut tokenizer = PairTokenizer::exact();
        let mut stream = tokenizer.token_stream(text);
        let mut pairs = Vec::new();
        while stream.advance() {
            pairs.push(stream.token().text.clone());
        }
        pairs
    }

    #[test]
    fn the_exact_pairs_keep_the_marks_of_the_same_words() {
        // Every pair with a mark is written, "kinh tế" too: "kinh tế" typed asks it among the
        // readings of "kinh"; only a pair of two unmarked syllables has its folded form alone.
        assert_eq!(
            exact_pairs("Kinh tế tư nhân, không phải tù nhân. Tham gia mua bán."),
            vec![
                "kinh tế",
                "tế tư",
                "tư nhân",
                "không phải",
                "phải tù",
                "tù nhân",
                "mua bán"
            ]
        );
        assert_eq!(
            analyze_pairs("Kinh tế tư nhân, không phải tù nhân."),
            vec![
                "kinh te",
                "te tu",
                "tu nhan",
                "khong phai",
                "phai tu",
                "tu nhan"
            ]
        );
    }

    #[test]
    fn an_exact_pair_is_written_once_per_text_however_often_it_stands() {
        let text = "Tư nhân đầu tư. Tù nhân lao động. Tư nhân góp vốn, tư nhân vay vốn.";
        let pairs = exact_pairs(text);
        assert_eq!(
            pairs.iter().filter(|p| *p == "tư nhân").count(),
            1,
            "{pairs:?}"
        );
        assert_eq!(
            pairs.iter().filter(|p| *p == "tù nhân").count(),
            1,
            "{pairs:?}"
        );
        // The folded pairs, which rank by how often a word stands, keep every occurrence.
        let folded = analyze_pairs(text);
        assert_eq!(
            folded.iter().filter(|p| *p == "tu nhan").count(),
            4,
            "{folded:?}"
        );
    }

    #[test]
    fn pairs_that_are_no_word_are_not_stored() {
        // "hiểm xã" and "về bảo" stand together but are no word.
        let pairs = analyze_pairs("về bảo hiểm xã hội");
        assert!(!pairs.contains(&"hiem xa".to_string()), "{pairs:?}");
        assert!(!pairs.contains(&"ve bao".to_string()), "{pairs:?}");
    }

    #[test]
    fn both_tone_styles_and_nfd_give_one_pair() {
        assert_eq!(analyze_pairs("Uỷ ban"), analyze_pairs("Ủy ban"));
        assert_eq!(analyze_pairs("U\u{309}y ban"), vec!["uy ban"]);
        assert_eq!(analyze_pairs("hoà bình"), analyze_pairs("hòa bình"));
    }

    #[test]
    fn pairs_replay_the_exact_pass_and_agree_with_a_fresh_one() {
        let text = "Người Việt Nam ở nước ngoài (NVNONN), tỉnh Quảng Nam";
        let fresh = std::thread::spawn({
            let text = text.to_string();
            move || analyze_pairs(&text)
        })
        .join()
        .unwrap_or_default();
        analyze(text, AnalysisMode::Exact);
        assert_eq!(analyze_pairs(text), fresh);
        assert!(fresh.contains(&"nuoc ngoai".to_string()), "{fresh:?}");
        assert!(fresh.contains(&"quang nam".to_string()), "{fresh:?}");
    }

    #[test]
    fn analysed_syllables_say_what_joins() {
        let syllables = analyse_syllables("Xã hội. Y tế");
        let joined: Vec<bool> = syllables.iter().map(|s| s.joined).collect();
        assert_eq!(joined, vec![false, true, false, true]);
        assert_eq!(syllables[0].exact, "xã");
        assert_eq!(syllables[0].folded, "xa");
        assert_eq!(&"Xã hội. Y tế"[syllables[1].range.clone()], "hội");
    }
}
