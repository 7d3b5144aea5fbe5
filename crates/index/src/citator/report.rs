//! [`SearchIndex::citator`]: one cited document's report, from one pass over its citing articles
//! (the years written after the number from their own keys).

use std::time::Instant;

use serde::{Deserialize, Serialize};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{Order, Searcher, TantivyDocument, Term};

use super::sentence::sentence_around;
use crate::enrich::docref::{describe, number_key, serial_key};
use crate::enrich::{Citation, DocumentDescription, citations, parse_document_number};
use crate::schema::Fields;
use crate::search::engine::first_text;
use crate::search::filters::facet_filter;
use crate::search::request::{FacetCount, FacetField, MAX_RESULT_WINDOW, MonthCount};
use crate::search::{SearchError, SearchIndex};

/// Co-cited documents and sources listed when the caller does not say.
pub const DEFAULT_CITED_WITH: usize = 20;

/// Citation windows examined per article before giving up on its sentence: the serial's digits
/// may recur in a long text, and each occurrence costs a look at 180 bytes around it.
const MAX_WINDOWS: usize = 64;

/// What to report on one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitatorRequest {
    /// The document number, in any spelling the index reads (`36-NQ/TW`, `15/2020/nd-cp`).
    pub number: String,
    /// Citing articles to skip (newest first).
    pub offset: usize,
    /// Citing articles to return.
    pub limit: usize,
    /// How many co-cited documents and sources to list.
    pub top: usize,
}

impl CitatorRequest {
    /// The first 20 citing articles of `number`, with the top 20 sources and co-cited documents.
    pub fn new(number: &str) -> Self {
        CitatorRequest {
            number: number.to_string(),
            offset: 0,
            limit: 20,
            top: DEFAULT_CITED_WITH,
        }
    }
}

/// One article citing the document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CitingArticle {
    /// Article id (for `/api/articles/{id}`).
    pub id: String,
    /// Link to the source page.
    pub url: String,
    /// Headline.
    pub title: String,
    /// Publication time as given in the corpus.
    pub published: Option<String>,
    /// Publishing site.
    pub source: Option<String>,
    /// Government body behind the site.
    pub agency: Option<String>,
    /// The sentence that cites the document, as written (cut with "…" around the number when
    /// it is very long); `None` when the number is not found in the first part of a long text.
    pub sentence: Option<String>,
}

/// The citator's answer for one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CitatorReport {
    /// What the number says: type, serial, year, issuing bodies.
    pub document: DocumentDescription,
    /// The issuing body as one phrase (`Ban Chấp hành Trung ương`), when the symbol names one.
    pub issuer: Option<String>,
    /// Years of issue the citing articles write right after the number, with how many articles
    /// write each, most first: the year of a number that carries none (`36-NQ/TW` → 2004), and a
    /// sign that one number stands for several documents (`1234/QĐ-UBND` of 2019 and of 2021).
    pub years_cited: Vec<FacetCount>,
    /// Articles citing it: the total of a search filtered on `ref:` this number.
    pub citing: u64,
    /// Citing articles per month of publication, oldest first.
    pub by_month: Vec<MonthCount>,
    /// Citing articles without a date (in no month).
    pub undated: u64,
    /// Citing articles per source, most first.
    pub by_source: Vec<FacetCount>,
    /// Documents the citing articles cite with it, with how many articles cite both, most first.
    pub cited_with: Vec<FacetCount>,
    /// The requested page of citing articles, newest first (undated last).
    pub articles: Vec<CitingArticle>,
    /// Time spent, in milliseconds.
    pub took_ms: f64,
}

impl SearchIndex {
    /// Reports on the document `request.number` names (see [`crate::citator`]).
    ///
    /// Fails with [`SearchError::InvalidRequest`] when the text is not one document number; a
    /// number no article cites gets a report with `citing: 0`.
    pub fn citator(&self, request: &CitatorRequest) -> Result<CitatorReport, SearchError> {
        let started = Instant::now();
        let document = parse_document_number(&request.number).ok_or_else(|| {
            SearchError::InvalidRequest(format!(
                "'{}' is not a document number; write one as 36-NQ/TW, 15/2020/NĐ-CP or 1234/QĐ-UBND",
                request.number.trim()
            ))
        })?;
        if request.offset.saturating_add(request.limit) > MAX_RESULT_WINDOW {
            return Err(SearchError::InvalidRequest(format!(
                "citing articles past the first {MAX_RESULT_WINDOW} cannot be paged to"
            )));
        }
        let (searcher, fields) = self.searcher_and_fields();
        // The articles the `ref` facet counts under its number in its official form, which the
        // `ref:` filter below gives: the page's total is the facet's count and the search its
        // link opens. A Party document is stored in the Party's style however an article writes
        // it (`36/NQ-TW` is `36-NQ/TW`); a State body's number in the Party's style (`98-NQ/CP`)
        // is how the State numbered until the 1990s, another document and another value.
        let keys = vec![document.number_key()];
        let filter = facet_filter(
            fields,
            FacetField::Ref,
            std::slice::from_ref(&document.number),
        );
        let page = (request.limit > 0).then(|| {
            TopDocs::with_limit(request.limit)
                .and_offset(request.offset)
                .order_by_fast_field::<i64>("published_ts", Order::Desc)
        });
        let counts = self.facet_collector(vec!["year_month", "source", "cited"]);
        let (citing, top, fruit) = searcher.search(filter.as_ref(), &(Count, page, counts))?;
        let mut columns = fruit.into_iter();
        let by_month = months(columns.next().unwrap_or_default());
        let by_source = ranked(columns.next().unwrap_or_default(), request.top);
        let cited_with = ranked(
            columns
                .next()
                .unwrap_or_default()
                .into_iter()
                .filter(|(value, _)| !keys.contains(&number_key(value))),
            request.top,
        );
        let citing = citing as u64;
        let undated = citing.saturating_sub(by_month.iter().map(|m| m.count).sum());
        let mut description = describe(&document);
        let mut written_types = Vec::new();
        let mut articles = Vec::new();
        for (_, address) in top.unwrap_or_default() {
            let doc: TantivyDocument = searcher.doc(address)?;
            let (article, written) = citing_article(&doc, fields, &keys);
            written_types.extend(written);
            articles.push(article);
        }
        if let Some(written) = most_common(written_types) {
            description.doc_type = Some(written);
        }
        Ok(CitatorReport {
            issuer: description.issuer_name(),
            years_cited: years_cited(&searcher, fields, &keys, filter.as_ref())?,
            document: description,
            citing,
            by_month,
            undated,
            by_source,
            cited_with,
            articles,
            took_ms: started.elapsed().as_secs_f64() * 1000.0,
        })
    }
}

/// A citing article with its citing sentence, and the type its text writes before the number.
fn citing_article(
    doc: &TantivyDocument,
    fields: &Fields,
    keys: &[String],
) -> (CitingArticle, Option<String>) {
    let title = first_text(doc, fields.title).unwrap_or_default();
    let body = first_text(doc, fields.body).unwrap_or_default();
    let found = [body.as_str(), title.as_str()]
        .into_iter()
        .find_map(|text| first_citation(text, keys).map(|c| (text, c)));
    let (sentence, written) = match found {
        Some((text, citation)) => (
            Some(sentence_around(text, citation.span)),
            citation.document.doc_type,
        ),
        None => (None, None),
    };
    let article = CitingArticle {
        id: first_text(doc, fields.id).unwrap_or_default(),
        url: first_text(doc, fields.url).unwrap_or_default(),
        title,
        published: first_text(doc, fields.published),
        source: first_text(doc, fields.source),
        agency: first_text(doc, fields.agency),
        sentence,
    };
    (article, written)
}

/// The first citation of the document keyed any of `keys` in `text`. Only the places where the
/// serial's digits occur are read (a window around each), so a long text costs a substring search.
fn first_citation(text: &str, keys: &[String]) -> Option<Citation> {
    let serial = serial_key(keys.first()?)?;
    let digits = serial.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    for (at, _) in text.match_indices(digits).take(MAX_WINDOWS) {
        let start = floor_boundary(text, at.saturating_sub(60));
        let end = ceil_boundary(text, (at + 120).min(text.len()));
        let local = at - start;
        let found = citations(&text[start..end]).into_iter().find(|c| {
            c.span.start <= local
                && local < c.span.end
                && keys.contains(&number_key(&c.document.number))
        });
        if let Some(mut citation) = found {
            citation.span = citation.span.start + start..citation.span.end + start;
            return Some(citation);
        }
    }
    None
}

/// The years written after the number across the index, each counted by its articles.
///
/// The keys `number@year` of the document (`keys`: its number's key) are found in the term
/// dictionary (a range of a few terms), then each year is counted over the citing articles
/// (`citing`, the report's set): the cost follows them.
fn years_cited(
    searcher: &Searcher,
    fields: &Fields,
    keys: &[String],
    citing: &dyn Query,
) -> Result<Vec<FacetCount>, SearchError> {
    let mut years: Vec<String> = Vec::new();
    for key in keys {
        let prefix = format!("{key}@");
        for segment in searcher.segment_readers() {
            let index = segment.inverted_index(fields.cited_key)?;
            let mut stream = index
                .terms()
                .range()
                .ge(prefix.as_bytes())
                .lt(format!("{key}A").as_bytes())
                .into_stream()
                .map_err(tantivy::TantivyError::from)?;
            while stream.advance() {
                let year = String::from_utf8_lossy(&stream.key()[prefix.len()..]).into_owned();
                if year.bytes().all(|b| b.is_ascii_digit()) && !years.contains(&year) {
                    years.push(year);
                }
            }
        }
    }
    let mut counted = Vec::with_capacity(years.len());
    for year in years {
        let spellings: Vec<(Occur, Box<dyn Query>)> = keys
            .iter()
            .map(|key| {
                let term = Term::from_field_text(fields.cited_key, &format!("{key}@{year}"));
                let query: Box<dyn Query> =
                    Box::new(TermQuery::new(term, IndexRecordOption::Basic));
                (Occur::Should, query)
            })
            .collect();
        let written = BooleanQuery::new(spellings);
        let in_set = BooleanQuery::intersection(vec![Box::new(written), citing.box_clone()]);
        let count = searcher.search(&in_set, &Count)?;
        if count > 0 {
            counted.push(FacetCount {
                value: year,
                count: count as u64,
            });
        }
    }
    counted.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| b.value.cmp(&a.value)));
    Ok(counted)
}

/// Months oldest first.
fn months(counts: rustc_hash::FxHashMap<String, u64>) -> Vec<MonthCount> {
    let mut months: Vec<MonthCount> = counts
        .into_iter()
        .map(|(month, count)| MonthCount { month, count })
        .collect();
    months.sort_by(|a, b| a.month.cmp(&b.month));
    months
}

/// Values most frequent first (ties by value), at most `top`.
fn ranked(counts: impl IntoIterator<Item = (String, u64)>, top: usize) -> Vec<FacetCount> {
    let mut list: Vec<FacetCount> = counts
        .into_iter()
        .map(|(value, count)| FacetCount { value, count })
        .collect();
    list.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    list.truncate(top);
    list
}

fn most_common(values: Vec<String>) -> Option<String> {
    let mut counted: Vec<(String, usize)> = Vec::new();
    for value in values {
        match counted.iter_mut().find(|(v, _)| *v == value) {
            Some((_, n)) => *n += 1,
            None => counted.push((value, 1)),
        }
    }
    counted
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .map(|(value, _)| value)
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}
