//! The timeline: matches per month or per year as an SVG bar chart, drawn on the server.
//!
//! Drawn on the server so it shows without JavaScript. Months without matches between the first
//! and the last are filled in as empty bars, so gaps are visible. Each bar is a link that narrows
//! the search to its month, and carries a `<title>` that screen readers and tooltips show.
//!
//! Links above the chart switch it between months and years (`interval=year`) and between counts
//! and shares of all articles in the period with the same filters (`scale=share`, as Trove's
//! QueryPic draws them), and lead to `/trends` with the search's query. The view is in the URL.
//!
//! The page's size stays bounded: past [`MAX_BARS`] months the bars are years, and when the
//! search's own URL is long the bars are not links (each link repeats that URL).

use maud::{Markup, html};
use time::{Date, Month};
use tracuu_index::search::MonthCount;
use tracuu_index::search::trends::{Interval, PeriodCounts};

use super::citation::{group_thousands, percent};
use super::search;
use crate::params::{Scale, SearchParams, TimelineView};
use crate::state::AppState;
use crate::trends::TrendParams;

/// Chart height in SVG units (bars plus labels).
const HEIGHT: u32 = 120;
/// Height available to bars.
const BAR_AREA: u32 = 90;
/// The most bars drawn: 20 years of months; a longer span is drawn by year.
pub const MAX_BARS: usize = 240;
/// Bars are links only while the search's query string is at most this long, in bytes.
pub const MAX_LINKED_QUERY_BYTES: usize = 2048;

/// One month of the chart, gaps included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthBar {
    /// Year of the month.
    pub year: i32,
    /// Month, 1–12, or 0 for a bar that stands for the whole year.
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

/// Months summed by year (month 0), for spans too long to draw month by month.
pub fn by_year(months: &[MonthBar]) -> Vec<MonthBar> {
    let mut years: Vec<MonthBar> = Vec::new();
    for m in months {
        match years.last_mut() {
            Some(last) if last.year == m.year => last.count += m.count,
            _ => years.push(MonthBar {
                year: m.year,
                month: 0,
                count: m.count,
            }),
        }
    }
    years
}

/// What a bar stands for: its matches, and all articles of its period when shares are drawn.
struct Drawn<'a> {
    bar: &'a MonthBar,
    /// All articles of the period (same filters, no query), when known.
    all: Option<u64>,
}

impl Drawn<'_> {
    /// The height's quantity: matches, or their share of all articles.
    fn value(&self, share: bool) -> f64 {
        match (share, self.all) {
            (true, Some(all)) if all > 0 => self.bar.count as f64 / all as f64,
            (true, _) => 0.0,
            (false, _) => self.bar.count as f64,
        }
    }

    fn title(&self, share: bool) -> String {
        let when = if self.bar.month == 0 {
            format!("Năm {}", self.bar.year)
        } else {
            format!("{:02}/{}", self.bar.month, self.bar.year)
        };
        match (share, self.all) {
            (true, Some(all)) => format!(
                "{when}: {} / {} bài ({})",
                group_thousands(self.bar.count),
                group_thousands(all),
                percent(self.value(true))
            ),
            _ => format!("{when}: {} bài", group_thousands(self.bar.count)),
        }
    }
}

/// All articles of a bar's period: its month, its year, or its months summed into the year.
fn all_of(all: &PeriodCounts, bar: &MonthBar) -> u64 {
    if bar.month != 0 {
        return all.get(&format!("{}-{:02}", bar.year, bar.month));
    }
    let year = bar.year.to_string();
    if let Some(count) = all.periods.get(&year) {
        return *count;
    }
    let prefix = format!("{year}-");
    all.periods
        .range(prefix.clone()..)
        .take_while(|(period, _)| period.starts_with(&prefix))
        .map(|(_, count)| count)
        .sum()
}

/// All articles per period with the search's filters, when the page's timeline shows shares.
pub async fn articles_per_period(state: &AppState, params: &SearchParams) -> Option<PeriodCounts> {
    if params.timeline.scale != Scale::Share {
        return None;
    }
    let index = state.index.clone();
    let request = params.to_request();
    let interval = params.timeline.interval;
    let counted = tokio::task::spawn_blocking(move || {
        index.articles_per_period(&index.snapshot(), &request, interval)
    })
    .await;
    match counted {
        Ok(Ok(counts)) => Some(counts),
        Ok(Err(err)) => {
            tracing::warn!(error = %err, "articles per period unavailable");
            None
        }
        Err(err) => {
            tracing::warn!(error = %err, "articles per period task failed");
            None
        }
    }
}

/// The chart for a search, or nothing when no match has a date.
///
/// `all` holds the articles per period when the view asks for shares; without it the bars are
/// counts and the page says why.
pub fn render(
    histogram: &[MonthCount],
    params: &SearchParams,
    all: Option<&PeriodCounts>,
) -> Markup {
    let mut bars = fill_months(histogram);
    if bars.len() > MAX_BARS || params.timeline.interval == Interval::Year {
        bars = by_year(&bars);
    }
    let share = params.timeline.scale == Scale::Share && all.is_some();
    let drawn: Vec<Drawn<'_>> = bars
        .iter()
        .map(|bar| Drawn {
            bar,
            all: all.map(|all| all_of(all, bar)),
        })
        .collect();
    let max = drawn.iter().map(|d| d.value(share)).fold(0.0, f64::max);
    if bars.iter().all(|b| b.count == 0) || max <= 0.0 {
        return html! {};
    }
    html! {
        figure.timeline {
            figcaption #timeline-caption { (caption(&bars, share)) }
            (views(params, all.is_none() && params.timeline.scale == Scale::Share))
            div.timeline-scroll { (chart(&drawn, params, share, max)) }
        }
    }
}

fn caption(bars: &[MonthBar], share: bool) -> &'static str {
    match (bars[0].month == 0, share) {
        (true, false) => "Số bài theo năm",
        (false, false) => "Số bài theo tháng",
        (true, true) => "Tỉ lệ trên tổng số bài, theo năm",
        (false, true) => "Tỉ lệ trên tổng số bài, theo tháng",
    }
}

/// The four view choices (months, years; counts, shares): the current ones as text, the others
/// as links made by `with`. The timeline and the trends page share them.
pub(crate) fn view_options(
    interval: Interval,
    scale: Scale,
    with: impl Fn(Interval, Scale) -> String,
) -> Markup {
    let option = |label: &'static str, current: bool, href: String| {
        html! {
            @if current { span.current aria-current="true" { (label) } }
            @else { a href=(href) { (label) } }
        }
    };
    html! {
        (option("Theo tháng", interval == Interval::Month, with(Interval::Month, scale)))
        " · "
        (option("Theo năm", interval == Interval::Year, with(Interval::Year, scale)))
        " | "
        (option("Số bài", scale == Scale::Count, with(interval, Scale::Count)))
        " · "
        (option("Tỉ lệ trên tổng số bài", scale == Scale::Share, with(interval, Scale::Share)))
    }
}

/// Links switching the timeline between months and years, counts and shares, and on to trends.
fn views(params: &SearchParams, share_unavailable: bool) -> Markup {
    let with = |interval: Interval, scale: Scale| {
        let mut next = params.clone();
        next.timeline = TimelineView { interval, scale };
        search::page_url(&next)
    };
    let view = params.timeline;
    html! {
        p.timeline-views {
            (view_options(view.interval, view.scale, with))
            " | "
            a href=(TrendParams::from_search(params).page_url()) { "So sánh xu hướng nhiều từ khóa →" }
        }
        @if share_unavailable {
            p.note { "Chưa tính được tổng số bài mỗi kỳ; biểu đồ đang hiện số bài." }
        }
    }
}

fn chart(drawn: &[Drawn<'_>], params: &SearchParams, share: bool, max: f64) -> Markup {
    let bars: Vec<&MonthBar> = drawn.iter().map(|d| d.bar).collect();
    let linked = params.to_query_string().len() <= MAX_LINKED_QUERY_BYTES;
    let bar_width: u32 = if bars.len() > 60 { 6 } else { 14 };
    let gap: u32 = if bars.len() > 60 { 1 } else { 3 };
    let width = (bar_width + gap) * u32::try_from(bars.len()).unwrap_or(1200) + 40;
    let top_label = if share {
        percent(max)
    } else {
        group_thousands(max.round() as u64)
    };
    let labels = year_labels(&bars, bar_width + gap);
    html! {
        // A group, not an image: its bars are links, and an image may hold none.
        svg role="group" aria-labelledby="timeline-caption timeline-summary" viewBox=(format!("0 0 {width} {HEIGHT}"))
            width=(width) height=(HEIGHT) xmlns="http://www.w3.org/2000/svg" {
            desc #timeline-summary { (summary(&bars, share, &top_label)) }
            text x="0" y="10" class="axis" aria-hidden="true" { (top_label) }
            line x1="30" x2=(width) y1=(HEIGHT - 24) y2=(HEIGHT - 24) class="baseline" {}
            @for (i, d) in drawn.iter().enumerate() {
                @let x = 30 + (bar_width + gap) * u32::try_from(i).unwrap_or(0);
                @let h = scaled(d.value(share), max);
                @let y = HEIGHT - 24 - h;
                @let title = d.title(share);
                @if linked {
                    a href=(month_link(params, d.bar)) aria-label=(title) {
                        title { (title) }
                        // A full-height transparent target makes thin bars easy to click.
                        rect x=(x) y=(HEIGHT - 24 - BAR_AREA) width=(bar_width) height=(BAR_AREA) class="hit-area" {}
                        rect x=(x) y=(y) width=(bar_width) height=(h) class="bar" {}
                    }
                } @else {
                    g {
                        title { (title) }
                        rect x=(x) y=(y) width=(bar_width) height=(h) class="bar" {}
                    }
                }
            }
            @for (x, year) in &labels {
                text x=(x) y=(HEIGHT - 6) class="axis" aria-hidden="true" { (year) }
            }
        }
    }
}

fn summary(bars: &[&MonthBar], share: bool, top: &str) -> String {
    let (first, last) = (bars[0], bars[bars.len() - 1]);
    let what = if share {
        "tỉ lệ trên tổng số bài"
    } else {
        "số bài"
    };
    if first.month == 0 {
        format!(
            "Số bài theo năm, từ {} đến {}; {what} cao nhất {top} một năm",
            first.year, last.year
        )
    } else {
        format!(
            "Số bài theo tháng, từ {:02}/{} đến {:02}/{}; {what} cao nhất {top} một tháng",
            first.month, first.year, last.month, last.year
        )
    }
}

/// Year labels go under January (and the first bar), unless too close to the previous label.
fn year_labels(bars: &[&MonthBar], step: u32) -> Vec<(u32, i32)> {
    let mut labels: Vec<(u32, i32)> = Vec::new();
    for (i, bar) in bars.iter().enumerate() {
        let x = 30 + step * u32::try_from(i).unwrap_or(0);
        if bar.month > 1 && i != 0 {
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
    labels
}

fn scaled(value: f64, max: f64) -> u32 {
    if value <= 0.0 || max <= 0.0 {
        return 0;
    }
    // At least 2 units so a single match stays visible next to a busy month.
    let h = (value / max * f64::from(BAR_AREA)).round() as u32;
    h.clamp(2, BAR_AREA)
}

/// The search narrowed to one month, or one year (`from` its first day, `to` its last).
fn month_link(params: &SearchParams, bar: &MonthBar) -> String {
    let mut next = params.clone();
    next.page = 1;
    let (first, last) = if bar.month == 0 {
        (Month::January, Month::December)
    } else {
        let month = Month::try_from(bar.month).unwrap_or(Month::January);
        (month, month)
    };
    next.from = Date::from_calendar_date(bar.year, first, 1).ok();
    next.to =
        Date::from_calendar_date(bar.year, last, time::util::days_in_month(last, bar.year)).ok();
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
        let svg = render(&[month("2024-02", 2)], &params, None).into_string();
        assert!(svg.contains("from=2024-02-01&amp;to=2024-02-29"), "{svg}");
        assert!(svg.contains("02/2024: 2 bài"));
        assert!(svg.contains("<svg"));
    }

    #[test]
    fn a_century_of_months_is_drawn_by_year_and_long_urls_make_no_links() {
        let histogram = [
            month("1925-03", 1),
            month("2021-02", 5),
            month("2021-11", 2),
        ];
        let svg = render(&histogram, &SearchParams::default(), None).into_string();
        assert!(svg.contains("Năm 2021: 7 bài"), "{svg}");
        assert!(svg.contains("from=2021-01-01&amp;to=2021-12-31"));
        assert_eq!(svg.matches("<rect").count(), 2 * (2021 - 1925 + 1));
        let long = SearchParams {
            q: "người Việt Nam ở nước ngoài ".repeat(40),
            ..SearchParams::default()
        };
        let html = render(&histogram, &long, None).into_string();
        let svg = &html[html.find("<svg").expect("a chart")..];
        assert!(!svg.contains("<a "), "no bar repeats a long URL");
        assert!(svg.contains("Năm 2021: 7 bài"));
    }

    #[test]
    fn nothing_is_drawn_without_dated_matches() {
        assert!(
            render(&[], &SearchParams::default(), None)
                .into_string()
                .is_empty()
        );
    }

    #[test]
    fn the_year_view_sums_months_and_its_bars_open_the_year() {
        let params = SearchParams {
            q: "nông thôn mới".into(),
            timeline: TimelineView {
                interval: Interval::Year,
                scale: Scale::Count,
            },
            ..SearchParams::default()
        };
        let html = render(
            &[
                month("2021-03", 2),
                month("2021-11", 1),
                month("2022-07", 1),
            ],
            &params,
            None,
        )
        .into_string();
        assert!(html.contains("Năm 2021: 3 bài"), "{html}");
        assert!(
            html.contains("from=2021-01-01&amp;to=2021-12-31&amp;interval=year"),
            "{html}"
        );
        assert!(html.contains("Số bài theo năm"));
        assert!(
            html.contains(r#"<span class="current" aria-current="true">Theo năm</span>"#),
            "{html}"
        );
        assert!(
            html.contains(r#"href="/trends?q=n%C3%B4ng+th%C3%B4n+m%E1%BB%9Bi&amp;interval=year""#),
            "{html}"
        );
    }

    #[test]
    fn the_share_view_divides_by_all_articles_of_the_period() {
        let params = SearchParams {
            q: "kiều bào".into(),
            timeline: TimelineView {
                interval: Interval::Month,
                scale: Scale::Share,
            },
            ..SearchParams::default()
        };
        let all = PeriodCounts {
            periods: [("2021-02".to_string(), 8), ("2021-03".to_string(), 40)].into(),
            undated: 3,
        };
        let html = render(
            &[month("2021-02", 2), month("2021-03", 4)],
            &params,
            Some(&all),
        )
        .into_string();
        assert!(html.contains("02/2021: 2 / 8 bài (25 %)"), "{html}");
        assert!(html.contains("03/2021: 4 / 40 bài (10 %)"), "{html}");
        assert!(html.contains("Tỉ lệ trên tổng số bài, theo tháng"));
        // The month with the larger share is the taller bar, though it has fewer matches.
        let heights: Vec<u32> = html
            .match_indices(r#"class="bar""#)
            .filter_map(|(at, _)| {
                let before = &html[..at];
                let h = before.rfind("height=\"")?;
                before[h + 8..].split('"').next()?.parse().ok()
            })
            .collect();
        assert_eq!(heights, [BAR_AREA, 36], "{html}");
        // Without the counts of all articles the page says it draws counts instead.
        let html = render(&[month("2021-02", 2)], &params, None).into_string();
        assert!(html.contains("Chưa tính được tổng số bài"), "{html}");
    }
}
