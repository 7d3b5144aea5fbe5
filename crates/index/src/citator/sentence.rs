//! The sentence around a citation, for the citator's list of citing articles: the crate's one
//! sentence splitter ([`crate::text::sentences`]) finds it, reading only around the citation;
//! a very long one is cut around the citation with "…".

use std::ops::Range;

use crate::text::sentences;

/// The longest sentence shown whole, in characters; a longer one is cut around the citation.
const MAX_CHARS: usize = 400;

/// The sentence of `text` holding `span`, trimmed, cut around the span with "…" when long.
pub(super) fn sentence_around(text: &str, span: Range<usize>) -> String {
    let first = sentences::sentence_around(text, span.start);
    // A citation is never cut by a sentence end; should the splitter say otherwise, the
    // sentence runs on to the one holding the citation's last byte.
    let end = if first.end < span.end {
        sentences::sentence_around(text, span.end.saturating_sub(1)).end
    } else {
        first.end
    };
    let start = first.start.min(span.start);
    shorten(
        &text[start..end],
        span.start - start..span.end.min(end) - start,
    )
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
