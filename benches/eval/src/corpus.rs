//! The speed corpora (`vietnews`, `baomoi`) read from `shared/`, and Article JSON Lines files.
//!
//! vietnews is pre-segmented (`Hưng_Yên`): underscores become spaces. Its summary, and baomoi's
//! sapo, open the body as its first paragraph, as a site's lead paragraph would. vietnews has no
//! URL, so one is made from the id (`https://vietnews.local/{id}`).

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::Deserialize;
use tracuu_index::article::Article;

/// One of the speed corpora.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum BenchCorpus {
    /// 150,704 news articles (2018–2019), pre-segmented.
    Vietnews,
    /// 35,440 raw news articles (2017).
    Baomoi,
}

impl BenchCorpus {
    /// Both corpora, in report order.
    pub const ALL: [BenchCorpus; 2] = [BenchCorpus::Vietnews, BenchCorpus::Baomoi];

    /// Short name used in file names and tables.
    pub fn name(self) -> &'static str {
        match self {
            BenchCorpus::Vietnews => "vietnews",
            BenchCorpus::Baomoi => "baomoi",
        }
    }

    /// Where the corpus lies under `shared/`.
    pub fn shared_path(self, shared: &Path) -> PathBuf {
        shared
            .join("data/bench")
            .join(format!("{}.jsonl.xz", self.name()))
    }
}

#[derive(Deserialize)]
struct RawRecord {
    id: serde_json::Value,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    title: String,
    #[serde(default)]
    summary: Option<String>,
    #[serde(default)]
    sapo: Option<String>,
    #[serde(default)]
    body: String,
}

fn to_article(corpus: BenchCorpus, record: RawRecord) -> Article {
    let id = match record.id {
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    };
    let lead = record.summary.or(record.sapo).unwrap_or_default();
    let (title, lead, body) = match corpus {
        BenchCorpus::Vietnews => (
            record.title.replace('_', " "),
            lead.replace('_', " "),
            record.body.replace('_', " "),
        ),
        BenchCorpus::Baomoi => (record.title, lead, record.body),
    };
    let body = if lead.trim().is_empty() {
        body
    } else {
        format!("{}\n\n{}", lead.trim(), body)
    };
    Article {
        url: record
            .url
            .unwrap_or_else(|| format!("https://{}.local/{id}", corpus.name())),
        source: record
            .source
            .or_else(|| Some(format!("{}.local", corpus.name()))),
        id: Some(id),
        title,
        body,
        ..Article::default()
    }
}

/// Reads a speed corpus from its `.jsonl.xz`, calling `each` with every article in file order.
pub fn read_bench(
    corpus: BenchCorpus,
    path: &Path,
    mut each: impl FnMut(Article),
) -> anyhow::Result<u64> {
    let file = File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let reader = BufReader::with_capacity(1 << 20, xz2::read::XzDecoder::new(file));
    let mut count = 0;
    for (number, line) in reader.lines().enumerate() {
        let line = line.with_context(|| format!("{}: line {}", path.display(), number + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let record: RawRecord = serde_json::from_str(&line)
            .with_context(|| format!("{}: line {} is not a record", path.display(), number + 1))?;
        each(to_article(corpus, record));
        count += 1;
    }
    Ok(count)
}

/// Writes Article JSON Lines to `path`, zstd-compressed when it ends in `.zst`.
pub struct ArticleWriter {
    out: Box<dyn Write>,
    path: PathBuf,
}

impl ArticleWriter {
    /// Creates (or truncates) `path`.
    pub fn create(path: &Path) -> anyhow::Result<Self> {
        let file = BufWriter::with_capacity(
            1 << 20,
            File::create(path).with_context(|| format!("creating {}", path.display()))?,
        );
        let out: Box<dyn Write> = if path.extension().is_some_and(|e| e == "zst") {
            Box::new(zstd::Encoder::new(file, 3)?.auto_finish())
        } else {
            Box::new(file)
        };
        Ok(ArticleWriter {
            out,
            path: path.to_path_buf(),
        })
    }

    /// Appends one article as one line.
    pub fn write(&mut self, article: &Article) -> anyhow::Result<()> {
        serde_json::to_writer(&mut self.out, article)?;
        self.out
            .write_all(b"\n")
            .with_context(|| format!("writing {}", self.path.display()))
    }

    /// Flushes everything to disk.
    pub fn finish(mut self) -> anyhow::Result<()> {
        self.out
            .flush()
            .with_context(|| format!("writing {}", self.path.display()))
    }
}

/// Reads Article JSON Lines (plain or `.zst`), calling `each` with every article.
pub fn read_articles(
    path: &Path,
    mut each: impl FnMut(Article) -> anyhow::Result<()>,
) -> anyhow::Result<u64> {
    let file = File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let reader: Box<dyn BufRead> = if path.extension().is_some_and(|e| e == "zst") {
        Box::new(BufReader::with_capacity(1 << 20, zstd::Decoder::new(file)?))
    } else {
        Box::new(BufReader::with_capacity(1 << 20, file))
    };
    let mut count = 0;
    for (number, line) in reader.lines().enumerate() {
        let line = line.with_context(|| format!("{}: line {}", path.display(), number + 1))?;
        let article: Article = serde_json::from_str(&line).with_context(|| {
            format!("{}: line {} is not an Article", path.display(), number + 1)
        })?;
        each(article)?;
        count += 1;
    }
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnews_records_lose_underscores_and_get_a_url() -> anyhow::Result<()> {
        let line = r#"{"id": "train/000001", "title": "Khởi_tố kẻ_trộm", "summary": "Với bản_tính ham chơi", "body": "Cơ_quan Cảnh_sát điều_tra"}"#;
        let article = to_article(BenchCorpus::Vietnews, serde_json::from_str(line)?);
        assert_eq!(article.title, "Khởi tố kẻ trộm");
        assert_eq!(
            article.body,
            "Với bản tính ham chơi\n\nCơ quan Cảnh sát điều tra"
        );
        assert_eq!(article.url, "https://vietnews.local/train/000001");
        assert_eq!(article.id.as_deref(), Some("train/000001"));
        Ok(())
    }

    #[test]
    fn articles_round_trip_through_zstd_json_lines() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("a.jsonl.zst");
        let article = Article {
            id: Some("21395276".into()),
            url: "http://www.baomoi.com/a/c/21395276.epi".into(),
            title: "Kết quả xổ số điện toán".into(),
            body: "Xổ số điện toán là loại hình xổ số".into(),
            ..Article::default()
        };
        let mut writer = ArticleWriter::create(&path)?;
        writer.write(&article)?;
        writer.write(&article)?;
        writer.finish()?;
        let mut read = Vec::new();
        let count = read_articles(&path, |a| {
            read.push(a);
            Ok(())
        })?;
        assert_eq!(count, 2);
        assert_eq!(read, vec![article.clone(), article]);
        Ok(())
    }
}
