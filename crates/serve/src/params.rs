//! Search parameters from a URL query string: decoding, validation, and back to shareable URLs.
//!
//! The API, the exports and the web page read the same parameters (`q`, `page`, `per_page`,
//! `sort`, `from`, `to` and the facet filters `source`, `province`, `year`, `ref`, `type`, which may
//! repeat), so one parser validates them all before the engine is called. Every rejection is an
//! [`ApiError`] with a stable code, never axum's plain-text default. The same struct writes the
//! state back as a query string, which is what makes the web page's URLs shareable.
//!
//! An empty value (`from=`, `sort=`, `year=`, as a GET form sends for an empty field) means the
//! parameter is absent, as `openapi.json` says. Filters are capped ([`MAX_FILTERS_PER_FACET`]) so
//! one URL cannot make a page of hundreds of megabytes.
//!
//! ```
//! use tracuu_serve::params::{Endpoint, SearchParams};
//! let p = SearchParams::parse(Some("q=nuoc+ngoai&ref=36-NQ%2FTW&page=2"), Endpoint::Search).unwrap();
//! assert_eq!(p.q, "nuoc ngoai");
//! assert_eq!(p.to_request().offset, 10);
//! assert_eq!(p.to_query_string(), "q=nuoc+ngoai&page=2&ref=36-NQ%2FTW");
//! ```

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode, utf8_percent_encode};
use time::Date;
use time::macros::format_description;
use tracuu_index::quote::QuoteRequest;
use tracuu_index::quote::finder::{DEFAULT_QUOTE_ARTICLES, MAX_QUOTE_ARTICLES};
use tracuu_index::search::request::{MAX_QUERY_CHARS, MAX_RESULT_WINDOW};
use tracuu_index::search::trends::Interval;
use tracuu_index::search::{FacetField, SearchRequest, SortOrder};

use crate::error::ApiError;

/// Hits per page when the caller does not say.
pub const DEFAULT_PER_PAGE: usize = 10;
/// The most hits one page may hold.
pub const MAX_PER_PAGE: usize = 100;
/// The most hits an export streams.
pub const MAX_EXPORT_HITS: usize = MAX_RESULT_WINDOW;
/// The longest facet value accepted, in characters (document numbers and hosts are far shorter).
pub const MAX_FILTER_CHARS: usize = 200;
/// The most values one facet may be given, counted as sent (empty values and repeats count), so
/// at most 50 filters in all: a page's links, which each repeat the search, stay few and short.
pub const MAX_FILTERS_PER_FACET: usize = 10;

/// Which endpoint is parsing: exports take `limit` instead of `page` and `per_page`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Endpoint {
    /// `/api/search`.
    Search,
    /// The search page: as `/api/search`, plus how its timeline is drawn (`interval`, `scale`)
    /// and what it lists (`view=quotes`, with `speaker`).
    Page,
    /// `/feeds/search.atom`: as `/api/search`, newest first unless `sort` says otherwise.
    Feed,
    /// `/api/search.csv`, `/api/search.jsonl` and their provenance.
    Export,
    /// `/api/trends` and `/trends`: the filters and dates only (their queries and interval are
    /// read by [`crate::trends::TrendParams`]).
    Trends,
    /// `/api/quotes`: as `Search`, with `speaker` and `articles`.
    Quotes,
}

/// How a chart's counts are drawn: articles, or their share of all articles in the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scale {
    /// Articles per period.
    #[default]
    Count,
    /// Matching articles as a share of all articles of the period (with the same filters).
    Share,
}

impl Scale {
    /// The scale's name in URLs.
    pub fn name(self) -> &'static str {
        match self {
            Scale::Count => "count",
            Scale::Share => "share",
        }
    }

    /// Parses `count` or `share` (empty: the default).
    pub fn parse(value: &str) -> Result<Scale, ApiError> {
        match value {
            "" | "count" => Ok(Scale::Count),
            "share" => Ok(Scale::Share),
            other => Err(ApiError::bad_request(
                "invalid_parameter",
                format!("'scale' must be count or share, not '{other}'"),
                format!("“scale” phải là count (số bài) hoặc share (tỉ lệ), không phải “{other}”."),
            )),
        }
    }
}

/// Parses `month` or `year` (empty: month).
pub fn parse_interval(value: &str) -> Result<Interval, ApiError> {
    if value.is_empty() {
        return Ok(Interval::Month);
    }
    value.parse().map_err(|message: String| {
        ApiError::bad_request(
            "invalid_parameter",
            message,
            format!(
                "“interval” phải là month (theo tháng) hoặc year (theo năm), không phải “{value}”."
            ),
        )
    })
}

/// How the search page draws its timeline: by month or year, counts or shares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TimelineView {
    /// Bars per month (the default) or per year.
    pub interval: Interval,
    /// Bar heights: articles (the default) or their share of all articles.
    pub scale: Scale,
}

/// What the web page lists: articles, or the sentences that hold the query ("Trích dẫn").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    /// Matching articles with snippets.
    #[default]
    Articles,
    /// Matching sentences with their speakers.
    Quotes,
}

/// The longest speaker filter accepted, in characters.
pub const MAX_SPEAKER_CHARS: usize = 200;

/// A validated search, as the URL gave it.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchParams {
    /// Query text (empty: every article).
    pub q: String,
    /// 1-based page number.
    pub page: usize,
    /// Hits per page.
    pub per_page: usize,
    /// Order of hits.
    pub sort: SortOrder,
    /// Earliest publication day, inclusive.
    pub from: Option<Date>,
    /// Latest publication day, inclusive.
    pub to: Option<Date>,
    /// Facet filters in the order given: OR within a facet, AND across facets.
    pub filters: Vec<(FacetField, String)>,
    /// Exports only: how many hits to stream (at most [`MAX_EXPORT_HITS`]).
    pub limit: usize,
    /// The search page only: how its timeline is drawn.
    pub timeline: TimelineView,
    /// The page only: articles or quotes (`view=quotes`).
    pub view: View,
    /// Quotes only: keep quotes whose speaker holds every word of this.
    pub speaker: Option<String>,
    /// Quotes only: how many matching articles are read for quotes.
    pub articles: usize,
}

impl Default for SearchParams {
    fn default() -> Self {
        SearchParams {
            q: String::new(),
            page: 1,
            per_page: DEFAULT_PER_PAGE,
            sort: SortOrder::Relevance,
            from: None,
            to: None,
            filters: Vec::new(),
            limit: MAX_EXPORT_HITS,
            timeline: TimelineView::default(),
            view: View::Articles,
            speaker: None,
            articles: DEFAULT_QUOTE_ARTICLES,
        }
    }
}

/// Characters left as they are in a query-string value; everything else is percent-encoded.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b' ');

impl SearchParams {
    /// Parses and validates a raw query string (without `?`); `None` is an empty one.
    pub fn parse(raw: Option<&str>, endpoint: Endpoint) -> Result<SearchParams, ApiError> {
        SearchParams::from_pairs(decode_pairs(raw.unwrap_or(""))?, endpoint)
    }

    /// Validates decoded `name=value` pairs (see [`SearchParams::parse`]).
    pub fn from_pairs(
        pairs: Vec<(String, String)>,
        endpoint: Endpoint,
    ) -> Result<SearchParams, ApiError> {
        let mut params = SearchParams::default();
        let mut seen: Vec<&'static str> = Vec::new();
        let mut sent = [0usize; FacetField::ALL.len()];
        for (name, value) in pairs {
            if let Some(facet) = FacetField::from_name(&name) {
                let count = &mut sent[facet as usize];
                *count += 1;
                if *count > MAX_FILTERS_PER_FACET {
                    return Err(too_many_filters(facet));
                }
                params.add_filter(facet, &value)?;
                continue;
            }
            let listing = matches!(
                endpoint,
                Endpoint::Search | Endpoint::Page | Endpoint::Feed | Endpoint::Quotes
            );
            let key: &'static str = match (name.as_str(), endpoint) {
                ("q", e) if e != Endpoint::Trends => "q",
                ("sort", e) if e != Endpoint::Trends => "sort",
                ("from", _) => "from",
                ("to", _) => "to",
                ("page", _) if listing => "page",
                ("per_page", _) if listing => "per_page",
                ("limit", Endpoint::Export) => "limit",
                ("interval", Endpoint::Page) => "interval",
                ("scale", Endpoint::Page) => "scale",
                ("view", Endpoint::Page) => "view",
                ("speaker", Endpoint::Page | Endpoint::Quotes) => "speaker",
                ("articles", Endpoint::Quotes) => "articles",
                _ => return Err(unknown_parameter(&name, endpoint)),
            };
            if seen.contains(&key) {
                return Err(ApiError::bad_request(
                    "invalid_parameter",
                    format!("'{key}' is given more than once; only facet filters may repeat"),
                    format!("Tham số “{key}” xuất hiện nhiều lần; chỉ bộ lọc mới được lặp lại."),
                ));
            }
            seen.push(key);
            params.set(key, &value)?;
        }
        if endpoint == Endpoint::Feed && !seen.contains(&"sort") {
            params.sort = SortOrder::Newest;
        }
        params.validate(endpoint)?;
        Ok(params)
    }

    /// Adds one filter value (empty ones mean nothing, repeats count once), within the caps.
    /// Lengths and the year's digits are checked on the value as sent, as `openapi.json` states
    /// them; other values are then trimmed.
    fn add_filter(&mut self, facet: FacetField, raw: &str) -> Result<(), ApiError> {
        let name = facet.name();
        let example = example_value(facet);
        if raw.chars().count() > MAX_FILTER_CHARS {
            return Err(ApiError::bad_request(
                "invalid_parameter",
                format!(
                    "the '{name}' filter is longer than {MAX_FILTER_CHARS} characters; give a value such as {name}={example}"
                ),
                format!(
                    "Giá trị lọc “{name}” dài quá {MAX_FILTER_CHARS} ký tự; hãy dùng giá trị như {name}={example}."
                ),
            ));
        }
        let year_ok = ((1..=4).contains(&raw.len()) && raw.bytes().all(|b| b.is_ascii_digit()))
            || raw == tracuu_index::schema::UNDATED_YEAR;
        if facet == FacetField::Year && !raw.is_empty() && !year_ok {
            return Err(ApiError::bad_request(
                "invalid_parameter",
                format!(
                    "'year' must be a year in digits, e.g. year=2021, or 'none' for articles without a date, not '{raw}'"
                ),
                format!(
                    "“year” phải là một năm viết bằng chữ số, ví dụ year=2021, hoặc none cho các bài không rõ ngày, không phải “{raw}”."
                ),
            ));
        }
        let value = raw.trim();
        if value.is_empty() || self.has_filter(facet, value) {
            return Ok(());
        }
        self.filters.push((facet, value.to_string()));
        Ok(())
    }

    fn set(&mut self, key: &'static str, value: &str) -> Result<(), ApiError> {
        match key {
            "q" => {
                if value.chars().count() > MAX_QUERY_CHARS {
                    return Err(ApiError::bad_request(
                        "query_too_long",
                        format!("'q' is longer than {MAX_QUERY_CHARS} characters"),
                        format!("Từ khóa dài quá {MAX_QUERY_CHARS} ký tự; hãy rút ngắn."),
                    ));
                }
                self.q = value.trim().to_string();
            }
            "sort" if !value.is_empty() => {
                self.sort = value.parse().map_err(|msg: String| {
                    ApiError::bad_request(
                        "invalid_sort",
                        msg,
                        format!(
                            "Không có cách sắp xếp “{value}”; hãy chọn relevance (phù hợp nhất), newest (mới nhất) hoặc oldest (cũ nhất)."
                        ),
                    )
                })?;
            }
            "from" => self.from = parse_day("from", value)?,
            "to" => self.to = parse_day("to", value)?,
            "page" => self.page = parse_count("page", value)?,
            "per_page" => self.per_page = parse_count("per_page", value)?,
            "limit" => self.limit = parse_count("limit", value)?,
            "interval" => self.timeline.interval = parse_interval(value)?,
            "scale" => self.timeline.scale = Scale::parse(value)?,
            "view" => {
                self.view = match value {
                    "" | "articles" => View::Articles,
                    "quotes" => View::Quotes,
                    _ => {
                        return Err(ApiError::bad_request(
                            "invalid_parameter",
                            format!("'view' is 'articles' or 'quotes', not '{value}'"),
                            format!(
                                "Không có cách xem “{value}”; hãy chọn articles (bài viết) hoặc quotes (trích dẫn)."
                            ),
                        ));
                    }
                };
            }
            "speaker" => {
                if value.chars().count() > MAX_SPEAKER_CHARS {
                    return Err(ApiError::bad_request(
                        "invalid_parameter",
                        format!("'speaker' is longer than {MAX_SPEAKER_CHARS} characters"),
                        format!("Tên người phát biểu dài quá {MAX_SPEAKER_CHARS} ký tự."),
                    ));
                }
                let value = value.trim();
                self.speaker = (!value.is_empty()).then(|| value.to_string());
            }
            "articles" => {
                self.articles = parse_count("articles", value)?;
                if self.articles > MAX_QUOTE_ARTICLES {
                    return Err(ApiError::bad_request(
                        "invalid_parameter",
                        format!(
                            "'articles' is {}; at most {MAX_QUOTE_ARTICLES} articles are read for quotes",
                            self.articles
                        ),
                        format!(
                            "Chỉ đọc tối đa {MAX_QUOTE_ARTICLES} bài để tìm trích dẫn, không phải {}.",
                            self.articles
                        ),
                    ));
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn validate(&self, endpoint: Endpoint) -> Result<(), ApiError> {
        if let (Some(from), Some(to)) = (self.from, self.to)
            && from > to
        {
            return Err(ApiError::bad_request(
                "invalid_date",
                format!("'from' ({from}) is after 'to' ({to})"),
                format!(
                    "“Từ ngày” ({}) ở sau “Đến ngày” ({}); hãy đổi lại cho đúng thứ tự.",
                    vietnamese_day(from),
                    vietnamese_day(to)
                ),
            ));
        }
        match endpoint {
            Endpoint::Search | Endpoint::Page | Endpoint::Feed | Endpoint::Quotes => {
                check_paging(self.page, self.per_page, &HITS)?;
            }
            Endpoint::Export => {
                if self.limit > MAX_EXPORT_HITS {
                    return Err(ApiError::bad_request(
                        "limit_too_large",
                        format!(
                            "'limit' is {}; an export holds at most {MAX_EXPORT_HITS} hits",
                            self.limit
                        ),
                        format!(
                            "Mỗi lần tải về có tối đa {MAX_EXPORT_HITS} kết quả, không phải {}.",
                            self.limit
                        ),
                    ));
                }
            }
            Endpoint::Trends => {}
        }
        Ok(())
    }

    /// The engine request for this page, with facets and the month histogram.
    pub fn to_request(&self) -> SearchRequest {
        SearchRequest {
            query: self.q.clone(),
            offset: (self.page - 1) * self.per_page,
            limit: self.per_page,
            sort: self.sort,
            from: self.from,
            to: self.to,
            filters: self.filters.clone(),
            ..SearchRequest::default()
        }
    }

    /// The request of a page of results a person reads (the page, `/api/search`): the same,
    /// with the closest articles below a first page that has room.
    pub fn to_page_request(&self) -> SearchRequest {
        SearchRequest {
            closest: true,
            ..self.to_request()
        }
    }

    /// The quote finder's request for this page: the sentences of the first `articles`
    /// matching articles, `per_page` of them from `page`.
    pub fn to_quote_request(&self) -> QuoteRequest {
        QuoteRequest {
            search: SearchRequest {
                offset: 0,
                ..self.to_request()
            },
            speaker: self.speaker.clone(),
            offset: (self.page - 1) * self.per_page,
            limit: self.per_page,
            articles: self.articles,
        }
    }

    /// Whether this value of this facet is among the filters.
    pub fn has_filter(&self, facet: FacetField, value: &str) -> bool {
        self.filters.iter().any(|(f, v)| *f == facet && v == value)
    }

    /// The same search with this filter added, or removed if present, back on page 1.
    pub fn toggled(&self, facet: FacetField, value: &str) -> SearchParams {
        let mut next = self.clone();
        next.page = 1;
        if next.has_filter(facet, value) {
            next.filters.retain(|(f, v)| !(*f == facet && v == value));
        } else {
            next.filters.push((facet, value.to_string()));
        }
        next
    }

    /// The query string that reproduces this search (defaults left out, so URLs stay short).
    pub fn to_query_string(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if !self.q.is_empty() {
            pairs.push(("q", self.q.clone()));
        }
        if self.page != 1 {
            pairs.push(("page", self.page.to_string()));
        }
        if self.per_page != DEFAULT_PER_PAGE {
            pairs.push(("per_page", self.per_page.to_string()));
        }
        if self.sort != SortOrder::Relevance {
            pairs.push(("sort", sort_name(self.sort).to_string()));
        }
        if let Some(from) = self.from {
            pairs.push(("from", from.to_string()));
        }
        if let Some(to) = self.to {
            pairs.push(("to", to.to_string()));
        }
        for (facet, value) in &self.filters {
            pairs.push((facet.name(), value.clone()));
        }
        if self.timeline.interval != Interval::Month {
            pairs.push(("interval", self.timeline.interval.name().to_string()));
        }
        if self.timeline.scale != Scale::Count {
            pairs.push(("scale", self.timeline.scale.name().to_string()));
        }
        if self.view == View::Quotes {
            pairs.push(("view", "quotes".to_string()));
        }
        if let Some(speaker) = &self.speaker {
            pairs.push(("speaker", speaker.clone()));
        }
        if self.articles != DEFAULT_QUOTE_ARTICLES {
            pairs.push(("articles", self.articles.to_string()));
        }
        encode_pairs(&pairs)
    }

    /// The same search as the API reads it: the page's own settings (timeline, the quotes view
    /// and its speaker) and the quote finder's `articles` left out.
    pub fn for_api(&self) -> SearchParams {
        SearchParams {
            timeline: TimelineView::default(),
            view: View::Articles,
            speaker: None,
            articles: DEFAULT_QUOTE_ARTICLES,
            ..self.clone()
        }
    }
}

/// `name=value` pairs as a query string, values percent-encoded, spaces as `+`.
pub fn encode_pairs(pairs: &[(&str, String)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| {
            format!(
                "{k}={}",
                utf8_percent_encode(v, QUERY_VALUE)
                    .to_string()
                    .replace(' ', "+")
            )
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// The name of a sort order in URLs.
pub fn sort_name(sort: SortOrder) -> &'static str {
    match sort {
        SortOrder::Relevance => "relevance",
        SortOrder::Newest => "newest",
        SortOrder::Oldest => "oldest",
    }
}

fn too_many_filters(facet: FacetField) -> ApiError {
    let name = facet.name();
    ApiError::bad_request(
        "too_many_filters",
        format!("too many '{name}' filters: at most {MAX_FILTERS_PER_FACET} values per facet"),
        format!(
            "Quá nhiều bộ lọc “{name}”: tối đa {MAX_FILTERS_PER_FACET} giá trị cho mỗi loại bộ lọc."
        ),
    )
}

/// A value of the right kind for a facet, for messages.
fn example_value(facet: FacetField) -> &'static str {
    match facet {
        FacetField::Source => "quangnam.gov.vn",
        FacetField::Province => "Quảng Nam",
        FacetField::Year => "2021",
        FacetField::Ref => "36-NQ/TW",
        FacetField::Type => "Nghị quyết",
    }
}

fn vietnamese_day(day: Date) -> String {
    format!(
        "{:02}/{:02}/{}",
        day.day(),
        u8::from(day.month()),
        day.year()
    )
}

fn unknown_parameter(name: &str, endpoint: Endpoint) -> ApiError {
    let others = match endpoint {
        Endpoint::Search | Endpoint::Feed => "q, page, per_page, sort, from, to",
        Endpoint::Page => "q, page, per_page, sort, from, to, interval, scale, view, speaker",
        Endpoint::Export => "q, sort, from, to, limit",
        Endpoint::Trends => "q (up to 6), interval, from, to",
        Endpoint::Quotes => "q, page, per_page, sort, from, to, speaker, articles",
    };
    let facets: Vec<&str> = FacetField::ALL.iter().map(|f| f.name()).collect();
    ApiError::bad_request(
        "unknown_facet",
        format!(
            "unknown facet or parameter '{name}': facets are {}; other parameters are {others}",
            facets.join(", ")
        ),
        format!(
            "Không có bộ lọc hay tham số “{name}”. Bộ lọc: {}; tham số khác: {others}.",
            facets.join(", ")
        ),
    )
}

/// Splits `a=1&b=2`, decoding `+` and percent escapes; a value that is not UTF-8 is refused.
pub fn decode_pairs(raw: &str) -> Result<Vec<(String, String)>, ApiError> {
    let mut pairs = Vec::new();
    for part in raw.split('&').filter(|p| !p.is_empty()) {
        let (name, value) = part.split_once('=').unwrap_or((part, ""));
        pairs.push((decode_component(name)?, decode_component(value)?));
    }
    Ok(pairs)
}

fn decode_component(text: &str) -> Result<String, ApiError> {
    let spaced = text.replace('+', " ");
    let bytes: Vec<u8> = percent_decode(spaced.as_bytes()).collect();
    String::from_utf8(bytes).map_err(|_| {
        ApiError::bad_request(
            "invalid_utf8",
            "the query string is not valid UTF-8 once percent-decoded",
            "Địa chỉ chứa ký tự không hợp lệ (không phải UTF-8).",
        )
    })
}

/// A day as `YYYY-MM-DD`, exactly; empty means none.
fn parse_day(name: &str, value: &str) -> Result<Option<Date>, ApiError> {
    if value.is_empty() {
        return Ok(None);
    }
    let label = if name == "from" {
        "Từ ngày"
    } else {
        "Đến ngày"
    };
    Date::parse(value, format_description!("[year]-[month]-[day]"))
        .map(Some)
        .map_err(|_| {
            ApiError::bad_request(
                "invalid_date",
                format!("'{name}' must be a date as YYYY-MM-DD, not '{value}'"),
                format!("“{label}” phải là một ngày có thật, dạng YYYY-MM-DD (ví dụ 2021-02-22), không phải “{value}”."),
            )
        })
}

/// A whole number from 1, written in digits only.
pub(crate) fn parse_count(name: &str, value: &str) -> Result<usize, ApiError> {
    match value.parse::<usize>() {
        Ok(n) if n >= 1 && value.bytes().all(|b| b.is_ascii_digit()) => Ok(n),
        _ => Err(ApiError::bad_request(
            "invalid_parameter",
            format!("'{name}' must be a whole number from 1, not '{value}'"),
            format!("“{name}” phải là một số nguyên từ 1 trở lên, không phải “{value}”."),
        )),
    }
}

/// What the rows of a paged answer are called, in both languages, for its paging errors.
pub(crate) struct Rows {
    /// "hits"
    pub en: &'static str,
    /// "hit"
    pub en_one: &'static str,
    /// "kết quả"
    pub vi: &'static str,
    /// What to do instead of paging deeper, appended to the English message.
    pub deeper_en: &'static str,
    /// The same in Vietnamese.
    pub deeper_vi: &'static str,
}

/// A search's rows.
const HITS: Rows = Rows {
    en: "hits",
    en_one: "hit",
    vi: "kết quả",
    deeper_en: "; narrow the search or use /api/search.csv",
    deeper_vi: "; hãy thu hẹp tìm kiếm hoặc tải kết quả về (CSV)",
};

/// Refuses pages of more than [`MAX_PER_PAGE`] rows and pages past row [`MAX_RESULT_WINDOW`].
pub(crate) fn check_paging(page: usize, per_page: usize, rows: &Rows) -> Result<(), ApiError> {
    if per_page > MAX_PER_PAGE {
        return Err(ApiError::bad_request(
            "per_page_too_large",
            format!(
                "'per_page' is {per_page}; at most {MAX_PER_PAGE} {} fit on a page",
                rows.en
            ),
            format!(
                "Mỗi trang có tối đa {MAX_PER_PAGE} {}, không phải {per_page}.",
                rows.vi
            ),
        ));
    }
    if page.saturating_mul(per_page) > MAX_RESULT_WINDOW {
        return Err(ApiError::bad_request(
            "page_too_deep",
            format!(
                "page {page} of {per_page} {} goes past {} {MAX_RESULT_WINDOW}{}",
                rows.en, rows.en_one, rows.deeper_en
            ),
            format!(
                "Chỉ xem được {MAX_RESULT_WINDOW} {} đầu tiên{}.",
                rows.vi, rows.deeper_vi
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(raw: &str) -> Result<SearchParams, ApiError> {
        SearchParams::parse(Some(raw), Endpoint::Search)
    }

    #[test]
    fn decodes_vietnamese_query_and_repeated_filters() {
        let p = parse("q=ng%C6%B0%E1%BB%9Di+Vi%E1%BB%87t&province=Qu%E1%BA%A3ng+Nam&province=H%C3%A0+N%E1%BB%99i&year=2021")
            .unwrap();
        assert_eq!(p.q, "người Việt");
        assert_eq!(
            p.filters,
            vec![
                (FacetField::Province, "Quảng Nam".to_string()),
                (FacetField::Province, "Hà Nội".to_string()),
                (FacetField::Year, "2021".to_string()),
            ]
        );
    }

    #[test]
    fn query_string_round_trips() {
        let p = parse("q=ki%E1%BB%81u+b%C3%A0o&sort=newest&from=2021-01-01&ref=36-NQ%2FTW&page=3")
            .unwrap();
        let again = parse(&p.to_query_string()).unwrap();
        assert_eq!(p, again);
        assert!(p.to_query_string().contains("ref=36-NQ%2FTW"));
    }

    #[test]
    fn rejects_each_kind_of_bad_input_with_its_code() {
        let code = |raw: &str| parse(raw).map(|_| ()).unwrap_err().code;
        assert_eq!(code("q=%FF%FE"), "invalid_utf8");
        assert_eq!(code("agency=UBND"), "unknown_facet");
        assert_eq!(code("from=22/02/2021"), "invalid_date");
        assert_eq!(code("from=2021-03-01&to=2021-02-01"), "invalid_date");
        assert_eq!(code("per_page=101"), "per_page_too_large");
        assert_eq!(code("page=101&per_page=100"), "page_too_deep");
        assert_eq!(code("page=0"), "invalid_parameter");
        assert_eq!(code("page=hai"), "invalid_parameter");
        assert_eq!(code("sort=hot"), "invalid_sort");
        assert_eq!(code("q=a&q=b"), "invalid_parameter");
        assert_eq!(code(&format!("q={}", "ư".repeat(1001))), "query_too_long");
        assert_eq!(code("year=hai-ngh%C3%ACn"), "invalid_parameter");
        assert_eq!(code("page="), "invalid_parameter");
        assert_eq!(code("from=%202021-02-22"), "invalid_date");
    }

    #[test]
    fn filters_are_capped_per_facet_as_sent() {
        let many = |facet: &str, n: usize| -> String {
            (0..n)
                .map(|i| format!("{facet}=s{i}.gov.vn"))
                .collect::<Vec<_>>()
                .join("&")
        };
        assert!(parse(&many("source", MAX_FILTERS_PER_FACET)).is_ok());
        let err = parse(&many("source", MAX_FILTERS_PER_FACET + 1)).unwrap_err();
        assert_eq!(err.code, "too_many_filters");
        assert!(
            err.message_vi.starts_with("Quá nhiều bộ lọc “source”"),
            "{}",
            err.message_vi
        );
        let across = format!("{}&{}", many("source", 10), many("province", 10));
        assert_eq!(parse(&across).map(|p| p.filters.len()), Ok(20));
        // Empty values and repeats count as sent: the review's 4,000 copies are refused at once.
        let repeated = vec!["source=quangnam.gov.vn"; 4000].join("&");
        assert_eq!(parse(&repeated).unwrap_err().code, "too_many_filters");
    }

    #[test]
    fn messages_are_also_in_vietnamese_and_suggest_the_right_kind_of_value() {
        let err = parse("from=2021-05-01&to=2021-02-01").unwrap_err();
        assert_eq!(
            err.message,
            "'from' (2021-05-01) is after 'to' (2021-02-01)"
        );
        assert_eq!(
            err.message_vi,
            "“Từ ngày” (01/05/2021) ở sau “Đến ngày” (01/02/2021); hãy đổi lại cho đúng thứ tự."
        );
        let err = parse(&format!("ref={}", "3".repeat(201))).unwrap_err();
        assert!(err.message.contains("ref=36-NQ/TW"), "{}", err.message);
        assert!(
            err.message_vi.contains("ref=36-NQ/TW"),
            "{}",
            err.message_vi
        );
        let err = parse(&format!("source={}", "a".repeat(201))).unwrap_err();
        assert!(
            err.message_vi.contains("source=quangnam.gov.vn"),
            "{}",
            err.message_vi
        );
    }

    #[test]
    fn the_last_allowed_page_is_accepted() {
        assert!(parse("page=100&per_page=100").is_ok());
        assert!(parse(&format!("q={}", "ư".repeat(1000))).is_ok());
    }

    #[test]
    fn empty_form_fields_mean_defaults() {
        let p = parse("q=&sort=&from=&to=&source=&year=").unwrap();
        assert_eq!(p, SearchParams::default());
    }

    #[test]
    fn toggling_a_filter_adds_then_removes_it_and_resets_the_page() {
        let p = parse("q=thu+hut&page=4").unwrap();
        let on = p.toggled(FacetField::Ref, "36-NQ/TW");
        assert!(on.has_filter(FacetField::Ref, "36-NQ/TW"));
        assert_eq!(on.page, 1);
        let off = on.toggled(FacetField::Ref, "36-NQ/TW");
        assert!(off.filters.is_empty());
    }

    #[test]
    fn exports_take_limit_not_page() {
        let p = SearchParams::parse(Some("q=a&limit=50"), Endpoint::Export).unwrap();
        assert_eq!(p.limit, 50);
        let err = SearchParams::parse(Some("page=2"), Endpoint::Export).unwrap_err();
        assert_eq!(err.code, "unknown_facet");
        let err = SearchParams::parse(Some("limit=10001"), Endpoint::Export).unwrap_err();
        assert_eq!(err.code, "limit_too_large");
    }
}
