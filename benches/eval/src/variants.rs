//! The three ways a question reaches a search box: as written, without diacritics, and with
//! the tone mark placed in the other style.
//!
//! - **Stripped**: every mark removed and `đ` written `d`, as people type on phones
//!   (`Hòa giải` → `Hoa giai`).
//! - **Flipped**: in the open syllables `oa`, `oe`, `uy` the tone mark moves to the other vowel,
//!   in both directions: traditional `hòa`, `khỏe`, `thủy`, `Ủy` become the 2018 school style
//!   `hoà`, `khoẻ`, `thuỷ`, `Uỷ`, and the school style becomes traditional. `quý` is untouched
//!   (`qu` is a consonant), as are closed syllables such as `hoàn` whose tone has one place only.

use unicode_normalization::UnicodeNormalization;

/// A version of a question given to every system.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    /// The question as written.
    Written,
    /// All diacritics removed, `đ` → `d`.
    Stripped,
    /// Tone placement flipped between the two styles.
    Flipped,
}

impl Variant {
    /// Every variant, in column order.
    pub const ALL: [Variant; 3] = [Variant::Written, Variant::Stripped, Variant::Flipped];

    /// Column heading.
    pub fn label(self) -> &'static str {
        match self {
            Variant::Written => "as written",
            Variant::Stripped => "no diacritics",
            Variant::Flipped => "tone style flipped",
        }
    }

    /// The question in this variant.
    pub fn apply(self, text: &str) -> String {
        match self {
            Variant::Written => text.to_string(),
            Variant::Stripped => strip_diacritics(text),
            Variant::Flipped => flip_tone_placement(text),
        }
    }
}

fn is_mark(c: char) -> bool {
    ('\u{300}'..='\u{36F}').contains(&c)
}

/// The five Vietnamese tone marks as combining characters (grave, acute, tilde, hook, dot below).
fn is_tone(c: char) -> bool {
    matches!(c, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}')
}

/// `text` without any diacritic; `đ`/`Đ` (and the eth look-alike `Ð`) become `d`/`D`.
pub fn strip_diacritics(text: &str) -> String {
    text.nfd()
        .filter(|&c| !is_mark(c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' | 'Ð' => 'D',
            other => other,
        })
        .collect()
}

/// `text` with the tone of every open `oa`/`oe`/`uy` syllable moved to the other vowel.
pub fn flip_tone_placement(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    for c in text.nfd() {
        if c.is_alphabetic() || is_mark(c) {
            word.push(c);
        } else {
            out.push_str(&flip_word(&word));
            word.clear();
            out.push(c);
        }
    }
    out.push_str(&flip_word(&word));
    out.nfc().collect()
}

/// One NFD word, flipped when it is an onset plus `oa`/`oe`/`uy` carrying one tone mark.
fn flip_word(word: &str) -> String {
    let mut letters: Vec<(char, Vec<char>)> = Vec::new();
    for c in word.chars() {
        if is_mark(c) {
            if let Some(last) = letters.last_mut() {
                last.1.push(c);
            }
        } else {
            letters.push((c, Vec::new()));
        }
    }
    let n = letters.len();
    if n < 2 {
        return word.to_string();
    }
    let lower: Vec<char> = letters
        .iter()
        .map(|(c, _)| c.to_lowercase().next().unwrap_or(*c))
        .collect();
    let (onset, nucleus) = lower.split_at(n - 2);
    if !matches!(nucleus, ['o', 'a'] | ['o', 'e'] | ['u', 'y']) {
        return word.to_string();
    }
    if !onset.iter().all(|c| "bcdđghklmnpqrstvx".contains(*c))
        || (nucleus[0] == 'u' && onset.last() == Some(&'q'))
    {
        return word.to_string();
    }
    let (first, second) = (&letters[n - 2].1, &letters[n - 1].1);
    if first.iter().chain(second).any(|&m| !is_tone(m)) || first.len() + second.len() != 1 {
        return word.to_string();
    }
    let tone = first.iter().chain(second).copied().collect::<Vec<char>>();
    let (from, to) = if first.is_empty() {
        (n - 1, n - 2)
    } else {
        (n - 2, n - 1)
    };
    letters[from].1.clear();
    letters[to].1 = tone;
    letters
        .into_iter()
        .flat_map(|(c, marks)| std::iter::once(c).chain(marks))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stripping_removes_every_mark_and_d_stroke() {
        assert_eq!(
            strip_diacritics("Đầu tư của Ủy ban nhân dân tỉnh Quảng Nam?"),
            "Dau tu cua Uy ban nhan dan tinh Quang Nam?"
        );
    }

    #[test]
    fn flipping_moves_tones_in_both_directions() {
        assert_eq!(
            flip_tone_placement("Ủy ban hòa giải về thủy sản, sức khỏe"),
            "Uỷ ban hoà giải về thuỷ sản, sức khoẻ"
        );
        assert_eq!(
            flip_tone_placement("Uỷ ban hoà giải thuỷ sản khoẻ"),
            "Ủy ban hòa giải thủy sản khỏe"
        );
    }

    #[test]
    fn flipping_leaves_syllables_with_one_tone_place_alone() {
        let text = "Quý khách hoàn thành ngoài giờ, người dân được tòa án xử";
        assert_eq!(
            flip_tone_placement(text),
            "Quý khách hoàn thành ngoài giờ, người dân được toà án xử"
        );
    }

    #[test]
    fn variants_apply_to_a_real_question() {
        let q = "Hội đồng hòa giải lao động cơ sở có nhiệm kỳ bao lâu?";
        assert_eq!(Variant::Written.apply(q), q);
        assert_eq!(
            Variant::Stripped.apply(q),
            "Hoi dong hoa giai lao dong co so co nhiem ky bao lau?"
        );
        assert_eq!(
            Variant::Flipped.apply(q),
            "Hội đồng hoà giải lao động cơ sở có nhiệm kỳ bao lâu?"
        );
    }
}
