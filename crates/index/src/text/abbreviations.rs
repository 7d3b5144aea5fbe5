//! Abbreviations: UBND ↔ Ủy ban nhân dân, TP.HCM ↔ Thành phố Hồ Chí Minh, and those a text
//! defines itself ("người Việt Nam ở nước ngoài (NVNONN)").
//!
//! Keys are the folded letters of the abbreviation with punctuation dropped (`TP.HCM` → `tphcm`,
//! `NN&PTNT` → `nnptnt`); expansions are folded syllables, so they match the `*_folded` fields.
//! The built-in list holds unambiguous abbreviations of Vietnamese state bodies and titles (as
//! used on government portals and in Nghị định 30/2020/NĐ-CP); ambiguous ones (`TW`, `CP`, `ND`)
//! are left to document-number recognition. Definitions learnt while indexing are saved beside
//! the index so queries can expand them too.
//!
//! ```
//! use tracuu_index::text::abbreviations::Abbreviations;
//! let mut abbr = Abbreviations::builtin();
//! assert_eq!(abbr.expansions("ubnd"), &[vec!["uy", "ban", "nhan", "dan"]]);
//! abbr.learn_from("Ban về người Việt Nam ở nước ngoài (NVNONN) tỉnh");
//! assert_eq!(abbr.expansions("nvnonn")[0].join(" "), "nguoi viet nam o nuoc ngoai");
//! ```

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use serde::{Deserialize, Serialize};

use super::learnt_file;
use super::tokenizer::{AnalysisMode, analyze};

/// Built-in abbreviations: (abbreviation as written, expansion).
const BUILTIN: &[(&str, &str)] = &[
    ("UBND", "Ủy ban nhân dân"),
    ("HĐND", "Hội đồng nhân dân"),
    ("MTTQ", "Mặt trận Tổ quốc"),
    ("UBMTTQ", "Ủy ban Mặt trận Tổ quốc"),
    ("TP.HCM", "Thành phố Hồ Chí Minh"),
    ("TP", "thành phố"),
    ("BCH", "Ban Chấp hành"),
    ("BCT", "Bộ Chính trị"),
    ("UBTVQH", "Ủy ban Thường vụ Quốc hội"),
    ("ĐBQH", "đại biểu Quốc hội"),
    ("VKSND", "Viện Kiểm sát nhân dân"),
    ("TAND", "Tòa án nhân dân"),
    ("TTXVN", "Thông tấn xã Việt Nam"),
    ("BHXH", "bảo hiểm xã hội"),
    ("BHYT", "bảo hiểm y tế"),
    ("NVNONN", "người Việt Nam ở nước ngoài"),
    ("UBNN", "Ủy ban Nhà nước"),
    ("KT-XH", "kinh tế - xã hội"),
    ("ĐCSVN", "Đảng Cộng sản Việt Nam"),
    ("XHCN", "xã hội chủ nghĩa"),
    ("CNXH", "chủ nghĩa xã hội"),
    ("NN&PTNT", "Nông nghiệp và Phát triển nông thôn"),
    ("GTVT", "Giao thông vận tải"),
    ("TN&MT", "Tài nguyên và Môi trường"),
    ("LĐ-TB&XH", "Lao động - Thương binh và Xã hội"),
    ("VH-TT&DL", "Văn hóa, Thể thao và Du lịch"),
    ("TT&TT", "Thông tin và Truyền thông"),
    ("KH&ĐT", "Kế hoạch và Đầu tư"),
    ("KH&CN", "Khoa học và Công nghệ"),
    ("GD&ĐT", "Giáo dục và Đào tạo"),
    ("THCS", "trung học cơ sở"),
    ("THPT", "trung học phổ thông"),
    ("CBCCVC", "cán bộ, công chức, viên chức"),
    ("LHPN", "Liên hiệp Phụ nữ"),
    ("ATGT", "an toàn giao thông"),
    ("PCCC", "phòng cháy chữa cháy"),
    ("PC&CC", "phòng cháy chữa cháy"),
    ("TTg", "Thủ tướng"),
];

/// (key, expansion) pairs by the expansion's first syllable.
type ByFirstSyllable = FxHashMap<String, Vec<(String, Vec<String>)>>;

/// Abbreviation keys and their expansions, built in and learnt.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Abbreviations {
    map: BTreeMap<String, Vec<Vec<String>>>,
    /// (key, expansion) by the expansion's first syllable, in [`Abbreviations::iter`]'s order:
    /// built on first use, dropped by every change.
    #[serde(skip)]
    by_first: OnceLock<ByFirstSyllable>,
}

impl PartialEq for Abbreviations {
    fn eq(&self, other: &Self) -> bool {
        self.map == other.map
    }
}

impl Eq for Abbreviations {}

/// Whether a token typed in a query reads as an abbreviation rather than a syllable: two or more
/// capitals ("CA", "UBND", "TP.HCM"), or letters that cannot spell one Vietnamese syllable
/// ("ubnd", "bhxh"). Lower-case "ca" is the syllable (cá, cà), not Công an.
pub fn reads_as_abbreviation(written: &str) -> bool {
    let capitals = written.chars().filter(|c| c.is_uppercase()).count();
    capitals >= 2 || !super::syllable_shape::is_possible_syllable(&abbreviation_key(written))
}

/// The lookup key of an abbreviation as written: folded syllables joined (`TP.HCM` → `tphcm`).
pub fn abbreviation_key(written: &str) -> String {
    analyze(written, AnalysisMode::Folded).concat()
}

/// A built-in short form as punctuation splits it into pieces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenPieces {
    /// The pieces, folded (`["tp", "hcm"]` for `TP.HCM`).
    pub pieces: Vec<String>,
    /// A dot stands between the pieces (`TP.HCM`), which news also writes with a space after it
    /// (`TP. HCM`): a sentence end to the tokenizer, so the index holds a gap there.
    pub dotted: bool,
}

/// The ways a short form is written in pieces, which the index holds as syllables side by side,
/// not as its key: the built-in writings first (`tphcm` → `TP.HCM`, with its dot; `gddt` →
/// `GD&ĐT`), then every other cut of the key into pieces of two letters or more, as news writes
/// the same short form (`ldtbxh`: `LĐ-TB&XH`, `LĐTB&XH`, `LĐ-TBXH`). A piece of one letter is
/// not cut off, and a key shorter than four letters or longer than [`LONGEST_KEY_CUT`] is read in
/// one piece only (`UBND`'s cut `UB-ND` is asked; `HCM` has none).
pub fn written_pieces(key: &str) -> Vec<WrittenPieces> {
    let mut forms = builtin_pieces(key).to_vec();
    for pieces in cuts(key) {
        if !forms.iter().any(|w| w.pieces == pieces) {
            forms.push(WrittenPieces {
                pieces,
                dotted: false,
            });
        }
    }
    forms
}

/// The longest key cut into pieces: 33 cuts at ten letters, each a phrase of absent terms in
/// most indexes, so a look-up each.
pub const LONGEST_KEY_CUT: usize = 10;

/// The built-in short forms written in pieces, by key.
fn builtin_pieces(key: &str) -> &'static [WrittenPieces] {
    static PIECES: OnceLock<FxHashMap<String, Vec<WrittenPieces>>> = OnceLock::new();
    let pieces = PIECES.get_or_init(|| {
        let mut pieces: FxHashMap<String, Vec<WrittenPieces>> = FxHashMap::default();
        for (short, _) in BUILTIN {
            let syllables = analyze(short, AnalysisMode::Folded);
            if syllables.len() > 1 {
                pieces
                    .entry(syllables.concat())
                    .or_default()
                    .push(WrittenPieces {
                        pieces: syllables,
                        dotted: short.contains('.'),
                    });
            }
        }
        pieces
    });
    pieces.get(key).map(Vec::as_slice).unwrap_or(&[])
}

/// Every cut of `key` into two or more pieces of two letters or more, fewest pieces first.
fn cuts(key: &str) -> Vec<Vec<String>> {
    let letters: Vec<char> = key.chars().collect();
    let mut out = Vec::new();
    if (4..=LONGEST_KEY_CUT).contains(&letters.len()) {
        cut_rest(&letters, &mut Vec::new(), &mut out);
    }
    out.sort_by_key(Vec::len);
    out
}

fn cut_rest(rest: &[char], pieces: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    if rest.is_empty() {
        if pieces.len() > 1 {
            out.push(pieces.clone());
        }
        return;
    }
    for len in 2..=rest.len() {
        if rest.len() - len == 1 {
            continue;
        }
        pieces.push(rest[..len].iter().collect());
        cut_rest(&rest[len..], pieces, out);
        pieces.pop();
    }
}

impl Abbreviations {
    /// The built-in list.
    pub fn builtin() -> Self {
        let mut abbr = Abbreviations::default();
        for (short, long) in BUILTIN {
            abbr.insert(
                &abbreviation_key(short),
                analyze(long, AnalysisMode::Folded),
            );
        }
        abbr
    }

    /// Adds an expansion (folded syllables) for a key, once.
    pub fn insert(&mut self, key: &str, expansion: Vec<String>) {
        if key.is_empty() || expansion.is_empty() {
            return;
        }
        let entry = self.map.entry(key.to_string()).or_default();
        if !entry.contains(&expansion) {
            entry.push(expansion);
            self.by_first = OnceLock::new();
        }
    }

    /// Every (key, expansion) pair whose expansion starts with the folded syllable `first`, in
    /// [`Abbreviations::iter`]'s order: what a query's syllable may begin (a hash look-up, not a
    /// walk over every abbreviation).
    pub fn starting_with(&self, first: &str) -> &[(String, Vec<String>)] {
        let by_first = self.by_first.get_or_init(|| {
            let mut by_first = ByFirstSyllable::default();
            for (key, expansion) in self.iter() {
                if let Some(head) = expansion.first() {
                    by_first
                        .entry(head.clone())
                        .or_default()
                        .push((key.to_string(), expansion.to_vec()));
                }
            }
            by_first
        });
        by_first.get(first).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Expansions of a key (empty when unknown).
    pub fn expansions(&self, key: &str) -> &[Vec<String>] {
        self.map.get(key).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Whether `key` stands for one thing: every two of its expansions are spellings of one name,
    /// sharing at least half the syllables of the shorter ("liên hợp quốc", "liên hiệp quốc").
    /// A corpus can define one short form twice for different things, "nhà đầu tư (NĐT)" and
    /// "nhân dân tệ (NDT)" (folded, both `ndt`); such a key is no evidence of either.
    pub fn stands_for_one_thing(&self, key: &str) -> bool {
        let expansions = self.expansions(key);
        expansions.iter().enumerate().all(|(i, a)| {
            expansions[i + 1..].iter().all(|b| {
                let shared = a.iter().filter(|s| b.contains(s)).count();
                2 * shared >= a.len().min(b.len())
            })
        })
    }

    /// Keys whose expansion is exactly these folded syllables.
    pub fn keys_for(&self, syllables: &[String]) -> Vec<&str> {
        self.map
            .iter()
            .filter(|(_, expansions)| expansions.iter().any(|e| e.as_slice() == syllables))
            .map(|(key, _)| key.as_str())
            .collect()
    }

    /// Every (key, expansion) pair.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &[String])> {
        self.map
            .iter()
            .flat_map(|(k, es)| es.iter().map(move |e| (k.as_str(), e.as_slice())))
    }

    /// Number of keys.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// True when there are no abbreviations.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Adds every entry of `other`.
    pub fn merge(&mut self, other: &Abbreviations) {
        for (key, expansion) in other.iter() {
            self.insert(key, expansion.to_vec());
        }
    }

    /// Learns definitions written as "expansion (ABBR)", where ABBR's letters are the initials
    /// of the words before it. Returns how many were found.
    pub fn learn_from(&mut self, text: &str) -> usize {
        let mut found = 0;
        let mut search_from = 0;
        // Only the few places that look like "(ABBR)" are analysed: this runs on every article.
        while let Some(open) = text[search_from..].find('(').map(|i| i + search_from) {
            search_from = open + 1;
            let Some(close) = text[open..].find(')').map(|i| i + open) else {
                break;
            };
            let written = text[open + 1..close].trim();
            let letters = written.chars().count();
            if !(2..=10).contains(&letters) || !written.chars().all(|c| c.is_uppercase()) {
                continue;
            }
            let window_start = text[..open]
                .char_indices()
                .rev()
                .nth(120)
                .map(|(i, _)| i)
                .unwrap_or(0);
            let words = analyze(&text[window_start..open], AnalysisMode::Folded);
            let key = abbreviation_key(written);
            let n = key.chars().count();
            if words.len() < n {
                continue;
            }
            let words = &words[words.len() - n..];
            let initials: String = words.iter().filter_map(|w| w.chars().next()).collect();
            if initials == key {
                self.insert(&key, words.to_vec());
                found += 1;
            }
        }
        found
    }

    /// Reads a saved list; a missing file is an empty list.
    pub fn load(path: &Path) -> std::io::Result<Abbreviations> {
        learnt_file::load(path)
    }

    /// Saves the list atomically (write to a temporary file, then rename).
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        learnt_file::save(path, serde_json::to_vec_pretty(self))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_form_written_with_punctuation_is_known_by_its_pieces() {
        // Each writing's pieces, joined by a dot when the writing has one.
        let pieces = |key| -> Vec<String> {
            written_pieces(key)
                .into_iter()
                .map(|w| w.pieces.join(if w.dotted { "." } else { " " }))
                .collect()
        };
        assert_eq!(pieces("tphcm"), ["tp.hcm", "tph cm"]);
        assert_eq!(
            pieces("ldtbxh"),
            ["ld tb xh", "ld tbxh", "ldt bxh", "ldtb xh"]
        );
        assert_eq!(pieces("gddt"), ["gd dt"]);
        assert_eq!(pieces("ubnd"), ["ub nd"]);
        assert!(pieces("hcm").is_empty());
        assert_eq!(pieces("nvnonn").len(), 4);
        assert!(pieces("nguoivietnamonuocngoai").is_empty());
    }

    #[test]
    fn a_short_form_defined_for_two_things_stands_for_neither() {
        let mut abbr = Abbreviations::default();
        abbr.learn_from("Khối ngoại và các nhà đầu tư (NĐT) trong nước.");
        abbr.learn_from("Tỷ giá đồng nhân dân tệ (NDT) tăng.");
        abbr.learn_from("Đại hội đồng Liên hợp quốc (LHQ) và Liên hiệp quốc (LHQ).");
        assert_eq!(abbr.expansions("ndt").len(), 2);
        assert!(!abbr.stands_for_one_thing("ndt"));
        assert_eq!(abbr.expansions("lhq").len(), 2);
        assert!(abbr.stands_for_one_thing("lhq"));
        assert!(Abbreviations::builtin().stands_for_one_thing("ubnd"));
    }

    #[test]
    fn builtin_keys_ignore_punctuation_and_marks() {
        let abbr = Abbreviations::builtin();
        assert_eq!(abbreviation_key("TP.HCM"), "tphcm");
        assert_eq!(
            abbr.expansions("tphcm")[0].join(" "),
            "thanh pho ho chi minh"
        );
        assert_eq!(
            abbr.expansions(&abbreviation_key("HĐND"))[0].join(" "),
            "hoi dong nhan dan"
        );
        let ubnd: Vec<String> = ["uy", "ban", "nhan", "dan"].map(String::from).to_vec();
        assert_eq!(abbr.keys_for(&ubnd), vec!["ubnd"]);
    }

    // Seed 000: "Trưởng Ban về Người Việt Nam ở nước ngoài (NVNONN) tỉnh chủ trì cuộc họp."
    #[test]
    fn definitions_in_text_are_learnt_only_when_initials_agree() {
        let mut abbr = Abbreviations::default();
        let n = abbr.learn_from(
            "Trưởng Ban về Người Việt Nam ở nước ngoài (NVNONN) tỉnh chủ trì cuộc họp.",
        );
        assert_eq!(n, 1);
        assert_eq!(
            abbr.expansions("nvnonn")[0].join(" "),
            "nguoi viet nam o nuoc ngoai"
        );
        assert_eq!(
            abbr.learn_from("Hội nghị diễn ra tại Hà Nội (VN) hôm qua"),
            0
        );
        assert_eq!(abbr.learn_from("dịch bệnh (COVID) lan rộng"), 0);
    }

    #[test]
    fn expansions_are_found_by_their_first_syllable_and_learning_refreshes_them() {
        let mut abbr = Abbreviations::builtin();
        let keys = |abbr: &Abbreviations, first: &str| -> Vec<String> {
            abbr.starting_with(first)
                .iter()
                .map(|(k, _)| k.clone())
                .collect()
        };
        assert!(keys(&abbr, "uy").contains(&"ubnd".to_string()));
        let learnt = "bcdpctn".to_string();
        assert!(!keys(&abbr, "ban").contains(&learnt));
        abbr.learn_from("Họp Ban Chỉ đạo phòng, chống tham nhũng (BCĐPCTN) tỉnh.");
        assert!(
            keys(&abbr, "ban").contains(&learnt),
            "{:?}",
            keys(&abbr, "ban")
        );
        assert!(keys(&abbr, "xyz").is_empty());
        // Every pair is under its first syllable, and only there.
        let indexed: usize = abbr
            .iter()
            .map(|(_, e)| e[0].as_str())
            .collect::<std::collections::HashSet<_>>()
            .into_iter()
            .map(|first| abbr.starting_with(first).len())
            .sum();
        assert_eq!(indexed, abbr.iter().count());
    }
}
