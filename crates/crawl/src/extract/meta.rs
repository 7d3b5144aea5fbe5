//! Title, publication date, author and canonical URL, from the places publishers put them.
//!
//! Order of trust: a per-site selector from the profile, then machine-readable metadata (meta
//! tags, JSON-LD, `<time datetime>`), then the visible page (the headline, a date or byline block
//! near it). Dates found in the body text are the last resort.

use std::sync::LazyLock;

use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

use super::date::{parse_iso_date, parse_vietnamese_date};

fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|err| unreachable!("static selector {css}: {err}"))
}

static META: LazyLock<Selector> = LazyLock::new(|| selector("meta"));
static TITLE: LazyLock<Selector> = LazyLock::new(|| selector("title"));
static H1: LazyLock<Selector> = LazyLock::new(|| selector("h1"));
static TITLED_HEADING: LazyLock<Selector> = LazyLock::new(|| {
    selector(
        r#"h2[class*="title"], h3[class*="title"], h2[class*="heading"], h3[class*="heading"], [class*="title-news"], [class*="news-title"]"#,
    )
});

/// True when a heading sits in the page banner or navigation (a site name, not a headline).
fn in_banner(element: ElementRef<'_>) -> bool {
    element.ancestors().filter_map(ElementRef::wrap).any(|a| {
        let el = a.value();
        matches!(el.name(), "header" | "nav")
            || el
                .attr("role")
                .is_some_and(|r| r == "banner" || r == "navigation")
    })
}
static JSON_LD: LazyLock<Selector> =
    LazyLock::new(|| selector(r#"script[type="application/ld+json"]"#));
static TIME: LazyLock<Selector> =
    LazyLock::new(|| selector("time[datetime], [itemprop=datePublished]"));
static CANONICAL: LazyLock<Selector> = LazyLock::new(|| selector(r#"link[rel="canonical"]"#));
static AUTHOR_BLOCK: LazyLock<Selector> = LazyLock::new(|| {
    selector(
        r#"[itemprop=author], [rel=author], .author, .byline, .tacgia, .tac-gia, .news-author, .author-name, [class*="author"], [class*="tacgia"]"#,
    )
});
static DATE_BLOCK: LazyLock<Selector> = LazyLock::new(|| {
    selector(
        r#"[class*="date"], [class*="time"], [class*="ngay"], [class*="publish"], [id*="date"], [id*="Date"], [class*="Date"], [class*="meta"], [class*="post-info"]"#,
    )
});

/// The `<meta>` content for the first of `names` (by `name`, `property` or `itemprop`) present.
fn meta_content(html: &Html, names: &[&str]) -> Option<String> {
    for wanted in names {
        for meta in html.select(&META) {
            let el = meta.value();
            let key = el
                .attr("property")
                .or_else(|| el.attr("name"))
                .or_else(|| el.attr("itemprop"));
            if key.is_some_and(|k| k.eq_ignore_ascii_case(wanted))
                && let Some(content) = el.attr("content").map(str::trim).filter(|c| !c.is_empty())
            {
                return Some(content.to_string());
            }
        }
    }
    None
}

/// Visible text of an element, whitespace collapsed.
pub fn element_text(element: ElementRef<'_>) -> String {
    let mut out = String::new();
    for piece in element.text() {
        for word in piece.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
    }
    out
}

fn json_ld(html: &Html) -> Vec<Value> {
    let mut out = Vec::new();
    for script in html.select(&JSON_LD) {
        let raw: String = script.text().collect();
        if let Ok(value) = serde_json::from_str::<Value>(raw.trim()) {
            collect_objects(value, &mut out);
        }
    }
    out
}

fn collect_objects(value: Value, out: &mut Vec<Value>) {
    match value {
        Value::Array(items) => items.into_iter().for_each(|v| collect_objects(v, out)),
        Value::Object(mut map) => {
            if let Some(graph) = map.remove("@graph") {
                collect_objects(graph, out);
            }
            out.push(Value::Object(map));
        }
        _ => {}
    }
}

fn json_str(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Object(map) => map.get("name").and_then(json_str),
        Value::Array(items) => {
            let names: Vec<String> = items.iter().filter_map(json_str).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        _ => None,
    }
}

/// Headline of the page: profile selector, then `<h1>`, `og:title`, JSON-LD, `<title>`.
pub fn find_title(html: &Html, profile: Option<&Selector>) -> String {
    if let Some(found) =
        profile.and_then(|sel| html.select(sel).map(element_text).find(|t| !t.is_empty()))
    {
        return found;
    }
    let og = meta_content(html, &["og:title", "twitter:title"]);
    let page_title = html
        .select(&TITLE)
        .next()
        .map(element_text)
        .unwrap_or_default();
    let h1s: Vec<String> = html
        .select(&H1)
        .filter(|h| !in_banner(*h))
        .chain(html.select(&TITLED_HEADING).filter(|h| !in_banner(*h)))
        .map(element_text)
        .filter(|t| t.chars().count() >= 10)
        .collect();
    // Prefer an <h1> that the metadata confirms; many portals use <h1> for the site logo.
    if let Some(h1) = h1s.iter().find(|h| {
        og.as_deref().is_some_and(|o| o.contains(h.as_str())) || page_title.contains(h.as_str())
    }) {
        return h1.clone();
    }
    if let Some(og) = og {
        return og;
    }
    let headline = json_ld(html)
        .iter()
        .find_map(|v| v.get("headline").and_then(json_str));
    if let Some(headline) = headline {
        return headline;
    }
    if let Some(h1) = h1s.into_iter().next() {
        return h1;
    }
    // "Headline - Site name": keep the longest part.
    page_title
        .split(['|', '–'])
        .flat_map(|part| part.split(" - "))
        .map(str::trim)
        .max_by_key(|p| p.chars().count())
        .unwrap_or("")
        .to_string()
}

/// Publication date: profile selector, meta tags, JSON-LD, `<time>`, date blocks, then `fallback_text`.
pub fn find_published(
    html: &Html,
    profile: Option<&Selector>,
    fallback_text: &str,
) -> Option<String> {
    if let Some(sel) = profile {
        for el in html.select(sel) {
            let text = element_text(el);
            if let Some(date) = parse_vietnamese_date(&text).or_else(|| parse_iso_date(&text)) {
                return Some(date);
            }
        }
    }
    let meta = meta_content(
        html,
        &[
            "article:published_time",
            "datePublished",
            "og:published_time",
            "pubdate",
            "publishdate",
            "dc.date.issued",
            "dc.date",
            "dcterms.created",
            "date",
        ],
    );
    if let Some(date) = meta
        .as_deref()
        .and_then(|m| parse_iso_date(m).or_else(|| parse_vietnamese_date(m)))
    {
        return Some(date);
    }
    if let Some(date) = json_ld(html)
        .iter()
        .filter_map(|v| {
            v.get("datePublished")
                .or_else(|| v.get("dateCreated"))
                .and_then(json_str)
        })
        .find_map(|d| parse_iso_date(&d))
    {
        return Some(date);
    }
    for el in html.select(&TIME) {
        let attr = el
            .value()
            .attr("datetime")
            .or_else(|| el.value().attr("content"));
        if let Some(date) = attr.and_then(parse_iso_date) {
            return Some(date);
        }
        if let Some(date) = parse_vietnamese_date(&element_text(el)) {
            return Some(date);
        }
    }
    for el in html.select(&DATE_BLOCK) {
        let text = element_text(el);
        if text.chars().count() > 120 {
            continue;
        }
        if let Some(date) = parse_vietnamese_date(&text) {
            return Some(date);
        }
    }
    let head: String = fallback_text.chars().take(400).collect();
    parse_vietnamese_date(&head)
}

/// Byline: profile selector, meta/JSON-LD author, then an author block on the page.
pub fn find_author(html: &Html, profile: Option<&Selector>) -> Option<String> {
    let clean = |s: String| -> Option<String> {
        let s = s
            .trim()
            .trim_start_matches("Tác giả:")
            .trim_start_matches("Bài và ảnh:")
            .trim()
            .to_string();
        (!s.is_empty() && s.chars().count() <= 80 && !s.starts_with("http")).then_some(s)
    };
    if let Some(found) = profile.and_then(|sel| html.select(sel).map(element_text).find_map(clean))
    {
        return Some(found);
    }
    if let Some(found) =
        meta_content(html, &["author", "article:author", "dc.creator"]).and_then(clean)
    {
        return Some(found);
    }
    if let Some(found) = json_ld(html)
        .iter()
        .find_map(|v| v.get("author").and_then(json_str))
        .and_then(clean)
    {
        return Some(found);
    }
    html.select(&AUTHOR_BLOCK).map(element_text).find_map(clean)
}

/// The `rel=canonical` URL, resolved against `base`.
pub fn find_canonical(html: &Html, base: Option<&url::Url>) -> Option<String> {
    let href = html
        .select(&CANONICAL)
        .find_map(|el| el.value().attr("href"))?
        .trim();
    match base {
        Some(base) => base.join(href).ok().map(String::from),
        None => url::Url::parse(href).ok().map(String::from),
    }
}

/// The document's declared language (`<html lang>`), lower case.
pub fn find_lang(html: &Html) -> Option<String> {
    html.root_element()
        .value()
        .attr("lang")
        .map(|l| l.trim().to_ascii_lowercase())
}
