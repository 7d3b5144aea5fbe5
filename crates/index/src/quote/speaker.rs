//! Who said a sentence, as the article writes it.
//!
//! A sentence is reported speech when it says so itself, or when it stands inside a quotation
//! that says so, in that order of trust:
//! 1. after a quotation in the sentence: "“…”, **ông Biden** nói." / "… " – **ông Hạnh** nhận định.";
//! 2. "**Theo** Bộ GTVT, …" at the start of the sentence (not "Theo báo cáo", "Theo đó");
//! 3. the subject of a speech verb: "**Phó Chủ tịch UBND tỉnh Trần Văn Tân** cho biết, …"
//!    ([`super::noun_phrase`]);
//! 4. the sentence lies inside a quotation ([`super::quotation`]), which is attributed after it
//!    closes ("…”, anh Lâm cho biết."), before it opens ("Anh nói: “…"), or by the sentence just
//!    before it when it opens a sentence ("Anh Trần Hoàn Mỹ cho biết … ¶ “Nhà có sẵn lều trại…").
//!
//! A subject that is only a pronoun ("Ông cho biết", "…”, cô chia sẻ.") stands for someone named
//! in the sentences just before: the speaker of one of them, or else the first person named
//! there with a matching title ("Tổng thống Trump" for "Ông").
//!
//! Measured on 160 sentences labelled by hand (`tracuu-eval speakers`, benches/RESULTS.md).
//!
//! ```
//! use tracuu_index::quote::speaker::speaker_of;
//! let text = "Kết luận cuộc họp, Phó Chủ tịch UBND tỉnh Trần Văn Tân nhấn mạnh: “Phải làm ngay. Không chờ đợi.”";
//! let second = text.find("Không").unwrap()..text.len();
//! let speaker = speaker_of(text, second).unwrap();
//! assert_eq!(speaker.name, "Phó Chủ tịch UBND tỉnh Trần Văn Tân");
//! ```

use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::clause::{Clause, clean_name, is_quote_mark};
use super::noun_phrase::{is_start, subject_before};
use super::quotation::{Quotation, holding};
use crate::text::reported_speech::{
    DETERMINERS, HONORIFICS, NOT_REPORTING, NOT_SOURCES, NOT_SPEECH, PRONOUNS, SPEECH_VERBS, TITLES,
};
use crate::text::sentences::sentence_around;

/// Who said a sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Speaker {
    /// As the article writes it, parentheticals left out ("Phó Chủ tịch UBND tỉnh Trần Văn Tân").
    pub name: String,
    /// How the article says so.
    pub attribution: Attribution,
}

/// How a sentence is attributed to its speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Attribution {
    /// The sentence's own subject and speech verb: "X cho biết …".
    Verb,
    /// A quotation and its attribution: "“…”, X nói."
    Quotation,
    /// "Theo X, …"
    According,
    /// A pronoun subject ("Ông cho biết") standing for someone named just before.
    Pronoun,
}

/// Syllables a post-quotation attribution may run to its verb ("“…”, ông Nguyễn Văn A, Giám
/// đốc Sở Y tế tỉnh Quảng Nam cho biết.").
const MAX_ATTRIBUTION_SYLLABLES: usize = 45;
/// Sentences looked back through for the person a pronoun stands for.
const PRONOUN_LOOK_BACK: usize = 4;

/// Who said `text[sentence]`, if the article says.
pub fn speaker_of(text: &str, sentence: Range<usize>) -> Option<Speaker> {
    speaker_within(text, sentence, 1)
}

/// The speaker, resolving pronouns through at most `depth` levels of earlier speakers.
fn speaker_within(text: &str, sentence: Range<usize>, depth: usize) -> Option<Speaker> {
    let clause = Clause::new(text, sentence.clone());
    let found = own_attribution(&clause).or_else(|| {
        let quotation = holding(text, &sentence)?;
        quotation_attribution(text, &quotation).map(|range| (range, Attribution::Quotation))
    });
    let (range, attribution) = found?;
    finish(text, sentence.start, range, attribution, depth)
}

/// The name in `text[range]`, a pronoun resolved.
fn finish(
    text: &str,
    sentence_start: usize,
    range: Range<usize>,
    attribution: Attribution,
    depth: usize,
) -> Option<Speaker> {
    let written = text.get(range.clone())?;
    let name = clean_name(written);
    let clause = Clause::new(text, range.clone());
    if clause.is_phrase(&PRONOUNS, 0..clause.len()) {
        let pronoun = clause.syllables.first()?.exact.clone();
        // Named earlier in the same sentence ("… nghệ sĩ Thương Tín …, ông lên tiếng"), or before.
        let same = (sentence_start < range.start)
            .then(|| first_person_named(&Clause::new(text, sentence_start..range.start), &pronoun))
            .flatten();
        let name = same.or_else(|| resolve(text, sentence_start, &pronoun, depth))?;
        return Some(Speaker {
            name,
            attribution: Attribution::Pronoun,
        });
    }
    (!name.is_empty()).then_some(Speaker { name, attribution })
}

/// The sentence's own attribution: after a quotation in it, "Theo X", or a speech verb's
/// subject; the byte range of the name.
fn own_attribution(clause: &Clause<'_>) -> Option<(Range<usize>, Attribution)> {
    if let Some(range) = after_quotation(clause, 0) {
        return Some((range, Attribution::Quotation));
    }
    if let Some(range) = according_to(clause) {
        return Some((range, Attribution::According));
    }
    (0..clause.len())
        .filter(|&v| is_reporting_verb(clause, v) && !inside_quotes(clause, v))
        .find_map(|v| {
            let from = clause_start(clause, v);
            subject_before(clause, from, v).map(|s| (clause.bytes(s), Attribution::Verb))
        })
}

/// A speech verb at `v` used as one: not "nói chung", "giọng nói", "cần lưu ý", "không nói",
/// nor part of a name ("Ban Chỉ đạo", capitalised inside the sentence).
pub(crate) fn is_reporting_verb(clause: &Clause<'_>, v: usize) -> bool {
    if clause.phrase_at(&SPEECH_VERBS, v).is_none() || (v > 0 && clause.capitalised(v)) {
        return false;
    }
    let compound = clause.phrase_at(&NOT_SPEECH, v).is_some()
        || (v > 0
            && clause
                .phrase_at(&NOT_SPEECH, v - 1)
                .is_some_and(|len| len >= 2));
    !compound && clause.phrase_ending_at(&NOT_REPORTING, 0, v).is_none()
}

/// Whether syllable `i` stands inside quotation marks opened earlier in the sentence.
fn inside_quotes(clause: &Clause<'_>, i: usize) -> bool {
    let Some(syllable) = clause.syllables.get(i) else {
        return false;
    };
    let before = clause
        .text
        .get(clause.range.start..syllable.range.start)
        .unwrap_or("");
    let straight = before.matches('"').count();
    let opened = before.matches(['“', '«']).count();
    let closed = before.matches(['”', '»']).count();
    straight % 2 == 1 || opened > closed
}

/// The first syllable of the clause holding syllable `v`: after the last colon, semicolon or
/// quotation mark before it.
fn clause_start(clause: &Clause<'_>, v: usize) -> usize {
    (1..=v)
        .rev()
        .find(|&j| {
            clause.before(j).contains([':', ';']) || clause.before(j).contains(is_quote_mark)
        })
        .unwrap_or(0)
}

/// "“…”, ông Biden nói": the name after a closing quotation mark at or after syllable `from`.
fn after_quotation(clause: &Clause<'_>, from: usize) -> Option<Range<usize>> {
    let start = (from.max(1)..clause.len()).find(|&i| closes_then_attributes(clause.before(i)))?;
    let verb = (start..clause.len().min(start + MAX_ATTRIBUTION_SYLLABLES))
        .find(|&v| is_reporting_verb(clause, v))?;
    let subject = subject_before(clause, start, verb)?;
    let determiners = clause.phrase_at(&DETERMINERS, start).unwrap_or(0);
    (subject.start <= start + determiners).then(|| clause.bytes(subject))
}

/// `", `, `%” – `, `." - `: a closing quotation mark followed by a comma or a dash.
fn closes_then_attributes(gap: &str) -> bool {
    let Some(mark) = gap.rfind(['"', '”', '»']) else {
        return false;
    };
    let rest = gap[mark..].chars().skip(1).collect::<String>();
    let rest = rest.trim_start();
    rest.strip_prefix([',', '-', '–', '—'])
        .is_some_and(|r| r.trim().is_empty())
}

/// "Theo Bộ GTVT, …", "Cũng theo tờ Siam Sport, …": the source named at the start.
fn according_to(clause: &Clause<'_>) -> Option<Range<usize>> {
    let t = (0..clause.len().min(5)).find(|&i| clause.syllables[i].exact == "theo")?;
    let lead_in = (0..t).all(|i| {
        matches!(
            clause.syllables[i].exact.as_str(),
            "cũng"
                | "còn"
                | "nhưng"
                | "và"
                | "tuy"
                | "nhiên"
                | "trong"
                | "khi"
                | "đó"
                | "mặt"
                | "khác"
                | "ngoài"
                | "ra"
                | "đồng"
                | "thời"
        )
    });
    if !lead_in {
        return None;
    }
    let from = t + 1;
    if from >= clause.len()
        || clause.phrase_at(&NOT_SOURCES, from).is_some()
        || !(is_start(clause, from)
            || clause
                .phrase_at(&DETERMINERS, from)
                .is_some_and(|len| is_start(clause, from + len)))
    {
        return None;
    }
    let mut end = (from + 1..clause.len()).find(|&i| clause.before(i).contains([',', ':']))?;
    // An apposition between commas belongs to the name: "Theo ông A, Giám đốc Sở Y tế, …".
    while let Some(next) = (end + 1..clause.len()).find(|&i| clause.before(i).contains([',', ':']))
    {
        let apposition =
            is_start(clause, end) && next - end <= 12 && clause.phrase_at(&TITLES, end).is_some();
        if !apposition {
            break;
        }
        end = next;
    }
    Some(clause.bytes(from..end))
}

/// Who a quotation is attributed to: after it closes, before it opens, or by the sentence just
/// before it.
fn quotation_attribution(text: &str, quotation: &Quotation) -> Option<Range<usize>> {
    if let Some(close) = quotation.close {
        let sentence = sentence_around(text, close.saturating_sub(1));
        let clause = Clause::new(text, sentence);
        if let Some(found) = after_quotation(&clause, clause.index_at(close)) {
            return Some(found);
        }
    }
    let sentence = sentence_around(text, quotation.open);
    let clause = Clause::new(text, sentence.clone());
    let first_inside = clause.index_at(quotation.open);
    if first_inside > 0 {
        let verbs = first_inside.saturating_sub(5)..first_inside;
        let verb = verbs.rev().find(|&v| is_reporting_verb(&clause, v))?;
        let from = clause_start(&clause, verb);
        return subject_before(&clause, from, verb).map(|s| clause.bytes(s));
    }
    let previous = previous_sentence(text, sentence.start)?;
    let clause = Clause::new(text, previous);
    (0..clause.len())
        .filter(|&v| is_reporting_verb(&clause, v) && !inside_quotes(&clause, v))
        .find_map(|v| {
            let from = clause_start(&clause, v);
            subject_before(&clause, from, v).map(|s| clause.bytes(s))
        })
}

/// The sentence that ends before byte `start`.
fn previous_sentence(text: &str, start: usize) -> Option<Range<usize>> {
    let head = text.get(..start)?.trim_end();
    let last = head.char_indices().next_back()?.0;
    let sentence = sentence_around(text, last);
    (sentence.start < start).then_some(sentence)
}

/// The person a pronoun at the start of `before` stands for: the speaker of a sentence just
/// before, or the first person named there with a title the pronoun fits.
fn resolve(text: &str, before: usize, pronoun: &str, depth: usize) -> Option<String> {
    let mut at = before;
    for _ in 0..PRONOUN_LOOK_BACK {
        let sentence = previous_sentence(text, at)?;
        if depth > 0
            && let Some(speaker) = speaker_within(text, sentence.clone(), depth - 1)
            && fits(pronoun, &speaker.name)
        {
            return Some(speaker.name);
        }
        let clause = Clause::new(text, sentence.clone());
        if let Some(name) = first_person_named(&clause, pronoun) {
            return Some(name);
        }
        at = sentence.start;
    }
    None
}

/// Whether a pronoun can stand for `name`: "ông" for "ông Long" or "Tổng thống Trump", not for
/// "bà Williams".
fn fits(pronoun: &str, name: &str) -> bool {
    let clause = Clause::new(name, 0..name.len());
    if clause.is_phrase(&PRONOUNS, 0..clause.len()) {
        return false;
    }
    match clause.phrase_at(&HONORIFICS, 0) {
        Some(_) => clause.syllables[0].exact == pronoun,
        None => true,
    }
}

/// The first person named in a sentence with a title or honorific the pronoun fits, or by a
/// name alone as a subject.
fn first_person_named(clause: &Clause<'_>, pronoun: &str) -> Option<String> {
    (0..clause.len()).find_map(|i| {
        let title = clause
            .phrase_at(&HONORIFICS, i)
            .or_else(|| clause.phrase_at(&TITLES, i))
            .unwrap_or(0);
        let name_start = i + title;
        let name_len = (name_start..clause.len())
            .take_while(|&k| {
                clause.capitalised(k) && (k == name_start || clause.syllables[k].joined)
            })
            .count();
        let named = if title > 0 {
            name_len > 0
        } else {
            // A name alone: a foreign name, or two capitalised syllables not opening the
            // sentence, followed by a verb in lower case.
            let alone = clause.foreign_name(i) || (i > 0 && name_len >= 2);
            let followed = clause
                .written(name_start + name_len)
                .chars()
                .next()
                .is_some_and(char::is_lowercase);
            clause.capitalised(i) && alone && followed && !clause.before(i).contains('(')
        };
        if !named || (title == 0 && name_len == 0) {
            return None;
        }
        let range = clause.bytes(i..name_start + name_len);
        let name = clean_name(clause.text.get(range)?);
        fits(pronoun, &name).then_some(name)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The speaker of the last sentence of `text`.
    fn last(text: &str) -> Option<String> {
        let start = crate::text::sentences::sentences(text)
            .last()
            .map_or(0, |r| r.start);
        speaker_of(text, start..text.len()).map(|s| s.name)
    }

    #[test]
    fn a_speech_verb_and_its_subject() {
        // Seed 004.
        assert_eq!(
            last("Ông Phùng Công Dũng, Chủ nhiệm Ủy ban về Người Việt Nam ở nước ngoài Thành phố Hồ Chí Minh cũng cho rằng, việc ký kết sẽ mở ra một trang mới.").as_deref(),
            Some("Ông Phùng Công Dũng, Chủ nhiệm Ủy ban về Người Việt Nam ở nước ngoài Thành phố Hồ Chí Minh")
        );
        // Shared news: a parenthetical left out.
        assert_eq!(
            last("Trong khi đó, ông Nguyễn Tôn Đông Khoa, Chủ tịch UBND xã Quảng Hòa (huyện Đắk G'Long, tỉnh Đắk Nông) thông tin, có khoảng hơn 100 người dân có biểu hiện ngộ độc.").as_deref(),
            Some("ông Nguyễn Tôn Đông Khoa, Chủ tịch UBND xã Quảng Hòa")
        );
    }

    #[test]
    fn a_quotation_and_the_name_after_it() {
        assert_eq!(
            last(
                "\"Đó thực sự là một vụ tai nạn đã được dự đoán từ trước\", ông Ridzwan nhấn mạnh."
            )
            .as_deref(),
            Some("ông Ridzwan")
        );
        // The first sentence of a quotation closed and attributed in the next one.
        let text = "\"Tuy nhiên, mục tiêu lợi nhuận 20% là mức tối thiểu. Ngân hàng cũng phấn đấu tăng trưởng tín dụng khoảng 15%\", ông Thái nói.";
        let first = 0..text
            .find("tối thiểu.")
            .map_or(0, |i| i + "tối thiểu.".len());
        assert_eq!(
            speaker_of(text, first).map(|s| s.name).as_deref(),
            Some("ông Thái")
        );
    }

    #[test]
    fn according_to_a_source_but_not_a_document() {
        assert_eq!(
            last("Cũng theo tờ Siam Sport, người hâm mộ bóng đá xứ Thanh đều ngóng chờ.")
                .as_deref(),
            Some("tờ Siam Sport")
        );
        assert_eq!(last("Theo báo cáo, năm 2023 tỉnh đạt nhiều kết quả."), None);
        assert_eq!(last("Theo đó, hai bên thống nhất phối hợp."), None);
    }

    #[test]
    fn a_pronoun_is_the_person_named_before() {
        let text = "Về phần Iran, nước này bác bỏ cáo buộc. Trước diễn biến này, Tổng thống Trump đã tức giận. Ông nói với các phóng viên: “Tôi thực sự không hài lòng”.";
        assert_eq!(last(text).as_deref(), Some("Tổng thống Trump"));
        let speaker = speaker_of(text, text.find("Ông nói").unwrap_or(0)..text.len());
        assert_eq!(speaker.map(|s| s.attribution), Some(Attribution::Pronoun));
    }

    #[test]
    fn a_pronoun_may_stand_for_someone_named_earlier_in_its_sentence() {
        // Shared news (dantri).
        assert_eq!(
            last("Trước những thông tin cho rằng mối quan hệ giữa nghệ sĩ Thương Tín và con trai không được tốt đẹp, ngay lập tức ông lên tiếng phản đối và khẳng định mối quan hệ của hai cha con rất tốt.").as_deref(),
            Some("nghệ sĩ Thương Tín")
        );
    }

    #[test]
    fn narrative_and_generic_sentences_have_no_speaker() {
        // Seed 000 and shared news.
        assert_eq!(
            last(
                "Năm 2020 là năm cả nước nói chung cũng như tỉnh Quảng Nam nói riêng bị ảnh hưởng bởi đại dịch."
            ),
            None
        );
        assert_eq!(
            last("Nhiều người cho rằng, tác phẩm đã \"phá nát\" danh tác của Nguyễn Du."),
            None
        );
        assert_eq!(
            last("Đặc biệt giọng nói của anh để lại ấn tượng sâu sắc trong lòng khán giả."),
            None
        );
        assert_eq!(
            last("Tuy nhiên cần lưu ý một chế độ ăn đa dạng mới chính là chìa khóa."),
            None
        );
    }
}
