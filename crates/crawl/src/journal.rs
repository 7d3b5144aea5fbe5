//! An append-only journal of JSON events: the crawl's memory between runs, at O(1) per change.
//!
//! Each change is one line appended to the file; [`Journal::commit`] flushes and `fdatasync`s what
//! was appended since the last commit, so the cost of remembering a page does not grow with the
//! crawl (the state file it replaces was rewritten whole after every URL). A `kill -9` can leave a
//! torn last line: [`read_events`] stops at it. On start the caller replays the events and
//! [`Journal::rewrite`]s the file as a snapshot of what is current (compaction), atomically: a
//! temporary file, fsync, rename, fsync of the directory, so a crash leaves the old journal or the
//! new one, whole.

use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::CrawlError;

/// An open journal, appending.
pub struct Journal {
    path: PathBuf,
    file: BufWriter<File>,
    len: u64,
}

fn state_error(path: &Path, message: impl ToString) -> CrawlError {
    CrawlError::State {
        path: path.to_path_buf(),
        message: message.to_string(),
    }
}

/// Calls `apply` on every whole event of `path`, in order; returns how many were read. A missing
/// file has none; a torn or unreadable line ends the journal (a crash's last, unacknowledged write).
pub fn read_events<E: DeserializeOwned>(
    path: &Path,
    mut apply: impl FnMut(E),
) -> Result<usize, CrawlError> {
    let file = match File::open(path) {
        Ok(file) => file,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(err) => return Err(CrawlError::io(path, err)),
    };
    let mut reader = BufReader::with_capacity(1 << 16, file);
    let mut line = Vec::new();
    let mut count = 0;
    loop {
        line.clear();
        let read = reader
            .read_until(b'\n', &mut line)
            .map_err(|err| CrawlError::io(path, err))?;
        if read == 0 {
            break;
        }
        if line.last() != Some(&b'\n') {
            tracing::warn!(path = %path.display(), "ignoring a torn last journal line ({read} bytes)");
            break;
        }
        match serde_json::from_slice::<E>(&line) {
            Ok(event) => {
                apply(event);
                count += 1;
            }
            Err(err) => {
                tracing::warn!(path = %path.display(), "journal ends at an unreadable line: {err}");
                break;
            }
        }
    }
    Ok(count)
}

fn sync_dir(path: &Path) {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    if let Ok(dir) = File::open(dir) {
        let _ = dir.sync_all();
    }
}

impl Journal {
    /// Replaces `path` with exactly `events` (atomically) and opens it for appending.
    pub fn rewrite<E: Serialize>(
        path: &Path,
        events: impl IntoIterator<Item = E>,
    ) -> Result<Journal, CrawlError> {
        let tmp = path.with_extension("journal.tmp");
        let file = File::create(&tmp).map_err(|err| CrawlError::io(&tmp, err))?;
        let mut writer = BufWriter::with_capacity(1 << 16, file);
        for event in events {
            serde_json::to_writer(&mut writer, &event).map_err(|err| state_error(path, err))?;
            writer
                .write_all(b"\n")
                .map_err(|err| CrawlError::io(&tmp, err))?;
        }
        let file = writer
            .into_inner()
            .map_err(|err| CrawlError::io(&tmp, err.into_error()))?;
        file.sync_all().map_err(|err| CrawlError::io(&tmp, err))?;
        drop(file);
        std::fs::rename(&tmp, path).map_err(|err| CrawlError::io(path, err))?;
        sync_dir(path);
        Journal::append_to(path)
    }

    fn append_to(path: &Path) -> Result<Journal, CrawlError> {
        let file = OpenOptions::new()
            .append(true)
            .create(true)
            .open(path)
            .map_err(|err| CrawlError::io(path, err))?;
        let len = file
            .metadata()
            .map_err(|err| CrawlError::io(path, err))?
            .len();
        Ok(Journal {
            path: path.to_path_buf(),
            file: BufWriter::with_capacity(1 << 16, file),
            len,
        })
    }

    /// Appends one event (buffered; durable at the next [`Journal::commit`]).
    pub fn append<E: Serialize>(&mut self, event: &E) -> Result<(), CrawlError> {
        let mut line = serde_json::to_vec(event).map_err(|err| state_error(&self.path, err))?;
        line.push(b'\n');
        self.file
            .write_all(&line)
            .map_err(|err| CrawlError::io(&self.path, err))?;
        self.len += line.len() as u64;
        Ok(())
    }

    /// Makes every appended event durable: flush, then `fdatasync`.
    pub fn commit(&mut self) -> Result<(), CrawlError> {
        self.file
            .flush()
            .map_err(|err| CrawlError::io(&self.path, err))?;
        self.file
            .get_ref()
            .sync_data()
            .map_err(|err| CrawlError::io(&self.path, err))
    }

    /// Bytes in the journal, committed or not.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// Whether the journal holds nothing.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appends_survive_and_a_torn_tail_is_ignored() {
        let dir = tempfile::tempdir().unwrap_or_else(|err| panic!("tempdir: {err}"));
        let path = dir.path().join("state.journal");
        let mut journal = Journal::rewrite(&path, ["Quảng Nam".to_string()])
            .unwrap_or_else(|err| panic!("rewrite: {err}"));
        journal
            .append(&"Đà Nẵng".to_string())
            .unwrap_or_else(|err| panic!("append: {err}"));
        journal
            .commit()
            .unwrap_or_else(|err| panic!("commit: {err}"));
        drop(journal);
        let mut file = OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap_or_else(|err| panic!("{err}"));
        file.write_all(b"\"Tuy\xc3").unwrap_or_default();
        let mut seen: Vec<String> = Vec::new();
        let count = read_events(&path, |e: String| seen.push(e))
            .unwrap_or_else(|err| panic!("read: {err}"));
        assert_eq!(count, 2);
        assert_eq!(seen, vec!["Quảng Nam", "Đà Nẵng"]);
        assert!(!path.with_extension("journal.tmp").exists());
    }
}
