//! Vietnamese letters split into a base letter and a tone, by table lookup.
//!
//! Every precomposed letter (`ặ`, `Ừ`, `ỷ`) is a base letter that keeps its shape mark (`ă`, `ư`,
//! `y`) plus one of the five tones. Splitting them lets [`super::tone`] move a tone to its canonical
//! vowel and [`fold_base`] drop marks, without touching Unicode tables on the hot path: the table is
//! built once from the Unicode decompositions (via `unicode-normalization`) and then indexed by
//! code point.

use std::sync::OnceLock;
use unicode_normalization::char::decompose_canonical;

/// The tone of a syllable; `None` is "thanh ngang" (no mark).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[repr(u8)]
pub enum Tone {
    /// Thanh ngang: no mark.
    #[default]
    None = 0,
    /// Thanh huyền, U+0300.
    Grave = 1,
    /// Thanh sắc, U+0301.
    Acute = 2,
    /// Thanh hỏi, U+0309.
    Hook = 3,
    /// Thanh ngã, U+0303.
    Tilde = 4,
    /// Thanh nặng, U+0323.
    Dot = 5,
}

impl Tone {
    /// The tone a combining mark stands for, if it is one of the five tone marks.
    pub fn from_combining(mark: char) -> Option<Tone> {
        Some(match mark {
            '\u{300}' | '\u{340}' => Tone::Grave,
            '\u{301}' | '\u{341}' => Tone::Acute,
            '\u{309}' => Tone::Hook,
            '\u{303}' => Tone::Tilde,
            '\u{323}' => Tone::Dot,
            _ => return None,
        })
    }

    fn combining(self) -> Option<char> {
        match self {
            Tone::None => None,
            Tone::Grave => Some('\u{300}'),
            Tone::Acute => Some('\u{301}'),
            Tone::Hook => Some('\u{309}'),
            Tone::Tilde => Some('\u{303}'),
            Tone::Dot => Some('\u{323}'),
        }
    }
}

/// A letter split for analysis: lower-case base (shape marks kept) and its tone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Letter {
    /// Lower-case letter without tone, shape kept: `ư`, `đ`, `a`.
    pub base: char,
    /// The tone the letter carried.
    pub tone: Tone,
    /// Whether the character is a letter at all (the table's ranges hold `×` and `÷` too).
    pub is_letter: bool,
}

const LATIN_START: u32 = 0x00C0;
const LATIN_END: u32 = 0x0250;
const VIET_START: u32 = 0x1E00;
const VIET_END: u32 = 0x1F00;

struct Tables {
    latin: Vec<Letter>,
    viet: Vec<Letter>,
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| Tables {
        latin: (LATIN_START..LATIN_END).map(build_letter).collect(),
        viet: (VIET_START..VIET_END).map(build_letter).collect(),
    })
}

fn build_letter(code: u32) -> Letter {
    let Some(c) = char::from_u32(code) else {
        return Letter {
            base: '\u{FFFD}',
            tone: Tone::None,
            is_letter: false,
        };
    };
    let mut base = None;
    let mut tone = Tone::None;
    let mut shape = None;
    decompose_canonical(c, |part| {
        if base.is_none() {
            base = Some(part);
        } else if let Some(t) = Tone::from_combining(part) {
            tone = t;
        } else if shape.is_none() {
            shape = Some(part);
        }
    });
    let base = base.unwrap_or(c);
    let lower = lower_char(base);
    let shaped = match shape {
        Some(mark) => compose_shape(lower, mark).unwrap_or(lower),
        None => lower,
    };
    let shaped = match shaped {
        // The eth and African D look like Đ and stand for it on Vietnamese pages.
        'ð' | 'ɖ' => 'đ',
        other => other,
    };
    Letter {
        base: shaped,
        tone,
        is_letter: c.is_alphanumeric(),
    }
}

fn lower_char(c: char) -> char {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// Adds a Vietnamese shape mark (circumflex, breve, horn) to a lower-case base letter.
pub fn compose_shape(base: char, mark: char) -> Option<char> {
    Some(match (base, mark) {
        ('a', '\u{302}') => 'â',
        ('a', '\u{306}') => 'ă',
        ('e', '\u{302}') => 'ê',
        ('o', '\u{302}') => 'ô',
        ('o', '\u{31B}') => 'ơ',
        ('u', '\u{31B}') => 'ư',
        _ => return None,
    })
}

/// Splits one character into base and tone; `None` for characters the table does not cover.
#[inline]
pub fn split_letter(c: char) -> Option<Letter> {
    let code = c as u32;
    if (LATIN_START..LATIN_END).contains(&code) {
        Some(tables().latin[(code - LATIN_START) as usize])
    } else if (VIET_START..VIET_END).contains(&code) {
        Some(tables().viet[(code - VIET_START) as usize])
    } else {
        None
    }
}

const VOWELS: [char; 12] = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'];

fn toned_vowels() -> &'static [[char; 6]; 12] {
    static TONED: OnceLock<[[char; 6]; 12]> = OnceLock::new();
    TONED.get_or_init(|| {
        use unicode_normalization::UnicodeNormalization;
        let tones = [
            Tone::None,
            Tone::Grave,
            Tone::Acute,
            Tone::Hook,
            Tone::Tilde,
            Tone::Dot,
        ];
        let mut table = [['\u{0}'; 6]; 12];
        for (row, &vowel) in table.iter_mut().zip(VOWELS.iter()) {
            for (cell, tone) in row.iter_mut().zip(tones) {
                // Canonical order puts the dot below before the circumflex, so compose via NFC.
                let mut spelled: String = vowel.to_string().nfd().collect();
                spelled.extend(tone.combining());
                let composed: String = spelled.nfc().collect();
                *cell = composed
                    .chars()
                    .next()
                    .filter(|_| composed.chars().count() == 1)
                    .unwrap_or(vowel);
            }
        }
        table
    })
}

/// Puts a tone back on a lower-case base letter: `('ơ', Hook)` → `'ở'`, `('ê', Dot)` → `'ệ'`.
pub fn with_tone(base: char, tone: Tone) -> char {
    if tone == Tone::None {
        return base;
    }
    match VOWELS.iter().position(|&v| v == base) {
        Some(row) => toned_vowels()[row][tone as usize],
        None => tone
            .combining()
            .and_then(|mark| unicode_normalization::char::compose(base, mark))
            .unwrap_or(base),
    }
}

/// The ASCII letter a base letter folds to: `ư` → `u`, `đ` → `d`; other letters unchanged.
#[inline]
pub fn fold_base(base: char) -> char {
    match base {
        'ă' | 'â' => 'a',
        'ê' => 'e',
        'ô' | 'ơ' => 'o',
        'ư' => 'u',
        'đ' => 'd',
        c if (c as u32) < 0x80 => c,
        c => {
            let mut first = None;
            decompose_canonical(c, |part| {
                first.get_or_insert(part);
            });
            first.unwrap_or(c)
        }
    }
}

/// True for the twelve Vietnamese vowel letters (lower-case, no tone).
#[inline]
pub fn is_vowel(base: char) -> bool {
    matches!(
        base,
        'a' | 'ă' | 'â' | 'e' | 'ê' | 'i' | 'o' | 'ô' | 'ơ' | 'u' | 'ư' | 'y'
    )
}

/// True for vowels that carry a shape mark; the tone goes on them when present.
#[inline]
pub fn is_shaped_vowel(base: char) -> bool {
    matches!(base, 'ă' | 'â' | 'ê' | 'ô' | 'ơ' | 'ư')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_every_toned_vowel_of_nguoi_viet() {
        let l = split_letter('ờ');
        assert_eq!(
            l,
            Some(Letter {
                base: 'ơ',
                tone: Tone::Grave,
                is_letter: true
            })
        );
        assert_eq!(
            split_letter('Ệ'),
            Some(Letter {
                base: 'ê',
                tone: Tone::Dot,
                is_letter: true
            })
        );
        assert_eq!(
            split_letter('Ð'),
            Some(Letter {
                base: 'đ',
                tone: Tone::None,
                is_letter: true
            })
        );
        assert_eq!(
            split_letter('Đ'),
            Some(Letter {
                base: 'đ',
                tone: Tone::None,
                is_letter: true
            })
        );
    }

    #[test]
    fn recomposes_and_folds() {
        assert_eq!(with_tone('ơ', Tone::Hook), 'ở');
        assert_eq!(with_tone('y', Tone::Hook), 'ỷ');
        assert_eq!(with_tone('ê', Tone::Dot), 'ệ');
        assert_eq!(with_tone('ă', Tone::Dot), 'ặ');
        assert_eq!(fold_base('ư'), 'u');
        assert_eq!(fold_base('đ'), 'd');
        assert_eq!(fold_base('é'), 'e');
    }
}
