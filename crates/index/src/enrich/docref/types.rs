//! Document types and their codes (Nghị định 30/2020/NĐ-CP, Phụ lục III; the Party's
//! Hướng dẫn 36-HD/VPTW), and the official spelling of symbol parts.

use super::folded::fold_key;

/// One document type: its name, its code and how the name may be used.
pub(crate) struct DocType {
    /// Name as written before a number: "Nghị quyết".
    pub name: &'static str,
    /// Official code in the symbol; empty for công văn, whose symbol has no type code.
    pub code: &'static str,
    /// Other codes a document of this type may carry (a Party "Quy định" is written `QĐ`).
    pub also: &'static [&'static str],
    /// Whether "name + number" in a query ("nghị quyết 36") is a reference to this type.
    pub in_query: bool,
    /// Whether several bodies issue it together, each named in the symbol (`TTLT-BCA-BQP`).
    pub joint: bool,
}

const fn doc(name: &'static str, code: &'static str, in_query: bool) -> DocType {
    DocType {
        name,
        code,
        also: &[],
        in_query,
        joint: false,
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
pub(crate) const DOC_TYPES: &[DocType] = &[
    // Normative documents.
    doc("Luật", "QH", true),
    doc("Bộ luật", "QH", true),
    DocType {
        name: "Pháp lệnh",
        code: "PL",
        also: &["UBTVQH"],
        in_query: true,
        joint: false,
    },
    doc("Lệnh", "L", false),
    doc("Nghị định", "NĐ", true),
    DocType {
        name: "Nghị quyết",
        code: "NQ",
        also: &["QH", "UBTVQH"],
        in_query: true,
        joint: false,
    },
    DocType {
        name: "Nghị quyết liên tịch",
        code: "NQLT",
        also: &[],
        in_query: true,
        joint: true,
    },
    doc("Thông tư", "TT", true),
    DocType {
        name: "Thông tư liên tịch",
        code: "TTLT",
        also: &[],
        in_query: true,
        joint: true,
    },
    // Party documents (Kết luận) and Nghị định 30/2020/NĐ-CP, Phụ lục III.
    doc("Quyết định", "QĐ", true),
    doc("Chỉ thị", "CT", true),
    doc("Kết luận", "KL", true),
    DocType {
        name: "Quy định",
        code: "QyĐ",
        also: &["QĐi", "QĐ"],
        in_query: true,
        joint: false,
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
/// the sources above (`TTg` is the Prime Minister's, `QĐi` the Party's Quy định), and codes that
/// lose their `Đ` when typed without Vietnamese input (as an issuer, `ND` may be something else).
/// Issuers are spelled by [`crate::enrich::issuer`]. `HD`/`HĐ` and `DA`/`ĐA` are two codes each,
/// so they are never rewritten.
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
];

/// Codes a query may abbreviate before a serial number: `nq 36`, `NQ36`, `nđ 15`.
pub(crate) const QUERY_CODES: &[&str] = &["NQ", "NĐ", "QĐ", "CT", "KL", "TT", "TTLT", "PL"];

/// The type a code alone stands for.
pub(crate) fn doc_type_of_code(code: &str) -> Option<&'static DocType> {
    if code.is_empty() {
        return None;
    }
    DOC_TYPES.iter().find(|t| t.code == code)
}

/// The type with this name, folded ("nghi quyet"), spaces as written.
pub(crate) fn type_by_folded_name(folded: &str) -> Option<&'static DocType> {
    let name: String = folded.split_whitespace().collect::<Vec<_>>().join(" ");
    DOC_TYPES.iter().find(|t| fold_key(t.name) == name)
}

/// Whether "type name + serial" in a query ("nghị quyết 36", "thông tư 02/2017") names a
/// document of the type called `name` ("Nghị quyết").
pub fn type_named_in_queries(name: &str) -> bool {
    type_by_name(name).is_some_and(|t| t.in_query)
}

/// The type with this name as displayed ("Nghị quyết").
pub(crate) fn type_by_name(name: &str) -> Option<&'static DocType> {
    DOC_TYPES.iter().find(|t| t.name == name)
}

/// The type of a document with this code, given the type name written before it, if any.
pub(crate) fn type_for(code: &str, written: Option<&DocType>) -> Option<&'static str> {
    let by_code = doc_type_of_code(code);
    match written {
        Some(w) if by_code.is_none() || w.code == code || w.also.contains(&code) => {
            type_by_name(w.name).map(|t| t.name)
        }
        _ => by_code.map(|t| t.name),
    }
}

/// The known spelling of a part, given its folded upper case: a code spelled officially, or an
/// issuer's symbol.
pub(crate) fn known_spelling(key: &str, is_code: bool) -> Option<&'static str> {
    SPELLED_PARTS
        .iter()
        .find(|(folded, _, code_only)| *folded == key && (is_code || !code_only))
        .map(|(_, spelled, _)| *spelled)
        .or_else(|| crate::enrich::issuer::issuer_spelling(key))
}

/// Whether a part, by its folded upper case, is a known type code or issuer, however it is cased.
pub(crate) fn is_known_part(key: &str) -> bool {
    known_spelling(key, true).is_some()
        || DOC_TYPES
            .iter()
            .any(|t| !t.code.is_empty() && fold_key(t.code).eq_ignore_ascii_case(key))
}

/// Folded type names as a regex alternation, longest first so "thong tu lien tich" wins.
pub(crate) fn type_names(keep: impl Fn(&DocType) -> bool) -> String {
    let mut names: Vec<String> = DOC_TYPES
        .iter()
        .filter(|t| keep(t))
        .map(|t| fold_key(t.name).replace(' ', "[ \\t]+"))
        .collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names.join("|")
}
