//! The article file: Article JSON Lines, appended whole, made durable in batches, recoverable.
//!
//! Articles are appended as whole lines; [`ArticleLog::commit`] flushes and `fdatasync`s them, and
//! the crawl journals the file's length after each commit (see [`crate::state::Files`]). On the next
//! start [`ArticleLog::open`] reads only what lies past that length: the articles written after the
//! last journalled commit (a kill between the two), which the caller counts as done, and a torn last
//! line, which it cuts off. So a resumed crawl never writes an article twice or half, and opening
//! costs what the last batch wrote, not what the whole crawl did.

use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, BufWriter, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use tracuu_index::article::Article;

use crate::error::CrawlError;

/// An open `articles.jsonl`, appending.
pub struct ArticleLog {
    path: PathBuf,
    file: BufWriter<File>,
    len: u64,
}

impl ArticleLog {
    /// Opens (or creates) the file. Lines from byte `durable` on are read back and returned (they
    /// were written after the last journalled commit); a torn or unreadable line and everything
    /// after it is cut off.
    pub fn open(path: &Path, durable: u64) -> Result<(Self, Vec<Article>), CrawlError> {
        let mut tail = Vec::new();
        let mut good_len = durable;
        if let Ok(mut file) = File::open(path) {
            let len = file
                .metadata()
                .map_err(|err| CrawlError::io(path, err))?
                .len();
            if len < durable {
                tracing::warn!(path = %path.display(), "shorter ({len} bytes) than the crawl state remembers ({durable}); reading it all");
                good_len = 0;
            }
            file.seek(SeekFrom::Start(good_len))
                .map_err(|err| CrawlError::io(path, err))?;
            let mut reader = BufReader::new(file);
            let mut line = Vec::new();
            loop {
                line.clear();
                let read = reader
                    .read_until(b'\n', &mut line)
                    .map_err(|err| CrawlError::io(path, err))?;
                if read == 0 || line.last() != Some(&b'\n') {
                    break;
                }
                match serde_json::from_slice::<Article>(&line) {
                    Ok(article) => {
                        tail.push(article);
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
        let log = ArticleLog {
            path: path.to_path_buf(),
            file: BufWriter::with_capacity(1 << 16, file),
            len: good_len,
        };
        Ok((log, tail))
    }

    /// Appends one article as a whole line (durable at the next [`ArticleLog::commit`]).
    pub fn append(&mut self, article: &Article) -> Result<(), CrawlError> {
        let mut line = serde_json::to_vec(article).map_err(|err| CrawlError::State {
            path: self.path.clone(),
            message: err.to_string(),
        })?;
        line.push(b'\n');
        self.file
            .write_all(&line)
            .map_err(|err| CrawlError::io(&self.path, err))?;
        self.len += line.len() as u64;
        Ok(())
    }

    /// Makes every appended article durable; returns the file's length.
    pub fn commit(&mut self) -> Result<u64, CrawlError> {
        self.file
            .flush()
            .map_err(|err| CrawlError::io(&self.path, err))?;
        self.file
            .get_ref()
            .sync_data()
            .map_err(|err| CrawlError::io(&self.path, err))?;
        Ok(self.len)
    }

    /// The file's length, including appends not yet committed.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// Whether the file holds no article.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn torn_line_is_dropped_and_the_tail_read_back() {
        let dir = tempfile::tempdir().unwrap_or_else(|err| panic!("tempdir: {err}"));
        let path = dir.path().join("articles.jsonl");
        let article = |url: &str| Article {
            url: url.into(),
            title: "Tin đối ngoại".into(),
            body: "Nội dung".into(),
            ..Default::default()
        };
        let committed = {
            let (mut log, tail) =
                ArticleLog::open(&path, 0).unwrap_or_else(|err| panic!("open: {err}"));
            assert!(tail.is_empty());
            log.append(&article("https://mofa.gov.vn/a"))
                .unwrap_or_else(|err| panic!("{err}"));
            let committed = log.commit().unwrap_or_else(|err| panic!("{err}"));
            log.append(&article("https://mofa.gov.vn/b"))
                .unwrap_or_else(|err| panic!("{err}"));
            log.commit().unwrap_or_else(|err| panic!("{err}"));
            committed
        };
        let mut file = OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap_or_else(|err| panic!("{err}"));
        file.write_all(b"{\"url\":\"https://mofa.gov.vn/c\",\"title\":\"Ha")
            .unwrap_or_default();
        drop(file);
        let (log, tail) =
            ArticleLog::open(&path, committed).unwrap_or_else(|err| panic!("reopen: {err}"));
        let urls: Vec<&str> = tail.iter().map(|a| a.url.as_str()).collect();
        assert_eq!(urls, vec!["https://mofa.gov.vn/b"]);
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        assert_eq!(text.lines().count(), 2);
        assert!(text.ends_with('\n'));
        assert_eq!(log.len(), text.len() as u64);
    }
}
