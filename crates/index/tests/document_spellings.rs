//! One document, its number written in the Party's style or the Government's (`36-NQ/TW`,
//! `36/NQ-TW`): news mixes them up, and a search for either finds every article citing it.

mod support;

use support::{Site, search_text as search, sorted_ids as ids};
use tracuu_index::citator::CitatorRequest;
use tracuu_index::search::{FacetField, MatchKind, SearchIndex, SearchRequest};

const SITE: Site = Site {
    url_prefix: "https://sovhttdl.quangnam.gov.vn/",
    title: "Công tác người Việt Nam ở nước ngoài",
    published: Some("2024-03-26T08:00:00+07:00"),
};

fn build() -> (tempfile::TempDir, SearchIndex) {
    support::build(vec![
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
    ])
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
fn the_ref_facet_counts_the_document_once_in_its_official_form_as_its_filter_does() {
    let (_dir, index) = build();
    let request = |filters: Vec<(FacetField, String)>| SearchRequest {
        query: "nghị quyết".into(),
        filters,
        ..Default::default()
    };
    let response = index.search(&request(Vec::new())).expect("search");
    let refs: Vec<(&str, u64)> = response.facets["ref"]
        .iter()
        .map(|c| (c.value.as_str(), c.count))
        .collect();
    // Not "36-NQ/TW" 1 and "36/NQ-TW" 1: a researcher reads the count of the document.
    assert_eq!(refs, [("36-NQ/TW", 2), ("35/NQ-CP", 1)]);
    // Its filter, in either spelling, gives the articles the facet counted.
    for value in ["36-NQ/TW", "36/NQ-TW"] {
        let filtered = index
            .search(&request(vec![(FacetField::Ref, value.into())]))
            .expect("search");
        assert_eq!(filtered.total, 2, "{value}");
        assert_eq!(ids(&filtered), ["dash-slash", "slash-dash"], "{value}");
    }
}
