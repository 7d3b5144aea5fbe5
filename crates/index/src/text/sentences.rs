//! Sentences of Vietnamese news text: the one splitter that snippets, highlights, the quote
//! finder and the citator all use.
//!
//! A sentence ends at a line break, or after `.`, `!`, `?` or `…` (and any closing quotes or
//! brackets after them) followed by a space and something that can start a sentence: a capital
//! letter, a digit, an opening quote or bracket, a dash or bullet. A period does not end a
//! sentence after
//! - a title, degree or place word written short: `TP. Hồ Chí Minh`, `TS. Cấn Văn Lực`,
//!   `PGS.TS. Huỳnh Văn Chương`, `ThS. Lê`, `Q. Hoàn Kiếm` ([`ABBREVIATIONS`]);
//! - an initial: `anh N.V.Đ. cho biết`, `Trần V. Nam`;
//! - a list number at the start of a line or sentence: `1. Tăng cường…`, `II. Nhiệm vụ`,
//!   `a. Mục tiêu`, `Điều 5. Hiệu lực thi hành`.
//!
//! Periods inside a word never end anything (`TP.HCM`, `Th.S`, `3.5`, `1.000`, `www.quangnam.gov.vn`),
//! nor does a `!`/`?`/`…` followed by a lower-case word (`“Tuyệt vời!” anh nói`), nor a dash that
//! introduces the speaker (`“…!” – ông nói`). Semicolons do not end sentences (lists of clauses
//! in government text are one sentence); the engine's word rule is stricter (a word never spans
//! `;`), so every boundary here is also a place no word crosses.
//!
//! Ranges are byte ranges of the text given, trimmed of surrounding spaces, in order.
//!
//! ```
//! use tracuu_index::text::sentences::{sentence_around, sentences};
//! let text = "Đại diện TP. Hồ Chí Minh, PGS.TS. Huỳnh Văn Chương phát biểu. Năm 2021 đạt 3.5 tỷ đồng!";
//! let got: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
//! assert_eq!(got, ["Đại diện TP. Hồ Chí Minh, PGS.TS. Huỳnh Văn Chương phát biểu.", "Năm 2021 đạt 3.5 tỷ đồng!"]);
//! // The sentence holding one byte, found without reading the rest of the text.
//! let at = text.find("3.5").unwrap();
//! assert_eq!(&text[sentence_around(text, at)], "Năm 2021 đạt 3.5 tỷ đồng!");
//! ```

use std::ops::Range;

/// Words written with a period that does not end a sentence, as written (case matters: `tr.`
/// is a page, `Tr.` too, but `Ông.` ends one). Compound titles are split at their periods and
/// each part looked up (`PGS.TS`, `GS.TSKH`, `Th.S`, `TS.BS`).
///
/// Sources: the administrative units of Nghị định 30/2020/NĐ-CP's appendix (TP thành phố, TX thị
/// xã, TT thị trấn, Q quận, P phường, H huyện, X xã), academic titles and degrees (Luật Giáo dục
/// đại học: GS, PGS, TS, TSKH, ThS; CN cử nhân, KS kỹ sư, KTS kiến trúc sư, BS bác sĩ and its
/// specialist grades, DS dược sĩ, LS luật sư, NCS nghiên cứu sinh), state honours (NSND, NSƯT,
/// NGND, NGƯT), bibliographic words (Nxb nhà xuất bản, tr trang) and the English titles news
/// copies (`Mr.`, `Dr.`), all as seen in the shared news.
pub const ABBREVIATIONS: &[&str] = &[
    "TP", "Tp", "TX", "Tx", "TT", "GS", "PGS", "TS", "Ts", "TSKH", "ThS", "Ths", "Th", "CN", "KS",
    "KTS", "BS", "Bs", "BSCKI", "BSCKII", "CKI", "CKII", "BSNT", "DS", "LS", "Ls", "NCS", "NSND",
    "NSƯT", "NGND", "NGƯT", "Nxb", "NXB", "Tr", "tr", "St", "Mr", "Mrs", "Ms", "Dr", "Prof",
];

/// Words that number a part of a legal text before its number (`Điều 5. Hiệu lực`).
const PART_WORDS: &[&str] = &["Điều", "Khoản", "Mục", "Chương", "Phần", "Bước", "Phụ lục"];

/// How far [`sentence_around`] looks either way before it cuts a sentence at a space.
pub const MAX_SENTENCE_BYTES: usize = 4096;

/// Characters that end a sentence when what follows allows it.
fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// Closing quotes and brackets that belong to the sentence they follow (`…đã nói.”`).
fn is_closer(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '\'' | ')' | ']' | '»')
}

/// Line and paragraph breaks: a sentence never spans one.
fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// Spaces within a line.
fn is_space(c: char) -> bool {
    c.is_whitespace() && !is_line_break(c)
}

/// The sentences of `text`, as byte ranges, in order.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    Sentences::new(text).collect()
}

/// An iterator over the sentences of a text (see [`sentences`]).
#[derive(Debug, Clone)]
pub struct Sentences<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Sentences<'a> {
    /// The sentences of `text`, from its start.
    pub fn new(text: &'a str) -> Self {
        Sentences { text, at: 0 }
    }
}

impl Iterator for Sentences<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        let start = skip_whitespace(self.text, self.at);
        if start >= self.text.len() {
            self.at = self.text.len();
            return None;
        }
        let end = sentence_end(self.text, start, usize::MAX);
        self.at = if end > start { end } else { self.text.len() };
        Some(start..end)
    }
}

/// The sentence holding byte `at` of `text` (the next one when `at` is between two), found by
/// reading at most [`MAX_SENTENCE_BYTES`] either way: its cost is the sentence's, not the text's.
/// A sentence longer than that is cut at a space.
pub fn sentence_around(text: &str, at: usize) -> Range<usize> {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let start = sentence_start_before(text, at);
    let start = skip_whitespace(text, start);
    let end = sentence_end(text, start, MAX_SENTENCE_BYTES);
    if end <= at && at < text.len() && start < end {
        // `at` is in the spaces after a sentence: the next one.
        let next = skip_whitespace(text, end);
        return next..sentence_end(text, next, MAX_SENTENCE_BYTES);
    }
    start..end
}

fn skip_whitespace(text: &str, from: usize) -> usize {
    text[from..]
        .char_indices()
        .find(|(_, c)| !c.is_whitespace())
        .map_or(text.len(), |(i, _)| from + i)
}

/// Where the sentence starting at `start` ends (trimmed), reading at most `limit` bytes.
fn sentence_end(text: &str, start: usize, limit: usize) -> usize {
    let trimmed = |end: usize| start + text[start..end].trim_end().len();
    let bytes = text.as_bytes();
    let mut i = start;
    while i < text.len() {
        if limit == usize::MAX {
            // Without a limit only terminators and line breaks matter: jump to the next byte
            // that can start one (a lead or ASCII byte, so `i` stays on a character).
            match bytes[i..].iter().position(|&b| may_end(b)) {
                Some(skip) => i += skip,
                None => break,
            }
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        if i - start > limit && is_space(c) {
            return trimmed(i);
        }
        if is_line_break(c) {
            return trimmed(i);
        }
        let mut after = i + c.len_utf8();
        if !is_terminator(c) {
            i = after;
            continue;
        }
        // The whole run of terminators and closers: `?!`, `...`, `.”`, `!)`.
        while let Some(next) = text[after..].chars().next() {
            if !(is_terminator(next) || is_closer(next)) {
                break;
            }
            after += next.len_utf8();
        }
        if ends_sentence(text, i, after) {
            return trimmed(after);
        }
        i = after;
    }
    trimmed(text.len())
}

/// Whether byte `b` can start a terminator or a line break: ASCII `.!?` and breaks, or the
/// first byte of `…`, U+0085, U+2028 and U+2029.
fn may_end(b: u8) -> bool {
    matches!(
        b,
        b'.' | b'!' | b'?' | b'\n' | b'\r' | 0x0B | 0x0C | 0xC2 | 0xE2
    )
}

/// Where the sentence holding byte `at` starts, looking back at most [`MAX_SENTENCE_BYTES`].
fn sentence_start_before(text: &str, at: usize) -> usize {
    let floor = at.saturating_sub(MAX_SENTENCE_BYTES);
    let mut previous_was_space = false;
    for (i, c) in text[..at].char_indices().rev() {
        if is_line_break(c) {
            return i + c.len_utf8();
        }
        if i < floor && c.is_whitespace() {
            return i + c.len_utf8();
        }
        if c.is_whitespace() {
            previous_was_space = true;
            continue;
        }
        if previous_was_space
            && (is_terminator(c) || is_closer(c))
            && let Some(run_start) = terminator_run_ending_at(text, i + c.len_utf8())
            && ends_sentence(text, run_start, i + c.len_utf8())
        {
            return i + c.len_utf8();
        }
        previous_was_space = false;
    }
    0
}

/// The start of the run of terminators and closers that ends at `end`, if it holds a terminator
/// (closers run back to the terminator: `.”` yes, `”` alone no).
fn terminator_run_ending_at(text: &str, end: usize) -> Option<usize> {
    let mut start = end;
    let mut has_terminator = false;
    for (i, c) in text[..end].char_indices().rev() {
        if is_terminator(c) {
            has_terminator = true;
        } else if !is_closer(c) {
            break;
        }
        start = i;
    }
    if !has_terminator {
        return None;
    }
    // The run starts at its first terminator: closers before it belong to the word.
    let first = text[start..end].find(is_terminator)?;
    Some(start + first)
}

/// Whether the run of terminators `text[run_start..after]` ends the sentence.
fn ends_sentence(text: &str, run_start: usize, after: usize) -> bool {
    let rest = &text[after..];
    let mut rest_chars = rest.chars();
    match rest_chars.next() {
        None => return true,
        Some(c) if !c.is_whitespace() => return false,
        Some(_) => {}
    }
    let next_at = rest.find(|c: char| !is_space(c));
    let Some(next_at) = next_at else {
        return true;
    };
    let mut next = rest[next_at..].chars();
    let Some(first) = next.next() else {
        return true;
    };
    if is_line_break(first) {
        return true;
    }
    if !can_start_sentence(first, &rest[next_at + first.len_utf8()..]) {
        return false;
    }
    let run = &text[run_start..after];
    let single_period = run.starts_with('.') && !run[1..].starts_with(['.', '…']);
    if single_period && period_is_part_of_word(text, run_start) {
        return false;
    }
    true
}

/// Whether `first` (followed by `then`) can begin a sentence.
fn can_start_sentence(first: char, then: &str) -> bool {
    if first.is_uppercase() || first.is_ascii_digit() {
        return true;
    }
    match first {
        '"' | '“' | '‘' | '\'' | '(' | '[' | '«' | '•' | '+' | '*' => true,
        // A dash starts a list item or a line of dialogue, unless it brings in who spoke:
        // "“Tuyệt vời!” – anh nói."
        '-' | '–' | '—' => {
            let after: String = then.trim_start().chars().take(1).collect();
            !after.chars().next().is_some_and(char::is_lowercase)
        }
        _ => false,
    }
}

/// Whether the period at `period` closes an abbreviation, an initial or a list number rather than
/// a sentence.
fn period_is_part_of_word(text: &str, period: usize) -> bool {
    let (word_start, word) = word_before(text, period);
    if word.is_empty() {
        return false;
    }
    if is_abbreviation(word) {
        return true;
    }
    is_list_number(word) && starts_a_line_or_sentence(text, word_start)
}

/// The token just before byte `end` (back to a space, at most 32 bytes), without opening
/// brackets or quotes, with its start.
fn word_before(text: &str, end: usize) -> (usize, &str) {
    let floor = end.saturating_sub(32);
    let mut start = end;
    for (i, c) in text[..end].char_indices().rev() {
        if c.is_whitespace() || i < floor {
            break;
        }
        start = i;
    }
    let word = &text[start..end];
    let trimmed = word.trim_start_matches(['(', '[', '"', '“', '‘', '\'', '«']);
    (end - trimmed.len(), trimmed)
}

/// `TP`, `PGS.TS`, `Th.S`, `N.V.Đ`: every part a known abbreviation or a single capital.
fn is_abbreviation(word: &str) -> bool {
    word.split('.').all(|part| {
        let mut chars = part.chars();
        let single_capital =
            matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
        single_capital || ABBREVIATIONS.contains(&part)
    })
}

/// `1`, `12`, `1.2` (sections), `IV` (roman), `a`, `đ` (lettered items).
fn is_list_number(word: &str) -> bool {
    let arabic = word
        .split('.')
        .all(|p| (1..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()));
    let roman = word.len() <= 5 && word.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L'));
    let mut chars = word.chars();
    let letter = matches!((chars.next(), chars.next()), (Some(c), None) if c.is_lowercase());
    arabic || roman || letter
}

/// Whether `text[at..]` starts a line or follows a sentence end or a colon, perhaps after a word
/// that numbers a part (`Điều 5`).
fn starts_a_line_or_sentence(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches(is_space);
    let after_break = |s: &str| {
        s.is_empty() || s.ends_with(is_line_break) || s.ends_with(['.', '!', '?', '…', ':', ';'])
    };
    if after_break(before) {
        return true;
    }
    PART_WORDS.iter().any(|part| {
        before
            .strip_suffix(part)
            .is_some_and(|b| after_break(b.trim_end_matches(is_space)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    /// Every sentence found forwards is found again from any of its bytes.
    fn assert_around_agrees(text: &str) {
        for range in sentences(text) {
            for at in [range.start, (range.start + range.end) / 2, range.end - 1] {
                let mut at = at;
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                assert_eq!(
                    &text[sentence_around(text, at)],
                    &text[range.clone()],
                    "at byte {at}"
                );
            }
        }
    }

    #[test]
    fn seed_sentences_split_at_full_stops() {
        // Seed 000, second paragraph.
        let text = "Chiều ngày 22/02/2021, Ban về người Việt Nam ở  nước ngoài tỉnh Quảng Nam tổ chức cuộc họp tổng kết hoạt động năm 2020 và đề ra phương hướng, nhiệm vụ trọng tâm năm 2021. Đồng chí Trần Văn Tân, Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch UBND tỉnh, Trưởng Ban về Người Việt Nam ở nước ngoài (NVNONN) tỉnh chủ trì cuộc họp. Cùng tham dự có các thành viên của Ban về NVNONN tỉnh. ";
        let got = split(text);
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(got[0].ends_with("năm 2021."));
        assert!(got[1].starts_with("Đồng chí Trần Văn Tân"));
        assert_eq!(
            got[2],
            "Cùng tham dự có các thành viên của Ban về NVNONN tỉnh."
        );
        assert_around_agrees(text);
    }

    #[test]
    fn titles_and_places_written_short_do_not_end_a_sentence() {
        // Shared news (dantri): titles before names.
        let text = "Trước việc thoái vốn khỏi các công ty tài chính, TS. Cấn Văn Lực, Chuyên gia kinh tế trưởng BIDV cho biết như vậy. Phát biểu tại lễ công bố quyết định, PGS.TS. Huỳnh Văn Chương, Bí thư Đảng ủy nhấn mạnh vai trò của trường. Khách mời là PGS. TS Nguyễn Hữu Tú và ThS. Lê Thị Hoa tại TP. Hồ Chí Minh.";
        assert_eq!(
            split(text),
            [
                "Trước việc thoái vốn khỏi các công ty tài chính, TS. Cấn Văn Lực, Chuyên gia kinh tế trưởng BIDV cho biết như vậy.",
                "Phát biểu tại lễ công bố quyết định, PGS.TS. Huỳnh Văn Chương, Bí thư Đảng ủy nhấn mạnh vai trò của trường.",
                "Khách mời là PGS. TS Nguyễn Hữu Tú và ThS. Lê Thị Hoa tại TP. Hồ Chí Minh.",
            ]
        );
        assert_around_agrees(text);
    }

    #[test]
    fn initials_and_words_with_inner_periods_stay_whole() {
        let text = "Chị N.V.Đ. cho biết đã nộp 1.000 hồ sơ qua www.quangnam.gov.vn và Th.S Nguyễn Văn A nhận tại TP.HCM. Tỷ lệ đạt 3.5%.";
        assert_eq!(
            split(text),
            [
                "Chị N.V.Đ. cho biết đã nộp 1.000 hồ sơ qua www.quangnam.gov.vn và Th.S Nguyễn Văn A nhận tại TP.HCM.",
                "Tỷ lệ đạt 3.5%.",
            ]
        );
    }

    #[test]
    fn numbered_lists_keep_their_numbers() {
        // Seed 003's list, and the headings of a legal text.
        let text = "Đồng chí nhấn mạnh một số vấn đề như sau:\n1. Tích cực triển khai Chương trình hành động thực hiện Chỉ thị số 38-CT/TW. Chỉ đạo các Hội hữu nghị hoạt động có hiệu quả.\nII. Nhiệm vụ năm 2021\na. Mục tiêu chung. Điều 5. Hiệu lực thi hành";
        assert_eq!(
            split(text),
            [
                "Đồng chí nhấn mạnh một số vấn đề như sau:",
                "1. Tích cực triển khai Chương trình hành động thực hiện Chỉ thị số 38-CT/TW.",
                "Chỉ đạo các Hội hữu nghị hoạt động có hiệu quả.",
                "II. Nhiệm vụ năm 2021",
                "a. Mục tiêu chung.",
                "Điều 5. Hiệu lực thi hành",
            ]
        );
        assert_around_agrees(text);
    }

    #[test]
    fn a_number_ending_a_sentence_still_ends_it() {
        let text = "Tổng kết hoạt động năm 2023. Năm 2024, tỉnh tiếp tục triển khai.";
        assert_eq!(
            split(text),
            [
                "Tổng kết hoạt động năm 2023.",
                "Năm 2024, tỉnh tiếp tục triển khai."
            ]
        );
    }

    #[test]
    fn quotes_exclamations_and_ellipses() {
        let text = "Ông Tân nhấn mạnh: “Phải làm ngay. Không chờ đợi!” Hội nghị kết thúc… Sau đó, “Tuyệt vời!” – anh nói. Vậy sao? chưa rõ.";
        assert_eq!(
            split(text),
            [
                "Ông Tân nhấn mạnh: “Phải làm ngay.",
                "Không chờ đợi!”",
                "Hội nghị kết thúc…",
                "Sau đó, “Tuyệt vời!” – anh nói.",
                "Vậy sao? chưa rõ.",
            ]
        );
        assert_around_agrees(text);
    }

    #[test]
    fn lines_are_sentences_and_lower_case_never_starts_one() {
        let text = "Tin liên quan\n\nDữ liệu đang được cập nhật...\nv.v. và các nội dung khác";
        assert_eq!(
            split(text),
            [
                "Tin liên quan",
                "Dữ liệu đang được cập nhật...",
                "v.v. và các nội dung khác"
            ]
        );
        assert!(split("  \n ").is_empty());
    }

    #[test]
    fn around_a_position_between_sentences_gives_the_next_one() {
        let text = "Một câu.   Hai câu.";
        assert_eq!(&text[sentence_around(text, 12)], "Hai câu.");
        assert_eq!(&text[sentence_around(text, 0)], "Một câu.");
        assert_eq!(&text[sentence_around(text, text.len())], "Hai câu.");
    }

    #[test]
    fn an_endless_sentence_is_cut_near_the_bound_when_looked_up_by_position() {
        let text = "chữ ".repeat(10_000);
        let range = sentence_around(&text, text.len() / 2);
        assert!(range.len() <= 2 * MAX_SENTENCE_BYTES + 8, "{}", range.len());
        assert!(range.contains(&(text.len() / 2)));
    }
}
