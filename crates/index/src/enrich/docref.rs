//! Cited documents: "Nghị quyết số 36-NQ/TW" → `36-NQ/TW`, code `NQ`, type `Nghị quyết`.
//!
//! Vietnamese government news cites laws, decrees, Party resolutions and administrative decisions
//! by their "Số, ký hiệu" (number and symbol). Readers search for them in many spellings
//! (`36-NQ/TW`, `nghị quyết 36`, `nq 36`), so the index stores each cited document once in its
//! official form, plus matching keys ([`CitedDocument::keys`]) that the query side
//! ([`references_in_query`]) produces from what a user types.
//!
//! Three shapes cover what the official rules allow and what real text writes:
//! - Party documents, `số-LOẠI/CƠ QUAN`: `36-NQ/TW`, `102-QĐ/TW`, `31-QĐ/ĐU-MTTW`;
//! - normative documents, `số/năm/LOẠI-CƠ QUAN`: `15/2020/NĐ-CP`, `09/2007/QĐ-TTg`, and laws,
//!   `số/năm/QHkhoá`: `45/2019/QH14`;
//! - administrative documents, `số/LOẠI-CƠ QUAN`: `1234/QĐ-UBND`, and official letters (công
//!   văn), `số/CƠ QUAN-ĐƠN VỊ`: `2383/BVHTTDL-TCDL`.
//!
//! Text is matched after folding (NFD, eth, case and marks do not matter), then the symbol is
//! rebuilt from the writer's own letters: upper case, `Đ` restored where a known symbol lost it
//! (`ND-CP` → `NĐ-CP`), the official mixed-case symbols kept (`TTg`, `CTr`, `QyĐ`), serial
//! numbers below ten written with a leading zero as Nghị định 30/2020/NĐ-CP, Phụ lục I, requires.
//!
//! ```
//! use tracuu_index::enrich::cited_documents;
//! let docs = cited_documents("thực hiện Nghị quyết số 36 - nq/tw và Nghị định 15/2020/ND-CP");
//! assert_eq!(docs[0].number, "36-NQ/TW");
//! assert_eq!(docs[0].doc_type.as_deref(), Some("Nghị quyết"));
//! assert_eq!(docs[1].number, "15/2020/NĐ-CP");
//! assert_eq!(docs[1].keys(), vec!["15/2020/nd-cp", "nd:15"]);
//! ```

use regex::{Captures, Regex};
use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::sync::LazyLock;

use crate::text::letters::{fold_base, split_letter};
use crate::text::normalize::{is_invisible, normalize_text};

/// A document cited in an article, normalised to its official written form.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CitedDocument {
    /// Official "Số, ký hiệu": `36-NQ/TW`, `15/2020/NĐ-CP`, `1234/QĐ-UBND`.
    pub number: String,
    /// Document-type code from Nghị định 30/2020/NĐ-CP: `NQ`, `QĐ`, `NĐ`, `CT`, `KL`…
    pub code: String,
    /// Full document type: `Nghị quyết`, `Quyết định`…; `None` for an unknown code.
    pub doc_type: Option<String>,
}

impl CitedDocument {
    /// Index keys for this document: the folded lower-case number and `code:serial`.
    ///
    /// `code:serial` is only produced for known document-type codes (a công văn's symbol starts
    /// with its issuer, which is no type). When the written type carries another code than its
    /// own (a Quốc hội resolution `43/2022/QH15`, a Party "Quy định" written `QĐ`), the type's own
    /// code is added too, so `nghị quyết 43` and `quy định 102` find them.
    pub fn keys(&self) -> Vec<String> {
        let mut keys = vec![fold_key(&self.number)];
        let Some(serial) = serial_of(&self.number) else {
            return keys;
        };
        if doc_type_of_code(&self.code).is_some() {
            keys.push(format!("{}:{serial}", fold_key(&self.code)));
        }
        let type_code = self
            .doc_type
            .as_deref()
            .and_then(|name| DOC_TYPES.iter().find(|t| t.name == name))
            .map(|t| t.code)
            .filter(|code| !code.is_empty() && *code != self.code);
        if let Some(code) = type_code {
            keys.push(format!("{}:{serial}", fold_key(code)));
        }
        keys
    }
}

/// A document reference recognised in a query ("nq 36", "nghị quyết 36", "36-NQ/TW").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryReference {
    /// Byte range of the reference in the query.
    pub span: Range<usize>,
    /// The index key it must match (one of [`CitedDocument::keys`]).
    pub key: String,
}

/// One document type: its name, its code and how the name may be used.
struct DocType {
    /// Name as written before a number: "Nghị quyết".
    name: &'static str,
    /// Official code in the symbol; empty for công văn, whose symbol has no type code.
    code: &'static str,
    /// Other codes a document of this type may carry (a Party "Quy định" is written `QĐ`).
    also: &'static [&'static str],
    /// Whether "name + number" in a query ("nghị quyết 36") is a reference to this type.
    in_query: bool,
}

const fn doc(name: &'static str, code: &'static str, in_query: bool) -> DocType {
    DocType {
        name,
        code,
        also: &[],
        in_query,
    }
}

/// The document types and their codes, used in both directions (code → type, name → code).
///
/// Sources: normative documents from Luật Ban hành văn bản quy phạm pháp luật 2015 and
/// Nghị định 34/2016/NĐ-CP (laws and Quốc hội resolutions are numbered `số/năm/QHkhoá`);
/// Party documents from Hướng dẫn 36-HD/VPTW (2018) on the format of Party documents, which
/// writes both Quyết định and Quy định as `QĐ`; administrative documents from
/// Nghị định 30/2020/NĐ-CP, Phụ lục III, Mục I ("Bảng chữ viết tắt tên loại văn bản").
/// The first type listed for a code is the one the code alone stands for.
const DOC_TYPES: &[DocType] = &[
    // Normative documents.
    doc("Luật", "QH", true),
    doc("Bộ luật", "QH", true),
    DocType {
        name: "Pháp lệnh",
        code: "PL",
        also: &["UBTVQH"],
        in_query: true,
    },
    doc("Lệnh", "L", false),
    doc("Nghị định", "NĐ", true),
    DocType {
        name: "Nghị quyết",
        code: "NQ",
        also: &["QH", "UBTVQH"],
        in_query: true,
    },
    doc("Nghị quyết liên tịch", "NQLT", true),
    doc("Thông tư", "TT", true),
    doc("Thông tư liên tịch", "TTLT", true),
    // Party documents (Kết luận) and Nghị định 30/2020/NĐ-CP, Phụ lục III.
    doc("Quyết định", "QĐ", true),
    doc("Chỉ thị", "CT", true),
    doc("Kết luận", "KL", true),
    DocType {
        name: "Quy định",
        code: "QyĐ",
        also: &["QĐi", "QĐ"],
        in_query: true,
    },
    doc("Quy chế", "QC", false),
    doc("Thông cáo", "TC", false),
    doc("Thông báo", "TB", false),
    doc("Hướng dẫn", "HD", false),
    doc("Chương trình", "CTr", false),
    doc("Kế hoạch", "KH", false),
    doc("Phương án", "PA", false),
    doc("Đề án", "ĐA", false),
    doc("Dự án", "DA", false),
    doc("Báo cáo", "BC", false),
    doc("Biên bản", "BB", false),
    doc("Tờ trình", "TTr", false),
    doc("Hợp đồng", "HĐ", false),
    doc("Công điện", "CĐ", true),
    doc("Bản ghi nhớ", "BGN", false),
    doc("Bản thỏa thuận", "BTT", false),
    doc("Giấy ủy quyền", "GUQ", false),
    doc("Giấy mời", "GM", false),
    doc("Giấy giới thiệu", "GGT", false),
    doc("Giấy nghỉ phép", "GNP", false),
    doc("Phiếu gửi", "PG", false),
    doc("Phiếu chuyển", "PC", false),
    doc("Phiếu báo", "PB", false),
    doc("Bản sao y", "SY", false),
    doc("Bản trích sao", "TrS", false),
    doc("Bản sao lục", "SL", false),
    // Official letters: the symbol is issuer-unit, without a type code.
    doc("Công văn", "", false),
];

/// Symbol parts whose official spelling is not plain upper case, keyed by their folded upper
/// case, with whether the spelling applies only where the type code stands: mixed-case codes from
/// the sources above (`TTg` is the Prime Minister's, `QĐi` the Party's Quy định), codes that lose
/// their `Đ` when typed without Vietnamese input (as an issuer, `ND` may be something else),
/// issuers with `Đ`, and common issuers that are always capitals (so `36-Nq/Tw` is `36-NQ/TW`).
/// `HD`/`HĐ` and `DA`/`ĐA` are two codes each, so they are never rewritten.
const SPELLED_PARTS: &[(&str, &str, bool)] = &[
    ("ND", "NĐ", true),
    ("QD", "QĐ", true),
    ("CD", "CĐ", true),
    ("QYD", "QyĐ", true),
    ("QDI", "QĐi", true),
    ("QDNS", "QĐNS", true),
    ("CTR", "CTr", false),
    ("TTR", "TTr", false),
    ("TRS", "TrS", false),
    ("TTG", "TTg", false),
    ("TW", "TW", false),
    ("CP", "CP", false),
    ("TU", "TU", false),
    ("UBND", "UBND", false),
    ("HDND", "HĐND", false),
    ("HDTP", "HĐTP", false),
    ("BGDDT", "BGDĐT", false),
    ("BKHDT", "BKHĐT", false),
    ("BLDTBXH", "BLĐTBXH", false),
];

/// Codes a query may abbreviate before a serial number: `nq 36`, `NQ36`, `nđ 15`.
const QUERY_CODES: &[&str] = &["NQ", "NĐ", "QĐ", "CT", "KL", "TT", "TTLT", "PL"];

/// Longest symbol part: `BVHTTDL`, `UBTVQH13`, `BLĐTBXH` fit; run-on junk does not.
const PART: &str = "[a-z][a-z0-9]{0,11}";

/// A document number in folded text (ASCII lower case, marks dropped).
static NUMBER: LazyLock<Regex> = LazyLock::new(|| compile(&number_pattern()));

/// A type name written just before a number: "Nghị quyết số ", "Quyết định: ".
static TYPE_BEFORE: LazyLock<Regex> = LazyLock::new(|| compile(&type_before_pattern()));

/// "nghị quyết 36", "nghi dinh so 15/2020" in a folded query.
static NAME_SERIAL: LazyLock<Regex> = LazyLock::new(|| compile(&name_serial_pattern()));

/// "nq 36", "NQ36", "nq-36", "nđ 15" in a folded query.
static CODE_SERIAL: LazyLock<Regex> = LazyLock::new(|| compile(&code_serial_pattern()));

fn number_pattern() -> String {
    format!(
        r"(?x-u)
        \b(?P<num>[0-9]{{1,5}})
        (?:
            [\ \t]*-[\ \t]*(?P<pcode>[a-z]{{1,6}})[\ \t]*/[\ \t]*(?P<pissuer>{PART}(?:-{PART})*)
          | [\ \t]*/[\ \t]*(?P<year>(?:19|20)[0-9]{{2}})[\ \t]*/[\ \t]*(?P<ysign>{PART}(?:-{PART})*)
          | [\ \t]*/[\ \t]*(?P<ssign>{PART}(?:-{PART})+)
        )\b"
    )
}

fn type_before_pattern() -> String {
    format!(
        r"(?:^|[^a-z0-9])(?P<name>{})[ \t]*(?:so[ \t]*)?:?[ \t]*$",
        type_names(|_| true)
    )
}

/// An optional "/năm" after a serial: "nghị định 15/2020".
const YEAR_AFTER: &str = r"(?:[ \t]*/[ \t]*(?:19|20)[0-9]{2})?";

fn name_serial_pattern() -> String {
    let names = type_names(|t| t.in_query);
    format!(r"(?-u)\b(?P<name>{names})[ \t]*(?:so[ \t]*)?(?P<num>[0-9]{{1,5}}){YEAR_AFTER}\b")
}

fn code_serial_pattern() -> String {
    let mut codes: Vec<String> = QUERY_CODES.iter().map(|c| fold_key(c)).collect();
    codes.sort_by_key(|c| std::cmp::Reverse(c.len()));
    let codes = codes.join("|");
    format!(
        r"(?-u)\b(?P<code>{codes})[ \t]*[-.]?[ \t]*(?:so[ \t]*)?(?P<num>[0-9]{{1,5}}){YEAR_AFTER}\b"
    )
}

/// The patterns are built from this module's constants, so a failure is a bug that the tests
/// catch (`every_pattern_compiles`); at run time it leaves references out rather than abort.
fn compile(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|err| {
        tracing::error!(%err, "document-number pattern does not compile");
        Regex::new(r"[^\s\S]").unwrap_or_else(|_| unreachable!("the empty class compiles"))
    })
}

/// Folded type names as a regex alternation, longest first so "thong tu lien tich" wins.
fn type_names(keep: impl Fn(&DocType) -> bool) -> String {
    let mut names: Vec<String> = DOC_TYPES
        .iter()
        .filter(|t| keep(t))
        .map(|t| fold_key(t.name).replace(' ', "[ \\t]+"))
        .collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names.join("|")
}

/// True when a slash is followed (spaces aside) by a letter: the cheap test every citation passes.
fn has_slash_before_letter(text: &str) -> bool {
    let mut after_slash = false;
    for c in text.chars() {
        if matches!(c, '/' | '\u{2044}' | '\u{2215}') {
            after_slash = true;
        } else if after_slash && !c.is_whitespace() {
            if c.is_alphabetic() {
                return true;
            }
            after_slash = false;
        }
    }
    false
}

/// The documents cited in `text`, deduplicated, in order of first appearance.
pub fn cited_documents(text: &str) -> Vec<CitedDocument> {
    // Every shape has a slash before a letter (`36-NQ/TW`, `15/2020/NĐ-CP`); dates have slashes
    // before digits only, so most articles cite nothing and leave here without being folded.
    if !has_slash_before_letter(text) {
        return Vec::new();
    }
    let folded = FoldedText::new(text);
    let mut found: Vec<CitedDocument> = Vec::new();
    for caps in NUMBER.captures_iter(&folded.text) {
        let Some(parsed) = parse_number(&folded, &caps) else {
            continue;
        };
        if !found.iter().any(|d| d.number == parsed.document.number) {
            found.push(parsed.document);
        }
    }
    found
}

/// Document references inside a query.
///
/// Full numbers (`36-nq/tw`, `luật 45/2019/QH14`) give the number's key; a type name or code
/// with a serial (`nghị quyết 36`, `nq 36`, `nđ 15/2020`) gives `code:serial`. A bare number is
/// never a reference. Spans include the type name, so the caller can drop them from the words.
pub fn references_in_query(query: &str) -> Vec<QueryReference> {
    let folded = FoldedText::new(query);
    let mut refs: Vec<(Range<usize>, String)> = Vec::new();
    for caps in NUMBER.captures_iter(&folded.text) {
        if let Some(parsed) = parse_number(&folded, &caps) {
            let start = parsed.prefix_start.unwrap_or(parsed.span.start);
            refs.push((start..parsed.span.end, fold_key(&parsed.document.number)));
        }
    }
    for caps in NAME_SERIAL.captures_iter(&folded.text) {
        let code = caps
            .name("name")
            .and_then(|name| type_by_folded_name(name.as_str()))
            .map(|t| t.code)
            .filter(|code| !code.is_empty());
        push_serial_ref(&mut refs, &caps, code);
    }
    for caps in CODE_SERIAL.captures_iter(&folded.text) {
        let code = caps.name("code").and_then(|c| {
            QUERY_CODES
                .iter()
                .copied()
                .find(|q| fold_key(q) == c.as_str())
        });
        push_serial_ref(&mut refs, &caps, code);
    }
    refs.sort_by_key(|(span, _)| span.start);
    refs.into_iter()
        .map(|(span, key)| QueryReference {
            span: folded.original(span),
            key,
        })
        .collect()
}

fn push_serial_ref(
    refs: &mut Vec<(Range<usize>, String)>,
    caps: &Captures<'_>,
    code: Option<&str>,
) {
    let (Some(whole), Some(code), Some(serial)) = (
        caps.get(0),
        code,
        caps.name("num")
            .and_then(|n| n.as_str().parse::<u32>().ok()),
    ) else {
        return;
    };
    let span = whole.range();
    if refs
        .iter()
        .any(|(r, _)| r.start < span.end && span.start < r.end)
    {
        return;
    }
    refs.push((span, format!("{}:{serial}", fold_key(code))));
}

fn type_by_folded_name(folded: &str) -> Option<&'static DocType> {
    let name: String = folded.split_whitespace().collect::<Vec<_>>().join(" ");
    DOC_TYPES.iter().find(|t| fold_key(t.name) == name)
}

/// A number recognised in folded text, rebuilt from the original letters.
struct ParsedNumber {
    document: CitedDocument,
    /// Folded byte range of the number itself.
    span: Range<usize>,
    /// Folded start of a type name written just before it ("Nghị quyết số").
    prefix_start: Option<usize>,
}

fn parse_number(folded: &FoldedText<'_>, caps: &Captures<'_>) -> Option<ParsedNumber> {
    let whole = caps.get(0)?;
    // "…/2020/NĐ-CP" with the serial left blank in a template, or a fraction before it.
    if folded.text[..whole.start()].ends_with(['/', '.', ',']) {
        return None;
    }
    let serial: u32 = caps.name("num")?.as_str().parse().ok().filter(|&n| n > 0)?;
    let serial = format!("{serial:02}");
    let parts_of =
        |m: regex::Match<'_>, code_first| symbol_parts(folded.original_text(m.range()), code_first);

    let (number, code, written) =
        if let (Some(pcode), Some(issuer)) = (caps.name("pcode"), caps.name("pissuer")) {
            let mut written = parts_of(pcode, true);
            let code = written.first()?.1.clone();
            let issuer = parts_of(issuer, false);
            let number = format!("{serial}-{code}/{}", spelled(&issuer).join("-"));
            written.extend(issuer);
            (number, code, written)
        } else if let (Some(year), Some(sign)) = (caps.name("year"), caps.name("ysign")) {
            let written = parts_of(sign, true);
            let first = &written.first()?.1;
            // `QH14`, `UBTVQH13`: a lone part is the issuer with its term number; the code drops it.
            let code = if written.len() == 1 {
                first.trim_end_matches(|c: char| c.is_ascii_digit())
            } else {
                first
            };
            let number = format!("{serial}/{}/{}", year.as_str(), spelled(&written).join("-"));
            (number, code.to_string(), written)
        } else {
            let written = parts_of(caps.name("ssign")?, true);
            let code = written.first()?.1.clone();
            (
                format!("{serial}/{}", spelled(&written).join("-")),
                code,
                written,
            )
        };
    if code.is_empty() || (doc_type_of_code(&code).is_none() && !looks_like_symbol(&written)) {
        return None;
    }

    let window = whole.start().saturating_sub(40);
    let prefix = TYPE_BEFORE.captures(&folded.text[window..whole.start()]);
    let prefix_name = prefix.as_ref().and_then(|p| p.name("name"));
    let prefix_type = prefix_name.and_then(|n| type_by_folded_name(n.as_str()));
    let prefix_start = prefix_name.map(|n| window + n.start());
    let doc_type = type_for(&code, prefix_type).map(str::to_string);
    Some(ParsedNumber {
        document: CitedDocument {
            number,
            code,
            doc_type,
        },
        span: whole.range(),
        prefix_start,
    })
}

/// The type of a document with this code, given the type name written before it, if any.
fn type_for(code: &str, written: Option<&DocType>) -> Option<&'static str> {
    let by_code = doc_type_of_code(code);
    match written {
        Some(w) if by_code.is_none() || w.code == code || w.also.contains(&code) => {
            DOC_TYPES.iter().find(|t| t.name == w.name).map(|t| t.name)
        }
        _ => by_code.map(|t| t.name),
    }
}

fn doc_type_of_code(code: &str) -> Option<&'static DocType> {
    if code.is_empty() {
        return None;
    }
    DOC_TYPES.iter().find(|t| t.code == code)
}

/// Splits an original symbol fragment into parts: (as written, NFC; official spelling).
/// `code_first`: the first part stands where the type code does.
fn symbol_parts(original: &str, code_first: bool) -> Vec<(String, String)> {
    let normalized = normalize_text(original);
    normalized
        .split(|c: char| {
            c == '-' || c == '/' || ('\u{2010}'..='\u{2015}').contains(&c) || c == '\u{2212}'
        })
        .map(|part| {
            part.chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
        })
        .filter(|part| !part.is_empty())
        .enumerate()
        .map(|(at, part)| {
            let spelled = spell_part(&part, code_first && at == 0);
            (part, spelled)
        })
        .collect()
}

fn spelled(parts: &[(String, String)]) -> Vec<&str> {
    parts.iter().map(|(_, spelled)| spelled.as_str()).collect()
}

/// A symbol part in its official spelling: a known spelling if there is one; else a part the
/// writer cased deliberately (`GDTrH`, `NHNo`) keeps its case, and the rest is upper case.
fn spell_part(part: &str, is_code: bool) -> String {
    let key = fold_key(part).to_ascii_uppercase();
    let known = SPELLED_PARTS
        .iter()
        .find(|(folded, _, code_only)| *folded == key && (is_code || !code_only));
    if let Some((_, spelled, _)) = known {
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

/// For symbols with an unknown code: written in capitals, as symbols are (`BVHTTDL-TCDL`,
/// `SXD-TTra`), so prose such as "5-ngày/tuần" or "Nam/Nữ" is not taken for a document.
fn looks_like_symbol(parts: &[(String, String)]) -> bool {
    let capitalised = |written: &str| {
        written
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    };
    let Some((first, _)) = parts.first() else {
        return false;
    };
    let (upper, lower) = first
        .chars()
        .filter(|c| c.is_alphabetic())
        .fold((0, 0), |(u, l), c| {
            if c.is_uppercase() {
                (u + 1, l)
            } else {
                (u, l + 1)
            }
        });
    upper >= lower && parts.iter().all(|(written, _)| capitalised(written))
}

/// The serial number at the start of a document number, without leading zeros.
fn serial_of(number: &str) -> Option<u32> {
    let digits: String = number.chars().take_while(|c| c.is_ascii_digit()).collect();
    digits.parse().ok()
}

/// Folds to ASCII lower case with every mark removed (`đ` → `d`): the form keys are stored in.
fn fold_key(text: &str) -> String {
    FoldedText::new(text).text
}

/// A text folded to ASCII lower case, one byte per visible character, with the map back.
///
/// Keeping one byte per character lets the regexes above run on plain ASCII and every match be
/// traced back to the writer's own characters (NFD marks and invisible characters are folded
/// into the character before them).
struct FoldedText<'a> {
    source: &'a str,
    text: String,
    /// Original byte offset where each folded byte's character starts.
    starts: Vec<usize>,
    /// Original byte offset where each folded byte's character (with its marks) ends.
    ends: Vec<usize>,
}

impl<'a> FoldedText<'a> {
    fn new(source: &'a str) -> Self {
        let mut folded = FoldedText {
            source,
            text: String::with_capacity(source.len()),
            starts: Vec::with_capacity(source.len()),
            ends: Vec::with_capacity(source.len()),
        };
        for (at, c) in source.char_indices() {
            let end = at + c.len_utf8();
            if ('\u{300}'..='\u{36F}').contains(&c) || is_invisible(c) {
                if let Some(last) = folded.ends.last_mut() {
                    *last = end;
                }
                continue;
            }
            folded.text.push(fold_char(c));
            folded.starts.push(at);
            folded.ends.push(end);
        }
        folded
    }

    /// The original byte range of a non-empty folded byte range.
    fn original(&self, span: Range<usize>) -> Range<usize> {
        match (
            self.starts.get(span.start),
            span.end.checked_sub(1).and_then(|last| self.ends.get(last)),
        ) {
            (Some(&start), Some(&end)) if start <= end => start..end,
            _ => 0..0,
        }
    }

    /// The writer's own text behind a folded byte range.
    fn original_text(&self, span: Range<usize>) -> &'a str {
        self.source.get(self.original(span)).unwrap_or_default()
    }
}

fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    if let Some(letter) = split_letter(c) {
        let base = fold_base(letter.base);
        return if base.is_ascii() { base } else { '\u{1}' };
    }
    match c {
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        '\u{2044}' | '\u{2215}' => '/',
        c if c.is_whitespace() => ' ',
        _ => '\u{1}',
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    fn numbers(text: &str) -> Vec<String> {
        cited_documents(text)
            .into_iter()
            .map(|d| d.number)
            .collect()
    }

    fn keys(query: &str) -> Vec<(String, String)> {
        references_in_query(query)
            .into_iter()
            .map(|r| (query[r.span].to_string(), r.key))
            .collect()
    }

    #[test]
    fn every_pattern_compiles() {
        for pattern in [
            number_pattern(),
            type_before_pattern(),
            name_serial_pattern(),
            code_serial_pattern(),
        ] {
            assert!(Regex::new(&pattern).is_ok(), "{pattern}");
        }
    }

    // Seed 001.
    #[test]
    fn seed_001_cites_a_resolution_a_directive_and_a_conclusion() {
        let text = "để triển khai thực hiện\u{a0}Nghị quyết số 36-NQ/TW, Chỉ thị số 45-CT/TW, Kết luận số 12-KL/TW về \
                    công tác người Việt Nam ở nước ngoài trong tình hình mới,\u{a0}xây dựng các kế hoạch";
        let docs = cited_documents(text);
        let found: Vec<(&str, &str, Option<&str>)> = docs
            .iter()
            .map(|d| (d.number.as_str(), d.code.as_str(), d.doc_type.as_deref()))
            .collect();
        assert_eq!(
            found,
            vec![
                ("36-NQ/TW", "NQ", Some("Nghị quyết")),
                ("45-CT/TW", "CT", Some("Chỉ thị")),
                ("12-KL/TW", "KL", Some("Kết luận")),
            ]
        );
        assert_eq!(docs[0].keys(), vec!["36-nq/tw", "nq:36"]);
    }

    // Seeds 002 and 004: dates around the number are not documents.
    #[test]
    fn dates_next_to_numbers_are_not_documents() {
        let seed_002 = "Hội nghị người Việt Nam toàn thế giới lần thứ 4 và Diễn đàn trí thức chuyên gia người Việt Nam \
                        ở nước ngoài năm 2024 (dự kiến diễn ra từ ngày 21-24/8/2024); đánh giá kết quả 20 năm thực hiện \
                        Nghị quyết số 36-NQ/TW của Bộ Chính trị về công tác người Việt Nam ở nước ngoài";
        assert_eq!(numbers(seed_002), vec!["36-NQ/TW"]);
        let seed_004 = "thực hiện các nhiệm vụ và giải pháp được nêu trong Kết luận số 12-KL/TW ngày 12/8/2021 của \
                        Bộ Chính trị về công tác người Việt Nam ở nước ngoài trong tình hình mới.";
        assert_eq!(numbers(seed_004), vec!["12-KL/TW"]);
        let seed_000 = "Chiều ngày 22/02/2021, Ban về người Việt Nam ở\u{a0} nước ngoài tỉnh Quảng Nam … bị ảnh hưởng bởi \
                        đại dịch Covid - 19 ở nhiều phương diện. [10:35 - 18/01/2021] Đăng ngày 05-11-2021 02:51. \
                        Liên hệ 0235.3810.000 hoặc 0905/123456; làm việc 5-ngày/tuần, giới tính Nam/Nữ.";
        assert_eq!(numbers(seed_000), Vec::<String>::new());
    }

    #[test]
    fn state_documents_and_laws_take_their_official_form() {
        let text = "Căn cứ Nghị định 15/2020/NĐ-CP, Quyết định 1234/QĐ-UBND và Luật số 03/2022/QH15, \
                    Luật Đầu tư công 39/2019/QH14, Quyết định 09/2007/QĐ-TTg của Thủ tướng";
        let docs = cited_documents(text);
        let found: Vec<(&str, &str, Option<&str>)> = docs
            .iter()
            .map(|d| (d.number.as_str(), d.code.as_str(), d.doc_type.as_deref()))
            .collect();
        assert_eq!(
            found,
            vec![
                ("15/2020/NĐ-CP", "NĐ", Some("Nghị định")),
                ("1234/QĐ-UBND", "QĐ", Some("Quyết định")),
                ("03/2022/QH15", "QH", Some("Luật")),
                ("39/2019/QH14", "QH", Some("Luật")),
                ("09/2007/QĐ-TTg", "QĐ", Some("Quyết định")),
            ]
        );
        assert_eq!(docs[0].keys(), vec!["15/2020/nd-cp", "nd:15"]);
        assert_eq!(docs[1].keys(), vec!["1234/qd-ubnd", "qd:1234"]);
    }

    #[test]
    fn variants_of_real_text_normalise_to_one_number() {
        // Spaces, lower case, Đ typed as D, NFD, the eth, a mis-cased TTg, a missing leading zero.
        let nfd: String = "Nghị quyết số 36-NQ/TW".nfd().collect();
        for written in [
            "Nghị quyết số 36 - NQ/TW",
            "nghị quyết 36-nq/tw",
            "Nghị quyết số 36 -NQ / TW",
            nfd.as_str(),
        ] {
            assert_eq!(numbers(written), vec!["36-NQ/TW"], "{written}");
        }
        assert_eq!(numbers("Nghị định 38/2012/ND-CP"), vec!["38/2012/NĐ-CP"]);
        assert_eq!(numbers("Nghị định 38/2012/NÐ-CP"), vec!["38/2012/NĐ-CP"]);
        assert_eq!(
            numbers("Quyết định 590/QĐ-TTG, 34/2018/QD-TTg"),
            vec!["590/QĐ-TTg", "34/2018/QĐ-TTg"]
        );
        assert_eq!(numbers("Chỉ thị 5-CT/TW"), vec!["05-CT/TW"]);
        assert_eq!(numbers("Luật 94/2015/Qh13"), vec!["94/2015/QH13"]);
    }

    // Real numbers from the corpora in ../shared/data/docnum/document-numbers-seen.tsv.
    #[test]
    fn real_numbers_keep_their_symbols() {
        for real in [
            "46/2016/NĐ-CP",
            "102-QĐ/TW",
            "2383/BVHTTDL-TCDL",
            "1087-QĐ/TU",
            "02/2018/NQ-HĐTP",
            "31-QĐ/ĐU-MTTW",
            "1130/2016/UBTVQH13",
            "30/2014/L-CTN",
            "10/2016/TT-BGDĐT",
            "322/BGDĐT-GDTrH",
            "08-QĐi/TW",
            "06/2013/TTLT-BCA-BQP-BTC-BNN",
        ] {
            assert_eq!(
                numbers(&format!("theo văn bản số {real} của cơ quan")),
                vec![real]
            );
        }
        let letter = &cited_documents("Công văn số 2383/BVHTTDL-TCDL")[0];
        assert_eq!(
            (letter.code.as_str(), letter.doc_type.as_deref()),
            ("BVHTTDL", Some("Công văn"))
        );
        assert_eq!(letter.keys(), vec!["2383/bvhttdl-tcdl"]);
    }

    #[test]
    fn the_written_type_decides_shared_codes() {
        let docs = cited_documents(
            "Quy định số 102-QĐ/TW, Quyết định số 102-QĐ/TW và Nghị quyết số 43/2022/QH15",
        );
        let types: Vec<Option<&str>> = docs.iter().map(|d| d.doc_type.as_deref()).collect();
        assert_eq!(types, vec![Some("Quy định"), Some("Nghị quyết")]);
        assert_eq!(docs[1].keys(), vec!["43/2022/qh15", "qh:43", "nq:43"]);
        assert_eq!(
            cited_documents("Quy định 08-QĐi/TW")[0].doc_type.as_deref(),
            Some("Quy định")
        );
    }

    #[test]
    fn repeated_citations_are_listed_once_in_order() {
        let text = "Kết luận số 12-KL/TW … Nghị quyết 36-NQ/TW … Kết luận 12 - KL/TW … nghị quyết 36-nq/tw";
        assert_eq!(numbers(text), vec!["12-KL/TW", "36-NQ/TW"]);
    }

    #[test]
    fn query_references_in_every_spelling() {
        for (query, key) in [
            ("36-NQ/TW", "36-nq/tw"),
            ("36-nq/tw", "36-nq/tw"),
            ("nghị quyết 36", "nq:36"),
            ("nghi quyet so 36", "nq:36"),
            ("Nghị Quyết 36", "nq:36"),
            ("nq 36", "nq:36"),
            ("NQ36", "nq:36"),
            ("nq-36", "nq:36"),
            ("nghị định 15/2020", "nd:15"),
            ("nđ 15", "nd:15"),
            ("quyết định 1234", "qd:1234"),
            ("kết luận 12", "kl:12"),
            ("luật 45/2019/QH14", "45/2019/qh14"),
        ] {
            assert_eq!(
                keys(query),
                vec![(query.to_string(), key.to_string())],
                "{query}"
            );
        }
    }

    #[test]
    fn query_spans_let_the_caller_keep_the_other_words() {
        let query = "người Việt ở nước ngoài nghị quyết 36 OR kl 12";
        assert_eq!(
            keys(query),
            vec![
                ("nghị quyết 36".to_string(), "nq:36".to_string()),
                ("kl 12".to_string(), "kl:12".to_string())
            ]
        );
        let nfd: String = "Nghị quyết số 36-NQ/TW của Bộ Chính trị".nfd().collect();
        let refs = references_in_query(&nfd);
        assert_eq!(refs.len(), 1);
        assert_eq!(refs[0].key, "36-nq/tw");
        assert_eq!(
            nfd[refs[0].span.clone()].nfc().collect::<String>(),
            "Nghị quyết số 36-NQ/TW"
        );
    }

    #[test]
    fn bare_numbers_and_years_are_not_references() {
        assert!(references_in_query("36").is_empty());
        assert!(references_in_query("người Việt năm 2021").is_empty());
        assert!(references_in_query("kế hoạch 2024 ngày 22/02/2021").is_empty());
    }

    #[test]
    fn query_keys_meet_document_keys() {
        let doc = &cited_documents("thực hiện Nghị quyết số 36-NQ/TW")[0];
        for query in ["36-NQ/TW", "nghị quyết 36", "nq 36", "NQ36"] {
            let key = &references_in_query(query)[0].key;
            assert!(doc.keys().contains(key), "{query} → {key}");
        }
    }
}
