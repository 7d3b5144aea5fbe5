//! The headline: the article's `<h1>` when the metadata confirms it or it is the page's only one,
//! else `og:title`, JSON-LD `headline` or `<title>`, with the site's name cut from either end.
//! A site's name alone ("Cổng thông tin điện tử tỉnh Tuyên Quang") is never a headline.

use std::sync::LazyLock;

use ego_tree::NodeId;
use scraper::{ElementRef, Html, Selector};

use super::meta::{PageMeta, fold_name, selector, short_text};

static TITLE: LazyLock<Selector> = LazyLock::new(|| selector("title"));
static H1: LazyLock<Selector> = LazyLock::new(|| selector("h1"));
static TITLED_HEADING: LazyLock<Selector> = LazyLock::new(|| {
    selector(
        r#"h2[class*="title"], h3[class*="title"], h2[class*="heading"], h3[class*="heading"], [class*="title-news"], [class*="news-title"]"#,
    )
});

/// Separators between a headline and the site's name in `<title>` and `og:title`.
const SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " • ", " · ", " :: ", " « ", " » ",
];

/// The headline found, and the heading element it came from (dates sit near it).
#[derive(Debug, Default, Clone)]
pub struct Title {
    /// The headline text, whitespace collapsed.
    pub text: String,
    /// The `<h1>` (or titled heading) it was read from, when it came from the page body.
    pub node: Option<NodeId>,
}

/// Class or id of the site's banner: its logo, name and today's date live there.
static LOGO: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"(?i)logo|masthead|navbar-brand|site-?(name|title|header|banner|branding)")
        .unwrap_or_else(|err| unreachable!("static regex: {err}"))
});

/// An `id` that names the page's banner by convention (`<div id="header">`).
fn is_banner_id(id: &str) -> bool {
    matches!(
        id.trim().to_ascii_lowercase().as_str(),
        "header" | "banner" | "top" | "topbar" | "top-bar" | "masthead"
    )
}

fn names_banner(el: &scraper::node::Element) -> bool {
    el.attr("id").is_some_and(is_banner_id)
        || [el.attr("class"), el.attr("id")]
            .into_iter()
            .flatten()
            .any(|c| LOGO.is_match(c))
}

/// Whether an element sits in the site's banner by its (or an ancestor's) class, id or role,
/// or in navigation: a date there is today's date, a heading the site's name.
pub(crate) fn in_site_banner(element: ElementRef<'_>) -> bool {
    let lineage = std::iter::once(element).chain(element.ancestors().filter_map(ElementRef::wrap));
    for a in lineage.take(MAX_LINEAGE) {
        let el = a.value();
        // <body> and <html> carry page-wide classes ("wp-custom-logo"): never a banner.
        if matches!(el.name(), "article" | "main" | "body" | "html") {
            return false;
        }
        if el.name() == "nav"
            || names_banner(el)
            || el
                .attr("role")
                .is_some_and(|r| r == "banner" || r == "navigation")
        {
            return true;
        }
    }
    false
}

/// How far up a heading's ancestors the banner test looks (bounded, so deep nesting stays linear).
const MAX_LINEAGE: usize = 48;

/// True when a heading sits in the page banner, navigation, a logo or a link (a site name): one
/// walk up its ancestors. A `<header>` inside an `<article>` or `<main>` is the article's own.
fn in_banner(element: ElementRef<'_>) -> bool {
    let lineage = std::iter::once(element).chain(element.ancestors().filter_map(ElementRef::wrap));
    let mut in_header = false;
    for (depth, a) in lineage.take(MAX_LINEAGE).enumerate() {
        let el = a.value();
        if matches!(el.name(), "body" | "html") {
            break;
        }
        if names_banner(el) {
            return true;
        }
        if depth == 0 {
            continue;
        }
        match el.name() {
            "nav" | "a" => return true,
            "header" => in_header = true,
            "article" | "main" => return false,
            _ => {}
        }
        if el
            .attr("role")
            .is_some_and(|r| r == "banner" || r == "navigation")
        {
            return true;
        }
    }
    in_header
}

/// Longer than this, a heading is a block of text, not a headline.
const MAX_HEADLINE_BYTES: usize = 1200;
/// How many headings are considered (a page of thousands of `<h1>` gets the first ones).
const MAX_HEADINGS: usize = 24;

/// Splits "Headline | Site" into its parts (one part when there is no separator).
fn parts(text: &str) -> Vec<&str> {
    let mut out = vec![text];
    for sep in SEPARATORS {
        out = out
            .into_iter()
            .flat_map(|p| p.split(sep))
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
    }
    out
}

/// Cuts the site's name from either end of `text`; `guess` also drops the shorter side when no
/// part is a known name (for `<title>`, where a suffix is the rule).
fn cut_site_name(text: &str, meta: &PageMeta, guess: bool) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut pieces = parts(&text);
    if pieces.len() < 2 {
        return text;
    }
    let mut cut = false;
    while pieces.len() > 1 && pieces.last().is_some_and(|p| meta.is_site_name(p)) {
        pieces.pop();
        cut = true;
    }
    while pieces.len() > 1 && pieces.first().is_some_and(|p| meta.is_site_name(p)) {
        pieces.remove(0);
        cut = true;
    }
    if cut {
        // Rejoin what is left with the text's own separators: find the span in the original.
        let (Some(first), Some(last)) = (pieces.first(), pieces.last()) else {
            return text;
        };
        let start = text.find(first).unwrap_or(0);
        let end = text.rfind(last).map_or(text.len(), |i| i + last.len());
        return text.get(start..end).unwrap_or(&text).trim().to_string();
    }
    if guess {
        return pieces
            .iter()
            .max_by_key(|p| p.chars().count())
            .map_or(text.clone(), |p| (*p).to_string());
    }
    text
}

/// Whether two headline forms agree: one holds the other, on letters and digits alone.
fn agrees(heading: &str, other: &str) -> bool {
    let (a, b) = (fold_name(heading), fold_name(other));
    a.len() >= 6 && (b.contains(&a) || (b.len() >= 12 && a.contains(&b)))
}

/// Whether `heading` is the site's name: a known name, or a part of `<title>` after its first
/// ("Hội nghị tổng kết - Trang thông tin dành cho giới trẻ - VnExpress iOne": the logo's `<h1>`).
fn is_site_heading(heading: &str, meta: &PageMeta, page_title: &str) -> bool {
    if meta.is_site_name(heading) {
        return true;
    }
    let pieces = parts(page_title);
    if pieces.len() < 2 {
        return false;
    }
    let folded = fold_name(heading);
    pieces.iter().skip(1).any(|p| fold_name(p) == folded)
}

/// Headline of the page: profile selector, a confirmed or only `<h1>`, then the metadata.
pub fn find_title(html: &Html, meta: &PageMeta, profile: Option<&Selector>) -> Title {
    if let Some((text, node)) = profile.and_then(|sel| {
        html.select(sel)
            .take(MAX_HEADINGS)
            .filter_map(|el| short_text(el, MAX_HEADLINE_BYTES).map(|t| (t, el.id())))
            .find(|(t, _)| !t.is_empty())
    }) {
        return Title {
            text,
            node: Some(node),
        };
    }
    let page_title = html
        .select(&TITLE)
        .next()
        .and_then(|t| short_text(t, MAX_HEADLINE_BYTES))
        .unwrap_or_default();
    let og = meta.tag(&["og:title", "twitter:title"]).map(str::to_string);
    let headline = meta.json_ld_text("headline");
    let headings = |sel: &Selector| -> Vec<(String, NodeId)> {
        html.select(sel)
            .take(MAX_HEADINGS)
            .filter(|h| !in_banner(*h))
            .filter_map(|h| short_text(h, MAX_HEADLINE_BYTES).map(|t| (t, h.id())))
            .filter(|(t, _)| t.chars().count() >= 10 && !is_site_heading(t, meta, &page_title))
            .collect()
    };
    let real_h1s = headings(&H1);
    // Headings in the banner are the site's name: a <title> equal to one is no headline.
    let banner_names: Vec<String> = html
        .select(&H1)
        .take(MAX_HEADINGS)
        .filter(|h| in_site_banner(*h))
        .filter_map(|h| short_text(h, MAX_HEADLINE_BYTES))
        .map(|t| fold_name(&t))
        .filter(|t| !t.is_empty())
        .collect();
    let names_site =
        |text: &str| meta.is_site_name(text) || banner_names.contains(&fold_name(text));
    let titled = headings(&TITLED_HEADING);
    let metadata: Vec<&str> = [
        og.as_deref(),
        headline.as_deref(),
        Some(page_title.as_str()),
    ]
    .into_iter()
    .flatten()
    .filter(|t| !t.trim().is_empty())
    .collect();
    // Many portals use <h1> for the logo; an <h1> the metadata confirms is the headline.
    if let Some((text, node)) = real_h1s
        .iter()
        .chain(&titled)
        .find(|(h, _)| metadata.iter().any(|m| agrees(h, m)))
    {
        return Title {
            text: text.clone(),
            node: Some(*node),
        };
    }
    if let [(text, node)] = real_h1s.as_slice() {
        return Title {
            text: text.clone(),
            node: Some(*node),
        };
    }
    for (candidate, guess) in [
        (og.as_deref(), false),
        (headline.as_deref(), false),
        (Some(page_title.as_str()), true),
    ] {
        let Some(candidate) = candidate else { continue };
        let cut = cut_site_name(candidate, meta, guess);
        if !cut.is_empty() && !names_site(&cut) {
            return Title {
                text: cut,
                node: None,
            };
        }
    }
    if let Some((text, node)) = real_h1s.into_iter().chain(titled).next() {
        return Title {
            text,
            node: Some(node),
        };
    }
    Title::default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn title_of(html: &str, url: &str) -> String {
        let doc = Html::parse_document(html);
        let url = url::Url::parse(url).ok();
        let meta = PageMeta::read(&doc, url.as_ref());
        find_title(&doc, &meta, None).text
    }

    #[test]
    fn the_site_name_is_cut_from_either_end() {
        let html = r#"<html><head><title>Cổng thông tin điện tử tỉnh Tuyên Quang | Khai mạc Hội chợ thương mại 2024</title>
            <meta property="og:site_name" content="Cổng thông tin điện tử tỉnh Tuyên Quang"></head>
            <body><header><h1>Cổng thông tin điện tử tỉnh Tuyên Quang</h1></header><p>Nội dung</p></body></html>"#;
        assert_eq!(
            title_of(html, "https://tuyenquang.gov.vn/a"),
            "Khai mạc Hội chợ thương mại 2024"
        );
        let html = r#"<html><head><meta property="og:title" content="Giá vàng hôm nay tăng mạnh - VnExpress"></head>
            <body><p>Nội dung</p></body></html>"#;
        assert_eq!(
            title_of(html, "https://vnexpress.net/gia-vang-123.html"),
            "Giá vàng hôm nay tăng mạnh"
        );
    }

    #[test]
    fn a_logo_heading_is_not_the_headline() {
        let html = r#"<html><head><title>Hội nghị tổng kết năm 2023 - Trang thông tin dành cho giới trẻ - VnExpress iOne</title></head>
            <body><div class="logo"><h1>Trang thông tin dành cho giới trẻ</h1></div>
            <div class="detail"><h2 class="title">Hội nghị tổng kết năm 2023</h2><p>Nội dung</p></div></body></html>"#;
        assert_eq!(
            title_of(html, "https://ione.vnexpress.net/a.html"),
            "Hội nghị tổng kết năm 2023"
        );
    }
}
