//! Facet counts stay exact as the index changes under an open reader: a new commit's articles
//! are counted, a replaced article counts once with its new values, and an article naming two
//! provinces is in both buckets.

mod support;

use tracuu_index::article::Article;
use tracuu_index::indexer::index_articles;
use tracuu_index::search::{SearchIndex, SearchRequest};

fn article(id: &str, source: &str, published: &str, body: &str) -> Article {
    Article {
        id: Some(id.into()),
        url: format!("https://{source}/{id}"),
        title: "Tin địa phương".into(),
        body: body.into(),
        source: Some(source.into()),
        published: Some(published.into()),
        ..Default::default()
    }
}

fn index_into(dir: &std::path::Path, articles: Vec<Article>) {
    let options = support::small_index_options();
    index_articles(articles, dir, &options).expect("index");
}

/// (value, count) of facet `name` for `query`.
fn facet(index: &SearchIndex, query: &str, name: &str) -> Vec<(String, u64)> {
    let request = SearchRequest {
        query: query.into(),
        ..Default::default()
    };
    let response = index.search(&request).expect("search");
    let mut counts: Vec<(String, u64)> = response.facets[name]
        .iter()
        .map(|c| (c.value.clone(), c.count))
        .collect();
    counts.sort();
    counts
}

#[test]
fn facets_count_new_commits_replacements_and_both_provinces_of_an_article() {
    let dir = tempfile::tempdir().expect("temp dir");
    index_into(
        dir.path(),
        vec![
            article(
                "a",
                "quangnam.gov.vn",
                "2021-03-04",
                "Tỉnh Quảng Nam hỗ trợ nông dân chuyển đổi cây trồng.",
            ),
            article(
                "b",
                "danang.gov.vn",
                "2022-05-06",
                "Đà Nẵng và Quảng Nam phối hợp hỗ trợ nông dân vùng giáp ranh.",
            ),
        ],
    );
    let index = SearchIndex::open(dir.path()).expect("open");
    assert_eq!(
        facet(&index, "hỗ trợ nông dân", "province"),
        [("Quảng Nam".to_string(), 2), ("Đà Nẵng".to_string(), 1)]
    );
    assert_eq!(
        facet(&index, "hỗ trợ nông dân", "year"),
        [("2021".to_string(), 1), ("2022".to_string(), 1)]
    );

    // A second commit: "a" replaced (now about Huế, in 2023), "c" new.
    index_into(
        dir.path(),
        vec![
            article(
                "a",
                "hue.gov.vn",
                "2023-01-02",
                "Thừa Thiên Huế hỗ trợ nông dân sau lũ.",
            ),
            article(
                "c",
                "quangnam.gov.vn",
                "2023-07-08",
                "Quảng Nam tiếp tục hỗ trợ nông dân trồng sâm.",
            ),
        ],
    );
    index.reload().expect("reload");
    assert_eq!(
        facet(&index, "hỗ trợ nông dân", "province"),
        [
            ("Quảng Nam".to_string(), 2),
            ("Thừa Thiên Huế".to_string(), 1),
            ("Đà Nẵng".to_string(), 1)
        ]
    );
    assert_eq!(
        facet(&index, "hỗ trợ nông dân", "source"),
        [
            ("danang.gov.vn".to_string(), 1),
            ("hue.gov.vn".to_string(), 1),
            ("quangnam.gov.vn".to_string(), 1)
        ]
    );
    assert_eq!(
        facet(&index, "hỗ trợ nông dân", "year"),
        [("2022".to_string(), 1), ("2023".to_string(), 2)]
    );
}

#[test]
fn a_province_or_type_filter_that_names_nothing_is_refused_not_answered_with_nothing() {
    use tracuu_index::search::{FacetField, SearchError};
    let dir = tempfile::tempdir().expect("temp dir");
    let mut island = article(
        "phu-quoc",
        "phuquoc.gov.vn",
        "2025-07-01",
        "Đặc khu Phú Quốc triển khai Nghị quyết số 57-NQ/TW về chuyển đổi số.",
    );
    // A site's own name for where it is, which names no province: kept as the site gives it.
    island.province = Some("Đặc khu Phú Quốc".into());
    index_into(
        dir.path(),
        vec![
            island,
            article(
                "quang-nam",
                "quangnam.gov.vn",
                "2025-07-02",
                "Tỉnh Quảng Nam triển khai Nghị quyết số 57-NQ/TW về chuyển đổi số.",
            ),
        ],
    );
    let index = SearchIndex::open(dir.path()).expect("open");
    assert_eq!(
        facet(&index, "chuyển đổi số", "province"),
        [
            ("Quảng Nam".to_string(), 1),
            ("Đặc khu Phú Quốc".to_string(), 1)
        ]
    );
    let filtered = |field: FacetField, value: &str| {
        index.search(&SearchRequest {
            query: "chuyển đổi số".into(),
            filters: vec![(field, value.into())],
            ..Default::default()
        })
    };
    // Any spelling of a province or a type counts; so does a value an article has.
    for (field, value, total) in [
        (FacetField::Province, "quang nam", 1),
        (FacetField::Province, "Đặc khu Phú Quốc", 1),
        (FacetField::Province, "Cà Mau", 0),
        (FacetField::Type, "nghi quyet", 2),
        (FacetField::Type, "Thông tư", 0),
    ] {
        let response = filtered(field, value).expect("a named value is searched");
        assert_eq!(response.total, total, "{value}");
    }
    // A word that names nothing would filter to nothing without saying why.
    for (field, value) in [(FacetField::Province, "Quang"), (FacetField::Type, "Nghi")] {
        match filtered(field, value) {
            Err(err @ SearchError::UnknownFilterValue { .. }) => {
                assert_eq!(err.code(), "unknown_filter_value");
                assert!(err.to_string().contains(value), "{err}");
            }
            other => panic!("{value}: {other:?}"),
        }
    }
}
