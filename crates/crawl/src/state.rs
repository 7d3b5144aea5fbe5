//! The crawl's memory between runs: frontier, done set, validators, content fingerprints.
//!
//! Kept in memory and journalled: every change is an event appended to `state.journal`
//! ([`crate::journal`]), made durable by [`CrawlState::commit`], which the crawl loop calls once per
//! batch of finished URLs. Opening replays the journal and compacts it into a snapshot of what is
//! current. So remembering a page costs O(1) (one short line), not a rewrite of everything known; a
//! `kill -9` at any instant loses at most the events of the last, uncommitted batch, whose URLs are
//! then fetched again (the article file's own recovery keeps them from being written twice: see
//! [`crate::output`]). A `state.json` left by an older tracuu is converted on first open.
//!
//! Counters (URLs finished in this pass, the frontier's length) are kept as the state changes, so
//! reporting progress never walks the done set.

use std::collections::{HashMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::dedup::DedupIndex;
use crate::error::CrawlError;
use crate::fetch::Validators;
use crate::journal::{Journal, read_events};

/// The journal's file name in the crawl directory.
pub const JOURNAL_FILE: &str = "state.journal";

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
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Done {
    /// The crawl pass that finished it.
    pub pass: u32,
    /// Validators for the next conditional GET.
    #[serde(default)]
    pub validators: Validators,
    /// Hash of the extracted body, to tell a changed page from an unchanged one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_hash: Option<String>,
    /// When it was last fetched (RFC 3339, UTC): an update refetches a known page only when its
    /// sitemap or feed says it changed after that.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fetched: Option<String>,
}

/// Where the crawl's append-only files were durable at the last commit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Files {
    /// Length of `articles.jsonl`.
    pub articles: u64,
    /// The WARC file being written and its length.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warc: Option<(PathBuf, u64)>,
}

/// One change to the state: a line of the journal.
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
enum Event {
    /// A new pass starts: nothing is queued in it yet.
    Pass { pass: u32 },
    /// A URL is queued in the current pass.
    Queue(Task),
    /// A URL is finished.
    Done {
        url: String,
        #[serde(flatten)]
        done: Done,
    },
    /// An article was written (for duplicate detection and "written once per pass").
    Written {
        url: String,
        hash: String,
        simhash: u64,
        pass: u32,
    },
    /// The current pass emptied its frontier.
    Complete,
    /// The durable lengths of the output files.
    Files(Files),
}

/// The persistent state of a crawl directory.
pub struct CrawlState {
    pass: u32,
    pass_complete: bool,
    frontier: VecDeque<Task>,
    queued: HashSet<String>,
    done: HashMap<String, Done>,
    done_in_pass: usize,
    articles: HashMap<String, u32>,
    dedup: DedupIndex,
    article_hashes: Vec<String>,
    files: Files,
    journal: Option<Journal>,
}

impl std::fmt::Debug for CrawlState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CrawlState")
            .field("pass", &self.pass)
            .field("pass_complete", &self.pass_complete)
            .field("frontier", &self.frontier.len())
            .field("done", &self.done.len())
            .field("articles", &self.articles.len())
            .finish()
    }
}

impl CrawlState {
    fn empty() -> CrawlState {
        CrawlState {
            pass: 0,
            pass_complete: false,
            frontier: VecDeque::new(),
            queued: HashSet::new(),
            done: HashMap::new(),
            done_in_pass: 0,
            articles: HashMap::new(),
            dedup: DedupIndex::default(),
            article_hashes: Vec::new(),
            files: Files::default(),
            journal: None,
        }
    }

    /// Opens the state of the crawl directory `dir` (empty when there is none), replaying and
    /// compacting its journal.
    pub fn open(dir: &Path) -> Result<CrawlState, CrawlError> {
        let path = dir.join(JOURNAL_FILE);
        let legacy = dir.join("state.json");
        let mut state = CrawlState::empty();
        if !path.exists() && legacy.exists() {
            state.load_legacy(&legacy)?;
        } else {
            read_events(&path, |event| state.apply(event))?;
        }
        state.frontier.retain(|task| {
            state
                .done
                .get(&task.url)
                .is_none_or(|d| d.pass != state.pass)
        });
        state.journal = Some(Journal::rewrite(&path, state.snapshot())?);
        if legacy.exists() {
            std::fs::remove_file(&legacy).map_err(|err| CrawlError::io(&legacy, err))?;
        }
        Ok(state)
    }

    /// The events that rebuild this state.
    fn snapshot(&self) -> Vec<Event> {
        let mut events =
            Vec::with_capacity(2 + self.done.len() + self.dedup.len() + self.frontier.len() + 1);
        events.push(Event::Pass { pass: self.pass });
        for (url, done) in &self.done {
            events.push(Event::Done {
                url: url.clone(),
                done: done.clone(),
            });
        }
        for (index, (url, simhash)) in self.dedup.entries().enumerate() {
            events.push(Event::Written {
                url: url.to_string(),
                hash: self.article_hashes[index].clone(),
                simhash,
                pass: self.articles.get(url).copied().unwrap_or(self.pass),
            });
        }
        if self.pass_complete {
            events.push(Event::Complete);
        }
        for task in &self.frontier {
            events.push(Event::Queue(task.clone()));
        }
        events.push(Event::Files(self.files.clone()));
        events
    }

    fn apply(&mut self, event: Event) {
        match event {
            Event::Pass { pass } => {
                self.pass = pass;
                self.pass_complete = false;
                self.queued.clear();
                self.frontier.clear();
                self.done_in_pass = 0;
            }
            Event::Queue(task) => {
                if self.queued.insert(task.url.clone()) {
                    self.frontier.push_back(task);
                }
            }
            Event::Done { url, done } => {
                let was_done = self.done_this_pass(&url);
                if done.pass == self.pass {
                    self.queued.insert(url.clone());
                    if !was_done {
                        self.done_in_pass += 1;
                    }
                }
                self.done.insert(url, done);
            }
            Event::Written {
                url,
                hash,
                simhash,
                pass,
            } => {
                self.dedup.insert(&hash, simhash, &url);
                self.article_hashes.push(hash);
                self.articles.insert(url, pass);
            }
            Event::Complete => self.pass_complete = true,
            Event::Files(files) => self.files = files,
        }
    }

    fn record(&mut self, event: Event) -> Result<(), CrawlError> {
        if let Some(journal) = &mut self.journal {
            journal.append(&event)?;
        }
        self.apply(event);
        Ok(())
    }

    /// Current pass; a new pass starts when a finished crawl is run again.
    pub fn pass(&self) -> u32 {
        self.pass
    }

    /// Whether the current pass emptied its frontier.
    pub fn pass_complete(&self) -> bool {
        self.pass_complete
    }

    /// Starts the next pass: nothing is queued in it yet.
    pub fn start_pass(&mut self) -> Result<(), CrawlError> {
        self.record(Event::Pass {
            pass: self.pass + 1,
        })
    }

    /// Marks the current pass complete.
    pub fn complete_pass(&mut self) -> Result<(), CrawlError> {
        self.record(Event::Complete)
    }

    /// Queues `task` unless its URL was already queued in this pass; true when queued.
    pub fn enqueue(&mut self, task: Task) -> Result<bool, CrawlError> {
        if self.queued.contains(&task.url) {
            return Ok(false);
        }
        self.record(Event::Queue(task))?;
        Ok(true)
    }

    /// The next queued URL not yet finished in this pass.
    pub fn next_task(&mut self) -> Option<Task> {
        while let Some(task) = self.frontier.pop_front() {
            if !self.done_this_pass(&task.url) {
                return Some(task);
            }
        }
        None
    }

    /// URLs waiting (not counting those handed out and not finished).
    pub fn frontier_len(&self) -> usize {
        self.frontier.len()
    }

    /// URLs finished in this pass.
    pub fn done_in_pass(&self) -> usize {
        self.done_in_pass
    }

    /// Records that `url` is finished.
    pub fn finish(&mut self, url: &str, done: Done) -> Result<(), CrawlError> {
        self.record(Event::Done {
            url: url.to_string(),
            done,
        })
    }

    /// What is remembered of a finished URL.
    pub fn done(&self, url: &str) -> Option<&Done> {
        self.done.get(url)
    }

    /// Whether `url` was finished in the current pass.
    pub fn done_this_pass(&self, url: &str) -> bool {
        self.done.get(url).is_some_and(|d| d.pass == self.pass)
    }

    /// Records an article written under `url`, with its body hash and SimHash.
    pub fn written(&mut self, url: &str, hash: &str, simhash: u64) -> Result<(), CrawlError> {
        self.record(Event::Written {
            url: url.to_string(),
            hash: hash.to_string(),
            simhash,
            pass: self.pass,
        })
    }

    /// The pass in which an article with this URL was last written.
    pub fn article_pass(&self, url: &str) -> Option<u32> {
        self.articles.get(url).copied()
    }

    /// Exact and near copies of the articles written so far.
    pub fn dedup(&self) -> &DedupIndex {
        &self.dedup
    }

    /// The output files' lengths at the last commit.
    pub fn files(&self) -> &Files {
        &self.files
    }

    /// Records the output files' durable lengths (journalled with the next commit).
    pub fn set_files(&mut self, files: Files) -> Result<(), CrawlError> {
        if files == self.files {
            return Ok(());
        }
        self.record(Event::Files(files))
    }

    /// Makes every change so far durable.
    pub fn commit(&mut self) -> Result<(), CrawlError> {
        match &mut self.journal {
            Some(journal) => journal.commit(),
            None => Ok(()),
        }
    }

    /// Size of the journal on disk, in bytes.
    pub fn journal_bytes(&self) -> u64 {
        self.journal.as_ref().map_or(0, Journal::len)
    }

    /// Reads the whole-file `state.json` of tracuu versions before the journal.
    fn load_legacy(&mut self, path: &Path) -> Result<(), CrawlError> {
        #[derive(Deserialize)]
        struct Legacy {
            pass: u32,
            pass_complete: bool,
            frontier: VecDeque<Task>,
            queued: HashSet<String>,
            done: HashMap<String, Done>,
            hashes: HashMap<String, String>,
            simhashes: Vec<(u64, String)>,
        }
        let bytes = std::fs::read(path).map_err(|err| CrawlError::io(path, err))?;
        let legacy: Legacy = serde_json::from_slice(&bytes).map_err(|err| CrawlError::State {
            path: path.to_path_buf(),
            message: err.to_string(),
        })?;
        self.apply(Event::Pass { pass: legacy.pass });
        let hash_of: HashMap<&str, &str> = legacy
            .hashes
            .iter()
            .map(|(hash, url)| (url.as_str(), hash.as_str()))
            .collect();
        for (simhash, url) in &legacy.simhashes {
            let hash = hash_of.get(url.as_str()).copied().unwrap_or_default();
            let pass = legacy.done.get(url).map_or(legacy.pass, |d| d.pass);
            self.apply(Event::Written {
                url: url.clone(),
                hash: hash.to_string(),
                simhash: *simhash,
                pass,
            });
        }
        for (url, done) in legacy.done {
            self.apply(Event::Done { url, done });
        }
        self.queued.extend(legacy.queued);
        self.frontier = legacy.frontier;
        if legacy.pass_complete {
            self.apply(Event::Complete);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task(url: &str) -> Task {
        Task {
            url: url.into(),
            site: "quangnam".into(),
            kind: TaskKind::Article,
        }
    }

    #[test]
    fn state_survives_a_reopen_and_queues_once() {
        let dir = tempfile::tempdir().unwrap_or_else(|err| panic!("tempdir: {err}"));
        let mut state = CrawlState::open(dir.path()).unwrap_or_else(|err| panic!("open: {err}"));
        let ok = |r: Result<bool, CrawlError>| r.unwrap_or_else(|err| panic!("{err}"));
        state.start_pass().unwrap_or_else(|err| panic!("{err}"));
        assert!(ok(state.enqueue(task("https://quangnam.gov.vn/a"))));
        assert!(!ok(state.enqueue(task("https://quangnam.gov.vn/a"))));
        assert!(ok(state.enqueue(task("https://quangnam.gov.vn/b"))));
        let first = state.next_task().map(|t| t.url);
        assert_eq!(first.as_deref(), Some("https://quangnam.gov.vn/a"));
        let done = Done {
            pass: state.pass(),
            fetched: Some("2021-02-22T00:00:00Z".into()),
            ..Done::default()
        };
        state
            .finish("https://quangnam.gov.vn/a", done)
            .unwrap_or_else(|err| panic!("{err}"));
        state
            .written("https://quangnam.gov.vn/a", "abc", 42)
            .unwrap_or_else(|err| panic!("{err}"));
        state.commit().unwrap_or_else(|err| panic!("{err}"));
        drop(state);

        let mut back = CrawlState::open(dir.path()).unwrap_or_else(|err| panic!("reopen: {err}"));
        assert_eq!(back.pass(), 1);
        assert_eq!(back.done_in_pass(), 1);
        assert_eq!(back.frontier_len(), 1, "the finished URL left the frontier");
        assert!(!ok(back.enqueue(task("https://quangnam.gov.vn/a"))));
        assert_eq!(
            back.next_task().map(|t| t.url).as_deref(),
            Some("https://quangnam.gov.vn/b")
        );
        assert_eq!(
            back.dedup()
                .exact_copy_of("abc", "https://quangnam.gov.vn/x"),
            Some("https://quangnam.gov.vn/a")
        );
        assert_eq!(back.article_pass("https://quangnam.gov.vn/a"), Some(1));
    }

    #[test]
    fn an_old_state_json_is_converted() {
        let dir = tempfile::tempdir().unwrap_or_else(|err| panic!("tempdir: {err}"));
        let legacy = r#"{"pass":2,"pass_complete":false,
            "frontier":[{"url":"https://mofa.gov.vn/b","site":"mofa","kind":"article"}],
            "queued":["https://mofa.gov.vn/a","https://mofa.gov.vn/b"],
            "done":{"https://mofa.gov.vn/a":{"pass":2,"validators":{"etag":"\"v1\""},"content_hash":"h"}},
            "hashes":{"h":"https://mofa.gov.vn/a"},"simhashes":[[7,"https://mofa.gov.vn/a"]]}"#;
        std::fs::write(dir.path().join("state.json"), legacy).unwrap_or_default();
        let mut state = CrawlState::open(dir.path()).unwrap_or_else(|err| panic!("open: {err}"));
        assert!(!dir.path().join("state.json").exists());
        assert_eq!(state.pass(), 2);
        assert_eq!(
            state
                .done("https://mofa.gov.vn/a")
                .and_then(|d| d.validators.etag.clone())
                .as_deref(),
            Some("\"v1\"")
        );
        assert_eq!(
            state.next_task().map(|t| t.url).as_deref(),
            Some("https://mofa.gov.vn/b")
        );
        assert_eq!(
            state.dedup().near_copy_of(7, "https://mofa.gov.vn/z"),
            Some("https://mofa.gov.vn/a")
        );
    }
}
