//! The words Vietnamese news uses to report speech, and to name who spoke.
//!
//! Reported speech in Vietnamese news is a subject, a speech verb, then what was said: "Phó Chủ
//! tịch UBND tỉnh Trần Văn Tân **cho biết**, …", "“…”, ông Biden **nói**.", "**Theo** Bộ GTVT, …".
//! The speaker is a noun phrase that starts with a kinship pronoun used as a title (`ông`, `bà`,
//! `anh`, `chị`), an office or profession (`Phó Chủ tịch`, `Giám đốc`, `bác sĩ`, `TS`), the head
//! of an organisation's name (`Bộ`, `Sở`, `UBND`, `Bệnh viện`) or a proper name. These lists are
//! what [`crate::quote::speaker`] reads; each word is matched on its canonical syllables (case,
//! tone placement and Unicode form do not matter).
//!
//! Sources: the speech verbs and titles are those of Vietnamese news style guides and of the
//! shared news (dantri, baomoi) read while labelling `benches/eval/data/speakers.jsonl`; office
//! names follow Luật Tổ chức chính quyền địa phương 2015 and Nghị định 30/2020/NĐ-CP (the
//! capitalisation of offices and bodies); academic titles follow [`super::sentences::ABBREVIATIONS`].
//!
//! ```
//! use tracuu_index::text::pairs::analyse_syllables;
//! use tracuu_index::text::reported_speech::{SPEECH_VERBS, TITLES};
//! let s = analyse_syllables("Phó Chủ tịch UBND tỉnh cho biết");
//! assert_eq!(TITLES.longest_at(&s, 0), Some(3)); // "Phó Chủ tịch"
//! assert_eq!(SPEECH_VERBS.longest_at(&s, 5), Some(2)); // "cho biết"
//! ```

use std::collections::HashMap;
use std::sync::LazyLock;

use super::pairs::AnalysedSyllable;
use super::tokenizer::{AnalysisMode, analyze};

/// A set of phrases, each a run of syllables, found by their exact canonical form.
#[derive(Debug, Default)]
pub struct PhraseSet {
    /// Phrases by their first syllable, longest first.
    by_first: HashMap<String, Vec<Vec<String>>>,
}

impl PhraseSet {
    /// The set of these phrases (each analysed into canonical syllables).
    pub fn new(phrases: &[&str]) -> PhraseSet {
        let mut by_first: HashMap<String, Vec<Vec<String>>> = HashMap::new();
        for phrase in phrases {
            let syllables = analyze(phrase, AnalysisMode::Exact);
            if let Some(first) = syllables.first() {
                by_first.entry(first.clone()).or_default().push(syllables);
            }
        }
        for list in by_first.values_mut() {
            list.sort_by_key(|p| std::cmp::Reverse(p.len()));
        }
        PhraseSet { by_first }
    }

    /// The length in syllables of the longest phrase starting at `syllables[at]` whose syllables
    /// stand together (no sentence end between them).
    pub fn longest_at(&self, syllables: &[AnalysedSyllable], at: usize) -> Option<usize> {
        let first = syllables.get(at)?;
        self.by_first.get(&first.exact)?.iter().find_map(|phrase| {
            let end = at + phrase.len();
            let candidate = syllables.get(at..end)?;
            let same = candidate.iter().zip(phrase).all(|(s, p)| s.exact == *p)
                && candidate[1..].iter().all(|s| s.joined);
            same.then_some(phrase.len())
        })
    }

    /// Whether `syllables` are exactly one phrase of the set.
    pub fn is(&self, syllables: &[AnalysedSyllable]) -> bool {
        !syllables.is_empty() && self.longest_at(syllables, 0) == Some(syllables.len())
    }
}

/// Verbs that report speech: what follows them is what the subject said.
#[rustfmt::skip]
pub static SPEECH_VERBS: LazyLock<PhraseSet> = LazyLock::new(|| {
    PhraseSet::new(&[
        "cho biết", "cho hay", "nói", "nhấn mạnh", "khẳng định", "phát biểu", "chia sẻ",
        "cho rằng", "nêu rõ", "bày tỏ", "thông tin", "lưu ý", "giải thích", "lý giải", "tiết lộ",
        "thừa nhận", "nhận định", "nhận xét", "đánh giá", "đề nghị", "đề xuất", "kiến nghị",
        "yêu cầu", "chỉ đạo", "kêu gọi", "tuyên bố", "trả lời", "kết luận", "khuyến cáo",
        "cảnh báo", "bình luận", "đặt vấn đề", "nêu quan điểm", "bác bỏ", "phản bác",
        "xác nhận", "thông báo", "viết", "đưa tin", "chỉ ra", "phân tích", "nhắn nhủ", "tâm sự",
        "bộc bạch", "thổ lộ", "kể", "gợi ý", "nhắc nhở", "quả quyết", "trấn an", "nhận xét",
        "hỏi", "đáp", "phủ nhận", "lên tiếng", "phát ngôn", "than", "khuyên", "dặn",
    ])
});

/// Words that make a speech verb something else: "nói chung", "giọng nói", "lời nói".
#[rustfmt::skip]
pub static NOT_SPEECH: LazyLock<PhraseSet> = LazyLock::new(|| {
    PhraseSet::new(&[
        "nói chung", "nói riêng", "nói chuyện", "nói dối", "nói xấu", "nói không", "giọng nói",
        "lời nói", "tiếng nói", "khó nói", "nói gì", "chia sẻ rủi ro", "kể cả", "kể từ",
        "kể trên", "đáng kể", "viết tắt", "bài viết", "hỏi đáp", "đáp ứng", "đánh giá cao",
    ])
});

/// Kinship words used as titles before a name ("ông Long", "chị Thu Giang"); alone, they are
/// pronouns standing for someone named before.
#[rustfmt::skip]
pub static HONORIFICS: LazyLock<PhraseSet> = LazyLock::new(|| {
    PhraseSet::new(&[
        "ông", "bà", "anh", "chị", "cô", "em", "chú", "bác", "cụ", "cháu", "thầy", "cậu",
        "đồng chí", "cậu bé", "cô bé", "bé", "nữ", "nam",
    ])
});

/// Honorifics that stand for a person named before when they are the whole subject.
#[rustfmt::skip]
pub static PRONOUNS: LazyLock<PhraseSet> = LazyLock::new(|| {
    PhraseSet::new(&[
        "ông", "bà", "anh", "chị", "cô", "em", "chú", "bác", "cụ", "thầy", "ông ấy", "bà ấy",
        "anh ấy", "chị ấy", "cô ấy", "nàng", "chàng",
    ])
});

/// Offices, ranks, professions and roles that head a speaker's name ("Phó Chủ tịch UBND tỉnh
/// Trần Văn Tân", "bác sĩ CKII Thái Xuân Thủy", "đại diện VNPAY").
#[rustfmt::skip]
pub static TITLES: LazyLock<PhraseSet> = LazyLock::new(|| {
    PhraseSet::new(&[
        // Offices (Luật Tổ chức chính quyền địa phương 2015; Nghị định 30/2020/NĐ-CP).
        "Chủ tịch", "Phó Chủ tịch", "Chủ tịch nước", "Tổng Bí thư", "Bí thư", "Phó Bí thư",
        "Thủ tướng", "Phó Thủ tướng", "Bộ trưởng", "Thứ trưởng", "Tổng thống", "Phó Tổng thống",
        "Ngoại trưởng", "Chủ nhiệm", "Phó Chủ nhiệm", "Ủy viên", "Đại biểu", "Đại biểu Quốc hội",
        "Đại sứ", "Tổng lãnh sự", "Giám đốc", "Phó Giám đốc", "Tổng Giám đốc", "Phó Tổng Giám đốc",
        "Giám đốc điều hành", "Cục trưởng", "Phó Cục trưởng", "Vụ trưởng", "Phó Vụ trưởng",
        "Tổng cục trưởng", "Viện trưởng", "Phó Viện trưởng", "Chánh án", "Chánh văn phòng",
        "Chánh thanh tra", "Trưởng", "Phó trưởng", "Trưởng ban", "Phó Trưởng ban", "Trưởng phòng",
        "Phó Trưởng phòng", "Trưởng khoa", "Phó Trưởng khoa", "Hiệu trưởng", "Phó Hiệu trưởng",
        "Chủ tịch Hội đồng quản trị", "Tổng biên tập", "Người phát ngôn", "phát ngôn viên",
        "đặc phái viên", "Thống đốc", "Phó Thống đốc", "Tư lệnh", "Chính ủy", "Thị trưởng",
        "Tổng thư ký", "Thư ký", "Quốc vương", "Nhà vua", "Hoàng tử", "Công nương", "CEO",
        "Nguyên", "Cựu", "Quyền",
        // Ranks.
        "Đại tướng", "Thượng tướng", "Trung tướng", "Thiếu tướng", "Đại tá", "Thượng tá",
        "Trung tá", "Thiếu tá", "Đại úy", "Thượng úy", "Trung úy", "Thiếu úy",
        // Degrees and professions (as in the sentence splitter's abbreviations).
        "GS", "PGS", "TS", "TSKH", "ThS", "Ths", "BS", "Bs", "KS", "KTS", "LS", "DS", "NCS",
        "NSND", "NSƯT", "NGND", "NGƯT", "giáo sư", "phó giáo sư", "tiến sĩ", "thạc sĩ",
        "bác sĩ", "y sĩ", "dược sĩ", "kỹ sư", "kiến trúc sư", "luật sư", "chuyên gia",
        "nhà sử học", "nhà khảo cổ học", "nhà khoa học", "nhà nghiên cứu", "nhà phân tích",
        "nhà báo", "nhà văn", "nhà thơ", "nhà kinh tế", "nhà kinh tế học", "nhà đầu tư",
        "nhà sản xuất", "nhà thiết kế", "nghệ sĩ", "ca sĩ", "nhạc sĩ", "diễn viên",
        "nữ diễn viên", "nam diễn viên", "đạo diễn", "người mẫu", "Hoa hậu", "Á hậu", "MC",
        "HLV", "huấn luyện viên", "cầu thủ", "tiền đạo", "thủ môn", "tay đua", "vận động viên",
        "giáo viên", "sinh viên", "học sinh", "phóng viên", "biên tập viên", "đầu bếp",
        "chủ quán", "chủ tiệm", "chủ nhà", "chủ doanh nghiệp", "nông dân", "cử tri",
        "người dân", "nhân chứng", "cư dân mạng", "cán bộ", "quan chức", "giới chức",
        "nhà chức trách", "đại diện", "lãnh đạo", "người đứng đầu", "nhóm nghiên cứu",
        "các nhà nghiên cứu", "Ban tổ chức", "BTC", "phía", "vị", "người này", "host",
    ])
});

/// Heads of names of bodies, places and media that speak ("Bộ GTVT", "Sở Giáo dục và Đào tạo
/// TP Hải Phòng", "Cơ quan Công an"): they start a speaker only when written with a capital.
#[rustfmt::skip]
pub static BODIES: LazyLock<PhraseSet> = LazyLock::new(|| {
    PhraseSet::new(&[
        "Bộ", "Sở", "UBND", "HĐND", "Ủy ban", "Ban", "Cục", "Tổng cục", "Vụ", "Viện",
        "Bệnh viện", "Trường", "Đại học", "Học viện", "Công ty", "Tập đoàn", "Ngân hàng",
        "Cơ quan", "Văn phòng", "Hội", "Hội đồng", "Liên hiệp", "Liên đoàn", "Phòng",
        "Trung tâm", "CLB", "Câu lạc bộ", "Đại sứ quán", "Tòa án", "TAND", "VKSND",
        "Viện kiểm sát", "Công an", "Bộ Chỉ huy", "Bộ Tư lệnh", "Quân đội", "Chính phủ",
        "Quốc hội", "Nhà Trắng", "Điện Kremlin", "Lầu Năm Góc", "Liên Hợp Quốc", "Đảng ủy",
        "Tỉnh ủy", "Thành ủy", "Huyện ủy", "Mặt trận", "Thông tấn xã", "Đài", "Báo",
        "Quận", "Huyện", "Phường", "Xã", "Tỉnh", "Thành phố", "Thị xã", "TP",
    ])
});

/// Heads of media names, lower case, that need a name after them ("tờ Siam Sport", "kênh
/// truyền hình TNT Sports", "hãng tin Reuters").
#[rustfmt::skip]
pub static MEDIA: LazyLock<PhraseSet> = LazyLock::new(|| {
    PhraseSet::new(&[
        "tờ", "báo", "kênh", "kênh truyền hình", "đài", "hãng", "hãng tin", "hãng thông tấn",
        "trang", "tạp chí",
    ])
});

/// Words that may stand before a speaker's title ("một cư dân mạng", "các chuyên gia").
#[rustfmt::skip]
pub static DETERMINERS: LazyLock<PhraseSet> =
    LazyLock::new(|| PhraseSet::new(&["một", "các", "những", "hai", "ba", "nhiều", "chính"]));

/// Words that stand between a subject and its verb without being part of the subject.
#[rustfmt::skip]
pub static ADVERBS: LazyLock<PhraseSet> = LazyLock::new(|| {
    PhraseSet::new(&[
        "cũng", "đã", "còn", "vẫn", "từng", "thì", "lại", "mới", "đều", "luôn", "thường",
        "đang", "vừa", "sẽ", "thêm", "cũng đã", "trước đó", "sau đó", "khi đó", "mới đây",
        "gần đây", "hôm nay", "hôm qua", "tiếp tục", "một lần nữa", "nhiều lần", "liên tục",
    ])
});

/// Words that start a time phrase between a subject and its verb ("ngày 25/4", "chiều cùng
/// ngày").
#[rustfmt::skip]
pub static TIME_WORDS: LazyLock<PhraseSet> = LazyLock::new(|| {
    PhraseSet::new(&[
        "ngày", "sáng", "chiều", "tối", "trưa", "đêm", "hôm", "tháng", "năm", "hồi", "tuần",
    ])
});

/// Prepositions that start a place or manner phrase between a subject and its verb
/// ("tại cuộc họp", "trong một cuộc phỏng vấn", "với báo chí").
#[rustfmt::skip]
pub static PREPOSITIONS: LazyLock<PhraseSet> = LazyLock::new(|| {
    PhraseSet::new(&["tại", "trong", "với", "trên", "khi", "qua", "trước", "sau", "bên lề"])
});

/// Words that end a noun phrase: a subject never holds them (except `và` inside a body's name,
/// "Bộ Kế hoạch và Đầu tư").
#[rustfmt::skip]
pub static BREAKERS: LazyLock<PhraseSet> = LazyLock::new(|| {
    PhraseSet::new(&[
        "và", "nhưng", "mà", "thì", "khi", "nên", "vì", "để", "rằng", "là", "khiến", "nếu", "dù",
        "hoặc", "hay", "được", "bị", "cho thấy", "đã", "không", "chưa", "cần", "phải",
    ])
});

/// Words before a speech verb that make it something other than reported speech ("cần lưu
/// ý", "không nói", "để giải thích").
#[rustfmt::skip]
pub static NOT_REPORTING: LazyLock<PhraseSet> = LazyLock::new(|| {
    PhraseSet::new(&[
        "không", "chưa", "chẳng", "chả", "cần", "nên", "phải", "hãy", "để", "muốn", "được",
        "bị", "đừng", "không hề", "chưa từng", "có thể", "sự", "việc", "lời", "những",
        "các", "của", "theo",
    ])
});

/// Subjects that are nobody in particular ("Nhiều người cho rằng", "Có ý kiến cho rằng").
#[rustfmt::skip]
pub static GENERIC_SUBJECTS: LazyLock<PhraseSet> = LazyLock::new(|| {
    PhraseSet::new(&[
        "nhiều người", "một số người", "một số", "có người", "có ý kiến", "nhiều ý kiến",
        "ý kiến", "người ta", "tất cả", "ai", "mọi người", "dư luận", "nhiều", "đa số",
        "không ít người", "thông tin", "báo cáo", "tôi", "chúng tôi", "chúng ta", "mình",
        "bạn", "họ", "nó", "chúng", "đây", "đó", "điều này",
    ])
});

/// Words after "Theo" that name a document or a finding, not a speaker ("Theo báo cáo", "Theo
/// đó", "Theo quy định").
#[rustfmt::skip]
pub static NOT_SOURCES: LazyLock<PhraseSet> = LazyLock::new(|| {
    PhraseSet::new(&[
        "đó", "báo cáo", "thống kê", "kế hoạch", "quy định", "nghị quyết", "quyết định",
        "thông tư", "nghị định", "luật", "công điện", "chỉ thị", "dự báo", "số liệu",
        "kết quả", "nghiên cứu", "khảo sát", "tìm hiểu", "ghi nhận", "thông tin", "hợp đồng",
        "thỏa thuận", "tôi", "chúng tôi", "nội dung", "lịch", "chương trình", "dự kiến",
        "yêu cầu", "đề nghị", "chia sẻ", "quan điểm", "ước tính", "tính toán", "văn bản",
    ])
});

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::pairs::analyse_syllables;

    #[test]
    fn phrases_match_whatever_the_tone_style_and_case() {
        let s = analyse_syllables("Uỷ ban nhân dân tỉnh Quảng Nam cho biết");
        assert_eq!(BODIES.longest_at(&s, 0), Some(2));
        assert_eq!(SPEECH_VERBS.longest_at(&s, 7), Some(2));
        assert!(TITLES.is(&analyse_syllables("PHÓ CHỦ TỊCH")));
        assert!(!TITLES.is(&analyse_syllables("Phó Chủ")));
    }

    #[test]
    fn a_phrase_never_spans_a_sentence_end() {
        let s = analyse_syllables("Ông ấy về nhà. Cho biết thêm");
        assert_eq!(SPEECH_VERBS.longest_at(&s, 4), Some(2));
        let broken = analyse_syllables("cho. Biết");
        assert_eq!(SPEECH_VERBS.longest_at(&broken, 0), None);
    }
}
