//! The patterns that find document numbers in folded text (ASCII lower case, marks dropped).
//!
//! They are deliberately loose about spacing and separators, as real text is ("35/NQ - CP",
//! "02/2017/TT- BYT", "67/2014 NĐ-CP", "19-2017/NQ-CP", "số187/2004/NĐ-CP"); what a match may
//! hold is then checked against how symbols are written ([`super::symbol`]).

use std::sync::LazyLock;

use regex::Regex;

use super::folded::fold_key;
use super::types::{DOC_TYPES, QUERY_CODES, type_names};
use crate::enrich::issuer::party_symbols;

/// Longest symbol part: `BVHTTDL`, `UBTVQH13`, `BLĐTBXH` fit; run-on junk does not.
const PART: &str = "[a-z][a-z0-9]{0,11}";

/// Between two parts of a symbol: a hyphen or a slash, spaces allowed around it. (Not a dot:
/// `VPCP-V.I` is one department's symbol, not three parts.)
const PART_SEP: &str = r"[\ \t]*[-/][\ \t]*";

/// Between the first two parts: also spaces alone (`NĐ CP`), taken only for a known issuer after
/// a type code (see [`super::symbol`]).
const FIRST_SEP: &str = r"(?:[\ \t]*[-/][\ \t]*|[\ \t]+)";

/// Between two parts of a Party issuer (`ĐU-MTTW`): a hyphen, spaces allowed around it.
const ISSUER_SEP: &str = r"[\ \t]*-[\ \t]*";

/// A year as documents are numbered: 1900 to 2099.
const YEAR: &str = "(?:19|20)[0-9]{2}";

/// The serial number: up to five digits and an optional letter (`30a/2008/NQ-CP`).
const SERIAL: &str = "[0-9]{1,5}[a-z]?";

/// The serial in article text, where its letter may stand apart (`30 a/2008/NQ-CP`); a spaced
/// letter counts only before a year (see `parse_number`).
const TEXT_SERIAL: &str = "[0-9]{1,5}(?:[\\ \\t]?[a-z])?";

/// A document number: Party (`36-NQ/TW`), normative with its year (`15/2020/NĐ-CP`,
/// `19-2017/NQ-CP`, `45/2019/QH14`) or administrative (`1234/QĐ-UBND`, `2383/BVHTTDL-TCDL`).
pub(super) static NUMBER: LazyLock<Regex> = LazyLock::new(|| compile(&number_pattern()));

/// A type name written just before a number: "Nghị quyết số ", "Quyết định: ".
pub(super) static TYPE_BEFORE: LazyLock<Regex> = LazyLock::new(|| compile(&type_before_pattern()));

/// "nghị quyết 36", "nghi dinh so 15/2020" in a folded query.
pub(super) static NAME_SERIAL: LazyLock<Regex> = LazyLock::new(|| compile(&name_serial_pattern()));

/// "nq 36", "NQ36", "nq-36", "nđ 15" in a folded query.
pub(super) static CODE_SERIAL: LazyLock<Regex> = LazyLock::new(|| compile(&code_serial_pattern()));

/// A Party document's number typed with its parts run together: `36nq/tw`, `36-nqtw`.
pub(super) static GLUED: LazyLock<Regex> = LazyLock::new(|| compile(&glued_pattern()));

/// The date or year written right after a number: "ngày 26/3/2004", "ngày 5 tháng 3 năm 2020",
/// "năm 2004", "(ban hành ngày 6-2-2017)".
pub(super) static DATE_AFTER: LazyLock<Regex> = LazyLock::new(|| compile(&date_after_pattern()));

pub(super) fn number_pattern() -> String {
    format!(
        r"(?x-u)
        (?:\bso[\ \t]*|\b)
        (?P<num>{TEXT_SERIAL})
        (?:
            (?P<psep>[\ \t]*-[\ \t]*|[\ \t]+)(?P<pcode>[a-z]{{1,6}})[\ \t]*/[\ \t]*(?P<pissuer>{PART}(?:{ISSUER_SEP}{PART})*)
          | (?P<nsep>[\ \t]*[/-][\ \t]*)(?P<year>{YEAR})(?P<ysep>[\ \t]*[/-][\ \t]*|[\ \t]*)
            (?P<ysign>{PART}(?:{FIRST_SEP}{PART})?(?:{PART_SEP}{PART})*)
          | [\ \t]*/[\ \t]*(?P<ssign>{PART}{FIRST_SEP}{PART}(?:{PART_SEP}{PART})*)
        )\b"
    )
}

pub(super) fn type_before_pattern() -> String {
    format!(
        r"(?:^|[^a-z0-9])(?P<name>{})[ \t]*(?:so[ \t]*)?:?[ \t]*$",
        type_names(|_| true)
    )
}

/// An optional "/năm" after a serial: "nghị định 15/2020".
const YEAR_AFTER_SERIAL: &str = r"(?:[ \t]*/[ \t]*(?P<year>(?:19|20)[0-9]{2}))?";

pub(super) fn name_serial_pattern() -> String {
    let names = type_names(|t| t.in_query);
    format!(r"(?-u)\b(?P<name>{names})[ \t]*(?:so[ \t]*)?(?P<num>{SERIAL}){YEAR_AFTER_SERIAL}\b")
}

pub(super) fn code_serial_pattern() -> String {
    let mut codes: Vec<String> = QUERY_CODES.iter().map(|c| fold_key(c)).collect();
    codes.sort_by_key(|c| std::cmp::Reverse(c.len()));
    let codes = codes.join("|");
    format!(
        r"(?-u)\b(?P<code>{codes})[ \t]*[-.]?[ \t]*(?:so[ \t]*)?(?P<num>{SERIAL}){YEAR_AFTER_SERIAL}\b"
    )
}

/// `36nq/tw` (the serial glued to the type code), `36-nqtw`, `36/nqtw`, `36nqtw` (the code glued
/// to the issuer) or `36 nq tw` (spaces for both separators), in a folded query, for the type
/// codes and the Party's bodies: a hurried query's spellings of `36-NQ/TW`, which no article
/// writes.
pub(super) fn glued_pattern() -> String {
    let alternation = |parts: Vec<String>| {
        let mut parts = parts;
        parts.sort_by_key(|p| std::cmp::Reverse(p.len()));
        parts.dedup();
        parts.join("|")
    };
    let codes = alternation(
        DOC_TYPES
            .iter()
            .filter(|t| !t.code.is_empty())
            .map(|t| fold_key(t.code))
            .collect(),
    );
    let issuers = alternation(party_symbols().map(fold_key).collect());
    format!(
        r"(?x-u)\b(?P<num>[0-9]{{1,5}})
        (?: [\ \t]*(?P<gcode>{codes})(?:[\ \t]*/[\ \t]*|[\ \t]+)(?P<gissuer>{issuers})
          | [\ \t]*[-/]?[\ \t]*(?P<code>{codes})(?P<issuer>{issuers}) )\b"
    )
}

pub(super) fn date_after_pattern() -> String {
    let sp = r"[\ \t]*";
    let day_month = format!(
        r"(?P<day>[0-9]{{1,2}}){sp}(?P<sep>[/.-]){sp}(?P<month>[0-9]{{1,2}}){sp}[/.-]{sp}(?P<y1>{YEAR})"
    );
    let in_words = format!(
        r"(?P<wday>[0-9]{{1,2}})[\ \t]+thang[\ \t]+(?P<wmonth>[0-9]{{1,2}}){sp},?{sp}nam[\ \t]+(?P<y2>{YEAR})"
    );
    format!(
        r"(?x-u)^{sp}(?:\({sp})?(?:(?:ban[\ \t]+hanh|ky)[\ \t]+)?
        (?: ngay{sp}(?:{day_month}|{in_words}) | nam[\ \t]+(?P<y3>{YEAR}) )\b"
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_compiles() {
        for pattern in [
            number_pattern(),
            type_before_pattern(),
            name_serial_pattern(),
            code_serial_pattern(),
            glued_pattern(),
            date_after_pattern(),
        ] {
            assert!(Regex::new(&pattern).is_ok(), "{pattern}");
        }
    }
}
