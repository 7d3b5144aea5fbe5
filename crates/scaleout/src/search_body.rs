//! A whole tracuu search as OpenSearch/Elasticsearch `_search` bodies: the query
//! ([`crate::dsl`]), the page, the order, exact totals, the facets and the month histogram.
//!
//! What carries over exactly, and what does not:
//! - **Matching and totals**: the same terms on the same token fields, so the same articles
//!   (`track_total_hits: true`, or OpenSearch stops counting at 10,000).
//! - **Widening**: tracuu asks for every word first and only when nothing holds them all for most
//!   syllables, then any. One `_search` cannot say "only if the last one found nothing", so
//!   [`search_bodies`] gives the chain, in order (as `_msearch` lines from the CLI): the first
//!   answer with a total above 0 is tracuu's; any after the first is a partial match.
//! - **Facets**: `terms` aggregations on the display values, ordered as tracuu orders them (most
//!   frequent first; years newest first with undated articles counted apart in `year_undated`);
//!   the month histogram is a `terms` aggregation on `year_month`. Exact on one shard; on several,
//!   a facet's top values are OpenSearch's estimate unless `shard_size` covers every value.
//! - **Ranking**: BM25 with tracuu's weights as boosts, on the same statistics (the template's
//!   `tracuu_presence` similarity scores the fields tracuu keeps without frequencies as Tantivy
//!   does); the rescore's boosts for words standing together come from the tracuu index given
//!   with [`SearchDsl::with_searcher`].
//! - **Not carried**: snippets (tracuu cuts sentences on the original text; the cluster's
//!   highlighter is the cluster's own).

use serde_json::{Map, Value, json};
use tantivy::Searcher;
use tantivy::schema::Schema;
use tracuu_index::schema::Fields;
use tracuu_index::search::engine::validate;
use tracuu_index::search::free_text::MatchMode;
use tracuu_index::search::query_builder::QueryBuilder;
use tracuu_index::search::rerank::RERANK_DEPTH;
use tracuu_index::search::{FacetField, SearchRequest, SortOrder};
use tracuu_index::text::abbreviations::Abbreviations;
use tracuu_index::text::words::Lexicon;

use crate::dsl::query_dsl;
use crate::error::ScaleOutError;

/// Months the histogram aggregation returns at most: a century, where tracuu counts every month.
pub const HISTOGRAM_MONTHS: usize = 1200;

/// The `_source` fields a hit shows (tracuu's hit, less the snippet).
pub const HIT_FIELDS: [&str; 7] = [
    "id",
    "url",
    "title",
    "published",
    "source",
    "agency",
    "site_province",
];

/// The cluster field each facet counts (display values).
pub fn facet_field(facet: FacetField) -> &'static str {
    match facet {
        FacetField::Source => "source",
        FacetField::Province => "province",
        FacetField::Year => "year",
        FacetField::Ref => "cited",
        FacetField::Type => "doc_type",
    }
}

/// Builds `_search` bodies for tracuu's requests against one index's abbreviations.
pub struct SearchDsl<'a> {
    schema: Schema,
    fields: Fields,
    abbreviations: &'a Abbreviations,
    /// The lexicon queries are cut with (the index's, with the names it learnt).
    lexicon: &'a Lexicon,
    /// The tracuu index the cluster was loaded from, for the statistics a boost needs.
    searcher: Option<Searcher>,
}

impl<'a> SearchDsl<'a> {
    /// Bodies for an index with these abbreviations (built-in and learnt).
    pub fn new(abbreviations: &'a Abbreviations) -> Result<SearchDsl<'a>, ScaleOutError> {
        let schema = tracuu_index::schema::build_schema();
        let fields = Fields::resolve(&schema)?;
        Ok(SearchDsl {
            schema,
            fields,
            abbreviations,
            lexicon: Lexicon::builtin(),
            searcher: None,
        })
    }

    /// Queries cut into words with `lexicon` (the index's: [`tracuu_index::search::SearchIndex::query_lexicon`])
    /// instead of the built-in one.
    pub fn with_lexicon(mut self, lexicon: &'a Lexicon) -> SearchDsl<'a> {
        self.lexicon = lexicon;
        self
    }

    /// Boosts that depend on the index's statistics (how rare two query words are together)
    /// computed in `searcher`'s index, the one the cluster was loaded from.
    pub fn with_searcher(mut self, searcher: Searcher) -> SearchDsl<'a> {
        self.searcher = Some(searcher);
        self
    }

    /// The body of `request` in one match mode.
    pub fn body(&self, request: &SearchRequest, mode: MatchMode) -> Result<Value, ScaleOutError> {
        Ok(self.built(request, mode)?.0)
    }

    /// The bodies tracuu would run for `request`, in order, with their modes: every word; then,
    /// when the free text has two syllables or more to count, most of them, then any.
    pub fn search_bodies(
        &self,
        request: &SearchRequest,
    ) -> Result<Vec<(MatchMode, Value)>, ScaleOutError> {
        let (all, partial_units) = self.built(request, MatchMode::All)?;
        let mut bodies = vec![(MatchMode::All, all)];
        if partial_units >= 2 {
            for mode in [MatchMode::Most, MatchMode::Any] {
                bodies.push((mode, self.body(request, mode)?));
            }
        }
        Ok(bodies)
    }

    fn built(
        &self,
        request: &SearchRequest,
        mode: MatchMode,
    ) -> Result<(Value, usize), ScaleOutError> {
        validate(request)?;
        let built = QueryBuilder::new(&self.fields, self.abbreviations)
            .with_lexicon(self.lexicon)
            .build(request, mode)?;
        let mut body = Map::new();
        body.insert(
            "query".into(),
            query_dsl(built.query.as_ref(), &self.schema, self.searcher.as_ref())?,
        );
        body.insert("from".into(), json!(request.offset));
        body.insert("size".into(), json!(request.limit));
        body.insert("track_total_hits".into(), json!(true));
        match (sort(request.sort), built.rerank_query()) {
            (Some(sort), _) => {
                body.insert("sort".into(), sort);
            }
            // tracuu adds the proximity of words that form no stored pair to its best
            // RERANK_DEPTH first-pass matches only: OpenSearch's rescore does the same.
            (None, Some(rerank)) => {
                body.insert(
                    "rescore".into(),
                    json!({
                        "window_size": RERANK_DEPTH,
                        "query": {
                            "rescore_query": query_dsl(rerank.as_ref(), &self.schema, self.searcher.as_ref())?,
                            "query_weight": 1.0,
                            "rescore_query_weight": 1.0,
                            "score_mode": "total",
                        }
                    }),
                );
            }
            (None, None) => {}
        }
        body.insert("_source".into(), json!(HIT_FIELDS));
        let aggs = aggregations(request);
        if !aggs.is_empty() {
            body.insert("aggs".into(), Value::Object(aggs));
        }
        Ok((Value::Object(body), built.partial_units))
    }
}

/// Newest or oldest first, undated articles last; relevance is OpenSearch's default order.
fn sort(order: SortOrder) -> Option<Value> {
    let direction = match order {
        SortOrder::Relevance => return None,
        SortOrder::Newest => "desc",
        SortOrder::Oldest => "asc",
    };
    Some(json!([{"published_ts": {"order": direction, "missing": "_last"}}]))
}

/// The facets (named as tracuu names them) and the month histogram, as the request asks.
fn aggregations(request: &SearchRequest) -> Map<String, Value> {
    let mut aggs = Map::new();
    let limit = request.facet_limit;
    if limit > 0 {
        for facet in FacetField::ALL {
            let field = facet_field(facet);
            let terms = if facet == FacetField::Year {
                json!({"field": field, "size": limit, "order": {"_key": "desc"},
                       "exclude": [tracuu_index::schema::UNDATED_YEAR]})
            } else {
                json!({"field": field, "size": limit,
                       "order": [{"_count": "desc"}, {"_key": "asc"}]})
            };
            aggs.insert(facet.name().into(), json!({"terms": terms}));
        }
        aggs.insert(
            "year_undated".into(),
            json!({"filter": {"term": {"year": tracuu_index::schema::UNDATED_YEAR}}}),
        );
    }
    if request.histogram {
        aggs.insert(
            "histogram".into(),
            json!({"terms": {"field": "year_month", "size": HISTOGRAM_MONTHS,
                             "order": {"_key": "asc"}}}),
        );
    }
    aggs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(query: &str) -> SearchRequest {
        SearchRequest {
            query: query.into(),
            ..SearchRequest::default()
        }
    }

    #[test]
    fn a_body_counts_exactly_pages_and_aggregates() -> Result<(), ScaleOutError> {
        let abbreviations = Abbreviations::builtin();
        let dsl = SearchDsl::new(&abbreviations)?;
        let mut req = request("người Việt Nam ở nước ngoài");
        req.sort = SortOrder::Newest;
        req.offset = 20;
        let body = dsl.body(&req, MatchMode::All)?;
        assert_eq!(body["track_total_hits"], true);
        assert_eq!(body["from"], 20);
        assert_eq!(body["size"], 10);
        assert_eq!(body["sort"][0]["published_ts"]["missing"], "_last");
        assert_eq!(body["aggs"]["ref"]["terms"]["field"], "cited");
        assert_eq!(body["aggs"]["year"]["terms"]["order"]["_key"], "desc");
        assert_eq!(body["aggs"]["histogram"]["terms"]["field"], "year_month");
        Ok(())
    }

    #[test]
    fn words_standing_together_that_are_no_stored_pair_rescore_the_best_hits()
    -> Result<(), ScaleOutError> {
        let abbreviations = Abbreviations::builtin();
        let dsl = SearchDsl::new(&abbreviations)?;
        // "ngoài nước" is two words: their standing together is a phrase on the best hits.
        let body = dsl.body(&request("ngoai nuoc"), MatchMode::All)?;
        assert_eq!(body["rescore"]["window_size"], RERANK_DEPTH);
        let rescore = body["rescore"]["query"]["rescore_query"].to_string();
        assert!(
            rescore.contains("match_phrase") || rescore.contains("span_near"),
            "{rescore}"
        );
        assert!(
            rescore.contains("ngoai") && rescore.contains("nuoc"),
            "{rescore}"
        );
        // Sorted by date, nothing is rescored.
        let mut newest = request("ngoai nuoc");
        newest.sort = SortOrder::Newest;
        assert!(dsl.body(&newest, MatchMode::All)?.get("rescore").is_none());
        Ok(())
    }

    #[test]
    fn widening_is_a_chain_only_when_there_is_something_to_widen() -> Result<(), ScaleOutError> {
        let abbreviations = Abbreviations::builtin();
        let dsl = SearchDsl::new(&abbreviations)?;
        let modes = |q: &str| -> Result<Vec<MatchMode>, ScaleOutError> {
            Ok(dsl
                .search_bodies(&request(q))?
                .into_iter()
                .map(|(m, _)| m)
                .collect())
        };
        assert_eq!(modes("covid")?, vec![MatchMode::All]);
        assert_eq!(
            modes("hỗ trợ doanh nghiệp")?,
            vec![MatchMode::All, MatchMode::Most, MatchMode::Any]
        );
        Ok(())
    }

    #[test]
    fn what_tracuu_refuses_is_refused() -> Result<(), ScaleOutError> {
        let abbreviations = Abbreviations::builtin();
        let dsl = SearchDsl::new(&abbreviations)?;
        let mut req = request("covid");
        req.filters.push((FacetField::Year, "năm ngoái".into()));
        let err = dsl
            .body(&req, MatchMode::All)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("is not a year"), "{err}");
        assert!(dsl.body(&request("\"\""), MatchMode::All).is_err());
        Ok(())
    }
}
