//! Query latency of several systems measured side by side, block by block.
//!
//! The speed run times each system in its own child, one after the other, so a machine whose
//! speed drifts (this one drifted by a third within an hour) favours whichever system ran in the
//! fast minutes. Here every system's index, built by the children, is opened in one process and
//! the queries are timed in blocks of [`BLOCK`]: each block on every system before the next
//! block, the order of the systems turning from block to block, so a drift weighs on all of them
//! alike. Blocks, not single queries: alternating at every query, each system would find the
//! processor's caches filled by the other's last query, which no server running one engine
//! sees (in one round, query by query: tracuu's median 2.73 ms against 2.13 in its own child,
//! Tantivy + folding's 2.71 against 2.56). The queries, the warm-up pass and the percentiles are
//! the children's.

use std::path::PathBuf;
use std::time::Instant;

use crate::engines::{self, BuildOptions, Engine, System};
use crate::queries::SpeedQuery;
use crate::speed::percentile;

/// Queries timed on one system before the next system takes them.
pub const BLOCK: usize = 50;

/// One system's latency percentiles (p50, p95, p99, in ms) and the queries that failed.
#[derive(Debug, Clone)]
pub struct SideBySide {
    /// The system measured.
    pub system: System,
    /// p50, p95, p99 in milliseconds.
    pub latency_ms: [f64; 3],
    /// Queries that returned an error.
    pub errors: usize,
}

/// Times `queries` on the indexes in `dirs` (one per system, built before), alternating the
/// systems block by block. Systems that cannot reopen an index are left out.
pub fn measure(
    dirs: &[(System, PathBuf)],
    queries: &[SpeedQuery],
    options: &BuildOptions,
) -> anyhow::Result<Vec<SideBySide>> {
    let mut engines: Vec<(System, Box<dyn Engine>)> = Vec::new();
    for (system, dir) in dirs {
        if let Some(engine) = engines::open(*system, dir, options)? {
            engines.push((*system, engine));
        }
    }
    for (_, engine) in &mut engines {
        for query in queries {
            let _ = engine.counted(query);
        }
    }
    let n = engines.len();
    let mut latencies = vec![Vec::with_capacity(queries.len()); n];
    let mut errors = vec![0; n];
    for (b, block) in queries.chunks(BLOCK).enumerate() {
        for turn in 0..n {
            let e = (b + turn) % n;
            for query in block {
                let start = Instant::now();
                let result = engines[e].1.counted(query);
                latencies[e].push(start.elapsed().as_secs_f64() * 1000.0);
                if result.is_err() {
                    errors[e] += 1;
                }
            }
        }
    }
    Ok(engines
        .iter()
        .zip(latencies)
        .zip(errors)
        .map(|(((system, _), mut times), errors)| {
            times.sort_by(f64::total_cmp);
            SideBySide {
                system: *system,
                latency_ms: [50.0, 95.0, 99.0].map(|p| percentile(&times, p)),
                errors,
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engines::Source;
    use tracuu_index::article::Article;

    #[test]
    fn every_reopened_system_answers_every_query_side_by_side() -> anyhow::Result<()> {
        let articles: Vec<Article> = [
            (
                "a",
                "Bảo hiểm xã hội",
                "Luật bảo hiểm xã hội sửa đổi được Quốc hội thông qua.",
            ),
            (
                "b",
                "Cải cách hành chính",
                "Tỉnh đẩy mạnh cải cách hành chính năm 2024.",
            ),
        ]
        .into_iter()
        .map(|(id, title, body)| Article {
            id: Some(id.into()),
            url: format!("https://x.local/{id}"),
            title: title.into(),
            body: body.into(),
            ..Article::default()
        })
        .collect();
        let work = tempfile::tempdir()?;
        let options = BuildOptions::small();
        let mut dirs = Vec::new();
        for system in [System::Tracuu, System::TantivyFolding, System::Sqlite] {
            let dir = work.path().join(system.arg());
            engines::build(system, Source::Articles(&articles), &dir, &options)?;
            dirs.push((system, dir));
        }
        let queries = vec![SpeedQuery {
            phrase: false,
            words: vec!["bảo".into(), "hiểm".into()],
            stripped: false,
        }];
        let measured = measure(&dirs, &queries, &options)?;
        let systems: Vec<System> = measured.iter().map(|m| m.system).collect();
        // SQLite cannot reopen its index here, so it is left out rather than timed empty.
        assert_eq!(systems, vec![System::Tracuu, System::TantivyFolding]);
        assert!(
            measured
                .iter()
                .all(|m| m.errors == 0 && m.latency_ms[0] > 0.0)
        );
        Ok(())
    }
}
