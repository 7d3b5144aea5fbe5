//! A request → one Tantivy query: the words an article must hold, what ranks it, and the filters.
//!
//! The matching rule, in one sentence: **by default an article matches when it holds every word
//! of the query, a Vietnamese word being its syllables next to each other.**
//! - Plain words are cut into Vietnamese words with the lexicon ([`crate::text::words`]) and
//!   each one is required ([`free_text`](super::free_text)); marks typed choose exact or folded
//!   matching per syllable ([`word_query`](super::word_query)).
//! - Abbreviations and document references match any of their forms: "UBND" also finds
//!   "Ủy ban nhân dân" and back, "nq 36" finds articles citing 36-NQ/TW.
//! - Quoted phrases and `+word` are required, `-word` excluded, `A OR B` needs either, and
//!   `field:value` filters; filters and date ranges only ever narrow.
//! - Only when no article holds every word does the engine ask again with
//!   [`MatchMode::Most`], then [`MatchMode::Any`], and it says so (`"match": "partial"`).

use std::collections::HashSet;
use std::ops::Range;

use tantivy::query::{AllQuery, BooleanQuery, Occur as TOccur, Query};

use crate::schema::Fields;
use crate::search::SearchError;
use crate::search::cross_bonus::CrossBonus;
use crate::search::filters::{facet_filter, request_filters};
use crate::search::free_text::{FreeText, FreeTextBuilder, MatchMode, minimum_should_match};
use crate::search::query_parser::{Clause, Occur, QueryProblem, parse_query_cut};
use crate::search::ranking::Ranking;
use crate::search::references::{cited_query, split_references};
use crate::search::request::SearchRequest;
use crate::search::word_query::{
    WordQueries, any_of, folded_syllables, marked, short_form_writings,
};
use crate::text::abbreviations::{Abbreviations, abbreviation_key, reads_as_abbreviation};
use crate::text::pairs::{AnalysedSyllable, analyse_syllables, joins, spaced};
use crate::text::words::Lexicon;

/// Which terms to highlight in snippets.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HighlightTerms {
    /// Exact-form syllables (typed with marks).
    pub exact: HashSet<String>,
    /// Folded-form syllables (typed without marks).
    pub folded: HashSet<String>,
    /// The query's words, each its syllables: a syllable is marked where a whole word stands
    /// ("nam" of `viet nam` inside "Việt Nam", not in "Quảng Nam").
    pub words: Vec<Vec<AnalysedSyllable>>,
}

/// A word the free text requires: how it reads (`"ghi nhớ"`) and its query.
pub type QueryWord = (String, Box<dyn Query>);

/// A request turned into a Tantivy query.
pub struct BuiltQuery {
    /// The query to run.
    pub query: Box<dyn Query>,
    /// What snippets mark.
    pub highlight: HighlightTerms,
    /// Syllables of the free text that a partial mode could count one by one (a partial mode
    /// is only worth asking for when there are two or more).
    pub partial_units: usize,
    /// Score-only positional bonuses (query words standing together where that is no stored
    /// pair), added to the scores of the best matches only; empty when there are none.
    pub rerank: Vec<CrossBonus>,
    /// The words of the free text in the cut the engine made, lower case with the marks typed
    /// ("nguoi", "viet nam", "o", "nuoc ngoai"): each one an article must hold (in
    /// [`MatchMode::All`]); the same list in every mode.
    pub words: Vec<String>,
}

impl BuiltQuery {
    /// The rerank bonuses as one Tantivy query (their union, scores summed), for those who run
    /// them elsewhere (the scale-out's rescore); `None` when there are none.
    pub fn rerank_query(&self) -> Option<Box<dyn Query>> {
        (!self.rerank.is_empty()).then(|| {
            let clauses = self.rerank.iter().map(|b| (TOccur::Should, b.query()));
            Box::new(BooleanQuery::new(clauses.collect())) as Box<dyn Query>
        })
    }
}

/// Builds queries against one index's fields and abbreviations.
pub struct QueryBuilder<'a> {
    fields: &'a Fields,
    abbreviations: &'a Abbreviations,
    lexicon: &'a Lexicon,
    ranking: Ranking,
}

/// The parts of a query as they are gathered, before they become one Boolean query.
#[derive(Default)]
struct Parts {
    /// Free-text units (words, or syllables in a partial mode) and score-only clauses.
    free: FreeText,
    /// Required whatever the mode: quoted phrases, `+word`, filters, `A OR B`.
    must: Vec<Box<dyn Query>>,
    must_not: Vec<Box<dyn Query>>,
    highlight: HighlightTerms,
    /// Syllables typed one after the other, not yet cut into words.
    run: Vec<AnalysedSyllable>,
    /// What the last token of the run had after its syllable (punctuation, or nothing).
    run_tail: String,
}

impl<'a> QueryBuilder<'a> {
    /// A builder for an index with these fields and abbreviations, with the built-in lexicon and
    /// the default ranking weights.
    pub fn new(fields: &'a Fields, abbreviations: &'a Abbreviations) -> Self {
        QueryBuilder {
            fields,
            abbreviations,
            lexicon: Lexicon::builtin(),
            ranking: Ranking::default(),
        }
    }

    /// The same builder cutting queries with `lexicon` (the index's, with the names it learnt)
    /// instead of the built-in one.
    pub fn with_lexicon(mut self, lexicon: &'a Lexicon) -> Self {
        self.lexicon = lexicon;
        self
    }

    /// The same builder ranking by other weights (the evaluation measures each one).
    pub fn with_ranking(mut self, ranking: Ranking) -> Self {
        self.ranking = ranking;
        self
    }

    fn words(&self) -> WordQueries<'a> {
        WordQueries {
            fields: self.fields,
            ranking: self.ranking,
        }
    }

    fn free_text(&self) -> FreeTextBuilder<'a> {
        FreeTextBuilder {
            words: self.words(),
            abbreviations: self.abbreviations,
            lexicon: self.lexicon,
        }
    }

    /// Builds the full query of a request (text, filters, date range) in `mode`.
    pub fn build(
        &self,
        request: &SearchRequest,
        mode: MatchMode,
    ) -> Result<BuiltQuery, SearchError> {
        let parts = self.gather(request, mode)?;
        Ok(self.assemble(parts, request, mode))
    }

    /// Each word of the free text an article must hold (in [`MatchMode::All`]), as it reads and
    /// as a query: [`super::missing`] asks them which an article lacks. Built only when asked,
    /// so a search that does not need them pays nothing for them.
    pub fn required_words(&self, request: &SearchRequest) -> Result<Vec<QueryWord>, SearchError> {
        let free = self.gather(request, MatchMode::All)?.free;
        debug_assert_eq!(free.units.len(), free.labels.len());
        Ok(free.labels.into_iter().zip(free.units).collect())
    }

    /// The parts of the request's query in `mode`, before they become one query.
    fn gather(&self, request: &SearchRequest, mode: MatchMode) -> Result<Parts, SearchError> {
        let (text, references) = split_references(&request.query);
        let parsed = parse_query_cut(&text, &|tokens: &[&str]| self.cut_words(tokens))?;
        let mut parts = Parts::default();
        for reference in &references {
            let syllables = analyse_syllables(&reference.written);
            let mut alternatives = vec![cited_query(
                self.fields,
                &reference.keys,
                self.ranking.reference,
            )];
            if syllables.len() >= 2 {
                alternatives.push(self.words().phrase(&syllables));
            }
            // A document is cited in many spellings ("nq 36" for "36-NQ/TW"): its syllables are
            // marked wherever they stand.
            note_syllables(&syllables, &mut parts.highlight);
            for syllable in &syllables {
                parts.highlight.words.push(vec![syllable.clone()]);
            }
            parts.free.units.push(any_of(alternatives));
            parts.free.labels.push(reference.written.clone());
            parts.free.words.push(reference.written.clone());
        }
        for clause in &parsed.clauses {
            self.add_clause(clause, mode, &mut parts);
        }
        self.end_run(mode, &mut parts);
        if !request.query.trim().is_empty()
            && parts.free.units.is_empty()
            && parts.must.is_empty()
            && parts.must_not.is_empty()
        {
            return Err(QueryProblem::nothing_to_search(request.query.trim()).into());
        }
        Ok(parts)
    }

    fn assemble(&self, parts: Parts, request: &SearchRequest, mode: MatchMode) -> BuiltQuery {
        let Parts {
            free,
            must,
            must_not,
            mut highlight,
            ..
        } = parts;
        // A short form or its words in full, which the query asks for the words typed, are
        // marked too: their syllables join the terms to mark.
        for syllable in free.highlight_words.iter().flatten() {
            if !highlight.exact.contains(&syllable.exact) {
                highlight.folded.insert(syllable.folded.clone());
            }
        }
        highlight.words.extend(free.highlight_words);
        let words = free.words;
        let partial_units = free.units.len();
        let mut top: Vec<(TOccur, Box<dyn Query>)> = Vec::new();
        match mode {
            MatchMode::All => top.extend(free.units.into_iter().map(|q| (TOccur::Must, q))),
            MatchMode::Most | MatchMode::Any if !free.units.is_empty() => {
                let needed = if mode == MatchMode::Any {
                    1
                } else {
                    minimum_should_match(free.units.len())
                };
                let units = free
                    .units
                    .into_iter()
                    .map(|q| (TOccur::Should, q))
                    .collect();
                top.push((
                    TOccur::Must,
                    Box::new(BooleanQuery::with_minimum_required_clauses(units, needed)),
                ));
            }
            _ => {}
        }
        top.extend(must.into_iter().map(|q| (TOccur::Must, q)));
        top.extend(
            request_filters(self.fields, request)
                .into_iter()
                .map(|q| (TOccur::Must, q)),
        );
        if top.is_empty() {
            top.push((TOccur::Must, Box::new(AllQuery)));
        }
        top.extend(must_not.into_iter().map(|q| (TOccur::MustNot, q)));
        // One optional clause asked about each match (a sparse union), not several that Tantivy
        // would union in windows, scoring every article of every bonus list in each window.
        if !free.bonus.is_empty() {
            top.push((TOccur::Should, any_of(free.bonus)));
        }
        BuiltQuery {
            query: Box::new(BooleanQuery::new(top)),
            highlight,
            partial_units,
            rerank: free.rerank,
            words,
        }
    }

    fn add_clause(&self, clause: &Clause, mode: MatchMode, parts: &mut Parts) {
        match clause {
            Clause::Word {
                text,
                occur: Occur::Should,
            } => self.add_plain_word(text, mode, parts),
            Clause::Word { text, occur } | Clause::Phrase { text, occur } => {
                let syllables = analyse_syllables(text);
                if syllables.is_empty() {
                    return;
                }
                let query = if matches!(clause, Clause::Phrase { .. }) {
                    self.words().phrase(&syllables)
                } else {
                    self.written_token(text, &syllables)
                };
                if *occur == Occur::MustNot {
                    parts.must_not.push(query);
                } else {
                    note_highlight(&syllables, &mut parts.highlight);
                    parts.must.push(query);
                }
            }
            Clause::Filter {
                field,
                value,
                occur,
            } => {
                let query = facet_filter(self.fields, *field, std::slice::from_ref(value));
                if *occur == Occur::MustNot {
                    parts.must_not.push(query);
                } else {
                    parts.must.push(query);
                }
            }
            Clause::Any(alternatives) => {
                let mut queries = Vec::new();
                for alternative in alternatives {
                    match alternative {
                        Clause::Word { text, .. } | Clause::Phrase { text, .. } => {
                            let syllables = analyse_syllables(text);
                            note_highlight(&syllables, &mut parts.highlight);
                            if syllables.is_empty() {
                                continue;
                            }
                            // A word of several syllables typed apart ("Quảng Nam"), or a quoted
                            // phrase: its syllables side by side.
                            queries.push(if text.contains(char::is_whitespace) {
                                self.words().phrase(&syllables)
                            } else {
                                self.written_token(text, &syllables)
                            });
                        }
                        Clause::Filter { field, value, .. } => queries.push(facet_filter(
                            self.fields,
                            *field,
                            std::slice::from_ref(value),
                        )),
                        Clause::Any(_) => {}
                    }
                }
                if !queries.is_empty() {
                    parts.must.push(any_of(queries));
                }
            }
        }
    }

    /// A plain word typed: one syllable joins the run of words; a written token of several
    /// syllables (`TP.HCM`, `Covid-19`) or an abbreviation (`UBND`) stands on its own.
    fn add_plain_word(&self, text: &str, mode: MatchMode, parts: &mut Parts) {
        let mut syllables = analyse_syllables(text);
        let Some(first) = syllables.first() else {
            // Punctuation typed on its own ("Việt Nam - Nhật Bản") still stands between words.
            parts.run_tail.push(' ');
            parts.run_tail.push_str(text);
            return;
        };
        // Its words are noted when the run is cut ([`FreeText::highlight_words`]).
        note_syllables(&syllables, &mut parts.highlight);
        let single = syllables.len() == 1;
        if single && !self.is_abbreviation(text, first) {
            let separator = format!("{} {}", parts.run_tail, &text[..first.range.start]);
            let tail = text[first.range.end..].to_string();
            let mut syllable = syllables.remove(0);
            syllable.joined = !parts.run.is_empty() && joins(&separator);
            syllable.spaced = !parts.run.is_empty() && spaced(&separator);
            parts.run.push(syllable);
            parts.run_tail = tail;
            return;
        }
        self.end_run(mode, parts);
        parts.highlight.words.push(syllables.clone());
        if reads_as_abbreviation(text) {
            note_short_form(
                &abbreviation_key(text),
                self.abbreviations,
                &mut parts.highlight,
            );
        }
        parts.free.units.push(self.written_token(text, &syllables));
        parts.free.labels.push(text.to_string());
        parts.free.words.push(text.to_string());
    }

    /// Plain tokens typed one after the other cut into words, as a run of free text is: the
    /// lexicon's words and names over the single syllables; a token of several syllables or an
    /// abbreviation (`TP.HCM`, `UBND`) a word of its own. `OR` joins these words.
    fn cut_words(&self, tokens: &[&str]) -> Vec<Range<usize>> {
        let mut words = Vec::with_capacity(tokens.len());
        let mut from = 0;
        for (i, token) in tokens.iter().enumerate() {
            if self.is_one_syllable(token) {
                continue;
            }
            words.extend(self.cut_syllables(tokens, from..i));
            words.push(i..i + 1);
            from = i + 1;
        }
        words.extend(self.cut_syllables(tokens, from..tokens.len()));
        words
    }

    fn is_one_syllable(&self, token: &str) -> bool {
        match analyse_syllables(token).as_slice() {
            [one] => !self.is_abbreviation(token, one),
            _ => false,
        }
    }

    /// Whether `text`, a token typed, is an abbreviation this index can spell out (`UBND`), not a
    /// syllable (`ca`) or an unknown short form.
    fn is_abbreviation(&self, text: &str, first: &AnalysedSyllable) -> bool {
        reads_as_abbreviation(text) && !self.abbreviations.expansions(&first.folded).is_empty()
    }

    /// The words of `tokens[range]`, each a single syllable, as ranges of `tokens`.
    fn cut_syllables(&self, tokens: &[&str], range: Range<usize>) -> Vec<Range<usize>> {
        let one_by_one = || range.clone().map(|i| i..i + 1).collect();
        if range.len() < 2 {
            return one_by_one();
        }
        let syllables = analyse_syllables(&tokens[range.clone()].join(" "));
        if syllables.len() != range.len() {
            return one_by_one();
        }
        let offset = range.start;
        self.lexicon
            .segment(&syllables)
            .into_iter()
            .map(|w| w.start + offset..w.end + offset)
            .collect()
    }

    fn end_run(&self, mode: MatchMode, parts: &mut Parts) {
        let run = std::mem::take(&mut parts.run);
        parts.run_tail.clear();
        if !run.is_empty() {
            self.free_text().add_run(&run, mode, &mut parts.free);
        }
    }

    /// A token as typed: its syllables together, or its abbreviation's forms.
    fn written_token(&self, text: &str, syllables: &[AnalysedSyllable]) -> Box<dyn Query> {
        let base = self.words().phrase(syllables);
        if !reads_as_abbreviation(text) {
            return base;
        }
        let key = abbreviation_key(text);
        let expansions = self.abbreviations.expansions(&key);
        if expansions.is_empty() {
            return base;
        }
        // The short form however it is written (`TP.HCM` typed also finds `TPHCM`, and back),
        // or any of its expansions; the form typed is `base` already.
        let mut alternatives = vec![base];
        if syllables.len() > 1 {
            alternatives.push(self.words().folded_term(&key, 1.0));
        }
        let typed: Vec<&str> = syllables.iter().map(|s| s.folded.as_str()).collect();
        alternatives.extend(self.words().written_pieces(&key, 1.0, &typed));
        for expansion in expansions {
            alternatives.push(self.words().phrase(&folded_syllables(expansion, true)));
        }
        any_of(alternatives)
    }
}

/// Marks, for a short form typed (`UBND`), the other ways articles write it and its words in
/// full ("Ủy ban nhân dân"), which the query asks too; nothing when it stands for nothing known.
fn note_short_form(key: &str, abbreviations: &Abbreviations, highlight: &mut HighlightTerms) {
    let expansions = abbreviations.expansions(key);
    if expansions.is_empty() {
        return;
    }
    let words = short_form_writings(key)
        .into_iter()
        .chain(expansions.iter().map(|e| folded_syllables(e, true)));
    for word in words {
        highlight
            .folded
            .extend(word.iter().map(|s| s.folded.clone()));
        highlight.words.push(word);
    }
}

/// Notes `syllables`, one word of the query, for the snippets to mark.
fn note_highlight(syllables: &[AnalysedSyllable], highlight: &mut HighlightTerms) {
    note_syllables(syllables, highlight);
    if !syllables.is_empty() {
        highlight.words.push(syllables.to_vec());
    }
}

fn note_syllables(syllables: &[AnalysedSyllable], highlight: &mut HighlightTerms) {
    for syllable in syllables {
        if marked(syllable) {
            highlight.exact.insert(syllable.exact.clone());
        } else {
            highlight.folded.insert(syllable.folded.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::build_schema;

    fn built(query: &str, mode: MatchMode) -> Result<BuiltQuery, SearchError> {
        let fields = Fields::resolve(&build_schema()).map_err(SearchError::Engine)?;
        let abbreviations = Abbreviations::builtin();
        let request = SearchRequest {
            query: query.into(),
            ..SearchRequest::default()
        };
        QueryBuilder::new(&fields, &abbreviations).build(&request, mode)
    }

    #[test]
    fn each_word_is_one_unit_and_each_syllable_in_a_partial_mode() -> Result<(), SearchError> {
        // "bảo hiểm xã hội" is written-out BHXH: one unit, its two words or the short form.
        assert_eq!(built("bảo hiểm xã hội", MatchMode::All)?.partial_units, 1);
        assert_eq!(
            built("cải cách hành chính", MatchMode::All)?.partial_units,
            2
        );
        assert_eq!(built("bảo hiểm xã hội", MatchMode::Most)?.partial_units, 4);
        assert_eq!(
            built("o nhiem moi truong", MatchMode::All)?.partial_units,
            2
        );
        Ok(())
    }

    #[test]
    fn over_long_words_say_why_there_is_nothing_to_search() {
        let long = "a".repeat(60);
        let message = built(&long, MatchMode::All)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(message.contains("longer than 48 letters"), "{message}");
    }
}
