//! Small indexes for the index crate's tests: one thread, a small heap, no progress bar.

#![allow(dead_code)] // each test binary uses a different part of this helper

use tracuu_index::article::Article;
use tracuu_index::indexer::{IndexOptions, index_articles};
use tracuu_index::search::{SearchIndex, SearchRequest, SearchResponse};

/// Options for a test index: one thread and 32 MB, so a handful of articles make one segment.
pub fn small_index_options() -> IndexOptions {
    IndexOptions {
        progress: false,
        threads: 1,
        memory_budget_bytes: 32 << 20,
        ..Default::default()
    }
}

/// A site the test articles come from: where their pages are, their title and their date.
pub struct Site {
    /// The start of every article's URL (`https://moit.gov.vn/tin-tuc/`); the id follows.
    pub url_prefix: &'static str,
    /// Every article's title.
    pub title: &'static str,
    /// Every article's publication time, RFC 3339; `None` for undated articles.
    pub published: Option<&'static str>,
}

impl Site {
    /// The article `id` of this site, with `body`.
    pub fn article(&self, id: &str, body: &str) -> Article {
        Article {
            id: Some(id.into()),
            url: format!("{}{id}", self.url_prefix),
            title: self.title.into(),
            body: body.into(),
            published: self.published.map(Into::into),
            ..Default::default()
        }
    }
}

/// `articles` indexed into a new temporary directory, opened for search.
pub fn build(articles: Vec<Article>) -> (tempfile::TempDir, SearchIndex) {
    let dir = tempfile::tempdir().expect("temp dir");
    index_articles(articles, dir.path(), &small_index_options()).expect("index");
    let index = SearchIndex::open(dir.path()).expect("open");
    (dir, index)
}

/// The first ten matches of `query` typed as is, every other option at its default.
pub fn search_text(index: &SearchIndex, query: &str) -> SearchResponse {
    let request = SearchRequest {
        query: query.into(),
        limit: 10,
        ..Default::default()
    };
    index
        .search(&request)
        .unwrap_or_else(|e| panic!("{query}: {e}"))
}

/// The ids of an answer's hits, sorted (the set, not the ranking).
pub fn sorted_ids(response: &SearchResponse) -> Vec<&str> {
    let mut ids: Vec<&str> = response.hits.iter().map(|h| h.id.as_str()).collect();
    ids.sort_unstable();
    ids
}
