//! Whether letters can spell one Vietnamese syllable: onset consonant, vowel nucleus, final.
//!
//! The query side uses it to tell a typed syllable from an abbreviation: "ca" is a syllable
//! (cá, cà, ca) and stays one, "ubnd", "tphcm" and "bhxh" cannot be syllables and are read as
//! abbreviations. The inventory is the standard one of Vietnamese orthography: 27 onsets
//! (including `gh`, `ngh`, `qu`, `gi`), vowel nuclei of one to three letters, and the finals
//! `c ch m n ng nh p t` (the glides `i y o u` are part of the vowel run).
//!
//! ```
//! use tracuu_index::text::syllable_shape::is_possible_syllable;
//! assert!(is_possible_syllable("nghieng"));
//! assert!(is_possible_syllable("ca"));
//! assert!(!is_possible_syllable("ubnd"));
//! assert!(!is_possible_syllable("tp"));
//! ```

const ONSETS: [&str; 27] = [
    "ngh", "ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr", "b", "c", "d", "g", "h",
    "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
];

const FINALS: [&str; 9] = ["ng", "nh", "ch", "c", "m", "n", "p", "t", ""];

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// True when `folded` (lower case, marks dropped, `đ` as `d`) can be one Vietnamese syllable.
pub fn is_possible_syllable(folded: &str) -> bool {
    if folded.is_empty() || !folded.bytes().all(|b| b.is_ascii_lowercase()) {
        return false;
    }
    ONSETS.iter().any(|onset| {
        let Some(rest) = folded.strip_prefix(onset) else {
            return false;
        };
        let vowels = rest.chars().take_while(|&c| is_vowel(c)).count();
        // "gi" and "qu" may take the whole vowel run's first letter ("gì", "quy").
        let vowels_ok = (1..=3).contains(&vowels) || (vowels == 0 && matches!(*onset, "gi"));
        vowels_ok && FINALS.contains(&&rest[vowels..])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables_of_real_text_are_possible() {
        let text = "nguoi viet nam o nuoc ngoai uy ban nhan dan tinh quang nam khuyu tay \
                    gieng quy giu nghieng thuong xuyen oanh tac huynh de gi";
        for syllable in text.split_whitespace() {
            assert!(is_possible_syllable(syllable), "{syllable}");
        }
    }

    #[test]
    fn abbreviations_are_not_syllables() {
        for abbreviation in [
            "ubnd", "hdnd", "bhxh", "tphcm", "tp", "nvnonn", "thcs", "mttq", "ct",
        ] {
            assert!(!is_possible_syllable(abbreviation), "{abbreviation}");
        }
    }
}
