//! Publication dates as pages write them, kept on the day the page states.
//!
//! Machine dates (ISO 8601 / RFC 3339 in meta tags, JSON-LD and `<time datetime>`) keep the offset
//! they carry: `2024-10-22T20:00:00-04:00` stays the 22nd, never converted to another zone. A time
//! without an offset is taken as Vietnam time (`+07:00`; Asia/Ho_Chi_Minh has had no daylight
//! saving since 1975). A date without a time comes out as `YYYY-MM-DD`.
//!
//! Written forms: the Vietnamese ones, day first ("Chiều ngày 22/02/2021", "[10:35 - 18/01/2021]",
//! "Đăng ngày 05-11-2021 02:51", "Thứ Hai, 25/6/2024", "ngày 12 tháng 5 năm 2025"), and month names
//! in English and the other common Latin-script languages ("July 9, 2025", "9 July 2025",
//! "Aug 04, 2025", "5. März 2024", "3 de mayo de 2024"). Years before 1990 and impossible days are
//! refused; whether a date lies in the future is the caller's question ([`is_plausible`]).
//!
//! ```
//! use tracuu_crawl::extract::date::{parse_iso_date, parse_written_date};
//! assert_eq!(parse_written_date("[10:35 - 18/01/2021]").as_deref(), Some("2021-01-18T10:35:00+07:00"));
//! assert_eq!(parse_written_date("ngày 12 tháng 5 năm 2025").as_deref(), Some("2025-05-12"));
//! assert_eq!(parse_written_date("Updated July 9, 2025").as_deref(), Some("2025-07-09"));
//! assert_eq!(parse_iso_date("2024-10-22T20:00:00-04:00").as_deref(), Some("2024-10-22T20:00:00-04:00"));
//! ```

use regex::Regex;
use std::sync::LazyLock;
use time::{Date, Month, OffsetDateTime, Time, UtcOffset};
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

/// `2025-07-09`, `2025/07/09`, `2025.07.09`, year first, in running text.
static YEAR_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"\b(?P<y>(?:19|20)\d{2})(?P<s1>[-/.])(?P<mo>\d{1,2})(?P<s2>[-/.])(?P<d>\d{1,2})(?:\b|T\d)",
    )
});

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})(?:[T ](?P<h>\d{2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:[.,]\d+)?)?\s*(?P<z>Z|[+-]\d{2}(?::?\d{2})?)?)?",
    )
});

/// Month names and abbreviations: English, French, German, Spanish, Portuguese, Italian, Dutch
/// ("ago" is agosto's, as in "04-ago-2021").
const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("janvier", 1),
    ("januar", 1),
    ("jänner", 1),
    ("enero", 1),
    ("ene", 1),
    ("janeiro", 1),
    ("gennaio", 1),
    ("januari", 1),
    ("february", 2),
    ("feb", 2),
    ("février", 2),
    ("fevrier", 2),
    ("februar", 2),
    ("febrero", 2),
    ("fevereiro", 2),
    ("fev", 2),
    ("febbraio", 2),
    ("februari", 2),
    ("march", 3),
    ("mar", 3),
    ("mars", 3),
    ("märz", 3),
    ("marzo", 3),
    ("março", 3),
    ("maart", 3),
    ("april", 4),
    ("apr", 4),
    ("avril", 4),
    ("abril", 4),
    ("abr", 4),
    ("aprile", 4),
    ("may", 5),
    ("mai", 5),
    ("mayo", 5),
    ("maio", 5),
    ("maggio", 5),
    ("mei", 5),
    ("june", 6),
    ("jun", 6),
    ("juin", 6),
    ("juni", 6),
    ("junio", 6),
    ("junho", 6),
    ("giugno", 6),
    ("giu", 6),
    ("july", 7),
    ("jul", 7),
    ("juillet", 7),
    ("juli", 7),
    ("julio", 7),
    ("julho", 7),
    ("luglio", 7),
    ("lug", 7),
    ("august", 8),
    ("aug", 8),
    ("août", 8),
    ("aout", 8),
    ("agosto", 8),
    ("ago", 8),
    ("augustus", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("septembre", 9),
    ("septiembre", 9),
    ("setembro", 9),
    ("settembre", 9),
    ("october", 10),
    ("oct", 10),
    ("octobre", 10),
    ("oktober", 10),
    ("octubre", 10),
    ("outubro", 10),
    ("ottobre", 10),
    ("ott", 10),
    ("okt", 10),
    ("november", 11),
    ("nov", 11),
    ("novembre", 11),
    ("noviembre", 11),
    ("novembro", 11),
    ("december", 12),
    ("dec", 12),
    ("décembre", 12),
    ("decembre", 12),
    ("dezember", 12),
    ("diciembre", 12),
    ("dezembro", 12),
    ("dicembre", 12),
    ("dic", 12),
    ("dez", 12),
];

fn month_number(name: &str) -> Option<u32> {
    let name = name.trim_end_matches('.').to_lowercase();
    MONTHS
        .iter()
        .find(|(m, _)| *m == name)
        .map(|&(_, number)| number)
}

/// "July 9, 2025", "Jul. 9th 2025", "Sept 5, 2024 at 3:00 pm".
static MONTH_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\b(?P<mo>[\p{L}]{3,9})\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d{2})(?:\b|T)(?:,?\s*(?:at\s+)?(?P<h>\d{1,2}):(?P<mi>\d{2})\s*(?P<ap>[AaPp]\.?[Mm]\.?)?)?",
    )
});

/// "9 July 2025", "9th of July, 2025", "5. März 2024", "3 de mayo de 2024", "04-Aug-2021".
static DAY_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\b(?P<d>\d{1,2})(?:st|nd|rd|th|er|º)?\.?(?:\s+|-)(?:of\s+|de\s+)?(?P<mo>[\p{L}]{3,9})\.?,?(?:\s+|-)(?:de\s+)?(?P<y>(?:19|20)\d{2})\b",
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
    let meridiem = meridiem.map(|m| m.replace('.', "").to_ascii_lowercase());
    match meridiem.as_deref() {
        Some("pm") if hour < 12 => hour + 12,
        Some("am") if hour == 12 => 0,
        _ => hour,
    }
}

/// `YYYY-MM-DD`, or RFC 3339 at `offset` when a valid time of day is given.
fn format(date: Date, time: Option<(u32, u32, u32)>, offset: UtcOffset) -> String {
    let day = format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    );
    let clock = time.and_then(|(h, m, s)| {
        Time::from_hms(
            u8::try_from(h).ok()?,
            u8::try_from(m).ok()?,
            u8::try_from(s).ok()?,
        )
        .ok()
    });
    let Some(clock) = clock else { return day };
    let (oh, om, _) = offset.as_hms();
    let sign = if offset.is_negative() { '-' } else { '+' };
    format!(
        "{day}T{:02}:{:02}:{:02}{sign}{:02}:{:02}",
        clock.hour(),
        clock.minute(),
        clock.second(),
        oh.unsigned_abs(),
        om.unsigned_abs()
    )
}

fn parse_offset(zone: &str) -> Option<UtcOffset> {
    if zone == "Z" {
        return Some(UtcOffset::UTC);
    }
    let sign: i8 = if zone.starts_with('-') { -1 } else { 1 };
    let digits: String = zone.chars().filter(char::is_ascii_digit).collect();
    let hours: i8 = digits.get(..2)?.parse().ok()?;
    let minutes: i8 = digits.get(2..4).unwrap_or("00").parse().ok()?;
    UtcOffset::from_hms(sign * hours, sign * minutes, 0).ok()
}

/// Parses a machine date (ISO 8601 / RFC 3339), keeping the offset it states (`+07:00` when it
/// states none): the day stays the page's day.
pub fn parse_iso_date(text: &str) -> Option<String> {
    let caps = ISO.captures(text.trim())?;
    let date = make_date(num(&caps, "y")?, num(&caps, "mo")?, num(&caps, "d")?)?;
    let (Some(h), Some(mi)) = (num(&caps, "h"), num(&caps, "mi")) else {
        return Some(format(date, None, VIETNAM_OFFSET));
    };
    let offset = match caps.name("z") {
        Some(zone) => parse_offset(zone.as_str())?,
        None => VIETNAM_OFFSET,
    };
    Some(format(
        date,
        Some((h, mi, num(&caps, "s").unwrap_or(0))),
        offset,
    ))
}

/// A date found in text, with where it starts (to pick the first, or the one after a label).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Byte offset of the match in the text.
    pub start: usize,
    /// `YYYY-MM-DD` or RFC 3339.
    pub value: String,
}

fn numeric_dates(text: &str, month_first: bool, out: &mut Vec<Found>) {
    for caps in NUMERIC.captures_iter(text) {
        let (Some(a), Some(b), Some(y)) = (num(&caps, "d"), num(&caps, "mo"), num(&caps, "y"))
        else {
            continue;
        };
        // Day first, as Vietnam writes; month first only when the page's language says so and
        // the numbers allow it, or when the day-first reading is impossible.
        let (day, month) = if (month_first && a <= 12) || b > 12 {
            (b, a)
        } else {
            (a, b)
        };
        let Some(date) = make_date(y, month, day) else {
            continue;
        };
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
        if let Some(whole) = caps.get(0) {
            out.push(Found {
                start: whole.start(),
                value: format(date, time.map(|(h, m)| (h, m, 0)), VIETNAM_OFFSET),
            });
        }
    }
}

fn worded_dates(text: &str, out: &mut Vec<Found>) {
    for caps in WORDS.captures_iter(text) {
        if let (Some(date), Some(whole)) = (
            make_date(
                num(&caps, "y").unwrap_or(0),
                num(&caps, "mo").unwrap_or(0),
                num(&caps, "d").unwrap_or(0),
            ),
            caps.get(0),
        ) {
            out.push(Found {
                start: whole.start(),
                value: format(date, None, VIETNAM_OFFSET),
            });
        }
    }
    for caps in YEAR_FIRST.captures_iter(text) {
        if caps.name("s1").map(|m| m.as_str()) != caps.name("s2").map(|m| m.as_str()) {
            continue;
        }
        if let (Some(date), Some(whole)) = (
            make_date(
                num(&caps, "y").unwrap_or(0),
                num(&caps, "mo").unwrap_or(0),
                num(&caps, "d").unwrap_or(0),
            ),
            caps.get(0),
        ) {
            out.push(Found {
                start: whole.start(),
                value: format(date, None, VIETNAM_OFFSET),
            });
        }
    }
}

fn named_month_dates(text: &str, out: &mut Vec<Found>) {
    for caps in MONTH_FIRST.captures_iter(text) {
        let Some(month) = caps.name("mo").and_then(|m| month_number(m.as_str())) else {
            continue;
        };
        let (Some(date), Some(whole)) = (
            make_date(
                num(&caps, "y").unwrap_or(0),
                month,
                num(&caps, "d").unwrap_or(0),
            ),
            caps.get(0),
        ) else {
            continue;
        };
        let time = match (num(&caps, "h"), num(&caps, "mi")) {
            (Some(h), Some(m)) => Some((
                hour_with_meridiem(h, caps.name("ap").map(|m| m.as_str())),
                m,
                0,
            )),
            _ => None,
        }
        .filter(|(h, m, _)| *h < 24 && *m < 60);
        out.push(Found {
            start: whole.start(),
            value: format(date, time, VIETNAM_OFFSET),
        });
    }
    for caps in DAY_FIRST.captures_iter(text) {
        let Some(month) = caps.name("mo").and_then(|m| month_number(m.as_str())) else {
            continue;
        };
        if let (Some(date), Some(whole)) = (
            make_date(
                num(&caps, "y").unwrap_or(0),
                month,
                num(&caps, "d").unwrap_or(0),
            ),
            caps.get(0),
        ) {
            out.push(Found {
                start: whole.start(),
                value: format(date, None, VIETNAM_OFFSET),
            });
        }
    }
}

/// Every date written in `text`, in order of position. `month_first` reads ambiguous numeric
/// dates (`08/04/2025`) month first, as American English pages write them.
pub fn find_written_dates(text: &str, month_first: bool) -> Vec<Found> {
    let mut out = Vec::new();
    numeric_dates(text, month_first, &mut out);
    worded_dates(text, &mut out);
    named_month_dates(text, &mut out);
    out.sort_by_key(|f| f.start);
    // One date matched by two patterns keeps the first (and longest) reading.
    out.dedup_by(|later, earlier| later.start < earlier.start + 6);
    out
}

/// The first date written in `text`, day first for numeric forms.
pub fn parse_written_date(text: &str) -> Option<String> {
    find_written_dates(text, false)
        .into_iter()
        .next()
        .map(|f| f.value)
}

/// Finds the first date written the Vietnamese way in `text` (day first), with its time if given.
pub fn parse_vietnamese_date(text: &str) -> Option<String> {
    let mut out = Vec::new();
    numeric_dates(text, false, &mut out);
    worded_dates(text, &mut out);
    out.into_iter().min_by_key(|f| f.start).map(|f| f.value)
}

/// The day (`YYYY-MM-DD`) of a value this module produced.
pub fn day_of(value: &str) -> Option<Date> {
    Date::parse(
        value.get(..10)?,
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .ok()
}

/// A publication date must not lie after `now` (a day's slack for zones) nor before 1990.
pub fn is_plausible(value: &str, now: OffsetDateTime) -> bool {
    let Some(day) = day_of(value) else {
        return false;
    };
    let latest = now.date().next_day().unwrap_or(now.date());
    day.year() >= 1990 && day <= latest
}

/// A date in the URL's path: `/2025/09/04/`, `/2025-09-04-…`, `/20250904/`.
pub fn date_in_url(url: &str) -> Option<String> {
    static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
        regex(
            r"[/_-](?P<y>(?:19|20)\d{2})(?:(?P<s1>[/_-])(?P<mo>\d{1,2})(?P<s2>[/_-])(?P<d>\d{1,2})|(?P<mo2>\d{2})(?P<d2>\d{2}))(?:[/_.-]|$)",
        )
    });
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let path = path.split_once("://").map_or(path, |(_, rest)| rest);
    let path = path.find('/').map_or("", |i| &path[i..]);
    URL_DATE.captures_iter(path).find_map(|caps| {
        if caps.name("s1").map(|m| m.as_str()) != caps.name("s2").map(|m| m.as_str()) {
            return None;
        }
        let month = num(&caps, "mo").or_else(|| num(&caps, "mo2"))?;
        let day = num(&caps, "d").or_else(|| num(&caps, "d2"))?;
        make_date(num(&caps, "y")?, month, day).map(|d| format(d, None, VIETNAM_OFFSET))
    })
}

/// Parses a date from any field a page may hold: machine form first, then written forms.
pub fn parse_any_date(text: &str, month_first: bool) -> Option<String> {
    let trimmed = text.trim();
    if trimmed.starts_with(|c: char| c.is_ascii_digit())
        && let Some(iso) = parse_iso_date(trimmed)
    {
        return Some(iso);
    }
    find_written_dates(trimmed, month_first)
        .into_iter()
        .next()
        .map(|f| f.value)
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
            assert_eq!(parse_written_date(text).as_deref(), Some(want), "{text}");
        }
    }

    #[test]
    fn month_names_in_common_languages() {
        let cases = [
            ("Published July 9, 2025", "2025-07-09"),
            ("Aug 04, 2025", "2025-08-04"),
            ("Sept. 5th, 2024 at 3:10 pm", "2024-09-05T15:10:00+07:00"),
            ("Tuesday 9 July 2024", "2024-07-09"),
            ("le 3 mars 2023", "2023-03-03"),
            ("5. März 2024", "2024-03-05"),
            ("3 de mayo de 2024", "2024-05-03"),
            ("2025/07/09", "2025-07-09"),
        ];
        for (text, want) in cases {
            assert_eq!(parse_written_date(text).as_deref(), Some(want), "{text}");
        }
        assert_eq!(parse_written_date("Mai Anh 2024"), None);
    }

    #[test]
    fn a_time_glued_to_the_day_does_not_hide_the_date() {
        // "2022-11-23T08:10+02:00" printed as a byline stamp; "Oct 01, 2025T10:00" in JSON-LD.
        assert_eq!(
            parse_written_date("Nick van Mead 2022-11-23T08:10+02:00").as_deref(),
            Some("2022-11-23")
        );
        assert_eq!(
            parse_any_date("Oct 01, 2025T10:00:00+03:00", false).as_deref(),
            Some("2025-10-01T10:00:00+07:00")
        );
        assert_eq!(parse_written_date("2022-11-230"), None);
    }

    #[test]
    fn dashed_day_month_year_with_a_month_name() {
        assert_eq!(
            parse_written_date("By: FlowGuard EMEA on 04-ago-2021 5:11:10").as_deref(),
            Some("2021-08-04")
        );
        assert_eq!(
            parse_written_date("Posted 12-Jan-2024").as_deref(),
            Some("2024-01-12")
        );
        assert_eq!(parse_written_date("3 días ago 2021"), None);
    }

    #[test]
    fn impossible_dates_are_refused() {
        assert_eq!(parse_written_date("31/02/2021"), None);
        assert_eq!(parse_written_date("Số 36-NQ/TW"), None);
        assert_eq!(parse_written_date("13/25/2021"), None);
        assert_eq!(parse_written_date("12/05/1975"), None);
    }

    #[test]
    fn machine_dates_keep_their_own_offset() {
        assert_eq!(
            parse_iso_date("2024-10-22T20:00:00-04:00").as_deref(),
            Some("2024-10-22T20:00:00-04:00")
        );
        assert_eq!(
            parse_iso_date("2021-01-18T03:35:00Z").as_deref(),
            Some("2021-01-18T03:35:00+00:00")
        );
        assert_eq!(
            parse_iso_date("2025-08-04T11:55:39+0000").as_deref(),
            Some("2025-08-04T11:55:39+00:00")
        );
        assert_eq!(
            parse_iso_date("2021-01-18T10:35:00").as_deref(),
            Some("2021-01-18T10:35:00+07:00")
        );
        assert_eq!(parse_iso_date("2024-06-25").as_deref(), Some("2024-06-25"));
    }

    #[test]
    fn american_pages_read_month_first() {
        assert_eq!(
            find_written_dates("08/04/2025", true)[0].value,
            "2025-08-04"
        );
        assert_eq!(
            find_written_dates("08/04/2025", false)[0].value,
            "2025-04-08"
        );
        assert_eq!(
            find_written_dates("25/04/2025", true)[0].value,
            "2025-04-25"
        );
    }

    #[test]
    fn dates_in_urls() {
        assert_eq!(
            date_in_url("https://x.com/2025/09/04/top-trends/").as_deref(),
            Some("2025-09-04")
        );
        assert_eq!(
            date_in_url("https://vnexpress.net/tin-20240105-abc.html").as_deref(),
            Some("2024-01-05")
        );
        assert_eq!(date_in_url("https://x.com/a/4600123/b"), None);
        assert_eq!(date_in_url("https://2025.com/a"), None);
    }

    #[test]
    fn plausibility() {
        let now = OffsetDateTime::now_utc();
        assert!(is_plausible("2021-01-18", now));
        assert!(!is_plausible("2999-01-18", now));
    }
}
