//! Cited documents: "Nghị quyết số 36-NQ/TW" → `36-NQ/TW`, code `NQ`, type `Nghị quyết`.
//!
//! Vietnamese government news cites laws, decrees, Party resolutions and administrative decisions
//! by their "Số, ký hiệu" (number and symbol). Readers search for them in many spellings
//! (`36-NQ/TW`, `nghị quyết 36`, `nq 36`, `nghị quyết 36 năm 2004`), so the index stores each
//! cited document once in its official form, plus matching keys ([`CitedDocument::keys`]) that
//! the query side ([`references_in_query`]) produces from what a user types.
//!
//! Three shapes cover what the official rules allow and what real text writes:
//! - Party documents, `số-LOẠI/CƠ QUAN`: `36-NQ/TW`, `102-QĐ/TW`, `31-QĐ/ĐU-MTTW`; one of a
//!   Party body written in the State's style (`36/NQ-TW`, which news often does) is stored as
//!   the Party numbers it, so the document is one facet value whichever way it is written;
//! - normative documents, `số/năm/LOẠI-CƠ QUAN`: `15/2020/NĐ-CP`, `09/2007/QĐ-TTg`, laws,
//!   `số/năm/QHkhoá`: `45/2019/QH14`, and the Government's yearly resolutions, `số-năm/NQ-CP`:
//!   `19-2017/NQ-CP` (a number of its own: `01-2017/NQ-CP` is another resolution);
//! - administrative documents, `số/LOẠI-CƠ QUAN`: `1234/QĐ-UBND`, and official letters (công
//!   văn), `số/CƠ QUAN-ĐƠN VỊ`: `2383/BVHTTDL-TCDL`.
//!
//! Text is matched after folding (NFD, eth, case and marks do not matter), with the spacing and
//! separators real text uses ("35/NQ - CP", "02/2017/TT- BYT", "67/2014 NĐ-CP", "134/2016-NĐ-CP",
//! "32/2013/TT/BTC", "số187/2004/NĐ-CP", "30a/2008/NQ-CP"). A symbol whose code is no known
//! type must be written in capitals, unless "số" or a type name introduces it and its letters
//! are plain ("công văn số 3386/tchq-txnk"), so prose ("5-ngày/tuần") is not taken for a
//! document. Then the symbol is rebuilt from the
//! writer's own letters ([`symbol`]): upper case, `Đ` restored where a known symbol lost it
//! (`ND-CP` → `NĐ-CP`), the official mixed-case symbols kept (`TTg`, `CTr`, `QyĐ`), hyphens
//! without spaces, serial numbers below ten written with a leading zero as Nghị định
//! 30/2020/NĐ-CP, Phụ lục I, requires. The year of a document whose number has none is the date
//! of issue written right after it ("36-NQ/TW ngày 26/3/2004", [`year`]).
//!
//! ```
//! use tracuu_index::enrich::cited_documents;
//! let docs = cited_documents("thực hiện Nghị quyết số 36 - nq/tw ngày 26/3/2004 và Nghị định 15/2020/ND-CP");
//! assert_eq!(docs[0].number, "36-NQ/TW");
//! assert_eq!(docs[0].doc_type.as_deref(), Some("Nghị quyết"));
//! assert_eq!(docs[0].year, Some(2004));
//! assert_eq!(docs[1].number, "15/2020/NĐ-CP");
//! assert_eq!(docs[1].keys(), vec!["15/2020/nd-cp", "15/2020/nd-cp@2020", "nd:15", "nd:15/2020"]);
//! ```

mod describe;
mod folded;
mod patterns;
mod query;
mod symbol;
mod types;
mod year;

use std::ops::Range;

use regex::Captures;

use crate::text::normalize::normalize_text;
use serde::{Deserialize, Serialize};

pub(crate) use describe::describe;
pub use describe::{DocumentDescription, IssuerPart, describe_document};
use folded::{FoldedText, fold_key};
use patterns::{NUMBER, TYPE_BEFORE};
pub use query::{QueryReference, references_in_query};
use symbol::Part;
pub use types::type_named_in_queries;
use types::{doc_type_of_code, type_by_folded_name, type_by_name, type_for};

/// The year part of a key for a document whose year the text does not say: `nq:36/?`.
pub const UNKNOWN_YEAR: &str = "?";

/// A document cited in an article, normalised to its official written form.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CitedDocument {
    /// Official "Số, ký hiệu": `36-NQ/TW`, `15/2020/NĐ-CP`, `1234/QĐ-UBND`.
    pub number: String,
    /// Document-type code from Nghị định 30/2020/NĐ-CP: `NQ`, `QĐ`, `NĐ`, `CT`, `KL`…
    pub code: String,
    /// Full document type: `Nghị quyết`, `Quyết định`…; `None` for an unknown code.
    pub doc_type: Option<String>,
    /// Year of issue: the number's own (`15/2020/NĐ-CP`), or the date written right after the
    /// number ("36-NQ/TW ngày 26/3/2004"); `None` when the text does not say.
    #[serde(default)]
    pub year: Option<u16>,
}

impl CitedDocument {
    /// The key of the number itself, the first of [`CitedDocument::keys`]: `36-nq/tw`.
    pub fn number_key(&self) -> String {
        number_key(&self.number)
    }

    /// Index keys for this document:
    /// - the folded lower-case number (`36-nq/tw`), and with its year (`36-nq/tw@2004`, or
    ///   `36-nq/tw@?` when the text does not say);
    /// - `code:serial` (`nq:36`) and `code:serial/year` (`nq:36/2004`, `nq:36/?`), for known
    ///   document-type codes only (a công văn's symbol starts with its issuer, which is no type).
    ///
    /// When the written type carries another code than its own (a Quốc hội resolution
    /// `43/2022/QH15`, a Party "Quy định" written `QĐ`), the type's own code is added too, so
    /// `nghị quyết 43` and `quy định 102` find them.
    pub fn keys(&self) -> Vec<String> {
        let number = self.number_key();
        let year = self
            .year
            .map_or_else(|| UNKNOWN_YEAR.to_string(), |y| y.to_string());
        let mut keys = vec![number.clone(), format!("{number}@{year}")];
        let Some(serial) = serial_key(&self.number) else {
            return keys;
        };
        let own = doc_type_of_code(&self.code).map(|_| self.code.as_str());
        let written = self
            .doc_type
            .as_deref()
            .and_then(type_by_name)
            .map(|t| t.code)
            .filter(|code| !code.is_empty() && *code != self.code);
        for code in own.into_iter().chain(written) {
            let code = fold_key(code);
            keys.push(format!("{code}:{serial}"));
            keys.push(format!("{code}:{serial}/{year}"));
        }
        keys
    }
}

/// One place a document is cited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// The document, with the year written at this place.
    pub document: CitedDocument,
    /// Byte range in the text: the type name written before the number (when there is one)
    /// to the end of the number.
    pub span: Range<usize>,
}

/// Every citation in `text`, in order.
pub fn citations(text: &str) -> Vec<Citation> {
    citations_read(text, Reading::Text)
}

fn citations_read(text: &str, reading: Reading) -> Vec<Citation> {
    // Every shape has a slash before a letter (`36-NQ/TW`, `15/2020/NĐ-CP`) or a year before
    // one (`67/2014 NĐ-CP`); most articles cite nothing and leave here without being folded.
    if !may_cite(text) {
        return Vec::new();
    }
    let folded = FoldedText::new(text);
    NUMBER
        .captures_iter(&folded.text)
        .filter_map(|caps| parse_number(&folded, &caps, reading))
        .map(|parsed| Citation {
            span: folded
                .original(parsed.prefix_start.unwrap_or(parsed.span.start)..parsed.span.end),
            document: parsed.document,
        })
        .collect()
}

/// The documents cited in `text`, deduplicated, in order of first appearance; each with the
/// first year written for it.
pub fn cited_documents(text: &str) -> Vec<CitedDocument> {
    let mut found: Vec<CitedDocument> = Vec::new();
    for citation in citations(text) {
        match found
            .iter_mut()
            .find(|d| d.number == citation.document.number)
        {
            Some(known) => {
                known.year = known.year.or(citation.document.year);
            }
            None => found.push(citation.document),
        }
    }
    found
}

/// The document a text names when it is one document number and nothing else
/// (`36-NQ/TW`, `15/2020/nd-cp`, `Nghị quyết 36-NQ/TW`), in its official form: read as a
/// number "số" introduces, so every number a facet shows names its document again.
pub fn parse_document_number(text: &str) -> Option<CitedDocument> {
    let text = text.trim();
    let found = citations_read(text, Reading::Named);
    match found.as_slice() {
        [one] if one.span == (0..text.len()) => Some(one.document.clone()),
        _ => None,
    }
}

/// True when a slash is followed (spaces aside) by a letter, or by a year and a capital
/// ("67/2014 NĐ-CP", "134/2016-NĐ-CP"): the cheap test every citation passes, so that most
/// articles, which cite nothing, are never folded.
fn may_cite(text: &str) -> bool {
    let is_slash = |c: char| matches!(c, '/' | '\u{2044}' | '\u{2215}' | '\u{FF0F}');
    text.char_indices()
        .filter(|(_, c)| is_slash(*c) || *c == '-')
        .any(|(at, c)| {
            if c == '-' {
                return hyphened_year_and_symbol(&text[at + 1..]);
            }
            let rest = text[at + c.len_utf8()..].trim_start();
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            let next = rest[digits..]
                .trim_start_matches(|c: char| {
                    c.is_whitespace() || c == '-' || ('\u{2010}'..='\u{2015}').contains(&c)
                })
                .chars()
                .next();
            match digits {
                0 => rest.chars().next().is_some_and(char::is_alphabetic),
                4 => next.is_some_and(char::is_uppercase),
                _ => false,
            }
        })
}

/// After a hyphen, a year, a hyphen and a capital: `15-2020-NĐ-CP`, every separator a hyphen.
fn hyphened_year_and_symbol(rest: &str) -> bool {
    let bytes = rest.as_bytes();
    bytes.len() > 5
        && bytes[..4].iter().all(u8::is_ascii_digit)
        && bytes[4] == b'-'
        && rest[5..].starts_with(char::is_uppercase)
}

/// The serial number at the start of a document number as keys write it: no leading zeros, the
/// letter kept (`05-CT/TW` → `5`, `30a/2008/NQ-CP` → `30a`).
pub(crate) fn serial_key(number: &str) -> Option<String> {
    let digits: String = number.chars().take_while(|c| c.is_ascii_digit()).collect();
    let serial: u32 = digits.parse().ok().filter(|&n| n > 0)?;
    let letter = number[digits.len()..]
        .chars()
        .next()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_lowercase());
    Some(match letter {
        Some(letter) => format!("{serial}{letter}"),
        None => serial.to_string(),
    })
}

/// The key of a number: folded lower case, and the Government's `19-2017/NQ-CP` style keyed as
/// `19/2017/nq-cp`, so that either way of writing one document finds it.
pub(crate) fn number_key(number: &str) -> String {
    let mut key = fold_key(number);
    let serial = key.bytes().take_while(u8::is_ascii_digit).count();
    let serial = serial
        + usize::from(
            key.as_bytes()
                .get(serial)
                .is_some_and(u8::is_ascii_lowercase),
        );
    let year_then_slash = key.get(serial + 1..serial + 6).is_some_and(|year| {
        year.as_bytes()[..4].iter().all(u8::is_ascii_digit) && year.ends_with('/')
    });
    if key.as_bytes().get(serial) == Some(&b'-') && year_then_slash {
        key.replace_range(serial..=serial, "/");
    }
    key
}

/// The keys of a number as typed, then of the same number with its two separators swapped, when
/// it has a serial, a type code and an issuer and no year (`36/NQ-TW` for `36-NQ/TW`): the Party's
/// style and the Government's, which news mixes up for one document.
pub(crate) fn number_keys(number: &str) -> Vec<String> {
    let key = number_key(number);
    let swapped = separators_swapped(&key);
    std::iter::once(key).chain(swapped).collect()
}

/// `36-nq/tw` ↔ `36/nq-tw`.
fn separators_swapped(key: &str) -> Option<String> {
    let at: Vec<usize> = key
        .bytes()
        .enumerate()
        .filter(|(_, b)| matches!(b, b'/' | b'-'))
        .map(|(i, _)| i)
        .collect();
    let [first, second] = at[..] else {
        return None;
    };
    let bytes = key.as_bytes();
    let code = &key[first + 1..second];
    let serial_first = bytes.first().is_some_and(u8::is_ascii_digit);
    let issuer = &key[second + 1..];
    if bytes[first] == bytes[second]
        || !serial_first
        || code.is_empty()
        || !code.bytes().all(|b| b.is_ascii_alphabetic())
        || issuer.is_empty()
    {
        return None;
    }
    let mut swapped = bytes.to_vec();
    swapped.swap(first, second);
    String::from_utf8(swapped).ok()
}

/// The document type a name stands for, however it is typed (`nghi quyet` → `Nghị quyết`).
pub fn canonical_type(name: &str) -> Option<&'static str> {
    type_by_folded_name(&fold_key(name)).map(|t| t.name)
}

/// Folded upper case: the form symbol parts are compared in (`HĐND` → `HDND`).
pub(crate) fn fold_upper(text: &str) -> String {
    fold_key(text).to_ascii_uppercase()
}

/// A number recognised in folded text, rebuilt from the original letters.
struct ParsedNumber {
    document: CitedDocument,
    /// Folded byte range of the number itself.
    span: Range<usize>,
    /// Folded start of a type name written just before it ("Nghị quyết số").
    prefix_start: Option<usize>,
    /// The year the number itself carries (`15/2020/NĐ-CP`).
    own_year: Option<u16>,
    /// The year of issue written inside a Party document's number, which carries none
    /// (`36/2004/NQ-TW` is `36-NQ/TW` of 2004): read as a year written after the number.
    issue_year: Option<u16>,
}

/// The symbol of a matched number: its parts, and how to write the whole number.
struct Shape {
    parts: Vec<Part>,
    number: String,
    code: String,
    own_year: Option<u16>,
    issue_year: Option<u16>,
}

/// Whether a number with an unknown code must be written in capitals to count: in an article's
/// text, so prose ("5-ngày/tuần") is not taken for a document, unless "số" or a type name
/// introduces it ("công văn số 3386/tchq-txnk"); not in a query, where a number typed in lower
/// case (`2383/bvhttdl-tcdl`) is meant as one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reading {
    Text,
    /// A text that is one number and nothing else: a facet value, a document page's address.
    Named,
    Query,
}

/// What the text around a number says of it.
#[derive(Debug, Clone, Copy)]
struct Around {
    reading: Reading,
    /// "số" or a type name ("Công văn", "Quyết định số") written just before it: a number in
    /// lower case is then one too, and a symbol in capitals needs no slash before it.
    introduced: bool,
}

impl Around {
    /// Whether parts that name no known type are written as a symbol here: in capitals, or,
    /// after "số" or a type name, in plain letters without a Vietnamese mark (`tchq-txnk`).
    fn symbolic(self, parts: &[Part]) -> bool {
        self.reading == Reading::Query
            || symbol::looks_like_symbol(parts)
            || (self.introduced && parts.iter().all(|p| symbol::plain_letters(&p.written)))
    }
}

fn parse_number(
    folded: &FoldedText<'_>,
    caps: &Captures<'_>,
    reading: Reading,
) -> Option<ParsedNumber> {
    let num = caps.name("num")?;
    let before = &folded.text[..num.start()];
    // "…/2020/NĐ-CP" with the serial left blank in a template, or a fraction before it; "12 / 4
    // / 2015" is a date.
    if before.ends_with(['/', '.', ',']) || before.trim_end_matches([' ', '\t']).ends_with('/') {
        return None;
    }
    let window = floor_char_boundary(&folded.text, num.start().saturating_sub(40));
    let prefix = TYPE_BEFORE.captures(&folded.text[window..num.start()]);
    let prefix_name = prefix.as_ref().and_then(|p| p.name("name"));
    let prefix_type = prefix_name.and_then(|n| type_by_folded_name(n.as_str()));
    let prefix_start = prefix_name.map(|n| window + n.start());
    let around = Around {
        reading,
        introduced: reading == Reading::Named
            || caps
                .get(0)
                .is_some_and(|all| written_so(folded.original_text(all.start()..num.start())))
            || prefix_type.is_some(),
    };
    // "30 a/2008/NQ-CP": a letter apart from its serial only before a year.
    if num.as_str().contains([' ', '\t']) && caps.name("year").is_none() {
        return None;
    }
    let serial = written_serial(num.as_str())?;
    let shape = party_shape(folded, caps, &serial)
        .or_else(|| year_shape(folded, caps, &serial, around))
        .or_else(|| sign_shape(folded, caps, &serial))?;
    if shape.code.is_empty()
        || (doc_type_of_code(&shape.code).is_none() && !around.symbolic(&shape.parts))
    {
        return None;
    }
    let end = shape.parts.last()?.range.end;
    let span = num.start()..end;
    let doc_type = type_for(&shape.code, prefix_type).map(str::to_string);
    let year = shape
        .own_year
        .or(shape.issue_year)
        .or_else(|| year::year_after(&folded.text[end..]).map(|(year, _)| year));
    Some(ParsedNumber {
        document: CitedDocument {
            number: shape.number,
            code: shape.code,
            doc_type,
            year,
        },
        span,
        prefix_start,
        own_year: shape.own_year,
        issue_year: shape.issue_year,
    })
}

/// Whether the letters before a serial are the word "số" as written ("hồ sơ" folds alike).
fn written_so(before_serial: &str) -> bool {
    normalize_text(before_serial.trim()).to_lowercase() == "số"
}

/// `36-NQ/TW`: serial, type code, slash, issuer; the hyphen may be a space (`36 NQ/TW`) when
/// the code is a type's and the issuer a Party body's.
fn party_shape(folded: &FoldedText<'_>, caps: &Captures<'_>, serial: &str) -> Option<Shape> {
    let (pcode, issuer) = (caps.name("pcode")?, caps.name("pissuer")?);
    let code = symbol::parts(folded, pcode.range(), true).pop()?;
    let issuer = symbol::parts(folded, issuer.range(), false);
    let hyphen = caps
        .name("psep")
        .is_some_and(|sep| sep.as_str().contains('-'));
    if !hyphen
        && !issuer
            .first()
            .is_some_and(|first| is_party_style(&code, first))
    {
        return None;
    }
    let number = format!("{serial}-{}/{}", code.spelled, spelled(&issuer));
    let code_name = code.spelled.clone();
    let mut parts = vec![code];
    parts.extend(issuer);
    (parts.len() >= 2).then_some(Shape {
        parts,
        number,
        code: code_name,
        own_year: None,
        issue_year: None,
    })
}

/// `15/2020/NĐ-CP`, `45/2019/QH14`, `19-2017/NQ-CP`, and as written: `67/2014 NĐ-CP`,
/// `134/2016-NĐ-CP`, `32/2013/TT/BTC`, `121/2003/NĐCP`.
fn year_shape(
    folded: &FoldedText<'_>,
    caps: &Captures<'_>,
    serial: &str,
    around: Around,
) -> Option<Shape> {
    let (year, sign) = (caps.name("year")?, caps.name("ysign")?);
    let mut parts = symbol::parts(folded, sign.range(), true);
    if parts.len() == 1
        && let Some((code, issuer)) = symbol::split_code_and_issuer(&parts[0])
    {
        parts = vec![code, issuer];
    }
    let first = parts.first()?;
    let first_is_type = doc_type_of_code(&first.spelled).is_some();
    let separated = caps
        .name("ysep")
        .is_some_and(|sep| sep.as_str().contains(['/', '-']));
    // Without its slash, a symbol must name an issuer, and begin with a type code or be
    // introduced ("số 01/2008 HDTD-DH").
    let introduced_symbol = around.introduced && around.symbolic(&parts);
    if !(separated || (parts.len() >= 2 && (first_is_type || introduced_symbol))) {
        return None;
    }
    if symbol::has_slash(&parts) && !first_is_type {
        return None;
    }
    // `QH14`, `UBTVQH13`: a lone part is the issuer with its term number; the code drops it.
    let code = if parts.len() == 1 {
        first.spelled.trim_end_matches(|c: char| c.is_ascii_digit())
    } else {
        first.spelled.as_str()
    }
    .to_string();
    let slash_alone = caps
        .name("ysep")
        .is_some_and(|sep| sep.as_str().trim_matches([' ', '\t']) == "/");
    if parts.len() == 1
        && !lone_part_is_issuer(first, slash_alone)
        && !(slash_alone && around.introduced && symbol::plain_letters(&first.written))
    {
        return None;
    }
    // The Government's `19-2017/NQ-CP`; hyphens throughout (`15-2020-NĐ-CP`) are the official
    // slashes typed otherwise.
    let joined = caps
        .name("nsep")
        .is_some_and(|sep| sep.as_str().contains('-'))
        && !caps
            .name("ysep")
            .is_some_and(|sep| sep.as_str().contains('-'));
    let year_text = year.as_str();
    if let [code, issuer] = &parts[..]
        && is_party_style(code, issuer)
    {
        let number = format!("{serial}-{}/{}", code.spelled, issuer.spelled);
        return Some(Shape {
            number,
            code: code.spelled.clone(),
            parts,
            own_year: None,
            issue_year: year_text.parse().ok(),
        });
    }
    let number = if joined {
        format!("{serial}-{year_text}/{}", spelled(&parts))
    } else {
        format!("{serial}/{year_text}/{}", spelled(&parts))
    };
    Some(Shape {
        parts,
        number,
        code,
        own_year: year_text.parse().ok(),
        issue_year: None,
    })
}

/// A lone part after the year names the issuer: a known body with its term (`QH14`), or, after
/// a plain slash, a part in capitals (`76/2019/DSST` is a court's); "tháng 4/2015 – PV" is a date
/// and a reporter's note.
fn lone_part_is_issuer(part: &Part, slash_alone: bool) -> bool {
    crate::enrich::issuer::issuer_of(&part.written).is_some()
        || (slash_alone
            && part.written.chars().all(|c| !c.is_lowercase())
            && part.written.chars().any(char::is_uppercase))
}

/// `1234/QĐ-UBND`, `2383/BVHTTDL-TCDL`: serial, slash, symbol of two parts or more.
fn sign_shape(folded: &FoldedText<'_>, caps: &Captures<'_>, serial: &str) -> Option<Shape> {
    let sign = caps.name("ssign")?;
    let parts = symbol::parts(folded, sign.range(), true);
    let first = parts.first()?;
    if parts.len() < 2 || (symbol::has_slash(&parts) && doc_type_of_code(&first.spelled).is_none())
    {
        return None;
    }
    let number = match &parts[..] {
        [code, issuer] if is_party_style(code, issuer) => {
            format!("{serial}-{}/{}", code.spelled, issuer.spelled)
        }
        _ => format!("{serial}/{}", spelled(&parts)),
    };
    Some(Shape {
        number,
        code: first.spelled.clone(),
        parts,
        own_year: None,
        issue_year: None,
    })
}

/// Whether a type code and one issuer written `36/NQ-TW` are a Party document's, to be written
/// as the Party numbers it, `36-NQ/TW`: the same document, which news writes both ways, is then
/// one facet value and one entry of the citator. Only this direction is rewritten: a State body's
/// number in the Party's style (`98-NQ/CP`) is how its documents were numbered until the 1990s.
fn is_party_style(code: &Part, issuer: &Part) -> bool {
    doc_type_of_code(&code.spelled).is_some()
        && crate::enrich::issuer::is_party_body(&issuer.spelled)
}

/// The serial as numbers are written: at least two digits (`05`), a letter kept (`30a`).
fn written_serial(num: &str) -> Option<String> {
    let head = num.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let letter = &num[head.len()..];
    let digits = head.trim_end_matches([' ', '\t']);
    let serial: u32 = digits.parse().ok().filter(|&n| n > 0)?;
    Some(format!("{serial:02}{letter}"))
}

fn spelled(parts: &[Part]) -> String {
    parts
        .iter()
        .map(|p| p.spelled.as_str())
        .collect::<Vec<_>>()
        .join("-")
}

/// The folded text is ASCII but for `\u{1}`, which is one byte too: every index is a boundary.
fn floor_char_boundary(text: &str, at: usize) -> usize {
    (0..=at)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)
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
            .map(|r| (query[r.span].to_string(), r.keys.join(" ")))
            .collect()
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
        assert_eq!(
            docs[0].keys(),
            vec!["36-nq/tw", "36-nq/tw@?", "nq:36", "nq:36/?"]
        );
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
        assert_eq!(
            docs[0].keys(),
            vec!["15/2020/nd-cp", "15/2020/nd-cp@2020", "nd:15", "nd:15/2020"]
        );
        assert_eq!(
            docs[1].keys(),
            vec!["1234/qd-ubnd", "1234/qd-ubnd@?", "qd:1234", "qd:1234/?"]
        );
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
        assert_eq!(
            letter.keys(),
            vec!["2383/bvhttdl-tcdl", "2383/bvhttdl-tcdl@?"]
        );
    }

    #[test]
    fn the_written_type_decides_shared_codes() {
        let docs = cited_documents(
            "Quy định số 102-QĐ/TW, Quyết định số 102-QĐ/TW và Nghị quyết số 43/2022/QH15",
        );
        let types: Vec<Option<&str>> = docs.iter().map(|d| d.doc_type.as_deref()).collect();
        assert_eq!(types, vec![Some("Quy định"), Some("Nghị quyết")]);
        assert_eq!(
            docs[1].keys(),
            vec![
                "43/2022/qh15",
                "43/2022/qh15@2022",
                "qh:43",
                "qh:43/2022",
                "nq:43",
                "nq:43/2022"
            ]
        );
        assert_eq!(
            cited_documents("Quy định 08-QĐi/TW")[0].doc_type.as_deref(),
            Some("Quy định")
        );
    }

    #[test]
    fn a_party_document_written_in_the_states_style_is_written_as_the_party_numbers_it() {
        let text = "Quán triệt Nghị quyết 36/NQ-TW, Nghị quyết 233/NQ-ĐU của Đảng ủy xã, \
                    Quyết định 352/QĐ-HU của Huyện ủy, Chỉ thị 05/CT-TW; \
                    Nghị quyết 35/NQ-CP, Quyết định 1234/QĐ-UBND, Nghị quyết 98-NQ/CP \
                    và Nghị quyết 123/NQ-MTTW.";
        assert_eq!(
            numbers(text),
            vec![
                "36-NQ/TW",
                "233-NQ/ĐU",
                "352-QĐ/HU",
                "05-CT/TW",
                "35/NQ-CP",
                "1234/QĐ-UBND",
                "98-NQ/CP",
                "123/NQ-MTTW",
            ]
        );
        // One document, one entry, whichever way the article writes it.
        assert_eq!(
            numbers("Nghị quyết số 36-NQ/TW … Nghị quyết 36/NQ-TW"),
            vec!["36-NQ/TW"]
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
            ("36-NQ/TW", "36-nq/tw 36/nq-tw"),
            ("36-nq/tw", "36-nq/tw 36/nq-tw"),
            ("36/NQ-TW", "36-nq/tw 36/nq-tw"),
            ("146/QĐ-TTg", "146/qd-ttg 146-qd/ttg"),
            ("36NQ/TW", "36-nq/tw 36/nq-tw"),
            ("36nq/tw", "36-nq/tw 36/nq-tw"),
            ("36-NQTW", "36-nq/tw 36/nq-tw"),
            ("36/nqtw", "36-nq/tw 36/nq-tw"),
            ("102QĐ/TW", "102-qd/tw 102/qd-tw"),
            ("nghị quyết 36", "nq:36"),
            ("nghi quyet so 36", "nq:36"),
            ("Nghị Quyết 36", "nq:36"),
            ("nq 36", "nq:36"),
            ("NQ36", "nq:36"),
            ("nq-36", "nq:36"),
            ("nghị định 15/2020", "nd:15/2020 nd:15/?"),
            ("nđ 15", "nd:15"),
            ("quyết định 1234", "qd:1234"),
            ("kết luận 12", "kl:12"),
            ("luật 45/2019/QH14", "45/2019/qh14"),
            ("luật 45/2019/qh 14", "45/2019/qh14"),
            ("36 nq tw", "36-nq/tw 36/nq-tw"),
            ("36 NQTW", "36-nq/tw 36/nq-tw"),
            ("36nqtw", "36-nq/tw 36/nq-tw"),
        ] {
            assert_eq!(
                keys(query),
                vec![(query.to_string(), key.to_string())],
                "{query}"
            );
        }
    }

    #[test]
    fn spaces_alone_make_a_party_number_only_after_a_code_queries_abbreviate() {
        // "TB" (Thông báo) and "TU" are a code and a body, but "tb tu" typed apart is no number.
        assert_eq!(keys("top 10 tb tu"), Vec::<(String, String)>::new());
        assert_eq!(
            keys("10 tb/tu"),
            vec![("10 tb/tu".to_string(), "10-tb/tu 10/tb-tu".to_string())]
        );
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
        assert_eq!(refs[0].keys, vec!["36-nq/tw", "36/nq-tw"]);
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
        let slashed = &cited_documents("thực hiện Nghị quyết số 36/NQ-TW của Bộ Chính trị")[0];
        for query in [
            "36-NQ/TW",
            "nghị quyết 36",
            "nq 36",
            "NQ36",
            "36/NQ-TW",
            "Nghị quyết 36/NQ-TW",
        ] {
            // Either way the separators are written, in the query or in the article.
            let keys = &references_in_query(query)[0].keys;
            for cited in [doc, slashed] {
                assert!(
                    keys.iter().any(|k| cited.keys().contains(k)),
                    "{query} → {keys:?}"
                );
            }
        }
    }

    fn first(text: &str) -> (String, Option<u16>) {
        let docs = cited_documents(text);
        let doc = docs
            .first()
            .unwrap_or_else(|| panic!("a document in: {text}"));
        (doc.number.clone(), doc.year)
    }

    // Real sentences from news (baomoi 2017, vietnews 2018–2019) for each spelling a usability
    // review found mishandled, and others the same rules cover.
    #[test]
    fn the_governments_yearly_resolutions_keep_their_serial() {
        let text = "Đó là mục tiêu quan trọng được nêu tại Nghị quyết 19-2017/NQ-CP ngày 6/2/2017 về tiếp tục \
                    thực hiện những nhiệm vụ, giải pháp chủ yếu cải thiện môi trường kinh doanh";
        let doc = &cited_documents(text)[0];
        assert_eq!(
            (doc.number.as_str(), doc.doc_type.as_deref(), doc.year),
            ("19-2017/NQ-CP", Some("Nghị quyết"), Some(2017))
        );
        assert!(doc.keys().contains(&"19/2017/nq-cp".to_string()));
        assert!(doc.keys().contains(&"nq:19/2017".to_string()));
        let other = &cited_documents("thực hiện Nghị quyết 01-2017/NQ-CP của Chính phủ")[0];
        assert_eq!(other.number, "01-2017/NQ-CP");
        for (query, doc_matches, other_matches) in [
            ("19-2017/NQ-CP", true, false),
            ("19/2017/NQ-CP", true, false),
            ("01-2017/NQ-CP", false, true),
            ("nghị quyết 19/2017", true, false),
        ] {
            let keys = &references_in_query(query)[0].keys;
            let meets = |d: &CitedDocument| keys.iter().any(|k| d.keys().contains(k));
            assert_eq!(
                (meets(doc), meets(other)),
                (doc_matches, other_matches),
                "{query}"
            );
        }
    }

    #[test]
    fn symbols_written_with_spaces_are_found() {
        for (text, number, year) in [
            (
                "thanh tra, kế hoạch thanh tra và đặc biệt là Nghị quyết số 35/NQ - CP ngày 16-5-2016 của Chính phủ \
                 về hỗ trợ và phát triển doanh nghiệp",
                "35/NQ-CP",
                Some(2016),
            ),
            (
                "Mức giá được ban hành theo Thông tư 02/2017/TT- BYT ngày 15/3/2017 của Bộ Y tế",
                "02/2017/TT-BYT",
                Some(2017),
            ),
            (
                "Triệu (Hải Phòng) và 19 chủ tàu vỏ thép đóng theo Nghị định 67/2014 NĐ-CP bị kém chất lượng",
                "67/2014/NĐ-CP",
                Some(2014),
            ),
            (
                "Nghị định 131/2013/NĐ- CP quy định xử phạt vi phạm hành chính về quyền tác giả, quyền liên quan",
                "131/2013/NĐ-CP",
                Some(2013),
            ),
            (
                "Trước đó, ngày 14/11/2013 tại Văn bản số 1333/UBND- TNMT gửi Sở Tài nguyên &Môi trưởng tỉnh Thái Nguyên",
                "1333/UBND-TNMT",
                None,
            ),
            (
                "triển khai thực hiện quyết liệt Nghị quyết Trung ương 4 (khóa XII) và Chỉ thị 05- CT/TW của Bộ Chính trị",
                "05-CT/TW",
                None,
            ),
            (
                "(Ban hành theo Thông tư số 03 /2016/TT-BNNPTNT của Bộ NNPTNT ngày 21.4.2016)",
                "03/2016/TT-BNNPTNT",
                Some(2016),
            ),
            (
                "Quyết định 2026/QĐ-TTg và các Nghị quyết 19/NQ - CP năm 2015,2016, 2017 của Chính phủ",
                "2026/QĐ-TTg",
                None,
            ),
            (
                "Ủy ban Kiểm tra Trung ương tại Tờ trình số 111 - TTr / UBKTTW , ngày 27-4 về việc đề nghị",
                "111-TTr/UBKTTW",
                None,
            ),
        ] {
            assert_eq!(first(text), (number.to_string(), year), "{text}");
        }
        let both = cited_documents(
            "Quyết định 2026/QĐ-TTg và các Nghị quyết 19/NQ - CP năm 2015,2016, 2017 của Chính phủ",
        );
        assert_eq!(both[1].number, "19/NQ-CP");
        assert_eq!(both[1].year, Some(2015));
    }

    #[test]
    fn separators_and_run_on_words_as_real_text_writes_them() {
        for (text, number) in [
            (
                "Theo Điểm c, Điều 12, Nghị định 134/2016-NĐ-CP thì linh kiện, phụ tùng NK để bảo hành",
                "134/2016/NĐ-CP",
            ),
            (
                "Doanh nghiệp phải có đủ giấy tờ theo quy định Thông tư 03/2018/TT/BGTVT .",
                "03/2018/TT-BGTVT",
            ),
            (
                "xử phạt vi phạm hành chính trong hoạt động xây dựng theo Nghị định số 121/2003/NĐCP của Chính phủ",
                "121/2003/NĐ-CP",
            ),
            (
                "Nghị định số 64/2002/NĐ-CP ngày 19/06/2002, Nghị định số187/2004/NĐ-CP ngày 16/11/2004",
                "64/2002/NĐ-CP",
            ),
            (
                "xếp lương theo Nghị định số 204/2004/NĐ-CPngày 14 tháng 12 năm 2004 của Chính phủ",
                "204/2004/NĐ-CP",
            ),
            (
                "thuộc các huyện nghèo quy định tại Nghị quyết số 30a/2008/NQ-CP về Chương trình hỗ trợ giảm nghèo",
                "30a/2008/NQ-CP",
            ),
            // A capitalised word run on after a hyphen is no part of the symbol.
            (
                "Việc UBND TP. Hà Nội ban hành Quyết định số 12/QĐ-UBND-Nội quy về việc tiếp công dân",
                "12/QĐ-UBND",
            ),
            (
                "Đó là nội dung trong quyết định số 2718/UBND-KT-Về việc hỗ trợ kinh phí phòng, chống bệnh",
                "2718/UBND-KT",
            ),
            (
                "kế hoạch bồi dưỡng giáo viên mà Bộ GD-ĐT đưa ra (kế hoạch 270/KH-BGDĐT-Đào tạo, bồi dưỡng giáo viên",
                "270/KH-BGDĐT",
            ),
            // A one-letter part with the next word run on keeps its letter.
            (
                "Theo Công văn số 47/ANDT-Pngày 12/3/2018 của phòng an ninh",
                "47/ANDT-P",
            ),
        ] {
            assert_eq!(first(text).0, number, "{text}");
        }
        assert_eq!(
            numbers(
                "Nghị định số 64/2002/NĐ-CP ngày 19/06/2002, Nghị định số187/2004/NĐ-CP ngày 16/11/2004"
            ),
            vec!["64/2002/NĐ-CP", "187/2004/NĐ-CP"]
        );
        let nq = &cited_documents("quy định tại Nghị quyết số 30a/2008/NQ-CP về Chương trình")[0];
        assert!(
            nq.keys().contains(&"nq:30a/2008".to_string()),
            "{:?}",
            nq.keys()
        );
        assert_eq!(
            references_in_query("nghị quyết 30a")[0].keys,
            vec!["nq:30a"]
        );
    }

    #[test]
    fn prose_after_a_spaced_hyphen_or_slash_is_not_a_symbol() {
        assert_eq!(
            numbers("theo Quyết định số 123/QĐ-UBND - Văn phòng tỉnh đã thông báo"),
            vec!["123/QĐ-UBND"]
        );
        assert_eq!(
            numbers("nồng độ các khí NO 2 / NO / NOx , CO , SO2 vượt ngưỡng"),
            Vec::<String>::new()
        );
        assert_eq!(
            numbers("(tháng 4/2015 – PV) doanh thu tăng; ngày 6/2 - PV đã có mặt"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_year_in_the_query_names_the_document_of_that_year() {
        let meets = |query: &str, text: &str| {
            let keys = &references_in_query(query)[0].keys;
            cited_documents(text)
                .iter()
                .any(|d| keys.iter().any(|k| d.keys().contains(k)))
        };
        let nd_2016 =
            "Nghị định 46/2016/NĐ-CP thay thế Nghị định 171 có hiệu lực thi hành từ 1/8/2016";
        let nd_2015 =
            "quy định tại Nghị định 46/2015/NĐ-CP về quản lý chất lượng và bảo trì công trình";
        assert!(meets("Nghị định 46/2016", nd_2016));
        assert!(!meets("Nghị định 46/2016", nd_2015));
        assert!(meets("nghị định 46 năm 2015", nd_2015));
        assert!(meets("nghị định 46", nd_2015) && meets("nghị định 46", nd_2016));

        // baomoi 2017: the only article citing 36-NQ/TW does not say its year.
        let undated = "theo tinh thần Nghị quyết số 36-NQ/TW của Bộ Chính trị về công tác đối với người Việt Nam ở nước ngoài";
        let dated = "Nghị quyết số 36-NQ/TW ngày 26/3/2004 của Bộ Chính trị về công tác đối với người Việt Nam ở nước ngoài";
        let query = "nghị quyết 36 năm 2004";
        assert_eq!(
            keys(query),
            vec![(query.to_string(), "nq:36/2004 nq:36/?".to_string())]
        );
        assert!(meets(query, dated) && meets(query, undated));
        assert!(!meets(
            query,
            "đã thông qua Nghị quyết số 36/2017/QH14 về dự toán"
        ));
        assert!(!meets(
            query,
            "Nghị quyết số 36a/NQ-CP về Chính phủ điện tử"
        ));
        let dated_key = &references_in_query(query)[0].keys[0];
        assert!(cited_documents(dated)[0].keys().contains(dated_key));
        assert!(!cited_documents(undated)[0].keys().contains(dated_key));

        let full = "36-NQ/TW ngày 26/3/2004";
        assert_eq!(
            keys(full),
            vec![(
                full.to_string(),
                "36-nq/tw@2004 36/nq-tw@2004 36-nq/tw@? 36/nq-tw@?".to_string()
            )]
        );
    }

    // Spellings of real numbers from document-numbers-seen.tsv in article text.
    #[test]
    fn a_number_in_lower_case_counts_when_so_or_a_type_name_introduces_it() {
        assert_eq!(
            numbers("Theo công văn số 3386/tchq-txnk của Tổng cục Hải quan"),
            vec!["3386/TCHQ-TXNK"]
        );
        assert_eq!(
            numbers("Công văn 1594/vpub-vxnv gửi các sở"),
            vec!["1594/VPUB-VXNV"]
        );
        assert_eq!(
            numbers("hướng dẫn tại Thông tư số 12/2017/tt về"),
            vec!["12/2017/TT"]
        );
        // Not introduced, or not plain letters: prose and codes stay out.
        assert_eq!(numbers("mã hồ sơ 3386/tchq-txnk"), Vec::<String>::new());
        assert_eq!(numbers("làm việc số 5-ngày/tuần"), Vec::<String>::new());
        // Every number the facet shows names its document again.
        let mixed = &cited_documents("theo văn bản số 63/Ptr-Ttra của phòng")[0];
        assert_eq!(mixed.number, "63/Ptr-Ttra");
        assert_eq!(
            parse_document_number(&mixed.number).map(|d| d.number),
            Some(mixed.number.clone())
        );
    }

    #[test]
    fn a_word_run_onto_a_symbol_is_cut_where_the_word_begins() {
        for (written, number) in [
            ("Quyết định số 4600/QĐ-CTngày 5/3/2018", "4600/QĐ-CT"),
            ("Công văn 1706/TTg-KTNngày 12/9", "1706/TTg-KTN"),
            ("Luật số 106/2016/Qh13ngày 6/4/2016", "106/2016/QH13"),
            ("Công văn 1113/BGDĐT-GDTrHngày 30/3", "1113/BGDĐT-GDTrH"),
            ("Nghị quyết 06/NQ-HĐQT-Habecongày 2/5", "06/NQ-HĐQT-Habeco"),
        ] {
            assert_eq!(numbers(written), vec![number], "{written}");
        }
    }

    #[test]
    fn a_spaced_slash_and_a_missing_slash_are_read_where_a_date_is_not() {
        assert_eq!(
            numbers("Nghị định số 10 / 2003 / NĐ về"),
            vec!["10/2003/NĐ"]
        );
        assert_eq!(
            numbers("theo hợp đồng số 01/2008 HDTD-DH ký ngày"),
            vec!["01/2008/HDTD-DH"]
        );
        assert_eq!(
            numbers("ngày 12 / 4 / 2015 / TTXVN đưa tin"),
            Vec::<String>::new()
        );
        assert_eq!(
            numbers("tháng 12/2008 UBND-HĐND tỉnh họp"),
            Vec::<String>::new()
        );
        // A letter spaced from its serial is the serial's before a year, and nothing without one.
        assert_eq!(
            numbers("các nghị quyết 10, 30, 30 a / 2008 / NQ - CP"),
            vec!["30a/2008/NQ-CP"]
        );
        assert_eq!(
            numbers("theo Nghị quyết số 30 a/2008/NQ-CP của Chính phủ"),
            vec!["30a/2008/NQ-CP"]
        );
        assert_eq!(numbers("mục 5 b/QĐ-UBND"), Vec::<String>::new());
        // Hyphens for every slash.
        assert_eq!(
            numbers("theo Nghị định 15-2020-NĐ-CP về xử phạt"),
            vec!["15/2020/NĐ-CP"]
        );
        assert_eq!(
            numbers("giai đoạn 2016-2020-Kế hoạch"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_legislatures_term_written_apart_is_its_bodys() {
        for (written, number) in [
            (
                "Luật An ninh mạng số 24/2018/QH 14 ngày 12/6/2018",
                "24/2018/QH14",
            ),
            ("Nghị quyết 01/2021/UBTVQH 14 của", "01/2021/UBTVQH14"),
            (
                "Pháp lệnh số 06/2008/PL-UBTVQH 12 về",
                "06/2008/PL-UBTVQH12",
            ),
            ("Nghị quyết 857/NQ-UBTVQH 13 ngày", "857/NQ-UBTVQH13"),
            // No legislature has had a 20th term; "QH 20" is the symbol and another number.
            ("Luật 45/2019/QH 20 năm", "45/2019/QH"),
        ] {
            assert_eq!(numbers(written), vec![number], "{written}");
        }
    }

    #[test]
    fn a_space_or_a_full_width_slash_between_parts_is_read_as_the_symbol() {
        for (written, number) in [
            ("theo Nghị định 15/2020/ND CP quy định", "15/2020/NĐ-CP"),
            ("Quyết định 1234/QĐ UBND tỉnh", "1234/QĐ-UBND"),
            ("qua Báo cáo số 1140 / BC VPCP ngày 13/2", "1140/BC-VPCP"),
            ("Nghị quyết số 36-NQ\u{FF0F}TW", "36-NQ/TW"),
            // What follows is no part: a sentence run on after a dot, a body after the symbol.
            ("Quyết định 1234/QĐ-UBND.Theo đó", "1234/QĐ-UBND"),
            ("Nghị định 15/2020/NĐ-CP HĐND tỉnh", "15/2020/NĐ-CP"),
        ] {
            assert_eq!(numbers(written), vec![number], "{written}");
        }
        assert_eq!(numbers("Quyết định 1234/QĐ về việc"), Vec::<String>::new());
    }

    #[test]
    fn a_party_number_with_a_space_for_its_hyphen_or_tu_for_tw_is_the_partys() {
        for (written, number) in [
            ("Nghị quyết số 36 NQ/TW của Bộ Chính trị", "36-NQ/TW"),
            ("Nghị quyết 36-NQ/TƯ về công tác kiều bào", "36-NQ/TW"),
            ("Chỉ thị số 45 - CT/TƯ", "45-CT/TW"),
            // `TU` is a province's Party committee, not the Central Committee.
            ("Quyết định số 1087 - QĐ / TU của Tỉnh ủy", "1087-QĐ/TU"),
        ] {
            assert_eq!(numbers(written), vec![number], "{written}");
        }
        // A space stands for the hyphen only between a type code and a Party body.
        assert_eq!(numbers("chạy 36 km/h trên"), Vec::<String>::new());
        assert_eq!(numbers("có 36 QĐ/UBND đã ban hành"), Vec::<String>::new());
    }
}
