//! Abbreviations a corpus defines ("Công an (CA)") and the words typed in full: the short form
//! is another way an article can hold the words, never a way to count articles that do not.

mod support;

use support::{Site, search_text as search, sorted_ids as ids};
use tracuu_index::article::Article;
use tracuu_index::search::{MatchKind, SearchIndex};

const SITE: Site = Site {
    url_prefix: "https://congan.quangnam.gov.vn/",
    title: "Tin địa phương",
    published: Some("2024-03-02T08:00:00+07:00"),
};

fn article(id: &str, body: &str) -> Article {
    SITE.article(id, body)
}

fn build() -> (tempfile::TempDir, SearchIndex) {
    support::build(vec![
        // Defines both short forms: "CA" spells a syllable (cá, cả, ca), "PCCC" does not.
        article(
            "dinh-nghia",
            "Lực lượng Công an (CA) và Phòng cháy chữa cháy (PCCC) tổng kết công tác năm.",
        ),
        article(
            "cong-an-xa",
            "Công an xã Tam Lãnh đã kịp thời giúp người dân bị lũ cô lập.",
        ),
        article(
            "ca-xa",
            "Người dân xã Tam Lãnh bắt được con cá trắm nặng 20 kg trên sông.",
        ),
        article("ca-lop", "Cả lớp về xã Tam Lãnh trải nghiệm thu hoạch lúa."),
        article(
            "pccc-xa",
            "Đội PCCC xã Tam Lãnh ra quân kiểm tra các kho chứa hàng.",
        ),
        // One short form, two things: NĐT (nhà đầu tư) and NDT (nhân dân tệ) fold alike.
        article(
            "nha-dau-tu",
            "Cổ phiếu ngân hàng được nhiều nhà đầu tư (NĐT) quan tâm.",
        ),
        article(
            "nhan-dan-te",
            "Đồng nhân dân tệ (NDT) giảm giá so với đồng USD.",
        ),
        article("ty-gia-ndt", "Tỷ giá NDT giảm mạnh trong phiên hôm qua."),
    ])
}

#[test]
fn a_short_form_that_spells_a_syllable_does_not_count_that_syllable() {
    let (_dir, index) = build();
    for query in ["công an xã", "cong an xa"] {
        let response = search(&index, query);
        assert_eq!(response.matched, MatchKind::All, "{query}");
        // "cá" and "cả" are no "công an": the fish and the class are not counted.
        assert_eq!(ids(&response), ["cong-an-xa"], "{query}");
        assert_eq!(response.total, 1, "{query}");
    }
}

#[test]
fn a_short_form_no_syllable_spells_still_matches_the_words_in_full() {
    let (_dir, index) = build();
    let response = search(&index, "phòng cháy chữa cháy xã");
    assert_eq!(response.matched, MatchKind::All);
    assert_eq!(ids(&response), ["pccc-xa"]);
}

#[test]
fn the_short_form_typed_in_capitals_still_finds_the_words_in_full() {
    let (_dir, index) = build();
    let response = search(&index, "CA xã");
    assert!(
        ids(&response).contains(&"cong-an-xa"),
        "{:?}",
        ids(&response)
    );
}

#[test]
fn a_short_form_the_corpus_defines_for_two_things_counts_for_neither() {
    let (_dir, index) = build();
    let response = search(&index, "nhà đầu tư");
    assert_eq!(response.matched, MatchKind::All);
    // The yuan article writes "NDT" and never "nhà đầu tư".
    assert_eq!(ids(&response), ["nha-dau-tu"]);
}

/// The short forms news writes with punctuation inside (`TP.HCM`, `KT-XH`, `GD&ĐT`): the index
/// holds them as syllables side by side, not as the one token `TPHCM` is.
fn build_written_forms() -> (tempfile::TempDir, SearchIndex) {
    support::build(vec![
        article("tphcm-dot", "Giá nhà ở TP.HCM tiếp tục tăng trong quý III."),
        article("tphcm-space", "Người dân TP HCM đón Tết sớm."),
        // A dot and a space: a sentence end to the tokenizer, still the city.
        article(
            "tphcm-dot-space",
            "Giá vàng SJC tại thị trường TP. HCM cũng biến động.",
        ),
        article(
            "tphcm-joined",
            "Sở Y tế TPHCM công bố số ca mắc mới trong ngày.",
        ),
        article(
            "tphcm-full",
            "Thành phố Hồ Chí Minh đẩy mạnh chuyển đổi số.",
        ),
        // "TP" and "HCM" apart are no "TP.HCM".
        article(
            "tp-can-tho",
            "Đoàn đại biểu TP Cần Thơ đến thăm Bảo tàng HCM.",
        ),
        article("kt-xh", "Báo cáo tình hình KT-XH 6 tháng đầu năm của tỉnh."),
        article(
            "gd-dt",
            "Sở GD&ĐT tỉnh Quảng Nam tổ chức kỳ thi chọn học sinh giỏi.",
        ),
        article(
            "pc-cc",
            "Lãnh đạo Phòng Cảnh sát PC&CC số 6 kiểm tra các chợ.",
        ),
    ])
}

#[test]
fn the_words_in_full_find_the_short_form_written_with_punctuation() {
    let (_dir, index) = build_written_forms();
    let hcm = [
        "tphcm-dot",
        "tphcm-dot-space",
        "tphcm-full",
        "tphcm-joined",
        "tphcm-space",
    ];
    for query in [
        "thành phố hồ chí minh",
        "thanh pho ho chi minh",
        "TPHCM",
        "TP.HCM",
    ] {
        let response = search(&index, query);
        assert_eq!(response.matched, MatchKind::All, "{query}");
        assert_eq!(ids(&response), hcm, "{query}");
        assert_eq!(response.total, 5, "{query}");
    }
    for (query, expected) in [
        ("kinh tế - xã hội", "kt-xh"),
        ("giáo dục và đào tạo", "gd-dt"),
        ("GD&ĐT", "gd-dt"),
        ("phòng cháy chữa cháy", "pc-cc"),
        ("PCCC", "pc-cc"),
    ] {
        let response = search(&index, query);
        assert_eq!(response.matched, MatchKind::All, "{query}");
        assert_eq!(ids(&response), [expected], "{query}");
    }
}

/// News cuts one short form into pieces at different places (`LĐ-TB&XH`, `LĐTB&XH`,
/// `LĐ-TBXH`): each is that short form, wherever the cut falls.
#[test]
fn a_short_form_is_found_wherever_news_cuts_it_into_pieces() {
    let (_dir, index) = support::build(vec![
        article(
            "cut-after-ld",
            "Sở LĐ-TB&XH tỉnh Nghệ An hỗ trợ người lao động mất việc.",
        ),
        article(
            "cut-before-xh",
            "Thứ trưởng Bộ LĐTB&XH Doãn Mậu Diệp thăm hỏi gia đình chính sách.",
        ),
        article(
            "cut-once",
            "Bộ LĐ-TBXH vừa ban hành hướng dẫn về bảo hiểm thất nghiệp.",
        ),
        article(
            "in-one-piece",
            "Theo số liệu của LĐTBXH, cả nước có hơn 1 triệu người thất nghiệp.",
        ),
        article(
            "in-full",
            "Bộ Lao động - Thương binh và Xã hội công bố kết quả kiểm tra.",
        ),
        // The same letters in two sentences are no short form.
        article(
            "apart",
            "Đội tuyển giành 3 HCV, 2 HCB ở nội dung LĐ. TBXH là viết tắt khác.",
        ),
    ]);
    let expected = [
        "cut-after-ld",
        "cut-before-xh",
        "cut-once",
        "in-full",
        "in-one-piece",
    ];
    for query in [
        "Lao động - Thương binh và Xã hội",
        "lao dong thuong binh va xa hoi",
        "LĐTBXH",
        "LĐTB&XH",
        "LĐ-TB&XH",
    ] {
        let response = search(&index, query);
        assert_eq!(response.matched, MatchKind::All, "{query}");
        assert_eq!(ids(&response), expected, "{query}");
        assert_eq!(response.total, 5, "{query}");
    }
}
