//! Adjacent syllable pairs as terms: `nước ngoài` is indexed as the one term `"nước ngoài"`
//! (exact) and `"nuoc ngoai"` (folded), so that a two-syllable word is one posting list.
//!
//! Vietnamese writes a word as syllables separated by spaces, and most words have two syllables
//! ("bảo hiểm", "xã hội"). Matching a word by its pair term costs one posting list instead of a
//! positional phrase over two, and the pair term has its own document frequency, which ranks a
//! rare pair above a common one. A pair is only formed between syllables that stand next to each
//! other within a sentence ([`joins`]): "xã. Hội nghị" holds no pair `xã hội`.
//!
//! The pair streams replay the syllables the exact pass recorded for the same text
//! ([`super::syllable_record`]), so the text is segmented once for all four fields.
//!
//! ```
//! use tracuu_index::text::pairs::analyze_pairs;
//! use tracuu_index::text::AnalysisMode;
//! assert_eq!(
//!     analyze_pairs("Bảo hiểm xã hội. Y tế", AnalysisMode::Folded),
//!     vec!["bao hiem", "hiem xa", "xa hoi", "y te"]
//! );
//! ```

use tantivy_tokenizer_api::{Token, TokenStream, Tokenizer};

pub use super::syllable_record::joins;
use super::syllable_record::{SyllableRecord, put_back, take_record_of};
use super::tokenizer::{AnalysisMode, VietnameseTokenizer};

/// The separator between the two syllables of a pair term; never part of a syllable.
pub const PAIR_SEPARATOR: char = ' ';

/// Tantivy tokenizer emitting the adjacent syllable pairs of a text, in exact or folded form.
#[derive(Debug, Clone)]
pub struct PairTokenizer {
    mode: AnalysisMode,
    token: Token,
}

impl PairTokenizer {
    /// A tokenizer emitting pairs in the given form.
    pub fn new(mode: AnalysisMode) -> Self {
        PairTokenizer {
            mode,
            token: Token::default(),
        }
    }

    /// The name the tokenizer is registered under in the Tantivy index.
    pub fn name(mode: AnalysisMode) -> &'static str {
        match mode {
            AnalysisMode::Exact => "vi_exact_pairs",
            AnalysisMode::Folded => "vi_folded_pairs",
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
    next: usize,
    mode: AnalysisMode,
    token: &'a mut Token,
}

impl Tokenizer for PairTokenizer {
    type TokenStream<'a> = PairTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> PairTokenStream<'a> {
        self.token.reset();
        PairTokenStream {
            record: Some(record_of(text)),
            next: 1,
            mode: self.mode,
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
        let Some(record) = self.record.as_deref() else {
            return false;
        };
        while self.next < record.syllables.len() {
            let i = self.next;
            self.next += 1;
            let second = record.syllables[i];
            if !second.joined {
                continue;
            }
            let first = record.syllables[i - 1];
            let token = &mut *self.token;
            token.text.clear();
            let (a, b) = match self.mode {
                AnalysisMode::Exact => (record.exact(i - 1), record.exact(i)),
                AnalysisMode::Folded => (record.folded(i - 1), record.folded(i)),
            };
            token.text.push_str(a);
            token.text.push(PAIR_SEPARATOR);
            token.text.push_str(b);
            token.offset_from = first.from;
            token.offset_to = second.to;
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

/// The pairs of `text` in the given form; tests and the query side use this.
pub fn analyze_pairs(text: &str, mode: AnalysisMode) -> Vec<String> {
    let mut tokenizer = PairTokenizer::new(mode);
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
}

/// The syllables of `text`, both forms, with whether each one joins the one before.
pub fn analyse_syllables(text: &str) -> Vec<AnalysedSyllable> {
    let record = record_of(text);
    let out = (0..record.syllables.len())
        .map(|i| {
            let s = record.syllables[i];
            AnalysedSyllable {
                exact: record.exact(i).to_string(),
                folded: record.folded(i).to_string(),
                range: s.from..s.to,
                joined: s.joined,
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
    fn pairs_stop_at_punctuation_and_line_breaks() {
        assert_eq!(
            analyze_pairs(
                "Hội nghị bàn về bảo hiểm xã hội. Xã hội hóa",
                AnalysisMode::Exact
            ),
            vec![
                "hội nghị",
                "nghị bàn",
                "bàn về",
                "về bảo",
                "bảo hiểm",
                "hiểm xã",
                "xã hội",
                "xã hội",
                "hội hoá"
            ]
        );
        assert_eq!(
            analyze_pairs("bao gồm:\nxã Hội An", AnalysisMode::Folded),
            vec!["bao gom", "xa hoi", "hoi an"]
        );
        assert!(analyze_pairs("Việt. Nam", AnalysisMode::Folded).is_empty());
        // Inside a sentence punctuation does not end a word: the law writes "phòng, chống".
        assert_eq!(
            analyze_pairs("Luật Phòng, chống tham nhũng", AnalysisMode::Folded),
            vec!["luat phong", "phong chong", "chong tham", "tham nhung"]
        );
    }

    #[test]
    fn written_tokens_keep_their_pairs() {
        assert_eq!(
            analyze_pairs("TP.HCM", AnalysisMode::Folded),
            vec!["tp hcm"]
        );
        assert_eq!(
            analyze_pairs("36-NQ/TW", AnalysisMode::Folded),
            vec!["36 nq", "nq tw"]
        );
    }

    #[test]
    fn both_tone_styles_and_nfd_give_one_pair() {
        let nfd = "U\u{309}y ban";
        assert_eq!(
            analyze_pairs("Uỷ ban", AnalysisMode::Exact),
            analyze_pairs("Ủy ban", AnalysisMode::Exact)
        );
        assert_eq!(
            analyze_pairs(nfd, AnalysisMode::Exact),
            analyze_pairs("Ủy ban", AnalysisMode::Exact)
        );
    }

    #[test]
    fn pairs_replay_the_exact_pass_and_agree_with_a_fresh_one() {
        let text = "Người Việt Nam ở nước ngoài (NVNONN), tỉnh Quảng Nam";
        let fresh = std::thread::spawn({
            let text = text.to_string();
            move || analyze_pairs(&text, AnalysisMode::Folded)
        })
        .join()
        .unwrap_or_default();
        analyze(text, AnalysisMode::Exact);
        assert_eq!(analyze_pairs(text, AnalysisMode::Folded), fresh);
        assert_eq!(
            fresh,
            vec![
                "nguoi viet",
                "viet nam",
                "nam o",
                "o nuoc",
                "nuoc ngoai",
                "ngoai nvnonn",
                "nvnonn tinh",
                "tinh quang",
                "quang nam"
            ]
        );
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
