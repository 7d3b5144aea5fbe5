//! What a document number says about its document: type, serial, year and issuing body,
//! decoded from the symbol with the codes of Nghị định 30/2020/NĐ-CP (Phụ lục III) and the
//! bodies of [`crate::enrich::issuer`].

use serde::{Deserialize, Serialize};

use super::types::{DocType, doc_type_of_code};
use super::{CitedDocument, parse_document_number, serial_key};
use crate::enrich::issuer::issuer_of;

/// One body named in a symbol.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuerPart {
    /// The abbreviation as the symbol writes it: `TW`, `CP`, `UBND`, `QH14`.
    pub symbol: String,
    /// The body's name, when the abbreviation is a known one: `Ban Chấp hành Trung ương`.
    pub name: Option<String>,
}

/// A document number decoded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentDescription {
    /// The number in its official form: `36-NQ/TW`.
    pub number: String,
    /// The type code: `NQ` (for a công văn, the issuer's abbreviation).
    pub code: String,
    /// The type the code stands for: `Nghị quyết`; `Công văn` for a letter.
    pub doc_type: Option<String>,
    /// The serial number: `36`, `30a`.
    pub serial: String,
    /// The year the number carries (`15/2020/NĐ-CP` → 2020); `None` when it carries none.
    pub year: Option<u16>,
    /// The issuing bodies, from the symbol: one, or several for joint documents
    /// (`TTLT-BCA-BQP`); a Party symbol lists the body and the organisation it belongs to
    /// (`ĐU-MTTW`).
    pub issuers: Vec<IssuerPart>,
    /// What follows the issuer in an administrative symbol: the drafting unit or the field
    /// (`TCDL` in `2383/BVHTTDL-TCDL`).
    pub units: Vec<String>,
}

impl DocumentDescription {
    /// The issuing body as one phrase: the known names, or the symbols where unknown.
    pub fn issuer_name(&self) -> Option<String> {
        let names: Vec<&str> = self
            .issuers
            .iter()
            .map(|i| i.name.as_deref().unwrap_or(&i.symbol))
            .collect();
        (!names.is_empty()).then(|| names.join(", "))
    }
}

/// Decodes a document number (`36-NQ/TW`, `15/2020/nd-cp`); `None` when the text is not one.
///
/// ```
/// use tracuu_index::enrich::describe_document;
/// let nq = describe_document("36-NQ/TW").unwrap();
/// assert_eq!(nq.doc_type.as_deref(), Some("Nghị quyết"));
/// assert_eq!(nq.issuer_name().as_deref(), Some("Ban Chấp hành Trung ương"));
/// let nd = describe_document("15/2020/NĐ-CP").unwrap();
/// assert_eq!((nd.serial.as_str(), nd.year), ("15", Some(2020)));
/// assert_eq!(nd.issuer_name().as_deref(), Some("Chính phủ"));
/// ```
pub fn describe_document(number: &str) -> Option<DocumentDescription> {
    let document = parse_document_number(number)?;
    Some(describe(&document))
}

/// Decodes a document already recognised.
pub fn describe(document: &CitedDocument) -> DocumentDescription {
    let number = &document.number;
    let serial = serial_key(number).unwrap_or_default();
    let (head, symbol) = number.split_once('/').unwrap_or((number, ""));
    let doc_type = doc_type_of_code(&document.code);
    let (year, symbol) = number_year(head, symbol);
    let parts: Vec<&str> = symbol.split('-').filter(|p| !p.is_empty()).collect();
    let (issuers, units): (Vec<&str>, Vec<&str>) = if head.contains('-') && year.is_none() {
        // Party: `36-NQ/TW`, `31-QĐ/ĐU-MTTW`: everything after the slash is the issuer.
        (parts, Vec::new())
    } else {
        split_symbol(&parts, doc_type)
    };
    DocumentDescription {
        number: number.clone(),
        code: document.code.clone(),
        doc_type: document
            .doc_type
            .clone()
            .or_else(|| doc_type.is_none().then(|| "Công văn".to_string())),
        serial,
        year,
        issuers: issuers
            .into_iter()
            .map(|symbol| IssuerPart {
                symbol: symbol.to_string(),
                name: issuer_of(symbol).map(|i| i.display_name()),
            })
            .collect(),
        units: units.into_iter().map(str::to_string).collect(),
    }
}

/// The year a number carries and the symbol after it: `15/2020/NĐ-CP` → (2020, `NĐ-CP`),
/// `19-2017/NQ-CP` → (2017, `NQ-CP`).
fn number_year<'a>(head: &'a str, symbol: &'a str) -> (Option<u16>, &'a str) {
    if let Some((year, rest)) = symbol.split_once('/')
        && let Some(year) = parse_year(year)
    {
        return (Some(year), rest);
    }
    let year = head.split_once('-').and_then(|(_, year)| parse_year(year));
    (year, symbol)
}

fn parse_year(text: &str) -> Option<u16> {
    (text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
        .filter(|y| (1900..2100).contains(y))
}

/// A state symbol: type code, then the issuer (every issuer for a joint document), then units.
/// A lone part is the issuer itself (`QH14`); a công văn starts with its issuer.
fn split_symbol<'a>(parts: &[&'a str], doc_type: Option<&DocType>) -> (Vec<&'a str>, Vec<&'a str>) {
    match (parts, doc_type) {
        ([lone], _) => (vec![lone], Vec::new()),
        ([_, rest @ ..], Some(t)) if t.joint => (rest.to_vec(), Vec::new()),
        ([_, issuer, units @ ..], Some(_)) => (vec![issuer], units.to_vec()),
        ([issuer, units @ ..], None) => (vec![issuer], units.to_vec()),
        _ => (Vec::new(), Vec::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(number: &str) -> (Option<String>, Option<u16>, Option<String>, Vec<String>) {
        let d = describe_document(number).unwrap_or_else(|| panic!("{number} is a number"));
        (d.doc_type.clone(), d.year, d.issuer_name(), d.units)
    }

    #[test]
    fn the_code_says_the_type_and_the_issuer() {
        assert_eq!(
            decoded("36-NQ/TW"),
            (
                Some("Nghị quyết".into()),
                None,
                Some("Ban Chấp hành Trung ương".into()),
                vec![]
            )
        );
        assert_eq!(
            decoded("15/2020/NĐ-CP"),
            (
                Some("Nghị định".into()),
                Some(2020),
                Some("Chính phủ".into()),
                vec![]
            )
        );
        assert_eq!(
            decoded("1234/QĐ-UBND"),
            (
                Some("Quyết định".into()),
                None,
                Some("Ủy ban nhân dân".into()),
                vec![]
            )
        );
        assert_eq!(
            decoded("19-2017/NQ-CP"),
            (
                Some("Nghị quyết".into()),
                Some(2017),
                Some("Chính phủ".into()),
                vec![]
            )
        );
        assert_eq!(
            decoded("45/2019/QH14"),
            (
                Some("Luật".into()),
                Some(2019),
                Some("Quốc hội khóa XIV".into()),
                vec![]
            )
        );
        assert_eq!(
            decoded("2383/BVHTTDL-TCDL"),
            (
                Some("Công văn".into()),
                None,
                Some("Bộ Văn hóa, Thể thao và Du lịch".into()),
                vec!["TCDL".into()]
            )
        );
        assert_eq!(
            decoded("06/2013/TTLT-BCA-BQP-BTC"),
            (
                Some("Thông tư liên tịch".into()),
                Some(2013),
                Some("Bộ Công an, Bộ Quốc phòng, Bộ Tài chính".into()),
                vec![]
            )
        );
        assert_eq!(
            decoded("09/2007/QĐ-TTg").2.as_deref(),
            Some("Thủ tướng Chính phủ")
        );
        assert_eq!(decoded("3344/QĐ-UBND-KT").3, vec!["KT".to_string()]);
    }

    #[test]
    fn only_a_whole_number_is_described() {
        assert!(describe_document("36").is_none());
        assert!(describe_document("nghị quyết 36").is_none());
        assert!(describe_document("36-NQ/TW và 12-KL/TW").is_none());
        assert!(describe_document("").is_none());
        assert_eq!(
            describe_document(" 36-nq/tw ").map(|d| d.number),
            Some("36-NQ/TW".to_string())
        );
    }
}
