//! One document, its number written in the Party's style or the Government's (`36-NQ/TW`,
//! `36/NQ-TW`): news mixes them up, and a search for either finds every article citing it.

mod support;

use support::{Site, search_text as search, sorted_ids as ids};
use tracuu_index::article::Article;
use tracuu_index::citator::CitatorRequest;
use tracuu_index::search::{FacetField, MatchKind, SearchIndex, SearchRequest};

const SITE: Site = Site {
    url_prefix: "https://sovhttdl.quangnam.gov.vn/",
    title: "Công tác người Việt Nam ở nước ngoài",
    published: Some("2024-03-26T08:00:00+07:00"),
};

fn build() -> (tempfile::TempDir, SearchIndex) {
    build_with(Vec::new())
}

/// The three articles below, and `more`.
fn build_with(more: Vec<Article>) -> (tempfile::TempDir, SearchIndex) {
    let mut articles = vec![
        SITE.article(
            "dash-slash",
            "Tỉnh tổng kết 20 năm thực hiện Nghị quyết số 36-NQ/TW của Bộ Chính trị.",
        ),
        SITE.article(
            "slash-dash",
            "Hội nghị quán triệt Nghị quyết 36/NQ-TW về công tác đối với kiều bào.",
        ),
        SITE.article(
            "other",
            "Thực hiện Nghị quyết số 35/NQ-CP về hỗ trợ doanh nghiệp.",
        ),
    ];
    articles.extend(more);
    support::build(articles)
}

#[test]
fn either_style_of_a_number_finds_the_articles_citing_the_document() {
    let (_dir, index) = build();
    for query in [
        "36-NQ/TW",
        "36/NQ-TW",
        "Nghị quyết 36/NQ-TW",
        "nghị quyết số 36-NQ/TW",
        "ref:36/NQ-TW",
        // Typed in a hurry, its parts run together.
        "36NQ/TW",
        "36-nqtw",
    ] {
        let response = search(&index, query);
        assert_eq!(response.matched, MatchKind::All, "{query}");
        assert_eq!(ids(&response), ["dash-slash", "slash-dash"], "{query}");
    }
}

#[test]
fn the_citator_counts_and_quotes_both_spellings_as_one_document() {
    let (_dir, index) = build();
    for number in ["36-NQ/TW", "36/NQ-TW"] {
        let report = index
            .citator(&CitatorRequest::new(number))
            .unwrap_or_else(|e| panic!("{number}: {e}"));
        assert_eq!(report.citing, 2, "{number}");
        let mut sentences: Vec<&str> = report
            .articles
            .iter()
            .filter_map(|a| a.sentence.as_deref())
            .collect();
        sentences.sort_unstable();
        assert_eq!(
            sentences,
            [
                "Hội nghị quán triệt Nghị quyết 36/NQ-TW về công tác đối với kiều bào.",
                "Tỉnh tổng kết 20 năm thực hiện Nghị quyết số 36-NQ/TW của Bộ Chính trị.",
            ],
            "{number}"
        );
        // The document is not "cited with" itself in its other spelling.
        assert!(
            report.cited_with.is_empty(),
            "{number}: {:?}",
            report.cited_with
        );
    }
}

#[test]
fn the_ref_facet_counts_each_document_as_its_filter_finds_it() {
    let (_dir, index) = build_with(vec![
        SITE.article(
            "old-style",
            "Rà soát việc thực hiện Nghị quyết số 35-NQ/CP về hỗ trợ doanh nghiệp.",
        ),
        SITE.article(
            "decree",
            "Xử phạt theo Nghị định 174/2013/NĐ-CP ngày 13/11/2013 của Chính phủ.",
        ),
        SITE.article(
            "decree-dashed",
            "Đoàn kiểm tra lập biên bản theo Nghị định 174-2013/NĐ-CP của Chính phủ.",
        ),
    ]);
    let request = |filters: Vec<(FacetField, String)>| SearchRequest {
        query: String::new(),
        filters,
        ..Default::default()
    };
    let response = index.search(&request(Vec::new())).expect("search");
    let refs: Vec<(&str, u64)> = response.facets["ref"]
        .iter()
        .map(|c| (c.value.as_str(), c.count))
        .collect();
    // Not "36-NQ/TW" 1 and "36/NQ-TW" 1: a Party document is one value, in the Party's style.
    // A State body's number in the Party's style is kept as written: it is how the State
    // numbered its documents until the 1990s, so it may be another document.
    // A number written with another separator between serial and year is kept as written too.
    assert_eq!(
        refs,
        [
            ("36-NQ/TW", 2),
            ("174-2013/NĐ-CP", 1),
            ("174/2013/NĐ-CP", 1),
            ("35-NQ/CP", 1),
            ("35/NQ-CP", 1)
        ]
    );
    // A researcher who clicks a value gets the articles it counted, in either spelling.
    for (value, count) in refs {
        let filtered = index
            .search(&request(vec![(FacetField::Ref, value.into())]))
            .expect("search");
        assert_eq!(filtered.total, count, "{value}");
    }
    let slashed = index
        .search(&request(vec![(FacetField::Ref, "36/NQ-TW".into())]))
        .expect("search");
    assert_eq!(ids(&slashed), ["dash-slash", "slash-dash"]);
    // The number typed in the words asks both styles: every article that may cite it.
    assert_eq!(ids(&search(&index, "35/NQ-CP")), ["old-style", "other"]);
    assert_eq!(
        ids(&search(&index, "174/2013/NĐ-CP")),
        ["decree", "decree-dashed"]
    );
}

#[test]
fn a_year_written_inside_a_party_number_is_its_year_of_issue() {
    let (_dir, index) = build_with(vec![
        SITE.article(
            "dated",
            "Kỷ niệm 20 năm thực hiện Nghị quyết số 36-NQ/TW ngày 26/3/2004 của Bộ Chính trị.",
        ),
        SITE.article(
            "year-inside",
            "Báo cáo viện dẫn Nghị quyết 36/2004/NQ-TW của Bộ Chính trị về kiều bào.",
        ),
        SITE.article(
            "another-year",
            "Thực hiện Nghị quyết số 36-NQ/TW ngày 3/6/2013 của Ban Chấp hành Trung ương.",
        ),
    ]);
    // Typed with its year inside, the number asks for the document of that year, or one whose
    // year the article does not say; never the same number of another year.
    for query in [
        "36/2004/NQ-TW",
        "nghị quyết 36/2004/nq-tw",
        "36-NQ/TW năm 2004",
    ] {
        let response = search(&index, query);
        assert_eq!(response.matched, MatchKind::All, "{query}");
        assert_eq!(
            ids(&response),
            ["dash-slash", "dated", "slash-dash", "year-inside"],
            "{query}"
        );
    }
    // Written so in an article, it is the number the Party gives it: one facet value.
    let all = index
        .search(&SearchRequest {
            query: String::new(),
            ..Default::default()
        })
        .expect("search");
    let refs: Vec<(&str, u64)> = all.facets["ref"]
        .iter()
        .map(|c| (c.value.as_str(), c.count))
        .collect();
    assert_eq!(refs, [("36-NQ/TW", 5), ("35/NQ-CP", 1)]);
}

#[test]
fn a_date_after_a_comma_and_before_the_issuer_is_the_documents_year() {
    let (_dir, index) = build_with(vec![
        SITE.article(
            "rule-2017",
            "Căn cứ Quy định số 102-QĐ/TW, ngày 15/11/2017 của Bộ Chính trị về xử lý kỷ luật đảng viên vi phạm.",
        ),
        SITE.article(
            "event",
            "Quán triệt Quy định số 102-QĐ/TW, ngày 15/6/2024, tại hội trường tỉnh ủy.",
        ),
    ]);
    // The first gives its year of issue: a search for another year's document does not find it.
    // The second's date is an event's, after a comma with no issuer: its year is unknown.
    assert_eq!(
        ids(&search(&index, "quy định 102 năm 2017")),
        ["event", "rule-2017"]
    );
    assert_eq!(ids(&search(&index, "quy định 102 năm 2024")), ["event"]);
}
