//! The byline: a person, not the publisher.
//!
//! Sources, most trusted first: the site profile's selector, JSON-LD `author`, the `author`-like
//! meta tags, byline elements (`rel=author`, `itemprop=author`, `.byline`, `.author`, `.tacgia`),
//! and the Vietnamese convention of the byline as the body's last short line ("Thu Thủy",
//! "NHẬT XUÂN, NGHI VŨ"; see [`body_byline`]). Every candidate is cleaned of labels ("By",
//! "Tác giả:"), dates and roles after it, and refused when it is the site's own name ("VnExpress",
//! "TUOI TRE ONLINE"), a domain ("VCCorp.vn"), an address, or a source ("Theo TTXVN", "Nguồn: …").

use std::sync::LazyLock;

use ego_tree::NodeId;
use regex::Regex;
use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

use super::date::find_written_dates;
use super::meta::{PageMeta, in_other_region, is_organisation, json_str, selector, short_text};

fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|err| unreachable!("static regex {pattern}: {err}"))
}

static BYLINE: LazyLock<Selector> = LazyLock::new(|| {
    selector(
        r#"[rel=author], [itemprop=author], .byline, .author, .tacgia, .tac-gia, [class*="byline"], [class*="author-name"], [class*="authorName"], [class*="author_name"], [class*="post-author"], [class*="article-author"], [class*="news-author"], [class*="tacgia"], [class*="tac-gia"], [class*="author"]"#,
    )
});
static NAME_INSIDE: LazyLock<Selector> =
    LazyLock::new(|| selector(r#"[itemprop=name], [rel=author], [class*="name"]"#));

/// Labels that introduce a byline at its start.
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)^(?:(?:written|posted|authored|article|recipe|guide|words|story|text|reported|compiled|published|posts)\s+by|by|von|par|por|authors?|posted|published in|read more about|more from|tác giả|bài và ảnh|bài, ảnh|bài ảnh|bài|người viết|phóng viên|pv|nhóm pv|nhóm phóng viên|thực hiện)\s*[:：]?\s+",
    )
});

/// A label inside a line ("Jun 2 Written By Paige Brunton", "View all posts by X"): the name follows.
static INNER_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)(?:^|\s)(?:(?:written|posted|authored|posts|article|words|story)\s+by|by)\s*[:：]?\s+",
    )
});

/// Job titles after a name with no separator ("Emma Ryan Writer", "Will Judd Former Deputy Tech Editor").
static ROLE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"\s(?:Former|Senior|Sr\.?|Staff|Contributing|Contributor|Freelance|Writer|Editor|Reporter|Journalist|Correspondent|Columnist|Founder|Co-Founder|CEO|CTO|Head|Director|Manager|Lead|Sponsored|AI\s+Writer|Tech\s+Reporter)\b.*$",
    )
});

/// Where a byline's name ends: a date, a separator, or the start of another field.
static TAIL: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\s+(?:[|•·—–→]|-\s|on\s+\w+\s+\d|on\s+(?:mon|tue|wed|thu|fri|sat|sun)\w*|on\s+facebook|on\s+twitter|updated|published|last\s+updated?|reviewed\s+by|edited\s+by|fact[- ]checked|\d+\s*min(?:ute)?s?\s+read|\d+\s+comments?|cập nhật|đăng\s+(?:lúc|ngày))",
    )
});

/// Bylines that name a source, not a writer ("Theo TTXVN", "Nguồn: Báo Chính phủ").
static SOURCE: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?i)^(?:theo\s|nguồn\s*[:：]|nguồn\s|source\s*[:：]|via\s|courtesy\s)")
});

/// Words that are placeholders, not names.
const GENERIC: &[&str] = &[
    "admin",
    "administrator",
    "author",
    "the author",
    "name",
    "by",
    "anonymous",
    "unknown",
    "guest",
    "user",
    "null",
    "undefined",
    "updated",
    "published",
    "sponsored",
    "staff",
    "contributor",
    "quản trị viên",
    "quản trị",
    "ban biên tập",
];

/// A reading time where the name should be ("10 mins read"); a label alone ("Written By") is
/// refused beside it.
static READING_TIME: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)^\d+\s*(?:min|mins|minutes?)\b"));

/// Day names left of a date ("Sat, Dec 20"): never a name.
const WEEKDAYS: &[&str] = &[
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Template placeholders and dotted identifiers ("page.head.extra.author", "{{author}}").
static TEMPLATE: LazyLock<Regex> = LazyLock::new(|| regex(r"^\w+(?:\.\w+){2,}$|[{}<>]|^\d+$"));

static DOMAIN: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)^[\w.-]+\.(?:vn|com|net|org|gov|edu|info|io|co|uk|us)$"));

/// Cleans one candidate; `None` when what is left is not a person's (or a team's) name, or is
/// the site's own name.
pub fn clean_byline(raw: &str, meta: &PageMeta) -> Option<String> {
    tidy_byline(raw).filter(|name| !meta.is_site_name(name))
}

/// [`clean_byline`] without the site-name test (for a JSON-LD `Person`: a personal site's owner).
fn tidy_byline(raw: &str) -> Option<String> {
    let decoded = html_escape::decode_html_entities(raw);
    let mut text = decoded.split_whitespace().collect::<Vec<_>>().join(" ");
    if SOURCE.is_match(&text) {
        return None;
    }
    for _ in 0..2 {
        if let Some(m) = LABEL.find(&text) {
            text = text[m.end()..].to_string();
        }
    }
    if let Some(m) = INNER_LABEL.find(&text)
        && m.start() > 0
        && m.end() < text.len()
    {
        text = text[m.end()..].to_string();
    }
    text = text
        .replace(" ,", ",")
        .trim_matches(['"', '“', '”', '\''])
        .to_string();
    if let Some(first) = find_written_dates(&text, false).first() {
        text.truncate(first.start);
    }
    if let Some(m) = TAIL.find(&text) {
        text.truncate(m.start());
    }
    // A role after two or more name words is not part of the name.
    if let Some(m) = ROLE.find(&text)
        && text[..m.start()].split_whitespace().count() >= 2
    {
        text.truncate(m.start());
    }
    let text = text
        .trim()
        .trim_end_matches(" .")
        .trim_end_matches([',', ';', ':', '-', '|', '·', '•', '–', '—'])
        .trim()
        .trim_end_matches(" on")
        .trim_end_matches(" and")
        .trim()
        .to_string();
    let chars = text.chars().count();
    let lower = text.to_lowercase();
    let refused = !(2..=100).contains(&chars)
        || text.contains('@') && !text.contains(' ')
        || lower.contains("http")
        || lower.starts_with("www.")
        || DOMAIN.is_match(&text)
        || !text.chars().any(char::is_alphabetic)
        || GENERIC.contains(&lower.as_str())
        || TEMPLATE.is_match(&text)
        || text.split_whitespace().count() > 14
        || READING_TIME.is_match(&text)
        || LINE_LABEL
            .find(&text)
            .is_some_and(|m| m.end() >= text.len())
        || WEEKDAYS.contains(&lower.trim_end_matches('.'))
        || SOURCE.is_match(&text);
    (!refused).then_some(text)
}

/// A reference (`{"@id": …}` alone) resolved to the object of the page's graph with that id.
fn resolve<'a>(value: &'a Value, meta: &'a PageMeta) -> &'a Value {
    let Some(id) = value
        .get("@id")
        .and_then(Value::as_str)
        .filter(|_| value.get("name").is_none())
    else {
        return value;
    };
    meta.json_ld
        .iter()
        .find(|o| o.get("@id").and_then(Value::as_str) == Some(id) && o.get("name").is_some())
        .unwrap_or(value)
}

fn is_person(value: &Value) -> bool {
    match value.get("@type") {
        Some(Value::String(s)) => s.eq_ignore_ascii_case("person"),
        Some(Value::Array(items)) => items
            .iter()
            .any(|t| t.as_str().is_some_and(|s| s.eq_ignore_ascii_case("person"))),
        _ => false,
    }
}

fn json_ld_author(meta: &PageMeta) -> Option<String> {
    for object in &meta.json_ld {
        let Some(author) = object.get("author").or_else(|| object.get("creator")) else {
            continue;
        };
        let people: Vec<&Value> = match author {
            Value::Array(items) => items.iter().collect(),
            other => vec![other],
        };
        let names: Vec<String> = people
            .into_iter()
            .map(|p| resolve(p, meta))
            .filter_map(|p| {
                let name = json_str(p)?;
                // A person is a byline even on a site named after them; an organisation or an
                // untyped name that is the publisher's is not.
                if is_person(p) && !is_organisation(p) {
                    tidy_byline(&name)
                } else {
                    clean_byline(&name, meta)
                }
            })
            .collect();
        if !names.is_empty() {
            return Some(names.join(", "));
        }
    }
    None
}

/// How many byline elements are read (bounded work on pathological pages).
const MAX_CANDIDATES: usize = 100;
/// Longer than this, an element is not a byline.
const MAX_BYLINE_BYTES: usize = 300;

/// Byline elements' names, nearest the headline. With `site_ok`, the site's own name counts:
/// a page that prints its publisher in the byline's place credits the publisher.
fn element_author(
    html: &Html,
    meta: &PageMeta,
    headline: Option<NodeId>,
    site_ok: bool,
) -> Option<String> {
    let clean = |t: &str| {
        if site_ok {
            tidy_byline(t)
        } else {
            clean_byline(t, meta)
        }
    };
    let mut found: Vec<(NodeId, String)> = Vec::new();
    for el in html.select(&BYLINE).take(MAX_CANDIDATES) {
        if is_bio(el) || in_other_region(el) {
            continue;
        }
        let inner = el
            .select(&NAME_INSIDE)
            .take(4)
            .filter_map(|n| short_text(n, MAX_BYLINE_BYTES))
            .find_map(|t| clean(&t));
        let name = inner.or_else(|| {
            short_text(el, MAX_BYLINE_BYTES)
                .or_else(|| el.value().attr("content").map(str::to_string))
                .and_then(|t| clean(&t))
        });
        if let Some(name) = name {
            found.push((el.id(), name));
        }
    }
    nearest_after(found, headline)
}

/// Of candidates in document order, the first after the headline, else the last before it.
fn nearest_after(found: Vec<(NodeId, String)>, headline: Option<NodeId>) -> Option<String> {
    let Some(headline) = headline else {
        return found.into_iter().next().map(|(_, n)| n);
    };
    let before = found.iter().rev().find(|(id, _)| *id < headline).cloned();
    found
        .into_iter()
        .find(|(id, _)| *id > headline)
        .or(before)
        .map(|(_, n)| n)
}

/// A line that starts with a byline label: "By Amy Wilhelm", "Written by", "Author:", "Tác giả:".
static LINE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)^(?:(?:(?:written|posted|authored|article|words|story|reported)\s+by|by|authors?)\s*[:：]?|(?:tác giả|người viết)\s*[:：])(?:\s|$)",
    )
});

/// Longer than this, a labelled line is a sentence ("By 2030, most…"), not a byline.
const MAX_LINE_BYTES: usize = 120;
/// How many labelled lines are read (bounded work on pathological pages).
const MAX_LINES: usize = 40;

/// The text a byline label belongs to: its element's, or, when the label stands alone there
/// ("Written by" / "Edzel Tabing" in two blocks), the label and the next element's text.
fn labelled_line(label: ego_tree::NodeRef<'_, scraper::Node>) -> Option<String> {
    let parent = label.parent().and_then(ElementRef::wrap)?;
    let line = short_text(parent, MAX_LINE_BYTES)?;
    // More than the label: the name is on this line.
    if LINE_LABEL.find(&line).is_none_or(|m| m.end() < line.len()) {
        return Some(line);
    }
    let next = parent
        .next_siblings()
        .filter_map(ElementRef::wrap)
        .next()
        .and_then(|n| short_text(n, MAX_LINE_BYTES))?;
    Some(format!("{line} {next}"))
}

/// Whether `name` reads as names: every word capitalised, bar joining words ("and", "van").
fn is_capitalised_name(name: &str) -> bool {
    const JOINERS: &[&str] = &[
        "and", "&", "van", "von", "der", "den", "de", "da", "di", "du", "la", "le", "bin",
    ];
    name.split([' ', ','])
        .filter(|w| !w.is_empty())
        .all(|w| JOINERS.contains(&w) || w.chars().next().is_some_and(char::is_uppercase))
}

/// Bylines written as a labelled line anywhere in the article ("By Amy Wilhelm", "by: Ziyi
/// Xu, Dec 17, 2025", "Written by" then the name in the next block), outside comments, related
/// lists, navigation, captions and the footer; the site's own name counts when so printed.
fn line_author(html: &Html, headline: Option<NodeId>) -> Option<String> {
    let mut found: Vec<(NodeId, String)> = Vec::new();
    for node in html.tree.root().descendants() {
        let scraper::Node::Text(text) = node.value() else {
            continue;
        };
        let text = text.trim();
        if text.len() > MAX_LINE_BYTES || !LINE_LABEL.is_match(text) {
            continue;
        }
        let Some(parent) = node.parent().and_then(ElementRef::wrap) else {
            continue;
        };
        if in_other_region(parent) || in_caption(parent) {
            continue;
        }
        let name = labelled_line(node)
            .and_then(|line| tidy_byline(&line))
            .filter(|name| name.split_whitespace().count() <= 6 && is_capitalised_name(name));
        if let Some(name) = name {
            found.push((node.id(), name));
            if found.len() >= MAX_LINES {
                break;
            }
        }
    }
    nearest_after(found, headline)
}

/// Captions, quotes and scripts: "By" there credits a photo or a speaker, not the article.
fn in_caption(el: ElementRef<'_>) -> bool {
    std::iter::once(el)
        .chain(el.ancestors().filter_map(ElementRef::wrap))
        .take(8)
        .any(|a| {
            matches!(
                a.value().name(),
                "figcaption"
                    | "figure"
                    | "blockquote"
                    | "script"
                    | "style"
                    | "noscript"
                    | "template"
                    | "a"
                    | "button"
                    | "label"
                    | "option"
            )
        })
}

/// Author boxes about the writer ("author-bio", "about the author") hold prose, not a byline.
fn is_bio(el: ElementRef<'_>) -> bool {
    static BIO: LazyLock<Regex> =
        LazyLock::new(|| regex(r"(?i)bio\b|bio-|about|description|avatar|photo|image|img|social"));
    el.value().attr("class").is_some_and(|c| BIO.is_match(c))
}

/// Byline: profile selector, JSON-LD, meta tags, byline elements near the headline, lines
/// labelled "By …", and last a byline element that prints the site's own name.
pub fn find_author(
    html: &Html,
    meta: &PageMeta,
    profile: Option<&Selector>,
    headline: Option<NodeId>,
) -> Option<String> {
    if let Some(found) = profile.and_then(|sel| {
        html.select(sel)
            .take(MAX_CANDIDATES)
            .filter_map(|el| short_text(el, MAX_BYLINE_BYTES))
            .find_map(|t| clean_byline(&t, meta))
    }) {
        return Some(found);
    }
    if let Some(found) = json_ld_author(meta) {
        return Some(found);
    }
    if let Some(found) = meta
        .tags_named(&[
            "author",
            "article:author",
            "dc.creator",
            "dcterms.creator",
            "parsely-author",
            "sailthru.author",
            "byl",
            "citation_author",
        ])
        .find_map(|t| clean_byline(t, meta))
    {
        return Some(found);
    }
    element_author(html, meta, headline, false)
        .or_else(|| line_author(html, headline))
        .or_else(|| element_author(html, meta, headline, true))
}

/// A name word: capitalised (or all capitals), letters only, perhaps with a final period ("Th.").
fn is_name_word(word: &str) -> bool {
    let word = word.trim_end_matches('.');
    word.chars().next().is_some_and(char::is_uppercase)
        && word
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
}

/// The Vietnamese byline convention: the body's last line is a short run of names, "Thu Thủy",
/// "NHẬT XUÂN, NGHI VŨ", "Minh Anh - Hoàng Long", perhaps "(TTXVN)" after it. Returns the name(s).
pub fn body_byline(line: &str, vietnamese: bool) -> Option<String> {
    let line = line.trim().trim_end_matches('.').trim();
    if line.chars().count() > 60 || SOURCE.is_match(line) {
        return None;
    }
    // "Thu Thủy (TTXVN)", "Minh Anh/VOV": the agency after the name is not part of it.
    let name = line.split_once(" (").map_or(line, |(n, _)| n);
    let name = name.split_once('/').map_or(name, |(n, _)| n).trim();
    let name = LABEL.find(name).map_or(name, |m| &name[m.end()..]);
    let people: Vec<&str> = name
        .split([',', '-', '–', '&'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if people.is_empty() || people.len() > 4 {
        return None;
    }
    let ok = people.iter().all(|person| {
        let words: Vec<&str> = person.split_whitespace().collect();
        (2..=4).contains(&words.len()) && words.iter().all(|w| is_name_word(w))
    });
    // Outside Vietnamese pages a short capitalised last line is as likely a slogan or a signature.
    (ok && (vietnamese || !name.is_ascii())).then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta_for(url: &str, head: &str) -> PageMeta {
        let doc = Html::parse_document(&format!("<html><head>{head}</head><body></body></html>"));
        PageMeta::read(&doc, url::Url::parse(url).ok().as_ref())
    }

    #[test]
    fn labels_dates_and_roles_are_cut() {
        let meta = meta_for("https://example.com/a", "");
        let cases = [
            ("By Summer Swann - June 12, 2025", "Summer Swann"),
            (
                "Written By: Cazzy Magennis Last Updated: August 1, 2025",
                "Cazzy Magennis",
            ),
            (
                "by jsteinhardt 18th Dec 2025 AI Alignment Forum",
                "jsteinhardt",
            ),
            ("Tác giả: Nguyễn Văn An", "Nguyễn Văn An"),
            ("Posted by: Idle Cartulary", "Idle Cartulary"),
            ("Oleg Parashchak Jul 18, 2025 7 min", "Oleg Parashchak"),
        ];
        for (raw, want) in cases {
            assert_eq!(clean_byline(raw, &meta).as_deref(), Some(want), "{raw}");
        }
    }

    #[test]
    fn publishers_sources_and_domains_are_not_authors() {
        let meta = meta_for(
            "https://vnexpress.net/a.html",
            r#"<meta property="og:site_name" content="VnExpress">"#,
        );
        for raw in [
            "VnExpress",
            "VCCorp.vn",
            "baodautu.vn",
            "Theo TTXVN",
            "Nguồn: Báo Chính phủ",
            "Admin",
        ] {
            assert_eq!(clean_byline(raw, &meta), None, "{raw}");
        }
        let tuoitre = meta_for("https://tuoitre.vn/a.htm", "");
        assert_eq!(clean_byline("TUOI TRE ONLINE", &tuoitre), None);
    }

    fn author_of(url: &str, html: &str) -> Option<String> {
        let doc = Html::parse_document(html);
        let meta = PageMeta::read(&doc, url::Url::parse(url).ok().as_ref());
        let headline = doc.select(&selector("h1")).next().map(|h| h.id());
        find_author(&doc, &meta, None, headline)
    }

    #[test]
    fn a_line_labelled_by_names_the_writer() {
        let page = r#"<html><body><article><h1>New restaurants in Houston</h1>
            <p class="page-header__meta"><span class="inline-list__item">By <a href="/p/sofia">Sofia Gonzalez</a></span>
            <span>December 19, 2025</span></p><p>Text of the article, long enough.</p></article></body></html>"#;
        assert_eq!(
            author_of("https://www.example.com/eat", page).as_deref(),
            Some("Sofia Gonzalez")
        );
        // The label alone in its block, the name in the next one.
        let split = r#"<html><body><h1>Trends in catering</h1><div><p>Written by</p><p>Edzel Tabing</p></div>
            <p>Catering is changing.</p></body></html>"#;
        assert_eq!(
            author_of("https://www.example.com/c", split).as_deref(),
            Some("Edzel Tabing")
        );
        let vietnamese = r#"<html lang="vi"><body><h1>Hội nghị tổng kết</h1><p><span>Tác giả: Nguyễn Văn An</span></p>
            <p>Chiều ngày 13/01/2021, hội nghị diễn ra.</p></body></html>"#;
        assert_eq!(
            author_of("https://tinhuy.example.gov.vn/a", vietnamese).as_deref(),
            Some("Nguyễn Văn An")
        );
    }

    #[test]
    fn captions_sentences_and_links_labelled_by_are_not_bylines() {
        let page = r#"<html><body><h1>Best cameras</h1>
            <figure><img src="a.jpg"><figcaption>By John Smith / Reuters</figcaption></figure>
            <p>By continuing you agree to our terms.</p>
            <p>By 2030, most cameras will be mirrorless.</p>
            <ul class="related-posts"><li>By Jane Roe</li></ul></body></html>"#;
        assert_eq!(author_of("https://www.example.com/cameras", page), None);
    }

    #[test]
    fn the_site_printed_as_the_byline_is_the_author_but_not_in_its_meta_alone() {
        let head = r#"<head><meta property="og:site_name" content="Swoogo"><meta name="author" content="Swoogo"></head>"#;
        let shown = format!(
            r#"<html>{head}<body><h1>Event planning skills</h1><p>By Swoogo</p><p>Planning is a skill.</p></body></html>"#
        );
        assert_eq!(
            author_of("https://swoogo.events/blog/skills/", &shown).as_deref(),
            Some("Swoogo")
        );
        let in_element = format!(
            r#"<html>{head}<body><h1>Event planning skills</h1><span class="post-author">Swoogo</span><p>Planning.</p></body></html>"#
        );
        assert_eq!(
            author_of("https://swoogo.events/blog/skills/", &in_element).as_deref(),
            Some("Swoogo")
        );
        let meta_only = format!(
            r#"<html>{head}<body><h1>Event planning skills</h1><p>Planning is a skill.</p></body></html>"#
        );
        assert_eq!(
            author_of("https://swoogo.events/blog/skills/", &meta_only),
            None
        );
        // A person's byline element still wins over the site printed elsewhere.
        let person = format!(
            r#"<html>{head}<body><h1>Event planning skills</h1><p>By Swoogo</p><span class="author-name">Ana Ruiz</span><p>x</p></body></html>"#
        );
        assert_eq!(
            author_of("https://swoogo.events/blog/skills/", &person).as_deref(),
            Some("Ana Ruiz")
        );
    }

    #[test]
    fn reading_times_and_day_names_are_not_names() {
        let meta = meta_for("https://example.com/a", "");
        assert_eq!(clean_byline("10 mins read", &meta), None);
        assert_eq!(clean_byline("Sat", &meta), None);
        assert_eq!(clean_byline("Written By", &meta), None);
        assert_eq!(
            clean_byline("Supermove Last update", &meta).as_deref(),
            Some("Supermove")
        );
        assert_eq!(
            clean_byline("98 Buck Social", &meta).as_deref(),
            Some("98 Buck Social")
        );
    }

    #[test]
    fn vietnamese_bylines_at_the_end_of_the_body() {
        assert_eq!(body_byline("Thu Thủy", true).as_deref(), Some("Thu Thủy"));
        assert_eq!(
            body_byline("NHẬT XUÂN, NGHI VŨ", true).as_deref(),
            Some("NHẬT XUÂN, NGHI VŨ")
        );
        assert_eq!(
            body_byline("Minh Anh (TTXVN)", true).as_deref(),
            Some("Minh Anh")
        );
        assert_eq!(body_byline("Theo TTXVN", true), None);
        assert_eq!(body_byline("Nguồn: Báo Chính phủ", true), None);
        assert_eq!(
            body_byline("Hội nghị kết thúc lúc 17 giờ cùng ngày.", true),
            None
        );
        assert_eq!(body_byline("Thank You", false), None);
    }
}
