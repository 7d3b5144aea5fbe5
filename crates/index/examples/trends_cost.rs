//! What a trend costs on an existing index: each query's count per period (one facet-collector
//! pass over its matches), and all articles per period read from the term dictionaries beside
//! the same counted article by article, with a whole trend of the queries.
//!
//! `cargo run --release -p tracuu-index --example trends_cost -- INDEX_DIR "query one" "query two"`
//!
//! Prints the median of `RUNS` (default 21) timings of each, in milliseconds, with the matches,
//! so the cost can be read against the size of the answer.

use std::path::PathBuf;
use std::time::Instant;

use tracuu_index::search::trends::{Interval, TrendRequest};
use tracuu_index::search::{SearchIndex, SearchRequest};

fn median_ms(
    runs: usize,
    mut work: impl FnMut() -> Result<(), Box<dyn std::error::Error>>,
) -> Result<f64, Box<dyn std::error::Error>> {
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        work()?;
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    Ok(times[times.len() / 2])
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().ok_or("usage: trends_cost INDEX_DIR QUERY...")?);
    let queries: Vec<String> = args.collect();
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(21);
    let index = SearchIndex::open(&dir)?;
    let snapshot = index.snapshot();
    println!(
        "{} articles, generation {}, median of {runs} runs",
        snapshot.num_docs(),
        snapshot.generation()
    );
    let everything = SearchRequest::default();
    for interval in [Interval::Month, Interval::Year] {
        let quick = median_ms(runs, || {
            index.articles_per_period(&snapshot, &everything, interval)?;
            Ok(())
        })?;
        let counted = median_ms(runs, || {
            index.matches_per_period(&snapshot, &everything, interval)?;
            Ok(())
        })?;
        println!(
            "all articles per {:5}: {quick:8.2} ms from the dictionaries, {counted:8.2} ms counted one by one",
            interval.name()
        );
    }
    for query in &queries {
        let request = SearchRequest {
            query: query.clone(),
            ..SearchRequest::default()
        };
        let matches = index
            .matches_per_period(&snapshot, &request, Interval::Month)?
            .total();
        let per_month = median_ms(runs, || {
            index.matches_per_period(&snapshot, &request, Interval::Month)?;
            Ok(())
        })?;
        let total_only = median_ms(runs, || {
            index.search_in(
                &snapshot,
                &SearchRequest {
                    limit: 0,
                    facet_limit: 0,
                    histogram: false,
                    ..request.clone()
                },
            )?;
            Ok(())
        })?;
        println!(
            "{query:40} {matches:8} matches: per month {per_month:8.2} ms, count alone {total_only:8.2} ms"
        );
    }
    if !queries.is_empty() {
        let trend = TrendRequest {
            queries: queries.iter().take(6).cloned().collect(),
            interval: Interval::Month,
            ..TrendRequest::default()
        };
        let whole = median_ms(runs, || {
            index.trends_in(&snapshot, &trend)?;
            Ok(())
        })?;
        println!(
            "a trend of the {} queries by month: {whole:8.2} ms",
            trend.queries.len()
        );
    }
    Ok(())
}
