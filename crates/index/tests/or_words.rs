//! `OR` between Vietnamese words typed without quotes: it joins the word on each side, as a
//! reader means "Quảng Nam OR Đà Nẵng" (either province), not the one syllable on each side.

mod support;

use support::{Site, search_text as search, sorted_ids as ids};
use tracuu_index::search::{MatchKind, SearchIndex};

const SITE: Site = Site {
    url_prefix: "https://baochinhphu.vn/",
    title: "Tin trong nước",
    published: Some("2024-05-10T09:00:00+07:00"),
};

fn build() -> (tempfile::TempDir, SearchIndex) {
    support::build(vec![
        SITE.article(
            "quang-nam",
            "Quảng Nam khởi công dự án đường ven biển, tăng cường phòng chống tham nhũng.",
        ),
        SITE.article(
            "da-nang",
            "Đà Nẵng đón hơn một triệu lượt khách du lịch trong dịp lễ.",
        ),
        SITE.article(
            "ha-noi",
            "Hà Nội xử lý nghiêm các vụ tham nhũng trong lĩnh vực đất đai.",
        ),
        // "Quảng" and "Nẵng" stand here, but neither province.
        SITE.article(
            "quang-ba",
            "Quảng Bá là phường của Hà Nội; ông Nẵng kể lại chuyến đi.",
        ),
        SITE.article(
            "bhxh",
            "Người lao động tham gia bảo hiểm xã hội được hưởng lương hưu.",
        ),
        SITE.article(
            "bhyt",
            "Học sinh được cấp thẻ bảo hiểm y tế miễn phí từ năm học này.",
        ),
    ])
}

#[test]
fn or_between_two_place_names_finds_either_place() {
    let (_dir, index) = build();
    for query in ["Quảng Nam OR Đà Nẵng", "quang nam OR da nang"] {
        let response = search(&index, query);
        assert_eq!(response.matched, MatchKind::All, "{query}");
        assert_eq!(ids(&response), ["da-nang", "quang-nam"], "{query}");
        assert_eq!(response.total, 2, "{query}");
    }
}

#[test]
fn words_before_an_or_stay_required() {
    let (_dir, index) = build();
    // "tham nhũng" and ("Hà Nội" or "Đà Nẵng"): Đà Nẵng's article says nothing of corruption.
    let response = search(&index, "tham nhũng Hà Nội OR Đà Nẵng");
    assert_eq!(response.matched, MatchKind::All);
    assert_eq!(ids(&response), ["ha-noi"]);
    // "bảo hiểm" and ("xã hội" or "y tế").
    let response = search(&index, "bảo hiểm xã hội OR y tế");
    assert_eq!(response.matched, MatchKind::All);
    assert_eq!(ids(&response), ["bhxh", "bhyt"]);
}
