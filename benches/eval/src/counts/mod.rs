//! `tracuu-eval counts`: are the engine's whole result sets right?
//!
//! On 5,000 real news articles (dantri with dates, baomoi without, and the five seeds) each of
//! the topical queries ([`queries`]) is answered by a `tracuu` binary (built index, `search
//! --json` with the whole result set) and by [`reference`], a separate program reading the raw
//! text. Per query: the reference set's size, the engine's total, precision, recall and the size
//! ratio; overall: pooled and mean precision and recall.
//!
//! Several binaries can be measured in one run (`--engine before=/path/to/old/tracuu`), each
//! indexing the same file with its own code, so a change is measured before and after.
//!
//! The query's words are the engine's own cut ([`units`]: a quoted phrase is one word; the rest
//! is cut by `plain_query_units`: the lexicon's words, the
//! people the corpus names, learnt from the raw text as the indexer learns them, a token
//! written without spaces as one word ("2.000", "Covid-19"), and abbreviations spelled out):
//! "every word of the query" needs a definition of the words, and
//! what is checked here is whether the articles hold them.

pub mod queries;
pub mod reference;
pub mod units;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};
use serde::Deserialize;
use tracuu_index::article::Article;
use tracuu_index::indexer::LEARNT_ABBREVIATIONS_FILE;
use tracuu_index::text::abbreviations::Abbreviations;
use tracuu_index::text::learnt_names::LearntNames;

use crate::corpus::{ArticleWriter, BenchCorpus, read_bench};
use crate::table::Table;
use reference::{RefSyllable, holds_abbreviation, holds_word, syllables};
use units::{RefUnit, reference_units};

/// Articles in the count corpus.
pub const CORPUS_ARTICLES: usize = 5_000;
/// The dantri file under `shared/`.
pub const DANTRI_PATH: &str = "data/news/dantri.jsonl.gz";

/// One binary to measure, with its label.
#[derive(Debug, Clone)]
pub struct EngineBinary {
    /// Row label (`before`, `after`).
    pub label: String,
    /// The `tracuu` executable.
    pub path: PathBuf,
}

impl std::str::FromStr for EngineBinary {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (label, path) = s
            .split_once('=')
            .ok_or_else(|| format!("`{s}`: expected LABEL=PATH, e.g. before=/tmp/old/tracuu"))?;
        Ok(EngineBinary {
            label: label.to_string(),
            path: PathBuf::from(path),
        })
    }
}

#[derive(Deserialize)]
struct Dantri {
    id: String,
    url: String,
    #[serde(default)]
    date: Option<String>,
    title: String,
    body: String,
}

/// Writes the count corpus into `work` and returns its path and articles.
fn prepare(shared: &Path, seeds: &Path, work: &Path) -> anyhow::Result<(PathBuf, Vec<Article>)> {
    let mut articles = Vec::with_capacity(CORPUS_ARTICLES);
    let dantri = shared.join(DANTRI_PATH);
    let file =
        std::fs::File::open(&dantri).with_context(|| format!("opening {}", dantri.display()))?;
    let reader = std::io::BufReader::new(flate2::read::GzDecoder::new(file));
    for line in std::io::BufRead::lines(reader) {
        let record: Dantri = serde_json::from_str(&line?)?;
        articles.push(Article {
            id: Some(record.id),
            url: record.url,
            title: record.title,
            body: record.body,
            published: record.date,
            ..Article::default()
        });
    }
    let seed_articles: Vec<Article> = std::fs::read_to_string(seeds)
        .with_context(|| format!("reading {}", seeds.display()))?
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(serde_json::from_str)
        .collect::<Result<_, _>>()?;
    let room = CORPUS_ARTICLES.saturating_sub(articles.len() + seed_articles.len());
    let mut baomoi = Vec::new();
    read_bench(
        BenchCorpus::Baomoi,
        &BenchCorpus::Baomoi.shared_path(shared),
        |article| {
            if baomoi.len() < room {
                baomoi.push(article);
            }
        },
    )?;
    articles.extend(baomoi);
    articles.extend(seed_articles);
    let path = work.join("counts.articles.jsonl");
    let mut writer = ArticleWriter::create(&path)?;
    for article in &articles {
        writer.write(article)?;
    }
    writer.finish()?;
    Ok((path, articles))
}

/// What one binary answered for one query.
struct EngineAnswer {
    total: u64,
    ids: HashSet<String>,
    matched: String,
}

fn index_with(binary: &EngineBinary, corpus: &Path, index: &Path) -> anyhow::Result<()> {
    if index.exists() {
        std::fs::remove_dir_all(index)?;
    }
    let status = Command::new(&binary.path)
        .args(["index", "--corpus"])
        .arg(corpus)
        .arg("--index")
        .arg(index)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .with_context(|| format!("running {}", binary.path.display()))?;
    if !status.success() {
        bail!("{} index failed ({status})", binary.label);
    }
    Ok(())
}

fn search_with(binary: &EngineBinary, index: &Path, query: &str) -> anyhow::Result<EngineAnswer> {
    let output = Command::new(&binary.path)
        .args(["search", "--json", "--limit"])
        .arg(CORPUS_ARTICLES.to_string())
        .arg("--index")
        .arg(index)
        .arg("--")
        .arg(query)
        .output()
        .with_context(|| format!("running {}", binary.path.display()))?;
    if !output.status.success() {
        bail!(
            "{} search {query:?} failed: {}",
            binary.label,
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let json: serde_json::Value = serde_json::from_slice(&output.stdout)?;
    let ids = json["hits"]
        .as_array()
        .map(|hits| {
            hits.iter()
                .filter_map(|h| h["id"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    Ok(EngineAnswer {
        total: json["total"].as_u64().unwrap_or(0),
        ids,
        matched: json["match"].as_str().unwrap_or("–").to_string(),
    })
}

/// An article as the reference reads it.
struct RefArticle {
    id: String,
    title: Vec<RefSyllable>,
    body: Vec<RefSyllable>,
}

fn reference_set(articles: &[RefArticle], units: &[RefUnit]) -> HashSet<String> {
    let units: Vec<(Vec<Vec<RefSyllable>>, Option<String>)> = units
        .iter()
        .map(|unit| {
            let words = unit.words.iter().map(|word| syllables(word)).collect();
            (words, unit.abbreviation.clone())
        })
        .collect();
    articles
        .iter()
        .filter(|a| {
            units.iter().all(|(words, abbreviation)| {
                let in_article =
                    |w: &Vec<RefSyllable>| holds_word(&a.title, w) || holds_word(&a.body, w);
                words.iter().all(in_article)
                    || abbreviation.as_deref().is_some_and(|key| {
                        holds_abbreviation(&a.title, key) || holds_abbreviation(&a.body, key)
                    })
            })
        })
        .map(|a| a.id.clone())
        .collect()
}

#[derive(Default)]
struct Totals {
    true_positives: u64,
    engine: u64,
    reference: u64,
    precisions: Vec<f64>,
    recalls: Vec<f64>,
    worst_ratio: f64,
    over_limit: Vec<String>,
    partial: usize,
}

/// Runs the count check for every binary; returns the Markdown report.
pub fn run(
    shared: &Path,
    seeds: &Path,
    work: &Path,
    binaries: &[EngineBinary],
    queries: &[String],
) -> anyhow::Result<String> {
    std::fs::create_dir_all(work)?;
    let (corpus, articles) = prepare(shared, seeds, work)?;
    let readable: Vec<RefArticle> = articles
        .iter()
        .map(|a| RefArticle {
            id: a.effective_id(),
            title: syllables(&a.title),
            body: syllables(&a.body),
        })
        .collect();
    // People's names are words: the reference learns them from the raw text, as the indexer
    // does, whatever each engine's index learnt (an older engine learnt none).
    let mut names = LearntNames::default();
    for article in &articles {
        names.learn_from(&article.effective_id(), &article.body);
    }
    let lexicon = names.query_lexicon();
    let mut out = format!(
        "{} articles (dantri 2019–2021 with dates, baomoi 2017 without, the five seeds); {} topical queries, {} of them without diacritics.\n\n",
        articles.len(),
        queries.len(),
        queries.iter().filter(|q| q.is_ascii()).count()
    );
    let mut summary = Table::new(&[
        "engine",
        "precision (pooled)",
        "recall (pooled)",
        "precision (mean)",
        "recall (mean)",
        "total / reference (pooled)",
        "worst total / reference",
        "queries above 1.5×",
        "partial answers",
    ]);
    for binary in binaries {
        let index = work.join(format!("counts-{}", binary.label));
        eprintln!("counts: indexing with {}", binary.label);
        index_with(binary, &corpus, &index)?;
        let mut abbreviations = Abbreviations::builtin();
        if let Ok(learnt) = Abbreviations::load(&index.join(LEARNT_ABBREVIATIONS_FILE)) {
            abbreviations.merge(&learnt);
        }

        let mut table = Table::new(&[
            "query",
            "words",
            "reference",
            "total",
            "match",
            "precision",
            "recall",
            "total / ref",
        ]);
        let mut totals = Totals::default();
        for query in queries {
            let units = reference_units(query, &abbreviations, &lexicon);
            let expected = reference_set(&readable, &units);
            let answer = search_with(binary, &index, query)?;
            let partial = answer.matched == "partial";
            if partial {
                // A partial answer says no article holds every word: right when the reference
                // agrees, a miss of every article otherwise. Its total counts the closest ones
                // and is reported as such, so it is left out of the size ratios.
                totals.partial += 1;
                totals
                    .recalls
                    .push(if expected.is_empty() { 1.0 } else { 0.0 });
                totals.reference += expected.len() as u64;
            } else {
                let hit = answer.ids.intersection(&expected).count() as u64;
                let precision = if answer.ids.is_empty() {
                    1.0
                } else {
                    hit as f64 / answer.ids.len() as f64
                };
                let recall = if expected.is_empty() {
                    1.0
                } else {
                    hit as f64 / expected.len() as f64
                };
                let ratio = answer.total as f64 / expected.len().max(1) as f64;
                totals.true_positives += hit;
                totals.engine += answer.ids.len() as u64;
                totals.reference += expected.len() as u64;
                totals.precisions.push(precision);
                totals.recalls.push(recall);
                totals.worst_ratio = totals.worst_ratio.max(ratio);
                if ratio > 1.5 {
                    totals.over_limit.push(query.clone());
                }
            }
            let hit = answer.ids.intersection(&expected).count();
            let (precision, recall, ratio) = if partial {
                let verdict = if expected.is_empty() {
                    "right"
                } else {
                    "wrong"
                };
                (
                    format!("partial ({verdict})"),
                    "–".to_string(),
                    "–".to_string(),
                )
            } else {
                (
                    format!("{:.3}", hit as f64 / answer.ids.len().max(1) as f64),
                    format!("{:.3}", hit as f64 / expected.len().max(1) as f64),
                    format!("{:.2}", answer.total as f64 / expected.len().max(1) as f64),
                )
            };
            let words: Vec<String> = units
                .iter()
                .map(|u| match &u.abbreviation {
                    Some(key) => format!("({} or {key})", u.words.join(" + ")),
                    None => u.words.join(" + "),
                })
                .collect();
            table.row(vec![
                query.clone(),
                words.join(" + "),
                expected.len().to_string(),
                answer.total.to_string(),
                answer.matched.clone(),
                precision,
                recall,
                ratio,
            ]);
        }
        let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len().max(1) as f64;
        summary.row(vec![
            binary.label.clone(),
            format!(
                "{:.4}",
                totals.true_positives as f64 / totals.engine.max(1) as f64
            ),
            format!(
                "{:.4}",
                totals.true_positives as f64 / totals.reference.max(1) as f64
            ),
            format!("{:.4}", mean(&totals.precisions)),
            format!("{:.4}", mean(&totals.recalls)),
            format!(
                "{:.2}",
                totals.engine as f64 / totals.reference.max(1) as f64
            ),
            format!("{:.2}", totals.worst_ratio),
            if totals.over_limit.is_empty() {
                "0".to_string()
            } else {
                format!(
                    "{} ({})",
                    totals.over_limit.len(),
                    totals.over_limit.join(", ")
                )
            },
            totals.partial.to_string(),
        ]);
        out.push_str(&format!(
            "**{}** ({})\n\n{table}\n",
            binary.label,
            binary.path.display()
        ));
    }
    out.push_str(&format!("**Summary**\n\n{summary}"));
    Ok(out)
}
