//! Latency queries drawn from a corpus with a fixed seed: quoted phrases and unquoted word pairs,
//! every other pair of queries with its diacritics stripped.
//!
//! Articles are reservoir-sampled while the corpus is read, so the choice does not depend on
//! memory or order of work, only on the seed and the file.

use serde::{Deserialize, Serialize};
use tracuu_index::article::Article;

use crate::variants::strip_diacritics;

/// The seed of every sample, so runs can be compared.
pub const SEED: u64 = 0x7472_6163_7575;

/// One latency query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpeedQuery {
    /// A quoted phrase (consecutive syllables) rather than two separate syllables.
    pub phrase: bool,
    /// The syllables, lower case.
    pub words: Vec<String>,
    /// Whether the diacritics were stripped.
    pub stripped: bool,
}

impl SpeedQuery {
    /// The query as a user types it: `"đầu tư công"` or `ngân sách tỉnh`.
    pub fn text(&self) -> String {
        let joined = self.words.join(" ");
        if self.phrase {
            format!("\"{joined}\"")
        } else {
            joined
        }
    }
}

/// Keeps a fixed-size uniform sample of articles' text.
pub struct Reservoir {
    rng: fastrand::Rng,
    seen: u64,
    capacity: usize,
    texts: Vec<String>,
}

impl Reservoir {
    /// A reservoir keeping `capacity` texts.
    pub fn new(capacity: usize) -> Self {
        Reservoir {
            rng: fastrand::Rng::with_seed(SEED),
            seen: 0,
            capacity,
            texts: Vec::new(),
        }
    }

    /// Offers one article.
    pub fn offer(&mut self, article: &Article) {
        self.seen += 1;
        if self.texts.len() < self.capacity {
            self.texts.push(article.body.clone());
        } else {
            let slot = self.rng.u64(0..self.seen) as usize;
            if slot < self.capacity {
                self.texts[slot] = article.body.clone();
            }
        }
    }

    /// Draws `count` queries from the sampled texts: phrases and pairs alternate, and every
    /// other two are stripped of diacritics.
    pub fn queries(&self, count: usize) -> Vec<SpeedQuery> {
        let mut rng = fastrand::Rng::with_seed(SEED ^ 0x5eed);
        let mut out = Vec::with_capacity(count);
        let mut attempts = 0;
        while out.len() < count && attempts < count * 20 && !self.texts.is_empty() {
            attempts += 1;
            let text = &self.texts[rng.usize(0..self.texts.len())];
            let phrase = out.len() % 2 == 0;
            let stripped = (out.len() / 2) % 2 == 1;
            let words = if phrase {
                draw_phrase(&mut rng, text)
            } else {
                draw_pair(&mut rng, text)
            };
            let Some(words) = words else { continue };
            let words = if stripped {
                words.iter().map(|w| strip_diacritics(w)).collect()
            } else {
                words
            };
            out.push(SpeedQuery {
                phrase,
                words,
                stripped,
            });
        }
        out
    }
}

/// Runs of syllables not broken by punctuation: `Theo tài liệu điều tra, vào khoảng` → two runs.
fn clauses(text: &str) -> Vec<Vec<String>> {
    let mut clauses = Vec::new();
    let mut current = Vec::new();
    for raw in text.split_whitespace() {
        let word = raw.trim_matches(|c: char| !c.is_alphanumeric());
        let breaks = raw.ends_with(|c: char| !c.is_alphanumeric()) || word.is_empty();
        if !word.is_empty() && word.chars().all(char::is_alphabetic) {
            current.push(word.to_lowercase());
        } else if !current.is_empty() {
            clauses.push(std::mem::take(&mut current));
        }
        if breaks && !current.is_empty() {
            clauses.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        clauses.push(current);
    }
    clauses
}

fn draw_phrase(rng: &mut fastrand::Rng, text: &str) -> Option<Vec<String>> {
    let len = rng.usize(2..=4);
    let candidates: Vec<Vec<String>> = clauses(text)
        .into_iter()
        .filter(|c| c.len() >= len)
        .collect();
    if candidates.is_empty() {
        return None;
    }
    let clause = &candidates[rng.usize(0..candidates.len())];
    let start = rng.usize(0..=clause.len() - len);
    Some(clause[start..start + len].to_vec())
}

fn draw_pair(rng: &mut fastrand::Rng, text: &str) -> Option<Vec<String>> {
    let words: Vec<String> = clauses(text).into_iter().flatten().collect();
    if words.len() < 10 {
        return None;
    }
    let first = rng.usize(0..words.len() - 5);
    let second = rng.usize(first + 5..words.len());
    if words[first] == words[second] {
        return None;
    }
    Some(vec![words[first].clone(), words[second].clone()])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(body: &str) -> Article {
        Article {
            url: "https://x.local/1".into(),
            title: String::new(),
            body: body.into(),
            ..Article::default()
        }
    }

    const BODY: &str = "Ngày 27/3, Cơ quan Cảnh sát điều tra Công an TP. Hưng Yên, tỉnh Hưng Yên cho biết, \
        đơn vị vừa ra quyết định khởi tố vụ án, khởi tố bị can đối với đối tượng Mai Văn Thương để điều tra \
        về hành vi trộm cắp tài sản theo quy định của pháp luật hiện hành";

    #[test]
    fn clauses_break_at_punctuation_and_numbers() {
        let c = clauses("Ngày 27/3, Cơ quan Cảnh sát điều tra, tỉnh Hưng Yên");
        assert_eq!(
            c,
            vec![
                vec!["ngày"],
                vec!["cơ", "quan", "cảnh", "sát", "điều", "tra"],
                vec!["tỉnh", "hưng", "yên"]
            ]
        );
    }

    #[test]
    fn queries_are_reproducible_and_mixed() {
        let mut reservoir = Reservoir::new(10);
        for _ in 0..30 {
            reservoir.offer(&article(BODY));
        }
        let first = reservoir.queries(40);
        assert_eq!(first, reservoir.queries(40));
        assert_eq!(first.len(), 40);
        assert_eq!(first.iter().filter(|q| q.phrase).count(), 20);
        assert_eq!(first.iter().filter(|q| q.stripped).count(), 20);
        for q in &first {
            let text = q.text();
            assert_eq!(text.starts_with('"'), q.phrase);
            if q.stripped {
                assert!(text.is_ascii(), "{text}");
            } else {
                let phrase = q.words.join(" ");
                assert!(
                    BODY.to_lowercase().contains(&phrase) || !q.phrase,
                    "{phrase}"
                );
            }
        }
    }
}
