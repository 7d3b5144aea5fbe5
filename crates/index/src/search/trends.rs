//! Term trends: for several queries, how many articles match per month or year, beside how many
//! articles there are in each period at all (the same filters, no query), and the share.
//!
//! Every count comes from the same sets as a search: a period's count for a query is the total
//! [`SearchIndex::search`] gives for that query with the period as its date range, as long as
//! that search holds every word ([`MatchKind::All`](super::MatchKind::All)). A trend never widens:
//! a period where no article holds every word counts 0, not the closest partial matches (a series
//! that mixed the two would rise and fall with the widening, not with the term). Undated articles
//! are in no period; each series counts them in its `none` bucket, so
//! `Σ periods + none = total`.
//!
//! Costs follow the matches: each query is one pass of the facet collector over its matches
//! (counting the `year_month` or `year` column). The articles per period are one more pass over
//! the articles the filters keep; with no filter at all they are read from the term dictionaries
//! (document frequency per period, less the deleted documents of segments that have some), so the
//! whole corpus is never walked for them.
//!
//! ```no_run
//! # use tracuu_index::search::SearchIndex;
//! # use tracuu_index::search::trends::{Interval, TrendRequest};
//! # fn demo(index: &SearchIndex) -> Result<(), tracuu_index::search::SearchError> {
//! let trend = index.trends(&TrendRequest {
//!     queries: vec!["xây dựng nông thôn mới".into(), "chuyển đổi số".into()],
//!     interval: Interval::Year,
//!     ..TrendRequest::default()
//! })?;
//! for series in &trend.series {
//!     for point in &series.points {
//!         println!("{} {}: {} of {} ({:.1} %)", series.q, point.period, point.count, point.all, point.share * 100.0);
//!     }
//! }
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;
use std::time::Instant;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use tantivy::query::Query;
use tantivy::{DocId, Searcher};
use time::{Date, Month};

use crate::schema::{Fields, UNDATED_YEAR};
use crate::search::SearchError;
use crate::search::SearchIndex;
use crate::search::engine::validate;
use crate::search::filters::check_named;
use crate::search::free_text::MatchMode;
use crate::search::query_builder::QueryBuilder;
use crate::search::request::{FacetField, SearchRequest};
use crate::search::snapshot::Snapshot;

/// The most queries one trend compares.
pub const MAX_TREND_QUERIES: usize = 6;
/// The most periods one trend spans (100 years of months).
pub const MAX_PERIODS: usize = 1200;

/// The fast field of the months (`2021-02`) and of the years (`2021`, `none`).
const MONTH_COLUMN: &str = "year_month";
const YEAR_COLUMN: &str = "year";

/// How long a period is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Interval {
    /// Calendar months, `2021-02`.
    #[default]
    Month,
    /// Calendar years, `2021`.
    Year,
}

impl Interval {
    /// The interval's name in URLs and JSON.
    pub fn name(self) -> &'static str {
        match self {
            Interval::Month => "month",
            Interval::Year => "year",
        }
    }

    /// The period a day falls in: `2021-02` by month, `2021` by year.
    pub fn period_of(self, day: Date) -> String {
        match self {
            Interval::Month => format!("{}-{:02}", day.year(), u8::from(day.month())),
            Interval::Year => day.year().to_string(),
        }
    }

    /// The first and the last day of a period named as [`Interval::period_of`] names it.
    pub fn days_of(self, period: &str) -> Option<(Date, Date)> {
        let (year, month) = parse_period(self, period)?;
        let (first, last) = match month {
            0 => (Month::January, Month::December),
            m => {
                let month = Month::try_from(m).ok()?;
                (month, month)
            }
        };
        let start = Date::from_calendar_date(year, first, 1).ok()?;
        let end =
            Date::from_calendar_date(year, last, time::util::days_in_month(last, year)).ok()?;
        Some((start, end))
    }
}

impl std::str::FromStr for Interval {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "month" => Ok(Interval::Month),
            "year" => Ok(Interval::Year),
            other => Err(format!("unknown interval '{other}': use month or year")),
        }
    }
}

/// A trend to count: queries, one interval, and the filters every count shares.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TrendRequest {
    /// The queries compared (1 to [`MAX_TREND_QUERIES`]); an empty one counts every article.
    pub queries: Vec<String>,
    /// Months or years.
    pub interval: Interval,
    /// Earliest publication day, inclusive: the day the page gives, in its own time zone
    /// (Vietnam's when it gives none).
    pub from: Option<Date>,
    /// Latest publication day, inclusive, read as [`Self::from`] is.
    pub to: Option<Date>,
    /// Facet filters, as in [`SearchRequest::filters`]; they apply to the articles per period too.
    pub filters: Vec<(FacetField, String)>,
}

impl TrendRequest {
    /// The search this trend counts for `query`: its filters, no hits, no facets.
    pub fn search_for(&self, query: &str) -> SearchRequest {
        SearchRequest {
            query: query.to_string(),
            offset: 0,
            limit: 0,
            from: self.from,
            to: self.to,
            filters: self.filters.clone(),
            facet_limit: 0,
            histogram: false,
            ..SearchRequest::default()
        }
    }
}

/// One period of one series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrendPoint {
    /// `2021-02`, `2021`, or `none` for the undated.
    pub period: String,
    /// Articles holding every word of the query, in the period.
    pub count: u64,
    /// Articles in the period with the same filters and no query.
    pub all: u64,
    /// `count / all` (0 when the period has no article).
    pub share: f64,
}

impl TrendPoint {
    fn new(period: String, count: u64, all: u64) -> TrendPoint {
        let share = if all == 0 {
            0.0
        } else {
            count as f64 / all as f64
        };
        TrendPoint {
            period,
            count,
            all,
            share,
        }
    }
}

/// One query's counts over the trend's periods.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrendSeries {
    /// The query.
    pub q: String,
    /// Articles holding every word of the query (with the filters), dated or not.
    pub total: u64,
    /// One point per period of the trend, oldest first, periods without a match included.
    pub points: Vec<TrendPoint>,
    /// The undated articles: in no period, counted here (`period` is `none`).
    pub none: TrendPoint,
}

/// The answer to a [`TrendRequest`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrendResponse {
    /// Months or years.
    pub interval: Interval,
    /// The periods every series has a point for, oldest first: from the first to the last period
    /// with a match (or with any article in the `from`–`to` range, when one is given).
    pub periods: Vec<String>,
    /// One series per query, in the order asked.
    pub series: Vec<TrendSeries>,
    /// Time spent, in milliseconds.
    pub took_ms: f64,
}

/// Articles per period, and those without a date.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PeriodCounts {
    /// Count per period (`2021-02` or `2021`); periods without articles are absent.
    pub periods: BTreeMap<String, u64>,
    /// Articles without a date.
    pub undated: u64,
}

impl PeriodCounts {
    /// The count of one period (0 when absent).
    pub fn get(&self, period: &str) -> u64 {
        self.periods.get(period).copied().unwrap_or(0)
    }

    /// Dated and undated articles together.
    pub fn total(&self) -> u64 {
        self.periods.values().sum::<u64>() + self.undated
    }
}

impl SearchIndex {
    /// Counts a trend on the index as committed now.
    pub fn trends(&self, request: &TrendRequest) -> Result<TrendResponse, SearchError> {
        self.trends_in(&self.snapshot(), request)
    }

    /// Counts a trend in one snapshot: every series and the articles per period see one commit.
    pub fn trends_in(
        &self,
        snapshot: &Snapshot,
        request: &TrendRequest,
    ) -> Result<TrendResponse, SearchError> {
        let started = Instant::now();
        validate_trend(request)?;
        let mut matched = Vec::with_capacity(request.queries.len());
        for query in &request.queries {
            let search = request.search_for(query);
            matched.push(self.matches_per_period(snapshot, &search, request.interval)?);
        }
        let all = self.articles_per_period(snapshot, &request.search_for(""), request.interval)?;
        let periods = span(request, &matched, &all)?;
        let series = request
            .queries
            .iter()
            .zip(matched)
            .map(|(q, counts)| TrendSeries {
                q: q.clone(),
                total: counts.total(),
                points: periods
                    .iter()
                    .map(|p| TrendPoint::new(p.clone(), counts.get(p), all.get(p)))
                    .collect(),
                none: TrendPoint::new(UNDATED_YEAR.to_string(), counts.undated, all.undated),
            })
            .collect();
        Ok(TrendResponse {
            interval: request.interval,
            periods,
            series,
            took_ms: started.elapsed().as_secs_f64() * 1000.0,
        })
    }

    /// Articles holding every word of `request`'s query (with its filters) per period; never
    /// widened to partial matches. The query's hits, facets and histogram settings are ignored.
    pub fn matches_per_period(
        &self,
        snapshot: &Snapshot,
        request: &SearchRequest,
        interval: Interval,
    ) -> Result<PeriodCounts, SearchError> {
        validate(request)?;
        check_named(snapshot.searcher(), self.fields(), request)?;
        let abbreviations = self.abbreviations()?;
        let lexicon = self.query_lexicon();
        let builder = QueryBuilder::new(self.fields(), &abbreviations)
            .with_lexicon(&lexicon)
            .with_ranking(self.ranking());
        let built = builder.build(request, MatchMode::All)?;
        drop(abbreviations);
        count_by_period(self, snapshot.searcher(), built.query.as_ref(), interval)
    }

    /// Every article per period that `request`'s filters and dates keep, whatever its query.
    pub fn articles_per_period(
        &self,
        snapshot: &Snapshot,
        request: &SearchRequest,
        interval: Interval,
    ) -> Result<PeriodCounts, SearchError> {
        let unfiltered = SearchRequest {
            query: String::new(),
            ..request.clone()
        };
        validate(&unfiltered)?;
        check_named(snapshot.searcher(), self.fields(), &unfiltered)?;
        if unfiltered.filters.is_empty() && unfiltered.from.is_none() && unfiltered.to.is_none() {
            return Ok(count_all_by_period(
                snapshot.searcher(),
                self.fields(),
                interval,
            )?);
        }
        let abbreviations = self.abbreviations()?;
        let builder = QueryBuilder::new(self.fields(), &abbreviations);
        let built = builder.build(&unfiltered, MatchMode::All)?;
        drop(abbreviations);
        count_by_period(self, snapshot.searcher(), built.query.as_ref(), interval)
    }
}

fn validate_trend(request: &TrendRequest) -> Result<(), SearchError> {
    if request.queries.is_empty() || request.queries.len() > MAX_TREND_QUERIES {
        return Err(SearchError::InvalidRequest(format!(
            "a trend compares 1 to {MAX_TREND_QUERIES} queries, not {}",
            request.queries.len()
        )));
    }
    Ok(())
}

/// The matches of `query` counted per period with the facet collector, in one pass.
fn count_by_period(
    index: &SearchIndex,
    searcher: &Searcher,
    query: &dyn Query,
    interval: Interval,
) -> Result<PeriodCounts, SearchError> {
    let columns = match interval {
        Interval::Month => vec![MONTH_COLUMN, YEAR_COLUMN],
        Interval::Year => vec![YEAR_COLUMN],
    };
    let mut fruit = searcher.search(query, &index.facet_collector(columns))?;
    Ok(split_undated(interval, &mut fruit))
}

/// Periods and the undated, from the counted columns ([`count_by_period`]'s order).
fn split_undated(interval: Interval, fruit: &mut [FxHashMap<String, u64>]) -> PeriodCounts {
    let undated = match interval {
        Interval::Month => fruit
            .get(1)
            .and_then(|years| years.get(UNDATED_YEAR).copied()),
        Interval::Year => fruit
            .first_mut()
            .and_then(|years| years.remove(UNDATED_YEAR)),
    };
    let periods = fruit
        .first_mut()
        .map(std::mem::take)
        .unwrap_or_default()
        .into_iter()
        .filter(|(_, count)| *count > 0)
        .collect();
    PeriodCounts {
        periods,
        undated: undated.unwrap_or(0),
    }
}

/// Every article per period, from each segment's term dictionary: the document frequency of each
/// month (or year) term, less the deleted documents of segments that have some.
fn count_all_by_period(
    searcher: &Searcher,
    fields: &Fields,
    interval: Interval,
) -> tantivy::Result<PeriodCounts> {
    let mut fruit = match interval {
        Interval::Month => vec![
            docs_per_term(searcher, fields.year_month, MONTH_COLUMN)?,
            docs_per_term(searcher, fields.year, YEAR_COLUMN)?,
        ],
        Interval::Year => vec![docs_per_term(searcher, fields.year, YEAR_COLUMN)?],
    };
    Ok(split_undated(interval, &mut fruit))
}

/// Live documents per indexed term of a facet field (whose terms are its values: years and
/// months fold to themselves).
fn docs_per_term(
    searcher: &Searcher,
    field: tantivy::schema::Field,
    column: &str,
) -> tantivy::Result<FxHashMap<String, u64>> {
    let mut counts: FxHashMap<String, u64> = FxHashMap::default();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut terms = inverted.terms().stream()?;
        while terms.advance() {
            let value = String::from_utf8_lossy(terms.key()).into_owned();
            *counts.entry(value).or_insert(0) += u64::from(terms.value().doc_freq);
        }
        let Some(alive) = segment.alive_bitset() else {
            continue;
        };
        // Document frequencies still count deleted documents: take them off by their values.
        let Some(values) = segment.fast_fields().str(column)? else {
            continue;
        };
        let mut value = String::new();
        for doc in (0..segment.max_doc()).filter(|&doc: &DocId| alive.is_deleted(doc)) {
            for ord in values.term_ords(doc) {
                value.clear();
                if values.ord_to_str(ord, &mut value)?
                    && let Some(count) = counts.get_mut(&value)
                {
                    *count = count.saturating_sub(1);
                }
            }
        }
    }
    Ok(counts)
}

/// `2021-02` → (2021, 2); `2021` → (2021, 0).
fn parse_period(interval: Interval, period: &str) -> Option<(i32, u8)> {
    match interval {
        Interval::Month => {
            let (year, month) = period.split_once('-')?;
            let month: u8 = month.parse().ok().filter(|m| (1..=12).contains(m))?;
            Some((year.parse().ok()?, month))
        }
        Interval::Year => Some((period.parse().ok()?, 0)),
    }
}

fn period_name(interval: Interval, (year, month): (i32, u8)) -> String {
    match interval {
        Interval::Month => format!("{year}-{month:02}"),
        Interval::Year => year.to_string(),
    }
}

fn next_period(interval: Interval, (year, month): (i32, u8)) -> (i32, u8) {
    match interval {
        Interval::Month if month < 12 => (year, month + 1),
        Interval::Month => (year + 1, 1),
        Interval::Year => (year + 1, 0),
    }
}

fn periods_between(interval: Interval, first: (i32, u8), last: (i32, u8)) -> usize {
    let (years, months) = (
        i64::from(last.0) - i64::from(first.0),
        i64::from(last.1) - i64::from(first.1),
    );
    let count = match interval {
        Interval::Month => years * 12 + months + 1,
        Interval::Year => years + 1,
    };
    usize::try_from(count).unwrap_or(0)
}

/// The periods of the trend: from the first to the last period with a match, gaps filled; a
/// `from` (or `to`) reaches back (or on) to the first (or last) period holding any article.
fn span(
    request: &TrendRequest,
    matched: &[PeriodCounts],
    all: &PeriodCounts,
) -> Result<Vec<String>, SearchError> {
    let interval = request.interval;
    let readable = |counts: &PeriodCounts| -> Vec<(i32, u8)> {
        counts
            .periods
            .keys()
            .filter_map(|p| parse_period(interval, p))
            .collect()
    };
    let mut ends: Vec<(i32, u8)> = matched.iter().flat_map(readable).collect();
    let every = readable(all);
    if request.from.is_some() {
        ends.extend(every.iter().min());
    }
    if request.to.is_some() {
        ends.extend(every.iter().max());
    }
    let (Some(&first), Some(&last)) = (ends.iter().min(), ends.iter().max()) else {
        return Ok(Vec::new());
    };
    let count = periods_between(interval, first, last);
    if count > MAX_PERIODS {
        return Err(SearchError::TooManyPeriods {
            periods: count,
            first: period_name(interval, first),
            last: period_name(interval, last),
            interval: interval.name(),
        });
    }
    let mut periods = Vec::with_capacity(count);
    let mut at = first;
    while at <= last {
        periods.push(period_name(interval, at));
        at = next_period(interval, at);
    }
    Ok(periods)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(periods: &[(&str, u64)], undated: u64) -> PeriodCounts {
        PeriodCounts {
            periods: periods.iter().map(|(p, c)| (p.to_string(), *c)).collect(),
            undated,
        }
    }

    #[test]
    fn periods_run_from_the_first_match_to_the_last_with_gaps_filled() {
        let request = TrendRequest::default();
        let kieu_bao = counts(&[("2020-11", 1), ("2021-02", 3)], 0);
        let nong_thon = counts(&[("2021-01", 2)], 4);
        let all = counts(&[("2019-05", 9), ("2020-11", 5), ("2021-02", 7)], 6);
        let periods = span(&request, &[kieu_bao, nong_thon], &all).unwrap();
        assert_eq!(periods, ["2020-11", "2020-12", "2021-01", "2021-02"]);
    }

    #[test]
    fn a_date_range_reaches_to_the_articles_it_holds() {
        let request = TrendRequest {
            interval: Interval::Year,
            from: Date::from_calendar_date(2018, Month::January, 1).ok(),
            ..TrendRequest::default()
        };
        let all = counts(&[("2019", 9), ("2024", 5)], 0);
        let periods = span(&request, &[counts(&[("2021", 1)], 0)], &all).unwrap();
        assert_eq!(periods, ["2019", "2020", "2021"]);
    }

    #[test]
    fn a_span_too_long_is_refused_with_what_to_do() {
        let request = TrendRequest::default();
        let odd = counts(&[("1900-03", 1), ("2024-06", 1)], 0);
        let err = span(&request, &[odd], &PeriodCounts::default()).unwrap_err();
        assert_eq!(err.code(), "too_many_periods");
        assert!(err.to_string().contains("1492 months"), "{err}");
        let by_year = TrendRequest {
            interval: Interval::Year,
            ..TrendRequest::default()
        };
        let odd = counts(&[("1900", 1), ("2024", 1)], 0);
        let periods = span(&by_year, &[odd], &PeriodCounts::default()).unwrap();
        assert_eq!(periods.len(), 125);
    }

    #[test]
    fn no_dated_match_spans_nothing() {
        let request = TrendRequest::default();
        let periods = span(&request, &[counts(&[], 3)], &counts(&[("2021-01", 1)], 3));
        assert_eq!(periods.unwrap(), Vec::<String>::new());
    }

    #[test]
    fn a_period_names_its_first_and_last_day() {
        let day = |y, m, d| Date::from_calendar_date(y, Month::try_from(m).unwrap(), d).unwrap();
        assert_eq!(
            Interval::Month.days_of("2024-02"),
            Some((day(2024, 2, 1), day(2024, 2, 29)))
        );
        assert_eq!(
            Interval::Year.days_of("2021"),
            Some((day(2021, 1, 1), day(2021, 12, 31)))
        );
        assert_eq!(Interval::Month.days_of("none"), None);
        assert_eq!(Interval::Month.days_of("2021-13"), None);
        assert_eq!(Interval::Month.period_of(day(2021, 2, 22)), "2021-02");
        assert_eq!(Interval::Year.period_of(day(2021, 2, 22)), "2021");
    }

    /// An index whose one segment holds deleted articles (no merge runs to purge them).
    fn index_with_deletions(dir: &std::path::Path) -> SearchIndex {
        use crate::article::Article;
        use crate::schema::{build_schema, register_tokenizers};
        use tantivy::indexer::NoMergePolicy;
        let index = tantivy::Index::create_in_dir(dir, build_schema()).expect("create");
        register_tokenizers(&index);
        let fields = Fields::resolve(&index.schema()).expect("fields");
        let mut writer: tantivy::IndexWriter = index
            .writer_with_num_threads(1, 15_000_000)
            .expect("writer");
        writer.set_merge_policy(Box::new(NoMergePolicy));
        let days = ["2021-02-22", "2021-02-25", "2021-11-05", "2023-12-27"];
        for (i, day) in days.iter().enumerate() {
            let article = Article {
                url: format!("https://quangnam.gov.vn/tin-tuc/{i}.html"),
                title: format!("Kiều bào Quảng Nam đón Tết {i}"),
                body: "Người Việt Nam ở nước ngoài về quê đón Tết.".into(),
                published: Some(day.to_string()),
                ..Article::default()
            };
            writer
                .add_document(crate::document::to_document(&article, &fields).0)
                .expect("add");
        }
        writer.commit().expect("commit");
        for i in [1, 3] {
            let id =
                crate::article::id_from_url(&format!("https://quangnam.gov.vn/tin-tuc/{i}.html"));
            writer.delete_term(tantivy::Term::from_field_text(fields.id, &id));
        }
        writer.commit().expect("commit the deletions");
        drop(writer);
        SearchIndex::open(dir).expect("open")
    }

    #[test]
    fn deleted_articles_are_taken_off_the_dictionary_counts() {
        let dir = tempfile::tempdir().expect("temp dir");
        let index = index_with_deletions(dir.path());
        let snapshot = index.snapshot();
        assert!(
            snapshot
                .searcher()
                .segment_readers()
                .iter()
                .any(|s| s.has_deletes()),
            "the test needs a segment with deletions"
        );
        for interval in [Interval::Month, Interval::Year] {
            let quick = index
                .articles_per_period(&snapshot, &SearchRequest::default(), interval)
                .expect("from the dictionaries");
            let counted = index
                .matches_per_period(&snapshot, &SearchRequest::default(), interval)
                .expect("article by article");
            assert_eq!(quick, counted, "{interval:?}");
        }
        let months = index
            .articles_per_period(&snapshot, &SearchRequest::default(), Interval::Month)
            .expect("months");
        let expected: BTreeMap<String, u64> =
            [("2021-02".to_string(), 1), ("2021-11".to_string(), 1)].into();
        assert_eq!(months.periods, expected);
    }

    #[test]
    fn shares_are_of_all_articles_and_zero_when_there_are_none() {
        assert_eq!(TrendPoint::new("2021".into(), 1, 4).share, 0.25);
        assert_eq!(TrendPoint::new("2022".into(), 0, 0).share, 0.0);
    }
}
