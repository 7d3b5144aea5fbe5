//! Reading Article JSON Lines: plain, gzip (`.gz`), Zstandard (`.zst`) or xz (`.xz`).
//!
//! A corpus is one or more files, or directories of them. A malformed line is reported with its
//! file and line number and skipped; reading goes on, and the caller gets the total skipped.
//!
//! ```no_run
//! use std::path::PathBuf;
//! use tracuu_index::corpus::{corpus_files, read_articles};
//! let files = corpus_files(&PathBuf::from("corpus")).unwrap();
//! let report = read_articles(&files, None, |article| {
//!     println!("{}", article.title);
//!     Ok::<(), std::io::Error>(())
//! }).unwrap();
//! println!("{} read, {} skipped", report.articles, report.skipped);
//! ```

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use indicatif::ProgressBar;
use thiserror::Error;
use tracing::warn;

use crate::article::Article;

/// Why a corpus could not be read (malformed lines are not errors: they are skipped).
#[derive(Debug, Error)]
pub enum CorpusError {
    /// A file or directory could not be opened or read.
    #[error("{path}: {source}")]
    Io {
        /// The file concerned.
        path: PathBuf,
        /// The underlying error.
        source: io::Error,
    },
    /// The consumer of the articles failed (e.g. the index writer).
    #[error("{0}")]
    Consumer(String),
}

/// What reading a corpus found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReadReport {
    /// Non-blank lines seen.
    pub lines: u64,
    /// Articles handed to the consumer.
    pub articles: u64,
    /// Lines skipped as malformed.
    pub skipped: u64,
}

const EXTENSIONS: [&str; 4] = [".jsonl", ".jsonl.gz", ".jsonl.zst", ".jsonl.xz"];

/// True when a file name looks like Article JSON Lines in a supported compression.
pub fn is_corpus_file(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    EXTENSIONS.iter().any(|ext| name.ends_with(ext))
}

/// A file as is, or the corpus files directly inside a directory, sorted by name.
pub fn corpus_files(path: &Path) -> io::Result<Vec<PathBuf>> {
    if !path.is_dir() {
        // Opening it now turns a typo into an error that names the path.
        File::open(path)?;
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files = Vec::new();
    for entry in std::fs::read_dir(path)? {
        let entry_path = entry?.path();
        if entry_path.is_file() && is_corpus_file(&entry_path) {
            files.push(entry_path);
        }
    }
    files.sort();
    Ok(files)
}

/// Counts bytes as they are read, so progress can follow the compressed input.
struct CountingReader<R> {
    inner: R,
    progress: Option<ProgressBar>,
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if let Some(progress) = &self.progress {
            progress.inc(n as u64);
        }
        Ok(n)
    }
}

/// Opens a corpus file, decompressing by its extension.
pub fn open_corpus_file(
    path: &Path,
    progress: Option<ProgressBar>,
) -> io::Result<Box<dyn BufRead>> {
    let file = CountingReader {
        inner: File::open(path)?,
        progress,
    };
    let name = path.to_string_lossy();
    let reader: Box<dyn Read> = if name.ends_with(".gz") {
        Box::new(flate2::read::MultiGzDecoder::new(BufReader::new(file)))
    } else if name.ends_with(".zst") {
        Box::new(zstd::stream::read::Decoder::new(file)?)
    } else if name.ends_with(".xz") {
        Box::new(xz2::read::XzDecoder::new_multi_decoder(BufReader::new(
            file,
        )))
    } else {
        Box::new(file)
    };
    Ok(Box::new(BufReader::with_capacity(1 << 16, reader)))
}

/// Parses one line into an Article, or says why it is not one.
pub fn parse_line(line: &[u8]) -> Result<Article, String> {
    // simdutf8 validates news text (mostly multi-byte) several times faster than std, and only
    // a failure pays for std's detailed error.
    let text = match simdutf8::basic::from_utf8(line) {
        Ok(text) => text,
        Err(_) => {
            return Err(match std::str::from_utf8(line) {
                Err(e) => format!("invalid UTF-8: {e}"),
                Ok(_) => "invalid UTF-8".to_string(),
            });
        }
    };
    let article: Article = serde_json::from_str(text).map_err(|e| e.to_string())?;
    for (name, value) in [
        ("url", &article.url),
        ("title", &article.title),
        ("body", &article.body),
    ] {
        if value.trim().is_empty() {
            return Err(format!("field `{name}` is empty"));
        }
    }
    Ok(article)
}

/// Reads every article of `files` in order and hands each to `consume`.
///
/// `progress`, when given, advances by compressed bytes read (set its length to the files' size).
pub fn read_articles<E: std::fmt::Display>(
    files: &[PathBuf],
    progress: Option<&ProgressBar>,
    mut consume: impl FnMut(Article) -> Result<(), E>,
) -> Result<ReadReport, CorpusError> {
    let mut report = ReadReport::default();
    let mut line = Vec::with_capacity(1 << 16);
    for path in files {
        let io_err = |source| CorpusError::Io {
            path: path.clone(),
            source,
        };
        let mut reader = open_corpus_file(path, progress.cloned()).map_err(io_err)?;
        let mut number = 0u64;
        loop {
            line.clear();
            let n = reader.read_until(b'\n', &mut line).map_err(io_err)?;
            if n == 0 {
                break;
            }
            number += 1;
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            report.lines += 1;
            match parse_line(&line) {
                Ok(article) => {
                    report.articles += 1;
                    consume(article).map_err(|e| CorpusError::Consumer(e.to_string()))?;
                }
                Err(reason) => {
                    report.skipped += 1;
                    warn!(
                        "{}:{number}: skipped malformed line: {reason}",
                        path.display()
                    );
                }
            }
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    const GOOD: &str = r#"{"url":"https://quangnam.gov.vn/a","title":"Tổng kết công tác người Việt Nam ở nước ngoài","body":"Chiều ngày 22/02/2021, Ban về người Việt Nam ở nước ngoài tỉnh Quảng Nam tổ chức cuộc họp.","extra":1}"#;

    fn collect(files: &[PathBuf]) -> (Vec<Article>, ReadReport) {
        let mut out = Vec::new();
        let report = read_articles(files, None, |a| {
            out.push(a);
            Ok::<(), String>(())
        });
        (out, report.unwrap_or_default())
    }

    #[test]
    fn malformed_lines_are_skipped_and_counted() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("mixed.jsonl");
        let mut file = File::create(&path)?;
        writeln!(file, "{GOOD}")?;
        writeln!(file, "{{not json")?;
        writeln!(file)?;
        writeln!(
            file,
            r#"{{"url":"https://x.vn/b","title":"Thiếu nội dung","body":"  "}}"#
        )?;
        file.write_all(b"{\"url\":\"\xff\"}\n")?;
        writeln!(file, "{GOOD}")?;
        drop(file);
        let (articles, report) = collect(&[path]);
        assert_eq!(articles.len(), 2);
        assert_eq!(
            report,
            ReadReport {
                lines: 5,
                articles: 2,
                skipped: 3
            }
        );
        assert_eq!(
            articles[0].title,
            "Tổng kết công tác người Việt Nam ở nước ngoài"
        );
        Ok(())
    }

    #[test]
    fn gzip_zstd_and_xz_read_like_plain() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let plain = format!("{GOOD}\n");
        let gz = dir.path().join("a.jsonl.gz");
        let mut enc =
            flate2::write::GzEncoder::new(File::create(&gz)?, flate2::Compression::fast());
        enc.write_all(plain.as_bytes())?;
        enc.finish()?;
        let zst = dir.path().join("b.jsonl.zst");
        std::fs::write(&zst, zstd::encode_all(plain.as_bytes(), 3)?)?;
        let xz = dir.path().join("c.jsonl.xz");
        let mut enc = xz2::write::XzEncoder::new(File::create(&xz)?, 1);
        enc.write_all(plain.as_bytes())?;
        enc.finish()?;
        std::fs::write(dir.path().join("notes.txt"), "ignored")?;
        let files = corpus_files(dir.path())?;
        assert_eq!(files.len(), 3);
        let (articles, report) = collect(&files);
        assert_eq!(report.skipped, 0);
        assert_eq!(articles.len(), 3);
        assert!(articles.iter().all(|a| a.body.contains("Quảng Nam")));
        Ok(())
    }

    #[test]
    fn a_missing_path_is_an_error_naming_it() {
        let err = corpus_files(Path::new("/no/such/corpus.jsonl"));
        assert!(err.is_err());
    }
}
