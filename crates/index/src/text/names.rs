//! Names the lexicon does not know: "Phạm Minh Chính", "Nguyễn Xuân Phúc", "Donald Trump" are
//! written in Vietnamese with every syllable capitalised, and a user who types them so means the
//! name, not its syllables anywhere in the article ("Phạm Văn Minh … chính quyền"). Place names
//! ("Nhật Bản", "Phú Quốc") are words of the built-in lexicon whatever the case
//! (`crates/index/data/place-names.txt`, stored as pairs like its other words), the people the
//! indexed articles name are words of the query side ([`super::words::Lexicon::with_names`],
//! [`super::learnt_names`]); this module finds the other names, by capitals.
//!
//! After the lexicon has cut a run into words, a syllable written with a capital that it left on
//! its own starts a name, and the capitalised syllables or capitalised lexicon words standing
//! right after it (only spaces, or an unspaced hyphen, between) go on with it, up to
//! [`MAX_NAME_SYLLABLES`] ("Nguyễn" + "Xuân Phúc"). A sentence's first syllable is capitalised
//! because it opens the sentence, so it starts a name only when it is no common opener ("Ông",
//! "Ở", "Và": single-syllable stop words, `crates/index/data/README.md`). A lexicon word starts
//! no name ("Hà Nội Đà Nẵng" is "Hà Nội" and "Đà Nẵng"). Measured on UD Vietnamese VTB, whose
//! words hold names whole (`tracuu-eval segmentation`, benches/RESULTS.md).

use std::collections::HashSet;
use std::ops::Range;
use std::sync::OnceLock;

use super::pairs::{AnalysedSyllable, Case};

/// The longest name joined, in syllables ("Bà Rịa Vũng Tàu").
pub const MAX_NAME_SYLLABLES: usize = 4;

/// Single-syllable stop words, one per line, lower case with marks.
const OPENERS: &str = include_str!("../../data/sentence-openers.txt");

fn is_opener(syllable: &AnalysedSyllable) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| OPENERS.lines().map(str::trim).collect())
        .contains(syllable.exact.as_str())
}

/// Joins, in `words` (ranges of `syllables`, as the lexicon cut them), the names: a capitalised
/// single syllable and the capitalised words right after it.
pub fn join_names(syllables: &[AnalysedSyllable], words: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::with_capacity(words.len());
    // Whether the last word out is a name, or a syllable that may start one.
    let mut open_name = false;
    for word in words {
        let first = &syllables[word.start];
        let capitalised = syllables[word.clone()]
            .iter()
            .all(|s| s.case == Case::Capitalised);
        let capital_single = word.len() == 1 && capitalised;
        // A name goes on with a capitalised single syllable, or a capitalised word of the
        // lexicon ("Nguyễn Thị" + "Kim Ngân"); it starts only with a single syllable.
        if capitalised
            && open_name
            && first.spaced
            && let Some(last) = out.last_mut()
            && last.len() + word.len() <= MAX_NAME_SYLLABLES
        {
            last.end = word.end;
            continue;
        }
        let opens_sentence = word.start == 0 || !first.joined;
        open_name = capital_single && !(opens_sentence && is_opener(first));
        out.push(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::text::pairs::analyse_syllables;
    use crate::text::words::Lexicon;
    use crate::text::words::tests::words;

    #[test]
    fn capitalised_syllables_side_by_side_are_a_name() {
        assert_eq!(words("Phạm Minh Chính"), ["Phạm Minh Chính"]);
        assert_eq!(words("ông Donald Trump"), ["ông", "Donald Trump"]);
        // Not in lower case, not in capitals throughout, not across punctuation.
        assert_eq!(words("pham minh chinh"), ["pham", "minh", "chinh"]);
        assert_eq!(words("PHẠM MINH CHÍNH"), ["PHẠM", "MINH", "CHÍNH"]);
        assert_eq!(words("Nhật, Hàn"), ["Nhật", "Hàn"]);
        assert_eq!(words("Nhật Hàn"), ["Nhật Hàn"]);
    }

    #[test]
    fn a_place_name_is_a_word_however_it_is_typed() {
        for typed in ["Nhật Bản", "nhật bản", "nhat ban", "NHẬT BẢN", "Nhat Ban"] {
            assert_eq!(
                words(&format!("đầu tư {typed}")),
                ["đầu tư", typed],
                "{typed}"
            );
        }
        assert_eq!(words("Việt Nam - Nhật Bản"), ["Việt Nam", "Nhật Bản"]);
        // Two place names side by side are two words, not one name of four syllables.
        assert_eq!(words("Việt Nam Nhật Bản"), ["Việt Nam", "Nhật Bản"]);
        // Marks typed against the name's are no place: "ba lần" is "three times".
        assert_eq!(words("gấp ba lần"), ["gấp", "ba", "lần"]);
        assert_eq!(words("Ba Lan"), ["Ba Lan"]);
    }

    #[test]
    fn four_syllables_are_one_name() {
        assert_eq!(words("Nguyễn Thị Kim Ngân"), ["Nguyễn Thị Kim Ngân"]);
        assert_eq!(words("Nguyễn Thị Kim Ngân, Phạm Minh Chính").len(), 2);
    }

    #[test]
    fn a_word_of_the_lexicon_stays_itself() {
        // "Hà Nội" and "Đà Nẵng" are both words: two names, not one of four syllables.
        assert_eq!(words("Hà Nội Đà Nẵng"), ["Hà Nội", "Đà Nẵng"]);
    }

    #[test]
    fn a_sentence_opener_starts_no_name() {
        assert_eq!(words("Ông Phạm Văn Bình"), ["Ông", "Phạm Văn Bình"]);
        assert_eq!(words("Ở Huế"), ["Ở", "Huế"]);
        // Inside a sentence a capital is a name's: "Ba" (a given name) is one.
        assert_eq!(words("anh Ba Tùng"), ["anh", "Ba Tùng"]);
    }

    #[test]
    fn a_name_has_at_most_four_syllables() {
        // With no lexicon every syllable is on its own; the hyphen joins as a space does.
        let none = Lexicon::from_words([], 3);
        let text = "Nguyễn Thị Minh-Khai Hòa";
        assert_eq!(none.segment(&analyse_syllables(text)), [0..4, 4..5]);
    }
}
