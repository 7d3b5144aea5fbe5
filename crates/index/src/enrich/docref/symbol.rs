//! The parts of a symbol ("ký hiệu") as written, checked against how symbols are written and
//! spelled officially.
//!
//! Nghị định 30/2020/NĐ-CP, Phụ lục I, 3.c: the symbol is written in capitals, its groups of
//! letters joined by a hyphen without spaces. Real text spaces them ("NQ - CP", "TT- BYT"), uses
//! a slash ("TT/BTC"), and runs the next word on ("NĐ-CPngày"). So a part joined by a plain
//! hyphen is taken as it is (lower case included: `36-nq/tw`), while a part after spaces or a
//! slash must look like a symbol part — written in capitals, or a known code or issuer — and
//! the symbol ends before the first one that does not ("123/QĐ-UBND - Văn phòng…" is
//! `123/QĐ-UBND`).

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::fold_upper;
use super::folded::{FoldedText, fold_key};
use super::types::{doc_type_of_code, is_known_part, known_spelling};
use crate::text::normalize::normalize_text;

/// One part of a symbol.
#[derive(Debug, Clone)]
pub(super) struct Part {
    /// Where it is in the folded text.
    pub range: Range<usize>,
    /// The writer's own letters (NFC, no spaces).
    pub written: String,
    /// The official spelling.
    pub spelled: String,
    /// Whether spaces or a slash separate it from the part before.
    loose: bool,
    /// Whether a slash separates it from the part before.
    pub slash: bool,
}

/// The parts of the symbol in folded `range`, up to the first that cannot belong to it.
/// `code_first`: the first part stands where the type code does.
pub(super) fn parts(folded: &FoldedText<'_>, range: Range<usize>, code_first: bool) -> Vec<Part> {
    let bytes = folded.text.as_bytes();
    let mut parts: Vec<Part> = Vec::new();
    let (mut at, mut loose, mut slash, mut joined) = (range.start, false, false, false);
    while at < range.end {
        let b = bytes[at];
        if b.is_ascii_alphanumeric() {
            let start = at;
            while at < range.end && bytes[at].is_ascii_alphanumeric() {
                at += 1;
            }
            let written: String = normalize_text(folded.original_text(start..at))
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            let is_code = code_first && parts.is_empty();
            let part = Part {
                range: start..at,
                spelled: spell_part(&written, is_code),
                written,
                loose,
                slash,
            };
            if !parts.is_empty()
                && part.loose
                && (!written_as_symbol(&part.written)
                    || (!joined && !issuer_after_lone_code(&parts, &part.written)))
            {
                break;
            }
            parts.push(part);
            (loose, slash, joined) = (false, false, false);
        } else {
            loose |= b != b'-';
            slash |= b == b'/';
            joined |= matches!(b, b'-' | b'/');
            at += 1;
        }
    }
    let lone_code = code_first && parts.len() == 1;
    let cut = parts
        .last_mut()
        .and_then(|last| cut_run_on_word(last, lone_code));
    // "12/QĐ-UBND-Nội quy", "2718/UBND-KT-Về việc": a capitalised word after a hyphen is no
    // part of the symbol (where "…-Pngày" is a part `P` with a word run on: "pngay" is no syllable).
    let capitalised_word = |whole: &str, part: &Part| {
        part.written.chars().count() == 1 && is_syllable_shape(&fold_key(whole))
    };
    if parts.len() > 1
        && cut
            .as_deref()
            .is_some_and(|whole| parts.last().is_some_and(|p| capitalised_word(whole, p)))
    {
        parts.pop();
    }
    if let Some(last) = parts.last_mut() {
        join_term_number(folded, last);
    }
    parts
}

/// `QH 14`, `UBTVQH 13`: the National Assembly's term number written apart from its body is
/// the body's (`45/2019/QH14`). Only a term that can be (1 to 16), and only a number alone.
fn join_term_number(folded: &FoldedText<'_>, part: &mut Part) {
    if !matches!(part.spelled.as_str(), "QH" | "UBTVQH") {
        return;
    }
    let rest = &folded.text[part.range.end..];
    let after_spaces = rest.trim_start_matches([' ', '\t']);
    let spaces = rest.len() - after_spaces.len();
    let digits = after_spaces
        .find(|c: char| !c.is_ascii_digit())
        .map_or(after_spaces, |end| &after_spaces[..end]);
    let alone = !after_spaces[digits.len()..].starts_with(|c: char| c.is_ascii_alphanumeric());
    let term = digits
        .parse::<u32>()
        .ok()
        .filter(|term| (1..=16).contains(term));
    if spaces == 0 || digits.len() > 2 || !alone || term.is_none() {
        return;
    }
    part.range.end += spaces + digits.len();
    part.written.push_str(digits);
    part.spelled.push_str(digits);
}

/// "NĐ CP", "QĐ UBND": a known issuer after a type code and only a space, a hyphen left out. Only
/// there: "NĐ-CP HĐND tỉnh" keeps its symbol, and a symbol of one part has no issuer without it.
fn issuer_after_lone_code(parts: &[Part], written: &str) -> bool {
    matches!(parts, [code] if doc_type_of_code(&code.spelled).is_some())
        && is_known_part(&fold_upper(written))
}

/// Whether a folded word has the shape of one Vietnamese syllable: an initial consonant, one
/// to three vowels, a final consonant (`noi`, `nguoi`, `dao`; not `pngay`, `ubnd`).
fn is_syllable_shape(folded: &str) -> bool {
    static SYLLABLE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new("^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(ch|ng|nh|[cmnpt])?$")
            .unwrap_or_else(|_| unreachable!("a fixed pattern"))
    });
    SYLLABLE.is_match(folded)
}

/// Whether a part after spaces or a slash is written as a symbol part: capitals (digits
/// allowed, a minority of lower-case letters as in `TTra`, `GDTrH`), or a known code or issuer.
fn written_as_symbol(written: &str) -> bool {
    if is_known_part(&fold_upper(written)) {
        return true;
    }
    let first_upper = written.chars().next().is_some_and(char::is_uppercase);
    let (upper, lower) = case_counts(written);
    first_upper && upper >= lower
}

/// "NĐ-CPngày", "UBNDtỉnh", "QĐ-TTgngày", "Qh13ngày", "GDTrHngày": a last part with a
/// Vietnamese word run onto it loses the word. The word is the longest lower-case tail that has
/// the shape of a syllable and holds a Vietnamese mark (symbols never have one but `Đ`): "ngày"
/// of "TTgngày", which leaves the official `TTg`; "CTngày" is `CT`, not `CTN`. Failing that, the
/// lower-case tail after capitals, less the letters an official mixed-case part ends with
/// (`QĐi`). An unmarked tail (`Habeco`, `TTra`, `NHNo`) is the writer's own spelling and stays.
/// Returns the part as it was written before the cut, when a word was cut.
fn cut_run_on_word(part: &mut Part, is_code: bool) -> Option<String> {
    let chars: Vec<char> = part.written.chars().collect();
    let tail = chars.iter().rev().take_while(|c| c.is_lowercase()).count();
    let head = chars.len() - tail;
    let marked = |rest: &[char]| rest.iter().any(|c| !c.is_ascii() && *c != 'đ');
    if head == 0 || !marked(&chars[head..]) {
        return None;
    }
    let word = (head..chars.len()).find(|&cut| {
        let rest: String = chars[cut..].iter().collect();
        marked(&chars[cut..]) && is_syllable_shape(&fold_key(&rest))
    });
    let cut = match word {
        Some(cut) => cut,
        None if chars[..head].iter().any(|c| c.is_lowercase()) => return None,
        // Keep a lower-case letter or two that make a known mixed-case part ("QĐi" + …).
        None => (head..chars.len().min(head + 3))
            .rev()
            .find(|&cut| {
                let prefix: String = chars[..cut].iter().collect();
                marked(&chars[cut..])
                    && (cut == head
                        || known_spelling(&fold_upper(&prefix), is_code)
                            .is_some_and(|s| s == prefix))
            })
            .unwrap_or(head),
    };
    // One folded byte per visible character: the first `cut` bytes are the symbol's.
    part.range.end = part.range.start + cut;
    let whole = std::mem::replace(&mut part.written, chars[..cut].iter().collect());
    part.spelled = spell_part(&part.written, is_code);
    Some(whole)
}

fn case_counts(written: &str) -> (usize, usize) {
    written
        .chars()
        .filter(|c| c.is_alphabetic())
        .fold((0, 0), |(u, l), c| {
            if c.is_uppercase() {
                (u + 1, l)
            } else {
                (u, l + 1)
            }
        })
}

/// A symbol part in its official spelling: a known spelling if there is one; else a part the
/// writer cased deliberately (`GDTrH`, `NHNo`) keeps its case, and the rest is upper case.
pub(super) fn spell_part(part: &str, is_code: bool) -> String {
    // "Trung ương" abbreviated with its own letters, as the Party writes `TW`; not `TU`, a
    // province's Party committee.
    if !is_code && part.to_uppercase() == "TƯ" {
        return "TW".to_string();
    }
    if let Some(spelled) = known_spelling(&fold_upper(part), is_code) {
        return spelled.to_string();
    }
    let upper = part.to_uppercase();
    let mixed = part.chars().any(char::is_uppercase) && part.chars().any(char::is_lowercase);
    let stem = upper.trim_end_matches(|c: char| c.is_ascii_digit());
    if mixed && doc_type_of_code(stem).is_none() {
        part.to_string()
    } else {
        upper
    }
}

/// Whether any part after the first is joined by a slash ("TT/BTC").
pub(super) fn has_slash(parts: &[Part]) -> bool {
    parts.iter().skip(1).any(|p| p.slash)
}

/// For symbols with an unknown code: written in capitals, as symbols are (`BVHTTDL-TCDL`,
/// `SXD-TTra`), so prose such as "5-ngày/tuần" or "Nam/Nữ" is not taken for a document.
pub(super) fn looks_like_symbol(parts: &[Part]) -> bool {
    let capitalised = |written: &str| {
        written
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    };
    let Some(first) = parts.first() else {
        return false;
    };
    let (upper, lower) = case_counts(&first.written);
    upper >= lower && parts.iter().all(|p| capitalised(&p.written))
}

/// Whether a part is written in plain letters, as a symbol in lower case is (`tchq`, `hđqt`,
/// `ubtvqh13`): ASCII letters and digits, `đ`, no other Vietnamese letter.
pub(super) fn plain_letters(written: &str) -> bool {
    let letter = |c: char| c.is_ascii_alphabetic() || matches!(c, 'đ' | 'Đ');
    written.chars().all(|c| letter(c) || c.is_ascii_digit()) && written.chars().any(letter)
}

/// "NĐCP", "QĐUB": a lone part that is a type code run onto a known issuer, split in two.
pub(super) fn split_code_and_issuer(part: &Part) -> Option<(Part, Part)> {
    let key = fold_upper(&part.written);
    if is_known_part(&key) {
        return None;
    }
    let chars: Vec<char> = part.written.chars().collect();
    (2..chars.len().saturating_sub(1)).find_map(|cut| {
        let code = spell_part(&chars[..cut].iter().collect::<String>(), true);
        let issuer: String = chars[cut..].iter().collect();
        let issuer_key = fold_upper(&issuer);
        let known_issuer = crate::enrich::issuer::issuer_of(&issuer).is_some();
        (doc_type_of_code(&code).is_some() && known_issuer && !issuer_key.is_empty()).then(|| {
            let middle = part.range.start + cut;
            let first = Part {
                range: part.range.start..middle,
                written: chars[..cut].iter().collect(),
                spelled: code,
                loose: false,
                slash: false,
            };
            let second = Part {
                range: middle..part.range.end,
                spelled: spell_part(&issuer, false),
                written: issuer,
                loose: false,
                slash: false,
            };
            (first, second)
        })
    })
}
