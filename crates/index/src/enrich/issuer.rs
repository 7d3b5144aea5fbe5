//! Issuing bodies named by the symbol of a document number: `TW` → Ban Chấp hành Trung ương,
//! `CP` → Chính phủ, `UBND` → Ủy ban nhân dân, `QH14` → Quốc hội khóa XIV.
//!
//! Nghị định 30/2020/NĐ-CP (Phụ lục I, 3.b) leaves each body's abbreviation to the body itself;
//! these are the ones in force at the centre (the Party's central bodies, the National Assembly,
//! the Government and its ministries, the courts) and the generic local ones (`UBND`, `HĐND`,
//! `TU`, `HU`). A local department's own abbreviation (`SYT`, `TNMT`) is shown as written.

use super::docref::fold_upper;

/// One issuing body: its symbol as the body writes it, and its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IssuerName {
    /// The abbreviation in the symbol: `TW`, `TTg`, `BGDĐT`.
    pub symbol: &'static str,
    /// The body's name: `Ban Chấp hành Trung ương`.
    pub name: &'static str,
    /// A body of the Party, whose documents are numbered `số-LOẠI/CƠ QUAN` (`36-NQ/TW`) at
    /// every level (Hướng dẫn 36-HD/VPTW); the State's are `số/LOẠI-CƠ QUAN` today.
    pub party: bool,
}

const fn body(symbol: &'static str, name: &'static str) -> IssuerName {
    IssuerName {
        symbol,
        name,
        party: false,
    }
}

const fn party(symbol: &'static str, name: &'static str) -> IssuerName {
    IssuerName {
        symbol,
        name,
        party: true,
    }
}

/// Bodies whose symbol may carry the number of the legislature's term (`QH14`, `UBTVQH13`).
const WITH_TERM: &[&str] = &["QH", "UBTVQH", "HĐNN"];

const ISSUERS: &[IssuerName] = &[
    // The Party.
    party("TW", "Ban Chấp hành Trung ương"),
    party("VPTW", "Văn phòng Trung ương Đảng"),
    party("BTCTW", "Ban Tổ chức Trung ương"),
    party("BTGTW", "Ban Tuyên giáo Trung ương"),
    party("BDVTW", "Ban Dân vận Trung ương"),
    party("BĐNTW", "Ban Đối ngoại Trung ương"),
    party("BNCTW", "Ban Nội chính Trung ương"),
    party("BKTTW", "Ban Kinh tế Trung ương"),
    party("UBKTTW", "Ủy ban Kiểm tra Trung ương"),
    party("QUTW", "Quân ủy Trung ương"),
    party("TU", "Tỉnh ủy, Thành ủy"),
    party("HU", "Huyện ủy"),
    party("QU", "Quận ủy"),
    party("ĐU", "Đảng ủy"),
    party("ĐUK", "Đảng ủy Khối"),
    party("BCSĐ", "Ban cán sự đảng"),
    party("UBKTTU", "Ủy ban Kiểm tra Tỉnh ủy"),
    party("UBKTHU", "Ủy ban Kiểm tra Huyện ủy"),
    body("MTTW", "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam"),
    // The State, at the centre.
    body("QH", "Quốc hội"),
    body("UBTVQH", "Ủy ban Thường vụ Quốc hội"),
    body("HĐNN", "Hội đồng Nhà nước"),
    body("CTN", "Chủ tịch nước"),
    body("CP", "Chính phủ"),
    body("TTg", "Thủ tướng Chính phủ"),
    body("VPCP", "Văn phòng Chính phủ"),
    body("BCA", "Bộ Công an"),
    body("BQP", "Bộ Quốc phòng"),
    body("BNG", "Bộ Ngoại giao"),
    body("BNV", "Bộ Nội vụ"),
    body("BTP", "Bộ Tư pháp"),
    body("BTC", "Bộ Tài chính"),
    body("BKHĐT", "Bộ Kế hoạch và Đầu tư"),
    body("BCT", "Bộ Công Thương"),
    body("BNNPTNT", "Bộ Nông nghiệp và Phát triển nông thôn"),
    body("BNN", "Bộ Nông nghiệp và Phát triển nông thôn"),
    body("BNNMT", "Bộ Nông nghiệp và Môi trường"),
    body("BGTVT", "Bộ Giao thông vận tải"),
    body("BXD", "Bộ Xây dựng"),
    body("BTNMT", "Bộ Tài nguyên và Môi trường"),
    body("BTTTT", "Bộ Thông tin và Truyền thông"),
    body("BLĐTBXH", "Bộ Lao động - Thương binh và Xã hội"),
    body("BVHTTDL", "Bộ Văn hóa, Thể thao và Du lịch"),
    body("BKHCN", "Bộ Khoa học và Công nghệ"),
    body("BGDĐT", "Bộ Giáo dục và Đào tạo"),
    body("BYT", "Bộ Y tế"),
    body("BDTTG", "Bộ Dân tộc và Tôn giáo"),
    body("UBDT", "Ủy ban Dân tộc"),
    body("NHNN", "Ngân hàng Nhà nước Việt Nam"),
    body("TTCP", "Thanh tra Chính phủ"),
    body("KTNN", "Kiểm toán nhà nước"),
    body("TANDTC", "Tòa án nhân dân tối cao"),
    body("HĐTP", "Hội đồng Thẩm phán Tòa án nhân dân tối cao"),
    body("VKSNDTC", "Viện kiểm sát nhân dân tối cao"),
    body("BHXH", "Bảo hiểm xã hội"),
    body("TCHQ", "Tổng cục Hải quan"),
    body("TCT", "Tổng cục Thuế"),
    // Local bodies.
    body("UBND", "Ủy ban nhân dân"),
    body("UB", "Ủy ban nhân dân"),
    body("HĐND", "Hội đồng nhân dân"),
];

/// The body a symbol part names, with the legislature's term when it carries one (`QH14`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedIssuer {
    /// The body.
    pub body: IssuerName,
    /// The term of the legislature (`14` in `QH14`).
    pub term: Option<u16>,
}

impl NamedIssuer {
    /// The name to show: `Quốc hội khóa XIV`, `Chính phủ`.
    pub fn display_name(&self) -> String {
        match self.term.and_then(roman) {
            Some(term) => format!("{} khóa {term}", self.body.name),
            None => self.body.name.to_string(),
        }
    }
}

/// The body named by a symbol part as written (`TW`, `tw`, `QH14`, `HDND`), if known.
pub fn issuer_of(part: &str) -> Option<NamedIssuer> {
    let key = fold_upper(part);
    if let Some(body) = by_key(&key) {
        return Some(NamedIssuer { body, term: None });
    }
    let stem = key.trim_end_matches(|c: char| c.is_ascii_digit());
    let term: u16 = key[stem.len()..].parse().ok()?;
    let body = by_key(stem).filter(|b| WITH_TERM.contains(&b.symbol))?;
    Some(NamedIssuer {
        body,
        term: Some(term),
    })
}

/// The symbols of the Party's bodies (`TW`, `TU`, `ĐU`, …).
pub(crate) fn party_symbols() -> impl Iterator<Item = &'static str> {
    ISSUERS.iter().filter(|b| b.party).map(|b| b.symbol)
}

/// Whether a symbol part names a body of the Party (`TW`, `TU`, `ĐU`, `BTGTW`), whose documents
/// are numbered `36-NQ/TW`, never `36/NQ-TW`.
pub(crate) fn is_party_body(part: &str) -> bool {
    by_key(&fold_upper(part)).is_some_and(|b| b.party)
}

/// The official spelling of an issuer's symbol, given its folded upper case (`HDND` → `HĐND`).
pub(crate) fn issuer_spelling(key: &str) -> Option<&'static str> {
    by_key(key).map(|b| b.symbol)
}

fn by_key(key: &str) -> Option<IssuerName> {
    ISSUERS
        .iter()
        .find(|b| fold_upper(b.symbol) == key)
        .copied()
}

/// A term number in Roman numerals, as the legislature's terms are written (`XIV`).
fn roman(n: u16) -> Option<String> {
    if n == 0 || n > 39 {
        return None;
    }
    let mut out = "X".repeat(usize::from(n / 10));
    out.push_str(["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"][usize::from(n % 10)]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn central_bodies_decode_from_their_symbols() {
        let name = |part: &str| issuer_of(part).map(|i| i.display_name());
        assert_eq!(name("TW").as_deref(), Some("Ban Chấp hành Trung ương"));
        assert_eq!(name("CP").as_deref(), Some("Chính phủ"));
        assert_eq!(name("TTg").as_deref(), Some("Thủ tướng Chính phủ"));
        assert_eq!(name("UBND").as_deref(), Some("Ủy ban nhân dân"));
        assert_eq!(name("HDND").as_deref(), Some("Hội đồng nhân dân"));
        assert_eq!(name("BGDĐT").as_deref(), Some("Bộ Giáo dục và Đào tạo"));
        assert_eq!(name("QH14").as_deref(), Some("Quốc hội khóa XIV"));
        assert_eq!(
            name("UBTVQH13").as_deref(),
            Some("Ủy ban Thường vụ Quốc hội khóa XIII")
        );
        assert_eq!(name("SYT"), None, "a local department is shown as written");
        assert_eq!(name("CP14"), None, "only the legislature has terms");
    }

    #[test]
    fn every_symbol_is_listed_once() {
        for (at, body) in ISSUERS.iter().enumerate() {
            assert!(
                ISSUERS[at + 1..]
                    .iter()
                    .all(|other| fold_upper(other.symbol) != fold_upper(body.symbol)),
                "{} twice",
                body.symbol
            );
        }
    }
}
