//! Highlighted fragments on the original text, budgeted in characters.
//!
//! Tantivy's `SnippetGenerator` counts its budget in bytes (a Vietnamese character is ~1.3 bytes)
//! and cuts mid-sentence. Journalists want the sentence that holds the quote, so this picks the
//! sentence-aligned window with the most distinct query terms, budgets it in characters, escapes
//! HTML, and wraps matches in `<mark>` on the writer's own characters, marks and all, even when
//! the query had none.
//!
//! ```
//! use tracuu_index::search::snippet::Highlighter;
//! let mut h = Highlighter::default();
//! h.folded.insert("nuoc".into());
//! h.folded.insert("ngoai".into());
//! let s = h.snippet("Kiều bào ở nước ngoài & trong nước.", 100);
//! assert_eq!(s, "Kiều bào ở <mark>nước ngoài</mark> &amp; trong nước.");
//! ```

use std::collections::HashSet;
use std::ops::Range;

use crate::search::query_builder::HighlightTerms;

/// Bytes of a body searched for the best fragment: a snippet costs the same for a 5 KB article
/// and a 1 MB one. Matches further on are not shown (the first 64 KB hold ten thousand words).
pub const SNIPPET_SCAN_BYTES: usize = 64 * 1024;
use crate::text::AnalysisMode;
use crate::text::tokenizer::analyze_with_offsets;

/// Marks query terms in text.
#[derive(Debug, Clone, Default)]
pub struct Highlighter {
    /// Exact-form syllables to mark.
    pub exact: HashSet<String>,
    /// Folded-form syllables to mark.
    pub folded: HashSet<String>,
}

impl From<HighlightTerms> for Highlighter {
    fn from(terms: HighlightTerms) -> Self {
        Highlighter {
            exact: terms.exact,
            folded: terms.folded,
        }
    }
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

impl Highlighter {
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
        // Exact first: the folded pass then replays its syllables instead of segmenting again.
        let exact = analyze_with_offsets(text, AnalysisMode::Exact);
        let folded = analyze_with_offsets(text, AnalysisMode::Folded);
        // (token index, range, term, matched only once folded)
        let mut found: Vec<(usize, Range<usize>, String, bool)> = Vec::new();
        for (i, ((fold, range), (ex, _))) in folded.into_iter().zip(exact).enumerate() {
            if self.exact.contains(&ex) {
                found.push((i, range, ex, false));
            } else if self.folded.contains(&fold) {
                let folded_only = ex != fold;
                found.push((i, range, fold, folded_only));
            }
        }
        // Next to a match of another query syllable: "Việt Nam" is a run, "Nam năm" is not.
        let next_to_another = |k: usize| {
            let (i, _, term, _) = &found[k];
            let before = k.checked_sub(1).map(|p| &found[p]);
            let after = found.get(k + 1);
            before.is_some_and(|p| p.0 + 1 == *i && p.2 != *term)
                || after.is_some_and(|n| n.0 == i + 1 && n.2 != *term)
        };
        let keep: Vec<bool> = (0..found.len())
            .map(|k| !found[k].3 || next_to_another(k))
            .collect();
        let strict: Vec<(Range<usize>, String)> = found
            .iter()
            .zip(&keep)
            .filter(|(_, keep)| **keep)
            .map(|((_, range, term, _), _)| (range.clone(), term.clone()))
            .collect();
        if !strict.is_empty() {
            return strict;
        }
        found
            .into_iter()
            .map(|(_, range, term, _)| (range, term))
            .collect()
    }

    /// The whole text, escaped, with matches marked (for titles).
    pub fn highlight_all(&self, text: &str) -> String {
        let ranges: Vec<Range<usize>> = self.matches(text).into_iter().map(|(r, _)| r).collect();
        render(text, 0..text.len(), &ranges)
    }

    /// The best fragment of about `max_chars` characters, escaped, with matches marked.
    ///
    /// Only the first [`SNIPPET_SCAN_BYTES`] of `text` are analysed, so the cost does not grow with
    /// the body.
    pub fn snippet(&self, text: &str, max_chars: usize) -> String {
        let full_len = text.trim_end().len();
        let text = scan_prefix(text);
        let matches = self.matches(text);
        let window = best_window(text, &matches, max_chars.max(20));
        let ranges: Vec<Range<usize>> = matches
            .iter()
            .map(|(r, _)| r.clone())
            .filter(|r| r.start >= window.start && r.end <= window.end)
            .collect();
        let mut out = String::new();
        if window.start > 0 {
            out.push('…');
        }
        out.push_str(&render(text, window.clone(), &ranges));
        if window.end < full_len {
            out.push('…');
        }
        out
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

/// Starts of sentences (and paragraphs): where a fragment may begin.
fn sentence_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    let mut after_stop = false;
    for (i, c) in text.char_indices() {
        if after_stop && !c.is_whitespace() {
            starts.push(i);
            after_stop = false;
        }
        if matches!(c, '.' | '!' | '?' | '\n' | ';') {
            after_stop = true;
        } else if !c.is_whitespace() {
            after_stop = false;
        }
    }
    starts
}

/// End of a window of at most `max_chars` characters from `start`, cut at a word boundary.
fn window_end(text: &str, start: usize, max_chars: usize) -> usize {
    let rest = &text[start..];
    let Some((cut, _)) = rest.char_indices().nth(max_chars) else {
        return text.trim_end().len();
    };
    let slice = &rest[..cut];
    let end = slice
        .rfind(char::is_whitespace)
        .filter(|&i| i > cut / 2)
        .unwrap_or(cut);
    start + slice[..end].trim_end().len()
}

/// The sentence-aligned window holding the most distinct terms (then the most matches).
///
/// `matches` are in text order and do not overlap, so each window's matches are found by a binary
/// search and a short walk: the cost grows with the sentences, not sentences × matches.
fn best_window(text: &str, matches: &[(Range<usize>, String)], max_chars: usize) -> Range<usize> {
    let mut best = (0usize, 0usize, 0usize); // (distinct, total, start)
    // A window of `max_chars` characters spans at most 4 bytes a character.
    let reach = max_chars.saturating_mul(4);
    for start in sentence_starts(text) {
        let first = matches.partition_point(|(r, _)| r.start < start);
        // A window without a match never beats the first window: skip measuring it.
        match matches.get(first) {
            Some((r, _)) if r.start < start.saturating_add(reach) => {}
            _ => continue,
        }
        let end = window_end(text, start, max_chars);
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
    best.2..window_end(text, best.2, max_chars)
}

/// Escapes `text[window]` and wraps `ranges` in `<mark>`, merging marks split only by spaces.
fn render(text: &str, window: Range<usize>, ranges: &[Range<usize>]) -> String {
    let mut merged: Vec<Range<usize>> = Vec::new();
    for range in ranges {
        if let Some(last) = merged.last_mut()
            && text[last.end..range.start].chars().all(|c| c == ' ')
        {
            last.end = range.end;
            continue;
        }
        merged.push(range.clone());
    }
    let mut out = String::with_capacity(window.len() + merged.len() * 13);
    let mut at = window.start;
    for range in merged {
        escape_html(&text[at..range.start], &mut out);
        out.push_str("<mark>");
        escape_html(&text[range.clone()], &mut out);
        out.push_str("</mark>");
        at = range.end;
    }
    escape_html(&text[at..window.end], &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    // Seed 001, third paragraph.
    const SEED: &str = "Năm 2023, công tác NVNONN đã đạt được nhiều kết quả khả quan. Bên cạnh việc phối hợp chặt chẽ với Uỷ ban Nhà nước về NVNONN triển khai các chương trình, kế hoạch tại địa phương, Ban đã chủ trì tham mưu UBND tỉnh.";

    #[test]
    fn unmarked_query_marks_the_original_diacritic_text() {
        let mut h = Highlighter::default();
        for t in ["uy", "ban", "nha", "nuoc"] {
            h.folded.insert(t.into());
        }
        let s = h.snippet(SEED, 120);
        assert!(s.contains("<mark>Uỷ ban Nhà nước</mark>"), "{s}");
        assert!(
            s.starts_with('…'),
            "the window starts at the sentence with the matches: {s}"
        );
    }

    #[test]
    fn lone_folded_matches_are_not_marked_beside_a_full_run() {
        let mut h = Highlighter::default();
        for t in ["nguoi", "viet", "nam"] {
            h.folded.insert(t.into());
        }
        let s = h.highlight_all("Công tác người Việt Nam năm 2023 tại Quảng Nam");
        assert_eq!(
            s,
            "Công tác <mark>người Việt Nam</mark> năm 2023 tại Quảng <mark>Nam</mark>"
        );
        // With nothing better in the text, a lone folded match is still shown.
        let mut single = Highlighter::default();
        single.folded.insert("nuoc".into());
        assert_eq!(
            single.highlight_all("Kiều bào ở nước ngoài"),
            "Kiều bào ở <mark>nước</mark> ngoài"
        );
    }

    #[test]
    fn budget_is_in_characters_not_bytes() {
        let h = Highlighter::default();
        let s = h.snippet(SEED, 60);
        let chars = s.chars().count();
        assert!((40..=61).contains(&chars), "{chars}: {s}");
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
        assert!(s.contains("<mark>Kiều bào</mark> đóng góp"), "{s}");
        assert!(s.ends_with('…'));
        // Past the bound, a match is not looked for: the cost stays that of the first 64 KB.
        let late = format!(
            "{}Kiều bào ở nước ngoài.",
            filler.repeat(3 * SNIPPET_SCAN_BYTES / filler.len())
        );
        let s = h.snippet(&late, 120);
        assert!(!s.contains("<mark>"), "{s}");
        assert!(s.starts_with("Tỉnh Quảng Nam"), "{s}");
    }

    #[test]
    fn marked_query_terms_match_only_that_word() {
        let mut h = Highlighter::default();
        h.exact.insert("nhà".into());
        let s = h.highlight_all("Nhà nước và nhà ở, không phải nhá");
        assert_eq!(
            s,
            "<mark>Nhà</mark> nước và <mark>nhà</mark> ở, không phải nhá"
        );
    }
}
