//! Each mined number written in a sentence, as written and in the other ways people write
//! numbers, and typed in a query.

use tracuu_index::enrich::{
    CitedDocument, cited_documents, parse_document_number, references_in_query,
    type_named_in_queries,
};
use unicode_normalization::UnicodeNormalization;

use super::seen::{Fragment, Verdict, judge};

/// The sentence a number is written in: a citation as Phụ lục I, 6.b has it, without a date.
pub fn carrier(number: &str) -> String {
    format!("Căn cứ văn bản số {number} của cơ quan ban hành.")
}

/// The first document cited in the carrier sentence of `written`.
pub fn extract(written: &str) -> Option<CitedDocument> {
    cited_documents(&carrier(written)).into_iter().next()
}

/// The first document cited in a carrier sentence that gives the date of issue, as a first
/// citation does (Phụ lục I, 6.b): the year of a number that carries none.
pub fn extract_dated(written: &str) -> Option<CitedDocument> {
    cited_documents(&format!(
        "Căn cứ văn bản số {written} ngày 15/6/2018 của cơ quan ban hành."
    ))
    .into_iter()
    .next()
}

/// The index key of a number (folded, lower case): two numbers with the same key are found by
/// the same search.
pub fn key(number: &str) -> Option<String> {
    parse_document_number(number).and_then(|d| d.keys().into_iter().next())
}

/// The number as written, judged.
pub fn as_written(number: &str) -> (Verdict, Option<CitedDocument>) {
    let found = extract(number);
    (
        judge(
            number,
            found.as_ref().map(|d| d.number.as_str()),
            Fragment::default(),
        ),
        found,
    )
}

/// Ways of writing a number that Phụ lục I does not allow but real text has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spelling {
    /// `46/2016/nđ-cp`.
    LowerCase,
    /// `46 / 2016 / NĐ - CP`.
    SpacedSeparators,
    /// `46/2016/NĐ- CP`.
    SpaceAfterHyphen,
    /// `46/2016/ND-CP`, typed without Vietnamese input.
    WithoutMarks,
    /// Decomposed Unicode (NFD), as some sites serve.
    Nfd,
    /// `46/2016 NĐ-CP`: the slash before the symbol left out.
    NoSlashBeforeSymbol,
    /// `46/2016/NĐ-CPngày`: the next word run on.
    RunOnWord,
    /// `46-2016-NĐ-CP`: hyphens for every slash.
    HyphensForSlashes,
    /// `46/2016/NĐ CP`: a space for the symbol's first hyphen.
    SpaceForHyphen,
    /// `45/2019/QH 14`: the legislature's term written apart.
    SpacedTerm,
}

impl Spelling {
    /// Every spelling measured.
    pub const ALL: [Spelling; 10] = [
        Spelling::LowerCase,
        Spelling::SpacedSeparators,
        Spelling::SpaceAfterHyphen,
        Spelling::WithoutMarks,
        Spelling::Nfd,
        Spelling::NoSlashBeforeSymbol,
        Spelling::RunOnWord,
        Spelling::HyphensForSlashes,
        Spelling::SpaceForHyphen,
        Spelling::SpacedTerm,
    ];

    /// How the table names it.
    pub fn label(self) -> &'static str {
        match self {
            Spelling::LowerCase => "lower case (`46/2016/nđ-cp`)",
            Spelling::SpacedSeparators => "spaced separators (`46 / 2016 / NĐ - CP`)",
            Spelling::SpaceAfterHyphen => "space after the hyphen (`NĐ- CP`)",
            Spelling::WithoutMarks => "without marks (`ND-CP`)",
            Spelling::Nfd => "decomposed Unicode (NFD)",
            Spelling::NoSlashBeforeSymbol => "no slash before the symbol (`46/2016 NĐ-CP`)",
            Spelling::RunOnWord => "next word run on (`NĐ-CPngày`)",
            Spelling::HyphensForSlashes => "hyphens for slashes (`46-2016-NĐ-CP`)",
            Spelling::SpaceForHyphen => "a space for the hyphen (`46/2016/NĐ CP`)",
            Spelling::SpacedTerm => "the legislature's term apart (`45/2019/QH 14`)",
        }
    }

    /// The number written this way, or `None` when the spelling does not apply to it.
    pub fn write(self, number: &str) -> Option<String> {
        match self {
            Spelling::LowerCase => Some(number.to_lowercase()),
            Spelling::SpacedSeparators => Some(number.replace('/', " / ").replace('-', " - ")),
            Spelling::SpaceAfterHyphen => {
                let symbol_start = number.rfind('/')? + 1;
                let (head, symbol) = number.split_at(symbol_start);
                symbol
                    .contains('-')
                    .then(|| format!("{head}{}", symbol.replace('-', "- ")))
            }
            Spelling::WithoutMarks => number
                .contains(['Đ', 'đ'])
                .then(|| number.replace('Đ', "D").replace('đ', "d")),
            Spelling::Nfd => Some(number.nfd().collect()),
            Spelling::NoSlashBeforeSymbol => {
                let parts: Vec<&str> = number.splitn(3, '/').collect();
                match parts[..] {
                    [serial, year, symbol] if year.len() == 4 && symbol.contains('-') => {
                        Some(format!("{serial}/{year} {symbol}"))
                    }
                    _ => None,
                }
            }
            Spelling::RunOnWord => Some(format!("{number}ngày")),
            Spelling::HyphensForSlashes => match number.splitn(3, '/').collect::<Vec<_>>()[..] {
                [serial, year, symbol] if year.len() == 4 => {
                    Some(format!("{serial}-{year}-{symbol}"))
                }
                _ => None,
            },
            Spelling::SpaceForHyphen => {
                let symbol_start = number.rfind('/')? + 1;
                let (head, symbol) = number.split_at(symbol_start);
                symbol
                    .contains('-')
                    .then(|| format!("{head}{}", symbol.replacen('-', " ", 1)))
            }
            Spelling::SpacedTerm => {
                let digits =
                    number.len() - number.trim_end_matches(|c: char| c.is_ascii_digit()).len();
                let body = &number[..number.len() - digits];
                (body.ends_with("QH") && (1..=2).contains(&digits))
                    .then(|| format!("{body} {}", &number[body.len()..]))
            }
        }
    }
}

/// Ways of typing a document in a query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Typed {
    /// The number itself.
    Number,
    /// Its type and serial: `nghị định 46`.
    TypeAndSerial,
    /// Its type, serial and year: `nghị định 46/2016`, `nghị quyết 36 năm 2004`.
    TypeSerialYear,
}

impl Typed {
    /// Every way measured.
    pub const ALL: [Typed; 3] = [Typed::Number, Typed::TypeAndSerial, Typed::TypeSerialYear];

    /// How the table names it.
    pub fn label(self) -> &'static str {
        match self {
            Typed::Number => "the number (`46/2016/NĐ-CP`)",
            Typed::TypeAndSerial => "type and serial (`nghị định 46`)",
            Typed::TypeSerialYear => "type, serial and year (`nghị định 46/2016`)",
        }
    }

    /// The query typed for `doc`, when this way applies to it (a type that queries name, a year).
    pub fn query(self, doc: &CitedDocument) -> Option<String> {
        let digits: String = doc
            .number
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        let letter = doc.number[digits.len()..]
            .chars()
            .next()
            .filter(char::is_ascii_lowercase);
        let mut serial = digits.trim_start_matches('0').to_string();
        serial.extend(letter);
        let name = doc
            .doc_type
            .as_deref()
            .filter(|t| type_named_in_queries(t))
            .map(str::to_lowercase);
        match self {
            Typed::Number => Some(doc.number.clone()),
            Typed::TypeAndSerial => Some(format!("{} {serial}", name?)),
            Typed::TypeSerialYear => Some(format!("{} {serial} năm {}", name?, doc.year?)),
        }
    }

    /// Whether the query finds `doc`: one of its reference's keys is one of the document's.
    /// `None` when this way does not apply; `Some(false)` when the query names no document, or
    /// another one.
    pub fn finds(self, doc: &CitedDocument) -> Option<bool> {
        let query = self.query(doc)?;
        let keys = doc.keys();
        let references = references_in_query(&query);
        Some(
            references.len() == 1
                && references[0].span == (0..query.len())
                && references[0].keys.iter().any(|k| keys.contains(k)),
        )
    }
}

/// A query for the same type and serial in another year must not find the document.
pub fn other_year_excluded(doc: &CitedDocument) -> Option<bool> {
    let year = doc.year?;
    let other = CitedDocument {
        year: Some(year + 1),
        ..doc.clone()
    };
    let query = Typed::TypeSerialYear.query(&other)?;
    let keys = doc.keys();
    Some(
        !references_in_query(&query)
            .iter()
            .any(|r| r.keys.iter().any(|k| keys.contains(k))),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_other_spellings_are_written_as_real_text_writes_them() {
        let write = |spelling: Spelling, number: &str| spelling.write(number);
        assert_eq!(
            write(Spelling::HyphensForSlashes, "46/2016/NĐ-CP").as_deref(),
            Some("46-2016-NĐ-CP")
        );
        assert_eq!(write(Spelling::HyphensForSlashes, "36-NQ/TW"), None);
        assert_eq!(
            write(Spelling::SpaceForHyphen, "1234/QĐ-UBND").as_deref(),
            Some("1234/QĐ UBND")
        );
        assert_eq!(write(Spelling::SpaceForHyphen, "36-NQ/TW"), None);
        assert_eq!(
            write(Spelling::SpacedTerm, "45/2019/QH14").as_deref(),
            Some("45/2019/QH 14")
        );
        assert_eq!(write(Spelling::SpacedTerm, "46/2016/NĐ-CP"), None);
    }
}
