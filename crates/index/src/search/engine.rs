//! [`SearchIndex`]: opens an index directory and answers [`SearchRequest`]s.
//!
//! One instance serves many threads (`Send + Sync`). Its reader reloads on its own shortly after
//! any process commits to the directory, so a re-index is picked up without a restart.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock, Weak};
use std::time::Instant;

use tantivy::collector::{Count, TopDocs};
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, OwnedValue};
use tantivy::{
    DocAddress, Index, IndexReader, Order, ReloadPolicy, Searcher, TantivyDocument, Term, Warmer,
};

use crate::article::Article;
use crate::enrich::cited_documents;
use crate::indexer::LEARNT_ABBREVIATIONS_FILE;
use crate::schema::{Fields, UNDATED_YEAR, build_schema, register_tokenizers};
use crate::search::SearchError;
use crate::search::closest::{closest, has_room};
use crate::search::facet_table::FacetTables;
use crate::search::facets::{FacetCollector, FacetFruit};
use crate::search::filters::{check_named, source_site};
use crate::search::free_text::MatchMode;
use crate::search::missing::missing_words;
use crate::search::query_builder::{BuiltQuery, HighlightTerms, QueryBuilder, QueryWord};
use crate::search::query_parser::is_year_filter;
use crate::search::ranking::Ranking;
use crate::search::request::{
    FacetCount, FacetField, Hit, MAX_QUERY_CHARS, MAX_RESULT_WINDOW, MatchKind, MonthCount,
    SearchRequest, SearchResponse, SortOrder, StoredArticle,
};
use crate::search::rerank::{RERANK_DEPTH, rerank};
use crate::search::snapshot::Snapshot;
use crate::search::snippet::Highlighter;
use crate::text::abbreviations::Abbreviations;
use crate::text::learnt_names::{LEARNT_NAMES_FILE, LearntNames};
use crate::text::words::Lexicon;

/// Facet counts by facet name, and matches per month.
type FacetsAndHistogram = (BTreeMap<String, Vec<FacetCount>>, Vec<MonthCount>);

/// An open index, ready to search.
pub struct SearchIndex {
    reader: IndexReader,
    fields: Fields,
    dir: PathBuf,
    abbreviations: RwLock<Abbreviations>,
    /// The lexicon queries are cut with: the built-in one and the names learnt at indexing time.
    lexicon: RwLock<Arc<Lexicon>>,
    /// The reader generation the learnt files were last read at.
    learnt_at: AtomicU64,
    ranking: Ranking,
    /// Facet values per segment, read when the reader first sees a segment (its warmer).
    facet_tables: Arc<FacetTables>,
}

fn facet_column(field: FacetField) -> &'static str {
    match field {
        FacetField::Source => "source",
        FacetField::Province => "province",
        FacetField::Year => "year",
        FacetField::Ref => "cited",
        FacetField::Type => "doc_type",
    }
}

impl SearchIndex {
    /// Opens the index in `dir`.
    pub fn open(dir: &Path) -> Result<SearchIndex, SearchError> {
        let unavailable = |reason: String| SearchError::IndexUnavailable {
            path: dir.display().to_string(),
            reason,
        };
        if !dir.join("meta.json").is_file() {
            return Err(unavailable(
                "no index there; build one with `tracuu index --corpus PATH --index DIR`".into(),
            ));
        }
        let index = Index::open_in_dir(dir).map_err(|e| unavailable(e.to_string()))?;
        let fields = Fields::resolve(&index.schema())
            .map_err(|_| unavailable("built by another tracuu version; re-index it".into()))?;
        if serde_json::to_value(index.schema()).ok() != serde_json::to_value(build_schema()).ok() {
            return Err(unavailable(
                "built by another tracuu version; re-index it".into(),
            ));
        }
        register_tokenizers(&index);
        let facet_tables = Arc::new(FacetTables::default());
        let warmer: Weak<dyn Warmer> = Arc::downgrade(&facet_tables) as Weak<dyn Warmer>;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .warmers(vec![warmer])
            .try_into()
            .map_err(|e: tantivy::TantivyError| unavailable(e.to_string()))?;
        let search = SearchIndex {
            reader,
            fields,
            dir: dir.to_path_buf(),
            abbreviations: RwLock::new(Abbreviations::builtin()),
            lexicon: RwLock::new(Arc::new(Lexicon::over(Lexicon::builtin()))),
            learnt_at: AtomicU64::new(u64::MAX),
            ranking: Ranking::default(),
            facet_tables,
        };
        // Reads the learnt files, at the reader's generation.
        drop(search.snapshot());
        Ok(search)
    }

    /// Ranks by other weights than the defaults (the evaluation measures each one).
    pub fn set_ranking(&mut self, ranking: Ranking) {
        self.ranking = ranking;
    }

    /// The directory this index was opened from.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Re-reads what was learnt at indexing time (after a re-index): the abbreviations defined
    /// in the text, and people's names ([`crate::text::learnt_names`]).
    pub fn reload_learnt(&self) {
        let mut abbreviations = Abbreviations::builtin();
        match Abbreviations::load(&self.dir.join(LEARNT_ABBREVIATIONS_FILE)) {
            Ok(learnt) => abbreviations.merge(&learnt),
            Err(e) => tracing::warn!("learnt abbreviations unreadable, using built-in ones: {e}"),
        }
        if let Ok(mut slot) = self.abbreviations.write() {
            *slot = abbreviations;
        }
        let lexicon = match LearntNames::load(&self.dir.join(LEARNT_NAMES_FILE)) {
            Ok(names) => names.query_lexicon(),
            Err(e) => {
                tracing::warn!("learnt names unreadable, cutting queries without them: {e}");
                Lexicon::over(Lexicon::builtin())
            }
        };
        if let Ok(mut slot) = self.lexicon.write() {
            *slot = Arc::new(lexicon);
        }
    }

    /// The lexicon queries are cut into words with: the built-in one and the names learnt.
    pub fn query_lexicon(&self) -> Arc<Lexicon> {
        match self.lexicon.read() {
            Ok(lexicon) => Arc::clone(&lexicon),
            Err(_) => Arc::new(Lexicon::over(Lexicon::builtin())),
        }
    }

    /// Runs `f` with the abbreviations queries are read with (built-in and learnt).
    pub fn with_abbreviations<R>(&self, f: impl FnOnce(&Abbreviations) -> R) -> R {
        match self.abbreviations.read() {
            Ok(abbreviations) => f(&abbreviations),
            Err(_) => f(&Abbreviations::builtin()),
        }
    }

    /// Picks up the latest commit now instead of after the reload delay.
    pub fn reload(&self) -> Result<(), SearchError> {
        self.reader.reload()?;
        drop(self.snapshot());
        Ok(())
    }

    /// A searcher on the latest commit, and the fields, for passes of their own (the citator).
    pub(crate) fn searcher_and_fields(&self) -> (Searcher, &Fields) {
        (self.reader.searcher(), &self.fields)
    }

    /// Articles in the index.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Answers one search request.
    ///
    /// Every number in the answer (total, facets, histogram) and every page come from one set:
    /// the articles holding every word of the query ([`MatchKind::All`]). Only when that set is
    /// empty does the engine ask for most of the syllables, then any one of them, and the answer
    /// says so ([`MatchKind::Partial`]); filters and dates apply in every mode. When the set is
    /// smaller than the first page, the rest of that page is the closest articles, apart
    /// (`closest`) and counted nowhere (see [`super::closest`]).
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResponse, SearchError> {
        self.search_in(&self.snapshot(), request)
    }

    /// The index as committed now: searches in it see this commit whatever is committed later,
    /// so the batches of one export, or the series of one trend, all count the same articles.
    ///
    /// A snapshot of a commit the learnt files were not read at (`tracuu update` beside a running
    /// server) re-reads them first, so a name the new articles taught is a word of the queries
    /// that see those articles.
    pub fn snapshot(&self) -> Snapshot {
        let searcher = self.reader.searcher();
        let generation = searcher.generation().generation_id();
        if self.learnt_at.swap(generation, Ordering::AcqRel) != generation {
            self.reload_learnt();
        }
        Snapshot::new(searcher)
    }

    /// Answers one search request in `snapshot` (see [`SearchIndex::search`]).
    pub fn search_in(
        &self,
        snapshot: &Snapshot,
        request: &SearchRequest,
    ) -> Result<SearchResponse, SearchError> {
        let started = Instant::now();
        validate(request)?;
        let searcher = snapshot.searcher();
        check_named(searcher, &self.fields, request)?;
        let abbreviations = self.abbreviations()?;
        let lexicon = self.query_lexicon();
        let builder = QueryBuilder::new(&self.fields, &abbreviations)
            .with_lexicon(&lexicon)
            .with_ranking(self.ranking);
        let (built, collected, mode) = self.collect_widening(&builder, searcher, request)?;
        let nearest = if has_room(request, &built, collected.total) {
            let room = request.limit - collected.top.len();
            closest(&builder, searcher, request, mode, &collected.top, room)?
        } else {
            None
        };
        // For a page a person reads, what an article lacks is said wherever one may lack a word:
        // in a partial answer, and below a short answer.
        let may_lack = mode != MatchMode::All || nearest.is_some();
        let words = if request.closest && may_lack {
            builder.required_words(request)?
        } else {
            Vec::new()
        };
        drop(abbreviations);
        let hits = self.hits(searcher, collected.top, &words, built.highlight, request)?;
        let closest = match nearest {
            Some((built, top)) => self.hits(searcher, top, &words, built.highlight, request)?,
            None => Vec::new(),
        };
        let (facets, histogram) = match collected.facets {
            Some(fruit) => facets_from(fruit, request.facet_limit),
            None => (BTreeMap::new(), Vec::new()),
        };
        Ok(SearchResponse {
            matched: if mode == MatchMode::All {
                MatchKind::All
            } else {
                MatchKind::Partial
            },
            total: collected.total,
            words: built.words,
            hits,
            closest,
            facets,
            histogram,
            took_ms: started.elapsed().as_secs_f64() * 1000.0,
        })
    }

    /// The abbreviations queries expand, built-in and learnt.
    pub(crate) fn abbreviations(
        &self,
    ) -> Result<std::sync::RwLockReadGuard<'_, Abbreviations>, SearchError> {
        self.abbreviations.read().map_err(|_| {
            SearchError::Engine(tantivy::TantivyError::InternalError(
                "abbreviations lock poisoned".into(),
            ))
        })
    }

    /// The index's fields.
    pub(crate) fn fields(&self) -> &Fields {
        &self.fields
    }

    /// A collector counting `columns` (facet fast fields) over the matches, in that order.
    pub(crate) fn facet_collector(&self, columns: Vec<&'static str>) -> FacetCollector {
        FacetCollector::new(self.facet_tables.clone(), columns)
    }

    /// The ranking weights queries are built with.
    pub(crate) fn ranking(&self) -> Ranking {
        self.ranking
    }

    /// Every word first; most syllables, then any, only when nothing holds every word. Returns
    /// the mode whose set is counted.
    fn collect_widening(
        &self,
        builder: &QueryBuilder<'_>,
        searcher: &Searcher,
        request: &SearchRequest,
    ) -> Result<(BuiltQuery, Collected, MatchMode), SearchError> {
        let built = builder.build(request, MatchMode::All)?;
        let collected = self.collect(searcher, &built, request)?;
        if collected.total > 0 || built.partial_units < 2 {
            return Ok((built, collected, MatchMode::All));
        }
        for &mode in MatchMode::All.looser() {
            let partial = builder.build(request, mode)?;
            let found = self.collect(searcher, &partial, request)?;
            if found.total > 0 {
                return Ok((partial, found, mode));
            }
        }
        Ok((built, collected, MatchMode::All))
    }

    /// One pass over the matches: the exact count, the requested page, and the facet counts.
    /// By relevance, the best [`RERANK_DEPTH`] also get the positional bonus ([`rerank`]).
    fn collect(
        &self,
        searcher: &Searcher,
        built: &BuiltQuery,
        request: &SearchRequest,
    ) -> Result<Collected, SearchError> {
        let query = built.query.as_ref();
        let facets = facet_columns(request).map(|columns| self.facet_collector(columns));
        let page = (request.limit > 0)
            .then(|| TopDocs::with_limit(request.limit).and_offset(request.offset));
        let (total, top, facets) = match (request.sort, built.rerank.as_slice()) {
            (SortOrder::Relevance, bonus) if request.limit > 0 && !bonus.is_empty() => {
                let end = request.offset.saturating_add(request.limit);
                let first = TopDocs::with_limit(end.max(RERANK_DEPTH)).order_by_score();
                let (total, mut top, facets) = searcher.search(query, &(Count, first, facets))?;
                rerank(searcher, bonus, &mut top)?;
                let page = top.into_iter().skip(request.offset).take(request.limit);
                (total, page.collect(), facets)
            }
            (SortOrder::Relevance, _) => {
                let top = page.map(|p| p.order_by_score());
                let (total, top, facets) = searcher.search(query, &(Count, top, facets))?;
                (total, top.unwrap_or_default(), facets)
            }
            (SortOrder::Newest | SortOrder::Oldest, _) => {
                let column = if request.sort == SortOrder::Newest {
                    "published_ts"
                } else {
                    "published_rev"
                };
                let top = page.map(|p| p.order_by_fast_field::<i64>(column, Order::Desc));
                let (total, top, facets) = searcher.search(query, &(Count, top, facets))?;
                let top = top
                    .unwrap_or_default()
                    .into_iter()
                    .map(|(_, address)| (0.0, address))
                    .collect();
                (total, top, facets)
            }
        };
        Ok(Collected {
            total: total as u64,
            top,
            facets,
        })
    }

    /// The stored articles at `top`, with snippets marking `highlight` and which of `words`
    /// (label and query) each lacks.
    fn hits(
        &self,
        searcher: &Searcher,
        top: Vec<(f32, DocAddress)>,
        words: &[QueryWord],
        highlight: HighlightTerms,
        request: &SearchRequest,
    ) -> Result<Vec<Hit>, SearchError> {
        let highlighter = Highlighter::from(highlight);
        let mut missing = missing_words(searcher, words, &top)?.into_iter();
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            let mut hit = self.hit(&doc, score, &highlighter, request.snippet_chars);
            hit.missing = missing.next().unwrap_or_default();
            hits.push(hit);
        }
        Ok(hits)
    }

    fn hit(
        &self,
        doc: &TantivyDocument,
        score: f32,
        highlighter: &Highlighter,
        snippet_chars: usize,
    ) -> Hit {
        let f = &self.fields;
        let body = first_text(doc, f.body).unwrap_or_default();
        let title = first_text(doc, f.title).unwrap_or_default();
        Hit {
            id: first_text(doc, f.id).unwrap_or_default(),
            url: first_text(doc, f.url).unwrap_or_default(),
            title_marks: highlighter.marks(&title),
            title,
            published: first_text(doc, f.published),
            source: first_text(doc, f.source),
            agency: first_text(doc, f.agency),
            province: first_text(doc, f.site_province),
            provinces: all_text(doc, f.province),
            cited: all_text(doc, f.cited),
            snippet: highlighter.snippet(&body, snippet_chars),
            score,
            missing: Vec::new(),
        }
    }

    /// The whole stored article with id `id`.
    pub fn article(&self, id: &str) -> Result<StoredArticle, SearchError> {
        let doc = self.stored(id)?;
        let f = &self.fields;
        let article = Article {
            id: first_text(&doc, f.id),
            url: first_text(&doc, f.url).unwrap_or_default(),
            title: first_text(&doc, f.title).unwrap_or_default(),
            body: first_text(&doc, f.body).unwrap_or_default(),
            published: first_text(&doc, f.published),
            source: first_text(&doc, f.source),
            agency: first_text(&doc, f.agency),
            province: first_text(&doc, f.site_province),
            author: first_text(&doc, f.author),
            section: first_text(&doc, f.section),
            duplicate_of: first_text(&doc, f.duplicate_of),
            // A server path: kept out of the API; the archive page asks `archive_location`.
            warc_file: None,
            warc_offset: None,
        };
        let cited = cited_documents(&format!("{}\n{}", article.title, article.body));
        let provinces = all_text(&doc, f.province);
        Ok(StoredArticle {
            article,
            cited,
            provinces,
        })
    }
}

impl SearchIndex {
    /// The stored document of article `id`.
    fn stored(&self, id: &str) -> Result<TantivyDocument, SearchError> {
        let searcher = self.reader.searcher();
        let query = TermQuery::new(
            Term::from_field_text(self.fields.id, id),
            IndexRecordOption::Basic,
        );
        let top = searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?;
        let Some((_, address)) = top.first() else {
            return Err(SearchError::NotFound(id.to_string()));
        };
        Ok(searcher.doc(*address)?)
    }

    /// Where the archived page of article `id` is: its WARC file and the response record's offset;
    /// `None` when the crawl did not archive it.
    pub fn archive_location(&self, id: &str) -> Result<Option<(PathBuf, u64)>, SearchError> {
        let doc = self.stored(id)?;
        Ok(first_text(&doc, self.fields.warc).and_then(|location| {
            let (offset, file) = location.split_once(' ')?;
            Some((PathBuf::from(file), offset.parse().ok()?))
        }))
    }
}

/// What one pass over the matches gathered.
struct Collected {
    total: u64,
    top: Vec<(f32, DocAddress)>,
    facets: Option<FacetFruit>,
}

/// The fast field the month histogram counts.
const HISTOGRAM_COLUMN: &str = "year_month";

/// The columns to count: each facet, then the months, as the request asks.
fn facet_columns(request: &SearchRequest) -> Option<Vec<&'static str>> {
    if request.facet_limit == 0 && !request.histogram {
        return None;
    }
    let mut columns: Vec<&'static str> = Vec::new();
    if request.facet_limit > 0 {
        columns.extend(FacetField::ALL.map(facet_column));
    }
    if request.histogram {
        columns.push(HISTOGRAM_COLUMN);
    }
    Some(columns)
}

/// Facets most frequent first (years newest first, undated last) and months oldest first.
fn facets_from(fruit: FacetFruit, facet_limit: usize) -> FacetsAndHistogram {
    let mut columns = fruit.into_iter();
    let mut facets = BTreeMap::new();
    if facet_limit > 0 {
        for field in FacetField::ALL {
            let counts = columns.next().unwrap_or_default();
            let mut list: Vec<FacetCount> = counts
                .into_iter()
                .map(|(value, count)| FacetCount { value, count })
                .collect();
            if field == FacetField::Year {
                let undated = list.iter().position(|c| c.value == UNDATED_YEAR);
                let undated = undated.map(|at| list.remove(at));
                list.sort_by(|a, b| b.value.cmp(&a.value));
                list.truncate(facet_limit);
                list.extend(undated);
            } else {
                list.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
                list.truncate(facet_limit);
            }
            facets.insert(field.name().to_string(), list);
        }
    }
    let mut histogram: Vec<MonthCount> = columns
        .next()
        .unwrap_or_default()
        .into_iter()
        .map(|(month, count)| MonthCount { month, count })
        .collect();
    histogram.sort_by(|a, b| a.month.cmp(&b.month));
    (facets, histogram)
}

/// Refuses what [`SearchIndex::search`] refuses before searching: an over-long query, paging past
/// [`MAX_RESULT_WINDOW`], a year filter that is not a year, an empty date range.
pub fn validate(request: &SearchRequest) -> Result<(), SearchError> {
    let chars = request.query.chars().count();
    if chars > MAX_QUERY_CHARS {
        return Err(SearchError::InvalidRequest(format!(
            "the query has {chars} characters; the limit is {MAX_QUERY_CHARS}"
        )));
    }
    if request.offset.saturating_add(request.limit) > MAX_RESULT_WINDOW {
        return Err(SearchError::InvalidRequest(format!(
            "results past the first {MAX_RESULT_WINDOW} cannot be paged to; narrow the query or add filters"
        )));
    }
    if let Some((_, year)) = request
        .filters
        .iter()
        .find(|(f, v)| *f == FacetField::Year && !is_year_filter(v))
    {
        return Err(SearchError::InvalidRequest(format!(
            "'{year}' is not a year; write it as digits, e.g. 2021, or 'none' for undated articles"
        )));
    }
    if let Some((_, page)) = request
        .filters
        .iter()
        .find(|(f, v)| *f == FacetField::Source && source_site(v).is_none())
    {
        return Err(SearchError::InvalidRequest(format!(
            "'{page}' names no site; give a site's host, not a page's address, e.g. quangnam.gov.vn"
        )));
    }
    if let (Some(from), Some(to)) = (request.from, request.to)
        && from > to
    {
        return Err(SearchError::InvalidRequest(format!(
            "the date range is empty: {from} is after {to}"
        )));
    }
    Ok(())
}

pub(crate) fn first_text(doc: &TantivyDocument, field: tantivy::schema::Field) -> Option<String> {
    use tantivy::schema::document::Document;
    doc.iter_fields_and_values()
        .find(|(f, _)| *f == field)
        .and_then(|(_, v)| match OwnedValue::from(v) {
            OwnedValue::Str(s) => Some(s),
            _ => None,
        })
}

fn all_text(doc: &TantivyDocument, field: tantivy::schema::Field) -> Vec<String> {
    use tantivy::schema::document::Document;
    doc.iter_fields_and_values()
        .filter(|(f, _)| *f == field)
        .filter_map(|(_, v)| match OwnedValue::from(v) {
            OwnedValue::Str(s) => Some(s),
            _ => None,
        })
        .collect()
}
