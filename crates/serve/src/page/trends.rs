//! The trends page at `/trends`: up to six queries over time on one chart, with a table.
//!
//! A GET form (queries, months or years, counts or shares, dates) and links, so the page works
//! without JavaScript and its URL carries the whole state. Under the form: a legend, the chart
//! ([`super::trend_chart`]), and a table of every number, the undated articles in a row of their
//! own. Each point and each count links to the search that finds those articles.

use axum::extract::{RawQuery, State};
use axum::response::{Html, IntoResponse, Response};
use maud::{Markup, html};
use tracuu_index::schema::UNDATED_YEAR;
use tracuu_index::search::FacetField;
use tracuu_index::search::trends::{Interval, MAX_TREND_QUERIES, TrendPoint, TrendResponse};

use super::citation::{group_thousands, percent};
use super::layout;
use super::search::{facet_label, facet_value_label, page_url};
use super::timeline;
use super::trend_chart::{self, marker, period_label, points_linked};
use crate::error::ApiError;
use crate::params::Scale;
use crate::state::AppState;
use crate::trends::{TrendParams, run_trends};

/// Example shown on an empty page.
const EXAMPLE: &str = "/trends?q=n%C3%B4ng+th%C3%B4n+m%E1%BB%9Bi&q=chuy%E1%BB%83n+%C4%91%E1%BB%95i+s%E1%BB%91&interval=year";

/// `GET /trends`.
pub async fn trends_page(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    let params = match TrendParams::parse(raw.as_deref(), true) {
        Ok(params) => params,
        Err(err) => return failed(&TrendParams::default(), &err),
    };
    if params.queries.is_empty() {
        let body = render(&params, None);
        return Html(layout::document(&title(&params), body).into_string()).into_response();
    }
    match run_trends(&state, params.to_request()).await {
        Ok(trend) => {
            let body = render(&params, Some(&trend));
            Html(layout::document(&title(&params), body).into_string()).into_response()
        }
        Err(err) => failed(&params, &err),
    }
}

fn failed(params: &TrendParams, err: &ApiError) -> Response {
    let body = html! {
        (intro())
        (form(params))
        div.error role="alert" data-code=(err.code) {
            h2 { "Không vẽ được biểu đồ" }
            p { (err.message_vi) }
            p { a href="/trends" { "Bắt đầu lại" } }
        }
    };
    (
        err.status,
        Html(layout::document("Lỗi xu hướng — tracuu", body).into_string()),
    )
        .into_response()
}

/// The page title: the queries compared.
pub fn title(params: &TrendParams) -> String {
    if params.queries.is_empty() {
        "Xu hướng theo thời gian — tracuu".to_string()
    } else {
        format!("Xu hướng: {} — tracuu", params.queries.join(", "))
    }
}

fn intro() -> Markup {
    html! {
        h1 { "Xu hướng theo thời gian" }
        p.lead {
            "So sánh số bài chứa mỗi từ khóa theo tháng hoặc theo năm, hoặc tỉ lệ của chúng trên tổng số bài cùng kỳ. "
            "Bấm vào một điểm để xem các bài đó."
        }
    }
}

/// The body of the page: the form, then the trend when there is one.
pub fn render(params: &TrendParams, trend: Option<&TrendResponse>) -> Markup {
    html! {
        (intro())
        (form(params))
        @match trend {
            Some(trend) => (results(params, trend)),
            None => p.empty {
                "Nhập một hoặc nhiều từ khóa (tối đa " (MAX_TREND_QUERIES) "), ví dụ "
                a href=(EXAMPLE) { "“nông thôn mới” và “chuyển đổi số” theo năm" } "."
            },
        }
    }
}

fn form(params: &TrendParams) -> Markup {
    let slots = (params.queries.len() + 1).clamp(2, MAX_TREND_QUERIES);
    html! {
        form #trends-form method="get" action="/trends" {
            fieldset.queries {
                legend { "Từ khóa (tối đa " (MAX_TREND_QUERIES) ")" }
                @for i in 0..slots {
                    div.query-slot {
                        span.swatch aria-hidden="true" { (swatch(i)) }
                        label for=(format!("q{i}")) { "Từ khóa " (i + 1) }
                        input id=(format!("q{i}")) type="search" name="q" maxlength="1000" autocomplete="off"
                            value=(params.queries.get(i).map(String::as_str).unwrap_or(""));
                    }
                }
            }
            div.options {
                div.field {
                    label for="interval" { "Theo" }
                    select #interval name="interval" {
                        option value="month" selected[params.interval == Interval::Month] { "Tháng" }
                        option value="year" selected[params.interval == Interval::Year] { "Năm" }
                    }
                }
                div.field {
                    label for="scale" { "Hiển thị" }
                    select #scale name="scale" {
                        option value="count" selected[params.scale == Scale::Count] { "Số bài" }
                        option value="share" selected[params.scale == Scale::Share] { "Tỉ lệ trên tổng số bài" }
                    }
                }
                div.field {
                    label for="from" { "Từ ngày" }
                    input #from type="date" name="from" value=[params.filters.from.map(|d| d.to_string())];
                }
                div.field {
                    label for="to" { "Đến ngày" }
                    input #to type="date" name="to" value=[params.filters.to.map(|d| d.to_string())];
                }
            }
            @for (facet, value) in &params.filters.filters {
                input type="hidden" name=(facet.name()) value=(value);
            }
            button type="submit" { "Vẽ biểu đồ" }
        }
    }
}

/// A legend swatch: series `i`'s line and point shape.
fn swatch(i: usize) -> Markup {
    html! {
        svg width="28" height="14" viewBox="0 0 28 14" xmlns="http://www.w3.org/2000/svg" {
            line class=(format!("line s{i}")) x1="1" x2="27" y1="7" y2="7" {}
            (marker(i, 14.0, 7.0, 4.0))
        }
    }
}

fn results(params: &TrendParams, trend: &TrendResponse) -> Markup {
    html! {
        section.trend aria-labelledby="trend-heading" {
            h2 #trend-heading { "Kết quả" }
            @if !params.filters.filters.is_empty() {
                ul.active-filters aria-label="Bộ lọc đang dùng" {
                    @for (facet, value) in &params.filters.filters {
                        li { a href=(without_filter(params, *facet, value)) {
                            (facet_label(*facet)) ": " (facet_value_label(*facet, value)) " ✕"
                            span.visually-hidden { " (bỏ lọc)" }
                        } }
                    }
                }
            }
            ul.trend-legend {
                @for (i, series) in trend.series.iter().enumerate() {
                    li data-q=(series.q) {
                        span.swatch aria-hidden="true" { (swatch(i)) }
                        a href=(page_url(&params.search_params(&series.q, ""))) { "“" (series.q) "”" }
                        span.count { "(" (group_thousands(series.total)) " bài)" }
                    }
                }
            }
            @if trend.periods.is_empty() {
                p.empty { "Không có bài nào có ngày đăng chứa các từ khóa này." }
            } @else {
                (trend_chart::render(trend, params))
                (view_links(params))
            }
            (table(params, trend))
            p.note {
                "Mỗi số đếm các bài chứa đủ mọi từ của từ khóa (không nới rộng như khi tìm kiếm không có kết quả đầy đủ); "
                "tỉ lệ là số đó chia cho tổng số bài cùng kỳ với cùng bộ lọc. Bài không rõ ngày không thuộc kỳ nào. "
                a href=(params.api_url()) { "Số liệu dạng JSON" } "."
            }
        }
    }
}

/// The page without one of its filters.
fn without_filter(params: &TrendParams, facet: FacetField, value: &str) -> String {
    let mut without = params.clone();
    without
        .filters
        .filters
        .retain(|(f, v)| !(*f == facet && v == value));
    without.page_url()
}

/// Links that switch months and years, counts and shares, keeping the rest.
fn view_links(params: &TrendParams) -> Markup {
    let with = |interval: Interval, scale: Scale| {
        TrendParams {
            interval,
            scale,
            ..params.clone()
        }
        .page_url()
    };
    html! {
        p.timeline-views { (timeline::view_options(params.interval, params.scale, with)) }
    }
}

fn table(params: &TrendParams, trend: &TrendResponse) -> Markup {
    let linked = points_linked(trend, params);
    let all_of = |k: usize| trend.series.first().map_or(0, |s| s.points[k].all);
    let undated_all = trend.series.first().map_or(0, |s| s.none.all);
    html! {
        div.table-scroll {
            table.trend-table {
                caption { "Số bài chứa từ khóa và tỉ lệ trên tổng số bài, theo " (if trend.interval == Interval::Year { "năm" } else { "tháng" }) }
                thead {
                    tr {
                        th scope="col" { "Kỳ" }
                        @for series in &trend.series { th scope="col" { "“" (series.q) "”" } }
                        th scope="col" { "Tổng số bài" }
                    }
                }
                tbody {
                    @for (k, period) in trend.periods.iter().enumerate() {
                        tr {
                            th scope="row" { (period_label(period)) }
                            @for series in &trend.series { (cell(params, &series.q, &series.points[k], linked)) }
                            td.all { (group_thousands(all_of(k))) }
                        }
                    }
                    tr.undated {
                        th scope="row" { "Không rõ ngày" }
                        @for series in &trend.series { (cell(params, &series.q, &series.none, linked)) }
                        td.all { (group_thousands(undated_all)) }
                    }
                }
            }
        }
    }
}

fn cell(params: &TrendParams, query: &str, point: &TrendPoint, linked: bool) -> Markup {
    let share = if point.period == UNDATED_YEAR && point.all == 0 {
        String::new()
    } else {
        format!(" ({})", percent(point.share))
    };
    html! {
        td data-period=(point.period) data-count=(point.count) {
            @if linked && point.count > 0 {
                a href=(params.search_url(query, &point.period)) { (group_thousands(point.count)) }
            } @else {
                (group_thousands(point.count))
            }
            span.share { (share) }
        }
    }
}
