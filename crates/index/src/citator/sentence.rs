//! The sentence around a citation, for the citator's list of citing articles.
//!
//! A minimal, private splitter behind one call site ([`sentence_around`]): a sentence ends at a
//! line break, a semicolon, or `. ! ? …` followed by a space and a capital, digit or quote,
//! except after a short capitalised abbreviation ("TP.", "TS.", "PGS."). It is meant to give way
//! to the crate's shared Vietnamese sentence splitter once there is one.

use std::ops::Range;

/// The longest sentence shown whole, in characters; a longer one is cut around the citation.
const MAX_CHARS: usize = 400;
/// How far to look for a sentence's ends on either side of the citation, in bytes.
const REACH: usize = 2_000;

/// The sentence of `text` holding `span`, trimmed, cut around the span with "…" when long.
pub(super) fn sentence_around(text: &str, span: Range<usize>) -> String {
    let lower = floor_boundary(text, span.start.saturating_sub(REACH));
    let upper = ceil_boundary(text, span.end.saturating_add(REACH).min(text.len()));
    let start = text[lower..span.start]
        .char_indices()
        .filter(|&(at, _)| ends_sentence(text, lower + at))
        .map(|(at, c)| lower + at + c.len_utf8())
        .next_back()
        .unwrap_or(lower);
    let end = text[span.end..upper]
        .char_indices()
        .find(|&(at, _)| ends_sentence(text, span.end + at))
        .map_or(upper, |(at, c)| span.end + at + c.len_utf8());
    let sentence = &text[start..end];
    let shift = start + (sentence.len() - sentence.trim_start().len());
    let sentence = sentence.trim();
    shorten(
        sentence,
        span.start.saturating_sub(shift)..span.end.saturating_sub(shift),
    )
}

/// Whether the character at byte `at` ends a sentence.
fn ends_sentence(text: &str, at: usize) -> bool {
    let Some(c) = text[at..].chars().next() else {
        return false;
    };
    match c {
        '\n' | ';' => true,
        '.' | '!' | '?' | '…' => {
            let after = &text[at + c.len_utf8()..];
            let next = after.trim_start_matches([' ', '\t', '\u{a0}']);
            let spaced = next.len() < after.len();
            let opens = next
                .chars()
                .next()
                .is_none_or(|n| n.is_uppercase() || n.is_ascii_digit() || "\"“'(".contains(n));
            spaced && opens && !(c == '.' && after_abbreviation(&text[..at]))
        }
        _ => false,
    }
}

/// "TP.", "TS.", "PGS.", "Th.S.": a word of at most four letters, mostly capitals, before the dot
/// ("Huế." and "Bộ." end sentences).
fn after_abbreviation(before: &str) -> bool {
    let word: Vec<char> = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic() || *c == '.')
        .filter(|c| c.is_alphabetic())
        .collect();
    let upper = word.iter().filter(|c| c.is_uppercase()).count();
    (1..=4).contains(&word.len()) && upper * 2 > word.len()
}

/// A sentence over [`MAX_CHARS`] is cut to a window around `span`, at spaces, with "…".
fn shorten(sentence: &str, span: Range<usize>) -> String {
    if sentence.chars().count() <= MAX_CHARS {
        return sentence.to_string();
    }
    let half = MAX_CHARS / 2;
    let before: Vec<(usize, char)> = sentence[..span.start.min(sentence.len())]
        .char_indices()
        .collect();
    let from = before.len().checked_sub(half).map_or(0, |at| before[at].0);
    let from = if from == 0 {
        0
    } else {
        sentence[from..].find(' ').map_or(from, |s| from + s + 1)
    };
    let to = sentence[from..]
        .char_indices()
        .nth(MAX_CHARS)
        .map_or(sentence.len(), |(at, _)| from + at);
    let to = if to == sentence.len() {
        to
    } else {
        sentence[..to]
            .rfind(' ')
            .filter(|&s| s > span.end)
            .unwrap_or(to)
    };
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    out.push_str(sentence[from..to].trim());
    if to < sentence.len() {
        out.push('…');
    }
    out
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn around(text: &str, needle: &str) -> String {
        let at = text
            .find(needle)
            .unwrap_or_else(|| panic!("{needle} in text"));
        sentence_around(text, at..at + needle.len())
    }

    #[test]
    fn the_citing_sentence_of_a_real_article() {
        // Seed 002.
        let text = "Tham dự hội nghị có lãnh đạo các sở, ngành. Hội nghị đã đánh giá kết quả 20 năm thực hiện \
                    Nghị quyết số 36-NQ/TW của Bộ Chính trị về công tác người Việt Nam ở nước ngoài. Sau đó, \
                    các đại biểu thảo luận.";
        assert_eq!(
            around(text, "Nghị quyết số 36-NQ/TW"),
            "Hội nghị đã đánh giá kết quả 20 năm thực hiện Nghị quyết số 36-NQ/TW của Bộ Chính trị \
             về công tác người Việt Nam ở nước ngoài."
        );
    }

    #[test]
    fn abbreviations_and_dates_do_not_end_a_sentence() {
        let text = "Sở Ngoại vụ TP. Đà Nẵng và PGS. TS. Nguyễn Văn A trao đổi về Kết luận số 12-KL/TW ngày 12/8/2021. \
                    Buổi làm việc kết thúc lúc 11 giờ.";
        assert_eq!(
            around(text, "Kết luận số 12-KL/TW"),
            "Sở Ngoại vụ TP. Đà Nẵng và PGS. TS. Nguyễn Văn A trao đổi về Kết luận số 12-KL/TW ngày 12/8/2021."
        );
    }

    #[test]
    fn list_items_and_lines_are_sentences() {
        let text = "Căn cứ Luật Tổ chức chính quyền địa phương;\nCăn cứ Nghị định số 15/2020/NĐ-CP ngày 03/02/2020 \
                    của Chính phủ;\nXét đề nghị của Giám đốc Sở";
        assert_eq!(
            around(text, "Nghị định số 15/2020/NĐ-CP"),
            "Căn cứ Nghị định số 15/2020/NĐ-CP ngày 03/02/2020 của Chính phủ;"
        );
    }

    #[test]
    fn a_long_sentence_is_cut_around_the_citation() {
        let filler = "các cơ quan, đơn vị tiếp tục triển khai nhiệm vụ ".repeat(12);
        let text =
            format!("Theo đó, {filler}theo Nghị quyết số 36-NQ/TW của Bộ Chính trị, {filler}.");
        let got = around(&text, "Nghị quyết số 36-NQ/TW");
        assert!(got.contains("Nghị quyết số 36-NQ/TW"), "{got}");
        assert!(got.starts_with('…') && got.ends_with('…'), "{got}");
        assert!(
            got.chars().count() <= MAX_CHARS + 2,
            "{}",
            got.chars().count()
        );
    }
}
