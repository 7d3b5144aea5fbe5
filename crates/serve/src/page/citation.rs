//! Dates as Vietnamese readers write them, and the citation a "copy citation" button copies.
//!
//! ```
//! use tracuu_serve::page::citation::{citation, display_date};
//! assert_eq!(display_date(Some("2021-02-22T14:00:00+07:00")).as_deref(), Some("22/02/2021"));
//! let c = citation("Tổng kết", Some("UBND tỉnh Quảng Nam"), Some("2021-02-22"), "https://quangnam.gov.vn/a");
//! assert_eq!(c, "“Tổng kết”, UBND tỉnh Quảng Nam, 22/02/2021, https://quangnam.gov.vn/a");
//! assert_eq!(tracuu_serve::page::citation::percent(0.075), "7,5 %");
//! ```

use tracuu_index::article::{VIETNAM_OFFSET, parse_published};

/// `dd/mm/yyyy` in Vietnam time, or `None` when the date is absent or unreadable.
pub fn display_date(published: Option<&str>) -> Option<String> {
    let at = parse_published(published?)?.to_offset(VIETNAM_OFFSET);
    Some(format!(
        "{:02}/{:02}/{}",
        at.day(),
        u8::from(at.month()),
        at.year()
    ))
}

/// Title, agency (or site), date and URL, in the order a reference list wants them.
pub fn citation(title: &str, agency: Option<&str>, published: Option<&str>, url: &str) -> String {
    let mut parts = vec![format!("“{}”", title.trim())];
    if let Some(agency) = agency.map(str::trim).filter(|a| !a.is_empty()) {
        parts.push(agency.to_string());
    }
    if let Some(date) = display_date(published) {
        parts.push(date);
    }
    parts.push(url.to_string());
    parts.join(", ")
}

/// A share as a Vietnamese percentage: one decimal after a comma (`7,5 %`), `< 0,1 %` for a
/// share too small to show but not zero.
pub fn percent(share: f64) -> String {
    if share <= 0.0 || !share.is_finite() {
        return "0 %".to_string();
    }
    if share < 0.0005 {
        return "< 0,1 %".to_string();
    }
    let text = format!("{:.1}", share * 100.0).replace('.', ",");
    format!("{} %", text.strip_suffix(",0").unwrap_or(&text))
}

/// A count with `.` between thousands, as Vietnamese writes numbers (150.704).
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_shown_in_vietnam_time() {
        // 20:00 UTC is already the next day in Hà Nội.
        assert_eq!(
            display_date(Some("2021-02-21T20:00:00Z")).as_deref(),
            Some("22/02/2021")
        );
        assert_eq!(display_date(Some("ngày 22")), None);
        assert_eq!(display_date(None), None);
    }

    #[test]
    fn citation_skips_what_is_missing() {
        assert_eq!(
            citation(" Tin ", None, None, "https://a.vn/b"),
            "“Tin”, https://a.vn/b"
        );
    }

    #[test]
    fn thousands_use_dots() {
        assert_eq!(group_thousands(150_704), "150.704");
        assert_eq!(group_thousands(5), "5");
        assert_eq!(group_thousands(1_000_000), "1.000.000");
    }
}
