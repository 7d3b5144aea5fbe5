//! The quote finder: the sentences of matching articles that hold the query, with their article
//! and, where the sentence is reported speech, its speaker.
//!
//! The articles come from the engine's own search ([`SearchIndex::search`], its matching rule,
//! filters, dates and order), at most [`QuoteRequest::articles`] of them; each is read for the
//! sentences that hold every word of the query ([`super::matcher`]), up to
//! [`QUOTE_SCAN_BYTES`] of its body, and each sentence is given its speaker
//! ([`super::speaker`]). The cost grows with the articles read, never with the index. A speaker
//! filter keeps the quotes whose speaker holds every word of it ("tan" finds "Phó Chủ tịch UBND
//! tỉnh Trần Văn Tân"); the speakers of all the quotes read are counted, most quoted first.

use std::collections::HashMap;

use serde::Serialize;

use super::matcher::SentenceMatcher;
use super::speaker::{Speaker, speaker_of};
use crate::search::highlight::Highlighted;
use crate::search::request::{FacetCount, MatchKind, SearchRequest};
use crate::search::{SearchError, SearchIndex};

/// Bytes of a body read for quotes: a 1 MB page costs what a 256 KB one does.
pub const QUOTE_SCAN_BYTES: usize = 256 * 1024;
/// Articles read when the caller does not say.
pub const DEFAULT_QUOTE_ARTICLES: usize = 50;
/// The most articles one request may read.
pub const MAX_QUOTE_ARTICLES: usize = 200;
/// Speakers counted in [`QuoteResponse::speakers`].
const SPEAKERS_SHOWN: usize = 20;

/// What the quote finder is asked.
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteRequest {
    /// The articles to read: query, filters, dates and order (its `offset`, `limit` and
    /// `snippet_chars` are not used).
    pub search: SearchRequest,
    /// Keep only quotes whose speaker holds every word of this.
    pub speaker: Option<String>,
    /// Quotes to skip.
    pub offset: usize,
    /// Quotes to return.
    pub limit: usize,
    /// Matching articles read, best (or newest) first, at most [`MAX_QUOTE_ARTICLES`].
    pub articles: usize,
}

impl Default for QuoteRequest {
    fn default() -> Self {
        QuoteRequest {
            search: SearchRequest::default(),
            speaker: None,
            offset: 0,
            limit: 20,
            articles: DEFAULT_QUOTE_ARTICLES,
        }
    }
}

/// One sentence that holds the query.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quote {
    /// The sentence, with what matched marked (its `sentences` is the one sentence).
    pub sentence: Highlighted,
    /// Who said it, when the article says.
    pub speaker: Option<Speaker>,
    /// The article's id.
    pub article_id: String,
    /// The article's URL at the source.
    pub url: String,
    /// The article's title.
    pub title: String,
    /// Publication time as given in the corpus.
    pub published: Option<String>,
    /// Publishing site.
    pub source: Option<String>,
    /// Government body behind the site.
    pub agency: Option<String>,
}

/// The quote finder's answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuoteResponse {
    /// `all` when articles hold every word of the query; `partial` means none does, so no
    /// sentence can (and none is quoted).
    #[serde(rename = "match")]
    pub matched: MatchKind,
    /// Articles matching the query and filters.
    pub articles_total: u64,
    /// Articles read for quotes (the first of them in the search's order).
    pub articles_read: usize,
    /// Quotes found in the articles read (after the speaker filter).
    pub total: usize,
    /// The requested page of them, in the search's order, then in the article's.
    pub quotes: Vec<Quote>,
    /// Speakers of the quotes found (before the speaker filter), most quoted first.
    pub speakers: Vec<FacetCount>,
}

impl SearchIndex {
    /// The sentences of the matching articles that hold the query, with their speakers.
    pub fn quotes(&self, request: &QuoteRequest) -> Result<QuoteResponse, SearchError> {
        let lexicon = self.query_lexicon();
        let matcher =
            self.with_abbreviations(|a| SentenceMatcher::new(&request.search.query, a, &lexicon));
        if matcher.is_empty() {
            return Err(SearchError::InvalidQuery(
                "quotes need words to look for in sentences; the query has none".into(),
            ));
        }
        if request.articles == 0 || request.articles > MAX_QUOTE_ARTICLES {
            return Err(SearchError::InvalidRequest(format!(
                "articles must be between 1 and {MAX_QUOTE_ARTICLES}"
            )));
        }
        let speaker_filter = request
            .speaker
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| SentenceMatcher::new(s, &Default::default(), &lexicon));
        let search = SearchRequest {
            offset: 0,
            limit: request.articles,
            facet_limit: 0,
            histogram: false,
            snippet_chars: 20,
            ..request.search.clone()
        };
        let response = self.search(&search)?;
        let mut found = Vec::new();
        let mut counts: HashMap<String, u64> = HashMap::new();
        if response.matched == MatchKind::All {
            for hit in &response.hits {
                let stored = self.article(&hit.id)?;
                let body = scan_prefix(&stored.article.body);
                for m in matcher.sentences(body) {
                    let speaker = speaker_of(body, m.sentence.clone());
                    if let Some(s) = &speaker {
                        *counts.entry(s.name.clone()).or_default() += 1;
                    }
                    let kept = match (&speaker_filter, &speaker) {
                        (None, _) => true,
                        (Some(filter), Some(s)) => {
                            filter.match_sentence(&s.name, 0..s.name.len()).is_some()
                        }
                        (Some(_), None) => false,
                    };
                    if kept {
                        found.push(quote(body, m.sentence, m.marks, speaker, hit));
                    }
                }
            }
        }
        let total = found.len();
        let quotes = found
            .into_iter()
            .skip(request.offset)
            .take(request.limit)
            .collect();
        Ok(QuoteResponse {
            matched: response.matched,
            articles_total: response.total,
            articles_read: response.hits.len(),
            total,
            quotes,
            speakers: most_quoted(counts),
        })
    }
}

/// One quote: the sentence as its own text, marks shifted into it.
fn quote(
    body: &str,
    sentence: std::ops::Range<usize>,
    marks: Vec<std::ops::Range<usize>>,
    speaker: Option<Speaker>,
    hit: &crate::search::Hit,
) -> Quote {
    let text = &body[sentence.clone()];
    let trimmed_start = text.len() - text.trim_start().len();
    let text = text.trim();
    let from = sentence.start + trimmed_start;
    let marks = marks
        .into_iter()
        .filter(|m| m.start >= from && m.end <= from + text.len())
        .map(|m| m.start - from..m.end - from)
        .collect();
    Quote {
        sentence: Highlighted {
            text: text.to_string(),
            marks,
            sentences: std::iter::once(0..text.len()).collect(),
            cut_before: false,
            cut_after: false,
        },
        speaker,
        article_id: hit.id.clone(),
        url: hit.url.clone(),
        title: hit.title.clone(),
        published: hit.published.clone(),
        source: hit.source.clone(),
        agency: hit.agency.clone(),
    }
}

/// The first [`QUOTE_SCAN_BYTES`] of a body, cut at a character boundary.
fn scan_prefix(body: &str) -> &str {
    let mut end = body.len().min(QUOTE_SCAN_BYTES);
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    &body[..end]
}

/// Speakers by count, most first, then by name.
fn most_quoted(counts: HashMap<String, u64>) -> Vec<FacetCount> {
    let mut speakers: Vec<FacetCount> = counts
        .into_iter()
        .map(|(value, count)| FacetCount { value, count })
        .collect();
    speakers.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    speakers.truncate(SPEAKERS_SHOWN);
    speakers
}
