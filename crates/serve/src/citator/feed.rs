//! `GET /feeds/documents/{ref}`: an Atom feed (RFC 4287) of the newest articles citing a
//! document, for readers that follow a resolution ("citation alerts").
//!
//! Entries are the citator's newest page: title, the article's own link, its date, the sentence
//! that cites the document as the summary, and its agency or site as author. Undated articles
//! cannot be new, and are left out. Written with `atom_syndication`, which escapes and formats
//! the XML.

use atom_syndication::{Entry, Feed, FixedDateTime, Link, Person, Text};
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::HeaderValue;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use tracuu_index::article::parse_published;
use tracuu_index::citator::{CitatorReport, CitingArticle};

use super::{
    CitatorParams, document_of, document_url, feed_url, not_cited, path_error, run_citator,
};
use crate::error::ApiError;
use crate::state::AppState;

/// Entries in a feed.
pub const FEED_ENTRIES: usize = 20;

/// The media type of an Atom feed.
pub const ATOM: &str = "application/atom+xml; charset=utf-8";

/// `GET /feeds/documents/{ref}`.
pub async fn document_feed(
    State(state): State<AppState>,
    reference: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let Path(reference) = reference.map_err(path_error)?;
    let document = document_of(&reference)?;
    let params = CitatorParams {
        page: 1,
        per_page: FEED_ENTRIES,
    };
    let report = run_citator(&state, params.request(&document.number)).await?;
    if report.citing == 0 {
        return Err(not_cited(&document.number));
    }
    let xml = atom(&report)?;
    let mut response = xml.into_response();
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(ATOM));
    Ok(response)
}

/// The feed of a report, as XML.
pub fn atom(report: &CitatorReport) -> Result<String, ApiError> {
    let number = &report.document.number;
    let kind = report.document.doc_type.as_deref().unwrap_or("Văn bản");
    let entries: Vec<Entry> = report.articles.iter().filter_map(entry).collect();
    let mut feed = Feed::default();
    feed.set_title(Text::plain(format!(
        "Bài viết trích dẫn {kind} {number} — tracuu"
    )));
    feed.set_id(format!("urn:tracuu:document:{}", urn_part(number)));
    feed.set_updated(
        entries
            .iter()
            .map(|e| *e.updated())
            .max()
            .unwrap_or_else(|| fixed(OffsetDateTime::UNIX_EPOCH).unwrap_or_default()),
    );
    feed.set_authors(vec![person("tracuu")]);
    feed.set_links(vec![
        link(&feed_url(number), "self"),
        link(&document_url(number), "alternate"),
    ]);
    feed.set_lang(Some("vi".to_string()));
    feed.set_entries(entries);
    let bytes = feed
        .write_to(Vec::new())
        .map_err(|e| ApiError::internal(format!("writing the Atom feed: {e}")))?;
    String::from_utf8(bytes)
        .map_err(|e| ApiError::internal(format!("the Atom feed is not UTF-8: {e}")))
}

/// One citing article as an entry; `None` for an undated one.
fn entry(article: &CitingArticle) -> Option<Entry> {
    let published = fixed(parse_published(article.published.as_deref()?)?)?;
    let mut entry = Entry::default();
    entry.set_id(format!("urn:tracuu:article:{}", urn_part(&article.id)));
    entry.set_title(Text::plain(article.title.clone()));
    entry.set_updated(published);
    entry.set_published(Some(published));
    let by = article
        .agency
        .as_deref()
        .or(article.source.as_deref())
        .unwrap_or("tracuu");
    entry.set_authors(vec![person(by)]);
    if tracuu_index::article::is_web_url(article.url.trim()) {
        entry.set_links(vec![link(article.url.trim(), "alternate")]);
    }
    if let Some(sentence) = &article.sentence {
        entry.set_summary(Some(Text::plain(sentence.clone())));
    }
    Some(entry)
}

fn fixed(at: OffsetDateTime) -> Option<FixedDateTime> {
    FixedDateTime::parse_from_rfc3339(&at.format(&Rfc3339).ok()?).ok()
}

fn person(name: &str) -> Person {
    let mut person = Person::default();
    person.set_name(name.to_string());
    person
}

fn link(href: &str, rel: &str) -> Link {
    let mut link = Link::default();
    link.set_href(href.to_string());
    link.set_rel(rel.to_string());
    link
}

/// A value as a URN's specific part: percent-encoded outside the characters URNs allow.
fn urn_part(value: &str) -> String {
    const KEEP: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_');
    percent_encoding::utf8_percent_encode(value, KEEP).to_string()
}
