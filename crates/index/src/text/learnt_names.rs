//! People's names learnt from the corpus, so that a query typed in lower case or without marks
//! still means the name: `pham minh chinh` is "Phạm Minh Chính", not an article holding "phạm",
//! "minh" and "chính" anywhere.
//!
//! A name typed with capitals is one word already ([`super::names`]); typed in lower case it
//! looks like any three syllables. The articles know better: they write a person's name with
//! every syllable capitalised, after a family name. While indexing, every article's body is
//! scanned for such runs ([`LearntNames::learn_from`]): capitalised syllables side by side,
//! within a sentence, the first of them a family name of `crates/index/data/family-names.txt`,
//! two to [`MAX_NAME_SYLLABLES`] in all ("Tô Lâm", "Nguyễn Thị Kim Ngân"). A run led by another
//! capitalised word is a title or an organisation ("Ban Quản Lý Dự Án"), and a sentence's first
//! syllable is capitalised because it opens the sentence: a common opener there ("Ông", "Từ")
//! is left out ("Từ Hà Nội, …" is "from Hà Nội"). The names are saved beside the index
//! ([`LEARNT_NAMES_FILE`]); those found in at least [`MIN_ARTICLES`] articles ([`MIN_ARTICLES_TWO_SYLLABLES`] for two
//! syllables) become words of the query side ([`super::words::Lexicon::with_names`]): matched as
//! capitalised names are (by positions, or by the pair term when a lexicon word already stores the
//! pair), with the marks typed still holding. The index itself is
//! unchanged.
//!
//! ```
//! use tracuu_index::text::learnt_names::LearntNames;
//! let mut names = LearntNames::default();
//! let first = "Tổng Bí thư Tô Lâm tiếp Thủ tướng Phạm Minh Chính tại Hà Nội.";
//! names.learn_from("a1", first);
//! names.learn_from("a2", "Ông Phạm Minh Chính phát biểu.");
//! // The first article indexed again is still one article: "Tô Lâm" is in one.
//! names.learn_from("a1", first);
//! assert_eq!(names.words().collect::<Vec<_>>(), ["phạm minh chính"]);
//! ```

use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::capitals::capital_at;
use super::learnt_file;
use super::names::MAX_NAME_SYLLABLES;
use super::pairs::Case;
use super::tokenizer::{AnalysisMode, analyze, is_word_char};
use super::words::Lexicon;

/// File beside the index that keeps the names learnt from the corpus.
pub const LEARNT_NAMES_FILE: &str = "tracuu-names.json";

/// Articles a name of three or four syllables must be found in before a query reads it as one
/// word: a name met once may be a slip of capitals, and a user looking for a person looks for one
/// the corpus writes about.
pub const MIN_ARTICLES: usize = 2;

/// Articles a name of two syllables must be found in. Two syllables side by side are far more
/// often something else typed in lower case ("le an", "tran hai"), and the runs cut short by a
/// given name written in capitals are of two ("Nguyễn Phú" of "Nguyễn Phú TRỌNG"): on vietnews,
/// 3,018 two-syllable runs were found in two articles or more and 1,420 in five or more, the
/// leaders, places and bylines ("Tô Lâm" 148) among the latter.
pub const MIN_ARTICLES_TWO_SYLLABLES: usize = 5;

/// Articles the name `name` (syllables separated by a space) must be found in.
fn min_articles(name: &str) -> usize {
    if name.split(' ').count() == 2 {
        MIN_ARTICLES_TWO_SYLLABLES
    } else {
        MIN_ARTICLES
    }
}

/// Family names, one per line, `#` comments (see `crates/index/data/README.md`).
const FAMILY_NAMES: &str = include_str!("../../data/family-names.txt");

/// Single-syllable stop words (see `crates/index/data/README.md`): "Từ" opening a sentence is
/// "from", not a family name.
const OPENERS: &str = include_str!("../../data/sentence-openers.txt");

fn family_names() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        FAMILY_NAMES
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
            .flat_map(|name| analyze(name, AnalysisMode::Exact))
            .collect()
    })
}

fn openers() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| OPENERS.lines().map(str::trim).collect())
}

/// The names found in a corpus, with the articles each was found in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LearntNames {
    /// Name (lower case, marks kept, tone canonical, syllables separated by a space) → the
    /// [`id_hash`]es of the first articles it was found in, as many as it needs
    /// ([`MIN_ARTICLES`], [`MIN_ARTICLES_TWO_SYLLABLES`]). Kept by article, not counted, so that
    /// indexing the same articles again changes nothing.
    articles: BTreeMap<String, Vec<u64>>,
}

/// A hash of an article's id that stays the same from one tracuu version to the next (64-bit
/// FNV-1a): the learnt names are saved beside the index and read by later runs.
fn id_hash(id: &str) -> u64 {
    id.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

impl LearntNames {
    /// Finds the names in the text of the article `id`. Returns how many distinct names the
    /// text holds. This runs on every article, so the text is read byte by byte for capitals
    /// ([`capital_at`]), and only the words from a capitalised word to the end of its run are
    /// read as words.
    pub fn learn_from(&mut self, id: &str, text: &str) -> usize {
        let mut found = Vec::new();
        let bytes = text.as_bytes();
        let mut at = 0;
        while let Some(&byte) = bytes.get(at) {
            let (capital, width) = capital_at(bytes, at, byte);
            at = match capital.then(|| word_start(text, at)).flatten() {
                Some(start) => scan_run(text, start, &mut found),
                None => at + width,
            };
        }
        found.sort_unstable();
        found.dedup();
        let id = id_hash(id);
        for name in &found {
            let articles = self.articles.entry(name.clone()).or_default();
            if articles.len() < min_articles(name) && !articles.contains(&id) {
                articles.push(id);
            }
        }
        found.len()
    }

    /// The names found in enough articles ([`MIN_ARTICLES`], [`MIN_ARTICLES_TWO_SYLLABLES`]),
    /// in order.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.articles
            .iter()
            .filter(|(name, articles)| articles.len() >= min_articles(name))
            .map(|(name, _)| name.as_str())
    }

    /// The built-in lexicon with these names as words of the query side
    /// ([`Lexicon::with_names`]): how queries on the index that learnt them are cut.
    pub fn query_lexicon(&self) -> Lexicon {
        Lexicon::over(Lexicon::builtin()).with_names(self.words())
    }

    /// Names found, whatever their count.
    pub fn len(&self) -> usize {
        self.articles.len()
    }

    /// True when no name was found.
    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    /// Reads a saved list; a missing file is an empty list.
    pub fn load(path: &Path) -> std::io::Result<LearntNames> {
        learnt_file::load(path)
    }

    /// Saves the list atomically (write to a temporary file, then rename).
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        learnt_file::save(path, serde_json::to_vec(self))
    }
}

/// Where the word holding the capital at `capital` starts, when that capital is the word's first
/// letter (only punctuation before it, as in `“Nguyễn`): a capital inside a word ("iPhone",
/// "Rịa-Vũng") starts no run.
fn word_start(text: &str, capital: usize) -> Option<usize> {
    let mut start = capital;
    for (i, c) in text[..capital].char_indices().rev() {
        if c.is_whitespace() {
            break;
        }
        if is_word_char(c) {
            return None;
        }
        start = i;
    }
    Some(start)
}

/// Whether the word starting at `start` opens a sentence: the text's first word, the first
/// after a line break, or after a word that ends with a full stop, a colon and the like (or
/// is one).
fn opens_sentence(text: &str, start: usize) -> bool {
    let before = &text[..start];
    let gap = before.trim_end_matches(char::is_whitespace);
    if gap.is_empty() || before[gap.len()..].contains(LINE_BREAKS) {
        return true;
    }
    let previous = &gap[gap
        .rfind(char::is_whitespace)
        .map_or(0, |i| i + gap[i..].chars().next().map_or(1, char::len_utf8))..];
    let core = previous.trim_end_matches(|c| !is_word_char(c));
    let tail = &previous[core.len()..];
    if core.trim_start_matches(|c| !is_word_char(c)).is_empty() {
        previous.chars().any(ends_sentence)
    } else {
        tail.chars().any(ends_sentence)
    }
}

const LINE_BREAKS: [char; 4] = ['\n', '\r', '\u{2028}', '\u{2029}'];

/// Reads the words from `start`, a capitalised word's start, to the end of the run it begins;
/// the name in the run, if any, goes to `found`. Returns where reading stopped.
fn scan_run(text: &str, start: usize, found: &mut Vec<String>) -> usize {
    let mut scan = Scan {
        started: true,
        at_sentence_start: opens_sentence(text, start),
        ..Scan::default()
    };
    let mut at = start;
    for piece in text[start..].split_inclusive(char::is_whitespace) {
        at += piece.len();
        let word = piece.trim_end_matches(char::is_whitespace);
        if !word.is_empty() {
            scan.word(word);
        }
        if piece[word.len()..].contains(LINE_BREAKS) {
            scan.end_sentence();
        }
        if scan.run.is_empty() {
            break;
        }
    }
    scan.end_sentence();
    found.append(&mut scan.found);
    at
}

fn ends_sentence(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | ':' | ';')
}

/// A pass over one text's words, space by space.
#[derive(Default)]
struct Scan<'t> {
    /// Capitalised words side by side, not yet ended.
    run: Vec<&'t str>,
    /// The run's first word opens a sentence.
    run_opens_sentence: bool,
    /// The next word opens a sentence.
    at_sentence_start: bool,
    started: bool,
    found: Vec<String>,
}

impl<'t> Scan<'t> {
    /// One word as written between spaces, punctuation included (`“Nguyễn`, `Trọng,`).
    fn word(&mut self, written: &'t str) {
        let opens = !self.started || self.at_sentence_start;
        self.started = true;
        self.at_sentence_start = false;
        let lead = written.len() - written.trim_start_matches(|c| !is_word_char(c)).len();
        let core = written[lead..].trim_end_matches(|c| !is_word_char(c));
        let tail = &written[lead + core.len()..];
        if lead > 0 || core.is_empty() {
            self.end_run();
        }
        let capitalised = core.chars().next().is_some_and(char::is_uppercase)
            && Case::of(core) == Case::Capitalised;
        if capitalised {
            if self.run.is_empty() {
                self.run_opens_sentence = opens;
            }
            self.run.push(core);
        } else {
            self.end_run();
        }
        if !tail.is_empty() {
            self.end_run();
            self.at_sentence_start = tail.chars().any(ends_sentence);
        } else if core.is_empty() {
            self.at_sentence_start = written.chars().any(ends_sentence);
        }
    }

    /// A line break or the text's end.
    fn end_sentence(&mut self) {
        self.end_run();
        self.at_sentence_start = true;
    }

    /// Ends the run of capitalised words: the name in it, if any, is found.
    fn end_run(&mut self) {
        if self.run.len() >= 2
            && let Some(name) = name_in(&self.run, self.run_opens_sentence)
        {
            self.found.push(name);
        }
        self.run.clear();
    }
}

/// The name a run of capitalised words holds: the whole run when it starts with a family name
/// and has two to [`MAX_NAME_SYLLABLES`] syllables. A run opening a sentence may start with a
/// common opener first ("Ông Phạm Minh Chính"; "Từ Hà Nội" is "from Hà Nội"). A run whose
/// first word is no family name is a title or an organisation ("Ban Quản Lý Dự Án"): no name.
fn name_in(run: &[&str], opens_sentence: bool) -> Option<String> {
    let syllables: Vec<String> = run
        .iter()
        .map(|word| {
            let mut syllables = analyze(word, AnalysisMode::Exact);
            // "Minh-Khai" is two syllables: no name this pass reads.
            (syllables.len() == 1).then(|| syllables.pop()).flatten()
        })
        .collect::<Option<Vec<String>>>()?;
    let skip = usize::from(opens_sentence && openers().contains(syllables[0].as_str()));
    let name = &syllables[skip..];
    let starts_with_family = name.first().is_some_and(|s| family_names().contains(s));
    (starts_with_family && (2..=MAX_NAME_SYLLABLES).contains(&name.len())).then(|| name.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names_in(text: &str) -> Vec<String> {
        let mut names = LearntNames::default();
        names.learn_from("a", text);
        names.articles.into_keys().collect()
    }

    /// Every word of the text read in turn: what [`LearntNames::learn_from`] skips to the
    /// capitals of.
    fn names_reading_every_word(text: &str) -> Vec<String> {
        let mut scan = Scan::default();
        for piece in text.split_inclusive(char::is_whitespace) {
            let word = piece.trim_end_matches(char::is_whitespace);
            if !word.is_empty() {
                scan.word(word);
            }
            if piece[word.len()..].contains(LINE_BREAKS) {
                scan.end_sentence();
            }
        }
        scan.end_sentence();
        let mut found = scan.found;
        found.sort_unstable();
        found.dedup();
        found
    }

    #[test]
    fn reading_from_the_capitals_finds_what_reading_every_word_finds() {
        let seeds = include_str!("../../../../corpus/seeds.jsonl");
        let mut texts: Vec<String> = seeds
            .lines()
            .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
            .filter_map(|article| article["body"].as_str().map(str::to_owned))
            .collect();
        assert_eq!(texts.len(), 5, "the bundled seeds");
        texts.extend(
            [
                "Nguyễn Văn An phát biểu.",
                "Hôm qua,\nTừ Hà Nội, ông Trần Văn Bình về.",
                "Ông Lê Minh Hưng: “Phạm Minh Chính” nói.",
                "TP.HCM Lê Thanh Hải, iPhone Nguyễn Trọng. Bà Rịa-Vũng Tàu Hồ Đức Phớc",
                "Đại biểu …\u{a0}Võ Văn Thưởng; Đỗ Mười\u{2028}Đinh La Thăng",
                "“Trần Đại Quang”,Lê Khả Phiêu. Ngô Văn",
            ]
            .map(str::to_owned),
        );
        let mut names = 0;
        for text in &texts {
            let mut learnt = LearntNames::default();
            learnt.learn_from("a", text);
            let found: Vec<String> = learnt.articles.into_keys().collect();
            assert_eq!(found, names_reading_every_word(text), "{text}");
            names += found.len();
        }
        assert!(names >= 15, "the texts name people: {names}");
    }

    #[test]
    fn a_name_after_a_title_is_learnt_and_the_title_is_not() {
        assert_eq!(
            names_in("Tổng Bí thư Tô Lâm tiếp Phó Thủ tướng Trần Hồng Hà tại Hà Nội."),
            // "Hà" is a family name too: places named so are learnt, and match as words.
            ["hà nội", "trần hồng hà", "tô lâm"]
        );
        assert_eq!(
            names_in("“Chúng ta phải làm”, Chủ tịch Quốc hội Vương Đình Huệ nói."),
            ["vương đình huệ"]
        );
    }

    #[test]
    fn a_sentence_opener_is_no_family_name() {
        assert_eq!(names_in("Từ Hà Nội, đoàn đi Huế."), ["hà nội"]);
        assert_eq!(
            names_in("Cuộc họp kết thúc. Ông Phạm Minh Chính phát biểu."),
            ["phạm minh chính"]
        );
    }

    #[test]
    fn titles_and_organisations_in_capitals_are_no_names() {
        assert!(names_in("Ban Quản Lý Dự Án Đầu Tư Xây Dựng tỉnh họp.").is_empty());
        assert!(names_in("Thành Phố Hồ Chí Minh Và Các Tỉnh").is_empty());
        assert!(names_in("GS.TS Nguyễn, TP.HCM").is_empty());
    }

    #[test]
    fn a_name_ends_at_punctuation_and_at_a_line_break() {
        assert_eq!(
            names_in("đồng chí Tô Lâm\nCác đại biểu dự họp với Nguyễn Văn Nên, Phan Văn Mãi."),
            ["nguyễn văn nên", "phan văn mãi", "tô lâm"]
        );
        // Five capitalised syllables side by side are no one person.
        assert!(names_in("bà Nguyễn Thị Kim Ngân Hà thăm").is_empty());
        assert_eq!(
            names_in("bà Nguyễn Thị Kim Ngân thăm"),
            ["nguyễn thị kim ngân"]
        );
    }

    #[test]
    fn spellings_of_one_name_are_one_name() {
        let mut names = LearntNames::default();
        names.learn_from("a", "Bà Nguyễn Thị Thủy phát biểu.");
        // Decomposed marks, the other tone placement.
        names.learn_from("b", "bà Nguye\u{302}\u{303}n Thị Thuỷ cho biết");
        assert_eq!(
            names.words().collect::<Vec<_>>(),
            [analyze("Nguyễn Thị Thủy", AnalysisMode::Exact).join(" ")]
        );
    }

    #[test]
    fn a_name_counts_once_per_article_and_needs_two_articles() {
        let mut names = LearntNames::default();
        let text = "ông Lê Minh Hưng nói; ông Lê Minh Hưng nhắc lại.";
        assert_eq!(names.learn_from("a", text), 1);
        assert_eq!(names.words().count(), 0);
        // The same article indexed again is still one article.
        names.learn_from("a", text);
        assert_eq!(names.words().count(), 0);
        names.learn_from("b", "Ông Lê Minh Hưng");
        assert_eq!(names.words().collect::<Vec<_>>(), ["lê minh hưng"]);
    }

    #[test]
    fn learnt_names_are_words_of_the_query_side() {
        let mut names = LearntNames::default();
        names.learn_from("a", "Thủ tướng Phạm Minh Chính chủ trì.");
        names.learn_from("b", "Thủ tướng Phạm Minh Chính kết luận.");
        let lexicon = names.query_lexicon();
        let query = super::super::pairs::analyse_syllables("pham minh chinh phat bieu");
        assert_eq!(lexicon.segment(&query), [0..3, 3..5]);
        // Marks typed against the name's hold: "phạm minh chỉnh" is no Phạm Minh Chính.
        let other = super::super::pairs::analyse_syllables("phạm minh chỉnh");
        assert_eq!(lexicon.segment(&other), [0..1, 1..2, 2..3]);
        // The built-in lexicon knows no person; the names' lexicon knows its words and the
        // pairs the index stores, without copying them.
        assert_eq!(Lexicon::builtin().segment(&query)[0], 0..1);
        assert!(lexicon.has_pair("bao", "hiem") && !lexicon.has_pair("pham", "minh"));
        assert_eq!(lexicon.len(), Lexicon::builtin().len() + 1);
    }
}
