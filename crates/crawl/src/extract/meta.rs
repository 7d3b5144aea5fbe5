//! The page's machine-readable metadata, read once: `<meta>` tags, JSON-LD objects, the site's
//! name; and the canonical URL and language.
//!
//! The title, date and author finders ([`super::title`], [`super::published`], [`super::author`])
//! all read from one [`PageMeta`], so no tag is scanned and no JSON-LD parsed twice.

use std::sync::LazyLock;

use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node, Selector};
use serde_json::Value;

pub use super::author::find_author;
pub use super::published::find_published;
pub use super::title::find_title;

pub(crate) fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|err| unreachable!("static selector {css}: {err}"))
}

static META: LazyLock<Selector> = LazyLock::new(|| selector("meta"));
static JSON_LD: LazyLock<Selector> =
    LazyLock::new(|| selector(r#"script[type="application/ld+json"]"#));
static CANONICAL: LazyLock<Selector> = LazyLock::new(|| selector(r#"link[rel="canonical"]"#));

/// JSON-LD `@type`s of the object that describes the article itself.
const ARTICLE_TYPES: &[&str] = &[
    "article",
    "newsarticle",
    "blogposting",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "scholarlyarticle",
    "techarticle",
    "liveblogposting",
    "socialmediaposting",
    "posting",
    "report",
    "review",
    "howto",
    "recipe",
    "medicalwebpage",
    "webpage",
    "creativework",
    "discussionforumposting",
    "qapage",
];

/// Everything machine-readable a page says about itself.
#[derive(Debug, Default)]
pub struct PageMeta {
    /// `<meta>` tags as (key lower-cased, content), key from `property`, `name` or `itemprop`.
    pub tags: Vec<(String, String)>,
    /// JSON-LD objects (`@graph` flattened), the article-like ones first.
    pub json_ld: Vec<Value>,
    /// Names the site goes by: `og:site_name`, `application-name`, JSON-LD publisher and website.
    pub site_names: Vec<String>,
    /// The page's host without `www.` (`vnexpress.net`).
    pub host: Option<String>,
    /// `<html lang>`, lower case.
    pub lang: Option<String>,
}

impl PageMeta {
    /// Reads the metadata of `html`, served from `url`.
    pub fn read(html: &Html, url: Option<&url::Url>) -> PageMeta {
        let mut tags = Vec::new();
        for meta in html.select(&META) {
            let el = meta.value();
            let Some(content) = el.attr("content").map(str::trim).filter(|c| !c.is_empty()) else {
                continue;
            };
            for key in [el.attr("property"), el.attr("name"), el.attr("itemprop")]
                .into_iter()
                .flatten()
            {
                tags.push((key.trim().to_ascii_lowercase(), content.to_string()));
            }
        }
        let mut json_ld = Vec::new();
        for script in html.select(&JSON_LD) {
            let raw: String = script.text().collect();
            if let Ok(value) = serde_json::from_str::<Value>(raw.trim()) {
                collect_objects(value, &mut json_ld);
            }
        }
        // Article-like objects first, so "the first one that has it" prefers the article.
        json_ld.sort_by_key(|v| !is_article(v));
        let mut meta = PageMeta {
            tags,
            json_ld,
            site_names: Vec::new(),
            host: url
                .and_then(|u| u.host_str())
                .map(|h| h.trim_start_matches("www.").to_ascii_lowercase()),
            lang: find_lang(html),
        };
        meta.site_names = meta.collect_site_names();
        meta
    }

    /// The first non-empty content of the first of `keys` present (keys lower case).
    pub fn tag(&self, keys: &[&str]) -> Option<&str> {
        keys.iter().find_map(|key| {
            self.tags
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, c)| c.as_str())
        })
    }

    /// Every content of the tags named by `keys`, in key order then page order.
    pub fn tags_named<'a>(&'a self, keys: &'a [&str]) -> impl Iterator<Item = &'a str> + 'a {
        keys.iter().flat_map(move |key| {
            self.tags
                .iter()
                .filter(move |(k, _)| k == key)
                .map(|(_, c)| c.as_str())
        })
    }

    /// The first JSON-LD value of `field` as text, article-like objects first.
    pub fn json_ld_text(&self, field: &str) -> Option<String> {
        self.json_ld
            .iter()
            .find_map(|v| v.get(field).and_then(json_str))
    }

    fn collect_site_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .tags_named(&[
                "og:site_name",
                "application-name",
                "twitter:site",
                "al:android:app_name",
                "al:ios:app_name",
            ])
            .map(|s| s.trim_start_matches('@').trim().to_string())
            .collect();
        for object in &self.json_ld {
            if let Some(publisher) = object.get("publisher").and_then(json_str) {
                names.push(publisher);
            }
            let kind = type_of(object);
            if kind.iter().any(|t| {
                matches!(
                    t.as_str(),
                    "website" | "organization" | "newsmediaorganization" | "corporation"
                )
            }) && let Some(name) = object.get("name").and_then(json_str)
            {
                names.push(name);
            }
        }
        if let Some(host) = &self.host {
            names.push(host.clone());
        }
        names.retain(|n| !n.is_empty());
        names.dedup();
        names
    }

    /// Whether `text` is one of the site's names (or its host), compared on letters and digits
    /// alone, without case or marks: "TUOI TRE ONLINE" is tuoitre.vn's, "VnExpress" vnexpress.net's.
    pub fn is_site_name(&self, text: &str) -> bool {
        let folded = fold_name(text);
        if folded.len() < 3 {
            return false;
        }
        self.site_names.iter().any(|name| {
            let site = fold_name(name);
            site == folded
                || (site.len() >= 4 && folded.starts_with(&site) && folded.len() <= site.len() + 8)
                || self.host.as_deref().map(host_label).is_some_and(|label| {
                    label.len() >= 4
                        && (folded == label
                            || folded.starts_with(&label) && folded.len() <= label.len() + 8)
                })
        })
    }
}

/// The host's distinctive label: `vnexpress` of `vnexpress.net`, `tuoitre` of `tuoitre.vn`,
/// `danang` of `songoaivu.danang.gov.vn` is not taken (only the label before the public suffix).
fn host_label(host: &str) -> String {
    let labels: Vec<&str> = host.split('.').collect();
    let suffix = match labels.as_slice() {
        [.., second, _]
            if matches!(*second, "gov" | "com" | "org" | "edu" | "net" | "co" | "ac") =>
        {
            2
        }
        _ => 1,
    };
    labels
        .len()
        .checked_sub(suffix + 1)
        .and_then(|i| labels.get(i))
        .map(|l| fold_name(l))
        .unwrap_or_default()
}

/// Letters and digits only, lower case, Vietnamese marks and `đ` folded.
pub fn fold_name(text: &str) -> String {
    tracuu_index::text::facet_key::facet_key(text)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

fn type_of(value: &Value) -> Vec<String> {
    match value.get("@type") {
        Some(Value::String(s)) => vec![s.to_ascii_lowercase()],
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_ascii_lowercase)
            .collect(),
        _ => Vec::new(),
    }
}

fn is_article(value: &Value) -> bool {
    type_of(value)
        .iter()
        .any(|t| ARTICLE_TYPES.contains(&t.as_str()))
}

/// Whether a JSON-LD object is an organisation rather than a person.
pub fn is_organisation(value: &Value) -> bool {
    type_of(value).iter().any(|t| {
        t.contains("organization") || matches!(t.as_str(), "corporation" | "website" | "brand")
    })
}

fn collect_objects(value: Value, out: &mut Vec<Value>) {
    match value {
        Value::Array(items) => items.into_iter().for_each(|v| collect_objects(v, out)),
        Value::Object(mut map) => {
            if let Some(graph) = map.remove("@graph") {
                collect_objects(graph, out);
            }
            // An article nested as mainEntity of a WebPage counts as an object of its own.
            if let Some(main) = map.get("mainEntity").filter(|m| m.is_object()).cloned() {
                collect_objects(main, out);
            }
            out.push(Value::Object(map));
        }
        _ => {}
    }
}

/// A JSON-LD value as text: a string, an object's `name`, or a list of those joined with ", ".
pub fn json_str(value: &Value) -> Option<String> {
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

/// How far up the ancestors [`in_other_region`] looks (bounded: deep nesting stays linear).
const MAX_LINEAGE: usize = 32;

/// Whether an element belongs to something other than the article: comments, related articles,
/// sidebars, navigation, the footer (their dates and "author" classes are about other things).
/// An `<aside>` inside the `<article>` is the article's own margin (dates often sit there).
pub fn in_other_region(el: ElementRef<'_>) -> bool {
    static OTHER: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)comment|related|sidebar|widget|footer|reply|replies|recommend|popular|trending|newsletter|more-?stories|read-?next|lienquan|lien-quan|tinkhac|tin-khac|binhluan",
        )
        .unwrap_or_else(|err| unreachable!("static regex: {err}"))
    });
    let mut aside = false;
    for a in el
        .ancestors()
        .filter_map(ElementRef::wrap)
        .take(MAX_LINEAGE)
    {
        let v = a.value();
        match v.name() {
            "nav" | "footer" => return true,
            "aside" => aside = true,
            "article" | "main" => return false,
            _ => {}
        }
        if [v.attr("class"), v.attr("id")]
            .into_iter()
            .flatten()
            .any(|c| OTHER.is_match(c))
        {
            return true;
        }
    }
    aside
}

/// An element's visible text (scripts and styles left out), whitespace collapsed, or `None` when
/// it is longer than `max_bytes`: reading stops there, so a short-field probe never costs the
/// size of a huge subtree's text.
pub fn short_text(element: ElementRef<'_>, max_bytes: usize) -> Option<String> {
    let mut out = String::new();
    let mut hidden = 0usize;
    for edge in element.traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) if is_invisible(el.name()) => hidden += 1,
                Node::Text(text) if hidden == 0 => {
                    for word in text.split_whitespace() {
                        if !out.is_empty() {
                            out.push(' ');
                        }
                        out.push_str(word);
                        if out.len() > max_bytes {
                            return None;
                        }
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(el) = node.value()
                    && is_invisible(el.name())
                {
                    hidden = hidden.saturating_sub(1);
                }
            }
        }
    }
    Some(out)
}

fn is_invisible(tag: &str) -> bool {
    matches!(tag, "script" | "style" | "noscript" | "template")
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publishers_are_recognised_by_name_or_host() {
        let html = Html::parse_document(
            r#"<html><head><meta property="og:site_name" content="Báo Tuổi Trẻ"></head><body></body></html>"#,
        );
        let url = url::Url::parse("https://tuoitre.vn/a.htm").ok();
        let meta = PageMeta::read(&html, url.as_ref());
        assert!(meta.is_site_name("TUOI TRE ONLINE"));
        assert!(meta.is_site_name("Báo Tuổi Trẻ"));
        assert!(meta.is_site_name("tuoitre.vn"));
        assert!(!meta.is_site_name("Nhật Xuân"));
    }
}
