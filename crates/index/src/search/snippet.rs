//! Snippets and title marks: which words of a text the query matched, and the best fragment.
//!
//! Tantivy's `SnippetGenerator` counts its budget in bytes (a Vietnamese character is ~1.3 bytes)
//! and cuts mid-sentence. Journalists want the sentence that holds the quote, so this picks the
//! window of whole sentences ([`crate::text::sentences`]) with the most distinct query terms,
//! budgets it in characters, ends it at a sentence end when one is near, and marks the writer's
//! own characters, marks and all, even when the query had none. Given the query's words
//! ([`Highlighter::words`]), it marks a syllable only where a whole word stands, by the rule
//! that matched the article: `viet nam` marks "Việt Nam", not the "Nam" of "Quảng Nam". It returns data, a
//! [`Highlighted`], never HTML: the page, the API, the CLI and the exports render from it.
//!
//! ```
//! use tracuu_index::search::snippet::Highlighter;
//! let mut h = Highlighter::default();
//! h.folded.insert("nuoc".into());
//! h.folded.insert("ngoai".into());
//! let s = h.snippet("Kiều bào ở nước ngoài & trong nước. Tỉnh ghi nhận.", 100);
//! assert_eq!(&s.text[s.marks[0].clone()], "nước ngoài");
//! assert_eq!(s.sentence_texts(), ["Kiều bào ở nước ngoài & trong nước.", "Tỉnh ghi nhận."]);
//! assert_eq!(s.marked_html(), "Kiều bào ở <mark>nước ngoài</mark> &amp; trong nước. Tỉnh ghi nhận.");
//! ```

use std::collections::HashSet;
use std::ops::Range;

use rustc_hash::FxHashSet;
use tantivy_tokenizer_api::{TokenStream, Tokenizer};

use crate::search::highlight::Highlighted;
use crate::search::query_builder::HighlightTerms;
use crate::search::word_query::marked;
use crate::text::pairs::AnalysedSyllable;
use crate::text::sentences::Sentences;
use crate::text::syllable_record::joins_pieces;
use crate::text::{AnalysisMode, VietnameseTokenizer, analyze};

/// Bytes of a body searched for the best fragment: a snippet costs the same for a 5 KB article
/// and a 1 MB one. Matches further on are not shown (the first 64 KB hold ten thousand words).
pub const SNIPPET_SCAN_BYTES: usize = 64 * 1024;

/// Marks query terms in text.
#[derive(Debug, Clone, Default)]
pub struct Highlighter {
    /// Exact-form syllables to mark (a fast hash: every syllable of a snippet is looked up).
    pub exact: FxHashSet<String>,
    /// Folded-form syllables to mark.
    pub folded: FxHashSet<String>,
    /// The query's words, each its syllables: when given, a syllable is marked only where a
    /// whole word of the query stands ("Việt Nam" for `viet nam`, not the "Nam" of "Quảng
    /// Nam"). Empty: every syllable is marked on its own.
    pub words: Vec<Vec<AnalysedSyllable>>,
}

impl From<HighlightTerms> for Highlighter {
    fn from(terms: HighlightTerms) -> Self {
        Highlighter {
            exact: terms.exact.into_iter().collect(),
            folded: terms.folded.into_iter().collect(),
            words: terms.words,
        }
    }
}

/// A syllable of the text the query asks: its token number, range, folded and exact forms, the
/// form it matched, and whether it matched only once folded.
struct Found {
    token: usize,
    range: Range<usize>,
    folded: String,
    exact: String,
    term: String,
    folded_only: bool,
}

impl Found {
    /// Whether this syllable is `syllable` of a query word, by the mark rule.
    fn is(&self, syllable: &AnalysedSyllable) -> bool {
        if marked(syllable) {
            self.exact == syllable.exact
        } else {
            self.folded == syllable.folded
        }
    }
}

impl Highlighter {
    /// The folded forms of every term to mark: a syllable whose folded form is not one of them
    /// matches nothing.
    fn folded_candidates(&self) -> FxHashSet<String> {
        let mut candidates = self.folded.clone();
        for exact in &self.exact {
            candidates.extend(analyze(exact, AnalysisMode::Folded));
        }
        candidates
    }

    /// True when there is nothing to mark.
    pub fn is_empty(&self) -> bool {
        self.exact.is_empty() && self.folded.is_empty()
    }

    /// Byte ranges of matching syllables, with the term they matched.
    ///
    /// A syllable typed without marks matches every marked form ("nam": "Nam", "năm", "nằm"). Marking
    /// them all is noise, so a match that needed folding is marked only next to another match
    /// ("người Việt Nam ở nước ngoài" as a run, not the "năm" of "năm 2023"), unless the text has
    /// nothing better to show.
    fn matches(&self, text: &str) -> Vec<(Range<usize>, String)> {
        if self.is_empty() {
            return Vec::new();
        }
        // One pass of the folding tokenizer (no tone placement, no exact form); the exact form
        // is read only for the syllables whose folded form the query asks.
        let candidates = self.folded_candidates();
        // Their lengths, one bit each (63 for any longer): most syllables of a text are ruled
        // out by their length before they are hashed.
        let length_bit = |text: &str| 1u64 << text.len().min(63);
        let lengths = candidates.iter().fold(0u64, |bits, c| bits | length_bit(c));
        let mut folding = VietnameseTokenizer::new(AnalysisMode::Folded);
        let mut stream = folding.token_stream(text);
        let mut found: Vec<Found> = Vec::new();
        let mut exact = String::new();
        let mut i = 0;
        while stream.advance() {
            let token = stream.token();
            if lengths & length_bit(&token.text) != 0 && candidates.contains(token.text.as_str()) {
                let range = token.offset_from..token.offset_to;
                let folded = token.text.clone();
                stream.exact_form(&mut exact);
                let term = if self.exact.contains(&exact) {
                    Some((exact.clone(), false))
                } else if self.folded.contains(&folded) {
                    Some((folded.clone(), exact != folded))
                } else {
                    None
                };
                if let Some((term, folded_only)) = term {
                    found.push(Found {
                        token: i,
                        range,
                        exact: exact.clone(),
                        folded,
                        term,
                        folded_only,
                    });
                }
            }
            i += 1;
        }
        let (whole, alone) = self.in_words(&found);
        // Next to a match of another query syllable: "Việt Nam" is a run, "Nam năm" is not.
        let next_to_another = |k: usize| {
            let this = &found[k];
            let before = k.checked_sub(1).map(|p| &found[p]);
            let after = found.get(k + 1);
            before.is_some_and(|p| p.token + 1 == this.token && p.term != this.term)
                || after.is_some_and(|n| n.token == this.token + 1 && n.term != this.term)
        };
        let keep: Vec<bool> = (0..found.len())
            .map(|k| whole[k] || (alone[k] && (!found[k].folded_only || next_to_another(k))))
            .collect();
        let pick = |keep: &dyn Fn(usize) -> bool| -> Vec<(Range<usize>, String)> {
            (0..found.len())
                .filter(|&k| keep(k))
                .map(|k| (found[k].range.clone(), found[k].term.clone()))
                .collect()
        };
        let strict = pick(&|k| keep[k]);
        if !strict.is_empty() {
            return strict;
        }
        pick(&|k| alone[k])
    }

    /// For each of `found`, whether it stands in a whole word of the query of two syllables or
    /// more, and whether it is a word of one syllable. Without [`Self::words`], every syllable is
    /// a word of its own.
    fn in_words(&self, found: &[Found]) -> (Vec<bool>, Vec<bool>) {
        if self.words.is_empty() {
            return (vec![false; found.len()], vec![true; found.len()]);
        }
        let mut whole = vec![false; found.len()];
        let mut alone = vec![false; found.len()];
        for word in &self.words {
            let n = word.len();
            for start in 0..found.len() {
                let Some(run) = found.get(start..start + n) else {
                    break;
                };
                let stands = run
                    .iter()
                    .zip(word)
                    .enumerate()
                    .all(|(j, (f, syllable))| f.is(syllable) && f.token == run[0].token + j);
                if !stands {
                    continue;
                }
                let marks = if n == 1 { &mut alone } else { &mut whole };
                marks[start..start + n].iter_mut().for_each(|m| *m = true);
            }
        }
        (whole, alone)
    }

    /// The byte ranges of `text` to mark (for titles): matches, those separated only by spaces
    /// joined into one ("Uỷ ban Nhà nước").
    pub fn marks(&self, text: &str) -> Vec<Range<usize>> {
        let ranges: Vec<Range<usize>> = self.matches(text).into_iter().map(|(r, _)| r).collect();
        join_runs(text, ranges)
    }

    /// The whole text with its matches marked and its sentences found (for titles and quotes).
    pub fn highlight_all(&self, text: &str) -> Highlighted {
        Highlighted::new(text, self.marks(text))
    }

    /// The best fragment of about `max_chars` characters: whole sentences from the one that
    /// starts it, with matches marked.
    ///
    /// Only the first [`SNIPPET_SCAN_BYTES`] of `text` are analysed, so the cost does not grow with
    /// the body.
    pub fn snippet(&self, text: &str, max_chars: usize) -> Highlighted {
        let full_len = text.trim_end().len();
        let text = scan_prefix(text);
        let max_chars = max_chars.max(20);
        let matches = self.matches(text);
        let sentences = sentences_within_reach(text, &matches, max_chars);
        let window = best_window(text, &sentences, &matches, max_chars);
        let inside = |r: &Range<usize>| r.start >= window.start && r.end <= window.end;
        let shift = |r: Range<usize>| r.start - window.start..r.end - window.start;
        let marks: Vec<Range<usize>> = matches.into_iter().map(|(r, _)| r).filter(inside).collect();
        let marks = join_runs(text, marks).into_iter().map(shift).collect();
        let sentences = sentences
            .iter()
            .filter(|s| s.start < window.end && s.end > window.start)
            .map(|s| shift(s.start.max(window.start)..s.end.min(window.end)))
            .collect();
        Highlighted {
            text: text[window.clone()].to_string(),
            marks,
            sentences,
            cut_before: !text[..window.start].trim_start().is_empty(),
            cut_after: window.end < full_len,
        }
    }
}

/// The first [`SNIPPET_SCAN_BYTES`] of `text`, cut at the last word end before the limit.
fn scan_prefix(text: &str) -> &str {
    if text.len() <= SNIPPET_SCAN_BYTES {
        return text;
    }
    let mut end = SNIPPET_SCAN_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    // A syllable cut in two would match as another word.
    head.rfind(char::is_whitespace).map_or(head, |i| &head[..i])
}

/// End of a window of at most `max_chars` characters from `start`: at the last sentence end in
/// its second half, or else at a word boundary.
fn window_end(text: &str, sentences: &[Range<usize>], start: usize, max_chars: usize) -> usize {
    let rest = &text[start..];
    let Some(cut) = nth_char_offset(rest, max_chars) else {
        return text.trim_end().len();
    };
    let limit = start + cut;
    let ends_before = sentences.partition_point(|s| s.end <= limit);
    if let Some(sentence) = ends_before.checked_sub(1).map(|i| &sentences[i])
        && sentence.end > start + cut / 2
    {
        return sentence.end;
    }
    let slice = &rest[..cut];
    let end = slice
        .rfind(char::is_whitespace)
        .filter(|&i| i > cut / 2)
        .unwrap_or(cut);
    start + slice[..end].trim_end().len()
}

/// The sentences of `text` a window of `max_chars` characters can start in, end in or show: up
/// to the last that starts within a window's reach of the last match (of the first sentence, when
/// that is later). A window worth measuring starts at or before the last match, and reaches at
/// most 4 bytes a character past its start, so the sentences after these change nothing; they
/// are not split.
fn sentences_within_reach(
    text: &str,
    matches: &[(Range<usize>, String)],
    max_chars: usize,
) -> Vec<Range<usize>> {
    let reach = max_chars.saturating_mul(4);
    let last = matches.last().map_or(0, |(r, _)| r.start);
    let mut kept: Vec<Range<usize>> = Vec::new();
    for sentence in Sentences::new(text) {
        if let Some(first) = kept.first()
            && sentence.start > last.max(first.start).saturating_add(reach)
        {
            break;
        }
        kept.push(sentence);
    }
    kept
}

/// The byte offset of character `n` of `text` (`char_indices().nth(n)`), counting the bytes that
/// start a character instead of decoding each one: windows are measured many times a snippet.
fn nth_char_offset(text: &str, n: usize) -> Option<usize> {
    let mut starts = 0;
    for (i, &b) in text.as_bytes().iter().enumerate() {
        // Continuation bytes are 0b10xx_xxxx; every other byte starts a character.
        if b & 0xC0 != 0x80 {
            if starts == n {
                return Some(i);
            }
            starts += 1;
        }
    }
    None
}

/// The window of whole sentences holding the most distinct terms (then the most matches).
///
/// `matches` are in text order and do not overlap, so each window's matches are found by a binary
/// search and a short walk: the cost grows with the sentences, not sentences × matches.
fn best_window(
    text: &str,
    sentences: &[Range<usize>],
    matches: &[(Range<usize>, String)],
    max_chars: usize,
) -> Range<usize> {
    let starts: Vec<usize> = if sentences.is_empty() {
        vec![0]
    } else {
        sentences.iter().map(|s| s.start).collect()
    };
    let mut best = (0usize, 0usize, starts[0]); // (distinct, total, start)
    let all_terms = matches.iter().map(|(_, t)| t).collect::<HashSet<_>>().len();
    // A window of `max_chars` characters spans at most 4 bytes a character.
    let reach = max_chars.saturating_mul(4);
    for &start in &starts {
        let first = matches.partition_point(|(r, _)| r.start < start);
        // Matches a window from `start` could hold at most. Too few to beat the best (a window
        // without a match never beats the first): skip measuring it.
        let bound = start.saturating_add(reach);
        let reachable = matches[first..]
            .iter()
            .take_while(|(r, _)| r.end <= bound)
            .count();
        if reachable <= best.0 || (best.0 == all_terms && reachable <= best.1) {
            continue;
        }
        let end = window_end(text, sentences, start, max_chars);
        let inside: Vec<&String> = matches[first..]
            .iter()
            .take_while(|(r, _)| r.end <= end)
            .map(|(_, t)| t)
            .collect();
        let distinct = inside.iter().collect::<HashSet<_>>().len();
        if (distinct, inside.len()) > (best.0, best.1) {
            best = (distinct, inside.len(), start);
        }
    }
    best.2..window_end(text, sentences, best.2, max_chars)
}

/// Ranges in order, those separated only by spaces, or by one character that joins the pieces
/// of a token (`TP.HCM`, `KT-XH`, `LĐTB&XH`), joined.
fn join_runs(text: &str, ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let joins = |gap: &str| gap.chars().all(|c| c == ' ') || joins_pieces(gap);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for range in ranges {
        if let Some(last) = merged.last_mut()
            && text.get(last.end..range.start).is_some_and(joins)
        {
            last.end = range.end;
            continue;
        }
        merged.push(range);
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    // Seed 001, third paragraph.
    const SEED: &str = "Năm 2023, công tác NVNONN đã đạt được nhiều kết quả khả quan. Bên cạnh việc phối hợp chặt chẽ với Uỷ ban Nhà nước về NVNONN triển khai các chương trình, kế hoạch tại địa phương, Ban đã chủ trì tham mưu UBND tỉnh.";

    fn marked(h: &Highlighted) -> Vec<&str> {
        h.marks.iter().map(|m| &h.text[m.clone()]).collect()
    }

    #[test]
    fn unmarked_query_marks_the_original_diacritic_text() {
        let mut h = Highlighter::default();
        for t in ["uy", "ban", "nha", "nuoc"] {
            h.folded.insert(t.into());
        }
        let s = h.snippet(SEED, 120);
        // "Ban" is written without marks: an exact match of "ban", marked alone too.
        assert_eq!(marked(&s), ["Uỷ ban Nhà nước", "Ban"]);
        assert!(
            s.cut_before && s.text.starts_with("Bên cạnh"),
            "the window starts at the sentence with the matches: {s:?}"
        );
        assert!(s.marked_html().contains("<mark>Uỷ ban Nhà nước</mark>"));
        assert!(s.marked_html().starts_with('…'));
    }

    #[test]
    fn lone_folded_matches_are_not_marked_beside_a_full_run() {
        let mut h = Highlighter::default();
        for t in ["nguoi", "viet", "nam"] {
            h.folded.insert(t.into());
        }
        let text = "Công tác người Việt Nam năm 2023 tại Quảng Nam";
        let marks: Vec<&str> = h.marks(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(marks, ["người Việt Nam", "Nam"]);
        // With nothing better in the text, a lone folded match is still shown.
        let mut single = Highlighter::default();
        single.folded.insert("nuoc".into());
        let text = "Kiều bào ở nước ngoài";
        let at = text.find("nước").unwrap_or(0);
        assert_eq!(single.marks(text), vec![at..at + "nước".len()]);
    }

    #[test]
    fn the_sentences_past_reach_change_no_snippet() {
        let paragraph = "Năm 2023, công tác người Việt Nam ở nước ngoài đạt nhiều kết quả. Ban đã phối \
            hợp chặt chẽ với Uỷ ban Nhà nước về người Việt Nam ở nước ngoài. Tỉnh ghi nhận! ";
        let mut body = String::from("Mở đầu bài viết. ");
        for _ in 0..40 {
            body.push_str(paragraph);
        }
        body.push_str("Cuối cùng, kiều bào đóng góp cho quê hương. Hết.");
        let queries: [&[&str]; 4] = [&["kieu", "bao"], &["nuoc", "ngoai"], &["ban"], &["xyz"]];
        for terms in queries {
            let mut h = Highlighter::default();
            h.folded.extend(terms.iter().map(|t| t.to_string()));
            let matches = h.matches(&body);
            for max_chars in [20, 80, 240] {
                let all = crate::text::sentences::sentences(&body);
                let kept = sentences_within_reach(&body, &matches, max_chars);
                assert!(kept.len() <= all.len() && all.starts_with(&kept));
                let window = best_window(&body, &all, &matches, max_chars);
                assert_eq!(
                    best_window(&body, &kept, &matches, max_chars),
                    window,
                    "{terms:?} {max_chars}"
                );
                let shown = |list: &[Range<usize>]| -> Vec<Range<usize>> {
                    let inside = |s: &&Range<usize>| s.start < window.end && s.end > window.start;
                    list.iter().filter(inside).cloned().collect()
                };
                assert_eq!(shown(&kept), shown(&all));
            }
        }
        // Matches only near the start: the rest of the body is not split into sentences.
        let mut h = Highlighter::default();
        h.folded.insert("mo".into());
        let kept = sentences_within_reach(&body, &h.matches(&body), 80);
        assert!(kept.len() < 10, "{}", kept.len());
    }

    #[test]
    fn character_offsets_are_the_decoded_ones() {
        let text = "Uỷ ban Nhà nước về người Việt Nam ở nước ngoài";
        for n in 0..text.chars().count() + 2 {
            let decoded = text.char_indices().nth(n).map(|(i, _)| i);
            assert_eq!(nth_char_offset(text, n), decoded, "{n}");
        }
        assert_eq!(nth_char_offset("", 0), None);
    }

    #[test]
    fn budget_is_in_characters_not_bytes() {
        let h = Highlighter::default();
        let s = h.snippet(SEED, 60);
        let chars = s.display_text().chars().count();
        assert!((40..=61).contains(&chars), "{chars}: {s:?}");
    }

    #[test]
    fn the_window_ends_at_a_sentence_end_when_one_is_near() {
        let mut h = Highlighter::default();
        h.folded.insert("nvnonn".into());
        // The first sentence is 62 characters: within a 100-character budget, past its half.
        let s = h.snippet(SEED, 100);
        assert_eq!(
            s.text,
            "Năm 2023, công tác NVNONN đã đạt được nhiều kết quả khả quan."
        );
        assert!(!s.cut_before && s.cut_after);
        assert_eq!(s.sentences, vec![0..s.text.len()]);
    }

    #[test]
    fn sentences_of_the_snippet_use_the_one_splitter() {
        let mut h = Highlighter::default();
        h.folded.insert("tan".into());
        // Seed 000: "TP." and "PGS.TS." do not end a sentence.
        let text = "Đại diện TP. Hồ Chí Minh và PGS.TS. Lê Văn A dự họp. Phó Chủ tịch UBND tỉnh Trần Văn Tân phát biểu.";
        let s = h.snippet(text, 200);
        assert_eq!(
            s.sentence_texts(),
            [
                "Đại diện TP. Hồ Chí Minh và PGS.TS. Lê Văn A dự họp.",
                "Phó Chủ tịch UBND tỉnh Trần Văn Tân phát biểu."
            ]
        );
        assert_eq!(marked(&s), ["Tân"]);
    }

    #[test]
    fn a_huge_body_is_scanned_only_up_to_the_bound() {
        let mut h = Highlighter::default();
        for t in ["kieu", "bao"] {
            h.folded.insert(t.into());
        }
        let filler = "Tỉnh Quảng Nam tổ chức hội nghị tổng kết công tác năm. ";
        let mut body = String::from("Mở đầu bài viết. Kiều bào đóng góp nhiều cho quê hương. ");
        while body.len() < 4 * SNIPPET_SCAN_BYTES {
            body.push_str(filler);
        }
        body.push_str("Cuối bài nói về kiều bào ở Đà Nẵng.");
        let s = h.snippet(&body, 120);
        assert!(
            s.marked_html().contains("<mark>Kiều bào</mark> đóng góp"),
            "{s:?}"
        );
        assert!(s.cut_after);
        // Past the bound, a match is not looked for: the cost stays that of the first 64 KB.
        let late = format!(
            "{}Kiều bào ở nước ngoài.",
            filler.repeat(3 * SNIPPET_SCAN_BYTES / filler.len())
        );
        let s = h.snippet(&late, 120);
        assert!(!s.has_marks(), "{s:?}");
        assert!(s.text.starts_with("Tỉnh Quảng Nam"), "{s:?}");
    }

    #[test]
    fn marked_query_terms_match_only_that_word() {
        let mut h = Highlighter::default();
        h.exact.insert("nhà".into());
        let text = "Nhà nước và nhà ở, không phải nhá";
        let marks: Vec<&str> = h.marks(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(marks, ["Nhà", "nhà"]);
        assert_eq!(
            h.highlight_all(text).marked_html(),
            "<mark>Nhà</mark> nước và <mark>nhà</mark> ở, không phải nhá"
        );
    }
}
