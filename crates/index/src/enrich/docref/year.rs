//! The year a document was issued, when the number does not carry it.
//!
//! Nghị định 30/2020/NĐ-CP, Phụ lục I, 6.b: a document cited for the first time is cited with its
//! type, number and symbol, *date of issue*, issuer and summary: "Nghị quyết số 36-NQ/TW ngày
//! 26/3/2004 của Bộ Chính trị". The date written right after the number is therefore the
//! document's own. After a comma it is the document's only when its issuer or a closing
//! parenthesis follows ("Quy định số 102-QĐ/TW, ngày 15/11/2017 của Bộ Chính trị", as 34 of 34
//! such Party citations on vietnews write it); otherwise the date may be the event's ("…36-NQ/TW,
//! ngày 15/6/2024, tại Hà Nội"). A date further away is not read.

use super::patterns::DATE_AFTER;

/// The year written right after a number, in folded text starting where the number ends, and
/// how many folded bytes it takes.
pub(super) fn year_after(folded_after: &str) -> Option<(u16, usize)> {
    let trimmed = folded_after.trim_start_matches([' ', '\t']);
    if let Some(clause) = trimmed.strip_prefix(',') {
        let skipped = folded_after.len() - clause.len();
        let (year, len) = date_year(clause)?;
        let rest = clause[len..].trim_start_matches([' ', '\t']);
        let issuer_follows = rest.starts_with("cua ") || rest.starts_with(')');
        return issuer_follows.then_some((year, skipped + len));
    }
    date_year(folded_after)
}

/// The year of the date or year at the start of `folded`, and how many bytes it takes.
fn date_year(folded: &str) -> Option<(u16, usize)> {
    let caps = DATE_AFTER.captures(folded)?;
    let whole = caps.get(0)?;
    let number = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<u16>().ok());
    let (day, month) = match (
        number("day"),
        number("month"),
        number("wday"),
        number("wmonth"),
    ) {
        (Some(d), Some(m), _, _) | (_, _, Some(d), Some(m)) => (Some(d), Some(m)),
        _ => (None, None),
    };
    if let (Some(day), Some(month)) = (day, month)
        && !((1..=31).contains(&day) && (1..=12).contains(&month))
    {
        return None;
    }
    let year = number("y1")
        .or_else(|| number("y2"))
        .or_else(|| number("y3"))?;
    Some((year, whole.end()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::enrich::docref::folded::fold_key;

    fn year(after: &str) -> Option<u16> {
        year_after(&fold_key(after)).map(|(y, _)| y)
    }

    #[test]
    fn the_date_of_issue_follows_the_number() {
        assert_eq!(year(" ngày 26/3/2004 của Bộ Chính trị"), Some(2004));
        assert_eq!(year(" ngày 16-5-2016 của Chính phủ"), Some(2016));
        assert_eq!(year(" ngày 16.5.2017"), Some(2017));
        assert_eq!(year(" ngày 05 tháng 3 năm 2020 của Chính phủ"), Some(2020));
        assert_eq!(year(" năm 2015,2016, 2017 của Chính phủ"), Some(2015));
        assert_eq!(year(" (ban hành ngày 6/2/2017)"), Some(2017));
        // After a comma, with its issuer or in brackets: how Party citations are written.
        assert_eq!(year(" , ngày 15-11-2017 của Bộ Chính trị"), Some(2017));
        assert_eq!(year(", ngày 26/3/2004 của Bộ Chính trị"), Some(2004));
        assert_eq!(year(" , ngày 17-6-2019 ) ."), Some(2019));
    }

    #[test]
    fn other_dates_are_not_the_documents() {
        assert_eq!(
            year(", ngày 26/3/2004"),
            None,
            "after a comma: another clause"
        );
        assert_eq!(year(", ngày 15/6/2024, tại Hà Nội"), None);
        assert_eq!(year(", ngày 15/6/2024 tỉnh tổ chức hội nghị"), None);
        assert_eq!(year(" của Bộ Chính trị ngày 26/3/2004"), None);
        assert_eq!(year(" ngày 32/3/2004"), None);
        assert_eq!(year(" ngày 12/8"), None);
        assert_eq!(year(" năm 20"), None);
    }
}
