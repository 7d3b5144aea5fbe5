//! The subject before a speech verb: who the sentence says spoke.
//!
//! Between the start of the clause and the verb stand, in order, what sets the scene ("Phát
//! biểu tại hội nghị,", "Trong khi đó,"), the subject, and words that are not the subject
//! ("cũng", "đã", "ngày 25/4", "tại cuộc họp"). The subject is a noun phrase that starts with a
//! title, an honorific, the name of a body or a proper name ([`crate::text::reported_speech`]),
//! and may run over commas when what follows a comma is an apposition of the same kind: "đồng
//! chí Vũ Thị Bích Việt, Chủ tịch Liên hiệp hữu nghị". Working back from the verb, the comma
//! parts are taken while each starts like a name and holds no word that ends a noun phrase
//! ("và", "khi", "để" …); the first part that does not ends the subject.

use std::ops::Range;

use super::clause::Clause;
use crate::text::reported_speech::{
    ADVERBS, BODIES, BREAKERS, DETERMINERS, GENERIC_SUBJECTS, HONORIFICS, MEDIA, PREPOSITIONS,
    TIME_WORDS, TITLES,
};

/// Longest subject taken, in syllables: longer is a clause, not a name.
const MAX_SUBJECT_SYLLABLES: usize = 40;

/// Words after a time word that make it a time phrase ("chiều cùng ngày", "hôm nay").
const TIME_FOLLOWERS: [&str; 11] = [
    "cùng", "nay", "qua", "đó", "này", "kia", "trước", "sau", "mai", "hôm", "rồi",
];

/// The subject of a verb at syllable `verb`, looking back no further than syllable `from`:
/// syllable indexes of the noun phrase.
pub(crate) fn subject_before(
    clause: &Clause<'_>,
    from: usize,
    verb: usize,
) -> Option<Range<usize>> {
    let end = trim_tail(clause, from, verb);
    if end <= from {
        return None;
    }
    let parts = comma_parts(clause, from, end);
    let last = parts.last()?;
    let mut start = earliest_start(clause, last.clone())?;
    if start == last.start {
        for part in parts.iter().rev().skip(1) {
            if is_start(clause, part.start) && !breaks(clause, part.clone(), part.start) {
                start = part.start;
            } else {
                break;
            }
        }
    }
    while let Some(len) = clause.phrase_ending_at(&DETERMINERS, from, start) {
        if clause.before(start).contains(',') {
            break;
        }
        start -= len;
    }
    let subject = start..end;
    let generic = clause.is_phrase(&GENERIC_SUBJECTS, subject.clone());
    (!generic && subject.len() <= MAX_SUBJECT_SYLLABLES).then_some(subject)
}

/// `verb` less the adverbs, time and place phrases just before it.
fn trim_tail(clause: &Clause<'_>, from: usize, verb: usize) -> usize {
    let mut end = verb;
    loop {
        let before = end;
        if let Some(len) = clause.phrase_ending_at(&ADVERBS, from, end) {
            end -= len;
        }
        let window = end.saturating_sub(6).max(from)..end;
        if let Some(k) = window.clone().rev().find(|&k| is_time_phrase(clause, k)) {
            end = k;
        } else if let Some(k) = window.rev().find(|&k| is_place_phrase(clause, k)) {
            end = k;
        }
        if end == before {
            return end;
        }
    }
}

/// "ngày 25/4", "chiều cùng ngày", "hôm nay".
fn is_time_phrase(clause: &Clause<'_>, k: usize) -> bool {
    let Some(len) = clause.phrase_at(&TIME_WORDS, k) else {
        return false;
    };
    let next = k + len;
    next < clause.len()
        && (clause.number(next) || TIME_FOLLOWERS.contains(&clause.syllables[next].exact.as_str()))
}

/// "tại cuộc họp", "trong một cuộc phỏng vấn" (a place written with a capital, "tại TPHCM", is
/// part of the subject).
fn is_place_phrase(clause: &Clause<'_>, k: usize) -> bool {
    let Some(len) = clause.phrase_at(&PREPOSITIONS, k) else {
        return false;
    };
    let next = k + len;
    next < clause.len() && !clause.capitalised(next)
}

/// The parts of `from..end` between commas, outside brackets; a part that starts in lower case
/// without starting a name continues the one before ("phòng, chống dịch").
fn comma_parts(clause: &Clause<'_>, from: usize, end: usize) -> Vec<Range<usize>> {
    let mut parts: Vec<Range<usize>> = Vec::new();
    let mut depth = 0i32;
    let mut start = from;
    for i in from..end {
        let gap = clause.before(i);
        let comma_outside = i > from && depth == 0 && gap.contains(',');
        depth += gap.matches('(').count() as i32 - gap.matches(')').count() as i32;
        depth = depth.max(0);
        if comma_outside {
            let continues = !clause.capitalised(i) && !is_start(clause, i);
            if !continues {
                parts.push(start..i);
                start = i;
            }
        }
    }
    parts.push(start..end);
    parts
}

/// The first syllable of `part` from which a noun phrase runs to the part's end.
fn earliest_start(clause: &Clause<'_>, part: Range<usize>) -> Option<usize> {
    part.clone()
        .find(|&i| is_start(clause, i) && !breaks(clause, i..part.end, i))
}

/// Whether a noun phrase naming someone can start at syllable `i`.
pub(crate) fn is_start(clause: &Clause<'_>, i: usize) -> bool {
    if i >= clause.len() {
        return false;
    }
    let next_capitalised = i + 1 < clause.len() && clause.capitalised(i + 1);
    if clause.phrase_at(&HONORIFICS, i).is_some() || clause.phrase_at(&TITLES, i).is_some() {
        return true;
    }
    if clause.capitalised(i) && clause.phrase_at(&BODIES, i).is_some() {
        return i + 1 < clause.len();
    }
    if let Some(len) = clause.phrase_at(&MEDIA, i) {
        return i + len < clause.len() && clause.capitalised(i + len);
    }
    clause.capitalised(i)
        && (clause.acronym(i)
            || clause.foreign_name(i)
            || (next_capitalised && clause.syllables[i + 1].joined))
}

/// Whether `range` holds a word that ends a noun phrase; `và` inside the name of a body ("Bộ
/// Kế hoạch và Đầu tư") does not.
fn breaks(clause: &Clause<'_>, range: Range<usize>, start: usize) -> bool {
    let body = clause.capitalised(start) && clause.phrase_at(&BODIES, start).is_some();
    range.clone().any(|k| {
        if clause.phrase_at(&BREAKERS, k).is_none() {
            return false;
        }
        let inside_name = clause.syllables[k].exact == "và"
            && body
            && k + 1 < range.end
            && clause.capitalised(k + 1);
        !inside_name
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quote::speaker::is_reporting_verb;

    /// The subject of the first speech verb of `sentence`, as written.
    fn subject(sentence: &str) -> Option<String> {
        let clause = Clause::new(sentence, 0..sentence.len());
        let range = (0..clause.len())
            .filter(|&i| is_reporting_verb(&clause, i))
            .find_map(|verb| subject_before(&clause, 0, verb))?;
        Some(sentence[clause.bytes(range)].to_string())
    }

    #[test]
    fn the_subject_of_real_sentences() {
        // Seed 003.
        assert_eq!(
            subject("Phát biểu tại hội nghị, đồng chí Vũ Thị Bích Việt, Chủ tịch Liên hiệp hữu nghị nhấn mạnh một số vấn đề").as_deref(),
            Some("đồng chí Vũ Thị Bích Việt, Chủ tịch Liên hiệp hữu nghị")
        );
        // Seed 004.
        assert_eq!(
            subject("Chủ trì tại đầu cầu Đà Nẵng, ông Huỳnh Đức Trường, Giám đốc Sở Ngoại vụ bày tỏ hi vọng").as_deref(),
            Some("ông Huỳnh Đức Trường, Giám đốc Sở Ngoại vụ")
        );
        // Shared news: a time phrase and adverbs before the verb, a body's name with "và".
        assert_eq!(
            subject(
                "Sở Giáo dục và Đào tạo TP Hải Phòng chiều cùng ngày cũng cho biết, sở đã yêu cầu"
            )
            .as_deref(),
            Some("Sở Giáo dục và Đào tạo TP Hải Phòng")
        );
        assert_eq!(
            subject("Văn phòng Thủ tướng Ấn Độ ngày 25/4 cho biết, có tới 551 nhà máy").as_deref(),
            Some("Văn phòng Thủ tướng Ấn Độ")
        );
        assert_eq!(
            subject("Trước đó, nhà sử học Bettany Hughes từng nhấn mạnh rằng").as_deref(),
            Some("nhà sử học Bettany Hughes")
        );
        // "phòng, chống dịch" is one part of the title, not two.
        assert_eq!(
            subject("Kết luận tại phiên họp, Phó Chủ tịch UBND thành phố, Trưởng Ban Chỉ đạo phòng, chống dịch Covid-19 thành phố Hà Nội Chử Xuân Dũng đề nghị các Sở").as_deref(),
            Some("Phó Chủ tịch UBND thành phố, Trưởng Ban Chỉ đạo phòng, chống dịch Covid-19 thành phố Hà Nội Chử Xuân Dũng")
        );
    }

    #[test]
    fn nobody_in_particular_is_no_subject() {
        assert_eq!(
            subject("Nhiều người cho rằng, tác phẩm đã phá nát danh tác"),
            None
        );
        assert_eq!(
            subject("Có 2 nguyên nhân để giải thích cho tình trạng này"),
            None
        );
        assert_eq!(
            subject("Dù là phim Việt Nam hay quốc tế, tất cả đều nhấn mạnh một điều"),
            None
        );
    }

    #[test]
    fn a_conjunction_ends_the_subject() {
        assert_eq!(
            subject("Nó dường như hoàn toàn bất động và Kelly khẳng định nó không di chuyển")
                .as_deref(),
            Some("Kelly")
        );
    }
}
