//! tracuu through its normal path: `index_corpus`/`index_articles`, then `SearchIndex::search`
//! with the question as the query text, exactly as the CLI and the API pass it.

use std::path::Path;

use anyhow::Context;
use tracuu_index::indexer::{IndexOptions, index_articles, index_corpus};
use tracuu_index::search::{MatchKind, SearchIndex, SearchRequest};

use super::{BuildOptions, Engine, Source};
use crate::memory::disk_usage;
use crate::queries::SpeedQuery;

/// A tracuu index directory, opened for search.
pub struct TracuuEngine {
    index: SearchIndex,
    dir: std::path::PathBuf,
    last_partial: bool,
}

impl TracuuEngine {
    /// Indexes `source` into `dir` with tracuu's indexer.
    pub fn build(source: Source<'_>, dir: &Path, options: &BuildOptions) -> anyhow::Result<Self> {
        let index_options = IndexOptions {
            memory_budget_bytes: options.memory_budget_bytes,
            threads: options.threads,
            progress: false,
            ..IndexOptions::default()
        };
        match source {
            Source::Articles(articles) => {
                index_articles(articles.iter().cloned(), dir, &index_options)
                    .context("tracuu indexing")?;
            }
            Source::File(path) => {
                index_corpus(&[path.to_path_buf()], dir, &index_options)
                    .context("tracuu indexing")?;
            }
        }
        TracuuEngine::open(dir, options)
    }

    /// Opens the tracuu index already in `dir`.
    pub fn open(dir: &Path, options: &BuildOptions) -> anyhow::Result<Self> {
        let mut index = SearchIndex::open(dir).context("opening the tracuu index")?;
        index.set_ranking(options.ranking);
        Ok(TracuuEngine {
            index,
            dir: dir.to_path_buf(),
            last_partial: false,
        })
    }

    /// The ids of the page as a user reads it (every-word hits, then any closest articles below
    /// them) and the total, which counts only the every-word hits.
    fn search(&mut self, query: String, limit: usize) -> anyhow::Result<(Vec<String>, u64)> {
        let request = SearchRequest {
            query,
            limit,
            closest: true,
            ..SearchRequest::default()
        };
        let response = self
            .index
            .search(&request)
            .with_context(|| format!("tracuu search for {:?}", request.query))?;
        self.last_partial = response.matched == MatchKind::Partial;
        let page = response.hits.into_iter().chain(response.closest);
        Ok((page.map(|h| h.id).collect(), response.total))
    }
}

impl Engine for TracuuEngine {
    fn ranked(&mut self, question: &str, limit: usize) -> anyhow::Result<Vec<String>> {
        Ok(self.search(question.to_string(), limit)?.0)
    }

    fn counted(&mut self, query: &SpeedQuery) -> anyhow::Result<(Vec<String>, u64)> {
        self.search(query.text(), 10)
    }

    fn index_bytes(&mut self) -> anyhow::Result<u64> {
        Ok(disk_usage(&self.dir))
    }

    fn last_was_partial(&self) -> Option<bool> {
        Some(self.last_partial)
    }
}
