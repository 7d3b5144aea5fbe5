//! `/api/trends`: several queries counted per month or year, beside all articles per period.
//!
//! The counting is the engine's ([`tracuu_index::search::trends`]); this module reads the URL
//! (`q` up to six times, `interval`, and the filters and dates of `/api/search`) and writes it
//! back, so `/trends` can link each point to the search that finds its articles.
//!
//! ```
//! use tracuu_serve::trends::TrendParams;
//! let p = TrendParams::parse(Some("q=n%C3%B4ng+th%C3%B4n+m%E1%BB%9Bi&q=chuyen+doi+so&interval=year"), false).unwrap();
//! assert_eq!(p.queries, ["nông thôn mới", "chuyen doi so"]);
//! assert_eq!(p.search_url("chuyen doi so", "2021"), "/?q=chuyen+doi+so&from=2021-01-01&to=2021-12-31");
//! ```

use axum::Json;
use axum::extract::{RawQuery, State};
use tracuu_index::schema::UNDATED_YEAR;
use tracuu_index::search::FacetField;
use tracuu_index::search::request::MAX_QUERY_CHARS;
use tracuu_index::search::trends::{Interval, MAX_TREND_QUERIES, TrendRequest, TrendResponse};

use crate::error::ApiError;
use crate::params::{Endpoint, Scale, SearchParams, decode_pairs, encode_pairs, parse_interval};
use crate::state::AppState;

/// A validated trend, as the URL gave it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TrendParams {
    /// The queries, in the order given, empty ones left out.
    pub queries: Vec<String>,
    /// Months or years.
    pub interval: Interval,
    /// The page only: counts or shares on the chart.
    pub scale: Scale,
    /// The dates and facet filters every count shares (its `q` is empty).
    pub filters: SearchParams,
}

impl TrendParams {
    /// Parses a raw query string. `page` accepts the page's own `scale` and no query at all
    /// (the page then shows its form); the API needs at least one query.
    pub fn parse(raw: Option<&str>, page: bool) -> Result<TrendParams, ApiError> {
        let mut params = TrendParams::default();
        let mut sent_queries = 0;
        let mut seen: Vec<&'static str> = Vec::new();
        let mut rest = Vec::new();
        for (name, value) in decode_pairs(raw.unwrap_or(""))? {
            match name.as_str() {
                "q" => {
                    sent_queries += 1;
                    params.add_query(sent_queries, &value)?;
                }
                "interval" => {
                    once(&mut seen, "interval")?;
                    params.interval = parse_interval(&value)?;
                }
                "scale" if page => {
                    once(&mut seen, "scale")?;
                    params.scale = Scale::parse(&value)?;
                }
                _ => rest.push((name, value)),
            }
        }
        params.filters = SearchParams::from_pairs(rest, Endpoint::Trends)?;
        if !page && params.queries.is_empty() {
            return Err(ApiError::bad_request(
                "missing_query",
                "give at least one query: /api/trends?q=...&q=...",
                "Hãy nhập ít nhất một từ khóa.",
            ));
        }
        Ok(params)
    }

    /// Adds the `sent`-th query of the URL (counted as sent, empty ones included).
    fn add_query(&mut self, sent: usize, value: &str) -> Result<(), ApiError> {
        if sent > MAX_TREND_QUERIES {
            return Err(ApiError::bad_request(
                "too_many_queries",
                format!(
                    "a trend compares at most {MAX_TREND_QUERIES} queries ('q' given {sent} times or more)"
                ),
                format!("Mỗi biểu đồ so sánh tối đa {MAX_TREND_QUERIES} từ khóa."),
            ));
        }
        if value.chars().count() > MAX_QUERY_CHARS {
            return Err(ApiError::bad_request(
                "query_too_long",
                format!("a 'q' is longer than {MAX_QUERY_CHARS} characters"),
                format!("Từ khóa dài quá {MAX_QUERY_CHARS} ký tự; hãy rút ngắn."),
            ));
        }
        let query = value.trim();
        if !query.is_empty() {
            self.queries.push(query.to_string());
        }
        Ok(())
    }

    /// The trend of a search page: its query (if any), its timeline's view, its filters.
    pub fn from_search(search: &SearchParams) -> TrendParams {
        TrendParams {
            queries: (!search.q.is_empty())
                .then(|| search.q.clone())
                .into_iter()
                .collect(),
            interval: search.timeline.interval,
            scale: search.timeline.scale,
            filters: SearchParams {
                from: search.from,
                to: search.to,
                filters: search.filters.clone(),
                ..SearchParams::default()
            },
        }
    }

    /// The engine's request.
    pub fn to_request(&self) -> TrendRequest {
        TrendRequest {
            queries: self.queries.clone(),
            interval: self.interval,
            from: self.filters.from,
            to: self.filters.to,
            filters: self.filters.filters.clone(),
        }
    }

    /// The query string that reproduces this trend (defaults left out).
    pub fn to_query_string(&self) -> String {
        let mut pairs: Vec<(&str, String)> =
            self.queries.iter().map(|q| ("q", q.clone())).collect();
        if self.interval != Interval::Month {
            pairs.push(("interval", self.interval.name().to_string()));
        }
        if self.scale != Scale::Count {
            pairs.push(("scale", self.scale.name().to_string()));
        }
        let filters = self.filters.to_query_string();
        let mut query = encode_pairs(&pairs);
        if !filters.is_empty() {
            if !query.is_empty() {
                query.push('&');
            }
            query.push_str(&filters);
        }
        query
    }

    /// The `/trends` page URL for this trend.
    pub fn page_url(&self) -> String {
        let query = self.to_query_string();
        if query.is_empty() {
            "/trends".to_string()
        } else {
            format!("/trends?{query}")
        }
    }

    /// The `/api/trends` URL for this trend (the page's `scale` left out).
    pub fn api_url(&self) -> String {
        let api = TrendParams {
            scale: Scale::Count,
            ..self.clone()
        };
        format!("/api/trends?{}", api.to_query_string())
    }

    /// The search that finds the articles counted for `query` in `period`: the period's days
    /// within the trend's own dates, with its filters; `none` is the undated articles.
    pub fn search_params(&self, query: &str, period: &str) -> SearchParams {
        let mut search = SearchParams {
            q: query.to_string(),
            from: self.filters.from,
            to: self.filters.to,
            filters: self.filters.filters.clone(),
            ..SearchParams::default()
        };
        if period == UNDATED_YEAR {
            search
                .filters
                .retain(|(facet, _)| *facet != FacetField::Year);
            search
                .filters
                .push((FacetField::Year, UNDATED_YEAR.to_string()));
        } else if let Some((first, last)) = self.interval.days_of(period) {
            search.from = Some(search.from.map_or(first, |from| from.max(first)));
            search.to = Some(search.to.map_or(last, |to| to.min(last)));
        }
        search
    }

    /// The search page URL of [`TrendParams::search_params`].
    pub fn search_url(&self, query: &str, period: &str) -> String {
        crate::page::search::page_url(&self.search_params(query, period))
    }
}

fn once(seen: &mut Vec<&'static str>, key: &'static str) -> Result<(), ApiError> {
    if seen.contains(&key) {
        return Err(ApiError::bad_request(
            "invalid_parameter",
            format!("'{key}' is given more than once; only 'q' and facet filters may repeat"),
            format!("Tham số “{key}” xuất hiện nhiều lần."),
        ));
    }
    seen.push(key);
    Ok(())
}

/// Counts a trend on the blocking pool.
pub async fn run_trends(
    state: &AppState,
    request: TrendRequest,
) -> Result<TrendResponse, ApiError> {
    let index = state.index.clone();
    tokio::task::spawn_blocking(move || index.trends(&request))
        .await
        .map_err(ApiError::internal)?
        .map_err(ApiError::from)
}

/// `GET /api/trends`.
pub async fn api_trends(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<TrendResponse>, ApiError> {
    let params = TrendParams::parse(raw.as_deref(), false)?;
    Ok(Json(run_trends(&state, params.to_request()).await?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(raw: &str) -> Result<TrendParams, ApiError> {
        TrendParams::parse(Some(raw), false)
    }

    #[test]
    fn queries_repeat_empty_ones_are_skipped_and_the_state_round_trips() {
        let p = parse("q=x%C3%A2y+d%E1%BB%B1ng+n%C3%B4ng+th%C3%B4n+m%E1%BB%9Bi&q=&q=chuy%E1%BB%83n+%C4%91%E1%BB%95i+s%E1%BB%91&interval=year&province=Qu%E1%BA%A3ng+Nam&from=2019-01-01")
            .unwrap();
        assert_eq!(p.queries, ["xây dựng nông thôn mới", "chuyển đổi số"]);
        assert_eq!(p.interval, Interval::Year);
        assert_eq!(
            p.filters.filters,
            [(FacetField::Province, "Quảng Nam".to_string())]
        );
        let again = parse(&p.to_query_string()).unwrap();
        assert_eq!(again, p);
    }

    #[test]
    fn each_kind_of_bad_input_has_its_code() {
        let code = |raw: &str| parse(raw).map(|_| ()).unwrap_err().code;
        assert_eq!(code(""), "missing_query");
        assert_eq!(code("q=&q=+"), "missing_query");
        assert_eq!(code(&"q=a&".repeat(7)), "too_many_queries");
        assert_eq!(code("q=a&interval=week"), "invalid_parameter");
        assert_eq!(
            code("q=a&interval=year&interval=month"),
            "invalid_parameter"
        );
        assert_eq!(code("q=a&scale=share"), "unknown_facet");
        assert_eq!(code("q=a&sort=newest"), "unknown_facet");
        assert_eq!(code("q=a&page=2"), "unknown_facet");
        assert_eq!(code("q=a&from=2021-05-01&to=2021-02-01"), "invalid_date");
        assert_eq!(code(&format!("q={}", "ư".repeat(1001))), "query_too_long");
        // The page shows its form without a query, and reads its own chart scale.
        let page = TrendParams::parse(Some("scale=share"), true).unwrap();
        assert!(page.queries.is_empty());
        assert_eq!(page.scale, Scale::Share);
    }

    #[test]
    fn a_point_links_to_its_period_within_the_trends_own_dates() {
        let p = parse("q=kieu+bao&from=2021-02-10&to=2021-12-31&year=2021").unwrap();
        assert_eq!(
            p.search_url("kieu bao", "2021-02"),
            "/?q=kieu+bao&from=2021-02-10&to=2021-02-28&year=2021"
        );
        let by_year = parse("q=kieu+bao&interval=year&year=2021&year=none").unwrap();
        assert_eq!(
            by_year.search_url("kieu bao", "none"),
            "/?q=kieu+bao&year=none",
            "the undated bucket is the undated articles, whatever years the trend keeps"
        );
    }
}
