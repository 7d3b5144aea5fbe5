//! The Tantivy tokenizer: syllables with offsets into the original text, exact or folded.
//!
//! One pass over the original text finds syllables (runs of letters, digits and combining marks;
//! soft hyphens and zero-width characters inside a run are skipped, not split on). Each syllable
//! is normalised on the fly: NFD marks are merged, case is lowered, the eth becomes `đ`, and the
//! tone is moved to its canonical vowel ([`super::tone`]). Offsets always point into the text as
//! given, so highlights land on the writer's own characters even when the query had no marks.
//!
//! [`AnalysisMode::Exact`] keeps the marks; [`AnalysisMode::Folded`] drops them all (`đ` → `d`).
//! The same tokenizer runs on queries, because Tantivy has no separate query analyzer.
//!
//! Positions count syllables, except that a syllable that does not join the one before
//! ([`super::syllable_record::joins`]: a sentence or line end between them) comes one position
//! further on: the empty position keeps a phrase or a name from matching across a sentence end
//! ("Thái. Lan" is no "Thái Lan"). The field's length still counts syllables only.
//!
//! ```
//! use tracuu_index::text::{analyze, AnalysisMode};
//! let nfd = "Vie\u{323}\u{302}t Nam"; // NFD, dot below written before the circumflex
//! assert_eq!(analyze(nfd, AnalysisMode::Exact), vec!["việt", "nam"]);
//! assert_eq!(analyze("vịêt", AnalysisMode::Exact), vec!["việt"]);
//! assert_eq!(analyze("Ðà Nẵng", AnalysisMode::Folded), vec!["da", "nang"]);
//! ```

use rustc_hash::FxHashMap;
use tantivy_tokenizer_api::{Token, TokenStream, Tokenizer};

use super::letters::{Tone, compose_shape, fold_base, split_letter, with_tone};
use super::normalize::is_invisible;
use super::syllable_record::{
    Recorded, SyllableRecord, joins, put_back, take_for_recording, take_record_of,
};
use super::tone::place_tone;

/// Syllables longer than this many letters are not indexed (URLs, base64, run-on junk).
pub const MAX_SYLLABLE_LETTERS: usize = 48;

/// Which form of each syllable the tokenizer emits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnalysisMode {
    /// Lower case, every mark kept, tone at its canonical vowel: `hoà`, `uỷ`, `việt`.
    Exact,
    /// Lower case, every mark dropped, `đ` as `d`: `hoa`, `uy`, `viet`.
    Folded,
}

impl AnalysisMode {
    /// The name the tokenizer is registered under in the Tantivy index. The folded one names
    /// its positions' rule: an index written before a sentence end left an empty position has
    /// another name, so it is refused and rebuilt, not searched with phrases it cannot answer.
    pub fn tokenizer_name(self) -> &'static str {
        match self {
            AnalysisMode::Exact => "vi_exact",
            AnalysisMode::Folded => "vi_folded_sentence_gaps",
        }
    }
}

/// Tantivy tokenizer for Vietnamese text; reuses its buffers across documents.
#[derive(Debug, Clone)]
pub struct VietnameseTokenizer {
    mode: AnalysisMode,
    token: Token,
    letters: Vec<(char, Tone)>,
    scratch: Vec<char>,
    /// The last syllable's letters with their tone placed, for [`VietnameseTokenStream::exact_form`].
    placed: Vec<(char, Tone)>,
    /// Emit each exact syllable once per text (the index's document-only exact fields).
    distinct: bool,
    /// The exact syllables a stream has emitted: hash → the syllable's index in the record.
    seen: FxHashMap<u64, u32>,
}

impl VietnameseTokenizer {
    /// A tokenizer emitting syllables in the given form.
    pub fn new(mode: AnalysisMode) -> Self {
        VietnameseTokenizer {
            mode,
            token: Token::default(),
            letters: Vec::with_capacity(16),
            scratch: Vec::with_capacity(16),
            placed: Vec::new(),
            distinct: false,
            seen: FxHashMap::default(),
        }
    }

    /// The exact tokenizer the index writes with: each syllable once per text (the first time
    /// it stands), since the exact fields record articles only. The syllables are still all
    /// recorded for the passes that replay them. Queries and snippets use [`Self::new`].
    pub fn distinct() -> Self {
        VietnameseTokenizer {
            distinct: true,
            ..VietnameseTokenizer::new(AnalysisMode::Exact)
        }
    }
}

/// What a stream does with the thread's [`SyllableRecord`].
enum Replay {
    /// No replay (query analysis of something else, or nothing recorded).
    None,
    /// Exact stream: records both forms while it runs.
    Record(Box<SyllableRecord>),
    /// Folded stream: plays the recorded forms back; the index of the next syllable.
    Play(Box<SyllableRecord>, usize),
}

/// The stream of syllables of one text.
pub struct VietnameseTokenStream<'a> {
    text: &'a str,
    cursor: usize,
    next_position: usize,
    /// End of the syllable emitted last, for [`joins`] with the next one.
    last_end: Option<usize>,
    tokenizer: &'a mut VietnameseTokenizer,
    replay: Replay,
}

impl Tokenizer for VietnameseTokenizer {
    type TokenStream<'a> = VietnameseTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VietnameseTokenStream<'a> {
        self.token.reset();
        self.seen.clear();
        let replay = match self.mode {
            AnalysisMode::Exact => {
                let mut record = take_for_recording();
                record.reset(text);
                Replay::Record(record)
            }
            AnalysisMode::Folded => match take_record_of(text) {
                Some(record) => Replay::Play(record, 0),
                None => Replay::None,
            },
        };
        VietnameseTokenStream {
            text,
            cursor: 0,
            next_position: 0,
            last_end: None,
            tokenizer: self,
            replay,
        }
    }
}

impl Drop for VietnameseTokenStream<'_> {
    fn drop(&mut self) {
        match std::mem::replace(&mut self.replay, Replay::None) {
            Replay::None => {}
            Replay::Record(record) | Replay::Play(record, _) => put_back(record),
        }
    }
}

/// Writes letters whose tone is placed as the exact form of their syllable.
fn write_exact(letters: &[(char, Tone)], out: &mut String) {
    for &(base, tone) in letters {
        out.push(if tone == Tone::None {
            base
        } else {
            with_tone(base, tone)
        });
    }
}

impl VietnameseTokenStream<'_> {
    /// The exact form of the syllable the stream emitted last, written into `out` (replacing
    /// its content): what [`analyze`] in [`AnalysisMode::Exact`] gives for that syllable's text,
    /// without analysing it again. Snippets ask it of the few folded syllables the query names.
    pub fn exact_form(&mut self, out: &mut String) {
        out.clear();
        if let Replay::Play(record, next) = &self.replay {
            if let Some(i) = next.checked_sub(1) {
                out.push_str(record.exact(i));
            }
            return;
        }
        let tok = &mut *self.tokenizer;
        if tok.mode == AnalysisMode::Exact {
            out.push_str(&tok.token.text);
            return;
        }
        let mut letters = std::mem::take(&mut tok.placed);
        letters.clear();
        letters.extend_from_slice(&tok.letters);
        place_tone(&mut letters, &mut tok.scratch);
        write_exact(&letters, out);
        tok.placed = letters;
    }

    /// The next recorded folded syllable, when this stream replays.
    fn play(&mut self) -> Option<bool> {
        let Replay::Play(record, next) = &mut self.replay else {
            return None;
        };
        let Some(&Recorded {
            from, to, joined, ..
        }) = record.syllables.get(*next)
        else {
            self.cursor = self.text.len();
            return Some(false);
        };
        if *next > 0 && !joined {
            self.next_position += 1;
        }
        let token = &mut self.tokenizer.token;
        token.text.clear();
        token.text.push_str(record.folded(*next));
        *next += 1;
        token.offset_from = from;
        token.offset_to = to;
        token.position = self.next_position;
        token.position_length = 1;
        self.next_position += 1;
        Some(true)
    }
}

#[inline]
fn is_combining_mark(c: char) -> bool {
    ('\u{300}'..='\u{36F}').contains(&c)
}

/// Whether `c` belongs to a syllable (letters, digits, combining marks, invisible joiners).
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // Vietnamese letters come from the letter table; Unicode's alphabetic lookup is slow.
    if let Some(letter) = split_letter(c) {
        return letter.is_letter;
    }
    c.is_alphanumeric() || is_combining_mark(c) || is_invisible(c)
}

fn push_char(letters: &mut Vec<(char, Tone)>, c: char) {
    if c.is_ascii() {
        letters.push((c.to_ascii_lowercase(), Tone::None));
    } else if is_combining_mark(c) {
        let Some(last) = letters.last_mut() else {
            return;
        };
        if let Some(tone) = Tone::from_combining(c) {
            // A second tone mark on one letter is a typing slip: the first one stands.
            if last.1 == Tone::None {
                last.1 = tone;
            }
        } else if let Some(shaped) = compose_shape(last.0, c) {
            last.0 = shaped;
        }
    } else if is_invisible(c) {
    } else if let Some(letter) = split_letter(c) {
        letters.push((letter.base, letter.tone));
    } else {
        for lower in c.to_lowercase() {
            letters.push((lower, Tone::None));
        }
    }
}

impl TokenStream for VietnameseTokenStream<'_> {
    fn advance(&mut self) -> bool {
        if let Some(more) = self.play() {
            return more;
        }
        let bytes = self.text.as_bytes();
        loop {
            // Skip to the start of the next word.
            let rest = &self.text[self.cursor..];
            let Some((skip, _)) = rest.char_indices().find(|&(_, c)| is_word_char(c)) else {
                self.cursor = self.text.len();
                if let Replay::Record(record) = &mut self.replay {
                    record.complete = true;
                }
                return false;
            };
            let start = self.cursor + skip;
            let tok = &mut *self.tokenizer;
            tok.letters.clear();
            let mut end = start;
            // ASCII run fast path, then general chars.
            while end < bytes.len() {
                let b = bytes[end];
                if b < 0x80 {
                    if b.is_ascii_alphanumeric() {
                        tok.letters
                            .push(((b as char).to_ascii_lowercase(), Tone::None));
                        end += 1;
                        continue;
                    }
                    break;
                }
                let Some(c) = self.text[end..].chars().next() else {
                    break;
                };
                match split_letter(c) {
                    Some(letter) if letter.is_letter => {
                        tok.letters.push((letter.base, letter.tone))
                    }
                    Some(_) => break,
                    None if is_word_char(c) => push_char(&mut tok.letters, c),
                    None => break,
                }
                end += c.len_utf8();
            }
            self.cursor = end;
            if tok.letters.is_empty() || tok.letters.len() > MAX_SYLLABLE_LETTERS {
                continue;
            }
            let joined = self
                .last_end
                .is_some_and(|before| joins(&self.text[before..start]));
            if self.last_end.is_some() && !joined {
                self.next_position += 1;
            }
            self.last_end = Some(end);
            let text = &mut tok.token.text;
            text.clear();
            match tok.mode {
                AnalysisMode::Exact => {
                    if let Replay::Record(record) = &mut self.replay {
                        let arena = record.folded_arena();
                        for &(base, _) in &tok.letters {
                            arena.push(fold_base(base));
                        }
                    }
                    place_tone(&mut tok.letters, &mut tok.scratch);
                    write_exact(&tok.letters, text);
                    if let Replay::Record(record) = &mut self.replay {
                        record.push(start..end, text, joined);
                        let last = record.syllables.len() - 1;
                        if tok.distinct && !record.first_exact_syllable(&mut tok.seen, last) {
                            continue;
                        }
                    }
                }
                AnalysisMode::Folded => {
                    for &(base, _) in &tok.letters {
                        text.push(fold_base(base));
                    }
                }
            }
            tok.token.offset_from = start;
            tok.token.offset_to = end;
            tok.token.position = self.next_position;
            tok.token.position_length = 1;
            self.next_position += 1;
            return true;
        }
    }

    fn token(&self) -> &Token {
        &self.tokenizer.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokenizer.token
    }
}

/// The syllables of `text` in the given form; the query side and tests use this.
pub fn analyze(text: &str, mode: AnalysisMode) -> Vec<String> {
    let mut tokenizer = VietnameseTokenizer::new(mode);
    let mut stream = tokenizer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

/// The syllables of `text` with their byte ranges in `text`; snippets use this.
pub fn analyze_with_offsets(
    text: &str,
    mode: AnalysisMode,
) -> Vec<(String, std::ops::Range<usize>)> {
    let mut tokenizer = VietnameseTokenizer::new(mode);
    let mut stream = tokenizer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        let token = stream.token();
        out.push((token.text.clone(), token.offset_from..token.offset_to));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    fn exact(text: &str) -> Vec<String> {
        analyze(text, AnalysisMode::Exact)
    }

    fn folded(text: &str) -> Vec<String> {
        analyze(text, AnalysisMode::Folded)
    }

    fn positions(text: &str, mode: AnalysisMode) -> Vec<(String, usize)> {
        let mut tokenizer = VietnameseTokenizer::new(mode);
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push((stream.token().text.clone(), stream.token().position));
        }
        out
    }

    fn emitted(tokenizer: &mut VietnameseTokenizer, text: &str) -> Vec<(String, usize)> {
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push((stream.token().text.clone(), stream.token().position));
        }
        out
    }

    #[test]
    fn the_writer_gives_each_exact_syllable_once_and_the_folded_pass_every_one() {
        let text = "Bàn bạc rồi bàn giao, bàn xong thì bán";
        let mut writer = VietnameseTokenizer::distinct();
        let written: Vec<String> = emitted(&mut writer, text)
            .into_iter()
            .map(|(t, _)| t)
            .collect();
        assert_eq!(written, ["bàn", "bạc", "rồi", "giao", "xong", "thì", "bán"]);
        // The folded pass replays what the exact pass recorded: every syllable, in place.
        let folded = emitted(&mut VietnameseTokenizer::new(AnalysisMode::Folded), text);
        let expected: Vec<(String, usize)> = [
            "ban", "bac", "roi", "ban", "giao", "ban", "xong", "thi", "ban",
        ]
        .iter()
        .enumerate()
        .map(|(i, s)| (s.to_string(), i))
        .collect();
        assert_eq!(folded, expected);
        // Queries and snippets read every syllable.
        assert_eq!(exact(text).len(), 9);
        // The next text starts afresh.
        assert_eq!(emitted(&mut writer, "bàn bàn").len(), 1);
    }

    #[test]
    fn a_sentence_end_leaves_an_empty_position() {
        let text = "Khách đến từ Thái. Lan nói: “TP.HCM, Hà Nội\nđẹp”";
        let expected: Vec<(String, usize)> = [
            ("khach", 0),
            ("den", 1),
            ("tu", 2),
            ("thai", 3),
            ("lan", 5),
            ("noi", 6),
            ("tp", 7),
            ("hcm", 8),
            ("ha", 9),
            ("noi", 10),
            ("dep", 12),
        ]
        .iter()
        .map(|&(t, p)| (t.to_string(), p))
        .collect();
        // The folded pass alone, and the folded pass replaying the exact pass's record.
        assert_eq!(positions(text, AnalysisMode::Folded), expected);
        let exact = positions(text, AnalysisMode::Exact);
        assert_eq!(positions(text, AnalysisMode::Folded), expected);
        let exact_positions: Vec<usize> = exact.iter().map(|(_, p)| *p).collect();
        let folded_positions: Vec<usize> = expected.iter().map(|(_, p)| *p).collect();
        assert_eq!(exact_positions, folded_positions);
    }

    // Seed 001 writes "Uỷ ban Nhà nước", seed 002 "Ủy ban Nhà nước".
    #[test]
    fn both_tone_styles_of_uy_ban_are_one_term() {
        assert_eq!(
            exact("Uỷ ban Nhà nước về NVNONN"),
            exact("Ủy ban Nhà nước về NVNONN")
        );
        assert_eq!(
            exact("hòa bình, thủy sản, khỏe"),
            exact("hoà bình, thuỷ sản, khoẻ")
        );
        assert_ne!(exact("bàn"), exact("bán"));
        assert_ne!(exact("dương"), exact("đường"));
    }

    #[test]
    fn nfd_text_is_the_same_as_nfc_and_offsets_point_into_it() {
        let seed = "Sở Ngoại vụ thành phố Đà Nẵng và Ủy ban về Người Việt Nam ở nước ngoài";
        let nfd: String = seed.nfd().collect();
        assert_eq!(exact(&nfd), exact(seed));
        assert_eq!(folded(&nfd), folded(seed));
        for (term, range) in analyze_with_offsets(&nfd, AnalysisMode::Exact) {
            let original: String = nfd[range].nfc().collect::<String>().to_lowercase();
            assert_eq!(exact(&original), vec![term]);
        }
    }

    #[test]
    fn misplaced_marks_and_eth_are_repaired() {
        assert_eq!(exact("vịêt nghịêm thuýên"), exact("việt nghiệm thuyến"));
        assert_eq!(exact("Ðà Nẵng"), exact("Đà Nẵng"));
    }

    #[test]
    fn folded_form_drops_every_mark_including_d_stroke() {
        assert_eq!(
            folded("Người Việt Nam ở nước ngoài (NVNONN)"),
            vec!["nguoi", "viet", "nam", "o", "nuoc", "ngoai", "nvnonn"]
        );
        assert_eq!(folded("đầu tư"), vec!["dau", "tu"]);
    }

    #[test]
    fn soft_hyphen_and_zero_width_do_not_split_words() {
        assert_eq!(exact("ng\u{AD}ười Việt\u{200B}"), vec!["người", "việt"]);
    }

    #[test]
    fn document_numbers_split_into_searchable_parts() {
        assert_eq!(
            exact("Nghị quyết số 36-NQ/TW"),
            vec!["nghị", "quyết", "số", "36", "nq", "tw"]
        );
        assert_eq!(exact("TP.HCM"), vec!["tp", "hcm"]);
    }

    #[test]
    fn a_folded_stream_gives_each_syllables_exact_form_as_analysis_would() {
        // Both tone styles, a misplaced mark, NFD, capitals and a document number.
        let nfd: String = "Thuỷ lợi".nfd().collect();
        let text = format!("Ủy ban Hòa Bình vịêt {nfd} theo 36-NQ/TW");
        let mut tokenizer = VietnameseTokenizer::new(AnalysisMode::Folded);
        let mut stream = tokenizer.token_stream(&text);
        let mut exact = String::new();
        let mut seen = Vec::new();
        while stream.advance() {
            let range = stream.token().offset_from..stream.token().offset_to;
            stream.exact_form(&mut exact);
            assert_eq!(
                vec![exact.clone()],
                analyze(&text[range], AnalysisMode::Exact)
            );
            seen.push(exact.clone());
        }
        // One tone style for both ("Ủy", "Uỷ" → "uỷ"), the mark moved to its vowel.
        assert_eq!(seen[..5], ["uỷ", "ban", "hoà", "bình", "việt"]);
        assert!(seen.contains(&"thuỷ".to_string()) && seen.contains(&"nq".to_string()));
    }

    #[test]
    fn offsets_cover_the_original_syllables() {
        let text = "Chiều ngày 22/02/2021, Ban về người Việt Nam";
        let tokens = analyze_with_offsets(text, AnalysisMode::Folded);
        let words: Vec<&str> = tokens.iter().map(|(_, r)| &text[r.clone()]).collect();
        assert_eq!(
            words,
            vec![
                "Chiều", "ngày", "22", "02", "2021", "Ban", "về", "người", "Việt", "Nam"
            ]
        );
    }

    fn folded_on_a_fresh_thread(text: &str) -> Vec<(String, std::ops::Range<usize>)> {
        let text = text.to_string();
        std::thread::spawn(move || analyze_with_offsets(&text, AnalysisMode::Folded))
            .join()
            .unwrap_or_default()
    }

    #[test]
    fn the_folded_pass_replays_the_exact_pass_faithfully() {
        let seed = "Ủy ban Nhà nước về người Việt Nam ở nước ngoài (NVNONN), tỉnh Quảng Nam; \
                    Nghị quyết số 36-NQ/TW, TP.HCM, ng\u{AD}ười Vie\u{323}\u{302}t";
        let expected = folded_on_a_fresh_thread(seed);
        assert_eq!(expected.len(), 25);
        analyze(seed, AnalysisMode::Exact);
        assert_eq!(analyze_with_offsets(seed, AnalysisMode::Folded), expected);
        // Twice in a row, and after an unrelated exact pass of the same length.
        assert_eq!(analyze_with_offsets(seed, AnalysisMode::Folded), expected);
        let other: String = seed.chars().rev().collect();
        analyze(&other, AnalysisMode::Exact);
        assert_eq!(analyze_with_offsets(seed, AnalysisMode::Folded), expected);
        assert_eq!(
            analyze_with_offsets(&other, AnalysisMode::Folded),
            folded_on_a_fresh_thread(&other)
        );
    }

    #[test]
    fn an_exact_pass_stopped_early_is_not_replayed() {
        let text = "Đà Nẵng và Quảng Nam";
        let mut tokenizer = VietnameseTokenizer::new(AnalysisMode::Exact);
        let mut stream = tokenizer.token_stream(text);
        assert!(stream.advance());
        drop(stream);
        assert_eq!(folded(text), vec!["da", "nang", "va", "quang", "nam"]);
    }
}
