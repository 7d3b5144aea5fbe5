//! The closest articles below a short answer.
//!
//! When the counted set is smaller than the first page ("Người tổ chức là ai?" on a law: one
//! article holds every word), the rest of that page lists the articles nearest to it, as the
//! next looser mode ranks them: below articles holding every word, those holding most of the
//! syllables, then any; below a partial answer of most syllables, those holding any. They are
//! not matches and are never counted as such: `total`, the facets, the histogram, later pages
//! and exports hold only the counted set; the API returns these apart (`closest`) and the page
//! shows them under their own heading. Required parts stay required (quoted phrases, `+word`,
//! `-word`, filters and dates), as in any partial answer.

use std::collections::HashSet;

use tantivy::collector::TopDocs;
use tantivy::query::Query;
use tantivy::{DocAddress, Score, Searcher};

use crate::search::SearchError;
use crate::search::free_text::MatchMode;
use crate::search::query_builder::{BuiltQuery, QueryBuilder};
use crate::search::request::{SearchRequest, SortOrder};
use crate::search::rerank::{RERANK_DEPTH, rerank};

/// Whether a first page of a counted set of `total` articles (found by `built`) leaves room the
/// closest should fill: asked for, the first page by relevance, not full, and a query with plain
/// words to loosen (quoted phrases, `+word` and filters alone have nothing looser).
pub(crate) fn has_room(request: &SearchRequest, built: &BuiltQuery, total: u64) -> bool {
    request.closest
        && built.partial_units > 0
        && request.offset == 0
        && request.sort == SortOrder::Relevance
        && total > 0
        && total < request.limit as u64
}

/// Ranked articles, best first.
type Ranked = Vec<(Score, DocAddress)>;

/// The best articles of the first mode looser than `counted` that finds any beyond `page` (the
/// whole counted set), at most `room` of them, best first, with the query that found them (its
/// terms are what their snippets mark).
pub(crate) fn closest(
    builder: &QueryBuilder<'_>,
    searcher: &Searcher,
    request: &SearchRequest,
    counted: MatchMode,
    page: &[(Score, DocAddress)],
    room: usize,
) -> Result<Option<(BuiltQuery, Ranked)>, SearchError> {
    let taken: HashSet<DocAddress> = page.iter().map(|&(_, address)| address).collect();
    for &mode in counted.looser() {
        let built = builder.build(request, mode)?;
        if built.partial_units < 2 {
            // One syllable to hold: the partial set is the full one.
            return Ok(None);
        }
        let best = ranked(searcher, &built, page.len() + room)?;
        let rest: Vec<_> = best
            .into_iter()
            .filter(|(_, address)| !taken.contains(address))
            .take(room)
            .collect();
        if !rest.is_empty() {
            return Ok(Some((built, rest)));
        }
    }
    Ok(None)
}

/// The best `n` matches of `built`, with the proximity bonus, without counting the others.
fn ranked(searcher: &Searcher, built: &BuiltQuery, n: usize) -> Result<Ranked, SearchError> {
    let query: &dyn Query = built.query.as_ref();
    if built.rerank.is_empty() {
        return Ok(searcher.search(query, &TopDocs::with_limit(n).order_by_score())?);
    }
    let mut top = searcher.search(
        query,
        &TopDocs::with_limit(n.max(RERANK_DEPTH)).order_by_score(),
    )?;
    rerank(searcher, &built.rerank, &mut top)?;
    top.truncate(n);
    Ok(top)
}
