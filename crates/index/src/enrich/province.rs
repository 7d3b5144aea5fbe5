//! Provinces named in text: "tỉnh Quảng Nam", "TP.HCM", "Thừa Thiên - Huế" → one canonical name.
//!
//! Readers filter news by province, and an article names the provinces it is about. The list is
//! the 63 provinces and centrally-run cities before the 2025 merger. After it, 34 remain, and all
//! of them kept an old name except Thừa Thiên Huế, which became "thành phố Huế" (Nghị quyết
//! 175/2024/QH15, in force 1/1/2025). Its new name is an alias here, so older and newer
//! articles facet together.
//!
//! Canonical names are the short official names ("Quảng Nam", "Đà Nẵng", "Hà Nội"), with one
//! exception: Ho Chi Minh City is **"TP. Hồ Chí Minh"**. "Hồ Chí Minh" alone is far more often
//! the President than the city, so in text the city is only recognised with its prefix
//! ("Thành phố Hồ Chí Minh", "TP Hồ Chí Minh", "TP.HCM", "TPHCM"). A filter box
//! ([`canonical_province`]) accepts the bare name too.
//!
//! Matching runs on the tokenizer's syllables, so NFD, case and tone style do not matter. To avoid
//! false hits, a name is only taken:
//! - written with capitals ("hòa bình" is peace; "Hòa Bình" a province), prefixes such as
//!   "thành phố" excepted;
//! - with the same diacritics as the name when the text has diacritics ("Quang Nam" in
//!   Vietnamese text is not "Quảng Nam"; in text typed without any marks, folded names match);
//! - when it is not part of a longer name: "Thái Bình Dương" (the Pacific) and "Hà Nam Ninh"
//!   (a former province) name no province, and a person's name ("Nguyễn Thái Bình") is skipped;
//! - when its syllables are separated only by spaces, hyphens or a dot ("TP.HCM").
//!
//! ```
//! use tracuu_index::enrich::{canonical_province, provinces_named};
//! let text = "Sở Ngoại vụ thành phố Đà Nẵng và Ủy ban về Người Việt Nam ở nước ngoài Thành phố Hồ Chí Minh";
//! assert_eq!(provinces_named(text), vec!["Đà Nẵng", "TP. Hồ Chí Minh"]);
//! assert_eq!(canonical_province("quang nam"), Some("Quảng Nam"));
//! assert_eq!(canonical_province("tp.hcm"), Some("TP. Hồ Chí Minh"));
//! ```

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

use tantivy_tokenizer_api::{TokenStream, Tokenizer};

use crate::text::capitals::capital_at;
use crate::text::letters::{fold_base, split_letter};
use crate::text::normalize::is_invisible;
use crate::text::tokenizer::is_word_char;
use crate::text::{AnalysisMode, VietnameseTokenizer, analyze};

/// Canonical name of Ho Chi Minh City, the one name that keeps its prefix (see the module doc).
pub const HO_CHI_MINH_CITY: &str = "TP. Hồ Chí Minh";

/// The 63 provinces: canonical name, then other ways text writes it. Sources: the list of
/// provincial units before Nghị quyết 202/2025/QH15; spelling variants seen in news.
const PROVINCES: &[(&str, &[&str])] = &[
    ("Hà Nội", &["Thành phố Hà Nội"]),
    ("Hà Giang", &[]),
    ("Cao Bằng", &[]),
    ("Bắc Kạn", &["Bắc Cạn"]),
    ("Tuyên Quang", &[]),
    ("Lào Cai", &[]),
    ("Điện Biên", &[]),
    ("Lai Châu", &[]),
    ("Sơn La", &[]),
    ("Yên Bái", &[]),
    ("Hòa Bình", &[]),
    ("Thái Nguyên", &[]),
    ("Lạng Sơn", &[]),
    ("Quảng Ninh", &[]),
    ("Bắc Giang", &[]),
    ("Phú Thọ", &[]),
    ("Vĩnh Phúc", &[]),
    ("Bắc Ninh", &[]),
    ("Hải Dương", &[]),
    ("Hải Phòng", &["Thành phố Hải Phòng"]),
    ("Hưng Yên", &[]),
    ("Thái Bình", &[]),
    ("Hà Nam", &[]),
    ("Nam Định", &[]),
    ("Ninh Bình", &[]),
    ("Thanh Hóa", &[]),
    ("Nghệ An", &[]),
    ("Hà Tĩnh", &[]),
    ("Quảng Bình", &[]),
    ("Quảng Trị", &[]),
    ("Thừa Thiên Huế", &["Thành phố Huế", "TP Huế"]),
    ("Đà Nẵng", &["Thành phố Đà Nẵng"]),
    ("Quảng Nam", &[]),
    ("Quảng Ngãi", &[]),
    ("Bình Định", &[]),
    ("Phú Yên", &[]),
    ("Khánh Hòa", &[]),
    ("Ninh Thuận", &[]),
    ("Bình Thuận", &[]),
    ("Kon Tum", &["Kontum"]),
    ("Gia Lai", &[]),
    (
        "Đắk Lắk",
        &["Đắc Lắc", "Đăk Lăk", "Đắk Lăk", "Đắklắk", "Daklak"],
    ),
    ("Đắk Nông", &["Đăk Nông", "Đắc Nông"]),
    ("Lâm Đồng", &[]),
    ("Bình Phước", &[]),
    ("Tây Ninh", &[]),
    ("Bình Dương", &[]),
    ("Đồng Nai", &[]),
    ("Bà Rịa - Vũng Tàu", &[]),
    (
        HO_CHI_MINH_CITY,
        &["Thành phố Hồ Chí Minh", "TP.HCM", "TPHCM", "Thành phố HCM"],
    ),
    ("Long An", &[]),
    ("Tiền Giang", &[]),
    ("Bến Tre", &[]),
    ("Trà Vinh", &[]),
    ("Vĩnh Long", &[]),
    ("Đồng Tháp", &[]),
    ("An Giang", &[]),
    ("Kiên Giang", &[]),
    ("Cần Thơ", &["Thành phố Cần Thơ"]),
    ("Hậu Giang", &[]),
    ("Sóc Trăng", &[]),
    ("Bạc Liêu", &[]),
    ("Cà Mau", &[]),
];

/// Names a filter may use but text does not: in text they are a person or a town.
const FILTER_ONLY: &[(&str, &str)] = &[
    ("Hồ Chí Minh", HO_CHI_MINH_CITY),
    ("HCM", HO_CHI_MINH_CITY),
    ("Huế", "Thừa Thiên Huế"),
];

/// Longer names that contain a province's name but are not that province.
const NOT_PROVINCES: &[&str] = &["Thái Bình Dương", "Xuyên Thái Bình", "Hà Nam Ninh"];

/// Folded prefixes before a name ("tỉnh", "thành phố", "TP"): they need no capital letter.
const PREFIXES: &[&[&str]] = &[&["tinh"], &["thanh", "pho"], &["tp"]];

/// Family names and middle names: a capitalised one just before a match makes it a person's name.
const PERSON_NAME_PARTS: &[&str] = &[
    "nguyễn", "trần", "lê", "phạm", "hoàng", "huỳnh", "phan", "vũ", "võ", "đặng", "bùi", "đỗ",
    "ngô", "trịnh", "đinh", "lương", "lý", "tạ", "trương", "lưu", "hồ", "tô", "chu", "quách",
    "thị", "văn",
];

/// A name to look for: its syllables in both forms and the province it stands for.
struct Entry {
    exact: Vec<String>,
    /// `None` for a longer name that is no province ([`NOT_PROVINCES`]).
    canonical: Option<&'static str>,
}

struct Lexicon {
    /// Folded syllables joined by spaces → entries.
    by_folded: HashMap<String, Vec<Entry>>,
    /// First folded syllable of every entry: most syllables are not, and leave at once.
    first_syllables: HashSet<String>,
    longest: usize,
    /// Folded syllables a name can hinge on: its first, or the first after a prefix. Only text
    /// around a capitalised anchor starting one of [`Lexicon::anchor_names`] is analysed at all.
    anchors: HashSet<String>,
    /// Every name, folded, and every name after its prefix ("ho chi minh").
    anchor_names: HashSet<String>,
    /// Every proper start of an [`Lexicon::anchor_names`] entry, in whole syllables ("thai binh"
    /// for "thai binh duong").
    anchor_name_starts: HashSet<String>,
    /// The anchors that [`pack`] into a number, sorted.
    packed_anchors: Vec<u64>,
    /// Folded name (with and without prefixes, filter-only names too) → canonical name.
    filter: HashMap<String, &'static str>,
    person_parts_folded: HashSet<String>,
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(build_lexicon);

fn build_lexicon() -> Lexicon {
    let mut lexicon = Lexicon {
        by_folded: HashMap::new(),
        first_syllables: HashSet::new(),
        longest: 0,
        anchors: HashSet::new(),
        anchor_names: HashSet::new(),
        packed_anchors: Vec::new(),
        anchor_name_starts: HashSet::new(),
        filter: HashMap::new(),
        person_parts_folded: PERSON_NAME_PARTS
            .iter()
            .flat_map(|p| analyze(p, AnalysisMode::Folded))
            .collect(),
    };
    let mut add = |name: &str, canonical: Option<&'static str>| {
        let folded = analyze(name, AnalysisMode::Folded);
        let Some(first) = folded.first() else { return };
        lexicon.first_syllables.insert(first.clone());
        lexicon.anchors.insert(first.clone());
        lexicon.anchor_names.insert(folded.join(" "));
        if let Some(prefix) = PREFIXES
            .iter()
            .find(|p| folded.len() > p.len() && p.iter().zip(&folded).all(|(a, b)| a == b))
        {
            lexicon.anchors.insert(folded[prefix.len()].clone());
            lexicon
                .anchor_names
                .insert(folded[prefix.len()..].join(" "));
        }
        lexicon.longest = lexicon.longest.max(folded.len());
        let entry = Entry {
            exact: analyze(name, AnalysisMode::Exact),
            canonical,
        };
        lexicon
            .by_folded
            .entry(folded.join(" "))
            .or_default()
            .push(entry);
    };
    for &(canonical, aliases) in PROVINCES {
        let bare = canonical.strip_prefix("TP. ").unwrap_or(canonical);
        if bare == canonical {
            add(canonical, Some(canonical));
        }
        for prefix in ["Tỉnh", "Thành phố", "TP"] {
            add(&format!("{prefix} {bare}"), Some(canonical));
        }
        for alias in aliases {
            add(alias, Some(canonical));
        }
    }
    for name in NOT_PROVINCES {
        add(name, None);
    }
    for entries in lexicon.by_folded.values() {
        for entry in entries {
            if let Some(canonical) = entry.canonical {
                let folded: Vec<String> = entry.exact.iter().map(|s| fold(s)).collect();
                lexicon.filter.insert(folded.join(" "), canonical);
            }
        }
    }
    for name in &lexicon.anchor_names {
        let syllables: Vec<&str> = name.split(' ').collect();
        for len in 1..syllables.len() {
            lexicon
                .anchor_name_starts
                .insert(syllables[..len].join(" "));
        }
    }
    lexicon.packed_anchors = lexicon
        .anchors
        .iter()
        .filter_map(|a| pack(a.as_bytes()))
        .collect();
    lexicon.packed_anchors.sort_unstable();
    for &(name, canonical) in FILTER_ONLY {
        lexicon
            .filter
            .insert(analyze(name, AnalysisMode::Folded).join(" "), canonical);
    }
    lexicon
}

fn fold(exact_syllable: &str) -> String {
    analyze(exact_syllable, AnalysisMode::Folded).concat()
}

/// Syllables analysed before a capitalised anchor: a prefix ("thành phố") and the three
/// syllables [`names_a_person`] looks at.
const CONTEXT_BEFORE: usize = 6;

/// The provinces named in `text`, canonical names, deduplicated, in order of first appearance.
///
/// Only windows of text around capitalised words that can start a name are analysed (most of a
/// news article is not near one); each window reaches far enough on both sides that the result is
/// the same as scanning every syllable.
pub fn provinces_named(text: &str) -> Vec<&'static str> {
    let lexicon = &*LEXICON;
    // Past the last anchor: the longest name, plus a longer name it may sit inside.
    let context_after = 2 * lexicon.longest + CONTEXT_BEFORE;
    let mut tokenizer = VietnameseTokenizer::new(AnalysisMode::Folded);
    let anchors = anchor_starts(text, lexicon, &mut tokenizer);
    if anchors.is_empty() {
        return Vec::new();
    }
    let has_marks = mostly_marked(text);
    let mut found: Vec<&'static str> = Vec::new();
    let mut region = Region::default();
    let mut next = 0;
    while next < anchors.len() {
        let first = next;
        let start = syllables_back(text, anchors[next], CONTEXT_BEFORE);
        region.clear();
        let mut last_anchor = None;
        let mut stream = tokenizer.token_stream(&text[start..]);
        while stream.advance() {
            let token = stream.token();
            region.push(
                &token.text,
                start + token.offset_from..start + token.offset_to,
            );
            let index = region.syllables.len() - 1;
            while next < anchors.len() && anchors[next] < start + token.offset_to {
                next += 1;
                last_anchor = Some(index);
            }
            if last_anchor.is_some_and(|last| index >= last + context_after) {
                break;
            }
        }
        // Every anchor starts a syllable the stream yields; never loop on one that would not.
        next = next.max(first + 1);
        region.scan(text, has_marks, lexicon, &mut found);
    }
    found
}

/// Byte offsets of capitalised words whose folded form can anchor a name, in order.
fn anchor_starts(text: &str, lexicon: &Lexicon, tokenizer: &mut VietnameseTokenizer) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        let (upper, width) = capital_at(bytes, at, b);
        if !upper {
            at += width;
            continue;
        }
        let after_separator =
            at == 0 || (bytes[at - 1] < 0x80 && !bytes[at - 1].is_ascii_alphanumeric());
        let word_start = if after_separator {
            at
        } else {
            syllables_back(text, at, 0)
        };
        // One capital word in seven is news text's rate: decide most of them without the tokenizer.
        let (key, word_end) = packed_folded_word(text, word_start);
        at = word_end.max(at + width);
        if key.is_some_and(|key| lexicon.packed_anchors.binary_search(&key).is_err()) {
            continue;
        }
        if key.is_none() && lexicon.packed_anchors.len() == lexicon.anchors.len() {
            continue;
        }
        let mut stream = tokenizer.token_stream(&text[word_start..]);
        if !stream.advance() || stream.token().offset_from > 0 {
            continue;
        }
        // Most capitalised anchors ("Nam" in "Việt Nam") start no name: check the syllables
        // that follow, as long as they could still spell one, before paying for a window.
        let mut key = stream.token().text.clone();
        let mut names = false;
        for _ in 0..lexicon.longest {
            names = lexicon.anchor_names.contains(&key);
            if names || !lexicon.anchor_name_starts.contains(&key) || !stream.advance() {
                break;
            }
            key.push(' ');
            key.push_str(&stream.token().text);
        }
        if names {
            starts.push(word_start);
        }
    }
    starts
}

/// Up to eight ASCII bytes, as one number: how anchors are compared without hashing.
fn pack(folded: &[u8]) -> Option<u64> {
    if folded.len() > 8 || !folded.is_ascii() {
        return None;
    }
    let mut key = [0u8; 8];
    key[..folded.len()].copy_from_slice(folded);
    Some(u64::from_be_bytes(key))
}

/// The folded form of the word at `start` packed by [`pack`] (`None` when it does not fit or
/// folds to something other than ASCII), and where the word ends.
fn packed_folded_word(text: &str, start: usize) -> (Option<u64>, usize) {
    let mut folded = [0u8; 8];
    let mut len = 0usize;
    let mut fits = true;
    for (i, c) in text[start..].char_indices() {
        if !is_word_char(c) {
            return (fits.then(|| pack(&folded[..len])).flatten(), start + i);
        }
        let ascii = if c.is_ascii() {
            Some(c.to_ascii_lowercase())
        } else if let Some(letter) = split_letter(c).filter(|l| l.is_letter) {
            Some(fold_base(letter.base)).filter(char::is_ascii)
        } else if ('\u{300}'..='\u{36F}').contains(&c) || is_invisible(c) {
            continue;
        } else {
            None
        };
        match ascii {
            Some(a) if len < folded.len() => {
                folded[len] = a as u8;
                len += 1;
            }
            _ => fits = false,
        }
    }
    (fits.then(|| pack(&folded[..len])).flatten(), text.len())
}

/// Where the syllable `count` syllables before the one containing `at` starts (`count` 0: the
/// start of that syllable), or 0.
fn syllables_back(text: &str, at: usize, count: usize) -> usize {
    let mut start = at;
    let mut left = count;
    let mut in_word = true;
    for (i, c) in text[..at].char_indices().rev() {
        let word = is_word_char(c);
        if word {
            start = i;
        } else if in_word {
            if left == 0 {
                return start;
            }
            left -= 1;
        }
        in_word = word;
    }
    0
}

/// Whether at least a tenth of the words carry marks: Vietnamese typed with diacritics. Text
/// typed without them (or in another language) is matched on folded names.
fn mostly_marked(text: &str) -> bool {
    let (mut words, mut marked) = (0usize, 0usize);
    let (mut in_word, mut word_marked) = (false, false);
    for &b in text.as_bytes() {
        if b.is_ascii_whitespace() {
            if in_word {
                words += 1;
                marked += usize::from(word_marked);
            }
            in_word = false;
            word_marked = false;
        } else {
            in_word = true;
            word_marked |= b >= 0x80;
        }
    }
    if in_word {
        words += 1;
        marked += usize::from(word_marked);
    }
    marked * 10 >= words
}

/// One syllable of the text: its folded form (in a shared arena) and where it is.
struct Syllable {
    folded: Range<usize>,
    original: Range<usize>,
}

/// The syllables of one window of the text, reused from window to window.
#[derive(Default)]
struct Region {
    arena: String,
    syllables: Vec<Syllable>,
}

impl Region {
    fn clear(&mut self) {
        self.arena.clear();
        self.syllables.clear();
    }

    fn push(&mut self, folded: &str, original: Range<usize>) {
        let start = self.arena.len();
        self.arena.push_str(folded);
        self.syllables.push(Syllable {
            folded: start..self.arena.len(),
            original,
        });
    }

    /// Looks names up syllable by syllable, the longest first, adding new ones to `found`.
    fn scan(&self, text: &str, has_marks: bool, lexicon: &Lexicon, found: &mut Vec<&'static str>) {
        let syllables = &self.syllables;
        let text_syllables = TextSyllables {
            text,
            arena: &self.arena,
            syllables,
            has_marks,
        };
        let mut at = 0;
        while at < syllables.len() {
            // Names proper are capitalised; only a prefix ("tỉnh", "thành phố") may start lower-case.
            // Checking that first spares a hash lookup on nearly every syllable of the text.
            let starts_upper = text[syllables[at].original.start..]
                .chars()
                .next()
                .is_some_and(char::is_uppercase);
            let folded = text_syllables.folded(at);
            if !(starts_upper || matches!(folded, "tinh" | "thanh" | "tp"))
                || !lexicon.first_syllables.contains(folded)
            {
                at += 1;
                continue;
            }
            let mut matched = None;
            for len in (1..=lexicon.longest.min(syllables.len() - at)).rev() {
                let Some(entry) = text_syllables.entry(lexicon, at, len) else {
                    continue;
                };
                if entry.canonical.is_some() {
                    let window = &syllables[at..at + len];
                    if !capitalised(text, window, &self.arena)
                        || names_a_person(
                            text,
                            &syllables[..at],
                            window[0].original.start,
                            has_marks,
                            lexicon,
                        )
                        || text_syllables.inside_other_name(lexicon, at, len)
                    {
                        continue;
                    }
                }
                matched = Some((len, entry.canonical));
                break;
            }
            match matched {
                Some((len, canonical)) => {
                    if let Some(name) = canonical.filter(|name| !found.contains(name)) {
                        found.push(name);
                    }
                    at += len;
                }
                None => at += 1,
            }
        }
    }
}

/// A text's syllables, for looking names up.
struct TextSyllables<'a> {
    text: &'a str,
    arena: &'a str,
    syllables: &'a [Syllable],
    has_marks: bool,
}

impl TextSyllables<'_> {
    fn folded(&self, at: usize) -> &str {
        &self.arena[self.syllables[at].folded.clone()]
    }

    /// The lexicon entry spelled by `len` syllables from `at`, if any.
    fn entry<'l>(&self, lexicon: &'l Lexicon, at: usize, len: usize) -> Option<&'l Entry> {
        let window = self.syllables.get(at..at + len)?;
        if !joined_tightly(self.text, window) {
            return None;
        }
        let mut key = String::with_capacity(len * 6);
        for i in at..at + len {
            if i > at {
                key.push(' ');
            }
            key.push_str(self.folded(i));
        }
        let entries = lexicon.by_folded.get(&key)?;
        if !self.has_marks {
            return entries.first();
        }
        let exact = analyze(
            &self.text[window[0].original.start..window[len - 1].original.end],
            AnalysisMode::Exact,
        );
        entries.iter().find(|e| e.exact == exact)
    }

    /// A longer name that is no province starts inside the match and runs past it
    /// ("tỉnh Hà Nam Ninh").
    fn inside_other_name(&self, lexicon: &Lexicon, at: usize, len: usize) -> bool {
        (at + 1..at + len).any(|start| {
            (at + len - start + 1..=lexicon.longest).any(|other| {
                self.entry(lexicon, start, other)
                    .is_some_and(|e| e.canonical.is_none())
            })
        })
    }
}

/// The syllables of one name are apart only by spaces, a hyphen or a dot ("TP.HCM", "Bà Rịa - Vũng Tàu").
fn joined_tightly(text: &str, window: &[Syllable]) -> bool {
    window.windows(2).all(|pair| {
        let gap = &text[pair[0].original.end..pair[1].original.start];
        gap.chars().count() <= 3
            && gap.chars().all(|c| {
                c == ' '
                    || c == '\u{a0}'
                    || c == '-'
                    || c == '.'
                    || ('\u{2010}'..='\u{2015}').contains(&c)
            })
    })
}

/// Every syllable of the name proper starts with a capital letter; a prefix ("tỉnh", "thành
/// phố", "TP") may not.
fn capitalised(text: &str, window: &[Syllable], arena: &str) -> bool {
    let folded: Vec<&str> = window.iter().map(|s| &arena[s.folded.clone()]).collect();
    let prefix = PREFIXES
        .iter()
        .find(|p| folded.len() > p.len() && folded.starts_with(p))
        .map_or(0, |p| p.len());
    window[prefix..].iter().all(|s| {
        text[s.original.clone()]
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    })
}

/// The capitalised syllables just before the match include a family or middle name.
fn names_a_person(
    text: &str,
    before: &[Syllable],
    match_start: usize,
    has_marks: bool,
    lexicon: &Lexicon,
) -> bool {
    let mut next = match_start;
    for syllable in before.iter().rev().take(3) {
        let gap = &text[syllable.original.end..next];
        let word = &text[syllable.original.clone()];
        if gap.is_empty()
            || !gap.chars().all(|c| c == ' ' || c == '\u{a0}')
            || !word.chars().next().is_some_and(char::is_uppercase)
        {
            return false;
        }
        let is_person_part = if has_marks {
            analyze(word, AnalysisMode::Exact)
                .first()
                .is_some_and(|w| PERSON_NAME_PARTS.contains(&w.as_str()))
        } else {
            analyze(word, AnalysisMode::Folded)
                .first()
                .is_some_and(|w| lexicon.person_parts_folded.contains(w))
        };
        if is_person_part {
            return true;
        }
        next = syllable.original.start;
    }
    false
}

/// The canonical name of a province written any way ("quang nam", "Quảng Nam", "TP.HCM").
pub fn canonical_province(name: &str) -> Option<&'static str> {
    let folded = analyze(name, AnalysisMode::Folded).join(" ");
    LEXICON.filter.get(&folded).copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn the_list_has_the_63_provinces() {
        assert_eq!(PROVINCES.len(), 63);
        let distinct: HashSet<String> = PROVINCES
            .iter()
            .map(|(name, _)| analyze(name, AnalysisMode::Folded).join(" "))
            .collect();
        assert_eq!(distinct.len(), 63, "two provinces fold to one name");
    }

    // Seeds 000, 002, 003 and 004.
    #[test]
    fn seeds_name_their_provinces() {
        let seed_000 = "Chiều ngày 22/02/2021, Ban về người Việt Nam ở\u{a0} nước ngoài tỉnh Quảng Nam tổ chức cuộc họp \
                        tổng kết hoạt động năm 2020";
        assert_eq!(provinces_named(seed_000), vec!["Quảng Nam"]);
        let seed_002 = "Ngày 25/6, tại Hà Nội, Ban Dân vận Trung ương phối hợp Ủy ban Nhà nước về người Việt Nam ở \
                        nước ngoài (Bộ Ngoại giao) tổ chức sơ kết Chương trình phối hợp";
        assert_eq!(provinces_named(seed_002), vec!["Hà Nội"]);
        let seed_003 = "Tham mưu tỉnh trao tặng khẩu trang y tế cho một số đối tác nước ngoài có quan hệ hợp tác hữu \
                        nghị với tỉnh (Nhật Bản, Hàn Quốc, Lào) … vận động viên trợ phi chính phủ nước ngoài trên địa \
                        bàn tỉnh Tuyên Quang giai đoạn 2020 - 2025";
        assert_eq!(provinces_named(seed_003), vec!["Tuyên Quang"]);
        let seed_004 = "Sáng ngày 04/11/2021, Sở Ngoại vụ thành phố Đà Nẵng và Ủy ban về Người Việt Nam ở nước ngoài \
                        Thành phố Hồ Chí Minh đã tổ chức Lễ ký kết Bản ghi nhớ hợp tác";
        assert_eq!(provinces_named(seed_004), vec!["Đà Nẵng", HO_CHI_MINH_CITY]);
    }

    #[test]
    fn any_unicode_form_tone_style_or_case_is_one_province() {
        let nfd: String = "Sở Ngoại vụ thành phố Đà Nẵng".nfd().collect();
        assert_eq!(provinces_named(&nfd), vec!["Đà Nẵng"]);
        assert_eq!(
            provinces_named("Sở Ngoại vụ thành phố Ðà Nẵng"),
            vec!["Đà Nẵng"]
        );
        assert_eq!(
            provinces_named("UBND tỉnh Thanh Hoá và tỉnh Khánh Hòa"),
            vec!["Thanh Hóa", "Khánh Hòa"]
        );
        assert_eq!(
            provinces_named("ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM"),
            vec!["Quảng Nam"]
        );
        assert_eq!(
            provinces_named("Các tỉnh Nghệ An, Thái Bình, Lâm Đồng, Đăk Lăk"),
            vec!["Nghệ An", "Thái Bình", "Lâm Đồng", "Đắk Lắk"]
        );
        assert_eq!(
            provinces_named("tỉnh Bà Rịa – Vũng Tàu"),
            vec!["Bà Rịa - Vũng Tàu"]
        );
    }

    #[test]
    fn ho_chi_minh_city_needs_its_prefix() {
        for text in [
            "tại TP.HCM",
            "tại TP HCM",
            "tại TPHCM",
            "tại TP. Hồ Chí Minh",
            "tại thành phố Hồ Chí Minh",
        ] {
            assert_eq!(provinces_named(text), vec![HO_CHI_MINH_CITY], "{text}");
        }
        assert!(
            provinces_named("học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh")
                .is_empty()
        );
        assert!(provinces_named("Lăng Chủ tịch Hồ Chí Minh").is_empty());
    }

    #[test]
    fn hue_is_a_province_only_by_its_province_names() {
        assert_eq!(
            provinces_named("tỉnh Thừa Thiên - Huế"),
            vec!["Thừa Thiên Huế"]
        );
        assert_eq!(
            provinces_named("UBND thành phố Huế (từ năm 2025)"),
            vec!["Thừa Thiên Huế"]
        );
        assert!(provinces_named("món bún bò Huế").is_empty());
    }

    #[test]
    fn diacritics_must_agree_when_the_text_has_them() {
        assert!(provinces_named("Đội bóng Quang Nam thi đấu ở sân vận động").is_empty());
        assert_eq!(
            provinces_named("tỉnh Hà Nam và thành phố Hà Nội"),
            vec!["Hà Nam", "Hà Nội"]
        );
        // Text typed without any marks matches folded names.
        assert_eq!(
            provinces_named("UBND tinh Quang Nam va thanh pho Da Nang"),
            vec!["Quảng Nam", "Đà Nẵng"]
        );
    }

    #[test]
    fn common_words_and_longer_names_are_not_provinces() {
        assert!(provinces_named("Việt Nam mong muốn hòa bình và hợp tác trong khu vực").is_empty());
        assert!(provinces_named("Hòa bình là khát vọng của nhân dân").is_empty());
        assert!(provinces_named("các nước ven Thái Bình Dương").is_empty());
        assert!(provinces_named("Hiệp định Đối tác xuyên Thái Bình Dương (TPP)").is_empty());
        assert!(provinces_named("tỉnh Hà Nam Ninh cũ").is_empty());
        assert!(provinces_named("Nam Bộ và miền Nam").is_empty());
        // A person, then a province.
        assert_eq!(
            provinces_named("Phó Thủ tướng Trương Hòa Bình làm việc với tỉnh Hòa Bình"),
            vec!["Hòa Bình"]
        );
        assert!(provinces_named("anh Nguyễn Hải Dương và chị Lê Thị Thái Bình").is_empty());
    }

    #[test]
    fn a_filter_accepts_what_people_type() {
        for typed in [
            "quang nam",
            "Quảng Nam",
            "QUẢNG NAM",
            "tỉnh Quảng Nam",
            "Quảng  Nam",
        ] {
            assert_eq!(canonical_province(typed), Some("Quảng Nam"), "{typed}");
        }
        for typed in [
            "tp.hcm",
            "TP HCM",
            "Hồ Chí Minh",
            "ho chi minh",
            "Thành phố Hồ Chí Minh",
            "HCM",
        ] {
            assert_eq!(canonical_province(typed), Some(HO_CHI_MINH_CITY), "{typed}");
        }
        assert_eq!(canonical_province("hue"), Some("Thừa Thiên Huế"));
        assert_eq!(canonical_province("Đà Nẵng"), Some("Đà Nẵng"));
        assert_eq!(canonical_province("Sài Gòn"), None);
        assert_eq!(canonical_province("Nam"), None);
    }

    /// Every syllable of the text in one region: what the windows must agree with.
    fn provinces_by_full_scan(text: &str) -> Vec<&'static str> {
        let mut region = Region::default();
        let mut tokenizer = VietnameseTokenizer::new(AnalysisMode::Folded);
        let mut stream = tokenizer.token_stream(text);
        while stream.advance() {
            let token = stream.token();
            region.push(&token.text, token.offset_from..token.offset_to);
        }
        let mut found = Vec::new();
        region.scan(text, mostly_marked(text), &LEXICON, &mut found);
        found
    }

    #[test]
    fn windows_find_what_a_full_scan_finds() {
        let filler = "các sở ban ngành phối hợp triển khai kế hoạch năm 2021 của Ủy ban nhân dân";
        let names = [
            "tỉnh Quảng Nam",
            "Thành phố Hồ Chí Minh",
            "thành phố Hồ Chí Minh",
            "TP.HCM",
            "Phó Thủ tướng Trương Hòa Bình",
            "chị Lê Thị Thái Bình",
            "Thái Bình Dương",
            "Hiệp định xuyên Thái Bình Dương",
            "tỉnh Hà Nam Ninh cũ",
            "Bà Rịa - Vũng Tàu",
            "Việt Nam",
            "“Đà Nẵng”",
            "(Hà Nội)",
            "Khánh Hoà",
            "Đắklắk",
        ];
        let mut checked = 0;
        for (i, a) in names.iter().enumerate() {
            for b in &names[i..] {
                // Names next to each other, a little apart, and further apart than any window.
                for gap in [0, 3, 20] {
                    let between: Vec<&str> = filler.split(' ').cycle().take(gap).collect();
                    let text = format!("{a} {} {b}, {filler}", between.join(" "));
                    assert_eq!(
                        provinces_named(&text),
                        provinces_by_full_scan(&text),
                        "{text}"
                    );
                    checked += 1;
                }
            }
        }
        assert_eq!(checked, 3 * names.len() * (names.len() + 1) / 2);
        // Text typed without marks is matched on folded names, by both.
        for text in [
            "UBND tinh Quang Nam va thanh pho Da Nang hop ban ve Thai Binh Duong",
            "ong Nguyen Thai Binh cong tac tai TP HCM va tinh Ha Nam",
        ] {
            assert_eq!(
                provinces_named(text),
                provinces_by_full_scan(text),
                "{text}"
            );
            assert!(!provinces_named(text).is_empty(), "{text}");
        }
        // The comparison can tell names apart: these texts do name provinces.
        assert_eq!(
            provinces_by_full_scan("tỉnh Quảng Nam và TP.HCM"),
            vec!["Quảng Nam", HO_CHI_MINH_CITY]
        );
    }
}
