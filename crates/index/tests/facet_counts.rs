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
