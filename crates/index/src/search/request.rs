//! What a search asks for and what it returns: the contract shared by the CLI and the API.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::Date;

use crate::article::Article;
use crate::enrich::CitedDocument;
use crate::search::highlight::Highlighted;

/// The most hits one request may skip plus return: deep paging beyond this is refused.
pub const MAX_RESULT_WINDOW: usize = 10_000;
/// The longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 1_000;

/// How hits are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SortOrder {
    /// Best match first (BM25 with exact-diacritic and proximity boosts).
    #[default]
    Relevance,
    /// Most recently published first; undated articles last.
    Newest,
    /// Earliest published first; undated articles last.
    Oldest,
}

impl std::str::FromStr for SortOrder {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "relevance" => Ok(SortOrder::Relevance),
            "newest" => Ok(SortOrder::Newest),
            "oldest" => Ok(SortOrder::Oldest),
            other => Err(format!(
                "unknown sort '{other}': use relevance, newest or oldest"
            )),
        }
    }
}

/// The facets a search counts and can be filtered on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FacetField {
    /// Publishing site (host).
    Source,
    /// Province of the site, and provinces named in the text.
    Province,
    /// Year of publication.
    Year,
    /// Documents cited in the text, in official form (`36-NQ/TW`).
    Ref,
    /// Types of the cited documents (`Nghị quyết`, `Quyết định`).
    Type,
}

impl FacetField {
    /// Every facet, in display order.
    pub const ALL: [FacetField; 5] = [
        FacetField::Source,
        FacetField::Province,
        FacetField::Year,
        FacetField::Ref,
        FacetField::Type,
    ];

    /// The facet's name in queries (`ref:36-NQ/TW`), URLs and JSON.
    pub fn name(self) -> &'static str {
        match self {
            FacetField::Source => "source",
            FacetField::Province => "province",
            FacetField::Year => "year",
            FacetField::Ref => "ref",
            FacetField::Type => "type",
        }
    }

    /// What one of the facet's values is, for messages: `province`, `document type`.
    pub fn kind(self) -> &'static str {
        match self {
            FacetField::Province => "province",
            FacetField::Type => "document type",
            FacetField::Source => "site",
            FacetField::Year => "year",
            FacetField::Ref => "document",
        }
    }

    /// The same in Vietnamese: `tỉnh, thành phố`, `loại văn bản`.
    pub fn kind_vi(self) -> &'static str {
        match self {
            FacetField::Province => "tỉnh, thành phố",
            FacetField::Type => "loại văn bản",
            FacetField::Source => "nguồn tin",
            FacetField::Year => "năm",
            FacetField::Ref => "văn bản",
        }
    }

    /// A value of the facet to suggest in messages about parameters: `province=Quảng Nam`.
    pub fn example_param(self) -> &'static str {
        match self {
            FacetField::Source => "source=quangnam.gov.vn",
            FacetField::Province => "province=Quảng Nam",
            FacetField::Year => "year=2021",
            FacetField::Ref => "ref=36-NQ/TW",
            FacetField::Type => "type=Nghị quyết",
        }
    }

    /// The facet with this name, if any.
    pub fn from_name(name: &str) -> Option<FacetField> {
        FacetField::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// One search: the query, filters, order and page.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchRequest {
    /// The query in tracuu's query language; empty matches every article.
    pub query: String,
    /// Hits to skip.
    pub offset: usize,
    /// Hits to return.
    pub limit: usize,
    /// Order of hits.
    pub sort: SortOrder,
    /// Earliest publication day, inclusive: the day the page gives, in its own time zone
    /// (Vietnam's when it gives none).
    pub from: Option<Date>,
    /// Latest publication day, inclusive, read as [`Self::from`] is.
    pub to: Option<Date>,
    /// Facet filters: OR between values of one facet, AND across facets.
    pub filters: Vec<(FacetField, String)>,
    /// How many values to count per facet; 0 computes no facets.
    pub facet_limit: usize,
    /// Snippet length budget, in characters (not bytes).
    pub snippet_chars: usize,
    /// Whether to compute matches per month.
    pub histogram: bool,
    /// Whether the answer is for a page a person reads, as the page, `/api/search` and
    /// `tracuu search` ask: a first page with room lists the closest articles below its matches
    /// ([`SearchResponse::closest`]), and each article shown that lacks a word says which
    /// ([`Hit::missing`]). Exports, counts, trends and quotes leave it off.
    pub closest: bool,
}

impl Default for SearchRequest {
    fn default() -> Self {
        SearchRequest {
            query: String::new(),
            offset: 0,
            limit: 10,
            sort: SortOrder::Relevance,
            from: None,
            to: None,
            filters: Vec::new(),
            facet_limit: 20,
            snippet_chars: 240,
            histogram: true,
            closest: false,
        }
    }
}

/// A value of a facet and how many matching articles have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetCount {
    /// The facet value, as displayed and as used in a filter.
    pub value: String,
    /// Matching articles with this value.
    pub count: u64,
}

/// Matches in one calendar month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthCount {
    /// `YYYY-MM`.
    pub month: String,
    /// Matching articles published that month.
    pub count: u64,
}

/// One matching article, with its title's matches and a snippet, as data.
///
/// In JSON (the API, `tracuu search --json`) a hit also carries the older HTML forms,
/// `title_html` and `snippet` with `<mark>`, beside `highlight` (see [`super::hit_wire`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Article id (for `/api/articles/{id}`).
    pub id: String,
    /// Link to the source page.
    pub url: String,
    /// Headline, plain text.
    pub title: String,
    /// What the query matched in the headline: byte ranges of `title`, in order.
    pub title_marks: Vec<std::ops::Range<usize>>,
    /// Publication time as given in the corpus.
    pub published: Option<String>,
    /// Publishing site.
    pub source: Option<String>,
    /// Government body behind the site.
    pub agency: Option<String>,
    /// Province of the site.
    pub province: Option<String>,
    /// Provinces as the `province` facet counts them: the site's, then those named in the text.
    pub provinces: Vec<String>,
    /// Documents the article cites, in official form (`36-NQ/TW`), as the `ref` facet counts them.
    pub cited: Vec<String>,
    /// Best fragment of the body: its text, matches and sentences.
    pub snippet: Highlighted,
    /// Relevance score (0 when sorted by date).
    pub score: f32,
    /// The words of the query this article lacks, as typed (`["ghi nhớ"]`): said, when the
    /// request asks for it ([`SearchRequest::closest`]), for the hits of a partial answer and the
    /// closest; empty otherwise.
    pub missing: Vec<String>,
}

/// Which set an answer counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MatchKind {
    /// Articles holding every word of the query (and every filter).
    #[default]
    All,
    /// No article holds every word: the closest ones (most syllables, or any), counted as such.
    Partial,
}

/// The answer to a [`SearchRequest`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchResponse {
    /// Whether `total` counts articles holding every word, or only the closest partial matches.
    #[serde(rename = "match")]
    pub matched: MatchKind,
    /// Exact number of matching articles (of the partial set when `match` is `partial`).
    pub total: u64,
    /// The words of the query's free text as the engine cut them, in lower case with the marks
    /// typed (`["nguoi", "viet nam", "o", "nuoc ngoai"]`; a written token or a document number as
    /// typed): what "every word" means for this `total`. Quoted phrases and `+words` are required
    /// too; they are not listed here.
    #[serde(default)]
    pub words: Vec<String>,
    /// The requested page of hits.
    pub hits: Vec<Hit>,
    /// When the first page holds the whole counted set and has room left (and the request asks
    /// for it): the articles nearest to that set, best first, counted nowhere (see
    /// [`super::closest`]). Empty otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub closest: Vec<Hit>,
    /// Counts per value for each facet, most frequent first.
    pub facets: BTreeMap<String, Vec<FacetCount>>,
    /// Matches per month, oldest first (empty unless asked for).
    pub histogram: Vec<MonthCount>,
    /// Time spent in the search, in milliseconds.
    pub took_ms: f64,
}

/// An article as stored in the index, with what enrichment found in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredArticle {
    /// The article record.
    #[serde(flatten)]
    pub article: Article,
    /// Documents the article cites.
    pub cited: Vec<CitedDocument>,
    /// Provinces named in the article (and the site's own).
    pub provinces: Vec<String>,
}
