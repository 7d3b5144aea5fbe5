//! Queries typed with marks on some syllables only, as phone keyboards and hurried typists leave
//! them: each syllable keeps its own mark rule, and the words stay words.

mod support;

use support::{Site, search_text as search, sorted_ids as ids};
use tracuu_index::article::Article;
use tracuu_index::search::{MatchKind, SearchIndex};

const SITE: Site = Site {
    url_prefix: "https://baohiemxahoi.gov.vn/",
    title: "Tin an sinh",
    published: Some("2023-05-04T08:00:00+07:00"),
};

fn article(id: &str, body: &str) -> Article {
    SITE.article(id, body)
}

fn build() -> (tempfile::TempDir, SearchIndex) {
    support::build(vec![
        article(
            "bhxh",
            "Người lao động tự do được khuyến khích tham gia bảo hiểm xã hội tự nguyện.",
        ),
        // "bảo hiểm", "xã" and "hội" are all here, "xã hội" is not.
        article(
            "hoi-vien-xa",
            "Gói bảo hiểm mới mang lại nhiều quyền lợi cho hội viên ở các xã miền núi.",
        ),
        // "bảo", "hiểm" and "xã hội" are here, "bảo hiểm" is not.
        article(
            "hiem-hoa",
            "Bảo vệ trẻ em trước hiểm họa trên mạng là trách nhiệm của toàn xã hội.",
        ),
    ])
}

#[test]
fn a_half_marked_query_holds_its_words_as_a_marked_or_unmarked_one_does() {
    let (_dir, index) = build();
    for query in [
        "bảo hiểm xã hội",
        "bao hiem xa hoi",
        "bảo hiem xa hội",
        "bảo hiểm xa hoi",
        "bao hiem xã hội",
    ] {
        let response = search(&index, query);
        assert_eq!(response.matched, MatchKind::All, "{query}");
        assert_eq!(ids(&response), ["bhxh"], "{query}");
        assert_eq!(response.total, 1, "{query}");
    }
}

#[test]
fn a_mark_typed_still_excludes_the_other_marks() {
    let (_dir, index) = build();
    // "xá" is no "xã": no article holds the words, and nothing is counted.
    let response = search(&index, "bảo hiem xá hội");
    assert!(!ids(&response).contains(&"bhxh"), "{:?}", ids(&response));
    assert!(response.matched == MatchKind::Partial || response.total == 0);
}

#[test]
fn a_word_typed_with_one_mark_is_found_only_where_it_stands_with_that_mark() {
    let (_dir, index) = support::build(vec![
        article(
            "mua-ban",
            "Lực lượng công an triệt phá đường dây mua bán người qua biên giới.",
        ),
        // "mua bản" and a "bán" elsewhere: the syllables, but not the word "mua bán".
        article(
            "ban-quyen",
            "Nhiều hãng chọn mua bản quyền phần mềm; cửa hàng bán lẻ giảm giá điện thoại cho người dùng.",
        ),
        // "múa" is a reading of "mua" typed without marks: "múa bán" holds "mua bán".
        article(
            "mua-hat",
            "Đoàn nghệ thuật biểu diễn tiết mục múa bán hàng rong cho người xem.",
        ),
    ]);
    let found = search(&index, "mua bán người");
    assert_eq!(ids(&found), ["mua-ban", "mua-hat"]);
    assert_eq!(found.total, 2);
    // The same with the other syllable marked: "Công an" is "công" as typed, "an" any reading.
    let police = search(&index, "Công an");
    assert_eq!(ids(&police), ["mua-ban"]);
    // Typed without marks, every reading counts, "mua bản" too.
    assert_eq!(
        ids(&search(&index, "mua ban nguoi")),
        ["ban-quyen", "mua-ban", "mua-hat"]
    );
}
