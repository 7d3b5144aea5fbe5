//! What the quote finder costs beside a search, on real news:
//! `cargo run --release -p tracuu-index --example quote_cost -- ../shared/data/news/dantri.jsonl.gz`.
//!
//! Indexes the dantri news (2,653 articles, shared data, not shipped) into a temporary directory,
//! then times, for each query, a search (10 hits, facets, histogram) and `SearchIndex::quotes`
//! reading the first 10, 50 (the default) and 200 matching articles: medians of repeated runs.
//! The quote finder's cost grows with the articles it reads, not with the index.

use std::io::{BufRead, Write};
use std::time::{Duration, Instant};

use tracuu_index::article::Article;
use tracuu_index::indexer::{IndexOptions, index_corpus};
use tracuu_index::quote::QuoteRequest;
use tracuu_index::search::{SearchIndex, SearchRequest};

const QUERIES: [&str; 8] = [
    "cho biết",
    "covid",
    "học sinh",
    "Chủ tịch UBND",
    "tiêm vắc xin",
    "giá vàng",
    "bộ trưởng",
    "\"bảo hiểm xã hội\"",
];
const RUNS: usize = 7;

#[derive(serde::Deserialize)]
struct Dantri {
    url: String,
    title: String,
    body: String,
    date: Option<String>,
}

fn median(mut times: Vec<Duration>) -> f64 {
    times.sort();
    times[times.len() / 2].as_secs_f64() * 1e3
}

fn timed<T>(mut f: impl FnMut() -> T) -> (T, f64) {
    let mut times = Vec::with_capacity(RUNS);
    let mut last = None;
    for _ in 0..RUNS {
        let started = Instant::now();
        last = Some(f());
        times.push(started.elapsed());
    }
    let Some(last) = last else {
        unreachable!("RUNS > 0")
    };
    (last, median(times))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: quote_cost PATH/TO/dantri.jsonl.gz (the shared news)");
        std::process::exit(2);
    };
    let dir = tempfile::tempdir()?;
    let corpus = dir.path().join("dantri.jsonl");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&corpus)?);
    let reader = std::io::BufReader::new(flate2::read::GzDecoder::new(std::fs::File::open(&path)?));
    for line in reader.lines() {
        let d: Dantri = serde_json::from_str(&line?)?;
        let article = Article {
            url: d.url,
            title: d.title,
            body: d.body,
            published: d.date,
            ..Article::default()
        };
        serde_json::to_writer(&mut out, &article)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    drop(out);
    let index_dir = dir.path().join("index");
    let options = IndexOptions {
        progress: false,
        threads: 1,
        memory_budget_bytes: 64 << 20,
        ..Default::default()
    };
    let report = index_corpus(&[corpus], &index_dir, &options)?;
    let index = SearchIndex::open(&index_dir)?;
    println!(
        "{} articles indexed; medians of {RUNS} runs, ms\n",
        report.docs_in_index
    );
    println!(
        "| query | articles | search (10 hits) | quotes, 10 read | 50 read | 200 read | quotes found in 50 | with a speaker |"
    );
    println!("| --- | --- | --- | --- | --- | --- | --- | --- |");
    for query in QUERIES {
        let search = SearchRequest {
            query: query.into(),
            ..Default::default()
        };
        let (response, search_ms) = timed(|| index.search(&search));
        let response = response?;
        let mut cells = Vec::new();
        let mut found = (0, 0);
        for articles in [10, 50, 200] {
            let request = QuoteRequest {
                search: search.clone(),
                articles,
                ..Default::default()
            };
            let (quotes, ms) = timed(|| index.quotes(&request));
            let quotes = quotes?;
            if articles == 50 {
                let all = QuoteRequest {
                    limit: usize::MAX,
                    ..request
                };
                let every = index.quotes(&all)?;
                found = (
                    every.total,
                    every.quotes.iter().filter(|q| q.speaker.is_some()).count(),
                );
            }
            assert!(quotes.articles_read <= articles);
            cells.push(format!("{ms:.1}"));
        }
        println!(
            "| {query} | {} | {search_ms:.1} | {} | {} |",
            response.total,
            cells.join(" | "),
            format_args!("{} | {}", found.0, found.1)
        );
    }
    Ok(())
}
