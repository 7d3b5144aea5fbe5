//! The crawl's memory between runs: frontier, done set, validators, content fingerprints.
//!
//! Saved as one JSON file written atomically (temporary file, fsync, rename, fsync of the
//! directory), so a `kill -9` at any instant leaves either the old or the new state, never a torn
//! one. The article file is the other half of the truth: see [`crate::output`].

use std::collections::{HashMap, HashSet, VecDeque};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::CrawlError;
use crate::fetch::Validators;

/// What a queued URL is expected to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskKind {
    /// A sitemap or sitemap index.
    Sitemap,
    /// An RSS or Atom feed.
    Feed,
    /// A listing page whose links are followed.
    Listing,
    /// An article page, extracted and written.
    Article,
}

/// One URL waiting in the frontier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Task {
    /// Canonical URL.
    pub url: String,
    /// Profile name of the site it belongs to.
    pub site: String,
    /// What to do with it.
    pub kind: TaskKind,
}

/// What we remember of a finished URL.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Done {
    /// The crawl pass that finished it.
    pub pass: u32,
    /// Validators for the next conditional GET.
    #[serde(default)]
    pub validators: Validators,
    /// Hash of the extracted body, to tell a changed page from an unchanged one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_hash: Option<String>,
}

/// The persistent state of a crawl directory.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct CrawlState {
    /// Current pass; a new pass starts when a finished crawl is run again (a re-crawl).
    pub pass: u32,
    /// Whether the current pass emptied its frontier.
    pub pass_complete: bool,
    /// URLs waiting, in order.
    pub frontier: VecDeque<Task>,
    /// Every URL queued in this pass (so nothing is queued twice).
    pub queued: HashSet<String>,
    /// Finished URLs.
    pub done: HashMap<String, Done>,
    /// Body hash → URL of the article first written with it.
    pub hashes: HashMap<String, String>,
    /// SimHash and URL of every article written.
    pub simhashes: Vec<(u64, String)>,
}

impl CrawlState {
    /// Loads `path`, or an empty state when it does not exist.
    pub fn load(path: &Path) -> Result<Self, CrawlError> {
        match std::fs::read(path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|err| CrawlError::State {
                path: path.to_path_buf(),
                message: err.to_string(),
            }),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(CrawlState::default()),
            Err(err) => Err(CrawlError::io(path, err)),
        }
    }

    /// Writes the state atomically: a crash leaves the old file or the new one, whole.
    pub fn save(&self, path: &Path) -> Result<(), CrawlError> {
        let tmp: PathBuf = path.with_extension("json.tmp");
        let bytes = serde_json::to_vec(self).map_err(|err| CrawlError::State {
            path: path.to_path_buf(),
            message: err.to_string(),
        })?;
        let mut file = std::fs::File::create(&tmp).map_err(|err| CrawlError::io(&tmp, err))?;
        file.write_all(&bytes)
            .map_err(|err| CrawlError::io(&tmp, err))?;
        file.sync_all().map_err(|err| CrawlError::io(&tmp, err))?;
        drop(file);
        std::fs::rename(&tmp, path).map_err(|err| CrawlError::io(path, err))?;
        if let Some(dir) = path.parent() {
            // The rename itself must reach the disk too.
            if let Ok(dir) = std::fs::File::open(if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            }) {
                let _ = dir.sync_all();
            }
        }
        Ok(())
    }

    /// Queues `task` unless its URL was already queued in this pass.
    pub fn enqueue(&mut self, task: Task) -> bool {
        if self.queued.insert(task.url.clone()) {
            self.frontier.push_back(task);
            true
        } else {
            false
        }
    }

    /// Whether `url` was finished in the current pass.
    pub fn done_this_pass(&self, url: &str) -> bool {
        self.done.get(url).is_some_and(|d| d.pass == self.pass)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_round_trips_and_queues_once() {
        let dir = tempfile::tempdir().unwrap_or_else(|err| panic!("tempdir: {err}"));
        let path = dir.path().join("state.json");
        let mut state = CrawlState::load(&path).unwrap_or_default();
        let task = Task {
            url: "https://quangnam.gov.vn/a".into(),
            site: "quangnam".into(),
            kind: TaskKind::Article,
        };
        assert!(state.enqueue(task.clone()));
        assert!(!state.enqueue(task));
        state
            .save(&path)
            .unwrap_or_else(|err| panic!("save: {err}"));
        let back = CrawlState::load(&path).unwrap_or_else(|err| panic!("load: {err}"));
        assert_eq!(back.frontier.len(), 1);
        assert!(!path.with_extension("json.tmp").exists());
    }
}
