//! Facet filters (`source`, `province`, `year`, `ref`, `type`) and the date range, as queries
//! that never score: a filter only ever narrows what the words match.

use tantivy::query::Query;
use tantivy::{Searcher, Term};

use crate::document::day_number;
use crate::enrich::{
    canonical_province, canonical_type, parse_document_number, references_in_query,
};
use crate::schema::Fields;
use crate::search::SearchError;
use crate::search::readable::DayRange;
use crate::search::references::cited_query;
use crate::search::request::{FacetField, SearchRequest};
use crate::search::word_query::{any_of, term_query};
use crate::text::facet_key::facet_key;

/// A facet filter: any of `values` (OR within one facet).
pub(crate) fn facet_filter(
    fields: &Fields,
    field: FacetField,
    values: &[String],
) -> Box<dyn Query> {
    let mut queries = Vec::new();
    for value in values {
        let query = match field {
            FacetField::Ref => ref_filter(fields, value),
            FacetField::Province => {
                let name = canonical_province(value).unwrap_or(value);
                term_query(fields.province, &facet_key(name), 0.0)
            }
            FacetField::Source => {
                let site = source_site(value).unwrap_or_else(|| value.trim().to_string());
                term_query(fields.source, &facet_key(&site), 0.0)
            }
            FacetField::Year => term_query(fields.year, &facet_key(value), 0.0),
            FacetField::Type => term_query(fields.doc_type, &facet_key(value), 0.0),
        };
        queries.push(query);
    }
    any_of(queries)
}

/// Refuses a `province` or `type` filter that names no province or document type, in any
/// spelling, and that no article has either (a site's own name for its province is kept as
/// given): `province=Quang` would otherwise filter to nothing without saying why. The query's
/// `province:` and `type:` words are checked as they are read (`query_parser`); this is for the
/// API's parameters and the CLI's `--filter`. One term lookup per segment and value.
pub(crate) fn check_named(
    searcher: &Searcher,
    fields: &Fields,
    request: &SearchRequest,
) -> Result<(), SearchError> {
    for (field, value) in &request.filters {
        let (named, indexed) = match field {
            FacetField::Province => (canonical_province(value).is_some(), fields.province),
            FacetField::Type => (canonical_type(value).is_some(), fields.doc_type),
            FacetField::Source | FacetField::Year | FacetField::Ref => continue,
        };
        if named
            || value.trim().is_empty()
            || holds(searcher, Term::from_field_text(indexed, &facet_key(value)))?
        {
            continue;
        }
        return Err(SearchError::UnknownFilterValue {
            field: *field,
            value: value.clone(),
        });
    }
    Ok(())
}

/// Whether any segment has `term`.
fn holds(searcher: &Searcher, term: Term) -> Result<bool, SearchError> {
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(term.field())?;
        if inverted
            .get_term_info(&term)
            .map_err(tantivy::TantivyError::from)?
            .is_some()
        {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The site a `source` filter value names: a host (`quangnam.gov.vn`, `www.` dropped), a site's
/// own name as its articles give it, or a URL pasted whole (`https://www.quangnam.gov.vn/`), which
/// stands for its host. `None` for a URL with a path (`https://quangnam.gov.vn/tin-tuc`): sites
/// are filtered whole, and taking the host alone would widen what was asked; `None` too for a
/// URL without a host (`https://`).
pub fn source_site(value: &str) -> Option<String> {
    let value = value.trim();
    let lower = value.to_ascii_lowercase();
    let Some(rest) = ["https://", "http://"]
        .iter()
        .find_map(|scheme| lower.strip_prefix(scheme))
    else {
        return Some(value.trim_start_matches("www.").to_string());
    };
    let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
    if !path.is_empty() {
        return None;
    }
    let host = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    let host = host.split_once(':').map_or(host, |(host, _)| host);
    let host = host.trim_start_matches("www.");
    (!host.is_empty()).then(|| host.to_string())
}

/// The `ref` filter: a document number is the articles the facet counts under it, those citing
/// that number in its official form (`36/NQ-TW` is the Party's `36-NQ/TW`, which is how the
/// index stores it; case and marks aside). A spelling the words also ask for the same number
/// (the other separator style, `174-2013/NĐ-CP` for `174/2013/NĐ-CP`) is another facet value
/// with its own filter. Anything else (`nghị quyết 36`) is read as a query reference.
fn ref_filter(fields: &Fields, value: &str) -> Box<dyn Query> {
    if let Some(document) = parse_document_number(value) {
        return term_query(fields.cited, &facet_key(&document.number), 0.0);
    }
    match references_in_query(value).first() {
        Some(reference) => cited_query(fields, &reference.keys, 0.0),
        None => term_query(fields.cited, &facet_key(value), 0.0),
    }
}

/// The request's facet filters (AND across facets) and its date range.
pub(crate) fn request_filters(fields: &Fields, request: &SearchRequest) -> Vec<Box<dyn Query>> {
    let mut queries = Vec::new();
    for field in FacetField::ALL {
        let values: Vec<String> = request
            .filters
            .iter()
            .filter(|(f, _)| *f == field)
            .map(|(_, v)| v.clone())
            .collect();
        if !values.is_empty() {
            queries.push(facet_filter(fields, field, &values));
        }
    }
    // On the day the page gives, in its own zone: `to` includes its whole day.
    let (from, to) = (request.from.map(day_number), request.to.map(day_number));
    if let Some(range) = DayRange::new(fields.published_day, from, to) {
        queries.push(Box::new(range));
    }
    queries
}
