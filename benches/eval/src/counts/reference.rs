//! The reference matcher: which articles hold every word of a query, read straight from the raw
//! text by a program that shares no matching code with the engine.
//!
//! It splits text into syllables (runs of letters and digits after NFC, invisible characters
//! dropped), calls two syllables adjacent when they stand in one sentence with nothing but spaces
//! or in-sentence punctuation between them ("phòng, chống"; not across `. ! ? … ;` or a line
//! break), and compares syllables by the mark rule: a query syllable typed with a
//! mark must have the same letters and the same tone (wherever the tone is written: `hòa` =
//! `hoà`); one typed without marks matches any marks. A word is its syllables adjacent and in
//! order; an abbreviation spelled out in the query may also be present as its short form, written
//! in capitals, in one piece (`TPHCM`) or in pieces (`TP.HCM`, `TP. HCM`; [`holds_abbreviation`]).

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The five Vietnamese tone marks as combining characters.
const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// One syllable of a text in the reference's own forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefSyllable {
    /// Letters with their shape marks (â, ơ, đ), lower case, NFC, without the tone.
    pub base: String,
    /// The tone mark, if any.
    pub tone: Option<char>,
    /// Every mark dropped, đ as d.
    pub folded: String,
    /// Only spaces or one joining character between this syllable and the one before.
    pub adjacent: bool,
    /// Written as a short form is: every letter a capital (`UBND`, `CA`), or two or more
    /// (`TTg`).
    pub capitals: bool,
    /// Capital letters in it.
    pub upper: usize,
    /// Its first letter is a capital.
    pub initial_capital: bool,
    /// Between this syllable and the one before, what joins the pieces of a short form: one of
    /// `. - / & _` alone, spaces, or a dot and spaces (`TP.HCM`, `TP HCM`, `TP. HCM`; not a
    /// comma).
    pub piece_gap: bool,
}

impl RefSyllable {
    /// True when the syllable carries any mark (tone, shape, or đ).
    pub fn marked(&self) -> bool {
        self.tone.is_some() || self.base != self.folded
    }

    /// Whether `self`, a syllable of a text, matches `query` by the mark rule.
    pub fn matches(&self, query: &RefSyllable) -> bool {
        if query.marked() {
            self.base == query.base && self.tone == query.tone
        } else {
            self.folded == query.folded
        }
    }
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

fn forms(raw: &str) -> (String, Option<char>, String) {
    let lower: String = raw.to_lowercase().replace(['ð', 'ɖ'], "đ");
    let mut tone = None;
    let mut base = String::new();
    for c in lower.nfd() {
        if TONES.contains(&c) {
            tone.get_or_insert(c);
        } else {
            base.push(c);
        }
    }
    let base: String = base.nfc().collect();
    let folded: String = base
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| if c == 'đ' { 'd' } else { c })
        .collect();
    (base, tone, folded)
}

/// Adjacent: something between, and nothing that ends a sentence or a list item (`. ! ? … ;`,
/// line breaks, tabs), except a lone joining character inside a token (`TP.HCM`).
fn adjacent(separator: &str) -> bool {
    if matches!(separator, "-" | "." | "/" | "_") {
        return true;
    }
    !separator.is_empty()
        && !separator.contains([
            '.', '!', '?', '…', ';', '\n', '\r', '\t', '\u{b}', '\u{c}', '\u{85}', '\u{2028}',
            '\u{2029}',
        ])
}

/// The syllables of `text`.
pub fn syllables(text: &str) -> Vec<RefSyllable> {
    let text: String = text.nfc().filter(|c| !is_invisible(*c)).collect();
    let mut out = Vec::new();
    let mut current = String::new();
    let mut separator = String::new();
    let flush = |current: &mut String, separator: &mut String, out: &mut Vec<RefSyllable>| {
        if current.is_empty() {
            return;
        }
        let (base, tone, folded) = forms(current);
        let letters = current.chars().filter(|c| c.is_alphabetic());
        let upper = letters.clone().filter(|c| c.is_uppercase()).count();
        let capitals = upper >= 2 || upper == letters.count();
        let spaces = |s: &str| !s.is_empty() && s.chars().all(|c| c == ' ');
        let piece_gap = matches!(separator.as_str(), "." | "-" | "/" | "&" | "_")
            || spaces(separator)
            || separator.strip_prefix('.').is_some_and(spaces);
        out.push(RefSyllable {
            base,
            tone,
            folded,
            adjacent: !out.is_empty() && adjacent(separator),
            capitals,
            upper,
            initial_capital: current.chars().next().is_some_and(char::is_uppercase),
            piece_gap: !out.is_empty() && piece_gap,
        });
        current.clear();
        separator.clear();
    };
    for c in text.chars() {
        if c.is_alphanumeric() || is_combining_mark(c) {
            current.push(c);
        } else {
            flush(&mut current, &mut separator, &mut out);
            separator.push(c);
        }
    }
    flush(&mut current, &mut separator, &mut out);
    out
}

/// Whether `text` holds `word` (syllables adjacent, in order).
pub fn holds_word(text: &[RefSyllable], word: &[RefSyllable]) -> bool {
    if word.is_empty() || text.len() < word.len() {
        return word.is_empty();
    }
    (0..=text.len() - word.len()).any(|start| {
        word.iter().enumerate().all(|(j, w)| {
            let t = &text[start + j];
            t.matches(w) && (j == 0 || t.adjacent)
        })
    })
}

/// Whether `text` holds the abbreviation `key` (its letters folded, punctuation dropped) written
/// as short forms are: one syllable in capitals ("CA" and "TTg" are "công an" and "Thủ tướng";
/// "cá", "cả" and "Ca", a sentence's first word, are not), or pieces of two letters or more
/// whose letters spell it, joined as short forms are ([`RefSyllable::piece_gap`]), each starting
/// with a capital and two capitals or more in all ("TP.HCM", "TP. HCM", "Tp.HCM", "KT-XH",
/// "GD&ĐT"; not "TP Cần Thơ … HCM", "tp hcm", a list "M, N" or initials "M. N.").
pub fn holds_abbreviation(text: &[RefSyllable], key: &str) -> bool {
    text.iter().any(|t| t.capitals && t.folded == key)
        || (0..text.len()).any(|start| spelt_in_pieces(&text[start..], key))
}

/// Whether syllables from `text[0]`, written as pieces of a short form, spell `key`.
fn spelt_in_pieces(text: &[RefSyllable], key: &str) -> bool {
    let mut spelt = String::new();
    let mut upper = 0;
    for (i, piece) in text.iter().enumerate() {
        let joined = i == 0 || piece.piece_gap;
        if !piece.initial_capital || piece.folded.chars().count() < 2 || !joined {
            return false;
        }
        spelt.push_str(&piece.folded);
        upper += piece.upper;
        if spelt == key {
            return i > 0 && upper >= 2;
        }
        if !key.starts_with(&spelt) {
            return false;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str) -> Vec<RefSyllable> {
        syllables(text)
    }

    #[test]
    fn words_are_adjacent_syllables_by_the_mark_rule() {
        let text = syllables("Hội nghị bàn về bảo hiểm xã hội. Xã, hội hóa");
        assert!(holds_word(&text, &word("bảo hiểm")));
        assert!(holds_word(&text, &word("bao hiem")));
        assert!(holds_word(&text, &word("xã hội")));
        assert!(!holds_word(&text, &word("hội xã")));
        assert!(!holds_word(&text, &word("hội bàn")));
        assert!(!holds_word(&text, &word("bán")));
        assert!(holds_word(&text, &word("ban")));
        assert!(holds_word(&text, &word("hoá")));
    }

    #[test]
    fn a_short_form_counts_where_it_is_written_in_capitals() {
        assert!(holds_abbreviation(&syllables("Lực lượng CA xã"), "ca"));
        assert!(holds_abbreviation(&syllables("UBND tỉnh"), "ubnd"));
        assert!(holds_abbreviation(&syllables("Quyết định 1/QĐ-TTg"), "ttg"));
        assert!(!holds_abbreviation(&syllables("bắt được con cá"), "ca"));
        assert!(!holds_abbreviation(&syllables("Cả lớp về xã"), "ca"));
        assert!(holds_abbreviation(
            &syllables("Giá nhà ở TP.HCM tăng"),
            "tphcm"
        ));
        assert!(holds_abbreviation(&syllables("tình hình KT-XH"), "ktxh"));
        assert!(holds_abbreviation(&syllables("Sở GD&ĐT tỉnh"), "gddt"));
        assert!(!holds_abbreviation(
            &syllables("Đoàn TP Cần Thơ thăm Bảo tàng HCM"),
            "tphcm"
        ));
        assert!(holds_abbreviation(&syllables("về TP. HCM"), "tphcm"));
        assert!(holds_abbreviation(&syllables("ở Tp.HCM"), "tphcm"));
        assert!(!holds_abbreviation(&syllables("ở tp hcm"), "tphcm"));
        assert!(!holds_abbreviation(&syllables("các mẫu M, N, P"), "mn"));
        assert!(!holds_abbreviation(
            &syllables("Bác sĩ M. N. Shankar"),
            "mn"
        ));
    }

    #[test]
    fn sentence_ends_and_lines_separate_words_commas_do_not() {
        let text = syllables("cải cách,\nhành chính. Xã hội");
        assert!(!holds_word(&text, &word("cách hành")));
        assert!(!holds_word(&text, &word("chính xã")));
        assert!(holds_word(&syllables("TP.HCM"), &word("tp hcm")));
        assert!(holds_word(
            &syllables("Luật Phòng, chống tham nhũng"),
            &word("phòng chống")
        ));
    }
}
