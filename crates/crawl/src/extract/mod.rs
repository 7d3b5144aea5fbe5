//! Cleaning one HTML page into an [`Article`]: main text, title, date, author.
//!
//! The pipeline: decode the bytes ([`crate::charset`]), bound what a hostile page can cost
//! ([`limits`]), parse with `scraper`, read the metadata once ([`meta`]) and the headline
//! ([`title`]), gather per-element statistics ([`dom`]), pick the article's elements by
//! Readability-style scoring ([`content`]) or by the site profile's selector, render them to
//! paragraphs with boilerplate removed ([`render`]), put the sapo first ([`sapo`]), repair TCVN3/VNI
//! mojibake ([`crate::legacy`]), normalise to NFC, and find the byline ([`author`]) and the date
//! ([`published`], [`date`]). Every pass is linear in the page's size.
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

pub mod author;
pub mod boilerplate;
pub mod content;
pub mod date;
pub mod dom;
pub mod limits;
pub mod meta;
pub mod published;
pub mod render;
pub mod sapo;
pub mod title;

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
    /// Publication time: `YYYY-MM-DD`, or RFC 3339 with the offset the page gives (`+07:00` when
    /// it gives none), so the day is always the page's own.
    pub published: Option<String>,
    /// Byline.
    pub author: Option<String>,
    /// `rel=canonical` target, absolute.
    pub canonical_url: Option<String>,
}

/// Below this many characters of text, extraction retries with looser rules (Readability uses 500; on AEB 350–400 scored best, 250 and 500 both lower).
const MIN_ARTICLE_CHARS: usize = 400;

/// Letters only Vietnamese uses among Latin scripts: a page holding them is read as Vietnamese.
fn has_vietnamese_letters(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(
            c,
            'ă' | 'đ'
                | 'ơ'
                | 'ư'
                | 'Ă'
                | 'Đ'
                | 'Ơ'
                | 'Ư'
                | 'ạ'
                | 'ả'
                | 'ấ'
                | 'ầ'
                | 'ẩ'
                | 'ậ'
                | 'ắ'
                | 'ằ'
                | 'ặ'
                | 'ẹ'
                | 'ẻ'
                | 'ẽ'
                | 'ế'
                | 'ề'
                | 'ể'
                | 'ệ'
                | 'ỉ'
                | 'ị'
                | 'ọ'
                | 'ỏ'
                | 'ố'
                | 'ồ'
                | 'ổ'
                | 'ộ'
                | 'ớ'
                | 'ờ'
                | 'ở'
                | 'ợ'
                | 'ụ'
                | 'ủ'
                | 'ứ'
                | 'ừ'
                | 'ử'
                | 'ữ'
                | 'ự'
        )
    })
}

/// Extracts the article from decoded HTML.
pub fn extract(html: &str, url: Option<&url::Url>, rules: &SiteRules) -> Extracted {
    let document = Html::parse_document(&limits::limit_attributes(html));
    let page_meta = meta::PageMeta::read(&document, url);
    let profile_roots: Vec<_> = rules
        .content
        .as_ref()
        .map(|sel| document.select(sel).map(|el| el.id()).collect())
        .unwrap_or_default();
    let headline = title::find_title(&document, &page_meta, rules.title.as_ref());
    // Readability's retry ladder: strict first; when too little text survives, stop trusting class
    // names, then stop cleaning conditionally. The longest result wins.
    let mut paragraphs: Vec<render::Paragraph> = Vec::new();
    let mut best_len = 0usize;
    let mut strict_stats: Option<dom::PageStats> = None;
    // The last rung trusts no tag but the invisible ones: pages wrapped whole in an unclosed
    // <aside>, or streaming their article into a hidden block.
    for (strip_unlikely, clean_conditionally, loose) in [
        (true, true, false),
        (false, true, false),
        (false, false, false),
        (false, false, true),
    ] {
        let stats = if loose {
            dom::gather_loose(&document, &rules.remove)
        } else {
            dom::gather(&document, &rules.remove, strip_unlikely)
        };
        let roots = if profile_roots.is_empty() {
            content::find_content(&document, &stats)
        } else {
            profile_roots.clone()
        };
        let found = render::clean_paragraphs(
            render::render(&document, &stats, &roots, clean_conditionally),
            &headline.text,
        );
        let len: usize = found.iter().map(|p| p.text.len()).sum();
        if len > best_len {
            best_len = len;
            paragraphs = found;
        }
        if strict_stats.is_none() {
            strict_stats = Some(stats);
        }
        if best_len >= MIN_ARTICLE_CHARS {
            break;
        }
    }
    let stats = strict_stats.unwrap_or_else(|| dom::gather(&document, &rules.remove, true));

    // Legacy-font repair only where the page may be Vietnamese: never on a declared other language.
    let vietnamese_or_unknown = page_meta
        .lang
        .as_deref()
        .is_none_or(|lang| lang.is_empty() || lang.starts_with("vi"));
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
    let vietnamese = page_meta
        .lang
        .as_deref()
        .is_some_and(|l| l.starts_with("vi"))
        || lines.iter().take(8).any(|l| has_vietnamese_letters(l));
    // The sapo is a Vietnamese convention: a lead block under the headline, often outside the
    // article's container and repeated as its first paragraph.
    if vietnamese && let Some(lead) = sapo::find_sapo(&document, headline.node) {
        sapo::place_sapo(&mut lines, &fix(&lead));
    }
    let mut author =
        author::find_author(&document, &page_meta, rules.author.as_ref(), headline.node)
            .map(|a| fix(&a));
    // The Vietnamese byline is the body's last short line: it leaves the body for the author field.
    if lines.len() > 1
        && let Some(last) = lines.last()
    {
        let byline = author::body_byline(last, vietnamese);
        if author.as_deref().is_some_and(|a| a == last) {
            lines.pop();
        } else if let Some(name) = byline {
            lines.pop();
            // The writer's name at the end beats a publisher printed in the byline's place.
            if author.as_deref().is_none_or(|a| page_meta.is_site_name(a)) {
                author = Some(name);
            }
        }
    }
    let body = lines.join("\n\n");
    let published = published::find_published(
        &document,
        &page_meta,
        &stats,
        &published::DateContext {
            profile: rules.published.as_ref(),
            headline: headline.node,
            body: &body,
            url,
        },
    );
    Extracted {
        title: fix(&headline.text),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_writer_at_the_end_of_the_body_beats_the_publisher_in_the_byline_box() {
        let html = r#"<html lang="vi"><head><meta property="og:site_name" content="Báo Tuổi Trẻ"></head><body>
          <div class="detail"><h1>Khởi công metro số 2</h1><div class="author">Tuổi Trẻ Online</div>
          <p>Sáng 10/10, TP.HCM khởi công tuyến metro số 2 Bến Thành - Tham Lương, dài hơn 11 km, với tổng vốn đầu tư hơn 47.000 tỉ đồng theo kế hoạch đã được phê duyệt.</p>
          <p>Tuyến metro dự kiến hoàn thành vào năm 2030, phục vụ hàng trăm nghìn lượt khách mỗi ngày khi đi vào vận hành chính thức trên toàn tuyến.</p>
          <p>NHẬT XUÂN</p></div></body></html>"#;
        let url = url::Url::parse("https://tuoitre.vn/khoi-cong-metro-so-2.htm").ok();
        let page = extract(html, url.as_ref(), &SiteRules::default());
        assert_eq!(page.author.as_deref(), Some("NHẬT XUÂN"));
        assert!(!page.body.contains("NHẬT XUÂN"), "{}", page.body);
    }
}
