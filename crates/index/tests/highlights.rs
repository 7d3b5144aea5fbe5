//! What a snippet marks: the query's words where they stand whole, by the same rule that
//! matched the article, not every syllable that spells a part of one.

mod support;

use support::{Site, search_text as search};
use tracuu_index::search::SearchIndex;

const SITE: Site = Site {
    url_prefix: "https://quangnam.gov.vn/",
    title: "Kiều bào về quê đón Tết",
    published: Some("2023-01-20T08:00:00+07:00"),
};

fn build() -> (tempfile::TempDir, SearchIndex) {
    support::build(vec![SITE.article(
        "kieu-bao",
        "Năm nay, nhiều người Việt Nam ở nước ngoài về Quảng Nam đón Tết. Trong nước, \
         người dân cũng chuẩn bị từ tháng Chạp.",
    )])
}

/// The marked pieces of the first hit's snippet.
fn marked(index: &SearchIndex, query: &str) -> Vec<String> {
    let response = search(index, query);
    let hit = response
        .hits
        .first()
        .unwrap_or_else(|| panic!("{query}: no hit"));
    let snippet = &hit.snippet;
    snippet
        .marks
        .iter()
        .map(|m| snippet.text[m.clone()].to_string())
        .collect()
}

#[test]
fn a_word_is_marked_where_it_stands_whole() {
    let (_dir, index) = build();
    for query in ["nguoi viet nam o nuoc ngoai", "người Việt Nam ở nước ngoài"] {
        // The run "người Việt Nam ở nước ngoài", and "người", a word of the query, again. Not
        // the "Nam" of "Quảng Nam", not "Năm", not the "nước" of "Trong nước": each is a part
        // of a word of the query ("Việt Nam", "nước ngoài") standing without the rest.
        assert_eq!(
            marked(&index, query),
            ["người Việt Nam ở nước ngoài", "người"],
            "{query}"
        );
    }
}

#[test]
fn a_word_of_one_syllable_is_marked_wherever_it_stands() {
    let (_dir, index) = build();
    assert_eq!(
        marked(&index, "Quảng Nam người"),
        ["người", "Quảng Nam", "người"]
    );
}

/// A short form found for the words typed in full, or the words in full for a short form
/// typed, is marked as the article writes it: the snippet shows why the article matched.
#[test]
fn a_short_form_and_its_words_in_full_are_marked_for_each_other() {
    let (_dir, index) = support::build(vec![
        SITE.article(
            "bo-ldtbxh",
            "Thứ trưởng Bộ LĐTB&XH Doãn Mậu Diệp thăm hỏi gia đình chính sách.",
        ),
        SITE.article("tphcm", "Sở Y tế TP.HCM công bố số ca mắc mới trong ngày."),
        SITE.article(
            "ubnd-full",
            "Ủy ban nhân dân tỉnh Quảng Nam vừa ban hành kế hoạch phòng chống thiên tai.",
        ),
    ]);
    assert_eq!(
        marked(&index, "Bộ Lao động - Thương binh và Xã hội"),
        ["Bộ LĐTB&XH"]
    );
    assert_eq!(marked(&index, "thanh pho ho chi minh"), ["TP.HCM"]);
    assert_eq!(marked(&index, "UBND tỉnh"), ["Ủy ban nhân dân tỉnh"]);
}
