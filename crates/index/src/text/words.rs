//! Cutting a query into Vietnamese words: syllables that belong together (`bảo hiểm`, `xã hội`).
//!
//! Vietnamese writes every syllable apart, so "bảo hiểm xã hội" is four syllables but two words,
//! and an article that says "bao gồm … xã" holds every syllable of it and none of its words.
//! tracuu's matching rule is about words ([`crate::search`]): an article matches when it holds
//! every word of the query, a word being its syllables next to each other.
//!
//! Words come from the viet74k lexicon (65,287 multi-syllable words, Apache-2.0, see
//! `crates/index/data/README.md`), compiled into the library. A run of syllables is cut into as
//! few words as the lexicon allows (a shortest path over the syllables; among as few, the fewest
//! words that need marks not typed; then the earliest long word), which `tracuu-eval
//! segmentation` measures against the hand-segmented UD Vietnamese VTB sentences beside greedy
//! longest match. 146 place names (provinces, cities, countries, regions and seas,
//! `crates/index/data/place-names.txt`; "Việt Nam", "Nhật Bản" and "Hồ Chí Minh" among those the
//! lexicon lacks) are words of the lexicon too, however they are typed: "nhat ban" is Japan,
//! not "cập nhật … cơ bản". Their pairs are stored like the list's, so a place name typed with
//! marks asks its exact pair ("Phú Quốc" is never "Chính phủ, Quốc hội" beside a "phú"). An
//! index adds the people its articles name ("pham minh chinh", [`super::learnt_names`],
//! [`Lexicon::with_names`]) as words of the query side only: they add no pair to the index and
//! are matched by positions.
//! Syllables neither joins stay words of their own, but for names typed as names ("Phạm Minh
//! Chính", [`super::names`]). A word never spans punctuation ([`super::pairs::joins`]).
//!
//! Marks typed are the user's choice, syllable by syllable: a run of syllables is a word when the
//! lexicon has a word whose syllables carry exactly the marks typed where marks were typed, and
//! any marks where none were ("bàn giao" is a word, "bán giao" is not; "ban giao" and "bàn giao"
//! are; so are "bảo hiem" and "xa hội", typed half-marked as phones often leave them).
//!
//! ```
//! use tracuu_index::text::pairs::analyse_syllables;
//! use tracuu_index::text::words::Lexicon;
//! let syllables = analyse_syllables("bảo hiểm xã hội tỉnh Quảng Nam");
//! let words = Lexicon::builtin().segment(&syllables);
//! assert_eq!(words, vec![0..2, 2..4, 4..5, 5..7]);
//! // "nước ngoài" is a word of viet74k, "Việt Nam" a place name: nguoi | viet nam | o | nuoc ngoai
//! let folded = analyse_syllables("nguoi viet nam o nuoc ngoai");
//! assert_eq!(Lexicon::builtin().segment(&folded), vec![0..1, 1..3, 3..4, 4..6]);
//! ```

use std::collections::{HashMap, HashSet};
use std::hash::Hasher;
use std::io::Read;
use std::ops::Range;
use std::sync::OnceLock;

use rustc_hash::{FxHashSet, FxHasher};

use super::names::{MAX_NAME_SYLLABLES, join_names};
use super::pairs::{AnalysedSyllable, Case, PAIR_SEPARATOR, analyse_syllables};

/// The compiled-in word list (see `crates/index/data/README.md`).
const BUILTIN_WORDS: &[u8] = include_bytes!("../../data/viet74k-words.txt.zst");

/// Place names the query side takes as words (see `crates/index/data/README.md`): one per line,
/// `#` comments.
const PLACE_NAMES: &str = include_str!("../../data/place-names.txt");

/// Longest word considered, in syllables. Four-syllable entries are mostly two words that name
/// one thing ("bảo hiểm xã hội", "cải cách hành chính"), and users expect the articles that hold
/// the two words apart too ("cải cách thủ tục hành chính"); longer ones are idioms and names.
/// On UD VTB, words of up to 3 syllables score F1 0.8924 and up to 4 0.8943
/// (`tracuu-eval segmentation`, benches/RESULTS.md): the cut costs almost nothing there. A
/// person's name learnt from a corpus may have four ([`Lexicon::with_names`]).
pub const MAX_WORD_SYLLABLES: usize = 3;

/// How a run of syllables is cut into words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Segmentation {
    /// As few words as the lexicon allows; ties to the earliest long word.
    #[default]
    FewestWords,
    /// Greedy longest match from the left.
    LongestMatch,
}

/// A set of multi-syllable words, in exact and folded form.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    exact: HashSet<String>,
    /// Each word's folded form, with the exact forms ("readings") that fold to it.
    readings: HashMap<String, Vec<String>>,
    /// Hashes of the folded pairs inside the words ("nuoc ngoai", and "thue thu", "thu nhap" of
    /// "thuế thu nhập"): what the index stores as pair terms.
    pairs: FxHashSet<u64>,
    longest: usize,
    segmentation: Segmentation,
    /// The lexicon this one adds words to ([`Lexicon::over`]), asked first, never copied.
    base: Option<&'static Lexicon>,
}

/// The hash of one folded syllable, as [`Lexicon::has_hashed_pair`] takes it.
pub fn syllable_hash(folded: &str) -> u64 {
    let mut hasher = FxHasher::default();
    hasher.write(folded.as_bytes());
    hasher.finish()
}

/// The hash of a folded pair made of its syllables' hashes, so the indexing side hashes each
/// syllable once (its hash is kept with its forms) and never the pair.
fn pair_hash(first: u64, second: u64) -> u64 {
    (first.rotate_left(26) ^ second).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

impl Lexicon {
    /// The compiled-in viet74k lexicon, loaded once per process.
    pub fn builtin() -> &'static Lexicon {
        static BUILTIN: OnceLock<Lexicon> = OnceLock::new();
        BUILTIN.get_or_init(|| Lexicon::builtin_with(MAX_WORD_SYLLABLES))
    }

    /// The compiled-in lexicon with words of up to `longest` syllables (a fresh copy; the
    /// evaluation compares lengths).
    pub fn builtin_with(longest: usize) -> Lexicon {
        let mut text = String::new();
        let decoded = zstd::stream::read::Decoder::new(BUILTIN_WORDS)
            .and_then(|mut d| d.read_to_string(&mut text));
        if let Err(e) = decoded {
            // The bytes are compiled in and a test reads them; a build that passed its tests
            // cannot get here, and a search without the lexicon still matches every syllable.
            tracing::error!("the built-in word list is unreadable: {e}");
        }
        // Place names are words like the list's: their pairs are stored, so "Phú Quốc" typed
        // with marks is asked as its exact pair, never "Chính phủ, Quốc hội" beside a "phú".
        let places = PLACE_NAMES
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with('#'));
        Lexicon::from_words(text.lines().chain(places), longest)
    }

    /// A lexicon of `words` (one word per item, syllables separated by spaces or hyphens),
    /// keeping words of 2 to `longest` syllables.
    pub fn from_words<'a>(words: impl IntoIterator<Item = &'a str>, longest: usize) -> Lexicon {
        let mut lexicon = Lexicon {
            longest,
            ..Lexicon::default()
        };
        for word in words {
            let syllables = analyse_syllables(word);
            if syllables.len() < 2 || syllables.len() > longest {
                continue;
            }
            lexicon.add_reading(&syllables);
            for pair in syllables.windows(2) {
                lexicon.pairs.insert(pair_hash(
                    syllable_hash(&pair[0].folded),
                    syllable_hash(&pair[1].folded),
                ));
            }
        }
        lexicon
    }

    /// An empty lexicon over `base`: it knows `base`'s words and pairs, and cuts as it does, and
    /// what is added to it is its own. An index's query lexicon is the built-in one with the
    /// names it learnt ([`super::learnt_names`]) without a copy of the 65,287 words.
    pub fn over(base: &'static Lexicon) -> Lexicon {
        Lexicon {
            longest: base.longest,
            segmentation: base.segmentation,
            base: Some(base),
            ..Lexicon::default()
        }
    }

    /// The lexicon with people's names (2 to [`MAX_NAME_SYLLABLES`] syllables) as words of the
    /// query side only (a query cuts them as words; the index stores no pair for them, so they are
    /// matched by positions): the names learnt from a corpus
    /// ([`super::learnt_names`]), so that "pham minh chinh" is one word.
    pub fn with_names<'a>(mut self, names: impl IntoIterator<Item = &'a str>) -> Lexicon {
        self.add_query_words(names, MAX_NAME_SYLLABLES);
        self
    }

    fn add_query_words<'a>(&mut self, words: impl IntoIterator<Item = &'a str>, most: usize) {
        for word in words {
            let syllables = analyse_syllables(word);
            if syllables.len() < 2 || syllables.len() > most {
                continue;
            }
            self.longest = self.longest.max(syllables.len());
            self.add_reading(&syllables);
        }
    }

    /// Records `syllables` as a word: its exact form, and its folded form's reading.
    fn add_reading(&mut self, syllables: &[AnalysedSyllable]) {
        let exact = key(syllables, |s| &s.exact);
        let readings = self
            .readings
            .entry(key(syllables, |s| &s.folded))
            .or_default();
        if !readings.contains(&exact) {
            readings.push(exact.clone());
        }
        self.exact.insert(exact);
    }

    /// The same lexicon cutting runs another way (the evaluation compares them).
    pub fn with_segmentation(mut self, segmentation: Segmentation) -> Lexicon {
        self.segmentation = segmentation;
        self
    }

    /// Whether two folded syllables, side by side, are a word or part of one ("nuoc" "ngoai"):
    /// the pairs the index stores as terms. A hash look-up, no allocation (the indexing hot path).
    pub fn has_pair(&self, first: &str, second: &str) -> bool {
        self.has_hashed_pair(syllable_hash(first), syllable_hash(second))
    }

    /// [`Lexicon::has_pair`] of two syllables given by their [`syllable_hash`]es.
    pub fn has_hashed_pair(&self, first: u64, second: u64) -> bool {
        self.pairs.contains(&pair_hash(first, second))
            || self
                .base
                .is_some_and(|base| base.has_hashed_pair(first, second))
    }

    /// Multi-syllable words known.
    pub fn len(&self) -> usize {
        self.exact.len() + self.base.map_or(0, Lexicon::len)
    }

    /// True when no word is known.
    pub fn is_empty(&self) -> bool {
        self.exact.is_empty() && self.base.is_none_or(Lexicon::is_empty)
    }

    /// Whether `exact` (syllables separated by a space) is a word, letter for letter.
    fn knows_exactly(&self, exact: &str) -> bool {
        self.exact.contains(exact) || self.base.is_some_and(|base| base.knows_exactly(exact))
    }

    /// Whether `syllables` (consecutive, joined) spell one known word by the mark rule: a word
    /// of the lexicon with the marks typed where marks were typed, any marks elsewhere.
    fn is_word(&self, syllables: &[AnalysedSyllable]) -> bool {
        self.fit(syllables).is_some()
    }

    /// How `syllables` spell a known word, if they do: as typed (a single syllable, or a word of
    /// the lexicon letter for letter), or as a reading that puts marks where none were typed.
    fn fit(&self, syllables: &[AnalysedSyllable]) -> Option<Fit> {
        if syllables.len() < 2 {
            return Some(Fit::AsTyped);
        }
        if syllables[1..].iter().any(|s| !s.joined) {
            return None;
        }
        // No word is written with a capital after a lower-case syllable ("sang Trung Quốc").
        if syllables[0].case == Case::Lower && syllables[1..].iter().any(|s| s.case != Case::Lower)
        {
            return None;
        }
        if self.knows_exactly(&key(syllables, |s| &s.exact)) {
            return Some(Fit::AsTyped);
        }
        if syllables.iter().all(|s| s.exact != s.folded) {
            return None;
        }
        let folded = key(syllables, |s| &s.folded);
        let own = self.readings.get(&folded);
        let inherited = self.base.and_then(|base| base.readings.get(&folded));
        if own.is_none() && inherited.is_none() {
            return None;
        }
        own.into_iter()
            .chain(inherited)
            .flatten()
            .any(|reading| {
                reading
                    .split(PAIR_SEPARATOR)
                    .zip(syllables)
                    .all(|(written, typed)| typed.exact == typed.folded || written == typed.exact)
            })
            .then_some(Fit::Reading)
    }

    /// Cuts `syllables` into words: ranges of syllable indexes, in order, covering them all.
    pub fn segment(&self, syllables: &[AnalysedSyllable]) -> Vec<Range<usize>> {
        let words = match self.segmentation {
            Segmentation::FewestWords => self.fewest_words(syllables),
            Segmentation::LongestMatch => self.longest_match(syllables),
        };
        join_names(syllables, words)
    }

    fn longest_match(&self, syllables: &[AnalysedSyllable]) -> Vec<Range<usize>> {
        let mut words = Vec::new();
        let mut start = 0;
        while start < syllables.len() {
            let most = self.longest.min(syllables.len() - start);
            let len = (2..=most)
                .rev()
                .find(|&n| self.is_word(&syllables[start..start + n]))
                .unwrap_or(1);
            words.push(start..start + len);
            start += len;
        }
        words
    }

    /// Shortest path from the end: `best[i]` is the fewest words covering `i..`; among as few,
    /// the fewest words that need marks the query did not type ("sang Trung Quốc" is "sang" and
    /// "Trung Quốc" as typed, not "sáng trưng" and "Quốc"); then the earliest long word.
    fn fewest_words(&self, syllables: &[AnalysedSyllable]) -> Vec<Range<usize>> {
        let n = syllables.len();
        // (words, words read with marks not typed, length of the first word)
        let mut best = vec![(0usize, 0usize, 1usize); n + 1];
        for i in (0..n).rev() {
            let most = self.longest.min(n - i);
            let mut choice = (best[i + 1].0 + 1, best[i + 1].1, 1);
            for len in 2..=most {
                let Some(fit) = self.fit(&syllables[i..i + len]) else {
                    continue;
                };
                let after = best[i + len];
                let cost = (after.0 + 1, after.1 + usize::from(fit == Fit::Reading));
                if cost < (choice.0, choice.1) || (cost == (choice.0, choice.1) && len > choice.2) {
                    choice = (cost.0, cost.1, len);
                }
            }
            best[i] = choice;
        }
        let mut words = Vec::new();
        let mut i = 0;
        while i < n {
            let len = best[i].2;
            words.push(i..i + len);
            i += len;
        }
        words
    }
}

/// How a run of syllables spells a word of the lexicon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fit {
    /// Letter for letter, marks included (a single syllable always does).
    AsTyped,
    /// Only with marks on syllables typed without them.
    Reading,
}

fn key(syllables: &[AnalysedSyllable], form: impl Fn(&AnalysedSyllable) -> &String) -> String {
    let mut key = String::new();
    for (i, syllable) in syllables.iter().enumerate() {
        if i > 0 {
            key.push(PAIR_SEPARATOR);
        }
        key.push_str(form(syllable));
    }
    key
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// `text` cut by the built-in lexicon, each word as written.
    pub(crate) fn words(text: &str) -> Vec<String> {
        let syllables = analyse_syllables(text);
        Lexicon::builtin()
            .segment(&syllables)
            .into_iter()
            .map(|r| {
                text[syllables[r.start].range.start..syllables[r.end - 1].range.end].to_string()
            })
            .collect()
    }

    #[test]
    fn the_builtin_lexicon_loads() {
        assert!(
            Lexicon::builtin().len() > 50_000,
            "{}",
            Lexicon::builtin().len()
        );
    }

    #[test]
    fn topical_queries_are_cut_into_their_words() {
        assert_eq!(words("bảo hiểm xã hội"), vec!["bảo hiểm", "xã hội"]);
        assert_eq!(words("cải cách hành chính"), vec!["cải cách", "hành chính"]);
        assert_eq!(words("o nhiem moi truong"), vec!["o nhiem", "moi truong"]);
        assert_eq!(words("ngân hàng nhà nước"), vec!["ngân hàng", "nhà nước"]);
    }

    #[test]
    fn a_word_never_spans_the_end_of_a_sentence() {
        assert_eq!(words("bảo. Hiểm"), vec!["bảo", "Hiểm"]);
        assert_eq!(words("phòng, chống"), vec!["phòng, chống"]);
    }

    #[test]
    fn marks_typed_choose_the_exact_lexicon() {
        // "bán giao" is no word, "bàn giao" is; unmarked "ban giao" can be either.
        assert_eq!(words("bàn giao"), vec!["bàn giao"]);
        assert_eq!(words("bán giao"), vec!["bán", "giao"]);
        assert_eq!(words("ban giao"), vec!["ban giao"]);
    }

    #[test]
    fn no_word_has_a_capital_after_a_lower_case_syllable() {
        // "sang Trung" would read as "sáng trưng"; written so it is two words' edge.
        assert_eq!(
            words("xuất khẩu gạo sang Trung Quốc"),
            ["xuất khẩu", "gạo", "sang", "Trung Quốc"]
        );
        // A capital first, as a sentence or a body's name opens, is how words are written.
        assert_eq!(words("Ủy ban nhân dân"), ["Ủy ban", "nhân dân"]);
    }

    #[test]
    fn a_word_as_typed_beats_a_reading_of_as_many_words() {
        // "sang Trung" reads as "sáng trưng"; "Trung Quốc" is a word as typed.
        let lexicon = Lexicon::from_words(["sáng trưng", "trung quốc"], 3);
        let syllables = analyse_syllables("sang Trung Quốc");
        assert_eq!(lexicon.segment(&syllables), vec![0..1, 1..3]);
        // Typed without any mark, both are readings: the earliest long word.
        let syllables = analyse_syllables("sang trung quoc");
        assert_eq!(lexicon.segment(&syllables), vec![0..2, 2..3]);
    }

    #[test]
    fn marks_typed_on_some_syllables_are_held_to_their_word() {
        // Half-marked, as phone keyboards leave it: still two words, not four syllables.
        assert_eq!(words("bảo hiem xa hội"), vec!["bảo hiem", "xa hội"]);
        assert_eq!(words("bảo hiểm xa hoi"), vec!["bảo hiểm", "xa hoi"]);
        assert_eq!(words("cai cách hanh chính"), vec!["cai cách", "hanh chính"]);
        assert_eq!(words("ô nhiem môi truong"), vec!["ô nhiem", "môi truong"]);
        // A mark typed that no reading of the word has still breaks it.
        assert_eq!(words("bán giao"), vec!["bán", "giao"]);
        assert_eq!(words("bảo hiem xá hoi"), vec!["bảo hiem", "xá", "hoi"]);
    }

    #[test]
    fn both_tone_styles_find_the_same_word() {
        assert_eq!(words("hoà bình"), vec!["hoà bình"]);
        assert_eq!(words("hòa bình"), vec!["hòa bình"]);
        assert_eq!(words("Uỷ ban"), vec!["Uỷ ban"]);
    }

    #[test]
    fn fewest_words_beats_a_greedy_first_match() {
        // Greedy takes "học sinh" and strands "học" and "sinh"; the shortest path finds two words.
        let lexicon = Lexicon::from_words(["học sinh", "sinh học", "học sinh viên"], 4);
        let syllables = analyse_syllables("học sinh học");
        assert_eq!(lexicon.segment(&syllables).len(), 2);
        let greedy = Lexicon::from_words(["ab cd", "cd ef"], 4)
            .with_segmentation(Segmentation::LongestMatch);
        assert_eq!(
            greedy.segment(&analyse_syllables("ab cd ef")),
            vec![0..2, 2..3]
        );
    }
}
