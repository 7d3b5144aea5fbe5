//! The weights that order results, in one value so they can be measured one at a time.
//!
//! The defaults are what `tracuu-eval relevance` chose on ALQAC 2022 (benches/RESULTS.md, "How the
//! ranking was chosen" and "Ranking weights, one at a time"); the CLI and the server always use
//! them. The evaluation tool overrides them to show what each one is worth.

use std::fmt;

/// Ranking weights applied on top of BM25.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ranking {
    /// Weight of a title match relative to a body match.
    pub title: f32,
    /// Extra weight when an unmarked query syllable also matches unmarked in the text, so that
    /// "ban" ranks "ban" above "bàn" and "bán".
    pub exact_bonus: f32,
    /// Weight of an adjacent pair of query syllables found together in the article: the pair
    /// term's BM25 (its own rarity: "nước ngoài" is far more common than "nước" and "ngoài"
    /// apart suggest) times this. Inside a word the pair is also what the article must hold.
    pub pair: f32,
    /// Weight of two query syllables standing together when the pair is no word of the lexicon
    /// (so not a stored term): the BM25 of the two-syllable phrase times this. Only ranks, never
    /// required.
    pub cross: f32,
    /// How far that phrase's rarity is the pair's own: its BM25 (whose rarity is the sum of the
    /// syllables') is scaled by `(idf(pair) / (idf(a) + idf(b))) ^ cross_rarity`, the pair's
    /// articles counted in the index (`search::pair_rarity`). 0 leaves the phrase's BM25 as is.
    pub cross_rarity: f32,
    /// Weight of a cited-document key match (a strong, precise signal).
    pub reference: f32,
}

impl Default for Ranking {
    fn default() -> Self {
        Ranking {
            title: 2.0,
            exact_bonus: 0.5,
            pair: 2.0,
            cross: 2.0,
            cross_rarity: 1.0,
            reference: 3.0,
        }
    }
}

impl Ranking {
    /// Applies `name=value` overrides separated by commas (`pair=0,title=1`); says what is wrong otherwise.
    pub fn with_overrides(mut self, overrides: &str) -> Result<Ranking, String> {
        for item in overrides
            .split(',')
            .map(str::trim)
            .filter(|i| !i.is_empty())
        {
            let (name, value) = item
                .split_once('=')
                .ok_or_else(|| format!("`{item}`: expected name=value"))?;
            let value: f32 = value
                .trim()
                .parse()
                .ok()
                .filter(|v: &f32| v.is_finite() && *v >= 0.0)
                .ok_or_else(|| format!("`{item}`: the weight must be a number ≥ 0"))?;
            match name.trim() {
                "title" => self.title = value,
                "exact_bonus" => self.exact_bonus = value,
                "pair" => self.pair = value,
                "cross" => self.cross = value,
                "cross_rarity" => self.cross_rarity = value,
                "reference" => self.reference = value,
                other => {
                    return Err(format!(
                        "unknown weight `{other}` (known: title, exact_bonus, pair, cross, cross_rarity, reference)"
                    ));
                }
            }
        }
        Ok(self)
    }
}

impl fmt::Display for Ranking {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "title={} exact_bonus={} pair={} cross={} cross_rarity={} reference={}",
            self.title, self.exact_bonus, self.pair, self.cross, self.cross_rarity, self.reference
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_change_only_what_they_name() {
        let ranking = Ranking::default()
            .with_overrides("pair=0, title=1")
            .expect("valid overrides");
        assert_eq!(ranking.pair, 0.0);
        assert_eq!(ranking.title, 1.0);
        assert_eq!(ranking.exact_bonus, Ranking::default().exact_bonus);
        assert_eq!(
            ranking.to_string(),
            "title=1 exact_bonus=0.5 pair=0 cross=2 cross_rarity=1 reference=3"
        );
    }

    #[test]
    fn bad_overrides_say_what_is_wrong() {
        let err = |s: &str| Ranking::default().with_overrides(s).unwrap_err();
        assert!(err("pair").contains("name=value"));
        assert!(err("pair=-1").contains("≥ 0"));
        assert!(err("pair=abc").contains("number"));
        assert!(err("tittle=2").contains("unknown weight `tittle`"));
    }
}
