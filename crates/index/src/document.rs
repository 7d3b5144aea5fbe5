//! From an Article to the Tantivy document that indexes it, with enrichment applied.
//!
//! The stored body and title are normalised ([`crate::text::normalize_text`]: NFC, no invisible
//! characters), so snippets and highlights show clean text whatever the source's encoding.

use tantivy::TantivyDocument;
use time::{Date, OffsetDateTime};

use crate::article::Article;
use crate::enrich::{CitedDocument, canonical_province, cited_documents, provinces_named};
use crate::schema::{Fields, UNDATED_YEAR};
use crate::text::normalize_text;

/// What enrichment found in one article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Enrichment {
    /// Documents cited in the title or body.
    pub cited: Vec<CitedDocument>,
    /// The site's province first, then provinces named in the text.
    pub provinces: Vec<String>,
}

/// Derives cited documents and provinces from an article.
pub fn enrich(article: &Article, title: &str, body: &str) -> Enrichment {
    let text = format!("{title}\n{body}");
    let mut provinces: Vec<String> = Vec::new();
    if let Some(own) = article
        .province
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        provinces.push(
            canonical_province(own)
                .map(str::to_string)
                .unwrap_or_else(|| own.to_string()),
        );
    }
    for named in provinces_named(&text) {
        if !provinces.iter().any(|p| p == named) {
            provinces.push(named.to_string());
        }
    }
    Enrichment {
        cited: cited_documents(&text),
        provinces,
    }
}

/// Builds the document for `article`; returns it with the enrichment, for reporting.
pub fn to_document(article: &Article, fields: &Fields) -> (TantivyDocument, Enrichment) {
    let title = normalize_text(article.title.trim());
    let body = normalize_text(&article.body);
    let enrichment = enrich(article, &title, &body);
    let mut doc = TantivyDocument::default();
    doc.add_text(fields.id, article.effective_id());
    doc.add_text(fields.url, article.url.trim());
    // Schema order: each text's exact pass records the syllables its other three passes replay.
    for field in [fields.title, fields.title_folded, fields.title_pairs] {
        doc.add_text(field, &title);
    }
    for field in [fields.body, fields.body_folded, fields.body_pairs] {
        doc.add_text(field, &body);
    }
    if let Some(published) = &article.published {
        doc.add_text(fields.published, published.trim());
    }
    match article.published_at() {
        Some(at) => add_date(&mut doc, fields, at),
        None => doc.add_text(fields.year, UNDATED_YEAR),
    }
    if let Some(source) = article.source_host() {
        doc.add_text(fields.source, source);
    }
    let optional = [
        (fields.agency, &article.agency),
        (fields.site_province, &article.province),
        (fields.author, &article.author),
        (fields.section, &article.section),
        (fields.duplicate_of, &article.duplicate_of),
    ];
    for (field, value) in optional {
        if let Some(value) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            doc.add_text(field, normalize_text(value));
        }
    }
    if let (Some(file), Some(offset)) = (&article.warc_file, article.warc_offset) {
        doc.add_text(fields.warc, format!("{offset} {file}"));
    }
    for province in &enrichment.provinces {
        doc.add_text(fields.province, province);
    }
    let mut types: Vec<&str> = Vec::new();
    for cited in &enrichment.cited {
        doc.add_text(fields.cited, &cited.number);
        for key in cited.keys() {
            doc.add_text(fields.cited_key, key);
        }
        if let Some(kind) = cited.doc_type.as_deref().filter(|k| !types.contains(k)) {
            types.push(kind);
        }
    }
    for kind in types {
        doc.add_text(fields.doc_type, kind);
    }
    (doc, enrichment)
}

/// The date fields. Year, month and day are the page's own, in the zone it gave (an article
/// dated `2024-10-22T20:00:00-04:00` is of the 22nd, as the page says); the timestamp orders
/// articles by the instant.
fn add_date(doc: &mut TantivyDocument, fields: &Fields, at: OffsetDateTime) {
    let ts = at.unix_timestamp();
    doc.add_i64(fields.published_ts, ts);
    doc.add_i64(fields.published_rev, -ts);
    doc.add_i64(fields.published_day, day_number(at.date()));
    doc.add_text(fields.year, at.year().to_string());
    doc.add_text(
        fields.year_month,
        format!("{}-{:02}", at.year(), at.month() as u8),
    );
}

/// A calendar day as the number `YYYYMMDD`, which orders like the days.
pub fn day_number(date: Date) -> i64 {
    i64::from(date.year()) * 10_000 + i64::from(date.month() as u8) * 100 + i64::from(date.day())
}
