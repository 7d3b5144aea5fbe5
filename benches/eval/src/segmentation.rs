//! How well the query side cuts text into words: the viet74k lexicon with each cutting rule and
//! longest word, against the hand-segmented sentences of UD Vietnamese VTB (test split).
//!
//! Scored the standard way: a predicted word is right when a gold word covers exactly the same
//! syllables; precision, recall and F1 over all words, and over the multi-syllable ones (the
//! words that become pair terms).

use std::collections::HashSet;
use std::ops::Range;
use std::path::Path;

use anyhow::Context;
use tracuu_index::text::pairs::analyse_syllables;
use tracuu_index::text::words::{Lexicon, Segmentation};

use crate::table::Table;

/// The UD file, relative to `shared/`.
pub const UD_PATH: &str = "data/eval/vi_vtb-ud-test.conllu";

/// One sentence: its text and the syllable ranges of its gold words.
struct Sentence {
    text: String,
    gold: HashSet<(usize, usize)>,
}

fn read_sentences(path: &Path) -> anyhow::Result<Vec<Sentence>> {
    let data =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut sentences = Vec::new();
    let mut forms: Vec<String> = Vec::new();
    let mut flush = |forms: &mut Vec<String>| {
        if forms.is_empty() {
            return;
        }
        let text = forms.join(" ");
        let mut gold = HashSet::new();
        let mut at = 0;
        for form in forms.iter() {
            let n = analyse_syllables(form).len();
            if n > 0 {
                gold.insert((at, at + n));
            }
            at += n;
        }
        sentences.push(Sentence { text, gold });
        forms.clear();
    };
    for line in data.lines() {
        if line.trim().is_empty() {
            flush(&mut forms);
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let columns: Vec<&str> = line.split('\t').collect();
        if columns.len() > 1 && !columns[0].contains('-') && !columns[0].contains('.') {
            forms.push(columns[1].to_string());
        }
    }
    flush(&mut forms);
    Ok(sentences)
}

#[derive(Default)]
struct Score {
    right: usize,
    predicted: usize,
    gold: usize,
    right_multi: usize,
    predicted_multi: usize,
    gold_multi: usize,
}

impl Score {
    fn add(&mut self, predicted: &[Range<usize>], gold: &HashSet<(usize, usize)>) {
        for word in predicted {
            let multi = word.len() > 1;
            self.predicted += 1;
            self.predicted_multi += usize::from(multi);
            if gold.contains(&(word.start, word.end)) {
                self.right += 1;
                self.right_multi += usize::from(multi);
            }
        }
        self.gold += gold.len();
        self.gold_multi += gold.iter().filter(|(a, b)| b - a > 1).count();
    }

    fn prf(right: usize, predicted: usize, gold: usize) -> [f64; 3] {
        let p = right as f64 / predicted.max(1) as f64;
        let r = right as f64 / gold.max(1) as f64;
        [
            p,
            r,
            if p + r > 0.0 {
                2.0 * p * r / (p + r)
            } else {
                0.0
            },
        ]
    }
}

/// Scores every rule and longest word; returns the Markdown table.
pub fn run(shared: &Path) -> anyhow::Result<String> {
    let sentences = read_sentences(&shared.join(UD_PATH))?;
    let syllables: Vec<_> = sentences
        .iter()
        .map(|s| analyse_syllables(&s.text))
        .collect();
    let mut table = Table::new(&[
        "rule",
        "longest word",
        "P",
        "R",
        "F1",
        "multi-syllable P",
        "multi-syllable R",
        "multi-syllable F1",
    ]);
    for longest in [2, 3, 4, 6] {
        for (name, rule) in [
            ("fewest words", Segmentation::FewestWords),
            ("greedy longest match", Segmentation::LongestMatch),
        ] {
            let lexicon = Lexicon::builtin_with(longest).with_segmentation(rule);
            let mut score = Score::default();
            for (sentence, syllables) in sentences.iter().zip(&syllables) {
                score.add(&lexicon.segment(syllables), &sentence.gold);
            }
            let all = Score::prf(score.right, score.predicted, score.gold);
            let multi = Score::prf(score.right_multi, score.predicted_multi, score.gold_multi);
            let mut row = vec![name.to_string(), longest.to_string()];
            row.extend(all.iter().chain(&multi).map(|v| format!("{v:.4}")));
            table.row(row);
        }
    }
    Ok(format!(
        "UD Vietnamese VTB test: {} sentences, {} gold words.\n\n{}",
        sentences.len(),
        sentences.iter().map(|s| s.gold.len()).sum::<usize>(),
        table
    ))
}
