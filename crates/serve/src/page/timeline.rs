//! The timeline: matches per month as an SVG bar chart, drawn on the server.
//!
//! Drawn on the server so it shows without JavaScript. Months without matches between the first
//! and the last are filled in as empty bars, so gaps are visible. Each bar is a link that narrows
//! the search to its month, and carries a `<title>` that screen readers and tooltips show.

use maud::{Markup, html};
use time::{Date, Month};
use tracuu_index::search::MonthCount;

use crate::params::SearchParams;

/// Chart height in SVG units (bars plus labels).
const HEIGHT: u32 = 120;
/// Height available to bars.
const BAR_AREA: u32 = 90;

/// One month of the chart, gaps included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthBar {
    /// Year of the month.
    pub year: i32,
    /// Month, 1–12.
    pub month: u8,
    /// Matches that month.
    pub count: u64,
}

/// The months from the first to the last with matches, zeros filled in; unreadable months skipped.
pub fn fill_months(histogram: &[MonthCount]) -> Vec<MonthBar> {
    let mut known: Vec<MonthBar> = histogram
        .iter()
        .filter_map(|m| {
            let (y, mo) = m.month.split_once('-')?;
            let month: u8 = mo.parse().ok().filter(|mo| (1..=12).contains(mo))?;
            Some(MonthBar {
                year: y.parse().ok()?,
                month,
                count: m.count,
            })
        })
        .collect();
    known.sort_by_key(|b| (b.year, b.month));
    let (Some(first), Some(last)) = (known.first().cloned(), known.last().cloned()) else {
        return Vec::new();
    };
    let mut bars = Vec::new();
    let (mut year, mut month) = (first.year, first.month);
    // Bounded: at most 100 years of months, whatever the data says.
    while (year, month) <= (last.year, last.month) && bars.len() < 1200 {
        let count = known
            .iter()
            .filter(|b| b.year == year && b.month == month)
            .map(|b| b.count)
            .sum();
        bars.push(MonthBar { year, month, count });
        (year, month) = if month == 12 {
            (year + 1, 1)
        } else {
            (year, month + 1)
        };
    }
    bars
}

/// The chart for a search, or nothing when no match has a date.
pub fn render(histogram: &[MonthCount], params: &SearchParams) -> Markup {
    let bars = fill_months(histogram);
    let Some(max) = bars.iter().map(|b| b.count).max().filter(|&m| m > 0) else {
        return html! {};
    };
    let bar_width: u32 = if bars.len() > 60 { 6 } else { 14 };
    let gap: u32 = if bars.len() > 60 { 1 } else { 3 };
    let width = (bar_width + gap) * u32::try_from(bars.len()).unwrap_or(1200) + 40;
    let summary = format!(
        "Số bài theo tháng, từ {:02}/{} đến {:02}/{}; nhiều nhất {} bài một tháng",
        bars[0].month,
        bars[0].year,
        bars[bars.len() - 1].month,
        bars[bars.len() - 1].year,
        max
    );
    // Year labels go under January (and the first bar), unless too close to the previous label.
    let mut labels: Vec<(u32, i32)> = Vec::new();
    for (i, bar) in bars.iter().enumerate() {
        let x = 30 + (bar_width + gap) * u32::try_from(i).unwrap_or(0);
        if bar.month != 1 && i != 0 {
            continue;
        }
        match labels.last() {
            // A first partial year right before a January gives way to the full year's label.
            Some(&(last, _)) if x < last + 32 && labels.len() == 1 && bars[0].month != 1 => {
                labels[0] = (x, bar.year);
            }
            Some(&(last, _)) if x < last + 32 => {}
            _ => labels.push((x, bar.year)),
        }
    }
    html! {
        figure.timeline {
            figcaption { "Số bài theo tháng" }
            div.timeline-scroll {
                svg role="img" aria-label=(summary) viewBox=(format!("0 0 {width} {HEIGHT}"))
                    width=(width) height=(HEIGHT) xmlns="http://www.w3.org/2000/svg" {
                    text x="0" y="10" class="axis" { (max) }
                    line x1="30" x2=(width) y1=(HEIGHT - 24) y2=(HEIGHT - 24) class="baseline" {}
                    @for (i, bar) in bars.iter().enumerate() {
                        @let x = 30 + (bar_width + gap) * u32::try_from(i).unwrap_or(0);
                        @let h = scaled(bar.count, max);
                        @let y = HEIGHT - 24 - h;
                        a href=(month_link(params, bar)) {
                            title { (format!("{:02}/{}: {} bài", bar.month, bar.year, bar.count)) }
                            // A full-height transparent target makes thin bars easy to click.
                            rect x=(x) y=(HEIGHT - 24 - BAR_AREA) width=(bar_width) height=(BAR_AREA) class="hit-area" {}
                            rect x=(x) y=(y) width=(bar_width) height=(h) class="bar" {}
                        }
                    }
                    @for (x, year) in &labels {
                        text x=(x) y=(HEIGHT - 6) class="axis" { (year) }
                    }
                }
            }
        }
    }
}

fn scaled(count: u64, max: u64) -> u32 {
    if count == 0 {
        return 0;
    }
    // At least 2 units so a single match stays visible next to a busy month.
    let h = (count as f64 / max as f64 * f64::from(BAR_AREA)).round() as u32;
    h.clamp(2, BAR_AREA)
}

/// The search narrowed to one month (`from` its first day, `to` its last).
fn month_link(params: &SearchParams, bar: &MonthBar) -> String {
    let mut next = params.clone();
    next.page = 1;
    let month = Month::try_from(bar.month).unwrap_or(Month::January);
    next.from = Date::from_calendar_date(bar.year, month, 1).ok();
    next.to =
        Date::from_calendar_date(bar.year, month, time::util::days_in_month(month, bar.year)).ok();
    format!("/?{}", next.to_query_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn month(m: &str, count: u64) -> MonthCount {
        MonthCount {
            month: m.into(),
            count,
        }
    }

    #[test]
    fn gaps_between_months_are_filled_with_zeros_across_years() {
        let bars = fill_months(&[month("2021-02", 3), month("2020-11", 1)]);
        let got: Vec<(i32, u8, u64)> = bars.iter().map(|b| (b.year, b.month, b.count)).collect();
        assert_eq!(
            got,
            vec![(2020, 11, 1), (2020, 12, 0), (2021, 1, 0), (2021, 2, 3)]
        );
    }

    #[test]
    fn bars_link_to_their_month_and_say_their_count() {
        let params = SearchParams {
            q: "kiều bào".into(),
            ..SearchParams::default()
        };
        let svg = render(&[month("2024-02", 2)], &params).into_string();
        assert!(svg.contains("from=2024-02-01&amp;to=2024-02-29"), "{svg}");
        assert!(svg.contains("02/2024: 2 bài"));
        assert!(svg.contains("<svg"));
    }

    #[test]
    fn nothing_is_drawn_without_dated_matches() {
        assert!(
            render(&[], &SearchParams::default())
                .into_string()
                .is_empty()
        );
    }
}
