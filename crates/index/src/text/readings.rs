//! The readings of an unmarked syllable: every exact syllable that folds to it ("mua" → "mua",
//! "múa", "mùa", "mưa", "mừa", …), each in the exact form the index stores (lower case, tone
//! placed by one rule).
//!
//! A word typed with one syllable marked and one not ("mua bán", "Công an") asks the exact pairs
//! its unmarked syllable may stand for: "mua bán" is "mua bán", "múa bán" or "mưa bán", never
//! "mua bản". The readings are generated, not looked up in a lexicon, so a rare or misspelt
//! reading an article holds is among them: each letter's shapes (`a ă â`, `e ê`, `o ô ơ`,
//! `u ư`, `d đ`) that spelling allows, times each tone on each vowel, put through the analyser
//! that writes the index.

use std::collections::BTreeSet;
use std::sync::{Arc, LazyLock, RwLock};

use rustc_hash::FxHashMap;
use unicode_normalization::UnicodeNormalization;

use crate::text::{AnalysisMode, analyze};

/// The combining tone marks: sắc, huyền, hỏi, ngã, nặng.
const TONES: [char; 5] = ['\u{301}', '\u{300}', '\u{309}', '\u{303}', '\u{323}'];

/// Past this many letter shapes a "syllable" is a foreign word or noise, not Vietnamese.
const MAX_SHAPES: usize = 36;

/// Syllables whose readings are remembered; past this, they are generated each time.
const CACHE_LIMIT: usize = 20_000;

static CACHE: LazyLock<RwLock<FxHashMap<String, Arc<[String]>>>> =
    LazyLock::new(|| RwLock::new(FxHashMap::default()));

/// Every exact syllable that folds to `folded` (itself included), sorted; `None` when `folded`
/// is no plain syllable (not lower-case ASCII letters with one to three vowels, or with too
/// many readings to ask), so the caller keeps a looser rule.
pub fn readings(folded: &str) -> Option<Arc<[String]>> {
    if let Some(known) = CACHE.read().ok().and_then(|c| c.get(folded).cloned()) {
        return Some(known);
    }
    let generated: Arc<[String]> = generate(folded)?.into_iter().collect();
    if let Ok(mut cache) = CACHE.write()
        && cache.len() < CACHE_LIMIT
    {
        cache.insert(folded.to_string(), Arc::clone(&generated));
    }
    Some(generated)
}

fn generate(folded: &str) -> Option<BTreeSet<String>> {
    let letters: Vec<char> = folded.chars().collect();
    let vowels: Vec<usize> = (0..letters.len())
        .filter(|&i| is_vowel(letters[i]))
        .collect();
    if letters.is_empty()
        || letters.len() > 7
        || !letters.iter().all(char::is_ascii_lowercase)
        || !(1..=3).contains(&vowels.len())
    {
        return None;
    }
    let shape_count: usize = letters.iter().map(|&c| shapes(c).len()).product();
    if shape_count > MAX_SHAPES {
        return None;
    }
    let mut out = BTreeSet::new();
    for shaped in shaped_spellings(&letters)
        .into_iter()
        .filter(|s| spellable(s))
    {
        keep_reading(&shaped, folded, &mut out);
        for tone in TONES {
            for &at in &vowels {
                let mut toned = shaped.clone();
                toned.insert(at + 1, tone);
                keep_reading(&toned, folded, &mut out);
            }
        }
    }
    Some(out)
}

/// Every spelling of `letters` with each letter in each of its shapes.
fn shaped_spellings(letters: &[char]) -> Vec<Vec<char>> {
    letters.iter().fold(vec![Vec::new()], |spellings, &c| {
        spellings
            .iter()
            .flat_map(|s| {
                shapes(c).iter().map(move |&shape| {
                    let mut next = s.clone();
                    next.push(shape);
                    next
                })
            })
            .collect()
    })
}

/// `candidate` (letters with at most one combining tone) as the index writes it, kept when it
/// is one syllable that folds back to `folded`.
fn keep_reading(candidate: &[char], folded: &str, out: &mut BTreeSet<String>) {
    let text: String = candidate.iter().collect::<String>().nfc().collect();
    if let [exact] = &analyze(&text, AnalysisMode::Exact)[..]
        && analyze(exact, AnalysisMode::Folded)
            .first()
            .map(String::as_str)
            == Some(folded)
    {
        out.insert(exact.clone());
    }
}

/// Whether Vietnamese spelling allows `letters`: `ă` stands before a consonant only (`ăn`,
/// `bắt`), `â` before a consonant, `u` or `y` (`cần`, `câu`, `cây`); neither ends a syllable.
fn spellable(letters: &[char]) -> bool {
    letters.iter().enumerate().all(|(i, &c)| {
        let next = letters.get(i + 1).copied();
        match c {
            'ă' => next.is_some_and(|n| !is_vowel(n)),
            'â' => next.is_some_and(|n| !is_vowel(n) || matches!(n, 'u' | 'y')),
            _ => true,
        }
    })
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// The letters an unmarked letter may stand for (itself only but for `a e o u d`).
fn shapes(c: char) -> &'static [char] {
    const SHAPED: [(char, &[char]); 5] = [
        ('a', &['a', 'ă', 'â']),
        ('e', &['e', 'ê']),
        ('o', &['o', 'ô', 'ơ']),
        ('u', &['u', 'ư']),
        ('d', &['d', 'đ']),
    ];
    const LETTERS: [char; 26] = [
        'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r',
        's', 't', 'u', 'v', 'w', 'x', 'y', 'z',
    ];
    if let Some((_, shaped)) = SHAPED.iter().find(|(letter, _)| *letter == c) {
        return shaped;
    }
    LETTERS
        .iter()
        .position(|&letter| letter == c)
        .map_or(&[], |at| &LETTERS[at..=at])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(folded: &str) -> Vec<String> {
        readings(folded).map(|r| r.to_vec()).unwrap_or_default()
    }

    #[test]
    fn an_unmarked_syllable_reads_as_every_marked_one_that_folds_to_it() {
        let mua = of("mua");
        for reading in [
            "mua", "múa", "mùa", "mủa", "mưa", "mứa", "mừa", "mửa", "mữa", "mựa",
        ] {
            assert!(mua.contains(&reading.to_string()), "{reading} in {mua:?}");
        }
        assert!(!mua.contains(&"bán".to_string()));
        // `ă` and `â` never end a syllable.
        assert!(
            !mua.iter().any(|r| r.ends_with(['ă', 'â', 'ắ', 'ấ'])),
            "{mua:?}"
        );
        assert!(of("cau").contains(&"câu".to_string()));
        let an = of("an");
        for reading in ["an", "án", "ăn", "ấn", "ẩn", "ân"] {
            assert!(an.contains(&reading.to_string()), "{reading} in {an:?}");
        }
        assert!(of("dan").contains(&"đàn".to_string()));
    }

    #[test]
    fn readings_are_the_indexs_exact_forms_with_one_tone_placement() {
        // "hoà" and "hòa" are one syllable in the index; its readings hold it once.
        let hoa = of("hoa");
        let canonical = analyze("hoà", AnalysisMode::Exact).remove(0);
        assert!(hoa.contains(&canonical));
        assert_eq!(hoa.iter().filter(|r| **r == canonical).count(), 1);
        assert_eq!(analyze("hòa", AnalysisMode::Exact), vec![canonical]);
        for reading in hoa.iter() {
            assert_eq!(analyze(reading, AnalysisMode::Folded), vec!["hoa"]);
        }
    }

    #[test]
    fn what_is_no_syllable_has_no_readings() {
        assert_eq!(readings("bán"), None);
        assert_eq!(readings("aeiou"), None);
        assert_eq!(readings("covid19"), None);
        assert_eq!(readings(""), None);
    }
}
