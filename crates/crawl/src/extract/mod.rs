//! Cleaning one HTML page into an [`Article`]: main text, title, date, author.
//!
//! The pipeline: decode the bytes ([`crate::charset`]), parse with `scraper`, gather per-element
//! statistics ([`dom`]), pick the article's elements by Readability-style scoring ([`content`]) or
//! by the site profile's selector, render them to paragraphs with boilerplate removed
//! ([`render`]), repair TCVN3/VNI mojibake ([`crate::legacy`]), normalise to NFC, and read the
//! metadata ([`meta`], [`date`]).
//!
//! ```
//! use tracuu_crawl::extract::{SiteRules, extract};
//! let html = r#"<html lang="vi"><head><title>Tin tức</title></head><body>
//!   <nav><a href="/">Trang chủ</a> <a href="/tin">Tin tức</a></nav>
//!   <div class="detail"><h1>Tổng kết công tác năm 2020</h1><span class="date">[10:35 - 18/01/2021]</span>
//!   <p>Chiều ngày 13/01/2021, Liên hiệp các tổ chức hữu nghị tỉnh Tuyên Quang tổ chức Hội nghị tổng kết công tác năm 2020, triển khai phương hướng nhiệm vụ năm 2021.</p>
//!   <p>Chia sẻ</p></div></body></html>"#;
//! let page = extract(html, None, &SiteRules::default());
//! assert_eq!(page.title, "Tổng kết công tác năm 2020");
//! assert!(page.body.starts_with("Chiều ngày 13/01/2021"));
//! assert!(!page.body.contains("Chia sẻ"));
//! assert_eq!(page.published.as_deref(), Some("2021-01-18T10:35:00+07:00"));
//! ```

pub mod boilerplate;
pub mod content;
pub mod date;
pub mod dom;
pub mod meta;
pub mod render;

use scraper::{Html, Selector};
use tracuu_index::article::Article;
use tracuu_index::text::normalize_text;

use crate::charset::decode_html;
use crate::error::CrawlError;
use crate::legacy::repair_legacy;

/// Per-site CSS selectors from a profile; each one, when it matches, overrides the generic rule.
#[derive(Debug, Default, Clone)]
pub struct SiteRules {
    /// The element(s) holding the article text.
    pub content: Option<Selector>,
    /// The headline.
    pub title: Option<Selector>,
    /// An element whose text carries the publication date.
    pub published: Option<Selector>,
    /// The byline.
    pub author: Option<Selector>,
    /// Elements to drop wherever they are (share bars, related lists the generic rules miss).
    pub remove: Vec<Selector>,
}

fn parse_selector(css: &str) -> Result<Selector, CrawlError> {
    Selector::parse(css).map_err(|err| CrawlError::Selector {
        css: css.to_string(),
        message: err.to_string(),
    })
}

impl SiteRules {
    /// Builds rules from CSS selector strings, failing on the first one that does not parse.
    pub fn from_css(
        content: Option<&str>,
        title: Option<&str>,
        published: Option<&str>,
        author: Option<&str>,
        remove: &[String],
    ) -> Result<Self, CrawlError> {
        Ok(SiteRules {
            content: content.map(parse_selector).transpose()?,
            title: title.map(parse_selector).transpose()?,
            published: published.map(parse_selector).transpose()?,
            author: author.map(parse_selector).transpose()?,
            remove: remove
                .iter()
                .map(|css| parse_selector(css))
                .collect::<Result<_, _>>()?,
        })
    }
}

/// What extraction found on one page, already NFC-normalised.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extracted {
    /// Headline.
    pub title: String,
    /// Main text, paragraphs separated by a blank line.
    pub body: String,
    /// Publication time (`YYYY-MM-DD` or RFC 3339 in `+07:00`).
    pub published: Option<String>,
    /// Byline.
    pub author: Option<String>,
    /// `rel=canonical` target, absolute.
    pub canonical_url: Option<String>,
}

/// Below this many characters of text, extraction retries with looser rules (Readability uses 500; on AEB 350–400 scored best, 250 and 500 both lower).
const MIN_ARTICLE_CHARS: usize = 400;

/// A short last line made only of capitalised words ("Thu Thủy", "Nga Trần") is a byline.
fn looks_like_byline(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && line.chars().count() <= 32
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase) && w.chars().all(char::is_alphabetic)
        })
        && !line.is_ascii()
}

/// Extracts the article from decoded HTML.
pub fn extract(html: &str, url: Option<&url::Url>, rules: &SiteRules) -> Extracted {
    let document = Html::parse_document(html);
    let profile_roots: Vec<_> = rules
        .content
        .as_ref()
        .map(|sel| document.select(sel).map(|el| el.id()).collect())
        .unwrap_or_default();
    let raw_title = meta::find_title(&document, rules.title.as_ref());
    // Readability's retry ladder: strict first; when too little text survives, stop trusting class
    // names, then stop cleaning conditionally. The longest result wins.
    let mut paragraphs: Vec<render::Paragraph> = Vec::new();
    let mut best_len = 0usize;
    for (strip_unlikely, clean_conditionally) in [(true, true), (false, true), (false, false)] {
        let stats = dom::gather(&document, &rules.remove, strip_unlikely);
        let roots = if profile_roots.is_empty() {
            content::find_content(&document, &stats)
        } else {
            profile_roots.clone()
        };
        let found = render::clean_paragraphs(
            render::render(&document, &stats, &roots, clean_conditionally),
            &raw_title,
        );
        let len: usize = found.iter().map(|p| p.text.len()).sum();
        if len > best_len {
            best_len = len;
            paragraphs = found;
        }
        if best_len >= MIN_ARTICLE_CHARS {
            break;
        }
    }

    // Legacy-font repair only where the page may be Vietnamese: never on a declared other language.
    let vietnamese_or_unknown =
        meta::find_lang(&document).is_none_or(|lang| lang.is_empty() || lang.starts_with("vi"));
    let fix = |text: &str| -> String {
        let repaired = if vietnamese_or_unknown {
            repair_legacy(text)
        } else {
            text.to_string()
        };
        normalize_text(&repaired).trim().to_string()
    };
    let mut lines: Vec<String> = paragraphs
        .iter()
        .map(|p| fix(&p.text))
        .filter(|t| !t.is_empty())
        .collect();
    let mut author = meta::find_author(&document, rules.author.as_ref()).map(|a| fix(&a));
    if let Some(last) = lines.last() {
        let is_author_line = author.as_deref().is_some_and(|a| a == last)
            || (author.is_none() && looks_like_byline(last));
        if is_author_line && lines.len() > 1 {
            author = lines.pop();
        }
    }
    let body = lines.join("\n\n");
    let published = meta::find_published(&document, rules.published.as_ref(), &body);
    Extracted {
        title: fix(&raw_title),
        body,
        published,
        author: author.filter(|a| !a.is_empty()),
        canonical_url: meta::find_canonical(&document, url),
    }
}

/// Decodes `bytes` (charset from `content_type`, the page, or detection) and extracts an Article.
pub fn extract_article(
    bytes: &[u8],
    content_type: Option<&str>,
    url: &str,
    rules: &SiteRules,
) -> Article {
    let page = decode_html(bytes, content_type);
    let base = url::Url::parse(url).ok();
    let found = extract(&page.text, base.as_ref(), rules);
    Article {
        url: url.to_string(),
        title: found.title,
        body: found.body,
        published: found.published,
        author: found.author,
        source: tracuu_index::article::host_of(url),
        ..Article::default()
    }
}

/// [`extract_article`] and the page's `rel=canonical` target (absolute), from one decode and one
/// parse: the crawler needs both for every page.
pub fn extract_article_and_canonical(
    bytes: &[u8],
    content_type: Option<&str>,
    url: &str,
    rules: &SiteRules,
) -> (Article, Option<String>) {
    let page = decode_html(bytes, content_type);
    let base = url::Url::parse(url).ok();
    let found = extract(&page.text, base.as_ref(), rules);
    let article = Article {
        url: url.to_string(),
        title: found.title,
        body: found.body,
        published: found.published,
        author: found.author,
        source: tracuu_index::article::host_of(url),
        ..Article::default()
    };
    (article, found.canonical_url)
}
