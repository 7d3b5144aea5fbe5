//! The rules of the `mapping` char filter that unifies tone placement on the cluster
//! (`hòa` → `hoà`, `ủy` → `uỷ`, `vịêt` → `việt`), generated from tracuu's own tone rule.
//!
//! OpenSearch's `mapping` char filter (Lucene's `MappingCharFilter`) rewrites text before it is
//! cut into words: at each position it replaces the longest key that starts there, then goes on
//! after it. It runs after ICU's `nfkc_cf` normaliser, so it sees composed lower-case letters.
//! tracuu places a syllable's tone by its vowel run, whether a final consonant follows, and
//! whether the syllable starts with `qu` or `gi` ([`tracuu_index::text::tone`]). The rules here
//! are keys of that shape: a toned vowel run, with the `q`/`g` before it and the first letter of a
//! final after it where they change the answer, plus the few keys that stop a shorter one from
//! firing inside a syllable where it does not apply (`giá` must not become `gía`).
//!
//! Nothing is written by hand: each key's replacement is what tracuu's tokenizer makes of it, and
//! [`check`] replays the rules, as the char filter would, over every syllable of the inventory
//! (the 27 onsets and `đ`, the vowel runs of Vietnamese, the 8 finals, each tone on each vowel),
//! requiring tracuu's own spelling of every one. The Lucene run (`scripts/lucene-verify.sh`)
//! checks the same spellings through the real char filter.
//!
//! What the rules cannot see: a syllable is a run of letters for tracuu, but the char filter
//! sees no word ends. Strings that are not one Vietnamese syllable (a tone mark inside a foreign
//! word, words run together) can come out placed differently from tracuu; on the token fields,
//! which carry tracuu's own syllables, nothing differs.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::OnceLock;

use tracuu_index::text::letters::{Tone, is_vowel, split_letter, with_tone};
use tracuu_index::text::{AnalysisMode, analyze};

/// The onsets of Vietnamese orthography (as `text::syllable_shape` lists them) and `đ`.
pub const ONSETS: [&str; 28] = [
    "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh",
    "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x",
];

/// The vowel runs of Vietnamese syllables as written (the glides `i y o u` included).
pub const NUCLEI: [&str; 57] = [
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", // one letter
    "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi", "ôi",
    "ơi", "oo", "ôô", "ua", "uâ", "uê", "ui", "uô", "uơ", "uy", "ưa", "ươ", "ưi", "ưu",
    "yê", // two
    "iêu", "yêu", "oai", "oao", "oay", "oeo", "uây", "uôi", "uya", "uyê", "uyu", "ươi", "ươu",
    "uêu", // three
];

/// The finals: nothing, or one of the 8 final consonants.
pub const FINALS: [&str; 9] = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"];

const TONES: [Tone; 5] = [Tone::Grave, Tone::Acute, Tone::Hook, Tone::Tilde, Tone::Dot];

/// The rules, key → replacement, both lower-case NFC.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ToneRules {
    rules: BTreeMap<String, String>,
    /// Every beginning of a key (the keys included), so that a scan stops as soon as no key
    /// can start where it is, as the filter's automaton does.
    prefixes: HashSet<String>,
}

impl ToneRules {
    /// The generated rules, made once per process.
    pub fn generated() -> &'static ToneRules {
        static RULES: OnceLock<ToneRules> = OnceLock::new();
        RULES.get_or_init(ToneRules::generate)
    }

    /// The rules generated from tracuu's tone rule; [`check`]ed over the whole inventory.
    pub fn generate() -> ToneRules {
        let mut rules = ToneRules::default();
        rules.add_letters();
        // Vowel runs anywhere, then after `q` (the `u` of `qu` is no vowel) and after a `g`
        // starting the word (nor is the `i` of `gi`).
        for (prefix, onset) in [("", "b"), ("q", "q"), ("g", "g")] {
            for nucleus in NUCLEI.into_iter().filter(|n| !doubles_glide(prefix, n)) {
                let run = match prefix {
                    "q" => format!("u{nucleus}"),
                    "g" => format!("i{nucleus}"),
                    _ => nucleus.to_string(),
                };
                rules.add_run(prefix, onset, &run);
            }
        }
        // What keys of that shape cannot tell apart (rare spellings such as `ngìa`, where
        // the `g` does not start the word) gets a key of its own.
        for _ in 0..16 {
            let misses = check(&rules);
            if misses.is_empty() {
                break;
            }
            for miss in misses {
                rules.fix(miss);
            }
        }
        rules
    }

    /// The rules in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.rules.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// How many rules there are.
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    /// True when there is none.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The rules as OpenSearch's `mapping` char filter writes them: `key => replacement`.
    pub fn mapping_lines(&self) -> Vec<String> {
        self.iter().map(|(k, v)| format!("{k} => {v}")).collect()
    }

    /// `text` rewritten as the char filter does: at each position the longest key starting there
    /// is replaced, and rewriting goes on after it.
    pub fn apply(&self, text: &str) -> String {
        self.apply_with(text, None)
    }

    /// [`Self::apply`] as if `extra` (key, replacement) were one of the rules.
    fn apply_with(&self, text: &str, extra: Option<(&str, &str)>) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        let mut key = String::new();
        while let Some(first) = rest.chars().next() {
            key.clear();
            let mut longest: Option<(usize, &str)> = None;
            for (at, c) in rest.char_indices() {
                key.push(c);
                let extra_here = extra.filter(|(k, _)| k.starts_with(key.as_str()));
                if !self.prefixes.contains(&key) && extra_here.is_none() {
                    break;
                }
                let replacement = match extra_here {
                    Some((k, r)) if k == key => Some(r),
                    _ => self.rules.get(&key).map(String::as_str),
                };
                if let Some(replacement) = replacement {
                    longest = Some((at + c.len_utf8(), replacement));
                }
            }
            match longest {
                Some((len, replacement)) => {
                    out.push_str(replacement);
                    rest = &rest[len..];
                }
                None => {
                    out.push(first);
                    rest = &rest[first.len_utf8()..];
                }
            }
        }
        out
    }

    fn insert(&mut self, key: String, replacement: String) {
        let mut prefix = String::new();
        for c in key.chars() {
            prefix.push(c);
            self.prefixes.insert(prefix.clone());
        }
        self.rules.insert(key, replacement);
    }

    /// Letters tracuu reads as another, lower case as the filter sees them: `ð` and `ɖ` are `đ`,
    /// and a mark Vietnamese does not write is dropped (`ö` → `o`, `ç` → `c`), as tracuu's exact
    /// syllables drop it.
    fn add_letters(&mut self) {
        let ranges = ['\u{C0}'..='\u{24F}', '\u{1E00}'..='\u{1EFF}'];
        for c in ranges.into_iter().flatten() {
            let lower = c.to_lowercase().eq(std::iter::once(c));
            if !lower {
                continue;
            }
            if split_letter(c).is_some_and(|l| l.is_letter && l.base == 'đ' && c != 'đ') {
                self.insert(c.to_string(), "đ".into());
                continue;
            }
            let spelt = tracuu_spelling(&c.to_string());
            let plain = spelt.chars().count() == 1 && spelt.chars().all(|l| l.is_ascii_lowercase());
            if plain && spelt != c.to_string() {
                self.insert(c.to_string(), spelt);
            }
        }
    }

    /// Keys for one vowel run (after `prefix`, read with `onset` before it): each tone on each
    /// vowel, with no final and with each final's first letter.
    fn add_run(&mut self, prefix: &str, onset: &str, run: &str) {
        let letters: Vec<char> = run.chars().collect();
        let vowels = letters.iter().enumerate().filter(|(_, c)| is_vowel(**c));
        for (at, _) in vowels {
            for tone in TONES {
                let mut toned = letters.clone();
                toned[at] = with_tone(letters[at], tone);
                let toned: String = toned.into_iter().collect();
                for last in final_letters() {
                    let word = format!("{onset}{toned}{last}");
                    let wanted = tracuu_spelling(&word);
                    let key = format!("{prefix}{toned}");
                    // Applied to the word as the filter meets it (after the onset's letters).
                    let tail = &word[onset.len() - prefix.len()..];
                    let wanted_tail = &wanted[onset.len() - prefix.len()..];
                    if self.apply(tail) == wanted_tail {
                        continue;
                    }
                    self.insert(format!("{key}{last}"), wanted_tail.to_string());
                }
            }
        }
    }

    /// The shortest key (a stretch of the syllable around what came out wrong) that makes it
    /// come out as tracuu spells it.
    fn fix(&mut self, miss: &Spelling) {
        let written: Vec<char> = miss.written.chars().collect();
        let wanted: Vec<char> = miss.tracuu.chars().collect();
        let got: Vec<char> = self.apply(&miss.written).chars().collect();
        if written.len() != wanted.len() || got.len() != wanted.len() {
            return;
        }
        let wrong: Vec<usize> = (0..wanted.len())
            .filter(|&i| written[i] != wanted[i] || got[i] != wanted[i])
            .collect();
        let (Some(&first), Some(&last)) = (wrong.first(), wrong.last()) else {
            return;
        };
        let n = written.len();
        let mut spans: Vec<(usize, usize)> = (0..=first)
            .flat_map(|start| (last + 1..=n).map(move |end| (start, end)))
            .collect();
        spans.sort_by_key(|&(start, end)| (end - start, std::cmp::Reverse(start)));
        for (start, end) in spans {
            let key: String = written[start..end].iter().collect();
            let replacement: String = wanted[start..end].iter().collect();
            if self.rules.contains_key(&key) {
                continue;
            }
            let candidate = Some((key.as_str(), replacement.as_str()));
            if self.apply_with(&miss.written, candidate) == miss.tracuu
                && !self.breaks_any(&key, &replacement)
            {
                self.insert(key, replacement);
                return;
            }
        }
    }
}

/// Whether `nucleus` after the `u` of `qu` or the `i` of `gi` would double it (`quua`,
/// `giia`): no Vietnamese spelling does.
fn doubles_glide(onset: &str, nucleus: &str) -> bool {
    match onset {
        "q" | "qu" => nucleus.starts_with('u'),
        "g" | "gi" => nucleus.starts_with('i'),
        _ => false,
    }
}

impl ToneRules {
    /// Whether adding the rule `key` → `replacement` would spoil a spelling of the inventory
    /// that the rules spell right now and that no longer key could mend (one no longer than
    /// the key). Longer ones get their own keys on the next pass: the longest key wins.
    fn breaks_any(&self, key: &str, replacement: &str) -> bool {
        let len = key.chars().count();
        inventory()
            .iter()
            .filter(|s| s.written.contains(key) && s.written.chars().count() <= len)
            .any(|s| {
                self.apply(&s.written) == s.tracuu
                    && self.apply_with(&s.written, Some((key, replacement))) != s.tracuu
            })
    }
}

/// The first letters of the finals (what tells the filter a final follows), and none.
fn final_letters() -> Vec<String> {
    let mut letters: Vec<String> = FINALS.iter().map(|f| f.chars().take(1).collect()).collect();
    letters.dedup();
    letters
}

/// tracuu's spelling of one syllable (its exact form); the word itself if it is not one.
pub fn tracuu_spelling(word: &str) -> String {
    match analyze(word, AnalysisMode::Exact).as_slice() {
        [one] => one.clone(),
        _ => word.to_string(),
    }
}

/// A syllable as written and as tracuu spells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spelling {
    /// Lower-case NFC, the tone where the writer put it.
    pub written: String,
    /// tracuu's exact form.
    pub tracuu: String,
}

/// Every syllable of the inventory (onset, vowel run, final) with each tone on each of its vowels.
pub fn inventory() -> &'static [Spelling] {
    static INVENTORY: OnceLock<Vec<Spelling>> = OnceLock::new();
    INVENTORY.get_or_init(spell_inventory)
}

fn spell_inventory() -> Vec<Spelling> {
    let mut out = Vec::new();
    for onset in ONSETS {
        for nucleus in NUCLEI.into_iter().filter(|n| !doubles_glide(onset, n)) {
            for last in FINALS {
                let letters: Vec<char> = format!("{onset}{nucleus}{last}").chars().collect();
                for (at, base) in letters.iter().enumerate() {
                    if !is_vowel(*base) {
                        continue;
                    }
                    for tone in TONES {
                        let mut toned = letters.clone();
                        toned[at] = with_tone(*base, tone);
                        let written: String = toned.into_iter().collect();
                        let tracuu = tracuu_spelling(&written);
                        out.push(Spelling { written, tracuu });
                    }
                }
            }
        }
    }
    out
}

/// The spellings of the inventory that `rules` do not turn into tracuu's.
pub fn check(rules: &ToneRules) -> Vec<&'static Spelling> {
    inventory()
        .iter()
        .filter(|s| rules.apply(&s.written) != s.tracuu)
        .collect()
}

/// How many keys each kind of rule has, for the report.
pub fn summary(rules: &ToneRules) -> HashMap<&'static str, usize> {
    let mut counts = HashMap::new();
    for (key, value) in rules.iter() {
        let kind = if key == value {
            "keep"
        } else if key.chars().count() == 1 {
            "letter"
        } else {
            "move"
        };
        *counts.entry(kind).or_insert(0) += 1;
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use tracuu_index::text::normalize::is_invisible;
    use unicode_normalization::UnicodeNormalization;

    fn rules() -> &'static ToneRules {
        ToneRules::generated()
    }

    /// What the cluster's chain does to a text before the tokenizer: NFKC with case folding,
    /// which also drops default-ignorable characters (approximated here by NFKC, lower case and
    /// tracuu's invisible characters; the Lucene run uses ICU's own), then the rules.
    fn cluster_text(text: &str) -> String {
        let visible = text.chars().filter(|&c| !is_invisible(c));
        let folded: String = visible.nfkc().collect::<String>().to_lowercase();
        rules().apply(&folded)
    }

    fn cluster_syllables(text: &str) -> Vec<String> {
        cluster_text(text)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn every_syllable_of_the_inventory_is_spelt_as_tracuu_spells_it() {
        let misses = check(rules());
        assert!(
            misses.is_empty(),
            "{} misses, first {:?}",
            misses.len(),
            misses.first()
        );
        assert!(inventory().len() > 100_000, "{}", inventory().len());
    }

    /// Every pair of spellings tracuu's own tests unify (crates/index/src/text).
    #[test]
    fn the_spellings_tracuus_tests_unify_are_unified() {
        let pairs = [
            ("Uỷ ban Nhà nước về NVNONN", "Ủy ban Nhà nước về NVNONN"),
            ("hòa bình, thủy sản, khỏe", "hoà bình, thuỷ sản, khoẻ"),
            ("vịêt nghịêm thuýên", "việt nghiệm thuyến"),
            ("Ðà Nẵng", "Đà Nẵng"),
            ("hoà bình", "hòa bình"),
            ("Uỷ ban", "Ủy ban"),
            ("U\u{309}y ban", "Ủy ban"),
            ("Vie\u{323}\u{302}t Nam", "Việt Nam"),
            ("ng\u{AD}ười Việt\u{200B}", "người Việt"),
        ];
        for (a, b) in pairs {
            assert_eq!(cluster_syllables(a), cluster_syllables(b), "{a} / {b}");
            assert_eq!(cluster_syllables(a), analyze(b, AnalysisMode::Exact), "{a}");
        }
        // And tone.rs's words with the tone moved to each vowel.
        let words = "người việt nam ở nước ngoài uỷ ban nhà khoẻ hoà thuý quyết giữa gìn \
                     nghiêm truyền thống đường khuya oai hoạch xoáy ươn quốc gia tuổi \
                     nguyễn thuở giặt qua ngoằn nghèo bình";
        for word in words.split_whitespace() {
            let bases: Vec<char> = word
                .chars()
                .map(|c| split_letter(c).map_or(c, |l| l.base))
                .collect();
            for at in (0..bases.len()).filter(|&i| is_vowel(bases[i])) {
                for tone in TONES {
                    let mut moved = bases.clone();
                    moved[at] = with_tone(bases[at], tone);
                    let moved: String = moved.into_iter().collect();
                    assert_eq!(rules().apply(&moved), tracuu_spelling(&moved), "{moved}");
                }
            }
        }
    }

    #[test]
    fn marks_that_differ_stay_apart() {
        assert_ne!(cluster_text("bàn"), cluster_text("bán"));
        assert_ne!(cluster_text("dương"), cluster_text("đường"));
        assert_eq!(cluster_text("giá cả quà"), "giá cả quà");
    }

    #[test]
    fn the_rules_stay_few() {
        // Keys of the vowel-run shape, not one per syllable: a few thousand at most.
        assert!(rules().len() < 5_000, "{}", rules().len());
        assert!(
            rules()
                .iter()
                .all(|(k, v)| k.chars().count() == v.chars().count())
        );
    }
}
