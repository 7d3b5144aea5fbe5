//! Snippet sentences that link to the exact sentence at the source, with URL text fragments.
//!
//! The engine gives the snippet as data ([`Highlighted`]: text, marked ranges, sentences from its
//! one splitter); this module renders it, and never splits sentences itself.
//!
//! A journalist wants to quote one sentence and show where it came from. Each sentence of a
//! snippet becomes a link to the source page ending in `#:~:text=…` ([URL Fragment Text
//! Directives](https://wicg.github.io/scroll-to-text-fragment/)), so the browser scrolls to that
//! sentence and highlights it. Long sentences use the `start,end` form to keep URLs short. The
//! directive's values are percent-encoded, including `-`, `,` and `&`, which the syntax reserves.
//!
//! ```
//! use tracuu_serve::page::snippet::text_fragment_url;
//! let url = text_fragment_url("https://quangnam.gov.vn/a.html#top", "Kiều bào là cầu nối.");
//! assert_eq!(url, "https://quangnam.gov.vn/a.html#:~:text=Ki%E1%BB%81u%20b%C3%A0o%20l%C3%A0%20c%E1%BA%A7u%20n%E1%BB%91i.");
//! ```

use maud::{Markup, html};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use tracuu_index::search::Highlighted;

/// Characters a text directive value may hold unencoded (RFC 3986 unreserved, less `-`).
const TEXT_DIRECTIVE: &AsciiSet = &NON_ALPHANUMERIC.remove(b'.').remove(b'_').remove(b'~');

/// Sentences with more words than this link by their first and last words only.
const MAX_WORDS_WHOLE: usize = 10;
/// Words taken from each end of a long sentence.
const EDGE_WORDS: usize = 4;

/// `text[range]` of a highlighted text, matches in `<mark>`.
pub fn marked(highlighted: &Highlighted, range: std::ops::Range<usize>) -> Markup {
    html! {
        @for (piece, is_mark) in highlighted.parts(range) {
            @if is_mark { mark { (piece) } } @else { (piece) }
        }
    }
}

/// A snippet as the page shows it: "…" where it was cut, each sentence a link to itself at the
/// source when the source is a web page (`url`), matches in `<mark>`.
pub fn linked_sentences(snippet: &Highlighted, url: Option<&str>) -> Markup {
    html! {
        @if snippet.cut_before { "… " }
        @for range in &snippet.sentences {
            @let text = &snippet.text[range.clone()];
            @if let Some(url) = url {
                a.sentence href=(text_fragment_url(url, text)) title="Mở đúng câu này ở trang gốc" {
                    (marked(snippet, range.clone()))
                }
            } @else {
                (marked(snippet, range.clone()))
            }
            " "
        }
        @if snippet.cut_after { "…" }
    }
}

/// The sentence of a snippet a citation quotes: the whole one with the most matches (the last
/// sentence of a snippet cut short is not whole); `None` when nothing matched.
pub fn cited_sentence(snippet: &Highlighted) -> Option<&str> {
    let count = snippet.sentences.len();
    snippet
        .sentences
        .iter()
        .enumerate()
        .filter(|(i, _)| !(snippet.cut_after && i + 1 == count))
        .map(|(_, range)| {
            let marks = snippet
                .marks
                .iter()
                .filter(|m| m.start >= range.start && m.end <= range.end)
                .count();
            (marks, range)
        })
        .filter(|(marks, _)| *marks > 0)
        .max_by_key(|(marks, range)| (*marks, std::cmp::Reverse(range.start)))
        .and_then(|(_, range)| snippet.text.get(range.clone()))
}

/// The source URL (any fragment dropped) with a text directive that finds `sentence` there.
pub fn text_fragment_url(url: &str, sentence: &str) -> String {
    let base = url.split('#').next().unwrap_or(url);
    let words: Vec<&str> = sentence
        .split_whitespace()
        .map(|w| w.trim_matches(|c| c == '…'))
        .filter(|w| !w.is_empty() && *w != "..." && *w != "…")
        .collect();
    if words.is_empty() {
        return base.to_string();
    }
    let encode = |ws: &[&str]| utf8_percent_encode(&ws.join(" "), TEXT_DIRECTIVE).to_string();
    let directive = if words.len() <= MAX_WORDS_WHOLE {
        encode(&words)
    } else {
        format!(
            "{},{}",
            encode(&words[..EDGE_WORDS]),
            encode(&words[words.len() - EDGE_WORDS..])
        )
    };
    format!("{base}#:~:text={directive}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snippet(text: &str, marked_words: &[&str]) -> Highlighted {
        let mut marks: Vec<std::ops::Range<usize>> = marked_words
            .iter()
            .flat_map(|w| text.match_indices(w).map(|(at, _)| at..at + w.len()))
            .collect();
        marks.sort_by_key(|m| m.start);
        Highlighted::new(text, marks)
    }

    #[test]
    fn each_sentence_links_to_itself_and_keeps_its_marks() {
        // The splitter is the engine's: "TP." does not end the first sentence.
        let s = snippet(
            "Kiều bào tại TP. Hồ Chí Minh đã đóng góp lớn. Người Việt Nam ở nước ngoài là nguồn lực!",
            &["nước ngoài"],
        );
        let html = linked_sentences(&s, Some("https://a.vn/b")).into_string();
        assert_eq!(html.matches("<a class=\"sentence\"").count(), 2, "{html}");
        assert!(
            html.contains("#:~:text=Ki%E1%BB%81u%20b%C3%A0o%20t%E1%BA%A1i%20TP.,"),
            "{html}"
        );
        assert!(html.contains("ở <mark>nước ngoài</mark> là"), "{html}");
        let plain = linked_sentences(&s, None).into_string();
        assert!(!plain.contains("<a"), "{plain}");
    }

    #[test]
    fn the_cited_sentence_is_the_whole_one_with_the_most_matches() {
        let mut s = snippet(
            "Tỉnh có kiều bào. Kiều bào ở nước ngoài đóng góp. Kiều bào ở nước ngoài và kiều bào",
            &["Kiều bào", "kiều bào", "nước ngoài"],
        );
        assert_eq!(
            cited_sentence(&s),
            Some("Kiều bào ở nước ngoài và kiều bào")
        );
        // Cut short, the last sentence is not whole: the next best is quoted.
        s.cut_after = true;
        assert_eq!(cited_sentence(&s), Some("Kiều bào ở nước ngoài đóng góp."));
        assert_eq!(cited_sentence(&snippet("Không có gì.", &[])), None);
    }

    #[test]
    fn long_sentences_link_by_their_ends_and_reserved_characters_are_encoded() {
        let url = text_fragment_url(
            "https://baochinhphu.vn/x.htm",
            "… thực hiện Nghị quyết số 36-NQ/TW của Bộ Chính trị về công tác đối với người Việt Nam ở nước ngoài, đạt kết quả",
        );
        assert_eq!(
            url,
            "https://baochinhphu.vn/x.htm#:~:text=th%E1%BB%B1c%20hi%E1%BB%87n%20Ngh%E1%BB%8B%20quy%E1%BA%BFt,\
             ngo%C3%A0i%2C%20%C4%91%E1%BA%A1t%20k%E1%BA%BFt%20qu%E1%BA%A3"
        );
        let short = text_fragment_url("https://a.vn/b", "36-NQ/TW, 2004");
        assert_eq!(short, "https://a.vn/b#:~:text=36%2DNQ%2FTW%2C%202004");
    }
}
