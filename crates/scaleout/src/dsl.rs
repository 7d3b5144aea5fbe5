//! The query tracuu's engine builds, written as OpenSearch/Elasticsearch Query DSL.
//!
//! Nothing is analysed or decided here: the engine's own [`QueryBuilder`] cuts the query into
//! words, chooses exact or folded forms, pairs and phrases, abbreviations, references and filters,
//! and this module walks the Tantivy query it built, clause by clause, onto the cluster's fields
//! ([`crate::fields`]). Each part has one counterpart that Lucene runs the way Tantivy does:
//!
//! | Tantivy (tracuu's engine) | Query DSL | Lucene (inside OpenSearch) |
//! |---|---|---|
//! | `TermQuery` on a token field | `term` | `TermQuery`, BM25 |
//! | `Weighted` (a boost) | `boost` | `BoostQuery` |
//! | `BooleanQuery` must / should / must-not, minimum | `bool`, `minimum_should_match` | `BooleanQuery` |
//! | a must clause weighted 0 (filters) | `bool.filter` | a `FILTER` clause |
//! | `SyllablePhrase`, `PhraseQuery` on folded syllables | `match_phrase` (a sentence end's empty position as [`SENTENCE_GAP`]) | `PhraseQuery` |
//! | `DayRange` on `published_day` | `range` | `LongPoint` range |
//! | `AnyTerm` (the exact pairs a word with one marked syllable may stand for) | `bool` of `term`s, one required | `BooleanQuery` of `TermQuery`s |
//! | `AllQuery` / `EmptyQuery` | `match_all` / `match_none` | the same |
//!
//! Every `bool` with `should` clauses states its `minimum_should_match`, so no default of the
//! cluster's (which differs inside a filter) can change what matches.
//!
//! [`QueryBuilder`]: tracuu_index::search::query_builder::QueryBuilder

use serde_json::{Map, Value, json};
use tantivy::query::{AllQuery, BooleanQuery, EmptyQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{Field, Schema};
use tantivy::{Searcher, Term};
use tracuu_index::search::any_term::AnyTerm;
use tracuu_index::search::pair_rarity::PairRarity;
use tracuu_index::search::readable::{DayRange, Weighted};
use tracuu_index::search::sparse_union::SparseUnion;
use tracuu_index::search::syllable_normed::SyllableNormedTerm;
use tracuu_index::search::syllable_phrase::SyllablePhrase;

use crate::error::ScaleOutError;
use crate::fields::{ClusterField, SENTENCE_GAP, cluster_term, for_tantivy};

/// `query` as Query DSL on the cluster's fields.
///
/// The proximity bonus of two query words that form no stored pair is weighted by how rare the
/// two are together ([`PairRarity`]), a statistic of the index: with `searcher` (the tracuu index
/// the cluster was loaded from) the factor is computed there and written as a boost; without,
/// the bonus is written unscaled.
pub fn query_dsl(
    query: &dyn Query,
    schema: &Schema,
    searcher: Option<&Searcher>,
) -> Result<Value, ScaleOutError> {
    Writer { schema, searcher }.write(query, Some(1.0))
}

struct Writer<'a> {
    schema: &'a Schema,
    searcher: Option<&'a Searcher>,
}

impl Writer<'_> {
    fn term(&self, term: &Term, boost: Option<f32>) -> Result<Value, ScaleOutError> {
        let field = self.field(term.field())?;
        let value = term.value();
        let text = value.as_str().ok_or_else(|| {
            ScaleOutError::Unsupported(format!("a term that is not text: {term:?}"))
        })?;
        let mut body = Map::new();
        body.insert("value".into(), json!(cluster_term(field, text)));
        with_boost(&mut body, boost);
        Ok(json!({"term": {field.name: body}}))
    }

    /// `query` with its score multiplied by `boost`; `None` where nothing scores (a filter).
    fn write(&self, query: &dyn Query, boost: Option<f32>) -> Result<Value, ScaleOutError> {
        if let Some(weighted) = query.downcast_ref::<Weighted>() {
            return self.write(weighted.query(), boost.map(|b| b * weighted.boost()));
        }
        if let Some(rare) = query.downcast_ref::<PairRarity>() {
            let rarity = match self.searcher {
                Some(searcher) => rare.factor_in(searcher)?,
                None => 1.0,
            };
            return self.write(rare.inner(), boost.map(|b| b * rarity));
        }
        if let Some(term) = query.downcast_ref::<TermQuery>() {
            return self.term(term.term(), boost);
        }
        // tracuu scores a pair and a marked syllable over the article's syllables. The bulk pads
        // the cluster's pair field to that length ([`crate::bulk::LENGTH_FILLER`]) and gives its
        // exact field every syllable (not once per article, as tracuu's writer does), so the
        // cluster's BM25 reads the same length.
        if let Some(normed) = query.downcast_ref::<SyllableNormedTerm>() {
            return self.term(normed.term(), boost);
        }
        if let Some(boolean) = query.downcast_ref::<BooleanQuery>() {
            return self.boolean(boolean, boost);
        }
        if let Some(any) = query.downcast_ref::<AnyTerm>() {
            return self.any_term(any);
        }
        if let Some(union) = query.downcast_ref::<SparseUnion>() {
            return self.any(union.queries(), boost);
        }
        if let Some(phrase) = query.downcast_ref::<SyllablePhrase>() {
            return self.phrase(phrase.field(), phrase.terms().iter().cloned(), boost);
        }
        if let Some(phrase) = query.downcast_ref::<PhraseQuery>() {
            let terms = phrase.phrase_terms().into_iter().enumerate();
            return self.phrase(phrase.field(), terms, boost);
        }
        if let Some(range) = query.downcast_ref::<DayRange>() {
            let field = self.field(range.field())?;
            let mut body = Map::new();
            if let Some(from) = range.from() {
                body.insert("gte".into(), json!(from));
            }
            if let Some(to) = range.to() {
                body.insert("lte".into(), json!(to));
            }
            with_boost(&mut body, boost);
            return Ok(json!({"range": {field.name: body}}));
        }
        if query.downcast_ref::<AllQuery>().is_some() {
            let mut body = Map::new();
            with_boost(&mut body, boost);
            return Ok(json!({"match_all": body}));
        }
        if query.downcast_ref::<EmptyQuery>().is_some() {
            return Ok(json!({"match_none": {}}));
        }
        Err(ScaleOutError::Unsupported(format!("{query:?}")))
    }

    /// Any of the terms, scoring nothing (it only ever filters): a `bool` of `term` filters,
    /// one of which must match.
    fn any_term(&self, any: &AnyTerm) -> Result<Value, ScaleOutError> {
        let terms = any
            .terms()
            .iter()
            .map(|term| self.term(term, None))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(json!({"bool": {"should": terms, "minimum_should_match": 1}}))
    }

    fn boolean(&self, boolean: &BooleanQuery, boost: Option<f32>) -> Result<Value, ScaleOutError> {
        let scored = boost.map(|_| 1.0);
        let mut must = Vec::new();
        let mut filter = Vec::new();
        let mut should = Vec::new();
        let mut must_not = Vec::new();
        for (occur, clause) in boolean.clauses() {
            match occur {
                // A required clause that adds nothing to the score is a filter; OpenSearch then
                // does not score it at all, which is the same.
                Occur::Must if scoreless(clause.as_ref()) => {
                    filter.push(self.write(clause.as_ref(), None)?)
                }
                Occur::Must => must.push(self.write(clause.as_ref(), scored)?),
                Occur::Should => should.push(self.write(clause.as_ref(), scored)?),
                Occur::MustNot => must_not.push(self.write(clause.as_ref(), None)?),
            }
        }
        if must.is_empty() && filter.is_empty() && should.is_empty() {
            // Tantivy matches nothing with exclusions alone; OpenSearch would match everything
            // else.
            return Ok(json!({"match_none": {}}));
        }
        let mut body = Map::new();
        for (name, clauses) in [
            ("must", must),
            ("filter", filter),
            ("should", should),
            ("must_not", must_not),
        ] {
            if !clauses.is_empty() {
                body.insert(name.into(), Value::Array(clauses));
            }
        }
        if body.contains_key("should") {
            // Tantivy: with no required clause, at least one `should` must match (or the stated
            // minimum); beside required clauses, `should` clauses only score.
            let required = body.contains_key("must") || body.contains_key("filter");
            let stated = boolean.get_minimum_number_should_match();
            let minimum = if stated == 0 && !required { 1 } else { stated };
            body.insert("minimum_should_match".into(), json!(minimum));
        }
        with_boost(&mut body, boost);
        Ok(json!({"bool": body}))
    }

    /// Any of `queries`, scores summed: a `bool` of `should` clauses, one of which must match.
    /// A phrase as `match_phrase`; a position left empty between two terms (a sentence end)
    /// is written as [`SENTENCE_GAP`], which the field's analyzer turns back into the gap.
    fn phrase(
        &self,
        field: Field,
        terms: impl Iterator<Item = (usize, Term)>,
        boost: Option<f32>,
    ) -> Result<Value, ScaleOutError> {
        let field = self.field(field)?;
        let mut words = Vec::new();
        let mut next = None;
        for (at, term) in terms {
            let value = term.value();
            let text = value.as_str().ok_or_else(|| {
                ScaleOutError::Unsupported(format!("a phrase of non-text terms: {term:?}"))
            })?;
            if let Some(next) = next {
                let empty = usize::saturating_sub(at, next);
                words.extend(std::iter::repeat_n(SENTENCE_GAP.to_string(), empty));
            }
            next = Some(at + 1);
            words.push(cluster_term(field, text));
        }
        let mut body = Map::new();
        body.insert("query".into(), json!(words.join(" ")));
        with_boost(&mut body, boost);
        Ok(json!({"match_phrase": {field.name: body}}))
    }

    fn any(&self, queries: &[Box<dyn Query>], boost: Option<f32>) -> Result<Value, ScaleOutError> {
        let scored = boost.map(|_| 1.0);
        let should = queries
            .iter()
            .map(|query| self.write(query.as_ref(), scored))
            .collect::<Result<Vec<_>, _>>()?;
        let mut body = Map::new();
        body.insert("should".into(), Value::Array(should));
        body.insert("minimum_should_match".into(), json!(1));
        with_boost(&mut body, boost);
        Ok(json!({"bool": body}))
    }

    fn field(&self, field: Field) -> Result<&'static ClusterField, ScaleOutError> {
        let name = self.schema.get_field_name(field);
        for_tantivy(name).ok_or_else(|| {
            ScaleOutError::Schema(format!("tracuu's field {name} has no field on the cluster"))
        })
    }
}

/// Whether `query` only ever adds 0 to the score (weighted 0).
fn scoreless(query: &dyn Query) -> bool {
    query.downcast_ref::<AnyTerm>().is_some()
        || query
            .downcast_ref::<Weighted>()
            .is_some_and(|w| w.boost() == 0.0 || scoreless(w.query()))
}

/// Adds `boost` to a query's body unless it is 1 or nothing scores. The weights are `f32` in
/// tracuu; they are written as their shortest decimal (`0.15`, not `0.15000000596`).
fn with_boost(body: &mut Map<String, Value>, boost: Option<f32>) {
    if let Some(boost) = boost.filter(|b| *b != 1.0) {
        let decimal: f64 = boost.to_string().parse().unwrap_or(f64::from(boost));
        body.insert("boost".into(), json!(decimal));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tracuu_index::schema::{Fields, build_schema};
    use tracuu_index::search::SearchRequest;
    use tracuu_index::search::free_text::MatchMode;
    use tracuu_index::search::query_builder::QueryBuilder;
    use tracuu_index::text::abbreviations::Abbreviations;

    fn dsl(query: &str, mode: MatchMode) -> Result<Value, ScaleOutError> {
        let schema = build_schema();
        let fields = Fields::resolve(&schema)?;
        let abbreviations = Abbreviations::builtin();
        let request = SearchRequest {
            query: query.into(),
            ..SearchRequest::default()
        };
        let built = QueryBuilder::new(&fields, &abbreviations).build(&request, mode)?;
        query_dsl(built.query.as_ref(), &schema, None)
    }

    /// Every `term` of `value` as `field:value`.
    fn terms(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                for (key, inner) in map {
                    if key == "term"
                        && let Some((field, body)) = inner.as_object().and_then(|m| m.iter().next())
                    {
                        out.push(format!("{field}:{}", body["value"].as_str().unwrap_or("")));
                    }
                    terms(inner, out);
                }
            }
            Value::Array(items) => items.iter().for_each(|i| terms(i, out)),
            _ => {}
        }
    }

    fn terms_of(value: &Value) -> Vec<String> {
        let mut out = Vec::new();
        terms(value, &mut out);
        out
    }

    #[test]
    fn each_word_is_required_as_its_pair_term() -> Result<(), ScaleOutError> {
        // "cải cách" and "hành chính": two required words, each its pair term, with the marks
        // typed checked on the exact pair.
        let query = dsl("cải cách hành chính", MatchMode::All)?;
        let must = query["bool"]["must"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert_eq!(must.len(), 2, "{query:#}");
        let first = terms_of(&must[0]);
        assert!(
            first.contains(&"body_pairs:cai_cach".to_string()),
            "{first:?}"
        );
        assert!(
            first.contains(&"body_pairs_exact:cải_cách".to_string()),
            "{first:?}"
        );
        // "cách hành" is no word: it is not required.
        assert!(!first.iter().any(|t| t.contains("cach_hanh")), "{first:?}");
        assert_eq!(query["bool"]["minimum_should_match"], 0);
        Ok(())
    }

    #[test]
    fn a_word_with_one_marked_syllable_filters_on_the_readings_of_the_other()
    -> Result<(), ScaleOutError> {
        // "mua bán": "mua" typed without marks stands for "mua", "mưa", "múa"…; "bán" as typed.
        let query = dsl("mua bán", MatchMode::All)?;
        let terms = terms_of(&query);
        for pair in ["mua_bán", "mưa_bán", "múa_bán"] {
            assert!(
                terms.contains(&format!("body_pairs_exact:{pair}")),
                "{pair} in {terms:?}"
            );
        }
        assert!(!terms.iter().any(|t| t.ends_with("mua_bản")), "{terms:?}");
        let filters = query.to_string();
        assert!(filters.contains("\"filter\""), "{query:#}");
        Ok(())
    }

    #[test]
    fn unmarked_syllables_search_folded_fields_and_marked_ones_exact() -> Result<(), ScaleOutError>
    {
        let unmarked = terms_of(&dsl("ban", MatchMode::All)?);
        assert!(
            unmarked.contains(&"body_folded:ban".to_string()),
            "{unmarked:?}"
        );
        assert!(!unmarked.contains(&"body_folded:bàn".to_string()));
        let marked = terms_of(&dsl("bàn", MatchMode::All)?);
        assert!(marked.contains(&"body_exact:bàn".to_string()), "{marked:?}");
        assert!(
            !marked.iter().any(|t| t.starts_with("body_folded:")),
            "{marked:?}"
        );
        // Either tone style asks for the same term.
        assert_eq!(
            terms_of(&dsl("hòa", MatchMode::All)?),
            terms_of(&dsl("hoà", MatchMode::All)?)
        );
        Ok(())
    }

    #[test]
    fn partial_modes_keep_the_engines_minimum() -> Result<(), ScaleOutError> {
        let most = dsl("giải quyết khiếu nại tố cáo đất đai", MatchMode::Most)?;
        let units = &most["bool"]["must"][0]["bool"];
        let clauses = units["should"].as_array().map(Vec::len).unwrap_or(0);
        assert_eq!(clauses, 8, "{most:#}");
        assert_eq!(units["minimum_should_match"], 6);
        let any = dsl("giải quyết khiếu nại tố cáo đất đai", MatchMode::Any)?;
        assert_eq!(any["bool"]["must"][0]["bool"]["minimum_should_match"], 1);
        Ok(())
    }

    #[test]
    fn three_syllable_words_are_confirmed_by_a_phrase_that_never_scores()
    -> Result<(), ScaleOutError> {
        let query = dsl("thuế thu nhập", MatchMode::All)?;
        let text = query.to_string();
        assert!(
            text.contains(r#""match_phrase":{"body_folded":{"query":"thue thu nhap"}}"#),
            "{query:#}"
        );
        assert!(text.contains(r#""filter""#), "{query:#}");
        Ok(())
    }

    #[test]
    fn a_phrase_typed_across_a_full_stop_keeps_its_empty_position() -> Result<(), ScaleOutError> {
        let text = dsl("\"dẫn đầu. Lan tỏa\"", MatchMode::All)?.to_string();
        assert!(
            text.contains(r#""match_phrase":{"body_folded":{"query":"dan dau . lan toa"}}"#),
            "{text}"
        );
        let text = dsl("\"dẫn đầu Lan tỏa\"", MatchMode::All)?.to_string();
        assert!(
            text.contains(r#""match_phrase":{"body_folded":{"query":"dan dau lan toa"}}"#),
            "{text}"
        );
        Ok(())
    }

    #[test]
    fn operators_references_and_facet_filters_are_written() -> Result<(), ScaleOutError> {
        let query = dsl(
            "\"nước ngoài\" -covid province:\"Quảng Nam\" nq 36",
            MatchMode::All,
        )?;
        let all = terms_of(&query);
        assert!(
            all.contains(&"province_filter:quang nam".to_string()),
            "{all:?}"
        );
        assert!(all.contains(&"body_folded:covid".to_string()), "{all:?}");
        assert!(all.iter().any(|t| t.starts_with("cited_key:")), "{all:?}");
        assert!(query["bool"]["must_not"].is_array(), "{query:#}");
        Ok(())
    }

    #[test]
    fn an_empty_query_matches_everything() -> Result<(), ScaleOutError> {
        assert_eq!(
            dsl("", MatchMode::All)?,
            json!({"bool": {"must": [{"match_all": {}}]}})
        );
        Ok(())
    }
}
