//! An indexing run leaves what it wrote as one segment (each segment costs every query a term
//! lookup per word), and a later run merges only its own segments, not the earlier ones.

mod support;

use support::Site;
use tracuu_index::article::Article;
use tracuu_index::indexer::{IndexOptions, index_articles};
use tracuu_index::search::{SearchIndex, SearchRequest};

const SITE: Site = Site {
    url_prefix: "https://baochinhphu.vn/",
    title: "Chính phủ họp phiên thường kỳ",
    published: None,
};

fn article(id: &str, body: &str) -> Article {
    SITE.article(id, body)
}

/// Indexes `articles` on one thread, committing after every `commit_every`.
fn index_into(dir: &std::path::Path, articles: Vec<Article>, commit_every: u64) {
    index_on(dir, articles, commit_every, 1);
}

fn index_on(dir: &std::path::Path, articles: Vec<Article>, commit_every: u64, threads: usize) {
    let options = IndexOptions {
        progress: false,
        threads,
        memory_budget_bytes: threads * (32 << 20),
        commit_every,
    };
    index_articles(articles, dir, &options).expect("index");
}

fn segments(dir: &std::path::Path) -> Vec<tantivy::index::SegmentId> {
    let index = tantivy::Index::open_in_dir(dir).expect("open");
    index.searchable_segment_ids().expect("segments")
}

fn total(index: &SearchIndex, query: &str) -> u64 {
    let request = SearchRequest {
        query: query.into(),
        ..Default::default()
    };
    index.search(&request).expect("search").total
}

#[test]
fn a_run_committed_in_parts_is_one_segment_and_a_later_run_keeps_the_earlier_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bodies = [
        "Thủ tướng chủ trì phiên họp Chính phủ thường kỳ tháng 5.",
        "Chính phủ thảo luận tình hình kinh tế - xã hội.",
        "Các bộ báo cáo tiến độ giải ngân vốn đầu tư công.",
        "Thủ tướng yêu cầu đẩy mạnh cải cách hành chính.",
        "Chính phủ bàn giải pháp tháo gỡ khó khăn cho doanh nghiệp.",
        "Phiên họp đánh giá công tác phòng chống thiên tai.",
    ];
    let first: Vec<Article> = bodies
        .iter()
        .enumerate()
        .map(|(i, body)| article(&format!("a{i}"), body))
        .collect();
    // Three commits, then the run's merge.
    index_into(dir.path(), first, 2);
    let after_first = segments(dir.path());
    assert_eq!(after_first.len(), 1, "the first run leaves one segment");

    let index = SearchIndex::open(dir.path()).expect("open");
    assert_eq!(total(&index, "chính phủ"), 6);
    assert_eq!(total(&index, "cải cách hành chính"), 1);

    // A second run: one article replaced, one new, each committed on its own.
    index_into(
        dir.path(),
        vec![
            article("a3", "Thủ tướng yêu cầu tiết kiệm chi thường xuyên."),
            article(
                "b0",
                "Chính phủ ban hành nghị quyết về cải cách hành chính.",
            ),
        ],
        1,
    );
    let after_second = segments(dir.path());
    assert_eq!(
        after_second.len(),
        2,
        "the run's own segments merged: {after_second:?}"
    );
    assert!(
        after_second.contains(&after_first[0]),
        "the earlier segment is not rewritten"
    );
    index.reload().expect("reload");
    assert_eq!(total(&index, "chính phủ"), 7);
    assert_eq!(total(&index, "cải cách hành chính"), 1);
    assert_eq!(total(&index, "tiết kiệm chi thường xuyên"), 1);
}

#[test]
fn a_run_on_two_threads_leaves_one_segment_no_stale_files_and_every_article() {
    let dir = tempfile::tempdir().expect("temp dir");
    let provinces = [
        "Quảng Nam",
        "Đà Nẵng",
        "Huế",
        "Nghệ An",
        "Cần Thơ",
        "Lào Cai",
    ];
    let articles: Vec<Article> = (0..24)
        .map(|i| {
            let body = format!(
                "UBND tỉnh {} họp bàn cải cách hành chính, phiên thứ {i}.",
                provinces[i % provinces.len()]
            );
            article(&format!("p{i}"), &body)
        })
        .collect();
    // A commit every three articles: up to two segments per commit, eight commits.
    index_on(dir.path(), articles, 3, 2);
    let left = segments(dir.path());
    assert_eq!(
        left.len(),
        1,
        "the run's segments merged into one: {left:?}"
    );
    let on_disk: std::collections::BTreeSet<String> = std::fs::read_dir(dir.path())
        .expect("list index")
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().into_string().ok()?;
            let (stem, _) = name.split_once('.')?;
            (stem.len() == 32).then(|| stem.to_string())
        })
        .collect();
    let live: std::collections::BTreeSet<String> = left.iter().map(|id| id.uuid_string()).collect();
    assert_eq!(on_disk, live, "the merged segments' files are gone");
    let index = SearchIndex::open(dir.path()).expect("open");
    assert_eq!(total(&index, "cải cách hành chính"), 24);
    assert_eq!(total(&index, "Quảng Nam"), 4);
}
