//! The relevance run: every system indexes the ALQAC law articles and answers every question in
//! each variant; one Markdown table per metric, variants as columns.

use std::path::Path;

use anyhow::Context;

use crate::alqac::{self, Alqac};
use crate::engines::{self, BuildOptions, Engine, Source, System};
use crate::metrics::Scores;
use crate::table::Table;
use crate::variants::Variant;

/// A metric's name and how to read it from [`Scores`].
type Metric = (&'static str, fn(&Scores) -> f64);

/// Results are kept to this depth (Recall@100 needs 100).
const DEPTH: usize = 100;

/// One system's mean scores per variant, and the questions it failed to answer.
pub struct SystemScores {
    /// The system.
    pub system: System,
    /// Mean scores, in [`Variant::ALL`] order.
    pub by_variant: Vec<Scores>,
    /// Questions whose search returned an error, with the message.
    pub errors: Vec<String>,
    /// For engines that say whether an answer was partial: per variant, the mean scores of the
    /// questions answered with every word and of those answered partially, with their counts.
    pub by_match: Vec<[(usize, Scores); 2]>,
}

/// Runs every system on the evaluation set in `dir` and prints the tables.
pub fn run(
    dir: &Path,
    systems: &[System],
    options: &BuildOptions,
    work: &Path,
    per_question: Option<&Path>,
) -> anyhow::Result<String> {
    let data = alqac::load(dir)?;
    let mut all = Vec::new();
    let mut lines = String::new();
    for &system in systems {
        eprintln!(
            "relevance: indexing {} law articles with {}",
            data.articles.len(),
            system.label()
        );
        let index_dir = work.join(format!("alqac-{}", system.arg()));
        if index_dir.exists() {
            std::fs::remove_dir_all(&index_dir)
                .with_context(|| format!("clearing {}", index_dir.display()))?;
        }
        let mut engine = engines::build(
            system,
            Source::Articles(&data.articles),
            &index_dir,
            options,
        )
        .with_context(|| format!("building {}", system.label()))?;
        all.push(score(system, engine.as_mut(), &data, &mut lines));
    }
    if let Some(path) = per_question {
        std::fs::write(path, lines).with_context(|| format!("writing {}", path.display()))?;
    }
    let mut out = report(&data, &all);
    if systems.contains(&System::Tracuu) {
        out.push_str(&format!(
            "tracuu's ranking weights: {}\n\n",
            options.ranking
        ));
    }
    out.push_str(&goals(&all));
    Ok(out)
}

/// Scores `system` on every question in every variant; appends one line per question to `lines`
/// (system, variant, question id, nDCG@10, the top 10 ids, the question as asked).
fn score(
    system: System,
    engine: &mut dyn Engine,
    data: &Alqac,
    lines: &mut String,
) -> SystemScores {
    let mut by_variant = Vec::new();
    let mut by_match = Vec::new();
    let mut errors = Vec::new();
    for variant in Variant::ALL {
        let mut scores = Vec::with_capacity(data.questions.len());
        let mut split: [Vec<Scores>; 2] = [Vec::new(), Vec::new()];
        for question in &data.questions {
            let text = variant.apply(&question.text);
            let ranked = match engine.ranked(&text, DEPTH) {
                Ok(ranked) => ranked,
                Err(e) => {
                    errors.push(format!(
                        "{} ({}): {text:?}: {e:#}",
                        question.id,
                        variant.label()
                    ));
                    Vec::new()
                }
            };
            let question_scores = Scores::of(&ranked, &question.relevant);
            let top: Vec<&str> = ranked.iter().take(10).map(String::as_str).collect();
            lines.push_str(&format!(
                "{}\t{}\t{}\t{:.4}\t{}\t{}\n",
                system.arg(),
                variant.label(),
                question.id,
                question_scores.ndcg10,
                top.join(","),
                text.split_whitespace().collect::<Vec<_>>().join(" ")
            ));
            if let Some(partial) = engine.last_was_partial() {
                split[usize::from(partial)].push(question_scores);
            }
            scores.push(question_scores);
        }
        by_variant.push(Scores::mean(&scores));
        by_match.push(split.map(|list| (list.len(), Scores::mean(&list))));
    }
    SystemScores {
        system,
        by_variant,
        errors,
        by_match,
    }
}

fn report(data: &Alqac, all: &[SystemScores]) -> String {
    let flipped_changed = data
        .questions
        .iter()
        .filter(|q| Variant::Flipped.apply(&q.text) != q.text)
        .count();
    let mut out = format!(
        "Relevance on ALQAC 2022: {} law articles, {} questions ({} change when the tone style is flipped).\n\n",
        data.articles.len(),
        data.questions.len(),
        flipped_changed
    );
    let metrics: [Metric; 4] = [
        ("nDCG@10", |s| s.ndcg10),
        ("Recall@10", |s| s.recall10),
        ("Recall@100", |s| s.recall100),
        ("MRR@10", |s| s.mrr10),
    ];
    for (name, get) in metrics {
        out.push_str(&format!("**{name}**\n\n"));
        let mut header = vec!["system".to_string()];
        header.extend(Variant::ALL.iter().map(|v| v.label().to_string()));
        header.push("no diacritics / written".into());
        header.push("flipped / written".into());
        let mut table = Table::new(&header);
        for s in all {
            let values: Vec<f64> = s.by_variant.iter().map(get).collect();
            let mut row = vec![s.system.label().to_string()];
            row.extend(values.iter().map(|v| format!("{v:.4}")));
            for i in [1, 2] {
                row.push(if values[0] > 0.0 {
                    format!("{:.1} %", 100.0 * values[i] / values[0])
                } else {
                    "–".into()
                });
            }
            table.row(row);
        }
        out.push_str(&table.to_string());
        out.push('\n');
    }
    for s in all {
        if let Some([(full, full_scores), (partial, partial_scores)]) = s.by_match.first()
            && full + partial > 0
        {
            out.push_str(&format!(
                "{}: {full} written questions answered with every word (nDCG@10 {:.4}), {partial} with partial matches (nDCG@10 {:.4}).\n\n",
                s.system.label(),
                full_scores.ndcg10,
                partial_scores.ndcg10
            ));
        }
        if !s.errors.is_empty() {
            out.push_str(&format!(
                "{} failed {} searches, for example:\n",
                s.system.label(),
                s.errors.len()
            ));
            for e in s.errors.iter().take(5) {
                out.push_str(&format!("- {e}\n"));
            }
            out.push('\n');
        }
    }
    out
}

/// The relevance goals, each met or missed by how much.
pub fn goals(all: &[SystemScores]) -> String {
    let Some(tracuu) = all.iter().find(|s| s.system == System::Tracuu) else {
        return String::new();
    };
    let [written, stripped, flipped] = [0, 1, 2].map(|i| tracuu.by_variant[i].ndcg10);
    let best_other = all
        .iter()
        // The goal compares engines a team would pick instead; design ablations are reported,
        // not competed against.
        .filter(|s| s.system != System::Tracuu && s.system.design().is_none())
        .map(|s| (s.system, s.by_variant[0].ndcg10))
        .max_by(|a, b| a.1.total_cmp(&b.1));
    let mut out = String::new();
    if let Some((system, best)) = best_other {
        out.push_str(&format!(
            "- Goal highest nDCG@10 on the written questions: tracuu {written:.4}, best other engine {} {best:.4} → {}\n",
            system.label(),
            if written > best { "met".to_string() } else { format!("missed by {:.4}", best - written) }
        ));
    }
    for (name, value, target) in [
        ("no diacritics", stripped, 0.95),
        ("tone style flipped", flipped, 0.99),
    ] {
        let share = if written > 0.0 { value / written } else { 0.0 };
        out.push_str(&format!(
            "- Goal {name} keeps ≥ {:.0} % of tracuu's nDCG@10: {value:.4} = {:.1} % → {}\n",
            100.0 * target,
            100.0 * share,
            if share >= target {
                "met".to_string()
            } else {
                format!("missed by {:.1} points", 100.0 * (target - share))
            }
        ));
    }
    out
}
