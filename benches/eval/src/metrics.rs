//! Ranking metrics with binary judgments: nDCG@10, Recall@10, Recall@100, MRR@10.
//!
//! Each question has a set of relevant document keys; a system's answer is its ranked list of keys.
//! The metrics follow the usual TREC definitions (gain 1 for a relevant document, log2 discount,
//! ideal ranking = all relevant documents first), averaged over questions.

use std::collections::HashSet;

/// The four metrics of one answer, or their means over many answers.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Scores {
    /// Normalised discounted cumulative gain of the first 10 results.
    pub ndcg10: f64,
    /// Share of the relevant documents found in the first 10 results.
    pub recall10: f64,
    /// Share of the relevant documents found in the first 100 results.
    pub recall100: f64,
    /// Reciprocal rank of the first relevant result within the first 10, else 0.
    pub mrr10: f64,
}

impl Scores {
    /// Scores one ranked answer against the relevant keys.
    pub fn of(ranked: &[String], relevant: &HashSet<String>) -> Scores {
        if relevant.is_empty() {
            return Scores::default();
        }
        let is_relevant = |k: &String| relevant.contains(k);
        let dcg: f64 = ranked
            .iter()
            .take(10)
            .enumerate()
            .filter(|(_, k)| is_relevant(k))
            .map(|(i, _)| 1.0 / ((i + 2) as f64).log2())
            .sum();
        let ideal: f64 = (0..relevant.len().min(10))
            .map(|i| 1.0 / ((i + 2) as f64).log2())
            .sum();
        let found = |k: usize| {
            let hits: HashSet<&String> = ranked.iter().take(k).filter(|k| is_relevant(k)).collect();
            hits.len() as f64 / relevant.len() as f64
        };
        let mrr10 = ranked
            .iter()
            .take(10)
            .position(is_relevant)
            .map_or(0.0, |i| 1.0 / (i + 1) as f64);
        Scores {
            ndcg10: dcg / ideal,
            recall10: found(10),
            recall100: found(100),
            mrr10,
        }
    }

    /// The mean of many answers' scores.
    pub fn mean(all: &[Scores]) -> Scores {
        if all.is_empty() {
            return Scores::default();
        }
        let n = all.len() as f64;
        Scores {
            ndcg10: all.iter().map(|s| s.ndcg10).sum::<f64>() / n,
            recall10: all.iter().map(|s| s.recall10).sum::<f64>() / n,
            recall100: all.iter().map(|s| s.recall100).sum::<f64>() / n,
            mrr10: all.iter().map(|s| s.mrr10).sum::<f64>() / n,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn set(list: &[&str]) -> HashSet<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn perfect_answer_scores_one() {
        let s = Scores::of(
            &keys(&["91/2015/QH13#506", "x"]),
            &set(&["91/2015/QH13#506"]),
        );
        assert_eq!(
            s,
            Scores {
                ndcg10: 1.0,
                recall10: 1.0,
                recall100: 1.0,
                mrr10: 1.0
            }
        );
    }

    #[test]
    fn relevant_at_rank_three_is_discounted() {
        let s = Scores::of(&keys(&["a", "b", "rel", "c"]), &set(&["rel"]));
        assert!(
            (s.ndcg10 - 0.5).abs() < 1e-12,
            "1/log2(4) = 0.5, got {}",
            s.ndcg10
        );
        assert!((s.mrr10 - 1.0 / 3.0).abs() < 1e-12);
        assert_eq!(s.recall10, 1.0);
    }

    #[test]
    fn relevant_beyond_ten_counts_only_for_recall_at_100() {
        let mut ranked: Vec<String> = (0..50).map(|i| format!("d{i}")).collect();
        ranked[20] = "rel".into();
        let s = Scores::of(&ranked, &set(&["rel"]));
        assert_eq!(
            (s.ndcg10, s.recall10, s.mrr10, s.recall100),
            (0.0, 0.0, 0.0, 1.0)
        );
    }

    #[test]
    fn mean_averages_each_metric() {
        let a = Scores {
            ndcg10: 1.0,
            recall10: 1.0,
            recall100: 1.0,
            mrr10: 1.0,
        };
        let m = Scores::mean(&[a, Scores::default()]);
        assert_eq!(
            m,
            Scores {
                ndcg10: 0.5,
                recall10: 0.5,
                recall100: 0.5,
                mrr10: 0.5
            }
        );
    }
}
