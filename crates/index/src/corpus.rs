//! Reading Article JSON Lines: plain, gzip (`.gz`), Zstandard (`.zst`) or xz (`.xz`).
//!
//! A corpus is one or more files, or directories of them (searched recursively). Nothing is lost
//! without a word:
//! - a malformed line, or an article whose `url` is not http(s), is reported with its file and
//!   line number and skipped;
//! - an unreadable `published` is dropped (the article is kept undated) and an over-long body is
//!   cut, both reported with the line number;
//! - a line longer than [`MAX_LINE_BYTES`] is reported and skipped without being held in memory;
//! - a file that breaks off (a truncated `.gz`, `.xz` or `.zst`) keeps the lines read before the
//!   break, is reported with the line where it broke, and reading goes on with the next file;
//! - entries of a directory that are not corpus files (other names, dangling symbolic links,
//!   sockets) are reported as skipped;
//! - a named pipe given as a path is read as a stream; a UTF-8 byte order mark is accepted.
//!
//! ```no_run
//! use std::path::PathBuf;
//! use tracuu_index::corpus::{corpus_files, read_articles};
//! let found = corpus_files(&PathBuf::from("corpus")).unwrap();
//! let report = read_articles(&found.files, None, |article| {
//!     println!("{}", article.title);
//!     Ok::<(), std::io::Error>(())
//! }).unwrap();
//! println!("{} read, {} skipped", report.articles, report.skipped);
//! ```

use std::collections::HashSet;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use indicatif::ProgressBar;
use thiserror::Error;
use tracing::{debug, warn};

use crate::article::{Article, Repair};

/// The longest line read, in bytes (a body at the 1 MiB cap, JSON-escaped, fits several times).
pub const MAX_LINE_BYTES: usize = 16 << 20;
/// Bytes of one over-long line skipped before the file is given up as not JSON Lines.
const MAX_SKIP_BYTES: u64 = 64 << 20;

/// Why a corpus could not be read (malformed lines and broken files are reported, not errors).
#[derive(Debug, Error)]
pub enum CorpusError {
    /// A file or directory could not be opened.
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
    /// Lines skipped: malformed, over-long, or an article with a non-http(s) URL.
    pub skipped: u64,
    /// Articles kept without a date because `published` was unreadable.
    pub undated: u64,
    /// Articles whose body or title was cut to the size limit.
    pub cut: u64,
    /// Files that broke off before their end (their lines before the break were kept).
    pub broken_files: u64,
}

/// A directory entry that is not read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedEntry {
    /// The entry.
    pub path: PathBuf,
    /// Why it is not read.
    pub reason: &'static str,
}

/// The files of a corpus path, and the entries beside them that are not read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CorpusFiles {
    /// Files to read, in order.
    pub files: Vec<PathBuf>,
    /// Entries of the directories that are not corpus files.
    pub skipped: Vec<SkippedEntry>,
}

const EXTENSIONS: [&str; 4] = [".jsonl", ".jsonl.gz", ".jsonl.zst", ".jsonl.xz"];

/// True when a file name looks like Article JSON Lines in a supported compression.
pub fn is_corpus_file(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    EXTENSIONS.iter().any(|ext| name.ends_with(ext))
}

/// Notes kept beside a corpus (`README.md`, a crawl's `sites.toml`): never Article JSON Lines,
/// so passed over without a warning, where another name (`bai-viet.json`, `notes.txt`) may be a
/// corpus misnamed and is reported.
const NOTE_EXTENSIONS: [&str; 2] = [".md", ".toml"];

fn is_note(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    NOTE_EXTENSIONS.iter().any(|ext| name.ends_with(ext))
}

/// A path given as is (a file or a named pipe, read whatever its name), or the corpus files in a
/// directory and its subdirectories, sorted by path; skipped entries are listed and logged
/// (notes beside the corpus, Markdown and TOML files, are passed over silently).
pub fn corpus_files(path: &Path) -> io::Result<CorpusFiles> {
    // metadata, not open: a typo is an error naming the path, and a named pipe is not opened twice.
    let meta = std::fs::metadata(path)?;
    let mut found = CorpusFiles::default();
    if !meta.is_dir() {
        found.files.push(path.to_path_buf());
        return Ok(found);
    }
    let mut visited = HashSet::new();
    walk(path, &mut visited, &mut found)?;
    found.files.sort();
    for entry in &found.skipped {
        warn!("{}: skipped: {}", entry.path.display(), entry.reason);
    }
    Ok(found)
}

fn walk(dir: &Path, visited: &mut HashSet<PathBuf>, found: &mut CorpusFiles) -> io::Result<()> {
    // A symbolic link back up the tree must not loop.
    if !visited.insert(std::fs::canonicalize(dir)?) {
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<io::Result<_>>()?;
    entries.sort();
    for path in entries {
        let skip = |found: &mut CorpusFiles, reason| {
            found.skipped.push(SkippedEntry {
                path: path.clone(),
                reason,
            })
        };
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        // Follows symbolic links; an error here means a dangling one (or no permission).
        let Ok(meta) = std::fs::metadata(&path) else {
            let dangling = std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_symlink());
            skip(
                found,
                if dangling {
                    "dangling symbolic link"
                } else {
                    "cannot be read"
                },
            );
            continue;
        };
        if hidden {
            skip(found, "hidden entry");
        } else if meta.is_dir() {
            walk(&path, visited, found)?;
        } else if !meta.is_file() {
            skip(
                found,
                "not a regular file (give a named pipe as --corpus itself to read it)",
            );
        } else if is_corpus_file(&path) {
            found.files.push(path);
        } else if is_note(&path) {
            debug!("{}: a note beside the corpus, not read", path.display());
        } else {
            skip(
                found,
                "not named .jsonl, .jsonl.gz, .jsonl.zst or .jsonl.xz",
            );
        }
    }
    Ok(())
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

/// A line as read, or why there is none.
#[derive(Debug, PartialEq, Eq)]
enum LineRead {
    /// The end of the input.
    End,
    /// A line (without the limit exceeded), in the buffer.
    Line,
    /// A line longer than the limit, skipped up to its end; holds its length.
    TooLong(u64),
    /// No line end within [`MAX_SKIP_BYTES`]: not JSON Lines.
    NoLineEnd,
}

/// Reads one line into `line` (cleared first), holding at most `max` bytes of it in memory.
fn read_line_capped(
    reader: &mut dyn BufRead,
    line: &mut Vec<u8>,
    max: usize,
) -> io::Result<LineRead> {
    line.clear();
    let mut skipped: Option<u64> = None;
    loop {
        let available = match reader.fill_buf() {
            Ok(buf) => buf,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok(match skipped {
                Some(len) => LineRead::TooLong(len),
                None if line.is_empty() => LineRead::End,
                None => LineRead::Line,
            });
        }
        let newline = available.iter().position(|&b| b == b'\n');
        let take = newline.map_or(available.len(), |i| i + 1);
        match &mut skipped {
            Some(len) => *len += take as u64,
            None if line.len() + take > max => {
                skipped = Some((line.len() + take) as u64);
                line.clear();
            }
            None => line.extend_from_slice(&available[..take]),
        }
        reader.consume(take);
        match skipped {
            Some(len) if newline.is_some() => return Ok(LineRead::TooLong(len)),
            Some(len) if len > MAX_SKIP_BYTES => return Ok(LineRead::NoLineEnd),
            None if newline.is_some() => return Ok(LineRead::Line),
            _ => {}
        }
    }
}

/// One corpus line as an article, with what had to be repaired to index it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedLine {
    /// The article, ready to index.
    pub article: Article,
    /// What was repaired (a dropped date, a cut body), for the caller to report.
    pub repairs: Vec<Repair>,
}

/// Parses one line into an Article, or says why it is not one.
pub fn parse_line(line: &[u8]) -> Result<ParsedLine, String> {
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
    let mut article: Article = serde_json::from_str(text).map_err(|e| e.to_string())?;
    for (name, value) in [
        ("url", &article.url),
        ("title", &article.title),
        ("body", &article.body),
    ] {
        if value.trim().is_empty() {
            return Err(format!("field `{name}` is empty"));
        }
    }
    let repairs = article.sanitize().map_err(|e| e.to_string())?;
    Ok(ParsedLine { article, repairs })
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
        let mut reader =
            open_corpus_file(path, progress.cloned()).map_err(|source| CorpusError::Io {
                path: path.clone(),
                source,
            })?;
        let mut file = FileReading {
            path,
            number: 0,
            articles: 0,
        };
        loop {
            match read_line_capped(reader.as_mut(), &mut line, MAX_LINE_BYTES) {
                Ok(LineRead::End) => break,
                Ok(LineRead::Line) => {
                    file.number += 1;
                    file.line(&line, &mut report, &mut consume)?;
                }
                Ok(LineRead::TooLong(len)) => {
                    file.number += 1;
                    report.lines += 1;
                    report.skipped += 1;
                    warn!(
                        "{}:{}: skipped a line of {len} bytes: lines are limited to {MAX_LINE_BYTES} bytes",
                        path.display(),
                        file.number
                    );
                }
                Ok(LineRead::NoLineEnd) => {
                    file.broke(
                        &mut report,
                        &format!("no line end in {MAX_SKIP_BYTES} bytes; is it JSON Lines?"),
                    );
                    break;
                }
                Err(err) => {
                    file.broke(&mut report, &err.to_string());
                    break;
                }
            }
        }
    }
    Ok(report)
}

/// Where reading one file is.
struct FileReading<'a> {
    path: &'a Path,
    /// Lines read so far (1-based number of the last one).
    number: u64,
    /// Articles taken from this file.
    articles: u64,
}

impl FileReading<'_> {
    fn line<E: std::fmt::Display>(
        &mut self,
        line: &[u8],
        report: &mut ReadReport,
        consume: &mut impl FnMut(Article) -> Result<(), E>,
    ) -> Result<(), CorpusError> {
        let mut text = line;
        if self.number == 1 {
            text = text.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(text);
        }
        if text.iter().all(u8::is_ascii_whitespace) {
            return Ok(());
        }
        report.lines += 1;
        let at = format!("{}:{}", self.path.display(), self.number);
        match parse_line(text) {
            Ok(ParsedLine { article, repairs }) => {
                for repair in &repairs {
                    match repair {
                        Repair::DateDropped(_) => report.undated += 1,
                        Repair::BodyCut(_) | Repair::TitleCut(_) => report.cut += 1,
                    }
                    warn!("{at}: {repair}");
                }
                report.articles += 1;
                self.articles += 1;
                consume(article).map_err(|e| CorpusError::Consumer(e.to_string()))
            }
            Err(reason) => {
                report.skipped += 1;
                warn!("{at}: skipped malformed line: {reason}");
                Ok(())
            }
        }
    }

    fn broke(&self, report: &mut ReadReport, reason: &str) {
        report.broken_files += 1;
        warn!(
            "{}: breaks off after line {} ({reason}); kept the {} articles before the break, going on",
            self.path.display(),
            self.number,
            self.articles
        );
    }
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
        assert_eq!(report.broken_files, 0);
        assert_eq!(
            report,
            ReadReport {
                lines: 5,
                articles: 2,
                skipped: 3,
                ..ReadReport::default()
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
        std::fs::write(dir.path().join("README.md"), "# Bài viết mẫu")?;
        std::fs::write(dir.path().join("sites.toml"), "[[site]]")?;
        let found = corpus_files(dir.path())?;
        let files = found.files;
        assert_eq!(files.len(), 3);
        let skipped: Vec<&Path> = found.skipped.iter().map(|e| e.path.as_path()).collect();
        // notes.txt may be a corpus misnamed; a README and a crawl's sites are notes.
        assert_eq!(
            skipped,
            [dir.path().join("notes.txt")],
            "notes.txt is reported"
        );
        let (articles, report) = collect(&files);
        assert_eq!(report.skipped, 0);
        assert_eq!(articles.len(), 3);
        assert!(articles.iter().all(|a| a.body.contains("Quảng Nam")));
        Ok(())
    }

    fn line_with(url: &str, title: &str, published: &str) -> String {
        format!(
            r#"{{"url":"{url}","title":"{title}","body":"Kiều bào tại Quảng Nam đóng góp cho quê hương.","published":"{published}"}}"#
        )
    }

    /// `n` good lines with distinct URLs, as one text.
    fn good_lines(n: usize) -> String {
        (0..n)
            .map(|i| {
                line_with(
                    &format!("https://quangnam.gov.vn/tin-{i}"),
                    &format!("Tin số {i} về người Việt Nam ở nước ngoài"),
                    "2021-02-22",
                ) + "\n"
            })
            .collect()
    }

    fn truncated(compressed: Vec<u8>) -> Vec<u8> {
        let keep = compressed.len() * 2 / 3;
        compressed[..keep].to_vec()
    }

    #[test]
    fn a_truncated_compressed_file_keeps_its_readable_lines_and_reading_goes_on() -> io::Result<()>
    {
        let dir = tempfile::tempdir()?;
        let text = good_lines(3000);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(text.as_bytes())?;
        let mut xz = xz2::write::XzEncoder::new(Vec::new(), 1);
        xz.write_all(text.as_bytes())?;
        let cases = [
            ("a.jsonl.gz", truncated(gz.finish()?)),
            ("b.jsonl.xz", truncated(xz.finish()?)),
            (
                "c.jsonl.zst",
                truncated(zstd::encode_all(text.as_bytes(), 3)?),
            ),
        ];
        for (name, bytes) in cases {
            let broken = dir.path().join(name);
            std::fs::write(&broken, bytes)?;
            let after = dir.path().join("z-after.jsonl");
            std::fs::write(&after, good_lines(2))?;
            let (articles, report) = collect(&[broken, after]);
            assert_eq!(report.broken_files, 1, "{name}: {report:?}");
            // Some of the 3000 lines were readable before the cut, and they are kept.
            let from_broken = articles.len() - 2;
            assert!((500..3000).contains(&from_broken), "{name}: {from_broken}");
            assert_eq!(
                articles.last().map(|a| a.url.as_str()),
                Some("https://quangnam.gov.vn/tin-1"),
                "{name}: the file after the broken one is read"
            );
        }
        Ok(())
    }

    #[test]
    fn an_endless_line_is_skipped_without_holding_it() -> io::Result<()> {
        // Like `--corpus /dev/zero`: bytes and no line end; memory stays at one buffer.
        let mut zeros = io::BufReader::new(io::repeat(0).take(MAX_SKIP_BYTES + (1 << 20)));
        let mut line = Vec::new();
        let got = read_line_capped(&mut zeros, &mut line, 1 << 20)?;
        assert_eq!(got, LineRead::NoLineEnd);
        assert!(line.capacity() <= 2 << 20);
        // An over-long line with an end is skipped, and the next line is read.
        let text = format!("{}\n{}", "x".repeat(5000), good_lines(1));
        let mut reader = io::BufReader::with_capacity(1024, text.as_bytes());
        assert_eq!(
            read_line_capped(&mut reader, &mut line, 1000)?,
            LineRead::TooLong(5001)
        );
        assert_eq!(
            read_line_capped(&mut reader, &mut line, 1000)?,
            LineRead::Line
        );
        assert!(parse_line(&line).is_ok());
        assert_eq!(
            read_line_capped(&mut reader, &mut line, 1000)?,
            LineRead::End
        );
        Ok(())
    }

    #[test]
    fn a_byte_order_mark_is_accepted() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("bom.jsonl");
        std::fs::write(&path, format!("\u{feff}{}", good_lines(2)))?;
        let (articles, report) = collect(&[path]);
        assert_eq!(report.skipped, 0);
        assert_eq!(articles.len(), 2);
        Ok(())
    }

    #[test]
    fn bad_urls_are_skipped_and_bad_dates_dropped_with_their_line() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("mixed.jsonl");
        let lines = [
            line_with("javascript:alert(1)", "Tin giả", "2021-02-22"),
            line_with("data:text/html,x", "Tin giả", "2021-02-22"),
            line_with("https://quangnam.gov.vn/a", "Ngày sai", "2021-02-30"),
            line_with("https://quangnam.gov.vn/b", "Không phải ngày", "not-a-date"),
            line_with("https://quangnam.gov.vn/c", "Ngày đúng", "2021-02-28"),
        ];
        std::fs::write(&path, lines.join("\n"))?;
        let (articles, report) = collect(&[path]);
        assert_eq!(report.skipped, 2);
        assert_eq!(report.undated, 2);
        let dates: Vec<Option<&str>> = articles.iter().map(|a| a.published.as_deref()).collect();
        assert_eq!(dates, vec![None, None, Some("2021-02-28")]);
        Ok(())
    }

    #[test]
    fn subdirectories_are_read_and_other_entries_reported() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let nested = dir.path().join("2021").join("02");
        std::fs::create_dir_all(&nested)?;
        std::fs::write(nested.join("quangnam.jsonl"), good_lines(1))?;
        std::fs::write(dir.path().join("top.jsonl"), good_lines(1))?;
        std::fs::write(dir.path().join("ghi-chu.txt"), "không phải dữ liệu")?;
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(
                dir.path().join("khong-co.jsonl"),
                dir.path().join("mat.jsonl"),
            )?;
            // A link back up the tree is not followed forever.
            std::os::unix::fs::symlink(dir.path(), nested.join("vong"))?;
        }
        let found = corpus_files(dir.path())?;
        let names: Vec<String> = found
            .files
            .iter()
            .map(|p| {
                p.strip_prefix(dir.path())
                    .unwrap_or(p)
                    .display()
                    .to_string()
            })
            .collect();
        assert_eq!(names, vec!["2021/02/quangnam.jsonl", "top.jsonl"]);
        let reasons: Vec<(String, &str)> = found
            .skipped
            .iter()
            .map(|s| {
                (
                    s.path
                        .file_name()
                        .unwrap_or_default()
                        .to_string_lossy()
                        .into_owned(),
                    s.reason,
                )
            })
            .collect();
        assert!(
            reasons.contains(&(
                "ghi-chu.txt".into(),
                "not named .jsonl, .jsonl.gz, .jsonl.zst or .jsonl.xz"
            )),
            "{reasons:?}"
        );
        #[cfg(unix)]
        assert!(
            reasons.contains(&("mat.jsonl".into(), "dangling symbolic link")),
            "{reasons:?}"
        );
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn a_named_pipe_is_read_as_a_stream() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let fifo = dir.path().join("pipe");
        let status = std::process::Command::new("mkfifo").arg(&fifo).status()?;
        assert!(status.success());
        let writer_path = fifo.clone();
        let writer = std::thread::spawn(move || -> io::Result<()> {
            let mut pipe = std::fs::OpenOptions::new().write(true).open(writer_path)?;
            pipe.write_all(good_lines(3).as_bytes())
        });
        let found = corpus_files(&fifo)?;
        let (articles, report) = collect(&found.files);
        writer.join().expect("writer thread")?;
        assert_eq!(report.articles, 3);
        assert_eq!(articles[2].title, "Tin số 2 về người Việt Nam ở nước ngoài");
        Ok(())
    }

    #[test]
    fn a_missing_path_is_an_error_naming_it() {
        let err = corpus_files(Path::new("/no/such/corpus.jsonl"));
        assert!(err.is_err());
    }
}
