//! The trends chart: one line per query over the periods, as SVG drawn on the server.
//!
//! It shows without JavaScript. Each line has its own colour, dash pattern and point shape, so
//! the series stay apart in grey print and for colour-blind readers; the legend beside it names
//! them. Each point is a link to the search that finds its articles (the query, the period's days
//! within the trend's dates, the filters) and carries a `<title>` with its numbers. The y axis is
//! articles or their share of all articles in the period, with rounded ticks from 0.
//!
//! The page stays bounded: past [`MAX_LINKED_POINTS`] points, or when the trend's URL is long,
//! points are not links (the table under the chart still gives every number).

use maud::{Markup, html};
use tracuu_index::search::trends::{Interval, TrendPoint, TrendResponse};

use super::citation::{group_thousands, percent};
use crate::params::Scale;
use crate::trends::TrendParams;

/// Points drawn as links at most (each link repeats the trend's filters).
pub const MAX_LINKED_POINTS: usize = 1500;
/// Points are links only while the trend's query string is at most this long, in bytes.
pub const MAX_LINKED_QUERY_BYTES: usize = 2048;

const HEIGHT: f64 = 280.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 244.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 20.0;
/// How wide the plot aims to be; each period gets `PLOT / periods`, within limits.
const PLOT: f64 = 760.0;

/// Whether points of this trend are links.
pub fn points_linked(trend: &TrendResponse, params: &TrendParams) -> bool {
    trend.periods.len() * trend.series.len() <= MAX_LINKED_POINTS
        && params.to_query_string().len() <= MAX_LINKED_QUERY_BYTES
}

/// The value a point is drawn at.
pub fn value(point: &TrendPoint, scale: Scale) -> f64 {
    match scale {
        Scale::Count => point.count as f64,
        Scale::Share => point.share,
    }
}

/// A value as the axis and titles write it.
pub fn label(value: f64, scale: Scale) -> String {
    match scale {
        Scale::Count => group_thousands(value.round() as u64),
        Scale::Share => percent(value),
    }
}

/// A period as readers write it: `02/2021`, `2021`.
pub fn period_label(period: &str) -> String {
    match period.split_once('-') {
        Some((year, month)) => format!("{month}/{year}"),
        None => period.to_string(),
    }
}

/// The small shape that marks series `i`'s points (and its legend entry), centred on (x, y).
pub fn marker(i: usize, x: f64, y: f64, r: f64) -> Markup {
    let class = format!("mark s{i}");
    match i % 6 {
        0 => html! { circle class=(class) cx=(px(x)) cy=(px(y)) r=(px(r)) {} },
        1 => {
            html! { rect class=(class) x=(px(x - r)) y=(px(y - r)) width=(px(2.0 * r)) height=(px(2.0 * r)) {} }
        }
        2 => polygon(
            &class,
            &[
                (x, y - r * 1.2),
                (x + r * 1.1, y + r * 0.8),
                (x - r * 1.1, y + r * 0.8),
            ],
        ),
        3 => polygon(
            &class,
            &[
                (x, y - r * 1.3),
                (x + r * 1.3, y),
                (x, y + r * 1.3),
                (x - r * 1.3, y),
            ],
        ),
        4 => polygon(
            &class,
            &[
                (x, y + r * 1.2),
                (x + r * 1.1, y - r * 0.8),
                (x - r * 1.1, y - r * 0.8),
            ],
        ),
        _ => {
            let w = r * 0.45;
            polygon(
                &class,
                &[
                    (x - w, y - r),
                    (x + w, y - r),
                    (x + w, y - w),
                    (x + r, y - w),
                    (x + r, y + w),
                    (x + w, y + w),
                    (x + w, y + r),
                    (x - w, y + r),
                    (x - w, y + w),
                    (x - r, y + w),
                    (x - r, y - w),
                    (x - w, y - w),
                ],
            )
        }
    }
}

fn polygon(class: &str, points: &[(f64, f64)]) -> Markup {
    let points: Vec<String> = points
        .iter()
        .map(|(x, y)| format!("{},{}", px(*x), px(*y)))
        .collect();
    html! { polygon class=(class) points=(points.join(" ")) {} }
}

/// A coordinate with at most one decimal.
fn px(v: f64) -> String {
    let text = format!("{v:.1}");
    text.strip_suffix(".0").map(str::to_string).unwrap_or(text)
}

/// Rounded axis ticks from 0 covering `max`: 3 to 5 steps of 1, 2, 2.5 or 5 times a power of 10
/// (whole numbers for counts).
pub fn ticks(max: f64, scale: Scale) -> Vec<f64> {
    let max = if max > 0.0 { max } else { 1.0 };
    let rough = max / 4.0;
    let power = 10f64.powf(rough.log10().floor());
    let mut step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * power)
        .find(|s| *s >= rough)
        .unwrap_or(10.0 * power);
    if scale == Scale::Count {
        step = step.max(1.0).ceil();
    }
    let steps = (max / step).ceil().max(1.0) as usize;
    (0..=steps).map(|i| i as f64 * step).collect()
}

/// Where each period sits, and the chart's width.
struct Layout {
    step: f64,
    width: f64,
    top_value: f64,
}

impl Layout {
    fn new(periods: usize, top_value: f64) -> Layout {
        let gaps = periods.saturating_sub(1).max(1) as f64;
        let step = (PLOT / gaps).clamp(4.0, 160.0);
        let plot = if periods <= 1 { 40.0 } else { step * gaps };
        Layout {
            step,
            width: (LEFT + plot + RIGHT).max(320.0).ceil(),
            top_value,
        }
    }

    fn x(&self, i: usize, periods: usize) -> f64 {
        if periods <= 1 {
            LEFT + 20.0
        } else {
            LEFT + self.step * i as f64
        }
    }

    fn y(&self, value: f64) -> f64 {
        BOTTOM - value / self.top_value * (BOTTOM - TOP)
    }
}

/// The chart, or nothing when the trend has no period.
pub fn render(trend: &TrendResponse, params: &TrendParams) -> Markup {
    let periods = trend.periods.len();
    if periods == 0 || trend.series.is_empty() {
        return html! {};
    }
    let scale = params.scale;
    let max = trend
        .series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| value(p, scale)))
        .fold(0.0, f64::max);
    let ticks = ticks(max, scale);
    let layout = Layout::new(periods, ticks.last().copied().unwrap_or(1.0));
    let linked = points_linked(trend, params);
    let r = if layout.step < 10.0 { 3.0 } else { 4.5 };
    html! {
        figure.trend-chart {
            figcaption #trend-caption { (caption(trend.interval, scale)) }
            div.chart-scroll {
                svg role="group" aria-labelledby="trend-caption trend-summary"
                    viewBox=(format!("0 0 {} {HEIGHT}", layout.width)) width=(layout.width) height=(HEIGHT)
                    xmlns="http://www.w3.org/2000/svg" {
                    desc #trend-summary { (summary(trend, scale, max)) }
                    @for tick in &ticks {
                        line.grid x1=(px(LEFT)) x2=(px(layout.width - RIGHT)) y1=(px(layout.y(*tick))) y2=(px(layout.y(*tick))) {}
                        text.axis x=(px(LEFT - 6.0)) y=(px(layout.y(*tick) + 4.0)) text-anchor="end" aria-hidden="true" { (label(*tick, scale)) }
                    }
                    @for (x, text) in x_labels(&trend.periods, trend.interval, |i| layout.x(i, periods)) {
                        text.axis x=(px(x)) y=(px(BOTTOM + 20.0)) text-anchor="middle" aria-hidden="true" { (text) }
                    }
                    @for (i, series) in trend.series.iter().enumerate() {
                        g.series data-q=(series.q) {
                            @let line: Vec<String> = series.points.iter().enumerate()
                                .map(|(k, p)| format!("{},{}", px(layout.x(k, periods)), px(layout.y(value(p, scale)))))
                                .collect();
                            polyline class=(format!("line s{i}")) points=(line.join(" ")) {}
                            @for (k, point) in series.points.iter().enumerate() {
                                @let (x, y) = (layout.x(k, periods), layout.y(value(point, scale)));
                                @let title = point_title(&series.q, point);
                                @if linked {
                                    a.point href=(params.search_url(&series.q, &point.period)) aria-label=(title)
                                        data-q=(series.q) data-period=(point.period) data-count=(point.count) {
                                        title { (title) }
                                        circle.hit-area cx=(px(x)) cy=(px(y)) r=(px(r + 5.0)) {}
                                        (marker(i, x, y, r))
                                    }
                                } @else {
                                    g.point data-q=(series.q) data-period=(point.period) data-count=(point.count) {
                                        title { (title) }
                                        (marker(i, x, y, r))
                                    }
                                }
                            }
                        }
                    }
                    line.baseline x1=(px(LEFT)) x2=(px(layout.width - RIGHT)) y1=(px(BOTTOM)) y2=(px(BOTTOM)) {}
                }
            }
        }
    }
}

fn caption(interval: Interval, scale: Scale) -> &'static str {
    match (interval, scale) {
        (Interval::Month, Scale::Count) => "Số bài theo tháng",
        (Interval::Year, Scale::Count) => "Số bài theo năm",
        (Interval::Month, Scale::Share) => "Tỉ lệ trên tổng số bài, theo tháng",
        (Interval::Year, Scale::Share) => "Tỉ lệ trên tổng số bài, theo năm",
    }
}

fn summary(trend: &TrendResponse, scale: Scale, max: f64) -> String {
    let first = trend
        .periods
        .first()
        .map(|p| period_label(p))
        .unwrap_or_default();
    let last = trend
        .periods
        .last()
        .map(|p| period_label(p))
        .unwrap_or_default();
    let names: Vec<String> = trend.series.iter().map(|s| format!("“{}”", s.q)).collect();
    format!(
        "{} đường, cho {}, từ {first} đến {last}; cao nhất {}. Bảng dưới biểu đồ ghi mọi số liệu.",
        trend.series.len(),
        names.join(", "),
        label(max, scale)
    )
}

/// `“kiều bào”, 02/2021: 3 / 40 bài (7,5 %)`.
pub fn point_title(query: &str, point: &TrendPoint) -> String {
    let when = if point.period == tracuu_index::schema::UNDATED_YEAR {
        "không rõ ngày".to_string()
    } else {
        period_label(&point.period)
    };
    format!(
        "“{query}”, {when}: {} / {} bài ({})",
        group_thousands(point.count),
        group_thousands(point.all),
        percent(point.share)
    )
}

/// Labels along the x axis: every year (under its January by month), thinned to stay apart.
fn x_labels(
    periods: &[String],
    interval: Interval,
    x: impl Fn(usize) -> f64,
) -> Vec<(f64, String)> {
    let mut labels: Vec<(f64, String)> = Vec::new();
    for (i, period) in periods.iter().enumerate() {
        let text = match interval {
            Interval::Year => period.clone(),
            Interval::Month if periods.len() <= 12 => period_label(period),
            Interval::Month => match period.split_once('-') {
                Some((year, "01")) => year.to_string(),
                Some((year, _)) if i == 0 => year.to_string(),
                _ => continue,
            },
        };
        let at = x(i);
        if labels.last().is_some_and(|(last, _)| at - last < 44.0) {
            continue;
        }
        labels.push((at, text));
    }
    labels
}

#[cfg(test)]
mod tests {
    use super::*;
    use tracuu_index::search::trends::TrendSeries;

    fn point(period: &str, count: u64, all: u64) -> TrendPoint {
        TrendPoint {
            period: period.into(),
            count,
            all,
            share: if all == 0 {
                0.0
            } else {
                count as f64 / all as f64
            },
        }
    }

    fn trend() -> TrendResponse {
        let series = |q: &str, counts: [u64; 3]| TrendSeries {
            q: q.into(),
            total: counts.iter().sum(),
            points: ["2020", "2021", "2022"]
                .iter()
                .zip(counts)
                .map(|(p, c)| point(p, c, 10))
                .collect(),
            none: point("none", 0, 2),
        };
        TrendResponse {
            interval: Interval::Year,
            periods: vec!["2020".into(), "2021".into(), "2022".into()],
            series: vec![
                series("nông thôn mới", [1, 3, 0]),
                series("chuyển đổi số", [2, 0, 5]),
            ],
            took_ms: 1.0,
        }
    }

    #[test]
    fn each_query_is_a_line_whose_points_link_to_their_search() {
        let params =
            TrendParams::parse(Some("q=a&interval=year&province=Qu%E1%BA%A3ng+Nam"), false)
                .unwrap();
        let svg = render(&trend(), &params).into_string();
        assert_eq!(svg.matches("<polyline").count(), 2);
        assert_eq!(svg.matches("class=\"point\"").count(), 6);
        assert!(
            svg.contains("href=\"/?q=chuy%E1%BB%83n+%C4%91%E1%BB%95i+s%E1%BB%91&amp;from=2022-01-01&amp;to=2022-12-31&amp;province=Qu%E1%BA%A3ng+Nam\""),
            "{svg}"
        );
        assert!(
            svg.contains("“chuyển đổi số”, 2022: 5 / 10 bài (50 %)"),
            "{svg}"
        );
    }

    #[test]
    fn shares_are_drawn_on_a_percentage_axis() {
        let mut params = TrendParams::parse(Some("q=a&interval=year"), false).unwrap();
        params.scale = Scale::Share;
        let svg = render(&trend(), &params).into_string();
        assert!(svg.contains(">20 %<") && svg.contains(">60 %<"), "{svg}");
        assert!(svg.contains("Tỉ lệ trên tổng số bài, theo năm"));
    }

    #[test]
    fn ticks_are_round_and_whole_for_counts() {
        assert_eq!(ticks(5.0, Scale::Count), [0.0, 2.0, 4.0, 6.0]);
        assert_eq!(ticks(1.0, Scale::Count), [0.0, 1.0]);
        assert_eq!(ticks(0.0, Scale::Count), [0.0, 1.0]);
        let shares = ticks(0.5, Scale::Share);
        assert_eq!(shares.len(), 4, "{shares:?}");
        assert!(
            (shares[1] - 0.2).abs() < 1e-9 && shares[3] >= 0.5,
            "{shares:?}"
        );
        assert_eq!(ticks(1234.0, Scale::Count), [0.0, 500.0, 1000.0, 1500.0]);
    }

    #[test]
    fn many_points_or_a_long_url_are_not_links() {
        let mut params = TrendParams::parse(Some("q=a&interval=year"), false).unwrap();
        params.filters.q = String::new();
        params.queries = vec!["người Việt Nam ở nước ngoài ".repeat(80)];
        let svg = render(&trend(), &params).into_string();
        assert!(!svg.contains("<a "), "{svg}");
        assert!(svg.contains("class=\"point\""));
    }
}
