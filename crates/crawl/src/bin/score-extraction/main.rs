//! Scores tracuu's extractor beside Python trafilatura, in one run, on two benchmarks:
//!
//! - AEB, the ScrapingHub article-extraction benchmark (181 pages): body text, scored by its
//!   `evaluate.py` (Python `\w+` tokens after NFC, multisets of 4-token shingles, per-page P and R,
//!   their means, F1 of the means).
//! - WCXB, the Web Content eXtraction Benchmark's development articles (711 pages from 711 sites):
//!   body word-F1 (its metric: lower-cased `\w+` tokens, multiset overlap, mean of per-page F1),
//!   same-day publication date, exact title, author (case-insensitive), each over the pages whose
//!   truth has that field.
//!
//! Speed is extraction alone (parse, clean, metadata; decoding excluded for both), one thread, after
//! a warm-up of five pages; run it under `taskset -c 1` for a one-core figure. It also checks that
//! the vbpl.vn pages extract to NFC.
//!
//! Usage: `cargo run --release -p tracuu-crawl --bin score-extraction -- [--aeb DIR] [--wcxb DIR]
//! [--vbpl DIR] [--python PATH | --no-trafilatura] [--only aeb|wcxb] [--worst N] [--out FILE]`.
//! The data defaults to `../shared/data/html/{aeb,wcxb-dev,vbpl}` beside the repository; trafilatura
//! to the venv `scripts/trafilatura-venv.sh` makes. Whatever is missing is named, and the exit is 1.

mod metric;
mod pages;
mod trafilatura;
mod vbpl;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context;
use tracuu_crawl::extract::{SiteRules, extract};

use metric::{mean, same_author, same_day, same_title, shingle_corpus, shingle_page, word_f1};
use pages::{Page, Prediction, Run};

struct Args {
    aeb: PathBuf,
    wcxb: PathBuf,
    vbpl: PathBuf,
    python: Option<PathBuf>,
    trafilatura: bool,
    only: Option<String>,
    worst: usize,
    out: Option<PathBuf>,
}

const USAGE: &str = "usage: score-extraction [--aeb DIR] [--wcxb DIR] [--vbpl DIR] [--python PATH | --no-trafilatura] [--only aeb|wcxb] [--worst N] [--out FILE]";

fn parse_args() -> Option<Args> {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/html");
    let mut args = Args {
        aeb: shared.join("aeb"),
        wcxb: shared.join("wcxb-dev"),
        vbpl: shared.join("vbpl"),
        python: None,
        trafilatura: true,
        only: None,
        worst: 0,
        out: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        if arg == "--no-trafilatura" {
            args.trafilatura = false;
            continue;
        }
        let value = it.next()?;
        match arg.as_str() {
            "--aeb" => args.aeb = PathBuf::from(value),
            "--wcxb" => args.wcxb = PathBuf::from(value),
            "--vbpl" => args.vbpl = PathBuf::from(value),
            "--python" => args.python = Some(PathBuf::from(value)),
            "--only" if matches!(value.as_str(), "aeb" | "wcxb") => args.only = Some(value),
            "--worst" => args.worst = value.parse().ok()?,
            "--out" => args.out = Some(PathBuf::from(value)),
            _ => return None,
        }
    }
    Some(args)
}

/// tracuu's extractor over `pages`, timed page by page after a warm-up.
fn run_tracuu(pages: &[Page]) -> Run {
    let rules = SiteRules::default();
    let parsed: Vec<Option<url::Url>> =
        pages.iter().map(|p| url::Url::parse(&p.url).ok()).collect();
    for (page, url) in pages.iter().zip(&parsed).take(5) {
        std::hint::black_box(extract(&page.html, url.as_ref(), &rules));
    }
    let mut elapsed = Duration::ZERO;
    let mut predictions = Vec::with_capacity(pages.len());
    for (page, url) in pages.iter().zip(&parsed) {
        let start = Instant::now();
        let found = extract(&page.html, url.as_ref(), &rules);
        elapsed += start.elapsed();
        predictions.push(Prediction {
            body: found.body,
            title: Some(found.title).filter(|t| !t.is_empty()),
            author: found.author,
            date: found.published,
        });
    }
    Run {
        name: "tracuu".to_string(),
        predictions,
        seconds: elapsed.as_secs_f64(),
    }
}

/// Prints a table: one row per measure, one column per extractor.
fn print_table(runs: &[Run], rows: &[(String, Vec<String>)]) {
    let width = rows
        .iter()
        .map(|(l, _)| l.chars().count())
        .max()
        .unwrap_or(0);
    print!("  {:width$}", "");
    for run in runs {
        print!("  {:>18}", run.name);
    }
    println!();
    for (label, values) in rows {
        print!("  {label:width$}");
        for value in values {
            print!("  {value:>18}");
        }
        println!();
    }
}

fn speed_row(pages: &[Page], runs: &[Run]) -> (String, Vec<String>) {
    (
        "pages/s (one thread)".to_string(),
        runs.iter()
            .map(|r| format!("{:.1}", pages.len() as f64 / r.seconds.max(1e-9)))
            .collect(),
    )
}

fn score_aeb(pages: &[Page], runs: &[Run], worst: usize) {
    let mb: usize = pages.iter().map(|p| p.html.len()).sum();
    println!(
        "AEB: {} pages, {:.1} MB of HTML (body: shingle P/R/F1 as evaluate.py)",
        pages.len(),
        mb as f64 / 1e6
    );
    let scored: Vec<Vec<metric::ShinglePage>> = runs
        .iter()
        .map(|run| {
            pages
                .iter()
                .zip(&run.predictions)
                .map(|(page, pred)| shingle_page(&page.truth.body, &pred.body))
                .collect()
        })
        .collect();
    let corpus: Vec<_> = scored.iter().map(|s| shingle_corpus(s)).collect();
    let f = |pick: fn(&(f64, f64, f64, f64)) -> f64| -> Vec<String> {
        corpus.iter().map(|c| format!("{:.4}", pick(c))).collect()
    };
    let rows = vec![
        ("body F1".to_string(), f(|c| c.2)),
        ("  precision".to_string(), f(|c| c.0)),
        ("  recall".to_string(), f(|c| c.1)),
        ("  exact".to_string(), f(|c| c.3)),
        speed_row(pages, runs),
    ];
    print_table(runs, &rows);
    if worst > 0 {
        let mut order: Vec<usize> = (0..pages.len()).collect();
        order.sort_by(|&a, &b| scored[0][a].f1().total_cmp(&scored[0][b].f1()));
        let show = |v: Option<f64>| v.map_or_else(|| "  -  ".to_string(), |v| format!("{v:.3}"));
        for &i in order.iter().take(worst) {
            let s = scored[0][i];
            let other = scored
                .get(1)
                .map(|o| format!("  (other {:.3})", o[i].f1()))
                .unwrap_or_default();
            println!(
                "  worst: F1 {:.3}  P {}  R {}  {}{other}",
                s.f1(),
                show(s.precision),
                show(s.recall),
                pages[i].id
            );
        }
    }
}

/// Share of `judged` pages where `ok` holds, as "0.xxx (n/m)".
fn share(pages: &[Page], judged: impl Fn(&Page) -> bool, ok: impl Fn(usize) -> bool) -> String {
    let idx: Vec<usize> = (0..pages.len()).filter(|&i| judged(&pages[i])).collect();
    let hits = idx.iter().filter(|&&i| ok(i)).count();
    format!(
        "{:.3} ({hits}/{})",
        hits as f64 / idx.len().max(1) as f64,
        idx.len()
    )
}

fn score_wcxb(pages: &[Page], runs: &[Run], worst: usize) {
    println!(
        "WCXB development articles: {} pages (body: word F1, mean over pages)",
        pages.len()
    );
    let f1s: Vec<Vec<f64>> = runs
        .iter()
        .map(|run| {
            pages
                .iter()
                .zip(&run.predictions)
                .map(|(page, pred)| word_f1(&page.truth.body, &pred.body))
                .collect()
        })
        .collect();
    let per_run = |cell: &dyn Fn(&Run) -> String| runs.iter().map(cell).collect::<Vec<_>>();
    let dated = |p: &Page| p.truth.date.is_some();
    let rows = vec![
        (
            "body word-F1".to_string(),
            f1s.iter().map(|v| format!("{:.4}", mean(v))).collect(),
        ),
        (
            "date, same day".to_string(),
            per_run(&|r| {
                share(pages, dated, |i| {
                    same_day(
                        pages[i].truth.date.as_deref().unwrap_or(""),
                        r.predictions[i].date.as_deref(),
                    )
                })
            }),
        ),
        (
            "  dated pages given no date".to_string(),
            per_run(&|r| share(pages, dated, |i| r.predictions[i].date.is_none())),
        ),
        (
            "  undated pages given a date".to_string(),
            per_run(&|r| share(pages, |p| !dated(p), |i| r.predictions[i].date.is_some())),
        ),
        (
            "title, exact".to_string(),
            per_run(&|r| {
                share(
                    pages,
                    |p| p.truth.title.is_some(),
                    |i| {
                        same_title(
                            pages[i].truth.title.as_deref().unwrap_or(""),
                            r.predictions[i].title.as_deref(),
                        )
                    },
                )
            }),
        ),
        (
            "author, case-insensitive".to_string(),
            per_run(&|r| {
                share(
                    pages,
                    |p| p.truth.author.is_some(),
                    |i| {
                        same_author(
                            pages[i].truth.author.as_deref().unwrap_or(""),
                            r.predictions[i].author.as_deref(),
                        )
                    },
                )
            }),
        ),
        (
            "  pages without one given one".to_string(),
            per_run(&|r| {
                share(
                    pages,
                    |p| p.truth.author.is_none(),
                    |i| r.predictions[i].author.is_some(),
                )
            }),
        ),
        speed_row(pages, runs),
    ];
    print_table(runs, &rows);
    if worst > 0 {
        let mut order: Vec<usize> = (0..pages.len()).collect();
        order.sort_by(|&a, &b| f1s[0][a].total_cmp(&f1s[0][b]));
        for &i in order.iter().take(worst) {
            let other = f1s
                .get(1)
                .map(|o| format!("  (other {:.3})", o[i]))
                .unwrap_or_default();
            println!(
                "  worst: F1 {:.3}  {}  {}{other}",
                f1s[0][i], pages[i].id, pages[i].url
            );
        }
    }
}

/// Every page's truth and predictions, for reading the differences.
fn dump(benchmark: &str, pages: &[Page], runs: &[Run]) -> serde_json::Value {
    let rows: serde_json::Map<String, serde_json::Value> = pages
        .iter()
        .enumerate()
        .map(|(i, page)| {
            let mut row = serde_json::Map::new();
            row.insert("url".into(), page.url.clone().into());
            row.insert(
                "truth".into(),
                serde_json::json!({"body": page.truth.body, "title": page.truth.title,
                    "author": page.truth.author, "date": page.truth.date}),
            );
            for run in runs {
                row.insert(
                    run.name.clone(),
                    serde_json::to_value(&run.predictions[i]).unwrap_or_default(),
                );
            }
            (page.id.clone(), serde_json::Value::Object(row))
        })
        .collect();
    serde_json::json!({ "benchmark": benchmark, "pages": rows })
}

fn run(args: &Args) -> anyhow::Result<bool> {
    let python = args
        .python
        .clone()
        .unwrap_or_else(trafilatura::default_python);
    let version = if args.trafilatura {
        Some(trafilatura::check(&python)?)
    } else {
        println!("trafilatura: not run (--no-trafilatura)");
        None
    };
    let wanted = |name: &str| args.only.as_deref().is_none_or(|o| o == name);
    let mut dumps = Vec::new();
    for (name, loader) in [
        (
            "aeb",
            pages::load_aeb as fn(&Path) -> anyhow::Result<Vec<Page>>,
        ),
        ("wcxb", pages::load_wcxb),
    ] {
        if !wanted(name) {
            continue;
        }
        let dir = if name == "aeb" { &args.aeb } else { &args.wcxb };
        let pages = loader(dir)?;
        let mut runs = vec![run_tracuu(&pages)];
        if let Some(version) = &version {
            runs.push(trafilatura::run(&python, version, &pages)?);
        }
        if name == "aeb" {
            score_aeb(&pages, &runs, args.worst);
        } else {
            score_wcxb(&pages, &runs, args.worst);
        }
        println!();
        if args.out.is_some() {
            dumps.push(dump(name, &pages, &runs));
        }
    }
    if let Some(out) = &args.out {
        std::fs::write(out, serde_json::to_vec(&dumps)?)
            .with_context(|| format!("writing {}", out.display()))?;
        println!("wrote {}", out.display());
    }
    if !args.vbpl.is_dir() {
        anyhow::bail!(
            "the vbpl pages are missing: no directory {} (pass --vbpl DIR)",
            args.vbpl.display()
        );
    }
    vbpl::check(&args.vbpl)
}

fn main() -> ExitCode {
    let Some(args) = parse_args() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    match run(&args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(err) => {
            eprintln!("score-extraction: {err:#}");
            ExitCode::FAILURE
        }
    }
}
