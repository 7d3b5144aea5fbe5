//! The article file: Article JSON Lines, appended whole and fsynced, recoverable after a crash.
//!
//! Each article is one `write` of a complete line followed by `fsync`. If the process dies in
//! the middle of a write, the file ends in a partial line; on the next start [`ArticleLog::open`]
//! cuts it off and reads back the URLs already written, so a resumed crawl never writes an
//! article twice or half.

use std::collections::HashSet;
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use tracuu_index::article::Article;

use crate::error::CrawlError;

/// An open `articles.jsonl`, with the URLs it already holds.
pub struct ArticleLog {
    path: PathBuf,
    file: File,
    written: HashSet<String>,
}

impl ArticleLog {
    /// Opens (or creates) the file, dropping a torn last line and indexing the URLs present.
    pub fn open(path: &Path) -> Result<Self, CrawlError> {
        let mut written = HashSet::new();
        let mut good_len: u64 = 0;
        if let Ok(file) = File::open(path) {
            let mut reader = BufReader::new(file);
            let mut line = String::new();
            loop {
                line.clear();
                let read = reader
                    .read_line(&mut line)
                    .map_err(|err| CrawlError::io(path, err))?;
                if read == 0 || !line.ends_with('\n') {
                    break;
                }
                match serde_json::from_str::<Article>(line.trim_end()) {
                    Ok(article) => {
                        written.insert(article.url);
                        good_len += read as u64;
                    }
                    Err(_) => break,
                }
            }
        }
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .map_err(|err| CrawlError::io(path, err))?;
        let len = file
            .metadata()
            .map_err(|err| CrawlError::io(path, err))?
            .len();
        if len > good_len {
            tracing::warn!(path = %path.display(), "dropping {} bytes of a torn last article", len - good_len);
            file.set_len(good_len)
                .map_err(|err| CrawlError::io(path, err))?;
        }
        Ok(ArticleLog {
            path: path.to_path_buf(),
            file,
            written,
        })
    }

    /// Whether an article with this URL is already in the file.
    pub fn contains(&self, url: &str) -> bool {
        self.written.contains(url)
    }

    /// URLs already in the file.
    pub fn urls(&self) -> impl Iterator<Item = &String> {
        self.written.iter()
    }

    /// Appends one article as a whole line and syncs it to disk; `false` if its URL is present.
    pub fn append(&mut self, article: &Article) -> Result<bool, CrawlError> {
        if self.written.contains(&article.url) {
            return Ok(false);
        }
        self.append_update(article)?;
        Ok(true)
    }

    /// Appends a new version of an article even when its URL is present (a re-crawl found it
    /// changed; `tracuu index` keeps the last line per id).
    pub fn append_update(&mut self, article: &Article) -> Result<(), CrawlError> {
        let mut line = serde_json::to_string(article).map_err(|err| CrawlError::State {
            path: self.path.clone(),
            message: err.to_string(),
        })?;
        line.push('\n');
        self.file
            .write_all(line.as_bytes())
            .map_err(|err| CrawlError::io(&self.path, err))?;
        self.file
            .sync_data()
            .map_err(|err| CrawlError::io(&self.path, err))?;
        self.written.insert(article.url.clone());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn torn_line_is_dropped_and_urls_remembered() {
        let dir = tempfile::tempdir().unwrap_or_else(|err| panic!("tempdir: {err}"));
        let path = dir.path().join("articles.jsonl");
        let article = Article {
            url: "https://mofa.gov.vn/a".into(),
            title: "Tin".into(),
            body: "Nội dung".into(),
            ..Default::default()
        };
        {
            let mut log = ArticleLog::open(&path).unwrap_or_else(|err| panic!("open: {err}"));
            assert!(log.append(&article).unwrap_or(false));
        }
        let mut file = OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap_or_else(|err| panic!("{err}"));
        file.write_all(b"{\"url\":\"https://mofa.gov.vn/b\",\"title\":\"Ha")
            .unwrap_or_default();
        drop(file);
        let mut log = ArticleLog::open(&path).unwrap_or_else(|err| panic!("reopen: {err}"));
        assert!(log.contains("https://mofa.gov.vn/a"));
        assert!(!log.append(&article).unwrap_or(true));
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        assert_eq!(text.lines().count(), 1);
        assert!(text.ends_with('\n'));
    }
}
