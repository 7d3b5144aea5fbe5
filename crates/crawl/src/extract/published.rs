//! The publication date, from the sources a page states it in, most trusted first:
//!
//! 1. the site profile's selector;
//! 2. JSON-LD `datePublished` (the article's object first), then `dateCreated`;
//! 3. `article:published_time` and the other meta, itemprop and Dublin Core tags;
//! 4. `itemprop=datePublished` elements and `<time datetime>` in the article (not in chrome);
//! 5. visible date lines ("Đăng ngày 05/11/2021", "Published July 9, 2025", "[10:35 - 18/01/2021]")
//!    near the headline, a published date preferred over an "updated" one on the same line;
//! 6. the first lines of the body; 7. the URL (`/2025/09/04/`);
//! 8. last, a modified date (`dateModified`, `article:modified_time`), better than none.
//!
//! Dates in the future or before 1990 are refused at every step. The day is the page's own: an
//! offset the page gives is kept ([`super::date`]).

use std::sync::LazyLock;

use ego_tree::NodeId;
use scraper::{ElementRef, Html, Selector};
use time::OffsetDateTime;

use super::date::{date_in_url, find_written_dates, is_plausible, parse_any_date};
use super::dom::PageStats;
use super::meta::{PageMeta, in_other_region, json_str, selector, short_text};
use super::title::in_site_banner;

/// Meta tags that carry the publication date, most specific first.
const PUBLISHED_TAGS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "article.published",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "published_date",
    "publication_date",
    "publication-date",
    "citation_publication_date",
    "citation_date",
    "sailthru.date",
    "parsely-pub-date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "date",
    "created",
    "originalpublicationdate",
    "published",
    "article_date_original",
];

/// Meta tags of the last modification: used only when nothing says when it was published.
const MODIFIED_TAGS: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dc.date.modified",
    "dcterms.modified",
    "last-modified",
    "lastmod",
];

static ITEMPROP_PUBLISHED: LazyLock<Selector> = LazyLock::new(|| {
    selector(
        "[itemprop=datePublished], [itemprop=dateCreated], time[pubdate], [property=\"article:published_time\"]",
    )
});
static TIME: LazyLock<Selector> = LazyLock::new(|| selector("time, date"));
static DATE_LINE: LazyLock<Selector> = LazyLock::new(|| {
    selector(
        r#"[class*="date"], [class*="Date"], [class*="time"], [class*="Time"], [class*="ngay"], [class*="publish"], [class*="posted"], [class*="byline"], [class*="meta"], [class*="post-info"], [class*="info"], [class*="author"], [id*="date"], [id*="Date"], [id*="time"], [id*="publish"]"#,
    )
});

/// Longer than this, a text node is prose: a date in it is not the page's date.
const MAX_SCANNED_BYTES: usize = 100;
/// How many text pieces after the headline are read for a date.
const MAX_TEXTS_AFTER_HEADLINE: usize = 40;
/// Longer than this, a block is text, not a date line.
const MAX_LINE_BYTES: usize = 240;
/// How many candidate elements of one kind are read (bounded work on pathological pages).
const MAX_CANDIDATES: usize = 200;

/// Words that mark the date after them as a modification ("Updated", "Cập nhật").
fn is_update_label(before: &str) -> bool {
    let tail: String = before
        .chars()
        .rev()
        .take(30)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect::<String>()
        .to_lowercase();
    [
        "updat",
        "modif",
        "cập nhật",
        "sửa",
        "edited",
        "revised",
        "aktualisiert",
        "mis à jour",
        "actualizado",
    ]
    .iter()
    .any(|w| tail.contains(w))
}

/// The published date on a short visible line, and whether it was labelled as an update.
fn date_on_line(text: &str, month_first: bool, now: OffsetDateTime) -> Option<(String, bool)> {
    let found: Vec<_> = find_written_dates(text, month_first)
        .into_iter()
        .filter(|f| is_plausible(&f.value, now))
        .collect();
    let published = found
        .iter()
        .find(|f| !is_update_label(text.get(..f.start).unwrap_or("")));
    match published {
        Some(f) => Some((f.value.clone(), false)),
        None => found.first().map(|f| (f.value.clone(), true)),
    }
}

struct Finder<'a> {
    html: &'a Html,
    meta: &'a PageMeta,
    stats: &'a PageStats,
    headline: Option<NodeId>,
    month_first: bool,
    now: OffsetDateTime,
}

impl Finder<'_> {
    fn accept(&self, value: Option<String>) -> Option<String> {
        value.filter(|v| is_plausible(v, self.now))
    }

    fn parse(&self, text: &str) -> Option<String> {
        self.accept(parse_any_date(text, self.month_first))
    }

    fn in_json_ld(&self, fields: &[&str]) -> Option<String> {
        fields.iter().find_map(|field| {
            self.meta
                .json_ld
                .iter()
                .filter_map(|v| v.get(*field).and_then(json_str))
                .find_map(|d| self.parse(&d))
        })
    }

    fn in_tags(&self, keys: &[&str]) -> Option<String> {
        self.meta.tags_named(keys).find_map(|c| self.parse(c))
    }

    /// Hidden blocks, scripts and the like, or another region (comments, related, sidebar).
    fn is_chrome(&self, element: ElementRef<'_>) -> bool {
        let hidden_or_script = self.stats.is_skipped(element.id())
            && element
                .ancestors()
                .filter_map(ElementRef::wrap)
                .take(32)
                .any(|a| {
                    matches!(
                        a.value().name(),
                        "script" | "noscript" | "template" | "head"
                    ) || a.value().attr("hidden").is_some()
                });
        hidden_or_script || in_other_region(element) || in_site_banner(element)
    }

    fn in_elements(&self) -> Option<String> {
        let attr_date = |el: ElementRef<'_>| {
            let v = el.value();
            [v.attr("datetime"), v.attr("content"), v.attr("title")]
                .into_iter()
                .flatten()
                .find_map(|a| self.parse(a))
        };
        let marked = self
            .html
            .select(&ITEMPROP_PUBLISHED)
            .take(MAX_CANDIDATES)
            .filter(|el| !self.is_chrome(*el))
            .find_map(|el| {
                attr_date(el)
                    .or_else(|| short_text(el, MAX_LINE_BYTES).and_then(|t| self.parse(&t)))
            });
        if marked.is_some() {
            return marked;
        }
        let times: Vec<(NodeId, String)> = self
            .html
            .select(&TIME)
            .take(MAX_CANDIDATES)
            .filter(|el| !self.is_chrome(*el))
            .filter_map(|el| {
                let text = short_text(el, MAX_LINE_BYTES).unwrap_or_default();
                if is_update_label(&text) {
                    return None;
                }
                attr_date(el)
                    .or_else(|| date_on_line(&text, self.month_first, self.now).map(|(d, _)| d))
                    .map(|d| (el.id(), d))
            })
            .collect();
        self.nearest(times)
    }

    /// Of candidates in document order, the one closest to the headline, counting nodes between
    /// them; a date before the headline counts double (bylines and dates follow the headline more
    /// often than they precede it). Without a headline, the first.
    fn nearest(&self, candidates: Vec<(NodeId, String)>) -> Option<String> {
        let Some(headline) = self.headline else {
            return candidates.into_iter().next().map(|(_, d)| d);
        };
        if candidates.len() <= 1 {
            return candidates.into_iter().next().map(|(_, d)| d);
        }
        // Node ids are allocated in document order: one pass over the arena gives positions.
        let wanted: std::collections::HashSet<NodeId> = candidates
            .iter()
            .map(|(id, _)| *id)
            .chain(std::iter::once(headline))
            .collect();
        let mut position = std::collections::HashMap::with_capacity(wanted.len());
        for (index, node) in self.html.tree.nodes().enumerate() {
            if wanted.contains(&node.id()) {
                position.insert(node.id(), index);
                if position.len() == wanted.len() {
                    break;
                }
            }
        }
        let h = position.get(&headline).copied().unwrap_or(0);
        candidates
            .into_iter()
            .min_by_key(|(id, _)| {
                let p = position.get(id).copied().unwrap_or(usize::MAX / 4);
                if p >= h { p - h } else { (h - p) * 2 }
            })
            .map(|(_, d)| d)
    }

    /// Short text lines right after the headline (and a few before it) that hold a date, whatever
    /// their markup: "December 17, 2025" in a plain `<p>` or `<span>` under the `<h1>`.
    fn near_headline(&self) -> Option<String> {
        self.near_headline_dates().0
    }

    /// The first published and the first "updated" date on the lines after the headline.
    fn near_headline_dates(&self) -> (Option<String>, Option<String>) {
        let Some(headline) = self.headline else {
            return (None, None);
        };
        let Some(node) = self.html.tree.get(headline) else {
            return (None, None);
        };
        let mut updated = None;
        let mut seen = 0usize;
        // Following text in document order: the headline's next siblings and their subtrees,
        // then its ancestors' next siblings.
        let mut current = Some(node);
        while let Some(at) = current {
            let mut sibling = at.next_sibling();
            while let Some(sib) = sibling {
                for d in sib.descendants() {
                    if let scraper::Node::Text(text) = d.value() {
                        let text = text.trim();
                        if text.is_empty() {
                            continue;
                        }
                        seen += 1;
                        if seen > MAX_TEXTS_AFTER_HEADLINE {
                            return (None, updated);
                        }
                        if text.len() > MAX_LINE_BYTES {
                            continue;
                        }
                        match date_on_line(text, self.month_first, self.now) {
                            Some((date, false)) => return (Some(date), updated),
                            Some((date, true)) => updated = updated.or(Some(date)),
                            None => {}
                        }
                    }
                }
                sibling = sib.next_sibling();
            }
            current = at.parent();
        }
        (None, updated)
    }

    /// Every short text of the page that states a date (outside comments, related lists and
    /// the like): the published and the "updated" ones nearest the headline. One pass over the
    /// text; the region test runs only on the few texts that hold a date.
    fn page_scan(&self) -> (Option<String>, Option<String>) {
        let mut published = Vec::new();
        let mut updated = Vec::new();
        for node in self.html.tree.root().descendants() {
            let scraper::Node::Text(text) = node.value() else {
                continue;
            };
            let text = text.trim();
            if text.len() < 8
                || text.len() > MAX_SCANNED_BYTES
                || !text.bytes().any(|b| b.is_ascii_digit())
            {
                continue;
            }
            let Some(parent) = node.parent().and_then(ElementRef::wrap) else {
                continue;
            };
            if matches!(
                parent.value().name(),
                "script" | "style" | "noscript" | "template" | "title" | "textarea" | "option"
            ) {
                continue;
            }
            let Some((date, is_update)) = date_on_line(text, self.month_first, self.now) else {
                continue;
            };
            if in_other_region(parent) || in_site_banner(parent) {
                continue;
            }
            let list = if is_update {
                &mut updated
            } else {
                &mut published
            };
            if list.len() < MAX_CANDIDATES {
                list.push((node.id(), date));
            }
        }
        (self.nearest(published), self.nearest(updated))
    }

    /// Visible date lines; returns (published, updated-only) candidates' best picks.
    fn on_lines(&self) -> (Option<String>, Option<String>) {
        let mut published = Vec::new();
        let mut updated = Vec::new();
        for el in self.html.select(&DATE_LINE).take(MAX_CANDIDATES) {
            if self.is_chrome(el) {
                continue;
            }
            let Some(text) = short_text(el, MAX_LINE_BYTES) else {
                continue;
            };
            match date_on_line(&text, self.month_first, self.now) {
                Some((date, false)) => published.push((el.id(), date)),
                Some((date, true)) => updated.push((el.id(), date)),
                None => {}
            }
        }
        (self.nearest(published), self.nearest(updated))
    }
}

/// Where the date may be found besides the page's markup.
pub struct DateContext<'a> {
    /// The site profile's date selector.
    pub profile: Option<&'a Selector>,
    /// The headline's element, to prefer dates right after it.
    pub headline: Option<NodeId>,
    /// The extracted body (its first lines often carry the date).
    pub body: &'a str,
    /// The page's URL.
    pub url: Option<&'a url::Url>,
}

/// Publication date in tracuu's form (`YYYY-MM-DD` or RFC 3339 with the page's offset).
///
/// A machine date stamped in UTC is often the server's clock, not the page's zone: when the
/// URL (`/2025/12/18/`) states a day one off from it, the URL's day wins.
pub fn find_published(
    html: &Html,
    meta: &PageMeta,
    stats: &PageStats,
    context: &DateContext<'_>,
) -> Option<String> {
    let found = find_published_raw(html, meta, stats, context)?;
    if !(found.ends_with("+00:00") || found.ends_with('Z')) {
        return Some(found);
    }
    let Some(day) = super::date::day_of(&found) else {
        return Some(found);
    };
    let finder = Finder {
        html,
        meta,
        stats,
        headline: context.headline,
        month_first: meta.lang.as_deref().is_some_and(|l| l == "en-us"),
        now: OffsetDateTime::now_utc(),
    };
    let stated = finder.accept(context.url.and_then(|u| date_in_url(u.as_str())));
    match stated.as_deref().and_then(super::date::day_of) {
        Some(other) if other != day && (other - day).whole_days().abs() == 1 => stated,
        _ => Some(found),
    }
}

fn find_published_raw(
    html: &Html,
    meta: &PageMeta,
    stats: &PageStats,
    context: &DateContext<'_>,
) -> Option<String> {
    let finder = Finder {
        html,
        meta,
        stats,
        headline: context.headline,
        month_first: meta.lang.as_deref().is_some_and(|l| l == "en-us"),
        now: OffsetDateTime::now_utc(),
    };
    if let Some(sel) = context.profile {
        for el in html.select(sel).take(MAX_CANDIDATES) {
            if let Some(date) = short_text(el, MAX_LINE_BYTES).and_then(|t| finder.parse(&t)) {
                return Some(date);
            }
        }
    }
    if let Some(date) = finder.in_json_ld(&["datePublished", "dateCreated", "uploadDate"]) {
        return Some(date);
    }
    if let Some(date) = finder.in_tags(PUBLISHED_TAGS) {
        return Some(date);
    }
    if let Some(date) = finder.in_elements() {
        return Some(date);
    }
    let (line, updated_line) = finder.on_lines();
    if line.is_some() {
        return line;
    }
    if let Some(date) = finder.near_headline() {
        return Some(date);
    }
    let (scanned, updated_scanned) = finder.page_scan();
    if scanned.is_some() {
        return scanned;
    }
    let head: String = context.body.chars().take(400).collect();
    if let Some(date) = date_on_line(&head, finder.month_first, finder.now).map(|(d, _)| d) {
        return Some(date);
    }
    if let Some(date) = finder.accept(context.url.and_then(|u| date_in_url(u.as_str()))) {
        return Some(date);
    }
    finder
        .in_json_ld(&["dateModified"])
        .or_else(|| finder.in_tags(MODIFIED_TAGS))
        .or(updated_line)
        .or_else(|| finder.near_headline_dates().1)
        .or(updated_scanned)
}
