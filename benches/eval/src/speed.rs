//! The speed run: indexing time, throughput, peak memory, index size and query latency, each
//! system in its own child process so its peak memory is its own.
//!
//! The parent converts each corpus once to plain Article JSON Lines in the work directory (so
//! decompressing xz is not timed) and draws the latency queries. Each child (`speed-one`) indexes
//! that file, reads its own `VmHWM`, runs every query once to warm the page cache and once more
//! timed, and prints one JSON object. Then the parent opens the indexes the children built and
//! times the same queries on them side by side in one process, alternating blocks of queries
//! ([`interleaved`]), so that a drift of the machine's speed weighs on every system alike. `--rounds N` does all of it N
//! times, alternating the systems' builds too.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, bail};
use serde::{Deserialize, Serialize};

use crate::corpus::{ArticleWriter, BenchCorpus, read_bench};
use crate::engines::{self, BuildOptions, Source, System};
use crate::interleaved::{self, SideBySide};
use crate::memory::peak_rss_bytes;
use crate::queries::{Reservoir, SpeedQuery};
use crate::table::Table;

/// Latency queries per corpus.
pub const QUERY_COUNT: usize = 1_200;

/// What the parent knows about a prepared corpus.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PreparedCorpus {
    /// The Article JSON Lines file.
    pub articles_file: PathBuf,
    /// The latency queries (JSON).
    pub queries_file: PathBuf,
    /// Articles in the corpus.
    pub articles: u64,
    /// Bytes of title and body text, the unit of MB/s.
    pub text_bytes: u64,
}

/// One system's measurements on one corpus, as the child prints them.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Measurement {
    /// Wall time of indexing (including commit and merges), seconds.
    pub index_secs: f64,
    /// Peak resident memory of the child after indexing, bytes (None for a server).
    pub peak_rss_bytes: Option<u64>,
    /// Index size on disk, bytes.
    pub index_bytes: u64,
    /// Latency percentiles in milliseconds: p50, p95, p99.
    pub latency_ms: [f64; 3],
    /// Mean exact total of matches per query.
    pub mean_total: f64,
    /// Queries timed.
    pub queries: usize,
    /// Queries that returned an error, with the first message.
    pub errors: usize,
    /// The first error, if any.
    pub first_error: Option<String>,
}

/// Converts `corpus` into `work` (once) and draws its queries.
pub fn prepare_corpus(
    corpus: BenchCorpus,
    shared: &Path,
    work: &Path,
) -> anyhow::Result<PreparedCorpus> {
    let meta_path = work.join(format!("{}.prepared.json", corpus.name()));
    if let Ok(bytes) = std::fs::read(&meta_path)
        && let Ok(prepared) = serde_json::from_slice::<PreparedCorpus>(&bytes)
        && prepared.articles_file.exists()
        && prepared.queries_file.exists()
    {
        return Ok(prepared);
    }
    std::fs::create_dir_all(work).with_context(|| format!("creating {}", work.display()))?;
    let articles_file = work.join(format!("{}.articles.jsonl", corpus.name()));
    let queries_file = work.join(format!("{}.queries.json", corpus.name()));
    eprintln!(
        "speed: converting {} to {}",
        corpus.name(),
        articles_file.display()
    );
    let mut writer = ArticleWriter::create(&articles_file)?;
    let mut reservoir = Reservoir::new(QUERY_COUNT * 2);
    let mut text_bytes = 0u64;
    let mut failure = None;
    let articles = read_bench(corpus, &corpus.shared_path(shared), |article| {
        text_bytes += (article.title.len() + article.body.len()) as u64;
        reservoir.offer(&article);
        if failure.is_none()
            && let Err(e) = writer.write(&article)
        {
            failure = Some(e);
        }
    })?;
    if let Some(e) = failure {
        return Err(e);
    }
    writer.finish()?;
    let queries = reservoir.queries(QUERY_COUNT);
    std::fs::write(&queries_file, serde_json::to_vec_pretty(&queries)?)?;
    let prepared = PreparedCorpus {
        articles_file,
        queries_file,
        articles,
        text_bytes,
    };
    std::fs::write(&meta_path, serde_json::to_vec_pretty(&prepared)?)?;
    Ok(prepared)
}

pub(crate) fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// The child's work: index, measure, query; returns what it prints.
pub fn measure_one(
    system: System,
    articles_file: &Path,
    queries_file: &Path,
    index_dir: &Path,
    options: &BuildOptions,
) -> anyhow::Result<Measurement> {
    let queries = read_queries(queries_file)?;
    if index_dir.exists() {
        std::fs::remove_dir_all(index_dir)
            .with_context(|| format!("clearing {}", index_dir.display()))?;
    }
    let start = Instant::now();
    let mut engine = engines::build(system, Source::File(articles_file), index_dir, options)?;
    let index_secs = start.elapsed().as_secs_f64();
    let peak = if system == System::Postgres {
        None
    } else {
        peak_rss_bytes()
    };
    time_queries(engine.as_mut(), &queries, index_secs, peak)
}

/// Times the queries on an index built before (`speed-one --reuse-index`): tracuu's or a Tantivy
/// baseline's.
pub fn measure_reused(
    system: System,
    queries_file: &Path,
    index_dir: &Path,
    options: &BuildOptions,
) -> anyhow::Result<Measurement> {
    let queries = read_queries(queries_file)?;
    let Some(mut engine) = engines::open(system, index_dir, options)? else {
        bail!("--reuse-index reopens tracuu and Tantivy indexes only");
    };
    time_queries(engine.as_mut(), &queries, 0.0, None)
}

/// The latency queries written by [`prepare_corpus`].
pub fn read_queries(queries_file: &Path) -> anyhow::Result<Vec<SpeedQuery>> {
    let bytes = std::fs::read(queries_file)
        .with_context(|| format!("reading {}", queries_file.display()))?;
    serde_json::from_slice(&bytes).with_context(|| format!("reading {}", queries_file.display()))
}

/// Runs every query once to warm the caches, then once more timed.
fn time_queries(
    engine: &mut dyn engines::Engine,
    queries: &[SpeedQuery],
    index_secs: f64,
    peak: Option<u64>,
) -> anyhow::Result<Measurement> {
    let index_bytes = engine.index_bytes()?;
    for query in queries {
        let _ = engine.counted(query);
    }
    let mut latencies = Vec::with_capacity(queries.len());
    let mut totals = 0u64;
    let mut errors = 0;
    let mut first_error = None;
    for query in queries {
        let start = Instant::now();
        let result = engine.counted(query);
        latencies.push(start.elapsed().as_secs_f64() * 1000.0);
        match result {
            Ok((_, total)) => totals += total,
            Err(e) => {
                errors += 1;
                first_error.get_or_insert_with(|| format!("{}: {e:#}", query.text()));
            }
        }
    }
    latencies.sort_by(f64::total_cmp);
    Ok(Measurement {
        index_secs,
        peak_rss_bytes: peak,
        index_bytes,
        latency_ms: [
            percentile(&latencies, 50.0),
            percentile(&latencies, 95.0),
            percentile(&latencies, 99.0),
        ],
        mean_total: totals as f64 / queries.len().max(1) as f64,
        queries: queries.len(),
        errors,
        first_error,
    })
}

fn run_child(
    system: System,
    prepared: &PreparedCorpus,
    index_dir: &Path,
    options: &BuildOptions,
) -> anyhow::Result<Measurement> {
    let exe = std::env::current_exe().context("finding this program")?;
    let mut command = Command::new(exe);
    command
        .arg("speed-one")
        .arg("--system")
        .arg(system.arg())
        .arg("--articles")
        .arg(&prepared.articles_file)
        .arg("--queries")
        .arg(&prepared.queries_file)
        .arg("--index")
        .arg(index_dir)
        .arg("--threads")
        .arg(options.threads.to_string())
        .arg("--memory-budget-mb")
        .arg((options.memory_budget_bytes >> 20).to_string());
    if let Some(conn) = &options.postgres {
        command.arg("--postgres").arg(conn);
    }
    let output = command
        .stderr(std::process::Stdio::inherit())
        .output()
        .context("running the child")?;
    if !output.status.success() {
        bail!("{} failed ({})", system.label(), output.status);
    }
    serde_json::from_slice(&output.stdout).context("reading the child's measurement")
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

/// One round on one corpus: each system's child, then the queries side by side.
struct Round {
    children: Vec<(System, Measurement)>,
    side_by_side: Vec<SideBySide>,
}

/// Runs every system on the given corpora, `rounds` times each, and returns the Markdown report.
///
/// Each round builds every index again in its children, then times the queries side by side
/// ([`interleaved`]) on the indexes just built; the goal lines are given per round.
pub fn run(
    shared: &Path,
    work: &Path,
    corpora: &[BenchCorpus],
    systems: &[System],
    options: &BuildOptions,
    rounds: usize,
) -> anyhow::Result<String> {
    let mut out = String::new();
    for &corpus in corpora {
        let prepared = prepare_corpus(corpus, shared, work)?;
        out.push_str(&format!(
            "**{}**: {} articles, {:.1} MB of title and body text, {} latency queries \
             (half quoted phrases of 2–4 syllables, half word pairs; every other two without diacritics).\n\n",
            corpus.name(),
            prepared.articles,
            mb(prepared.text_bytes),
            QUERY_COUNT
        ));
        let mut table = Table::new(&[
            "system",
            "index wall s",
            "MB/s",
            "articles/s",
            "peak RSS MB",
            "index MB",
            "p50 ms",
            "p95 ms",
            "p99 ms",
            "mean total hits",
            "errors",
        ]);
        let mut side_table = Table::new(&["system", "p50 ms", "p95 ms", "p99 ms", "errors"]);
        let mut done = Vec::new();
        for round in 1..=rounds.max(1) {
            let label = |system: System| {
                if rounds > 1 {
                    format!("{} (round {round})", system.label())
                } else {
                    system.label().to_string()
                }
            };
            let children =
                run_children(corpus, &prepared, work, systems, options, |system, row| {
                    let mut cells = vec![label(system)];
                    cells.extend(row);
                    table.row(cells);
                })?;
            let dirs: Vec<(System, PathBuf)> = children
                .iter()
                .map(|(system, _)| (*system, index_dir(work, corpus, *system)))
                .collect();
            let queries = read_queries(&prepared.queries_file)?;
            eprintln!("speed: the queries side by side on {}", corpus.name());
            let side_by_side = interleaved::measure(&dirs, &queries, options)?;
            for m in &side_by_side {
                side_table.row(vec![
                    label(m.system),
                    format!("{:.2}", m.latency_ms[0]),
                    format!("{:.2}", m.latency_ms[1]),
                    format!("{:.2}", m.latency_ms[2]),
                    m.errors.to_string(),
                ]);
            }
            done.push(Round {
                children,
                side_by_side,
            });
        }
        out.push_str(&table.to_string());
        out.push_str(
            "\nThe same queries on the same indexes, the systems timed side by side in one process \
             (each block of 50 queries on every system before the next block, the order turning):\n\n",
        );
        out.push_str(&side_table.to_string());
        out.push('\n');
        for (i, round) in done.iter().enumerate() {
            if rounds > 1 {
                out.push_str(&format!("Round {}:\n", i + 1));
            }
            out.push_str(&goals(round, prepared.text_bytes));
        }
        out.push('\n');
    }
    Ok(out)
}

fn index_dir(work: &Path, corpus: BenchCorpus, system: System) -> PathBuf {
    work.join(format!("speed-{}-{}", corpus.name(), system.arg()))
}

/// Each system's child on `prepared`, in order; `row` gets each success's table cells (after
/// the system's name). A system that fails is reported and left out.
fn run_children(
    corpus: BenchCorpus,
    prepared: &PreparedCorpus,
    work: &Path,
    systems: &[System],
    options: &BuildOptions,
    mut row: impl FnMut(System, Vec<String>),
) -> anyhow::Result<Vec<(System, Measurement)>> {
    let mut results = Vec::new();
    for &system in systems {
        eprintln!("speed: {} on {}", system.label(), corpus.name());
        let m = match run_child(system, prepared, &index_dir(work, corpus, system), options) {
            Ok(m) => m,
            Err(e) => {
                eprintln!(
                    "speed: {} on {} failed: {e:#}",
                    system.label(),
                    corpus.name()
                );
                row(system, vec![format!("failed: {e:#}")]);
                continue;
            }
        };
        // Kept beside the indexes so a long run's finished parts survive an interruption.
        let saved = work.join(format!("speed-{}-{}.json", corpus.name(), system.arg()));
        std::fs::write(&saved, serde_json::to_vec_pretty(&m)?)
            .with_context(|| format!("writing {}", saved.display()))?;
        eprintln!(
            "speed: {} on {}: {}",
            system.label(),
            corpus.name(),
            serde_json::to_string(&m)?
        );
        row(
            system,
            vec![
                format!("{:.1}", m.index_secs),
                format!("{:.2}", mb(prepared.text_bytes) / m.index_secs),
                format!("{:.0}", prepared.articles as f64 / m.index_secs),
                m.peak_rss_bytes
                    .map_or("n/a (server)".into(), |b| format!("{:.0}", mb(b))),
                format!("{:.0}", mb(m.index_bytes)),
                format!("{:.2}", m.latency_ms[0]),
                format!("{:.2}", m.latency_ms[1]),
                format!("{:.2}", m.latency_ms[2]),
                format!("{:.0}", m.mean_total),
                m.first_error
                    .as_ref()
                    .map_or("0".into(), |e| format!("{} ({e})", m.errors)),
            ],
        );
        results.push((system, m));
    }
    Ok(results)
}

/// The goal line "tracuu's p50 and p99 at or below tantivy + folding's", measured `how`.
fn latency_goal(how: &str, tracuu: [f64; 3], folding: [f64; 3]) -> String {
    let verdict = match (tracuu[0] <= folding[0], tracuu[2] <= folding[2]) {
        (true, true) => "met",
        (false, true) => "p99 met, p50 above",
        (true, false) => "p50 met, p99 above",
        (false, false) => "not met",
    };
    format!(
        "- Goal query p50 and p99 at or below tantivy + folding's {how}: tracuu {:.2} / {:.2} ms vs {:.2} / {:.2} ms → {verdict}\n",
        tracuu[0], tracuu[2], folding[0], folding[2]
    )
}

fn goals(round: &Round, text_bytes: u64) -> String {
    let results = &round.children;
    let find = |s: System| {
        results
            .iter()
            .find(|(system, _)| *system == s)
            .map(|(_, m)| m)
    };
    let mut out = String::new();
    if let (Some(t), Some(d)) = (find(System::Tracuu), find(System::TantivyDefault)) {
        let (tr, dr) = (mb(text_bytes) / t.index_secs, mb(text_bytes) / d.index_secs);
        let ratio = tr / dr;
        out.push_str(&format!(
            "- Goal indexing ≥ 45 % of tantivy-default's throughput (issue 9; issue 5 asked ½): tracuu {tr:.2} MB/s vs {dr:.2} MB/s = {:.0} % → {}\n",
            100.0 * ratio,
            if ratio >= 0.45 { "met".to_string() } else { format!("missed by {:.0} points", 100.0 * (0.45 - ratio)) }
        ));
    }
    if let (Some(t), Some(f)) = (find(System::Tracuu), find(System::TantivyFolding)) {
        out.push_str(&latency_goal(
            "(issue 9), each in its own child",
            t.latency_ms,
            f.latency_ms,
        ));
    }
    let side = |s: System| round.side_by_side.iter().find(|m| m.system == s);
    if let (Some(t), Some(f)) = (side(System::Tracuu), side(System::TantivyFolding)) {
        out.push_str(&latency_goal(
            "(issue 9), side by side",
            t.latency_ms,
            f.latency_ms,
        ));
    }
    if let (Some(t), Some(s)) = (find(System::Tracuu), find(System::Sqlite)) {
        let (tp, sp) = (t.latency_ms[2], s.latency_ms[2]);
        out.push_str(&format!(
            "- Goal query p99 below SQLite FTS5's: tracuu {tp:.2} ms vs {sp:.2} ms → {}\n",
            if tp < sp {
                "met".to_string()
            } else {
                format!("missed by {:.2} ms ({:.1}×)", tp - sp, tp / sp)
            }
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_use_nearest_rank() {
        let sorted: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(percentile(&sorted, 50.0), 50.0);
        assert_eq!(percentile(&sorted, 99.0), 99.0);
        assert_eq!(percentile(&[3.0], 99.0), 3.0);
    }
}
