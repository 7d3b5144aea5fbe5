//! Document references inside a query: "36-NQ/TW", "nghị quyết 36", "nq 36",
//! "Nghị định 46/2016", "nghị quyết 36 năm 2004".

use std::ops::Range;

use regex::Captures;

use super::folded::{FoldedText, fold_key};
use super::patterns::{CODE_SERIAL, GLUED, NAME_SERIAL, NUMBER};
use super::types::{QUERY_CODES, type_by_folded_name};
use super::year::year_after;
use super::{Reading, UNKNOWN_YEAR, number_keys, parse_document_number, parse_number, serial_key};

/// A document reference recognised in a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryReference {
    /// Byte range of the reference in the query, type name and year included.
    pub span: Range<usize>,
    /// Index keys naming it (see [`super::CitedDocument::keys`]), best first: an article
    /// matches when it holds any. A reference with a year names the document of that year
    /// first, then one of the same type and serial whose year the article does not say.
    pub keys: Vec<String>,
}

/// Document references inside a query.
///
/// Full numbers (`36-nq/tw`, `luật 45/2019/QH14`, and a Party number with its parts run
/// together or apart, `36NQ/TW`, `36-nqtw`, `36 nq tw`) give the number's key; a type name or code
/// with a serial (`nghị quyết 36`, `nq 36`) gives `code:serial`. A year after it (`nđ 46/2016`,
/// `nghị quyết 36 năm 2004`, `36-NQ/TW ngày 26/3/2004`) narrows it to the document of that year.
/// A bare number is never a reference. Spans include the type name and the year, so the caller
/// can drop them from the words.
pub fn references_in_query(query: &str) -> Vec<QueryReference> {
    let folded = FoldedText::new(query);
    let mut refs: Vec<(Range<usize>, Vec<String>)> = Vec::new();
    for caps in NUMBER.captures_iter(&folded.text) {
        if let Some(parsed) = parse_number(&folded, &caps, Reading::Query) {
            let start = parsed.prefix_start.unwrap_or(parsed.span.start);
            let numbers = number_keys(&parsed.document.number);
            let mut end = parsed.span.end;
            let mut keys = numbers.clone();
            let after = year_after(&folded.text[end..]);
            match (parsed.own_year, after) {
                (Some(own), Some((year, len))) if own == year => end += len,
                (Some(_), _) => {}
                (None, after) => {
                    end += after.map_or(0, |(_, len)| len);
                    // A year inside a Party number (`36/2004/NQ-TW`) or written after one.
                    let year = parsed.issue_year.or(after.map(|(year, _)| year));
                    if let Some(year) = year {
                        keys = [year.to_string(), UNKNOWN_YEAR.to_string()]
                            .iter()
                            .flat_map(|y| numbers.iter().map(move |n| format!("{n}@{y}")))
                            .collect();
                    }
                }
            }
            refs.push((start..end, keys));
        }
    }
    for caps in GLUED.captures_iter(&folded.text) {
        push_glued_ref(&mut refs, &caps);
    }
    for caps in NAME_SERIAL.captures_iter(&folded.text) {
        let code = caps
            .name("name")
            .and_then(|name| type_by_folded_name(name.as_str()))
            .map(|t| t.code)
            .filter(|code| !code.is_empty());
        push_serial_ref(&mut refs, &folded, &caps, code);
    }
    for caps in CODE_SERIAL.captures_iter(&folded.text) {
        let code = caps.name("code").and_then(|c| {
            QUERY_CODES
                .iter()
                .copied()
                .find(|q| fold_key(q) == c.as_str())
        });
        push_serial_ref(&mut refs, &folded, &caps, code);
    }
    refs.sort_by_key(|(span, _)| span.start);
    refs.into_iter()
        .map(|(span, keys)| QueryReference {
            span: folded.original(span),
            keys,
        })
        .collect()
}

/// `36nq/tw`, `36-nqtw`, `36 nq tw`: read as the Party's `36-NQ/TW`, asked as a number typed is.
fn push_glued_ref(refs: &mut Vec<(Range<usize>, Vec<String>)>, caps: &Captures<'_>) {
    let (Some(whole), Some(num)) = (caps.get(0), caps.name("num")) else {
        return;
    };
    let (Some(code), Some(issuer)) = (
        caps.name("gcode").or_else(|| caps.name("code")),
        caps.name("gissuer").or_else(|| caps.name("issuer")),
    ) else {
        return;
    };
    // Spaces alone between code and issuer only after a code a query abbreviates (`36 nq tw`;
    // not "top 10 tb tu").
    let spaced = !folded_between(caps, code.end(), issuer.start()).contains('/')
        && code.end() < issuer.start();
    if spaced && !QUERY_CODES.iter().any(|q| fold_key(q) == code.as_str()) {
        return;
    }
    let span = whole.range();
    if refs
        .iter()
        .any(|(r, _)| r.start < span.end && span.start < r.end)
    {
        return;
    }
    let spelled = format!("{}-{}/{}", num.as_str(), code.as_str(), issuer.as_str());
    if let Some(document) = parse_document_number(&spelled) {
        refs.push((span, number_keys(&document.number)));
    }
}

/// The text of the match between two of its offsets.
fn folded_between<'t>(caps: &Captures<'t>, start: usize, end: usize) -> &'t str {
    caps.get(0).map_or("", |whole| {
        let text = whole.as_str();
        let base = whole.start();
        text.get(start.saturating_sub(base)..end.saturating_sub(base))
            .unwrap_or("")
    })
}

fn push_serial_ref(
    refs: &mut Vec<(Range<usize>, Vec<String>)>,
    folded: &FoldedText<'_>,
    caps: &Captures<'_>,
    code: Option<&str>,
) {
    let (Some(whole), Some(code), Some(serial)) = (
        caps.get(0),
        code,
        caps.name("num").and_then(|n| serial_key(n.as_str())),
    ) else {
        return;
    };
    let mut span = whole.range();
    if refs
        .iter()
        .any(|(r, _)| r.start < span.end && span.start < r.end)
    {
        return;
    }
    let typed = format!("{}:{serial}", fold_key(code));
    let year = match caps
        .name("year")
        .and_then(|y| y.as_str().parse::<u16>().ok())
    {
        Some(year) => Some(year),
        None => year_after(&folded.text[span.end..]).map(|(year, len)| {
            span.end += len;
            year
        }),
    };
    let keys = match year {
        Some(year) => vec![format!("{typed}/{year}"), format!("{typed}/{UNKNOWN_YEAR}")],
        None => vec![typed],
    };
    refs.push((span, keys));
}
