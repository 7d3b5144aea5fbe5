//! Finding article URLs: sitemaps (and sitemap indexes, gzipped or not), RSS/Atom feeds, and the
//! links of listing pages.
//!
//! Sitemaps are parsed with `sitemapo`, feeds with `feed-rs`; listing pages with `scraper`. Each
//! URL comes with the date its sitemap or feed says it last changed, which `tracuu update` compares
//! with the date it saw last time. A sitemap over the protocol's 50,000 URLs (where `sitemapo`
//! stops) is read to its end by a plain scan of its `<loc>`/`<lastmod>` elements, with a warning:
//! never cut silently.
//!
//! ```
//! let xml = br#"<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
//!   <sitemap><loc>https://mofa.gov.vn/sitemap-1.xml.gz</loc><lastmod>2024-10-22</lastmod></sitemap></sitemapindex>"#;
//! let found = tracuu_crawl::discover::parse_sitemap(xml);
//! assert_eq!(found.sitemaps[0].url, "https://mofa.gov.vn/sitemap-1.xml.gz");
//! assert_eq!(found.sitemaps[0].lastmod.as_deref(), Some("2024-10-22T00:00:00Z"));
//! ```

use std::io::Read;
use std::sync::LazyLock;

use scraper::{Html, Selector};
use url::Url;

use crate::canonical::resolve;

/// A URL found in a sitemap or feed, with the date it says the page last changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    /// The URL as written.
    pub url: String,
    /// `<lastmod>` (or a feed entry's updated/published date), normalised to RFC 3339 UTC.
    pub lastmod: Option<String>,
}

impl Found {
    fn new(url: impl Into<String>, lastmod: Option<String>) -> Found {
        Found {
            url: url.into(),
            lastmod,
        }
    }
}

/// URLs found in one sitemap document.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct SitemapLinks {
    /// Page URLs (`<url><loc>`).
    pub pages: Vec<Found>,
    /// Nested sitemaps (`<sitemap><loc>` of an index).
    pub sitemaps: Vec<Found>,
    /// The sitemap went past `sitemapo`'s limits and was read to the end by a plain scan.
    pub over_limit: bool,
}

/// Gunzips `bytes` when they start with the gzip magic number, up to `limit` bytes out.
pub fn maybe_gunzip(bytes: &[u8], limit: usize) -> Vec<u8> {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        // `take` guards against decompression bombs.
        match flate2::read::GzDecoder::new(bytes)
            .take(limit as u64 + 1)
            .read_to_end(&mut out)
        {
            Ok(_) if out.len() > limit => {
                tracing::warn!(
                    "gzipped document larger than {limit} bytes once decompressed: only its first {limit} bytes are read"
                );
                out.truncate(limit);
                out
            }
            Ok(_) => out,
            Err(err) => {
                tracing::warn!("broken gzip sitemap: {err}");
                out
            }
        }
    } else {
        bytes.to_vec()
    }
}

/// Parses a sitemap or sitemap index (XML or plain text); bad records are skipped.
pub fn parse_sitemap(bytes: &[u8]) -> SitemapLinks {
    let mut links = SitemapLinks::default();
    for record in sitemapo::Parser::new(bytes) {
        match record {
            Ok(sitemapo::Record::Entry(entry)) => links.pages.push(Found::new(
                entry.location,
                entry.modified.map(|t| t.to_string()),
            )),
            Ok(sitemapo::Record::Sitemap(sitemap)) => links.sitemaps.push(Found::new(
                sitemap.location,
                sitemap.modified.map(|t| t.to_string()),
            )),
            Err(err @ (sitemapo::Error::RecordLimit | sitemapo::Error::ByteLimit)) => {
                let scanned = scan_sitemap(bytes);
                tracing::warn!(
                    "sitemap goes past the protocol's limits ({err}); read to its end by a plain scan: {} URLs instead of {}",
                    scanned.pages.len() + scanned.sitemaps.len(),
                    links.pages.len() + links.sitemaps.len()
                );
                return scanned;
            }
            Err(err) => tracing::debug!("sitemap record skipped: {err}"),
        }
    }
    links
}

fn unescape_xml(text: &str) -> String {
    text.trim()
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

fn element<'a>(block: &'a str, name: &str) -> Option<&'a str> {
    let open = format!("<{name}>");
    let close = format!("</{name}>");
    let start = block.find(&open)? + open.len();
    let end = block[start..].find(&close)? + start;
    Some(&block[start..end])
}

/// A W3C datetime (or a bare date, taken as UTC) in the form `sitemapo` gives it.
fn w3c_datetime(value: &str) -> Option<String> {
    use sitemapo::jiff::{Timestamp, civil::Date, tz::TimeZone};
    let value = value.trim();
    if let Ok(at) = value.parse::<Timestamp>() {
        return Some(at.to_string());
    }
    let day = value.get(..10)?.parse::<Date>().ok()?;
    day.to_zoned(TimeZone::UTC)
        .ok()
        .map(|zoned| zoned.timestamp().to_string())
}

/// Every `<url>` and `<sitemap>` of a sitemap, whatever its size: the fallback past the limits.
fn scan_sitemap(bytes: &[u8]) -> SitemapLinks {
    let text = String::from_utf8_lossy(bytes);
    let mut links = SitemapLinks {
        over_limit: true,
        ..SitemapLinks::default()
    };
    for (tag, is_page) in [("url", true), ("sitemap", false)] {
        let open = format!("<{tag}>");
        let close = format!("</{tag}>");
        let mut rest: &str = &text;
        while let Some(start) = rest.find(&open) {
            let after = &rest[start + open.len()..];
            let Some(end) = after.find(&close) else { break };
            let block = &after[..end];
            if let Some(loc) = element(block, "loc").map(unescape_xml) {
                let lastmod = element(block, "lastmod").and_then(w3c_datetime);
                if url::Url::parse(&loc).is_ok() {
                    let found = Found::new(loc, lastmod);
                    if is_page {
                        links.pages.push(found);
                    } else {
                        links.sitemaps.push(found);
                    }
                }
            }
            rest = &after[end + close.len()..];
        }
    }
    links
}

/// The item links of an RSS or Atom feed, with their updated (or published) dates.
pub fn parse_feed(bytes: &[u8]) -> Vec<Found> {
    match feed_rs::parser::parse(bytes) {
        Ok(feed) => feed
            .entries
            .into_iter()
            .filter_map(|entry| {
                let lastmod = entry
                    .updated
                    .or(entry.published)
                    .map(|d| d.format("%Y-%m-%dT%H:%M:%SZ").to_string());
                entry
                    .links
                    .into_iter()
                    .next()
                    .map(|l| Found::new(l.href, lastmod))
            })
            .collect(),
        Err(err) => {
            tracing::warn!("unreadable feed: {err}");
            Vec::new()
        }
    }
}

static LINKS: LazyLock<Selector> = LazyLock::new(|| {
    Selector::parse("a[href]").unwrap_or_else(|err| unreachable!("static selector: {err}"))
});

/// The canonical absolute links of an HTML page, in order, without repeats.
pub fn page_links(html: &str, base: &Url) -> Vec<String> {
    let document = Html::parse_document(html);
    let mut seen = std::collections::HashSet::new();
    document
        .select(&LINKS)
        .filter_map(|a| a.value().attr("href"))
        .filter_map(|href| resolve(base, href))
        .filter(|url| seen.insert(url.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gzipped_sitemap_lists_pages() {
        let xml = r#"<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
            <url><loc>https://tuyenquang.gov.vn/tin-tuc/a.html</loc></url>
            <url><loc>https://tuyenquang.gov.vn/tin-tuc/b.html</loc></url></urlset>"#;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, xml.as_bytes()).unwrap_or_default();
        let bytes = gz.finish().unwrap_or_default();
        let links = parse_sitemap(&maybe_gunzip(&bytes, 1 << 20));
        assert_eq!(links.pages.len(), 2);
        assert!(links.pages[1].url.ends_with("/b.html"));
    }

    #[test]
    fn rss_items_are_links() {
        let rss = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Tin tức</title>
            <item><title>Tổng kết</title><link>https://baochinhphu.vn/tong-ket.htm</link></item></channel></rss>"#;
        assert_eq!(
            parse_feed(rss.as_bytes()),
            vec![Found::new("https://baochinhphu.vn/tong-ket.htm", None)]
        );
    }

    #[test]
    fn a_sitemap_past_50000_urls_is_read_to_its_end() {
        let mut xml = String::from(
            r#"<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">"#,
        );
        for i in 0..60_000 {
            xml.push_str(&format!(
                "<url><loc>https://quangnam.gov.vn/tin-tuc/{i}.html?a=1&amp;b=2</loc><lastmod>2024-10-22</lastmod></url>"
            ));
        }
        xml.push_str("</urlset>");
        let links = parse_sitemap(xml.as_bytes());
        assert!(links.over_limit);
        assert_eq!(links.pages.len(), 60_000);
        assert_eq!(
            links.pages[59_999].url,
            "https://quangnam.gov.vn/tin-tuc/59999.html?a=1&b=2"
        );
        assert_eq!(
            links.pages[59_999].lastmod.as_deref(),
            Some("2024-10-22T00:00:00Z")
        );
    }
}
