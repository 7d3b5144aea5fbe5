//! Canonical tone placement: `hòa` and `hoà`, `Ủy` and `Uỷ`, `vịêt` and `việt` become one syllable.
//!
//! The rule is the Ministry of Education's (Quyết định 1989/QĐ-BGDĐT, 25/5/2018, Điều 8): the tone
//! sits on the main vowel. In practice, for a syllable's vowel nucleus:
//! 1. a vowel with a shape mark (ă â ê ô ơ ư) takes the tone; with two (`ươ`), the second does;
//! 2. otherwise, with a final consonant, the last vowel (`hoàn`, `huýt`);
//! 3. otherwise `oa`, `oe`, `uy` take it on the second vowel (`hoà`, `khoẻ`, `thuỷ`), the other
//!    open pairs on the first (`mùa`, `tài`), and triples on the middle one (`ngoài`, `khuỷu`).
//!
//! `gi` and `qu` before a vowel are consonants (`giữ`, `quý`). A word that is not one Vietnamese
//! syllable (`café`, `Covid`, two tones) keeps its marks where they were, so nothing is lost.
//! Both the index and the query go through this, so which style is canonical never shows: the
//! original text is what users read and what highlights point into.

use super::letters::{Tone, is_shaped_vowel, is_vowel};

/// Where the tone of this syllable belongs, given its lower-case base letters (no tones).
/// `None` when the letters are not one Vietnamese syllable.
pub fn tone_position(bases: &[char]) -> Option<usize> {
    let n = bases.len();
    let mut start = bases.iter().position(|&c| is_vowel(c))?;
    if bases[..start]
        .iter()
        .any(|c| !c.is_ascii_lowercase() && *c != 'đ')
    {
        return None;
    }
    let vowel_at = |i: usize| i < n && is_vowel(bases[i]);
    if start >= 1 && bases[start - 1] == 'q' && bases[start] == 'u' && vowel_at(start + 1) {
        start += 1;
    } else if start == 1 && bases[0] == 'g' && bases[1] == 'i' && vowel_at(2) {
        start = 2;
    }
    let mut end = start;
    while vowel_at(end) {
        end += 1;
    }
    if bases[end..]
        .iter()
        .any(|&c| !c.is_ascii_lowercase() || is_vowel(c))
        || end - start > 3
    {
        return None;
    }
    let nucleus = &bases[start..end];
    if let Some(last_shaped) = nucleus.iter().rposition(|&c| is_shaped_vowel(c)) {
        return Some(start + last_shaped);
    }
    let has_final = end < n;
    Some(match nucleus {
        [_] => start,
        [_, _] if has_final => start + 1,
        ['o', 'a'] | ['o', 'e'] | ['u', 'y'] => start + 1,
        [_, _] => start,
        _ => start + 1,
    })
}

/// Rewrites a syllable's letters in place so that its single tone sits at the canonical vowel.
///
/// `letters` holds (base, tone) pairs; a syllable with more than one tone, or that is not a
/// Vietnamese syllable, is left as it is.
pub fn place_tone(letters: &mut [(char, Tone)], bases_scratch: &mut Vec<char>) {
    let mut tone = Tone::None;
    let mut toned = 0usize;
    for &(_, t) in letters.iter() {
        if t != Tone::None {
            tone = t;
            toned += 1;
        }
    }
    if toned != 1 {
        return;
    }
    bases_scratch.clear();
    bases_scratch.extend(letters.iter().map(|&(b, _)| b));
    let Some(at) = tone_position(bases_scratch) else {
        return;
    };
    for (i, letter) in letters.iter_mut().enumerate() {
        letter.1 = if i == at { tone } else { Tone::None };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(word: &str) -> Option<usize> {
        let bases: Vec<char> = word.chars().collect();
        tone_position(&bases)
    }

    #[test]
    fn open_glides_take_the_tone_on_the_second_vowel() {
        assert_eq!(pos("hoa"), Some(2));
        assert_eq!(pos("khoe"), Some(3));
        assert_eq!(pos("thuy"), Some(3));
        assert_eq!(pos("uy"), Some(1));
    }

    #[test]
    fn shaped_vowels_and_finals_decide() {
        assert_eq!(pos("viêt"), Some(2));
        assert_eq!(pos("nghiêm"), Some(4));
        assert_eq!(pos("ngươi"), Some(3));
        assert_eq!(pos("hoan"), Some(2));
        assert_eq!(pos("mua"), Some(1));
        assert_eq!(pos("ngoai"), Some(3));
    }

    #[test]
    fn gi_and_qu_are_consonants_before_a_vowel() {
        assert_eq!(pos("giư"), Some(2));
        assert_eq!(pos("gin"), Some(1));
        assert_eq!(pos("quy"), Some(2));
        assert_eq!(pos("quyêt"), Some(3));
    }

    #[test]
    fn non_vietnamese_words_are_refused() {
        assert_eq!(pos("cafe"), None);
        assert_eq!(pos("covid"), None);
        assert_eq!(pos("19"), None);
    }
}
