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
