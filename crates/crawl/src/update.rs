//! Keeping an index current: after an update pass of the crawl ([`crate::crawler::CrawlMode::Update`]),
//! index only the articles it wrote.
//!
//! `articles.jsonl` only grows, and every article a pass writes is new or changed, so what needs
//! indexing is exactly the part of the file past the point indexed last time. That point is kept
//! in `indexed.json` beside the articles, with the index it was indexed into, and moved only after
//! the index committed: a run killed while indexing indexes the same articles again next time,
//! which changes nothing (the index replaces articles by id). Cost: the new articles, never the
//! whole file.

use std::fs::File;
use std::io::{BufRead, BufReader, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tracuu_index::article::Article;
use tracuu_index::corpus::parse_line;
use tracuu_index::indexer::{IndexOptions, index_articles};

use crate::crawler::ARTICLES_FILE;
use crate::error::CrawlError;

/// The file beside the articles that says how far they were indexed.
pub const INDEXED_FILE: &str = "indexed.json";

/// How far `articles.jsonl` was indexed, and into which index.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexedMark {
    /// The index directory (absolute).
    pub index: PathBuf,
    /// Bytes of `articles.jsonl` indexed.
    pub articles: u64,
}

/// What an index step did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct IndexStep {
    /// New or changed articles indexed.
    pub indexed: u64,
    /// Malformed lines skipped.
    pub skipped: u64,
    /// Articles in the index afterwards.
    pub docs_in_index: u64,
}

fn mark_path(data: &Path) -> PathBuf {
    data.join(INDEXED_FILE)
}

fn read_mark(data: &Path) -> IndexedMark {
    std::fs::read(mark_path(data))
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

fn write_mark(data: &Path, mark: &IndexedMark) -> Result<(), CrawlError> {
    let path = mark_path(data);
    let tmp = path.with_extension("json.tmp");
    let bytes = serde_json::to_vec_pretty(mark).map_err(|err| CrawlError::State {
        path: path.clone(),
        message: err.to_string(),
    })?;
    let mut file = File::create(&tmp).map_err(|err| CrawlError::io(&tmp, err))?;
    file.write_all(&bytes)
        .map_err(|err| CrawlError::io(&tmp, err))?;
    file.sync_all().map_err(|err| CrawlError::io(&tmp, err))?;
    std::fs::rename(&tmp, &path).map_err(|err| CrawlError::io(&path, err))
}

/// The articles of `path` from byte `from` on, whole lines only; counts the bytes they span and
/// the malformed lines skipped.
struct Tail {
    reader: BufReader<File>,
    path: PathBuf,
    end: u64,
    skipped: u64,
    error: Option<CrawlError>,
}

impl Iterator for Tail {
    type Item = Article;

    fn next(&mut self) -> Option<Article> {
        let mut line = Vec::new();
        loop {
            line.clear();
            match self.reader.read_until(b'\n', &mut line) {
                Ok(0) => return None,
                Ok(_) if line.last() != Some(&b'\n') => return None,
                Ok(read) => {
                    self.end += read as u64;
                    match parse_line(&line) {
                        Ok(parsed) => {
                            for repair in &parsed.repairs {
                                tracing::warn!(path = %self.path.display(), offset = self.end - read as u64, "{repair}");
                            }
                            return Some(parsed.article);
                        }
                        Err(err) => {
                            tracing::warn!(path = %self.path.display(), offset = self.end - read as u64, "skipping a malformed article: {err}");
                            self.skipped += 1;
                        }
                    }
                }
                Err(err) => {
                    self.error = Some(CrawlError::io(&self.path, err));
                    return None;
                }
            }
        }
    }
}

/// Indexes the articles of the crawl directory `data` written since the last index step into
/// `index` (all of them when `index` is another index than last time).
pub fn index_new_articles(
    data: &Path,
    index: &Path,
    options: &IndexOptions,
) -> Result<IndexStep, CrawlError> {
    let index = std::path::absolute(index).map_err(|err| CrawlError::io(index, err))?;
    let path = data.join(ARTICLES_FILE);
    let mark = read_mark(data);
    let from = if mark.index == index {
        mark.articles
    } else {
        0
    };
    let mut file = match File::open(&path) {
        Ok(file) => file,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(IndexStep::default()),
        Err(err) => return Err(CrawlError::io(&path, err)),
    };
    let len = file
        .metadata()
        .map_err(|err| CrawlError::io(&path, err))?
        .len();
    let from = if from > len { 0 } else { from };
    if from == len && tracuu_index::indexer::index_exists(&index) {
        return Ok(IndexStep::default());
    }
    file.seek(SeekFrom::Start(from))
        .map_err(|err| CrawlError::io(&path, err))?;
    let mut tail = Tail {
        reader: BufReader::with_capacity(1 << 16, file),
        path: path.clone(),
        end: from,
        skipped: 0,
        error: None,
    };
    let report = index_articles(&mut tail, &index, options).map_err(|err| CrawlError::Index {
        path: index.clone(),
        message: err.to_string(),
    })?;
    if let Some(err) = tail.error {
        return Err(err);
    }
    write_mark(
        data,
        &IndexedMark {
            index,
            articles: tail.end,
        },
    )?;
    Ok(IndexStep {
        indexed: report.indexed,
        skipped: tail.skipped,
        docs_in_index: report.docs_in_index,
    })
}
