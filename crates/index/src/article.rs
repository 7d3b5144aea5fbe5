//! The Article record: the one shape every stage of tracuu agrees on.
//!
//! The crawler writes Articles as JSON Lines, the indexer reads them, and the server returns them.
//! `url`, `title` and `body` are required; everything else is optional and unknown fields are
//! ignored, so corpora from other tools can be indexed as they are.
//!
//! ```
//! use tracuu_index::article::Article;
//! let line = r#"{"url":"https://quangnam.gov.vn/a.html","title":"Tổng kết","body":"Nội dung"}"#;
//! let article: Article = serde_json::from_str(line).unwrap();
//! assert_eq!(article.source_host().as_deref(), Some("quangnam.gov.vn"));
//! assert_eq!(article.effective_id().len(), 16);
//! ```

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use time::{Date, OffsetDateTime, UtcOffset, macros::format_description};

/// One news article, as crawled, stored in the corpus and returned by search.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// Stable identifier; derived from the canonical URL when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Canonical URL of the article at its source.
    pub url: String,
    /// Headline, as published.
    pub title: String,
    /// Clean main text: paragraphs separated by blank lines, no menus or related-news blocks.
    pub body: String,
    /// Publication time: RFC 3339 (`2021-02-22T14:00:00+07:00`) or a date (`2021-02-22`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// Publishing site (a host name); derived from `url` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Government body behind the site, e.g. "UBND tỉnh Quảng Nam".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency: Option<String>,
    /// Province the site belongs to, e.g. "Quảng Nam".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province: Option<String>,
    /// Byline, when the page gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Section or category of the site, e.g. "Tin tức & Sự kiện".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// Id of the article this one republishes, when the crawler found a near-duplicate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<String>,
    /// The WARC file holding the page as it was fetched (absolute path), when the crawl archived it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warc_file: Option<String>,
    /// Byte offset of the page's response record in `warc_file`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warc_offset: Option<u64>,
}

/// Vietnam's time zone (UTC+7, no daylight saving), used for dates written without an offset.
pub const VIETNAM_OFFSET: UtcOffset = match UtcOffset::from_hms(7, 0, 0) {
    Ok(offset) => offset,
    Err(_) => UtcOffset::UTC,
};

impl Article {
    /// The id to index under: the given `id`, or one derived from the URL.
    pub fn effective_id(&self) -> String {
        match &self.id {
            Some(id) if !id.trim().is_empty() => id.trim().to_string(),
            _ => id_from_url(&self.url),
        }
    }

    /// The source to facet on: the given `source`, or the URL's host without `www.`.
    pub fn source_host(&self) -> Option<String> {
        if let Some(source) = self
            .source
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            return Some(source.to_string());
        }
        host_of(&self.url)
    }

    /// The publication time, parsed; `None` when absent or unreadable.
    pub fn published_at(&self) -> Option<OffsetDateTime> {
        parse_published(self.published.as_deref()?)
    }
}

/// Derives a short stable id (16 hex digits of SHA-256) from a URL, so re-crawls map to one id.
pub fn id_from_url(url: &str) -> String {
    let digest = Sha256::digest(url.trim().as_bytes());
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// The host of an `http(s)` URL, lower-cased and without a leading `www.`.
pub fn host_of(url: &str) -> Option<String> {
    let rest = url.trim().split_once("://").map(|(_, rest)| rest)?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority
        .rsplit('@')
        .next()?
        .split(':')
        .next()?
        .to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

/// Parses RFC 3339 or `YYYY-MM-DD` (taken as midnight in Vietnam).
pub fn parse_published(text: &str) -> Option<OffsetDateTime> {
    let text = text.trim();
    if let Ok(at) = OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339) {
        return Some(at);
    }
    let day = Date::parse(text.get(..10)?, format_description!("[year]-[month]-[day]")).ok()?;
    Some(day.midnight().assume_offset(VIETNAM_OFFSET))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_is_derived_from_url_and_stable() {
        let a = Article {
            url: "https://quangnam.gov.vn/x".into(),
            ..Default::default()
        };
        assert_eq!(a.effective_id(), a.clone().effective_id());
        let b = Article {
            url: "https://quangnam.gov.vn/y".into(),
            ..Default::default()
        };
        assert_ne!(a.effective_id(), b.effective_id());
    }

    #[test]
    fn host_drops_www_port_and_credentials() {
        assert_eq!(
            host_of("https://www.Baochinhphu.vn/a?b=c").as_deref(),
            Some("baochinhphu.vn")
        );
        assert_eq!(
            host_of("http://u@songoaivu.danang.gov.vn:8080/").as_deref(),
            Some("songoaivu.danang.gov.vn")
        );
        assert_eq!(host_of("not a url"), None);
    }

    #[test]
    fn published_accepts_dates_and_rfc3339() {
        let day = parse_published("2021-02-22").map(|d| (d.year(), d.month() as u8, d.day()));
        assert_eq!(day, Some((2021, 2, 22)));
        let at = parse_published("2021-11-05T02:51:00+07:00").map(|d| d.hour());
        assert_eq!(at, Some(2));
        assert_eq!(parse_published("22/02/2021"), None);
    }
}
