//! Times queries against an existing index, with and without facets, to see where time goes.
//!
//! `cargo run --release -p tracuu-index --example latency -- INDEX_DIR "query one" "query two"`
//!
//! `RANKING=pair=3,title=1` times other ranking weights (see `search::Ranking`).

use std::path::PathBuf;
use std::time::Instant;

use tracuu_index::search::{Ranking, SearchIndex, SearchRequest};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().ok_or("usage: latency INDEX_DIR QUERY...")?);
    let mut index = SearchIndex::open(&dir)?;
    if let Some(overrides) = std::env::var_os("RANKING") {
        let ranking = Ranking::default().with_overrides(&overrides.to_string_lossy())?;
        println!("ranking: {ranking}");
        index.set_ranking(ranking);
    }
    for query in args {
        for (label, facet_limit, histogram) in [("full", 20, true), ("no facets", 0, false)] {
            let request = SearchRequest {
                query: query.clone(),
                facet_limit,
                histogram,
                ..Default::default()
            };
            let mut best = f64::MAX;
            let mut total = 0;
            for _ in 0..5 {
                let started = Instant::now();
                total = index.search(&request)?.total;
                best = best.min(started.elapsed().as_secs_f64() * 1000.0);
            }
            println!("{query:40} {label:10} total {total:7} best of 5: {best:7.1} ms");
            if std::env::var_os("SHOW").is_some() {
                for hit in index.search(&request)?.hits.iter().take(3) {
                    println!("    {:.4} {}", hit.score, hit.title);
                }
            }
        }
    }
    Ok(())
}
