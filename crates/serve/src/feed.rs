//! `/feeds/search.atom`: a saved search as an Atom feed (RFC 4287) of its newest matches.
//!
//! It takes the parameters of `/api/search` (`q`, the filters, `from`, `to`, `per_page`…), sorted
//! newest first unless `sort` says otherwise, so a reader subscribed to it sees each new article
//! that matches, as EUR-Lex and Chronicling America offer. Each entry has the article's title, a
//! link to the source page and one to its page here, its publication time, its source (the
//! publishing site), the agency as author, the provinces and cited documents as categories, and
//! the snippet as plain-text summary. The feed is written by the `atom_syndication` crate, which
//! escapes and orders the XML; tests read it back with `feed-rs`.
//!
//! Links are absolute, on the `Host` the request came to (`https` when a proxy says so in
//! `X-Forwarded-Proto`). An undated match has no `published`; its `updated` is the feed's.

use atom_syndication::{
    Category, Entry, Feed, FixedDateTime, Generator, Link, Person, Source, Text,
};
use axum::extract::{RawQuery, State};
use axum::http::HeaderMap;
use axum::http::header::{CONTENT_TYPE, HOST};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, FixedOffset, Offset, Utc};
use time::OffsetDateTime;
use tracuu_index::article::{is_web_url, parse_published};
use tracuu_index::search::{Hit, SearchResponse};

use crate::api::run_search;
use crate::error::ApiError;
use crate::page::search::{article_url, page_url};
use crate::params::{Endpoint, SearchParams};
use crate::provenance::VERSION;
use crate::state::AppState;

/// The Atom media type.
pub const ATOM: &str = "application/atom+xml; charset=utf-8";

/// `GET /feeds/search.atom`.
pub async fn search_feed(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let params = SearchParams::parse(raw.as_deref(), Endpoint::Feed)?;
    let mut request = params.to_request();
    request.facet_limit = 0;
    request.histogram = false;
    let response = run_search(&state, request).await?;
    let base = base_url(&headers);
    let feed = build(&params, &response, &base, OffsetDateTime::now_utc());
    let xml = feed
        .write_to(Vec::new())
        .map_err(|e| ApiError::internal(format!("writing the Atom feed: {e}")))?;
    Ok(([(CONTENT_TYPE, ATOM)], xml).into_response())
}

/// `http://host:port` of the request, or nothing (links stay relative) without a usable `Host`.
fn base_url(headers: &HeaderMap) -> String {
    let Some(host) = headers.get(HOST).and_then(|h| h.to_str().ok()).filter(|h| {
        !h.is_empty()
            && h.chars()
                .all(|c| c.is_ascii_graphic() && !"/?#@\\".contains(c))
    }) else {
        return String::new();
    };
    let https = headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("https"));
    format!("{}://{host}", if https { "https" } else { "http" })
}

/// The feed of `response`, the answer to `params`, with links under `base`, written at `now`.
pub fn build(
    params: &SearchParams,
    response: &SearchResponse,
    base: &str,
    now: OffsetDateTime,
) -> Feed {
    let api = params.for_api();
    let self_url = format!("{base}/feeds/search.atom?{}", api.to_query_string());
    let newest = response.hits.iter().filter_map(published).max();
    let updated = newest.unwrap_or_else(|| chrono_time(now));
    let mut feed = Feed::default();
    let title = if params.q.is_empty() {
        "tracuu: bài mới".to_string()
    } else {
        format!("tracuu: “{}”", params.q)
    };
    feed.set_title(Text::plain(title));
    feed.set_subtitle(Text::plain(format!(
        "{} bài khớp tìm kiếm; {} bài mới nhất",
        response.total,
        response.hits.len()
    )));
    feed.set_id(self_url.clone());
    feed.set_updated(updated);
    feed.set_lang("vi".to_string());
    feed.set_links(vec![
        link(&self_url, "self", "application/atom+xml"),
        link(
            &format!("{base}{}", page_url(&api)),
            "alternate",
            "text/html",
        ),
    ]);
    feed.set_authors(vec![person("tracuu")]);
    feed.set_generator(Generator {
        value: "tracuu".into(),
        uri: None,
        version: Some(VERSION.into()),
    });
    feed.set_entries(
        response
            .hits
            .iter()
            .map(|hit| entry(hit, base, updated))
            .collect::<Vec<_>>(),
    );
    feed
}

fn entry(hit: &Hit, base: &str, feed_updated: FixedDateTime) -> Entry {
    let mut entry = Entry::default();
    let web = is_web_url(hit.url.trim()).then(|| hit.url.trim().to_string());
    entry.set_id(
        web.clone()
            .unwrap_or_else(|| format!("urn:tracuu:article:{}", hit.id)),
    );
    entry.set_title(Text::plain(hit.title.clone()));
    let when = published(hit);
    entry.set_updated(when.unwrap_or(feed_updated));
    entry.set_published(when);
    let mut links = Vec::new();
    if let Some(url) = &web {
        links.push(link(url, "alternate", "text/html"));
    }
    links.push(link(
        &format!("{base}{}", article_url(&hit.id)),
        "related",
        "text/html",
    ));
    entry.set_links(links);
    entry.set_summary(Some(Text::plain(hit.snippet.display_text())));
    let site = hit.source.clone().filter(|s| !s.is_empty());
    let author = hit
        .agency
        .clone()
        .filter(|a| !a.is_empty())
        .or_else(|| site.clone())
        .unwrap_or_else(|| "tracuu".to_string());
    entry.set_authors(vec![person(&author)]);
    if let Some(site) = site {
        let mut source = Source::default();
        let home = format!("https://{site}/");
        source.set_id(home.clone());
        source.set_title(Text::plain(site));
        source.set_links(vec![link(&home, "alternate", "text/html")]);
        source.set_updated(when.unwrap_or(feed_updated));
        entry.set_source(Some(source));
    }
    let mut categories: Vec<Category> = hit
        .provinces
        .iter()
        .map(|p| category(p, "province"))
        .collect();
    categories.extend(hit.cited.iter().map(|c| category(c, "ref")));
    entry.set_categories(categories);
    entry
}

fn link(href: &str, rel: &str, mime: &str) -> Link {
    Link {
        href: href.to_string(),
        rel: rel.to_string(),
        mime_type: Some(mime.to_string()),
        ..Link::default()
    }
}

fn person(name: &str) -> Person {
    Person {
        name: name.to_string(),
        ..Person::default()
    }
}

/// A facet value as a category: `term` the value, `scheme` the facet it filters.
fn category(value: &str, facet: &str) -> Category {
    Category {
        term: value.to_string(),
        scheme: Some(format!("tracuu:{facet}")),
        label: Some(value.to_string()),
    }
}

/// The hit's publication time, as the corpus gives it (a bare day is midnight in Vietnam).
fn published(hit: &Hit) -> Option<FixedDateTime> {
    hit.published
        .as_deref()
        .and_then(parse_published)
        .map(chrono_time)
}

fn chrono_time(at: OffsetDateTime) -> FixedDateTime {
    let offset = FixedOffset::east_opt(at.offset().whole_seconds()).unwrap_or(Utc.fix());
    DateTime::from_timestamp(at.unix_timestamp(), at.nanosecond())
        .unwrap_or_default()
        .with_timezone(&offset)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tracuu_index::search::MatchKind;

    #[test]
    fn base_url_comes_from_a_plain_host_only() {
        let mut headers = HeaderMap::new();
        assert_eq!(base_url(&headers), "");
        headers.insert(HOST, "127.0.0.1:8080".parse().unwrap());
        assert_eq!(base_url(&headers), "http://127.0.0.1:8080");
        headers.insert("x-forwarded-proto", "https".parse().unwrap());
        assert_eq!(base_url(&headers), "https://127.0.0.1:8080");
        headers.insert(HOST, "evil.example/path".parse().unwrap());
        assert_eq!(base_url(&headers), "");
    }

    #[test]
    fn an_undated_match_takes_the_feeds_time() {
        let uy_ban = "Chủ tịch ".len().."Chủ tịch Ủy ban".len();
        let hit = Hit {
            id: "abc".into(),
            url: "javascript:alert(1)".into(),
            title: "Thông báo lịch tiếp công dân".into(),
            title_marks: Vec::new(),
            published: None,
            source: None,
            agency: None,
            province: None,
            provinces: vec![],
            cited: vec![],
            snippet: tracuu_index::search::Highlighted::new(
                "Chủ tịch Ủy ban nhân dân",
                vec![uy_ban],
            ),
            score: 0.0,
            missing: Vec::new(),
        };
        let response = SearchResponse {
            matched: MatchKind::All,
            total: 1,
            words: vec!["ủy ban".into()],
            hits: vec![hit],
            closest: Vec::new(),
            facets: Default::default(),
            histogram: vec![],
            took_ms: 0.0,
        };
        let params = SearchParams::default();
        let now = time::macros::datetime!(2025-06-01 03:00 UTC);
        let xml = build(&params, &response, "", now).to_string();
        assert!(xml.contains("<id>urn:tracuu:article:abc</id>"), "{xml}");
        assert!(!xml.contains("javascript:"), "{xml}");
        assert!(
            xml.contains("<summary>Chủ tịch Ủy ban nhân dân</summary>"),
            "{xml}"
        );
        assert!(!xml.contains("<published>"));
        assert!(
            xml.contains("<updated>2025-06-01T03:00:00+00:00</updated>"),
            "{xml}"
        );
    }
}
