//! Publication dates in the forms Vietnamese portals write them, always day first, in Vietnam time.
//!
//! Handles machine dates (ISO 8601 / RFC 3339 in meta tags, JSON-LD and `<time datetime>`) and the
//! local forms: "Chiều ngày 22/02/2021", "[10:35 - 18/01/2021]", "Đăng ngày 05-11-2021 02:51",
//! "Thứ Hai, 25/6/2024", "ngày 12 tháng 5 năm 2025", "12/05/2025 | 09:30". A date without a time
//! comes out as `YYYY-MM-DD`; with a time, as RFC 3339 with `+07:00` (Asia/Ho_Chi_Minh has had no
//! daylight saving since 1975). Machine dates in another offset are converted to `+07:00`.
//!
//! ```
//! use tracuu_crawl::extract::date::parse_vietnamese_date;
//! assert_eq!(parse_vietnamese_date("[10:35 - 18/01/2021]").as_deref(), Some("2021-01-18T10:35:00+07:00"));
//! assert_eq!(parse_vietnamese_date("Chiều ngày 22/02/2021").as_deref(), Some("2021-02-22"));
//! assert_eq!(parse_vietnamese_date("ngày 12 tháng 5 năm 2025").as_deref(), Some("2025-05-12"));
//! ```

use regex::Regex;
use std::sync::LazyLock;
use time::{
    Date, Month, OffsetDateTime, PrimitiveDateTime, Time, format_description::well_known::Rfc3339,
};
use tracuu_index::article::VIETNAM_OFFSET;

fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|err| unreachable!("static regex {pattern}: {err}"))
}

static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?:(?P<h1>\d{1,2})\s*[:hg]\s*(?P<m1>\d{2})(?:\s*:\s*\d{2})?\s*(?P<ap1>[AaPp][Mm])?\s*(?:[-–|,]|ngày|\s)\s*(?:[^\d\s]{0,12}\s*,?\s*)?)?\b(?P<d>\d{1,2})\s*[/.\-]\s*(?P<mo>\d{1,2})\s*[/.\-]\s*(?P<y>\d{4})\b(?:\s*(?:[-–|,]|lúc|\s)\s*(?P<h2>\d{1,2})\s*[:hg]\s*(?P<m2>\d{2})(?:\s*:\s*\d{2})?\s*(?P<ap2>[AaPp][Mm])?)?",
    )
});

static WORDS: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?i)ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<mo>\d{1,2})\s*(?:,\s*)?năm\s+(?P<y>\d{4})")
});

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})(?:[T ](?P<h>\d{2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:\.\d+)?)?\s*(?P<z>Z|[+-]\d{2}:?\d{2})?)?",
    )
});

fn num(caps: &regex::Captures<'_>, name: &str) -> Option<u32> {
    caps.name(name)?.as_str().parse().ok()
}

fn make_date(year: u32, month: u32, day: u32) -> Option<Date> {
    if !(1990..=2100).contains(&year) {
        return None;
    }
    let month = Month::try_from(u8::try_from(month).ok()?).ok()?;
    Date::from_calendar_date(i32::try_from(year).ok()?, month, u8::try_from(day).ok()?).ok()
}

fn hour_with_meridiem(hour: u32, meridiem: Option<&str>) -> u32 {
    match meridiem.map(str::to_ascii_lowercase).as_deref() {
        Some("pm") if hour < 12 => hour + 12,
        Some("am") if hour == 12 => 0,
        _ => hour,
    }
}

fn format(date: Date, time: Option<(u32, u32, u32)>) -> String {
    let Some((h, m, s)) = time else {
        return format!(
            "{:04}-{:02}-{:02}",
            date.year(),
            u8::from(date.month()),
            date.day()
        );
    };
    let clock = Time::from_hms(
        u8::try_from(h).unwrap_or(0),
        u8::try_from(m).unwrap_or(0),
        u8::try_from(s).unwrap_or(0),
    );
    match clock {
        Ok(clock) => PrimitiveDateTime::new(date, clock)
            .assume_offset(VIETNAM_OFFSET)
            .format(&Rfc3339)
            .unwrap_or_else(|_| format(date, None)),
        Err(_) => format(date, None),
    }
}

/// Parses a machine date (ISO 8601 / RFC 3339) into tracuu's form, in Vietnam time.
pub fn parse_iso_date(text: &str) -> Option<String> {
    let caps = ISO.captures(text.trim())?;
    let date = make_date(num(&caps, "y")?, num(&caps, "mo")?, num(&caps, "d")?)?;
    let (Some(h), Some(mi)) = (num(&caps, "h"), num(&caps, "mi")) else {
        return Some(format(date, None));
    };
    let s = num(&caps, "s").unwrap_or(0);
    match caps.name("z").map(|z| z.as_str()) {
        None => Some(format(date, Some((h, mi, s)))),
        Some(zone) => {
            let normalized = if zone == "Z" {
                "+00:00".to_string()
            } else if zone.contains(':') {
                zone.to_string()
            } else {
                format!("{}:{}", zone.get(..3)?, zone.get(3..)?)
            };
            let stamp = format!(
                "{:04}-{:02}-{:02}T{h:02}:{mi:02}:{s:02}{normalized}",
                date.year(),
                u8::from(date.month()),
                date.day()
            );
            let at = OffsetDateTime::parse(&stamp, &Rfc3339)
                .ok()?
                .to_offset(VIETNAM_OFFSET);
            Some(format(
                at.date(),
                Some((
                    u32::from(at.hour()),
                    u32::from(at.minute()),
                    u32::from(at.second()),
                )),
            ))
        }
    }
}

/// Finds the first date written the Vietnamese way in `text` (day first), with its time if given.
pub fn parse_vietnamese_date(text: &str) -> Option<String> {
    let numeric = NUMERIC.captures_iter(text).find_map(|caps| {
        let date = make_date(num(&caps, "y")?, num(&caps, "mo")?, num(&caps, "d")?)?;
        let time = match (
            num(&caps, "h1"),
            num(&caps, "m1"),
            num(&caps, "h2"),
            num(&caps, "m2"),
        ) {
            (Some(h), Some(m), _, _) => Some((
                hour_with_meridiem(h, caps.name("ap1").map(|m| m.as_str())),
                m,
            )),
            (_, _, Some(h), Some(m)) => Some((
                hour_with_meridiem(h, caps.name("ap2").map(|m| m.as_str())),
                m,
            )),
            _ => None,
        }
        .filter(|(h, m)| *h < 24 && *m < 60);
        Some((
            caps.get(0)?.start(),
            format(date, time.map(|(h, m)| (h, m, 0))),
        ))
    });
    let words = WORDS.captures_iter(text).find_map(|caps| {
        let date = make_date(num(&caps, "y")?, num(&caps, "mo")?, num(&caps, "d")?)?;
        Some((caps.get(0)?.start(), format(date, None)))
    });
    match (numeric, words) {
        (Some(a), Some(b)) => Some(if a.0 <= b.0 { a.1 } else { b.1 }),
        (a, b) => a.or(b).map(|(_, date)| date),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_seen_on_portals() {
        let cases = [
            ("Chiều ngày 22/02/2021, Ban về người Việt Nam", "2021-02-22"),
            ("[10:35 - 18/01/2021]", "2021-01-18T10:35:00+07:00"),
            ("Đăng ngày 05-11-2021 02:51", "2021-11-05T02:51:00+07:00"),
            ("Thứ Hai, 25/6/2024", "2024-06-25"),
            ("Thứ Ba, 25/06/2024 09:30", "2024-06-25T09:30:00+07:00"),
            (
                "Cập nhật lúc 14h20 ngày 3/7/2023",
                "2023-07-03T14:20:00+07:00",
            ),
            ("ngày 12 tháng 5 năm 2025", "2025-05-12"),
            ("Hà Nội, ngày 04 tháng 11 năm 2021", "2021-11-04"),
            ("12.05.2025", "2025-05-12"),
        ];
        for (text, want) in cases {
            assert_eq!(parse_vietnamese_date(text).as_deref(), Some(want), "{text}");
        }
    }

    #[test]
    fn impossible_dates_are_refused() {
        assert_eq!(parse_vietnamese_date("31/02/2021"), None);
        assert_eq!(parse_vietnamese_date("Số 36-NQ/TW"), None);
        assert_eq!(parse_vietnamese_date("13/25/2021"), None);
    }

    #[test]
    fn machine_dates_are_put_in_vietnam_time() {
        assert_eq!(
            parse_iso_date("2021-01-18T03:35:00Z").as_deref(),
            Some("2021-01-18T10:35:00+07:00")
        );
        assert_eq!(
            parse_iso_date("2021-01-18T10:35:00+07:00").as_deref(),
            Some("2021-01-18T10:35:00+07:00")
        );
        assert_eq!(
            parse_iso_date("2021-01-18T10:35:00").as_deref(),
            Some("2021-01-18T10:35:00+07:00")
        );
        assert_eq!(parse_iso_date("2024-06-25").as_deref(), Some("2024-06-25"));
        assert_eq!(
            parse_iso_date("2021-11-04T20:00:00-05:00").as_deref(),
            Some("2021-11-05T08:00:00+07:00")
        );
    }
}
