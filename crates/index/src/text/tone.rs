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
    let mut toned_at = 0usize;
    let mut vowels = 0usize;
    for (i, &(base, t)) in letters.iter().enumerate() {
        if t != Tone::None {
            tone = t;
            toned += 1;
            toned_at = i;
        }
        vowels += usize::from(is_vowel(base));
    }
    if toned != 1 {
        return;
    }
    // Most syllables are already written the canonical way: the tone on the only vowel, or on
    // the last shaped vowel (the rule's answer whenever there is one). Those need no analysis.
    let on_last_shaped = is_shaped_vowel(letters[toned_at].0)
        && !letters[toned_at + 1..]
            .iter()
            .any(|&(base, _)| is_shaped_vowel(base));
    if (vowels == 1 && is_vowel(letters[toned_at].0)) || on_last_shaped {
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

    /// The rule applied without the shortcuts of [`place_tone`].
    fn placed_by_the_rule(letters: &[(char, Tone)]) -> Vec<(char, Tone)> {
        let mut out = letters.to_vec();
        let toned: Vec<Tone> = letters
            .iter()
            .map(|&(_, t)| t)
            .filter(|&t| t != Tone::None)
            .collect();
        let bases: Vec<char> = letters.iter().map(|&(b, _)| b).collect();
        if let ([tone], Some(at)) = (toned.as_slice(), tone_position(&bases)) {
            for (i, letter) in out.iter_mut().enumerate() {
                letter.1 = if i == at { *tone } else { Tone::None };
            }
        }
        out
    }

    #[test]
    fn shortcuts_agree_with_the_rule_wherever_the_tone_is_written() {
        let words = "người việt nam ở nước ngoài uỷ ban nhà khoẻ hoà thuý quyết giữa gìn \
                     nghiêm truyền thống đường khuya oai hoạch xoáy ươn quốc gia tuổi \
                     nguyễn thuở giặt qua ngoằn nghèo bình";
        let mut scratch = Vec::new();
        let mut checked = 0;
        for word in words.split_whitespace() {
            let bases: Vec<char> = word
                .chars()
                .map(|c| super::super::letters::split_letter(c).map_or(c, |l| l.base))
                .collect();
            for at in 0..bases.len() {
                for tone in [Tone::Grave, Tone::Dot] {
                    let mut letters: Vec<(char, Tone)> =
                        bases.iter().map(|&b| (b, Tone::None)).collect();
                    letters[at].1 = tone;
                    let expected = placed_by_the_rule(&letters);
                    place_tone(&mut letters, &mut scratch);
                    assert_eq!(letters, expected, "{word}, tone written on letter {at}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 250, "{checked}");
    }
}
