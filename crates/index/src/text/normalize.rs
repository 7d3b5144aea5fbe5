//! Document-level clean-up: the text users read and highlights point into.
//!
//! Keeps the writer's own tone style (highlights must show the original), but makes the text
//! canonical Unicode: NFC, the eth look-alike `Ð`/`ð` as `Đ`/`đ`, non-breaking and other exotic
//! spaces as plain spaces, and zero-width characters and soft hyphens removed.
//!
//! ```
//! use tracuu_index::text::normalize_text;
//! let nfd = "Đa\u{300} Na\u{306}\u{303}ng";
//! assert_eq!(normalize_text(nfd), "Đà Nẵng");
//! assert_eq!(normalize_text("Ðà\u{a0}Nẵng\u{200b}"), "Đà Nẵng");
//! ```

use unicode_normalization::UnicodeNormalization;

/// Returns `text` as NFC with homoglyphs, exotic spaces and invisible characters cleaned.
pub fn normalize_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfc() {
        match c {
            '\u{00D0}' | '\u{0189}' => out.push('Đ'),
            '\u{00F0}' | '\u{0256}' => out.push('đ'),
            c if is_invisible(c) => {}
            '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => {
                out.push(' ')
            }
            c => out.push(c),
        }
    }
    out
}

/// True for characters that render as nothing but split words: soft hyphen, zero-width marks, BOM.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfd_seed_title_becomes_nfc() {
        let title = "Sở Ngoại vụ thành phố Đà Nẵng";
        let nfd: String = title.nfd().collect();
        assert_ne!(nfd, title);
        assert_eq!(normalize_text(&nfd), title);
    }

    #[test]
    fn soft_hyphen_from_tcvn3_no_longer_splits_a_word() {
        assert_eq!(normalize_text("ng\u{AD}ời"), "ngời");
    }
}
