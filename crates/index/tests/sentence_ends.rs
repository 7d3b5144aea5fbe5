//! A word stops at the end of a sentence, whichever way it is matched: by its stored pair, or by
//! positions (a name the lexicon has no pair for, a three-syllable word, a quoted phrase).

mod support;

use support::{Site, search_text as search, sorted_ids as ids};
use tracuu_index::article::Article;
use tracuu_index::search::{MatchKind, SearchIndex};

const SITE: Site = Site {
    url_prefix: "https://vinhphuc.gov.vn/tin-tuc/",
    title: "Tin địa phương",
    published: Some("2024-05-20T08:00:00+07:00"),
};

fn article(id: &str, body: &str) -> Article {
    SITE.article(id, body)
}

fn build() -> (tempfile::TempDir, SearchIndex) {
    support::build(vec![
        article(
            "thai-lan",
            "Đoàn doanh nghiệp Thái Lan tìm hiểu cơ hội đầu tư tại tỉnh.",
        ),
        // "Thái" ends a sentence and "Lan" opens the next: no "Thái Lan" here.
        article(
            "ba-thai",
            "Trưởng đoàn là bà Nguyễn Thị Thái. Lan tỏa tinh thần khởi nghiệp là mục tiêu chung.",
        ),
        article(
            "thue-tncn",
            "Cục Thuế hướng dẫn quyết toán thuế thu nhập cá nhân năm 2023.",
        ),
        // "thuế thu" ends a sentence, "thu nhập" stands further on: the word is not here.
        article(
            "thu-nhap",
            "Ngành thuế thu. Nhập khẩu tăng mạnh, thu nhập của người lao động cũng tăng.",
        ),
    ])
}

#[test]
fn a_name_matched_by_positions_stops_at_a_full_stop() {
    let (_dir, index) = build();
    let response = search(&index, "Thái Lan");
    assert_eq!(response.matched, MatchKind::All);
    assert_eq!(ids(&response), ["thai-lan"]);
    assert_eq!(response.total, 1);
}

#[test]
fn a_three_syllable_word_stops_at_a_full_stop() {
    let (_dir, index) = build();
    for query in ["thuế thu nhập", "thue thu nhap"] {
        let response = search(&index, query);
        assert_eq!(response.matched, MatchKind::All, "{query}");
        assert_eq!(ids(&response), ["thue-tncn"], "{query}");
        assert_eq!(response.total, 1, "{query}");
    }
}

#[test]
fn a_quoted_phrase_matches_across_a_full_stop_only_when_typed_with_one() {
    let (_dir, index) = build();
    let response = search(&index, "\"Thị Thái. Lan tỏa\"");
    assert_eq!(ids(&response), ["ba-thai"]);
    assert_eq!(response.total, 1);
    // Typed without the full stop, the phrase is not in that article.
    let response = search(&index, "\"Nguyễn Thị Thái Lan tỏa\"");
    assert!(!ids(&response).contains(&"ba-thai"), "{:?}", ids(&response));
    let response = search(&index, "\"Thái Lan\"");
    assert_eq!(ids(&response), ["thai-lan"]);
}
