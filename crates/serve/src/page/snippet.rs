//! Snippet sentences that link to the exact sentence at the source, with URL text fragments.
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

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::highlight::Span;

/// Characters a text directive value may hold unencoded (RFC 3986 unreserved, less `-`).
const TEXT_DIRECTIVE: &AsciiSet = &NON_ALPHANUMERIC.remove(b'.').remove(b'_').remove(b'~');

/// Sentences with more words than this link by their first and last words only.
const MAX_WORDS_WHOLE: usize = 10;
/// Words taken from each end of a long sentence.
const EDGE_WORDS: usize = 4;

/// Abbreviations that end in a period without ending a sentence ("TP. Hồ Chí Minh", "TS. Lê").
const ABBREVIATIONS: [&str; 14] = [
    "TP", "Tp", "TS", "ThS", "GS", "PGS", "BS", "KS", "TT", "Q", "P", "TX", "Th", "St",
];

/// Splits highlighted spans into sentences, each still a list of spans.
pub fn sentences(spans: &[Span]) -> Vec<Vec<Span>> {
    let plain: String = spans.iter().map(|s| s.text.as_str()).collect();
    let cuts = sentence_starts(&plain);
    let mut out: Vec<Vec<Span>> = vec![Vec::new()];
    let mut offset = 0usize;
    let mut next_cut = cuts.iter().peekable();
    for span in spans {
        let mut start = 0usize;
        let end = span.text.len();
        while let Some(&&cut) = next_cut.peek() {
            if cut >= offset + end {
                break;
            }
            let local = cut - offset;
            if local > start {
                push_span(&mut out, &span.text[start..local], span.marked);
            }
            out.push(Vec::new());
            start = local;
            next_cut.next();
        }
        if start < end {
            push_span(&mut out, &span.text[start..], span.marked);
        }
        offset += end;
    }
    out.retain(|s| s.iter().any(|span| !span.text.trim().is_empty()));
    out
}

fn push_span(out: &mut [Vec<Span>], text: &str, marked: bool) {
    if let Some(current) = out.last_mut() {
        current.push(Span {
            text: text.to_string(),
            marked,
        });
    }
}

/// Byte offsets where a new sentence begins: after `.`, `!`, `?` or `…` and spaces, before an
/// upper-case letter, a digit or an opening quote.
fn sentence_starts(text: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (i, &(at, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() && chars[j].1.is_whitespace() {
            j += 1;
        }
        if j == i + 1 || j >= chars.len() {
            continue;
        }
        let next = chars[j].1;
        if !(next.is_uppercase()
            || next.is_ascii_digit()
            || matches!(next, '"' | '“' | '(' | '-' | '–'))
        {
            continue;
        }
        if c == '.' {
            let word_start = text[..at].rfind(char::is_whitespace).map_or(0, |w| w + 1);
            let word = text[word_start..at].trim_start_matches(['(', '"', '“']);
            if ABBREVIATIONS.contains(&word) {
                continue;
            }
        }
        starts.push(chars[j].0);
    }
    starts
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
    use crate::highlight::parse_highlighted;

    fn texts(html: &str) -> Vec<String> {
        sentences(&parse_highlighted(html))
            .iter()
            .map(|s| s.iter().map(|p| p.text.as_str()).collect())
            .collect()
    }

    #[test]
    fn splits_at_sentence_ends_but_not_abbreviations() {
        let got = texts(
            "Kiều bào tại TP. Hồ Chí Minh đã đóng góp lớn. <mark>Người</mark> Việt Nam ở nước ngoài là nguồn lực! \
             Năm 2021 có 5,3 triệu người.",
        );
        assert_eq!(
            got,
            vec![
                "Kiều bào tại TP. Hồ Chí Minh đã đóng góp lớn. ",
                "Người Việt Nam ở nước ngoài là nguồn lực! ",
                "Năm 2021 có 5,3 triệu người.",
            ]
        );
    }

    #[test]
    fn marks_survive_the_split() {
        let parts = sentences(&parse_highlighted("Một câu. Hai <mark>nước</mark> ngoài."));
        assert_eq!(parts.len(), 2);
        assert!(parts[1].iter().any(|s| s.marked && s.text == "nước"));
        assert!(!parts[0].iter().any(|s| s.marked));
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
