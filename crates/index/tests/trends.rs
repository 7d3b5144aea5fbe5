//! Trends in the engine: each period's count is the search total for that period, undated
//! articles are in the `none` bucket, and the articles per period read from the term dictionaries
//! equal those counted article by article, deletions included.

mod support;

use std::path::{Path, PathBuf};

use tracuu_index::indexer::index_corpus;
use tracuu_index::search::trends::{Interval, TrendRequest};
use tracuu_index::search::{FacetField, MatchKind, SearchIndex, SearchRequest};

fn corpus() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    vec![
        root.join("corpus/seeds.jsonl"),
        root.join("tests/fixtures/trends.jsonl"),
    ]
}

fn build(dir: &Path, corpus: &[PathBuf]) -> SearchIndex {
    index_corpus(corpus, dir, &support::small_index_options()).expect("index the corpus");
    SearchIndex::open(dir).expect("open the index")
}

fn total(index: &SearchIndex, request: SearchRequest) -> (u64, MatchKind) {
    let response = index.search(&request).expect("search");
    (response.total, response.matched)
}

#[test]
fn every_period_counts_what_a_search_of_that_period_finds() {
    let dir = tempfile::tempdir().expect("temp dir");
    let index = build(dir.path(), &corpus());
    for interval in [Interval::Month, Interval::Year] {
        let request = TrendRequest {
            queries: vec![
                "nông thôn mới".into(),
                "chuyen doi so".into(),
                "người Việt Nam ở nước ngoài".into(),
            ],
            interval,
            ..TrendRequest::default()
        };
        let trend = index.trends(&request).expect("trend");
        assert_eq!(trend.series.len(), 3);
        assert!(!trend.periods.is_empty());
        for series in &trend.series {
            let mut dated = 0;
            for point in &series.points {
                let (from, to) = interval.days_of(&point.period).expect("a real period");
                let narrowed = SearchRequest {
                    query: series.q.clone(),
                    from: Some(from),
                    to: Some(to),
                    ..SearchRequest::default()
                };
                let (found, matched) = total(&index, narrowed);
                let expected = if matched == MatchKind::All { found } else { 0 };
                assert_eq!(point.count, expected, "{} in {}", series.q, point.period);
                let (all, _) = total(
                    &index,
                    SearchRequest {
                        from: Some(from),
                        to: Some(to),
                        ..SearchRequest::default()
                    },
                );
                assert_eq!(point.all, all, "all articles in {}", point.period);
                dated += point.count;
            }
            let (undated, matched) = total(
                &index,
                SearchRequest {
                    query: series.q.clone(),
                    filters: vec![(FacetField::Year, "none".into())],
                    ..SearchRequest::default()
                },
            );
            let undated = if matched == MatchKind::All {
                undated
            } else {
                0
            };
            assert_eq!(series.none.count, undated, "{} undated", series.q);
            assert_eq!(series.none.period, "none");
            let (whole, _) = total(
                &index,
                SearchRequest {
                    query: series.q.clone(),
                    ..SearchRequest::default()
                },
            );
            assert_eq!(series.total, whole);
            assert_eq!(dated + series.none.count, whole, "{}", series.q);
        }
    }
}

#[test]
fn undated_articles_are_in_no_period_but_in_the_none_bucket() {
    let dir = tempfile::tempdir().expect("temp dir");
    let index = build(dir.path(), &corpus());
    let trend = index
        .trends(&TrendRequest {
            queries: vec!["nông thôn mới".into()],
            interval: Interval::Year,
            ..TrendRequest::default()
        })
        .expect("trend");
    let series = &trend.series[0];
    // One undated guide to "xã nông thôn mới nâng cao"; two undated articles in all.
    assert_eq!((series.none.count, series.none.all), (1, 2));
    assert_eq!(series.none.share, 0.5);
    let years: Vec<(&str, u64, u64)> = series
        .points
        .iter()
        .map(|p| (p.period.as_str(), p.count, p.all))
        .collect();
    assert_eq!(
        years,
        [
            ("2019", 1, 1),
            ("2020", 0, 2),
            ("2021", 1, 5),
            ("2022", 1, 1)
        ]
    );
    assert_eq!(series.total, 4);
}

#[test]
fn filters_apply_to_the_articles_per_period_too() {
    let dir = tempfile::tempdir().expect("temp dir");
    let index = build(dir.path(), &corpus());
    let trend = index
        .trends(&TrendRequest {
            queries: vec!["chuyển đổi số".into()],
            interval: Interval::Year,
            filters: vec![(FacetField::Province, "Đà Nẵng".into())],
            ..TrendRequest::default()
        })
        .expect("trend");
    let points: Vec<(&str, u64, u64)> = trend.series[0]
        .points
        .iter()
        .map(|p| (p.period.as_str(), p.count, p.all))
        .collect();
    // Đà Nẵng's site, and the seeds naming Đà Nẵng: 2021 holds its plan and the seed of 11/2021.
    for (period, count, all) in &points {
        let (from, to) = Interval::Year.days_of(period).expect("year");
        let (expected_all, _) = total(
            &index,
            SearchRequest {
                from: Some(from),
                to: Some(to),
                filters: vec![(FacetField::Province, "Đà Nẵng".into())],
                ..SearchRequest::default()
            },
        );
        assert_eq!(*all, expected_all, "{period}");
        assert!(count <= all);
    }
    assert_eq!(points.first().map(|p| p.0), Some("2021"));
    assert_eq!(points.last().map(|p| p.0), Some("2023"));
}

#[test]
fn articles_per_period_from_the_dictionaries_equal_a_count_article_by_article() {
    let dir = tempfile::tempdir().expect("temp dir");
    let index = build(dir.path(), &corpus());
    // Re-index two articles with new dates: the old versions stay in their segment, deleted.
    let changed = dir.path().join("changed.jsonl");
    let lines: Vec<String> = std::fs::read_to_string(&corpus()[1])
        .expect("fixture")
        .lines()
        .take(2)
        .map(|line| {
            let mut article: serde_json::Value = serde_json::from_str(line).expect("JSON");
            article["published"] = "2024-12-01".into();
            article.to_string()
        })
        .collect();
    std::fs::write(&changed, lines.join("\n") + "\n").expect("write");
    let index_dir = dir.path().to_path_buf();
    drop(index);
    index_corpus(&[changed], &index_dir, &support::small_index_options())
        .expect("re-index two articles");
    let index = SearchIndex::open(&index_dir).expect("open");
    let snapshot = index.snapshot();
    assert_eq!(snapshot.num_docs(), 14, "replaced, not added");
    for interval in [Interval::Month, Interval::Year] {
        let quick = index
            .articles_per_period(&snapshot, &SearchRequest::default(), interval)
            .expect("from the dictionaries");
        let counted = index
            .matches_per_period(&snapshot, &SearchRequest::default(), interval)
            .expect("article by article");
        assert_eq!(quick, counted, "{interval:?}");
        assert_eq!(quick.total(), 14);
        assert_eq!(quick.undated, 2);
    }
    let quick = index
        .articles_per_period(&snapshot, &SearchRequest::default(), Interval::Year)
        .expect("years");
    assert_eq!(quick.get("2019"), 0, "the 2019 article moved to 2024");
    assert_eq!(quick.get("2024"), 3);
}

#[test]
fn a_snapshot_keeps_its_generation_and_a_commit_changes_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let index = build(dir.path(), &corpus()[..1]);
    let before = index.snapshot();
    assert_eq!(before.generation().len(), 16);
    assert_eq!(
        index.snapshot().generation(),
        before.generation(),
        "nothing committed"
    );
    let reopened = SearchIndex::open(dir.path()).expect("reopen");
    assert_eq!(
        reopened.snapshot().generation(),
        before.generation(),
        "the same commit, another process"
    );
    index_corpus(&corpus()[1..], dir.path(), &support::small_index_options())
        .expect("add the fixture");
    index.reload().expect("reload");
    let after = index.snapshot();
    assert_ne!(after.generation(), before.generation());
    // The old snapshot still searches the commit it was taken on.
    let old = index
        .search_in(&before, &SearchRequest::default())
        .expect("search the old snapshot");
    assert_eq!(old.total, 5);
    let new = index
        .search_in(&after, &SearchRequest::default())
        .expect("search the new snapshot");
    assert_eq!(new.total, 14);
}
