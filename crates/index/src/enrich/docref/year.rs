//! The year a document was issued, when the number does not carry it.
//!
//! Nghị định 30/2020/NĐ-CP, Phụ lục I, 6.b: a document cited for the first time is cited with its
//! type, number and symbol, *date of issue*, issuer and summary: "Nghị quyết số 36-NQ/TW ngày
//! 26/3/2004 của Bộ Chính trị". The date written right after the number is therefore the
//! document's own; a date further away (after a comma, in another clause) may be the event's,
//! and is not read.

use super::patterns::DATE_AFTER;

/// The year written right after a number, in folded text starting where the number ends, and
/// how many folded bytes it takes.
pub(super) fn year_after(folded_after: &str) -> Option<(u16, usize)> {
    let caps = DATE_AFTER.captures(folded_after)?;
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
    }

    #[test]
    fn other_dates_are_not_the_documents() {
        assert_eq!(
            year(", ngày 26/3/2004"),
            None,
            "after a comma: another clause"
        );
        assert_eq!(year(" của Bộ Chính trị ngày 26/3/2004"), None);
        assert_eq!(year(" ngày 32/3/2004"), None);
        assert_eq!(year(" ngày 12/8"), None);
        assert_eq!(year(" năm 20"), None);
    }
}
