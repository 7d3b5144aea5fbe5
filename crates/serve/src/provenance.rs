//! What an export holds: the search that made it, how many rows of how many matches, whether it
//! was cut short, which tracuu and which state of the index wrote it, and when.
//!
//! Every export carries one: over HTTP in `Tracuu-*` response headers and as a sidecar document
//! (`/api/search.provenance.json`, linked from the response's `Link` header and from the page);
//! from `tracuu export`, as `FILE.provenance.json` beside the file. The recorded search re-runs
//! ([`RecordedSearch::to_params`]): on the same index generation it gives the same rows, in the
//! same order, as Trove's harvester keeps the query with each harvest.
//!
//! ```
//! use tracuu_serve::params::{Endpoint, SearchParams};
//! use tracuu_serve::provenance::{RecordedSearch, export_file_name};
//! let params = SearchParams::parse(Some("q=ki%E1%BB%81u+b%C3%A0o&province=Qu%E1%BA%A3ng+Nam&limit=20"), Endpoint::Export).unwrap();
//! let recorded = RecordedSearch::from_params(&params);
//! assert_eq!(recorded.to_params().unwrap(), params);
//! let day = time::macros::date!(2025 - 06 - 01);
//! let name = export_file_name("kiều bào", day, "csv", None);
//! assert_eq!((name.ascii.as_str(), name.unicode.as_str()), ("tracuu-kieu-bao-2025-06-01.csv", "tracuu-kiều-bào-2025-06-01.csv"));
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::format_description::well_known::Rfc3339;
use time::{Date, OffsetDateTime};
use tracuu_index::article::VIETNAM_OFFSET;
use tracuu_index::search::{FacetField, MatchKind, SortOrder};
use tracuu_index::text::facet_key::facet_key;

use crate::error::ApiError;
use crate::params::{Endpoint, MAX_EXPORT_HITS, SearchParams, sort_name};

/// tracuu's version, as every export records it.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The search an export ran, in a form that re-runs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordedSearch {
    /// The query, in tracuu's query language (empty: every article).
    pub q: String,
    /// `relevance`, `newest` or `oldest`.
    pub sort: SortOrder,
    /// Earliest publication day, `YYYY-MM-DD`, inclusive.
    pub from: Option<String>,
    /// Latest publication day, `YYYY-MM-DD`, inclusive.
    pub to: Option<String>,
    /// Facet filters by facet name (`province`, `ref`…): any value of a facet, every facet.
    pub filters: BTreeMap<String, Vec<String>>,
    /// The most rows asked for.
    pub limit: usize,
}

impl RecordedSearch {
    /// Records an export's parameters.
    pub fn from_params(params: &SearchParams) -> RecordedSearch {
        let mut filters: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (facet, value) in &params.filters {
            filters
                .entry(facet.name().to_string())
                .or_default()
                .push(value.clone());
        }
        RecordedSearch {
            q: params.q.clone(),
            sort: params.sort,
            from: params.from.map(|d| d.to_string()),
            to: params.to.map(|d| d.to_string()),
            filters,
            limit: params.limit,
        }
    }

    /// The `name=value` pairs of the search, as a URL or the command line gives them.
    pub fn pairs(&self) -> Vec<(String, String)> {
        let mut pairs = vec![("q".to_string(), self.q.clone())];
        if self.sort != SortOrder::Relevance {
            pairs.push(("sort".into(), sort_name(self.sort).into()));
        }
        pairs.extend(self.from.iter().map(|d| ("from".to_string(), d.clone())));
        pairs.extend(self.to.iter().map(|d| ("to".to_string(), d.clone())));
        for facet in FacetField::ALL {
            for value in self.filters.get(facet.name()).into_iter().flatten() {
                pairs.push((facet.name().to_string(), value.clone()));
            }
        }
        if self.limit != MAX_EXPORT_HITS {
            pairs.push(("limit".into(), self.limit.to_string()));
        }
        pairs
    }

    /// The export's parameters again, validated as the export endpoint validates them.
    pub fn to_params(&self) -> Result<SearchParams, ApiError> {
        if let Some(name) = self
            .filters
            .keys()
            .find(|name| FacetField::from_name(name).is_none())
        {
            return Err(ApiError::bad_request(
                "unknown_facet",
                format!("the recorded search has an unknown facet '{name}'"),
                format!("Bộ lọc “{name}” không có."),
            ));
        }
        SearchParams::from_pairs(self.pairs(), Endpoint::Export)
    }

    /// The query string that repeats the export over HTTP (`/api/search.csv?…`).
    pub fn query_string(&self) -> String {
        let pairs: Vec<(&str, String)> = self
            .pairs()
            .into_iter()
            .filter(|(name, value)| !(name == "q" && value.is_empty()))
            .map(|(name, value)| (facet_or_param(&name), value))
            .collect();
        crate::params::encode_pairs(&pairs)
    }
}

/// The static name of a parameter (the pairs hold owned names).
fn facet_or_param(name: &str) -> &'static str {
    FacetField::from_name(name).map_or(
        match name {
            "q" => "q",
            "sort" => "sort",
            "from" => "from",
            "to" => "to",
            _ => "limit",
        },
        FacetField::name,
    )
}

/// One column of the rows, and what it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnDoc {
    /// The column (CSV) or key (JSON Lines).
    pub name: String,
    /// What it holds.
    pub description: String,
}

/// The provenance of one export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Provenance {
    /// One sentence saying what the file is, in Vietnamese and English.
    pub description: String,
    /// The search, re-runnable.
    pub search: RecordedSearch,
    /// The same search as a query string, for `/api/search.csv?…` or `/api/search.jsonl?…`.
    pub query_string: String,
    /// `all`: the rows hold every word of the query; `partial`: no article did, these are the
    /// closest.
    #[serde(rename = "match")]
    pub matched: MatchKind,
    /// Articles matching the search.
    pub total: u64,
    /// Rows the export holds (when it completes: a download cut off ends with an error).
    pub rows: u64,
    /// Whether `rows < total`: the export holds the first `rows` matches in `search.sort` order.
    pub truncated: bool,
    /// The tracuu version that wrote it.
    pub tracuu_version: String,
    /// The index's state the rows come from (see `SearchIndex::snapshot`): the same generation
    /// gives the same rows.
    pub index_generation: String,
    /// When, RFC 3339 in Vietnam time.
    pub generated_at: String,
    /// `csv` or `jsonl`; absent for the HTTP sidecar, which describes both.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// The file written (from `tracuu export`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// The command that re-runs the export (from `tracuu export`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub command: Option<Vec<String>>,
    /// The columns of each row.
    pub columns: Vec<ColumnDoc>,
}

/// What a search found, for its provenance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counted {
    /// Which set the total counts.
    pub matched: MatchKind,
    /// Matches.
    pub total: u64,
}

impl Provenance {
    /// The provenance of an export of `params` that found `counted` in the index generation
    /// `generation`, written at `at`.
    pub fn new(
        params: &SearchParams,
        counted: Counted,
        generation: &str,
        at: OffsetDateTime,
    ) -> Provenance {
        let search = RecordedSearch::from_params(params);
        let rows = counted.total.min(params.limit as u64);
        let truncated = rows < counted.total;
        let description = format!(
            "tracuu: {rows} / {} bài khớp tìm kiếm “{}”{} · {rows} of {} articles matching the search{}",
            counted.total,
            params.q,
            if truncated { " (bị cắt)" } else { "" },
            counted.total,
            if truncated { " (truncated)" } else { "" },
        );
        Provenance {
            description,
            query_string: search.query_string(),
            search,
            matched: counted.matched,
            total: counted.total,
            rows,
            truncated,
            tracuu_version: VERSION.to_string(),
            index_generation: generation.to_string(),
            generated_at: vietnam_time(at),
            format: None,
            file: None,
            command: None,
            columns: columns(),
        }
    }
}

/// A time in RFC 3339, in Vietnam time.
pub fn vietnam_time(at: OffsetDateTime) -> String {
    at.to_offset(VIETNAM_OFFSET)
        .format(&Rfc3339)
        .unwrap_or_else(|_| at.unix_timestamp().to_string())
}

/// The day of `at` in Vietnam.
pub fn vietnam_day(at: OffsetDateTime) -> Date {
    at.to_offset(VIETNAM_OFFSET).date()
}

/// The columns of an exported row, in order.
pub fn columns() -> Vec<ColumnDoc> {
    [
        ("id", "article id (GET /api/articles/{id})"),
        ("url", "the source page"),
        ("title", "headline, plain text"),
        ("published", "publication time as the source gives it (RFC 3339 or YYYY-MM-DD)"),
        ("source", "publishing site (host)"),
        ("agency", "government body behind the site"),
        (
            "provinces",
            "provinces as the province facet counts them: the site's, then those named in the text (CSV: separated by '; ')",
        ),
        (
            "cited",
            "documents the article cites, in official form, as the ref facet counts them (CSV: separated by '; ')",
        ),
        ("snippet", "best fragment of the body, plain text"),
        ("score", "relevance score (0 when sorted by date)"),
    ]
    .into_iter()
    .map(|(name, description)| ColumnDoc {
        name: name.to_string(),
        description: description.to_string(),
    })
    .collect()
}

/// An export's file name, in ASCII and in Unicode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileName {
    /// `tracuu-kieu-bao-2025-06-01.csv`.
    pub ascii: String,
    /// `tracuu-kiều-bào-2025-06-01.csv`.
    pub unicode: String,
}

/// `tracuu-{query}-{day}.{extension}`, with `-{rows}-of-{total}` before the extension when
/// `truncated` gives them; `tat-ca` (all) for an empty query.
pub fn export_file_name(
    query: &str,
    day: Date,
    extension: &str,
    truncated: Option<(u64, u64)>,
) -> FileName {
    let cut = truncated.map_or(String::new(), |(rows, total)| format!("-{rows}-of-{total}"));
    let name = |slug: String| {
        let slug = if slug.is_empty() {
            "tat-ca".to_string()
        } else {
            slug
        };
        format!("tracuu-{slug}-{day}{cut}.{extension}")
    };
    FileName {
        ascii: name(slug(&facet_key(query))),
        unicode: name(slug(&query.to_lowercase())),
    }
}

/// Letters and digits kept, every other run of characters one `-`, at most 60 characters.
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.chars().count() >= 60 {
            break;
        }
    }
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    #[test]
    fn a_file_name_says_the_query_the_day_and_a_cut() {
        let day = date!(2025 - 06 - 01);
        let name = export_file_name(
            "\"nghị quyết 36\" +Quảng Nam",
            day,
            "jsonl",
            Some((10_000, 12_345)),
        );
        assert_eq!(
            name.ascii,
            "tracuu-nghi-quyet-36-quang-nam-2025-06-01-10000-of-12345.jsonl"
        );
        assert_eq!(
            name.unicode,
            "tracuu-nghị-quyết-36-quảng-nam-2025-06-01-10000-of-12345.jsonl"
        );
        assert_eq!(
            export_file_name("", day, "csv", None).ascii,
            "tracuu-tat-ca-2025-06-01.csv"
        );
        let long = export_file_name(&"người Việt Nam ở nước ngoài ".repeat(10), day, "csv", None);
        assert!(long.ascii.len() < 90, "{}", long.ascii);
    }

    #[test]
    fn a_cut_export_says_so_and_the_time_is_vietnams() {
        let params =
            SearchParams::parse(Some("q=kieu+bao&limit=2&year=2021"), Endpoint::Export).unwrap();
        let counted = Counted {
            matched: MatchKind::All,
            total: 5,
        };
        let at = datetime!(2025-05-31 20:30 UTC);
        let p = Provenance::new(&params, counted, "0123456789abcdef", at);
        assert_eq!((p.rows, p.truncated), (2, true));
        assert_eq!(p.generated_at, "2025-06-01T03:30:00+07:00");
        assert_eq!(p.query_string, "q=kieu+bao&year=2021&limit=2");
        assert!(p.description.contains("(bị cắt)") && p.description.contains("(truncated)"));
        assert_eq!(p.search.to_params().unwrap(), params);
        let whole = Provenance::new(
            &params.clone(),
            Counted {
                total: 2,
                ..counted
            },
            "x",
            at,
        );
        assert!(!whole.truncated);
    }
}
