//! The benchmarks' own metrics, reimplemented: AEB's shingle P/R/F1 and WCXB's word F1, plus the
//! field comparisons (same-day date, exact title, case-insensitive author).

use std::collections::HashMap;
use std::sync::LazyLock;

use unicode_normalization::UnicodeNormalization;

/// Python's `\w` on `str`: letters, numbers and `_` (after NFC, combining marks are rare).
static WORD: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"[\p{L}\p{N}_]+").unwrap_or_else(|err| unreachable!("static regex: {err}"))
});

fn tokens(text: &str) -> Vec<String> {
    let nfc: String = text.nfc().collect();
    WORD.find_iter(&nfc)
        .map(|m| m.as_str().to_string())
        .collect()
}

fn shingles(text: &str) -> HashMap<Vec<String>, i64> {
    let tokens = tokens(text);
    let mut out = HashMap::new();
    if tokens.is_empty() {
        return out;
    }
    let count = tokens.len().saturating_sub(3).max(1);
    for i in 0..count {
        let end = (i + 4).min(tokens.len());
        *out.entry(tokens[i..end].to_vec()).or_insert(0) += 1;
    }
    out
}

/// One AEB page: precision and recall (each `None` when the page does not count for that mean,
/// as in `evaluate.py`) and whether the token sequences match exactly.
#[derive(Debug, Clone, Copy)]
pub struct ShinglePage {
    pub precision: Option<f64>,
    pub recall: Option<f64>,
    pub exact: bool,
}

impl ShinglePage {
    /// The page's own F1 (0 when it has no precision or recall), for `--worst`.
    pub fn f1(&self) -> f64 {
        match (self.precision, self.recall) {
            (Some(p), Some(r)) if p + r > 0.0 => 2.0 * p * r / (p + r),
            _ => 0.0,
        }
    }
}

/// AEB's `evaluate.py` on one page: multisets of 4-token shingles.
pub fn shingle_page(truth: &str, prediction: &str) -> ShinglePage {
    let t = shingles(truth);
    let p = shingles(prediction);
    let (mut tp, mut fp, mut fn_) = (0i64, 0i64, 0i64);
    for (g, &pc) in &p {
        let tc = t.get(g).copied().unwrap_or(0);
        tp += pc.min(tc);
        fp += (pc - tc).max(0);
    }
    for (g, &tc) in &t {
        let pc = p.get(g).copied().unwrap_or(0);
        fn_ += (tc - pc).max(0);
    }
    let perfect = fp == 0 && fn_ == 0;
    let precision = if perfect {
        1.0
    } else if tp + fp == 0 {
        0.0
    } else {
        tp as f64 / (tp + fp) as f64
    };
    let recall = if perfect {
        1.0
    } else if tp + fn_ == 0 {
        0.0
    } else {
        tp as f64 / (tp + fn_) as f64
    };
    ShinglePage {
        precision: (tp + fp > 0).then_some(precision),
        recall: (tp + fn_ > 0).then_some(recall),
        exact: tokens(truth) == tokens(prediction),
    }
}

/// AEB's corpus score: mean precision, mean recall, F1 of the two means, exact-match share.
pub fn shingle_corpus(pages: &[ShinglePage]) -> (f64, f64, f64, f64) {
    let precisions: Vec<f64> = pages.iter().filter_map(|p| p.precision).collect();
    let recalls: Vec<f64> = pages.iter().filter_map(|p| p.recall).collect();
    let (p, r) = (mean(&precisions), mean(&recalls));
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    let exact = pages.iter().filter(|p| p.exact).count() as f64 / pages.len().max(1) as f64;
    (p, r, f1, exact)
}

/// WCXB's word F1 on one page: lower-cased `\w+` tokens, multiset overlap; an empty reference
/// scores 1 when the prediction is empty too, else 0.
pub fn word_f1(truth: &str, prediction: &str) -> f64 {
    let count = |text: &str| {
        let mut bag: HashMap<String, i64> = HashMap::new();
        for token in tokens(&text.to_lowercase()) {
            *bag.entry(token).or_insert(0) += 1;
        }
        bag
    };
    let (t, p) = (count(truth), count(prediction));
    let (t_len, p_len): (i64, i64) = (t.values().sum(), p.values().sum());
    if t_len == 0 {
        return if p_len == 0 { 1.0 } else { 0.0 };
    }
    if p_len == 0 {
        return 0.0;
    }
    let overlap: i64 = p
        .iter()
        .map(|(w, &c)| c.min(t.get(w).copied().unwrap_or(0)))
        .sum();
    if overlap == 0 {
        return 0.0;
    }
    let precision = overlap as f64 / p_len as f64;
    let recall = overlap as f64 / t_len as f64;
    2.0 * precision * recall / (precision + recall)
}

/// Whitespace collapsed and NFC, the form titles and authors are compared in.
pub fn tidy(text: &str) -> String {
    text.nfc()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Exact title match after [`tidy`].
pub fn same_title(truth: &str, prediction: Option<&str>) -> bool {
    prediction.is_some_and(|p| tidy(p) == tidy(truth))
}

/// Author match, case-insensitive; the list separators `;`, `,`, ` and `, ` & ` count as one, so
/// "A; B" (trafilatura's join) equals "A, B".
pub fn same_author(truth: &str, prediction: Option<&str>) -> bool {
    let key = |s: &str| -> Vec<String> {
        let lower = tidy(s).to_lowercase();
        lower
            .replace(" and ", ",")
            .replace(" & ", ",")
            .replace(';', ",")
            .split(',')
            .map(|part| part.trim().to_string())
            .filter(|part| !part.is_empty())
            .collect()
    };
    prediction.is_some_and(|p| key(p) == key(truth))
}

/// Same calendar day: the first ten characters (`YYYY-MM-DD`) of both.
pub fn same_day(truth: &str, prediction: Option<&str>) -> bool {
    let day = |s: &str| s.trim().get(..10).map(str::to_string);
    prediction.is_some_and(|p| day(p).is_some() && day(p) == day(truth))
}

pub fn mean(values: &[f64]) -> f64 {
    if values.is_empty() {
        0.0
    } else {
        values.iter().sum::<f64>() / values.len() as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_f1_follows_the_benchmark() {
        assert_eq!(word_f1("", ""), 1.0);
        assert_eq!(word_f1("", "x"), 0.0);
        assert_eq!(word_f1("a b", ""), 0.0);
        assert!((word_f1("The cat sat", "the cat") - 0.8).abs() < 1e-9);
    }

    #[test]
    fn fields_compare_as_described() {
        assert!(same_author(
            "Chen Zhao, Daryl Fairweather",
            Some("chen zhao; Daryl Fairweather")
        ));
        assert!(!same_author(
            "Chen Zhao",
            Some("Chen Zhao, Daryl Fairweather")
        ));
        assert!(same_day("2024-10-22", Some("2024-10-22T20:00:00-04:00")));
        assert!(!same_day("2024-10-22", Some("2024-10-23")));
        assert!(same_title("A  title", Some("A title")));
    }
}
