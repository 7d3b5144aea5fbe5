//! A whole index, or a corpus, as `_bulk` NDJSON for OpenSearch, Elasticsearch or Quickwit.
//!
//! From an index, articles come out in the index's own order (segment by segment, document by
//! document) and are rebuilt from what it stores, then encoded through the same
//! `to_document` as indexing ([`crate::bulk`]): the cluster gets what tracuu indexed. From a
//! corpus, articles go through the same reading and checks as `tracuu index` (malformed lines
//! skipped and reported, bad dates dropped, bodies capped); a later line with the same id replaces
//! an earlier one on the cluster, as it does in tracuu.
//!
//! A file is written as `FILE.part` and renamed when whole: a run that fails or is killed never
//! leaves a FILE that looks complete.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use tantivy::schema::OwnedValue;
use tantivy::{Index, TantivyDocument};
use tracuu_index::article::Article;
use tracuu_index::corpus::{CorpusError, ReadReport, corpus_files, read_articles};
use tracuu_index::schema::{Fields, build_schema};

pub use crate::bulk::BulkAction;
use crate::bulk::BulkEncoder;
use crate::error::ScaleOutError;

/// What to export.
#[derive(Debug, Clone, Copy)]
pub enum ExportSource<'a> {
    /// Every article of a tracuu index directory.
    Index(&'a Path),
    /// Every article of these corpus files or directories (JSON Lines, plain or compressed).
    Corpus(&'a [PathBuf]),
}

/// How to export.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    /// The cluster index named in each action (`_index`).
    pub cluster_index: String,
    /// The action each article gets.
    pub action: BulkAction,
    /// Show a progress bar on stderr.
    pub progress: bool,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            cluster_index: "tracuu".into(),
            action: BulkAction::Index,
            progress: false,
        }
    }
}

/// What an export wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportReport {
    /// Articles written (two lines each).
    pub articles: u64,
    /// Bytes written.
    pub bytes: u64,
    /// What reading the corpus met (empty for an index).
    pub corpus: ReadReport,
}

/// Writes every article of `source` to `out`.
pub fn export(
    source: ExportSource<'_>,
    out: &mut dyn Write,
    options: &ExportOptions,
) -> Result<ExportReport, ScaleOutError> {
    let mut encoder = BulkEncoder::new(&options.cluster_index)?.with_action(options.action);
    let mut report = ExportReport::default();
    match source {
        ExportSource::Index(dir) => {
            for_each_indexed(dir, options.progress, |article| {
                report.bytes += encoder.write(&article, out)?;
                report.articles += 1;
                Ok(())
            })?;
        }
        ExportSource::Corpus(paths) => {
            let mut files = Vec::new();
            for path in paths {
                let found = corpus_files(path).map_err(|source| CorpusError::Io {
                    path: path.clone(),
                    source,
                })?;
                for skipped in &found.skipped {
                    tracing::warn!("{}: skipped: {}", skipped.path.display(), skipped.reason);
                }
                files.extend(found.files);
            }
            let total: u64 = files
                .iter()
                .filter_map(|f| std::fs::metadata(f).ok())
                .map(|m| m.len())
                .sum();
            let bar = progress_bar(options.progress, total, "{bytes}/{total_bytes}");
            let read = read_articles(&files, Some(&bar), |article| -> Result<(), ScaleOutError> {
                report.bytes += encoder.write(&article, out)?;
                report.articles += 1;
                Ok(())
            });
            bar.finish_and_clear();
            report.corpus = read?;
        }
    }
    out.flush()?;
    Ok(report)
}

/// Writes every article of `source` to the file `path`, whole or not at all (see the module).
pub fn export_to_file(
    source: ExportSource<'_>,
    path: &Path,
    options: &ExportOptions,
) -> Result<ExportReport, ScaleOutError> {
    let mut part = path.as_os_str().to_owned();
    part.push(".part");
    let part = PathBuf::from(part);
    let written = File::create(&part)
        .map_err(ScaleOutError::from)
        .and_then(|file| {
            let mut out = BufWriter::with_capacity(1 << 20, file);
            let report = export(source, &mut out, options)?;
            let file = out.into_inner().map_err(|e| e.into_error())?;
            file.sync_all()?;
            Ok(report)
        });
    match written {
        Ok(report) => {
            std::fs::rename(&part, path)?;
            Ok(report)
        }
        Err(err) => {
            if let Err(e) = std::fs::remove_file(&part) {
                tracing::warn!("{}: could not remove: {e}", part.display());
            }
            Err(err)
        }
    }
}

/// Hands every live article of the index in `dir` to `each`, in the index's order.
fn for_each_indexed(
    dir: &Path,
    progress: bool,
    mut each: impl FnMut(Article) -> Result<(), ScaleOutError>,
) -> Result<(), ScaleOutError> {
    let unavailable = |reason: String| ScaleOutError::IndexUnavailable {
        path: dir.display().to_string(),
        reason,
    };
    if !dir.join("meta.json").is_file() {
        return Err(unavailable(
            "no index there; build one with `tracuu index --corpus PATH --index DIR`".into(),
        ));
    }
    let index = Index::open_in_dir(dir).map_err(|e| unavailable(e.to_string()))?;
    if serde_json::to_value(index.schema()).ok() != serde_json::to_value(build_schema()).ok() {
        return Err(unavailable(
            "built by another tracuu version; re-index it".into(),
        ));
    }
    let fields = Fields::resolve(&index.schema())?;
    let searcher = index.reader()?.searcher();
    let bar = progress_bar(progress, searcher.num_docs(), "{pos}/{len} articles");
    for segment in searcher.segment_readers() {
        let store = segment.get_store_reader(16)?;
        for doc in store.iter::<TantivyDocument>(segment.alive_bitset()) {
            each(stored_article(&doc?, &fields))?;
            bar.inc(1);
        }
    }
    bar.finish_and_clear();
    Ok(())
}

/// The article a stored document was made from (what `to_document` needs to make it again).
fn stored_article(doc: &TantivyDocument, f: &Fields) -> Article {
    let text = |field| {
        doc.get_first(field)
            .map(OwnedValue::from)
            .and_then(|v| match v {
                OwnedValue::Str(s) => Some(s),
                _ => None,
            })
    };
    Article {
        id: text(f.id),
        url: text(f.url).unwrap_or_default(),
        title: text(f.title).unwrap_or_default(),
        body: text(f.body).unwrap_or_default(),
        published: text(f.published),
        source: text(f.source),
        agency: text(f.agency),
        province: text(f.site_province),
        author: text(f.author),
        section: text(f.section),
        duplicate_of: text(f.duplicate_of),
        // A path on the machine that crawled: no use on a cluster.
        warc_file: None,
        warc_offset: None,
    }
}

fn progress_bar(visible: bool, total: u64, counts: &str) -> ProgressBar {
    if !visible {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    let template =
        format!("{{spinner}} exporting [{{elapsed_precise}}] {{wide_bar}} {counts} (eta {{eta}})");
    bar.set_style(
        ProgressStyle::with_template(&template).unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}

#[cfg(test)]
mod tests {
    use super::*;
    use tracuu_index::indexer::{IndexOptions, index_corpus};

    const CORPUS: &str = concat!(
        r#"{"id":"a","url":"https://quangnam.gov.vn/a","title":"Uỷ ban Nhà nước về người Việt Nam ở nước ngoài","body":"Hội nghị bàn về bảo hiểm xã hội. Nghị quyết 36-NQ/TW.","published":"2021-02-22","province":"Quảng Nam"}"#,
        "\n",
        "not json\n",
        r#"{"id":"b","url":"https://danang.gov.vn/b","title":"Hòa bình","body":"Thủy sản khỏe mạnh","published":"2021-13-45"}"#,
        "\n",
    );

    fn lines(bytes: &[u8]) -> Vec<serde_json::Value> {
        String::from_utf8_lossy(bytes)
            .lines()
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect()
    }

    #[test]
    fn an_index_and_its_corpus_export_the_same_documents() -> Result<(), Box<dyn std::error::Error>>
    {
        let dir = tempfile::tempdir()?;
        let corpus = dir.path().join("corpus.jsonl");
        std::fs::write(&corpus, CORPUS)?;
        let index_dir = dir.path().join("index");
        let options = IndexOptions {
            threads: 1,
            progress: false,
            ..IndexOptions::default()
        };
        index_corpus(std::slice::from_ref(&corpus), &index_dir, &options)?;

        let mut from_corpus = Vec::new();
        let report = export(
            ExportSource::Corpus(std::slice::from_ref(&corpus)),
            &mut from_corpus,
            &ExportOptions::default(),
        )?;
        assert_eq!(report.articles, 2);
        assert_eq!(report.corpus.skipped, 1);
        let mut from_index = Vec::new();
        export(
            ExportSource::Index(&index_dir),
            &mut from_index,
            &ExportOptions::default(),
        )?;
        let (a, b) = (lines(&from_corpus), lines(&from_index));
        assert_eq!(a.len(), 4);
        assert_eq!(a, b);
        // The unreadable date leaves the article undated, as tracuu indexes it.
        assert_eq!(a[3]["year"], "none");
        assert_eq!(
            a[1]["title_exact"],
            "uỷ ban nhà nước về người việt nam ở nước ngoài"
        );
        Ok(())
    }

    #[test]
    fn a_failed_export_leaves_no_file() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let out = dir.path().join("bulk.ndjson");
        let missing = dir.path().join("no-index");
        let err = export_to_file(
            ExportSource::Index(&missing),
            &out,
            &ExportOptions::default(),
        );
        let message = err.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(message.contains("no index there"), "{message}");
        assert!(!out.exists());
        assert!(!dir.path().join("bulk.ndjson.part").exists());
        Ok(())
    }

    #[test]
    fn quickwit_gets_create_actions() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let corpus = dir.path().join("corpus.jsonl");
        std::fs::write(&corpus, CORPUS)?;
        let out = dir.path().join("bulk.ndjson");
        let options = ExportOptions {
            cluster_index: "tin-tuc".into(),
            action: BulkAction::Create,
            progress: false,
        };
        let report = export_to_file(
            ExportSource::Corpus(std::slice::from_ref(&corpus)),
            &out,
            &options,
        )?;
        let written = lines(&std::fs::read(&out)?);
        assert_eq!(report.bytes, std::fs::metadata(&out)?.len());
        assert_eq!(written[0]["create"]["_index"], "tin-tuc");
        assert_eq!(written[0]["create"]["_id"], "a");
        Ok(())
    }
}
