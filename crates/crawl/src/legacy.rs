//! Repairing text typed in the legacy Vietnamese font encodings TCVN3 (ABC) and VNI.
//!
//! Before Unicode, Vietnamese offices typed with 8-bit fonts (`.VnTime` for TCVN3, `VNI-Times` for
//! VNI) and many portals still carry pages pasted from those documents. Read as Windows-1252 the
//! text becomes mojibake: TCVN3 "Nghị quyết" shows as `NghÞ quyÕt`, VNI shows as `Nghò quyeát`.
//!
//! Sources of the tables:
//! - TCVN3: the byte table of TCVN 5712:1993 ("VN3", the ABC fonts), as reproduced in the
//!   charset tables of UniKey and in the "Vietnamese character encodings" table of vietunicode
//!   (lower-case letters with tone marks at 0xB5–0xFE, the shaped bases Ă Â Ê Ô Ơ Ư Đ / ă â ê ô ơ ư đ
//!   at 0xA1–0xAE).
//! - VNI: the VNI-Windows font encoding of VNI Software, as in the same tables: a base letter
//!   followed by one byte giving the shape mark and tone together (e.g. `e` + 0xE1 = ế), plus
//!   single bytes for đ/Đ and the i-vowels with tones.
//!
//! Detection is deliberately conservative: text is converted only when it shows several marker
//! characters of one encoding and few genuine Vietnamese letters.
//!
//! ```
//! use tracuu_crawl::legacy::repair_legacy;
//! assert_eq!(repair_legacy("NghÞ quyÕt sè 36 cña Bé ChÝnh trÞ"), "Nghị quyết số 36 của Bộ Chính trị");
//! assert_eq!(repair_legacy("Nghò quyeát soá 36 cuûa Boä Chính trò"), "Nghị quyết số 36 của Bộ Chính trị");
//! assert_eq!(repair_legacy("Nghị quyết số 36"), "Nghị quyết số 36");
//! ```

use unicode_normalization::UnicodeNormalization;

/// Which legacy encoding a piece of text was typed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegacyEncoding {
    /// TCVN 5712:1993 (ABC fonts, `.VnTime`).
    Tcvn3,
    /// VNI-Windows (`VNI-Times`).
    Vni,
}

/// TCVN3 code points 0xA1–0xFE as Windows-1252 characters, paired with the Unicode letter.
const TCVN3: &[(char, char)] = &[
    ('¡', 'Ă'),
    ('¢', 'Â'),
    ('£', 'Ê'),
    ('¤', 'Ô'),
    ('¥', 'Ơ'),
    ('¦', 'Ư'),
    ('§', 'Đ'),
    ('¨', 'ă'),
    ('©', 'â'),
    ('ª', 'ê'),
    ('«', 'ô'),
    ('¬', 'ơ'),
    ('\u{AD}', 'ư'),
    ('®', 'đ'),
    ('µ', 'à'),
    ('¶', 'ả'),
    ('·', 'ã'),
    ('¸', 'á'),
    ('¹', 'ạ'),
    ('»', 'ằ'),
    ('¼', 'ẳ'),
    ('½', 'ẵ'),
    ('¾', 'ắ'),
    ('Æ', 'ặ'),
    ('Ç', 'ầ'),
    ('È', 'ẩ'),
    ('É', 'ẫ'),
    ('Ê', 'ấ'),
    ('Ë', 'ậ'),
    ('Ì', 'è'),
    ('Î', 'ẻ'),
    ('Ï', 'ẽ'),
    ('Ð', 'é'),
    ('Ñ', 'ẹ'),
    ('Ò', 'ề'),
    ('Ó', 'ể'),
    ('Ô', 'ễ'),
    ('Õ', 'ế'),
    ('Ö', 'ệ'),
    ('×', 'ì'),
    ('Ø', 'ỉ'),
    ('Ü', 'ĩ'),
    ('Ý', 'í'),
    ('Þ', 'ị'),
    ('ß', 'ò'),
    ('á', 'ỏ'),
    ('â', 'õ'),
    ('ã', 'ó'),
    ('ä', 'ọ'),
    ('å', 'ồ'),
    ('æ', 'ổ'),
    ('ç', 'ỗ'),
    ('è', 'ố'),
    ('é', 'ộ'),
    ('ê', 'ờ'),
    ('ë', 'ở'),
    ('ì', 'ỡ'),
    ('í', 'ớ'),
    ('î', 'ợ'),
    ('ï', 'ù'),
    ('ñ', 'ủ'),
    ('ò', 'ũ'),
    ('ó', 'ú'),
    ('ô', 'ụ'),
    ('õ', 'ừ'),
    ('ö', 'ử'),
    ('÷', 'ữ'),
    ('ø', 'ứ'),
    ('ù', 'ự'),
    ('ú', 'ỳ'),
    ('û', 'ỷ'),
    ('ü', 'ỹ'),
    ('ý', 'ý'),
    ('þ', 'ỵ'),
];

/// VNI mark bytes (as Windows-1252 characters) and the combining marks they stand for.
fn vni_mark(c: char) -> Option<&'static str> {
    Some(match c {
        'ù' | 'Ù' => "\u{301}",
        'ø' | 'Ø' => "\u{300}",
        'û' | 'Û' => "\u{309}",
        'õ' | 'Õ' => "\u{303}",
        'ï' | 'Ï' => "\u{323}",
        'â' | 'Â' => "\u{302}",
        'á' | 'Á' => "\u{302}\u{301}",
        'à' | 'À' => "\u{302}\u{300}",
        'å' | 'Å' => "\u{302}\u{309}",
        'ã' | 'Ã' => "\u{302}\u{303}",
        'ä' | 'Ä' => "\u{302}\u{323}",
        'ê' | 'Ê' => "\u{306}",
        'é' | 'É' => "\u{306}\u{301}",
        'è' | 'È' => "\u{306}\u{300}",
        'ú' | 'Ú' => "\u{306}\u{309}",
        'ü' | 'Ü' => "\u{306}\u{303}",
        'ë' | 'Ë' => "\u{306}\u{323}",
        _ => return None,
    })
}

/// VNI single bytes that are letters by themselves.
fn vni_letter(c: char) -> Option<char> {
    Some(match c {
        'ñ' => 'đ',
        'Ñ' => 'Đ',
        'æ' => 'ỉ',
        'Æ' => 'Ỉ',
        'ó' => 'ĩ',
        'Ó' => 'Ĩ',
        'ò' => 'ị',
        'Ò' => 'Ị',
        'ô' => 'ơ',
        'Ô' => 'Ơ',
        'ö' => 'ư',
        'Ö' => 'Ư',
        _ => return None,
    })
}

/// True for what a VNI mark byte may follow: a plain vowel, or VNI's ơ/ư bytes (`ô`, `ö`).
fn takes_vni_mark(c: char) -> bool {
    matches!(c.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
        || matches!(c, 'ô' | 'Ô' | 'ö' | 'Ö')
}

/// True for letters only Vietnamese uses (tone-marked vowels beyond Latin-1, ă đ ơ ư ĩ ũ).
fn is_native_vietnamese(c: char) -> bool {
    matches!(
        c,
        '\u{1EA0}'
            ..='\u{1EF9}' | 'ă' | 'Ă' | 'đ' | 'Đ' | 'ơ' | 'Ơ' | 'ư' | 'Ư' | 'ĩ' | 'Ĩ' | 'ũ' | 'Ũ'
    )
}

/// Tone marks as combining characters (after NFD): huyền, sắc, ngã, hỏi, nặng.
fn is_tone_mark(c: char) -> bool {
    matches!(c, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}')
}

/// Whether `word` could be one Vietnamese syllable: onset, 1–3 vowels, coda, at most one tone.
fn plausible_syllable(word: &str) -> bool {
    use unicode_normalization::UnicodeNormalization;
    let lower: String = word.to_lowercase().nfd().collect();
    if lower.chars().filter(|c| is_tone_mark(*c)).count() > 1 {
        return false;
    }
    let bare: String = lower
        .chars()
        .filter(|c| !is_tone_mark(*c))
        .collect::<String>()
        .nfc()
        .collect();
    const ONSETS: &[&str] = &[
        "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g",
        "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
    ];
    const CODAS: &[&str] = &["ng", "nh", "ch", "c", "m", "n", "p", "t", ""];
    let vowels = |s: &str| -> bool {
        let count = s.chars().count();
        (1..=3).contains(&count) && s.chars().all(|c| "aăâeêioôơuưy".contains(c))
    };
    ONSETS
        .iter()
        .filter_map(|onset| bare.strip_prefix(onset))
        .any(|rest| {
            CODAS
                .iter()
                .filter_map(|coda| rest.strip_suffix(coda))
                .any(vowels)
        })
}

/// Share of the words changed by a conversion that are plausible Vietnamese syllables.
fn plausibility(original: &str, converted: &str) -> f32 {
    let mut changed = 0usize;
    let mut plausible = 0usize;
    for (before, after) in original
        .split_whitespace()
        .zip(converted.split_whitespace())
    {
        if before == after {
            continue;
        }
        changed += 1;
        let word = after.trim_matches(|c: char| !c.is_alphanumeric());
        if plausible_syllable(word) {
            plausible += 1;
        }
    }
    if changed == 0 {
        0.0
    } else {
        plausible as f32 / changed as f32
    }
}

/// Share of the Latin-1 letters of `text` that directly follow a plain vowel or VNI's ơ/ư bytes.
fn after_vowel_share(text: &str) -> f32 {
    let (mut after, mut total) = (0usize, 0usize);
    let mut prev = ' ';
    for c in text.chars() {
        if ('\u{A0}'..='\u{FF}').contains(&c) && c.is_alphabetic() {
            total += 1;
            if takes_vni_mark(prev) && vni_mark(c).is_some() {
                after += 1;
            }
        }
        prev = c;
    }
    if total == 0 {
        0.0
    } else {
        after as f32 / total as f32
    }
}

/// Guesses whether `text` is TCVN3 or VNI mojibake; `None` for ordinary text.
///
/// Both show as Latin-1 letters where Vietnamese has none, and Portuguese or French text shows
/// some too. So a conversion is kept only when most words it changes become well-formed
/// Vietnamese syllables (an onset, one to three vowels, a coda, at most one tone mark).
pub fn detect_legacy(text: &str) -> Option<LegacyEncoding> {
    let mut native = 0usize;
    let mut suspicious = 0usize;
    for c in text.chars() {
        if is_native_vietnamese(c) {
            native += 1;
        } else if (('\u{A0}'..='\u{FF}').contains(&c) && c.is_alphabetic())
            || c == '\u{AD}'
            || c == '®'
        {
            suspicious += 1;
        }
    }
    if suspicious < 3 || native * 4 > suspicious {
        return None;
    }
    let tcvn = plausibility(text, &convert_tcvn3(text));
    let vni = plausibility(text, &convert_vni(text));
    // When both read well, where the odd letters stand decides: a VNI mark byte follows the
    // vowel it modifies (`quyeát`), a TCVN3 byte *is* the vowel (`quyÕt`, `NghÞ`, `cña`).
    let vni_wins = if (vni - tcvn).abs() < 0.1 {
        after_vowel_share(text) >= 0.5
    } else {
        vni > tcvn
    };
    let (best, score) = if vni_wins {
        (LegacyEncoding::Vni, vni)
    } else {
        (LegacyEncoding::Tcvn3, tcvn)
    };
    (score >= 0.8).then_some(best)
}

/// Converts TCVN3 mojibake (read as Windows-1252) to NFC Unicode.
pub fn convert_tcvn3(text: &str) -> String {
    text.chars()
        .map(|c| {
            TCVN3
                .iter()
                .find(|(from, _)| *from == c)
                .map_or(c, |(_, to)| *to)
        })
        .collect()
}

/// Converts VNI mojibake (read as Windows-1252) to NFC Unicode.
pub fn convert_vni(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut prev = ' ';
    for c in text.chars() {
        if let (true, Some(mark)) = (takes_vni_mark(prev), vni_mark(c)) {
            out.push_str(mark);
            // A vowel takes one mark byte; what follows is a new letter.
            prev = ' ';
            continue;
        }
        match vni_letter(c) {
            Some(letter) => out.push(letter),
            None => out.push(c),
        }
        prev = if matches!(c, 'ô' | 'Ô' | 'ö' | 'Ö') || (c.is_ascii() && takes_vni_mark(c)) {
            c
        } else {
            ' '
        };
    }
    out.nfc().collect()
}

/// Returns `text` repaired when it looks like TCVN3 or VNI mojibake, unchanged otherwise.
pub fn repair_legacy(text: &str) -> String {
    match detect_legacy(text) {
        Some(LegacyEncoding::Tcvn3) => convert_tcvn3(text),
        Some(LegacyEncoding::Vni) => convert_vni(text),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tcvn3_sentence_is_repaired() {
        let mojibake = "Ban vÒ ng\u{AD}êi ViÖt Nam ë n\u{AD}íc ngoµi tØnh Qu¶ng Nam";
        assert_eq!(
            repair_legacy(mojibake),
            "Ban về người Việt Nam ở nước ngoài tỉnh Quảng Nam"
        );
    }

    #[test]
    fn vni_sentence_is_repaired() {
        let mojibake = "Ban veà ngöôøi Vieät Nam ôû nöôùc ngoaøi tænh Quaûng Nam";
        assert_eq!(
            repair_legacy(mojibake),
            "Ban về người Việt Nam ở nước ngoài tỉnh Quảng Nam"
        );
    }

    #[test]
    fn real_vietnamese_and_french_are_left_alone() {
        for text in [
            "Sở Ngoại vụ thành phố Đà Nẵng",
            "Hội hữu nghị Việt Nam - Pháp, café à Paris",
            "A informação não está disponível para a população de São Paulo e Maringá",
            "ABC 123",
        ] {
            assert_eq!(detect_legacy(text), None, "{text}");
        }
    }
}
