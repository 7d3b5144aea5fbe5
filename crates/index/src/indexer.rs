//! Corpus → index: parallel, bounded in memory, idempotent and crash-safe.
//!
//! - **Parallel**: Tantivy's writer analyses documents on `threads` threads (every core, at most
//!   8, by default) while this thread reads, parses and enriches articles.
//! - **Bounded memory**: the writer's heap is `memory_budget_bytes`, split across its threads.
//! - **Idempotent**: every article replaces any earlier document with its id, so re-indexing the
//!   same corpus changes nothing and an updated article is not duplicated.
//! - **Crash-safe**: work is committed every `commit_every` articles and at the end; a commit is
//!   atomic, so after a `kill -9` the index opens at its last commit and answers.
//! - **Few segments**: each indexing thread writes a segment whenever its share of the heap
//!   fills, and every one costs each query a term lookup per word and a collector. After the last
//!   commit the segments this run wrote are merged into one (vietnews, 150,704 articles: 8
//!   segments merged in about 5 s; the speed queries' median 3.5 → 2.6 ms). One merge runs on one
//!   core; two merges side by side, leaving two segments, saved about 3 s of a 35–40 s run and
//!   cost the queries about 10 % (median 2.0 → 2.2 ms), so the run merges into one. Tantivy's
//!   merge policy is off during the run (its merges would rewrite the same articles before this
//!   one); older segments are left to it afterwards, so a small update does not rewrite the index.
//!
//! ```no_run
//! use std::path::{Path, PathBuf};
//! use tracuu_index::indexer::{index_corpus, IndexOptions};
//! let report = index_corpus(&[PathBuf::from("corpus/seeds.jsonl")], Path::new(".tracuu/index"),
//!                           &IndexOptions::default()).unwrap();
//! println!("{} articles indexed, {} in the index", report.indexed, report.docs_in_index);
//! ```

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use tantivy::index::SegmentId;
use tantivy::indexer::{LogMergePolicy, NoMergePolicy};
use tantivy::schema::Schema;
use tantivy::{Index, IndexWriter, TantivyDocument, Term};
use thiserror::Error;
use tracing::info;

use crate::article::{Article, Repair};
use crate::corpus::{CorpusError, corpus_files, read_articles};
use crate::document::to_document;
use crate::schema::{Fields, build_schema, register_writer_tokenizers};
use crate::text::abbreviations::Abbreviations;
use crate::text::learnt_names::{LEARNT_NAMES_FILE, LearntNames};

/// File beside the index that keeps abbreviations learnt from the corpus.
pub const LEARNT_ABBREVIATIONS_FILE: &str = "tracuu-abbreviations.json";

/// How to index.
#[derive(Debug, Clone)]
pub struct IndexOptions {
    /// Total heap for the index writer, in bytes (raised to at least 16 MiB per thread).
    pub memory_budget_bytes: usize,
    /// Indexing threads.
    pub threads: usize,
    /// Show a progress bar (on a terminal).
    pub progress: bool,
    /// Commit after this many articles, bounding what a crash can lose.
    pub commit_every: u64,
}

impl Default for IndexOptions {
    fn default() -> Self {
        IndexOptions {
            memory_budget_bytes: 512 << 20,
            threads: std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(2)
                .min(8),
            progress: std::io::IsTerminal::is_terminal(&std::io::stderr()),
            commit_every: 50_000,
        }
    }
}

/// What an indexing run did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IndexReport {
    /// Articles read from the corpus.
    pub articles_read: u64,
    /// Articles written to the index (replacing any earlier version).
    pub indexed: u64,
    /// Corpus lines skipped: malformed, over-long, or an article with a non-http(s) URL.
    pub skipped_lines: u64,
    /// Articles kept without a date because their `published` was unreadable.
    pub undated: u64,
    /// Articles whose body or title was cut to the size limit.
    pub cut: u64,
    /// Corpus files that broke off before their end (their readable lines were indexed).
    pub broken_files: u64,
    /// Directory entries not read (other names, dangling symbolic links, …).
    pub skipped_entries: u64,
    /// Documents in the index after the run.
    pub docs_in_index: u64,
    /// Abbreviation definitions found in the text.
    pub abbreviations_learnt: u64,
    /// Wall time.
    pub elapsed: Duration,
}

/// Why indexing failed.
#[derive(Debug, Error)]
pub enum IndexError {
    /// The corpus could not be read.
    #[error(transparent)]
    Corpus(#[from] CorpusError),
    /// Tantivy failed.
    #[error("index error: {0}")]
    Engine(#[from] tantivy::TantivyError),
    /// A file next to the index could not be written.
    #[error("{path}: {source}")]
    Io {
        /// The file concerned.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The directory holds an index this version of tracuu did not build.
    #[error(
        "{path} holds an index with a different schema ({reason}); delete it or choose another --index"
    )]
    Incompatible {
        /// The index directory.
        path: PathBuf,
        /// What differs.
        reason: String,
    },
}

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> IndexError + '_ {
    move |source| IndexError::Io {
        path: path.to_path_buf(),
        source,
    }
}

fn same_schema(a: &Schema, b: &Schema) -> bool {
    serde_json::to_value(a).ok() == serde_json::to_value(b).ok()
}

/// Opens the index in `dir`, creating it (and the directory) when absent.
pub fn open_or_create(dir: &Path) -> Result<Index, IndexError> {
    std::fs::create_dir_all(dir).map_err(io_error(dir))?;
    let schema = build_schema();
    let index = if dir.join("meta.json").exists() {
        let index = Index::open_in_dir(dir)?;
        if !same_schema(&index.schema(), &schema) {
            return Err(IndexError::Incompatible {
                path: dir.to_path_buf(),
                reason: "fields differ from this tracuu version's".into(),
            });
        }
        index
    } else {
        Index::create_in_dir(dir, schema)?
    };
    register_writer_tokenizers(&index);
    Ok(index)
}

/// True when `dir` holds a committed index.
pub fn index_exists(dir: &Path) -> bool {
    dir.join("meta.json").is_file()
}

/// Indexes every article in the given files or directories of JSON Lines.
pub fn index_corpus(
    paths: &[PathBuf],
    dir: &Path,
    options: &IndexOptions,
) -> Result<IndexReport, IndexError> {
    let mut files = Vec::new();
    let mut skipped_entries = 0;
    for path in paths {
        let found = corpus_files(path).map_err(|source| CorpusError::Io {
            path: path.clone(),
            source,
        })?;
        files.extend(found.files);
        skipped_entries += found.skipped.len() as u64;
    }
    let total_bytes: u64 = files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum();
    let progress = progress_bar(options.progress, total_bytes);
    let mut session = Session::start(dir, options)?;
    let read = match read_articles(&files, Some(&progress), |article| session.add(&article)) {
        Ok(read) => read,
        Err(err) => {
            progress.finish_and_clear();
            session.abandon();
            return Err(err.into());
        }
    };
    progress.finish_and_clear();
    let mut report = session.finish()?;
    report.articles_read = read.articles;
    report.skipped_lines = read.skipped;
    report.undated = read.undated;
    report.cut = read.cut;
    report.broken_files = read.broken_files;
    report.skipped_entries = skipped_entries;
    if read.skipped + read.undated + read.cut + read.broken_files + skipped_entries > 0 {
        tracing::warn!(
            "{} lines skipped, {} articles undated, {} cut to size, {} files broken off, {} entries not read \
             (see the messages above)",
            read.skipped,
            read.undated,
            read.cut,
            read.broken_files,
            skipped_entries
        );
    }
    Ok(report)
}

/// Indexes articles given in memory (tools and tests), with the corpus's repairs: articles whose
/// URL is not http(s) are skipped, bad dates dropped, over-long bodies and titles cut. Unlike a
/// corpus line, an article with an empty title or body is not refused here.
pub fn index_articles(
    articles: impl IntoIterator<Item = Article>,
    dir: &Path,
    options: &IndexOptions,
) -> Result<IndexReport, IndexError> {
    let mut session = Session::start(dir, options)?;
    let (mut read, mut skipped, mut undated, mut cut) = (0, 0, 0, 0);
    for mut article in articles {
        read += 1;
        match article.sanitize() {
            Ok(repairs) => {
                for repair in &repairs {
                    match repair {
                        Repair::DateDropped(_) => undated += 1,
                        Repair::BodyCut(_) | Repair::TitleCut(_) => cut += 1,
                    }
                    tracing::warn!("{}: {repair}", article.url);
                }
                session.add(&article)?;
            }
            Err(reason) => {
                skipped += 1;
                tracing::warn!("skipped an article: {reason}");
            }
        }
    }
    let mut report = session.finish()?;
    report.articles_read = read;
    report.skipped_lines = skipped;
    report.undated = undated;
    report.cut = cut;
    Ok(report)
}

fn progress_bar(visible: bool, total_bytes: u64) -> ProgressBar {
    if !visible {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(total_bytes), ProgressDrawTarget::stderr());
    let style = ProgressStyle::with_template(
        "{spinner} indexing [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} ({bytes_per_sec}, eta {eta}) {msg}",
    )
    .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar
}

/// One writer session: add articles, commit periodically, finish.
struct Session {
    index: Index,
    writer: IndexWriter<TantivyDocument>,
    fields: Fields,
    dir: PathBuf,
    abbreviations: Abbreviations,
    names: LearntNames,
    options: IndexOptions,
    indexed: u64,
    learnt: u64,
    started: Instant,
    /// The segments the index had before this run.
    earlier: HashSet<SegmentId>,
}

impl Session {
    fn start(dir: &Path, options: &IndexOptions) -> Result<Session, IndexError> {
        let index = open_or_create(dir)?;
        let fields = Fields::resolve(&index.schema())?;
        let threads = options.threads.max(1);
        let budget = options.memory_budget_bytes.max(threads * (16 << 20));
        let writer: IndexWriter<TantivyDocument> =
            index.writer_with_num_threads(threads, budget)?;
        // The run merges what it wrote once, at the end; merges on the way would rewrite the
        // same articles again, on the cores that index.
        writer.set_merge_policy(Box::new(NoMergePolicy));
        let abbr_path = dir.join(LEARNT_ABBREVIATIONS_FILE);
        let abbreviations = Abbreviations::load(&abbr_path).map_err(io_error(&abbr_path))?;
        let names_path = dir.join(LEARNT_NAMES_FILE);
        let names = LearntNames::load(&names_path).map_err(io_error(&names_path))?;
        let earlier = index.searchable_segment_ids()?.into_iter().collect();
        info!(
            "indexing into {} with {threads} threads and {} MB",
            dir.display(),
            budget >> 20
        );
        Ok(Session {
            index,
            writer,
            fields,
            dir: dir.to_path_buf(),
            abbreviations,
            names,
            options: options.clone(),
            indexed: 0,
            learnt: 0,
            started: Instant::now(),
            earlier,
        })
    }

    fn add(&mut self, article: &Article) -> Result<(), IndexError> {
        let (doc, _) = to_document(article, &self.fields);
        self.learnt += self.abbreviations.learn_from(&article.body) as u64;
        let id = article.effective_id();
        self.names.learn_from(&id, &article.body);
        self.writer
            .delete_term(Term::from_field_text(self.fields.id, &id));
        self.writer.add_document(doc)?;
        self.indexed += 1;
        if self
            .indexed
            .is_multiple_of(self.options.commit_every.max(1))
        {
            self.commit()?;
        }
        Ok(())
    }

    /// Saves what was learnt, then commits: a server that sees the commit reads the files
    /// again (`SearchIndex::snapshot`), and a kill between the two leaves files that only hold
    /// more than the index, which the next run learns anyway.
    fn commit(&mut self) -> Result<(), IndexError> {
        let path = self.dir.join(LEARNT_ABBREVIATIONS_FILE);
        self.abbreviations.save(&path).map_err(io_error(&path))?;
        let path = self.dir.join(LEARNT_NAMES_FILE);
        self.names.save(&path).map_err(io_error(&path))?;
        self.writer.commit()?;
        info!(
            "committed {} articles; {} people's names learnt, {} of them words of queries",
            self.indexed,
            self.names.len(),
            self.names.words().count()
        );
        Ok(())
    }

    /// Drops what was added since the last commit, and its files, after a failure.
    fn abandon(mut self) {
        if let Err(err) = self.writer.rollback() {
            tracing::warn!("rolling back the unfinished batch failed: {err}");
        }
        if let Err(err) = self.writer.garbage_collect_files().wait() {
            tracing::warn!("removing the unfinished batch's files failed: {err}");
        }
    }

    /// Merges the segments this run committed into one, when it committed several (Tantivy's
    /// policy is off during the run, so none is being merged already). The merge is saved when
    /// it ends; killed before, the index stays as the last commit left it.
    fn merge_new_segments(&mut self) -> Result<(), IndexError> {
        let new: Vec<SegmentId> = self
            .index
            .searchable_segment_ids()?
            .into_iter()
            .filter(|id| !self.earlier.contains(id))
            .collect();
        if new.len() < 2 {
            return Ok(());
        }
        info!("merging the {} segments written into one", new.len());
        let started = Instant::now();
        match self.writer.merge(&new).wait() {
            Ok(_) => info!("merged in {:.1} s", started.elapsed().as_secs_f64()),
            Err(err) => tracing::debug!("segments left to the merge policy: {err}"),
        }
        Ok(())
    }

    fn finish(mut self) -> Result<IndexReport, IndexError> {
        self.commit()?;
        // Older segments are the policy's again; it is asked when the merge below ends.
        self.writer
            .set_merge_policy(Box::new(LogMergePolicy::default()));
        self.merge_new_segments()?;
        self.writer.wait_merging_threads()?;
        let reader = self.index.reader()?;
        reader.reload()?;
        Ok(IndexReport {
            indexed: self.indexed,
            docs_in_index: reader.searcher().num_docs(),
            abbreviations_learnt: self.learnt,
            elapsed: self.started.elapsed(),
            ..IndexReport::default()
        })
    }
}
