//! Names the lexicon does not know, typed as names are written (every syllable capitalised), place
//! names however they are typed, and people's names the articles write, however they are typed:
//! the article must hold the name, not its syllables scattered ("cập nhật … cơ bản").

mod support;

use support::{Site, search_text as search, sorted_ids as ids};
use tracuu_index::article::Article;
use tracuu_index::indexer::index_articles;
use tracuu_index::search::{MatchKind, SearchIndex};

const SITE: Site = Site {
    url_prefix: "https://moit.gov.vn/tin-tuc/",
    title: "Tin thương mại",
    published: Some("2024-03-12T09:30:00+07:00"),
};

fn article(id: &str, body: &str) -> Article {
    SITE.article(id, body)
}

/// "Phạm Minh Chính", named in one article.
fn prime_minister() -> Article {
    article(
        "thu-tuong",
        "Thủ tướng Phạm Minh Chính chủ trì hội nghị về xuất khẩu nông sản.",
    )
}

/// "Phạm Minh Chính" again, in a second article.
fn prime_minister_again() -> Article {
    article(
        "tiep-dai-su",
        "Chiều 12/3, Thủ tướng Phạm Minh Chính tiếp Đại sứ Nhật Bản.",
    )
}

/// "Phạm", "Minh" and "Chính" apart: another person, another topic.
fn pham_van_minh() -> Article {
    article(
        "pham",
        "Ông Phạm Văn Minh cho biết chính quyền địa phương hỗ trợ xuất khẩu.",
    )
}

fn build() -> (tempfile::TempDir, SearchIndex) {
    support::build(vec![
        article(
            "nhat-ban",
            "Kim ngạch xuất khẩu thủy sản sang Nhật Bản tăng 12% trong quý I.",
        ),
        // "nhật" and "bản" are both here, the name is not.
        article(
            "cap-nhat",
            "Bộ Công Thương cập nhật văn bản hướng dẫn thủ tục xuất khẩu cơ bản.",
        ),
        prime_minister(),
        pham_van_minh(),
        article(
            "hop-tac",
            "Hợp tác giữa Việt Nam và Nhật Bản trong lĩnh vực nông nghiệp được mở rộng.",
        ),
        article(
            "thai-lan",
            "Thái Lan là thị trường cung cấp gạo lớn cho Philippines.",
        ),
        // "thải lan" folds to "thai lan", side by side; "Thái" is not here.
        article(
            "chat-thai",
            "Chất thải lan rộng ra sông sau mưa lớn ở miền Nam.",
        ),
    ])
}

#[test]
fn a_name_typed_with_capitals_is_one_word() {
    let (_dir, index) = build();
    for (query, expected) in [
        ("Nhật Bản", vec!["hop-tac", "nhat-ban"]),
        ("xuất khẩu sang Nhật Bản", vec!["nhat-ban"]),
        ("Phạm Minh Chính", vec!["thu-tuong"]),
        ("Thủ tướng Phạm Minh Chính", vec!["thu-tuong"]),
        // A spaced dash separates two names, as a comma does.
        ("Việt Nam - Nhật Bản", vec!["hop-tac"]),
        ("Việt Nam, Nhật Bản", vec!["hop-tac"]),
        // The marks typed still hold: "thải lan" is no "Thái Lan".
        ("Thái Lan", vec!["thai-lan"]),
    ] {
        let response = search(&index, query);
        assert_eq!(response.matched, MatchKind::All, "{query}");
        assert_eq!(ids(&response), expected, "{query}");
        assert_eq!(response.total, expected.len() as u64, "{query}");
    }
}

#[test]
fn a_place_name_in_lower_case_is_still_the_place() {
    let (_dir, index) = build();
    // A user typing "nhat ban" means Japan, not "cập nhật … cơ bản".
    for query in ["nhat ban", "nhật bản", "xuat khau sang nhat ban"] {
        let response = search(&index, query);
        assert_eq!(response.matched, MatchKind::All, "{query}");
        let expected: &[&str] = if query.starts_with("xuat") {
            &["nhat-ban"]
        } else {
            &["hop-tac", "nhat-ban"]
        };
        assert_eq!(ids(&response), expected, "{query}");
    }
    // The answer says how the query was cut.
    let response = search(&index, "xuat khau sang nhat ban");
    assert_eq!(response.words, ["xuat khau", "sang", "nhat ban"]);
    // Typed without marks, "thai lan" is any "thai lan" side by side: "thải lan" too.
    assert_eq!(ids(&search(&index, "thai lan")), ["chat-thai", "thai-lan"]);
}

#[test]
fn a_person_named_in_one_article_in_lower_case_stays_syllables() {
    let (_dir, index) = build();
    // "Phạm Minh Chính" is written in one article only: a name met once is not learnt, and
    // "pham minh chinh" is its three syllables, each anywhere.
    let response = search(&index, "pham minh chinh");
    assert_eq!(ids(&response), ["pham", "thu-tuong"]);
    assert_eq!(response.words, ["pham", "minh", "chinh"]);
}

fn build_with_people() -> (tempfile::TempDir, SearchIndex) {
    support::build(vec![
        prime_minister(),
        prime_minister_again(),
        pham_van_minh(),
        // Named once: "bùi", "văn" and "cường" stay syllables, found apart too.
        article(
            "bui-van-cuong",
            "Ông Bùi Văn Cường, Tổng Thư ký Quốc hội, phát biểu.",
        ),
        article(
            "van-nghe",
            "Văn nghệ sĩ tham gia tăng cường quảng bá nghề bùi nhùi ở địa phương.",
        ),
    ])
}

#[test]
fn a_person_the_articles_name_is_one_word_however_it_is_typed() {
    let (_dir, index) = build_with_people();
    for query in [
        "pham minh chinh",
        "phạm minh chính",
        "Phạm Minh Chính",
        "PHAM MINH CHINH",
    ] {
        let response = search(&index, query);
        assert_eq!(response.matched, MatchKind::All, "{query}");
        assert_eq!(ids(&response), ["thu-tuong", "tiep-dai-su"], "{query}");
        assert_eq!(response.total, 2, "{query}");
    }
    let response = search(&index, "thu tuong pham minh chinh chu tri hoi nghi");
    assert_eq!(
        response.words,
        ["thu tuong", "pham minh chinh", "chu tri", "hoi nghi"]
    );
    assert_eq!(ids(&response), ["thu-tuong"]);
    // Marks typed against the name's still hold: "phạm minh chỉnh" is nobody here.
    let response = search(&index, "phạm minh chỉnh");
    assert_eq!(response.words, ["phạm", "minh", "chỉnh"]);
    assert_ne!(response.matched, MatchKind::All);
    // A person named once is not learnt.
    let response = search(&index, "bui van cuong");
    assert_eq!(response.words, ["bui", "van", "cuong"]);
    assert_eq!(ids(&response), ["bui-van-cuong", "van-nghe"]);
}

#[test]
fn a_name_a_later_run_learns_is_a_word_for_the_index_already_open() {
    let dir = tempfile::tempdir().expect("temp dir");
    let options = support::small_index_options();
    let first = vec![prime_minister(), pham_van_minh()];
    index_articles(first, dir.path(), &options).expect("index");
    let index = SearchIndex::open(dir.path()).expect("open");
    assert_eq!(
        ids(&search(&index, "pham minh chinh")),
        ["pham", "thu-tuong"]
    );
    // `tracuu update` beside a running server: a second article names him.
    let update = vec![prime_minister_again()];
    index_articles(update, dir.path(), &options).expect("update");
    // The server does not reload: its reader sees the commit on its own, shortly after.
    let waited = std::time::Instant::now();
    while index.num_docs() < 3 {
        assert!(
            waited.elapsed() < std::time::Duration::from_secs(60),
            "the reader never saw the commit"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let response = search(&index, "pham minh chinh");
    assert_eq!(response.words, ["pham minh chinh"]);
    assert_eq!(ids(&response), ["thu-tuong", "tiep-dai-su"]);
}

#[test]
fn a_place_name_typed_with_marks_is_found_only_where_it_stands_with_them() {
    let (_dir, index) = support::build(vec![
        article(
            "dao-ngoc",
            "Du lịch Phú Quốc đón hơn 500 nghìn lượt khách trong quý I.",
        ),
        // "phủ" beside "Quốc" across a comma, and a "phú" elsewhere: no "Phú Quốc".
        article(
            "quoc-hoi",
            "Chính phủ, Quốc hội thống nhất chủ trương; nông dân làm giàu, phú quý nhờ cây lúa.",
        ),
    ]);
    assert_eq!(ids(&search(&index, "Phú Quốc")), ["dao-ngoc"]);
    // Without marks, any "phu quoc" side by side counts, "phủ, Quốc" too.
    assert_eq!(ids(&search(&index, "phu quoc")), ["dao-ngoc", "quoc-hoi"]);
}
