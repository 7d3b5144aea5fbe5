//! Parsed queries → Tantivy queries over the exact and folded fields.
//!
//! The rules that make Vietnamese search behave (DESIGN.md "Vietnamese text"):
//! - a syllable typed **with marks** searches the exact fields only ("bàn" ≠ "bán");
//! - a syllable typed **without marks** searches the folded fields, with a bonus where the exact
//!   field has it unmarked too, so exact-diacritic matches rank first;
//! - adjacent query syllables found adjacent in an article add a proximity bonus;
//! - a long query needs most, not all, of its words ([`minimum_should_match`]), so a pasted question
//!   still finds the best partial matches; quoted phrases and `+word` stay strict;
//! - abbreviations expand both ways (UBND ↔ Ủy ban nhân dân), and document references
//!   ("nq 36", "nghị quyết 36", "36-NQ/TW") match the cited-document keys.

use std::collections::HashSet;
use std::ops::Bound;

use tantivy::Term;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, EmptyQuery, Occur as TOccur, PhraseQuery, Query,
    RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};

use crate::enrich::{canonical_province, references_in_query};
use crate::schema::Fields;
use crate::search::SearchError;
use crate::search::pair_counts::{PairCounts, estimate_pair_docs};
use crate::search::query_parser::{Clause, Occur, parse_query};
use crate::search::ranking::Ranking;
use crate::search::request::{FacetField, SearchRequest};
use crate::text::abbreviations::{Abbreviations, abbreviation_key};
use crate::text::facet_key::facet_key;
use crate::text::{AnalysisMode, analyze};

/// How many of `n` optional clauses a match must have.
///
/// Up to three words, all of them (a short query is precise). Four to eight words, all but one or
/// two (a typed query tolerates a stray word). Longer is a pasted question: any
/// word may match and ranking sorts it out, BM25 summing over the words present and the proximity
/// bonus lifting articles that hold them together. Measured on ALQAC 2022 (benches/RESULTS.md):
/// requiring two thirds of a question's words cost 0.03 nDCG@10 and 0.065 Recall@100 against
/// requiring any.
pub fn minimum_should_match(n: usize) -> usize {
    match n {
        0..=3 => n,
        4..=8 => n - n / 4,
        _ => 1,
    }
}

/// One query syllable in both forms.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Syllable {
    exact: String,
    folded: String,
}

impl Syllable {
    fn marked(&self) -> bool {
        self.exact != self.folded
    }
}

fn syllables(text: &str) -> Vec<Syllable> {
    analyze(text, AnalysisMode::Exact)
        .into_iter()
        .zip(analyze(text, AnalysisMode::Folded))
        .map(|(exact, folded)| Syllable { exact, folded })
        .collect()
}

/// Which terms to highlight in snippets.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HighlightTerms {
    /// Exact-form syllables (typed with marks).
    pub exact: HashSet<String>,
    /// Folded-form syllables (typed without marks).
    pub folded: HashSet<String>,
}

/// A request turned into a Tantivy query.
pub struct BuiltQuery {
    /// The query to run.
    pub query: Box<dyn Query>,
    /// What snippets mark.
    pub highlight: HighlightTerms,
    /// True when the free-text part could be relaxed to any-word matching if nothing matches.
    pub relaxable: bool,
}

/// Builds queries against one index's fields and abbreviations.
pub struct QueryBuilder<'a> {
    fields: &'a Fields,
    abbreviations: &'a Abbreviations,
    ranking: Ranking,
    searcher: Option<&'a tantivy::Searcher>,
    pair_counts: Option<&'a PairCounts>,
}

fn term_query(field: Field, text: &str, boost: f32) -> Box<dyn Query> {
    let query: Box<dyn Query> = Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    ));
    if (boost - 1.0).abs() < f32::EPSILON {
        query
    } else {
        Box::new(BoostQuery::new(query, boost))
    }
}

/// BM25's inverse document frequency, as Tantivy computes it.
fn idf(doc_freq: u64, docs: u64) -> f32 {
    let x = (docs.saturating_sub(doc_freq) as f32 + 0.5) / (doc_freq as f32 + 0.5);
    (1.0 + x).ln()
}

/// How much rarer the pair is than its syllables make it look: the pair's own IDF over the sum of
/// its syllables' IDFs (Tantivy weighs a phrase by the latter). "nước ngoài" is far more common
/// than "nước" and "ngoài" apart suggest, "sáp nhập" about as rare as "sáp". The pair's count is
/// an estimate ([`estimate_pair_docs`]), remembered in `counts` when given. `None` when the
/// statistics cannot be read.
fn pair_rarity(
    searcher: &tantivy::Searcher,
    counts: Option<&PairCounts>,
    terms: &[Term],
) -> Option<f32> {
    let docs = searcher.num_docs();
    let mut syllables = 0.0;
    for term in terms {
        syllables += idf(searcher.doc_freq(term).ok()?, docs);
    }
    let together = match counts {
        Some(counts) => counts.get(searcher, terms)?,
        None => estimate_pair_docs(searcher, terms)?,
    };
    (syllables > 0.0).then(|| idf(together, docs) / syllables)
}

fn any_of(queries: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    match queries.len() {
        0 => Box::new(EmptyQuery),
        1 => queries
            .into_iter()
            .next()
            .unwrap_or_else(|| Box::new(EmptyQuery)),
        _ => Box::new(BooleanQuery::union(queries)),
    }
}

fn all_of(queries: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    match queries.len() {
        0 => Box::new(AllQuery),
        1 => queries
            .into_iter()
            .next()
            .unwrap_or_else(|| Box::new(AllQuery)),
        _ => Box::new(BooleanQuery::intersection(queries)),
    }
}

impl<'a> QueryBuilder<'a> {
    /// A builder for an index with these fields and abbreviations, ranking by the default weights.
    pub fn new(fields: &'a Fields, abbreviations: &'a Abbreviations) -> Self {
        QueryBuilder {
            fields,
            abbreviations,
            ranking: Ranking::default(),
            searcher: None,
            pair_counts: None,
        }
    }

    /// The same builder with the index's statistics at hand (for pair weighting), and the pair
    /// counts already taken on it when there are some.
    pub fn with_searcher(
        mut self,
        searcher: &'a tantivy::Searcher,
        pair_counts: Option<&'a PairCounts>,
    ) -> Self {
        self.searcher = Some(searcher);
        self.pair_counts = pair_counts;
        self
    }

    /// The same builder ranking by other weights (the evaluation measures each one).
    pub fn with_ranking(mut self, ranking: Ranking) -> Self {
        self.ranking = ranking;
        self
    }

    /// Builds the full query of a request: text, filters and date range.
    pub fn build(&self, request: &SearchRequest, relaxed: bool) -> Result<BuiltQuery, SearchError> {
        let (text, references) = split_references(&request.query);
        let parsed = parse_query(&text)?;
        let mut highlight = HighlightTerms::default();
        let mut must: Vec<Box<dyn Query>> = Vec::new();
        let mut must_not: Vec<Box<dyn Query>> = Vec::new();
        let mut optional: Vec<Box<dyn Query>> = Vec::new();
        let mut sequence: Vec<Syllable> = Vec::new();
        let mut sequences: Vec<Vec<Syllable>> = Vec::new();

        for (key, written) in &references {
            let mut alternatives = vec![term_query(
                self.fields.cited_key,
                key,
                self.ranking.reference,
            )];
            let syls = syllables(written);
            if syls.len() >= 2 {
                alternatives.push(self.phrase_query(&syls));
            }
            self.note_highlight(&syls, &mut highlight);
            optional.push(any_of(alternatives));
        }
        for clause in &parsed.clauses {
            match clause {
                Clause::Word {
                    text,
                    occur: Occur::Should,
                } => {
                    let syls = syllables(text);
                    if syls.is_empty() {
                        continue;
                    }
                    self.note_highlight(&syls, &mut highlight);
                    if syls.len() == 1 && self.abbreviations.expansions(&syls[0].folded).is_empty()
                    {
                        sequence.push(syls[0].clone());
                    } else {
                        sequences.push(std::mem::take(&mut sequence));
                        optional.push(self.word_or_phrase(text, &syls));
                    }
                }
                Clause::Word { text, occur } | Clause::Phrase { text, occur } => {
                    let syls = syllables(text);
                    if syls.is_empty() {
                        continue;
                    }
                    let query = if matches!(clause, Clause::Phrase { .. }) {
                        self.phrase_query(&syls)
                    } else {
                        self.word_or_phrase(text, &syls)
                    };
                    if *occur == Occur::MustNot {
                        must_not.push(query);
                    } else {
                        self.note_highlight(&syls, &mut highlight);
                        must.push(query);
                    }
                }
                Clause::Filter {
                    field,
                    value,
                    occur,
                } => {
                    let query = self.filter_query(*field, std::slice::from_ref(value));
                    if *occur == Occur::MustNot {
                        must_not.push(query)
                    } else {
                        must.push(query)
                    }
                }
                Clause::Any(alternatives) => {
                    let mut queries = Vec::new();
                    for alternative in alternatives {
                        match alternative {
                            Clause::Word { text, .. } | Clause::Phrase { text, .. } => {
                                let syls = syllables(text);
                                self.note_highlight(&syls, &mut highlight);
                                if !syls.is_empty() {
                                    queries.push(self.word_or_phrase(text, &syls));
                                }
                            }
                            Clause::Filter { field, value, .. } => {
                                queries.push(self.filter_query(*field, std::slice::from_ref(value)))
                            }
                            Clause::Any(_) => {}
                        }
                    }
                    if !queries.is_empty() {
                        must.push(any_of(queries));
                    }
                }
            }
        }
        sequences.push(sequence);

        // Plain words: expand abbreviations written out, then one clause per word.
        let mut proximity: Vec<Box<dyn Query>> = Vec::new();
        for run in sequences.iter().filter(|run| !run.is_empty()) {
            for pair in run.windows(2) {
                proximity.push(self.pair_query(&pair[0], &pair[1]));
            }
            // A written-out abbreviation ("ủy ban nhân dân") also matches the short form
            // ("UBND"): each of its words accepts the abbreviation, so an article with only
            // the short form satisfies them all, and one with the words still ranks by them.
            let mut abbreviated: Vec<Option<String>> = vec![None; run.len()];
            let mut i = 0;
            while i < run.len() {
                match self.expansion_at(&run[i..]) {
                    Some((len, key)) => {
                        for slot in &mut abbreviated[i..i + len] {
                            *slot = Some(key.clone());
                        }
                        highlight.folded.insert(key);
                        i += len;
                    }
                    None => i += 1,
                }
            }
            for (syllable, key) in run.iter().zip(abbreviated) {
                let word = self.syllable_query(syllable);
                optional.push(match key {
                    Some(key) => {
                        // Counted once across the expansion's words, not once per word.
                        let share = 1.0
                            / self
                                .abbreviations
                                .expansions(&key)
                                .first()
                                .map_or(1, Vec::len) as f32;
                        let short: Box<dyn Query> =
                            Box::new(BoostQuery::new(self.folded_term(&key), share));
                        any_of(vec![word, short])
                    }
                    None => word,
                });
            }
        }

        if !request.query.trim().is_empty()
            && optional.is_empty()
            && must.is_empty()
            && must_not.is_empty()
        {
            return Err(SearchError::Query(
                crate::search::query_parser::QueryProblem::nothing_to_search(request.query.trim()),
            ));
        }
        let relaxable = optional.len() > 1 && !relaxed;
        let mut top: Vec<(TOccur, Box<dyn Query>)> = Vec::new();
        if !optional.is_empty() {
            let needed = if relaxed {
                1
            } else {
                minimum_should_match(optional.len())
            };
            let subqueries = optional.into_iter().map(|q| (TOccur::Should, q)).collect();
            top.push((
                TOccur::Must,
                Box::new(BooleanQuery::with_minimum_required_clauses(
                    subqueries, needed,
                )),
            ));
        }
        top.extend(must.into_iter().map(|q| (TOccur::Must, q)));
        top.extend(
            self.request_filters(request)
                .into_iter()
                .map(|q| (TOccur::Must, q)),
        );
        if top.is_empty() {
            top.push((TOccur::Must, Box::new(AllQuery)));
        }
        top.extend(must_not.into_iter().map(|q| (TOccur::MustNot, q)));
        top.extend(proximity.into_iter().map(|q| (TOccur::Should, q)));
        Ok(BuiltQuery {
            query: Box::new(BooleanQuery::new(top)),
            highlight,
            relaxable,
        })
    }

    fn note_highlight(&self, syls: &[Syllable], highlight: &mut HighlightTerms) {
        for syl in syls {
            if syl.marked() {
                highlight.exact.insert(syl.exact.clone());
            } else {
                highlight.folded.insert(syl.folded.clone());
            }
        }
    }

    /// The longest abbreviation expansion starting at `run[0]`, as (length, key).
    fn expansion_at(&self, run: &[Syllable]) -> Option<(usize, String)> {
        let mut best: Option<(usize, String)> = None;
        for (key, expansion) in self.abbreviations.iter() {
            let n = expansion.len();
            if n >= 2 && n <= run.len() && best.as_ref().is_none_or(|(len, _)| n > *len) {
                let matches = run[..n].iter().zip(expansion).all(|(s, e)| &s.folded == e);
                if matches {
                    best = Some((n, key.to_string()));
                }
            }
        }
        best
    }

    fn folded_term(&self, folded: &str) -> Box<dyn Query> {
        any_of(vec![
            term_query(self.fields.title_folded, folded, self.ranking.title),
            term_query(self.fields.body_folded, folded, 1.0),
        ])
    }

    /// One syllable: exact fields when typed with marks, folded (plus exact bonus) otherwise.
    fn syllable_query(&self, syl: &Syllable) -> Box<dyn Query> {
        if syl.marked() {
            return any_of(vec![
                term_query(self.fields.title, &syl.exact, self.ranking.title),
                term_query(self.fields.body, &syl.exact, 1.0),
            ]);
        }
        any_of(vec![
            term_query(self.fields.title_folded, &syl.folded, self.ranking.title),
            term_query(self.fields.body_folded, &syl.folded, 1.0),
            term_query(
                self.fields.title,
                &syl.exact,
                self.ranking.title * self.ranking.exact_bonus,
            ),
            term_query(self.fields.body, &syl.exact, self.ranking.exact_bonus),
        ])
    }

    /// A typed token: one syllable, or the phrase of its syllables (`TP.HCM`), or an abbreviation.
    fn word_or_phrase(&self, text: &str, syls: &[Syllable]) -> Box<dyn Query> {
        let base = if syls.len() == 1 {
            self.syllable_query(&syls[0])
        } else {
            self.phrase_query(syls)
        };
        let key = abbreviation_key(text);
        let expansions = self.abbreviations.expansions(&key);
        if expansions.is_empty() {
            return base;
        }
        let mut alternatives = vec![base];
        if syls.len() > 1 {
            alternatives.push(self.folded_term(&key));
        }
        for expansion in expansions {
            let expanded: Vec<Syllable> = expansion
                .iter()
                .map(|f| Syllable {
                    exact: f.clone(),
                    folded: f.clone(),
                })
                .collect();
            alternatives.push(self.phrase_query(&expanded));
        }
        any_of(alternatives)
    }

    /// Syllables together in order, in the title or body; marked syllables must match exactly.
    fn phrase_query(&self, syls: &[Syllable]) -> Box<dyn Query> {
        if syls.len() == 1 {
            return self.syllable_query(&syls[0]);
        }
        let phrase = |field: Field, boost: f32| -> Box<dyn Query> {
            let terms = syls
                .iter()
                .map(|s| Term::from_field_text(field, &s.folded))
                .collect();
            Box::new(BoostQuery::new(Box::new(PhraseQuery::new(terms)), boost))
        };
        let together = any_of(vec![
            phrase(self.fields.title_folded, self.ranking.title),
            phrase(self.fields.body_folded, 1.0),
        ]);
        let marked: Vec<&Syllable> = syls.iter().filter(|s| s.marked()).collect();
        if marked.is_empty() {
            return together;
        }
        let mut parts = vec![together];
        for syl in marked {
            parts.push(any_of(vec![
                term_query(self.fields.title, &syl.exact, 0.0),
                term_query(self.fields.body, &syl.exact, 0.0),
            ]));
        }
        all_of(parts)
    }

    fn pair_query(&self, a: &Syllable, b: &Syllable) -> Box<dyn Query> {
        let terms = vec![
            Term::from_field_text(self.fields.body_folded, &a.folded),
            Term::from_field_text(self.fields.body_folded, &b.folded),
        ];
        let mut boost = self.ranking.pair;
        if let (true, Some(searcher)) = (self.ranking.pair_idf, self.searcher) {
            boost *= pair_rarity(searcher, self.pair_counts, &terms).unwrap_or(1.0);
        }
        Box::new(BoostQuery::new(Box::new(PhraseQuery::new(terms)), boost))
    }

    /// A facet filter: any of `values` (OR within one facet).
    pub fn filter_query(&self, field: FacetField, values: &[String]) -> Box<dyn Query> {
        let mut queries = Vec::new();
        for value in values {
            let query = match field {
                FacetField::Ref => match references_in_query(value).first() {
                    Some(reference) => term_query(self.fields.cited_key, &reference.key, 0.0),
                    None => term_query(self.fields.cited, &facet_key(value), 0.0),
                },
                FacetField::Province => {
                    let name = canonical_province(value).unwrap_or(value);
                    term_query(self.fields.province, &facet_key(name), 0.0)
                }
                FacetField::Source => {
                    let host = value.trim().trim_start_matches("www.");
                    term_query(self.fields.source, &facet_key(host), 0.0)
                }
                FacetField::Year => term_query(self.fields.year, &facet_key(value), 0.0),
                FacetField::Type => term_query(self.fields.doc_type, &facet_key(value), 0.0),
            };
            queries.push(query);
        }
        any_of(queries)
    }

    fn request_filters(&self, request: &SearchRequest) -> Vec<Box<dyn Query>> {
        let mut queries = Vec::new();
        for field in FacetField::ALL {
            let values: Vec<String> = request
                .filters
                .iter()
                .filter(|(f, _)| *f == field)
                .map(|(_, v)| v.clone())
                .collect();
            if !values.is_empty() {
                queries.push(self.filter_query(field, &values));
            }
        }
        if request.from.is_some() || request.to.is_some() {
            let offset = crate::article::VIETNAM_OFFSET;
            let lower = request
                .from
                .map(|d| d.midnight().assume_offset(offset).unix_timestamp());
            let upper = request
                .to
                .map(|d| d.midnight().assume_offset(offset).unix_timestamp() + 86_400);
            let field = self.fields.published_ts;
            let lower = lower.map_or(Bound::Unbounded, |t| {
                Bound::Included(Term::from_field_i64(field, t))
            });
            let upper = upper.map_or(Bound::Unbounded, |t| {
                Bound::Excluded(Term::from_field_i64(field, t))
            });
            queries.push(Box::new(RangeQuery::new(lower, upper)));
        }
        queries
    }
}

/// Cuts document references out of the free text, outside quotes: (rest, [(key, written)]).
fn split_references(query: &str) -> (String, Vec<(String, String)>) {
    let mut rest = query.to_string();
    let mut found = Vec::new();
    let mut references = references_in_query(query);
    references.sort_by_key(|r| std::cmp::Reverse(r.span.start));
    for reference in references {
        let before = &query[..reference.span.start];
        let in_quotes = before.chars().filter(|&c| c == '"').count() % 2 == 1;
        let in_filter = before
            .rsplit(char::is_whitespace)
            .next()
            .is_some_and(|w| w.contains(':'));
        if in_quotes || in_filter {
            continue;
        }
        found.push((
            reference.key.clone(),
            query[reference.span.clone()].to_string(),
        ));
        rest.replace_range(reference.span.clone(), &" ".repeat(reference.span.len()));
    }
    found.reverse();
    (rest, found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_queries_need_every_word_pasted_questions_any() {
        assert_eq!(minimum_should_match(1), 1);
        assert_eq!(minimum_should_match(3), 3);
        assert_eq!(minimum_should_match(6), 5);
        assert_eq!(minimum_should_match(8), 6);
        assert_eq!(minimum_should_match(20), 1);
    }

    #[test]
    fn syllables_know_whether_they_were_typed_with_marks() {
        let syls = syllables("người Viet");
        assert!(syls[0].marked());
        assert!(!syls[1].marked());
        assert_eq!(syls[1].exact, "viet");
    }
}
