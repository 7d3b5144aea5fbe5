//! Finding article URLs: sitemaps (and sitemap indexes, gzipped or not), RSS/Atom feeds, and the
//! links of listing pages.
//!
//! Sitemaps are parsed with `sitemapo`, feeds with `feed-rs`; listing pages with `scraper`.
//!
//! ```
//! let xml = br#"<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
//!   <sitemap><loc>https://mofa.gov.vn/sitemap-1.xml.gz</loc></sitemap></sitemapindex>"#;
//! let found = tracuu_crawl::discover::parse_sitemap(xml);
//! assert_eq!(found.sitemaps, vec!["https://mofa.gov.vn/sitemap-1.xml.gz".to_string()]);
//! ```

use std::io::Read;
use std::sync::LazyLock;

use scraper::{Html, Selector};
use url::Url;

use crate::canonical::resolve;

/// URLs found in one sitemap document.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct SitemapLinks {
    /// Page URLs (`<url><loc>`).
    pub pages: Vec<String>,
    /// Nested sitemaps (`<sitemap><loc>` of an index).
    pub sitemaps: Vec<String>,
}

/// Gunzips `bytes` when they start with the gzip magic number, up to `limit` bytes out.
pub fn maybe_gunzip(bytes: &[u8], limit: usize) -> Vec<u8> {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        // `take` guards against decompression bombs.
        match flate2::read::GzDecoder::new(bytes)
            .take(limit as u64)
            .read_to_end(&mut out)
        {
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
            Ok(sitemapo::Record::Entry(entry)) => links.pages.push(entry.location.to_string()),
            Ok(sitemapo::Record::Sitemap(sitemap)) => {
                links.sitemaps.push(sitemap.location.to_string())
            }
            Err(err) => tracing::debug!("sitemap record skipped: {err}"),
        }
    }
    links
}

/// The item links of an RSS or Atom feed.
pub fn parse_feed(bytes: &[u8]) -> Vec<String> {
    match feed_rs::parser::parse(bytes) {
        Ok(feed) => feed
            .entries
            .into_iter()
            .filter_map(|entry| entry.links.into_iter().next().map(|l| l.href))
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
        assert!(links.pages[1].ends_with("/b.html"));
    }

    #[test]
    fn rss_items_are_links() {
        let rss = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Tin tức</title>
            <item><title>Tổng kết</title><link>https://baochinhphu.vn/tong-ket.htm</link></item></channel></rss>"#;
        assert_eq!(
            parse_feed(rss.as_bytes()),
            vec!["https://baochinhphu.vn/tong-ket.htm".to_string()]
        );
    }
}
