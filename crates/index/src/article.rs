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

/// The most bytes of body kept: longer bodies are cut (at a paragraph or word end) and reported.
///
/// Long legal texts run to a few hundred kilobytes; anything far beyond is a mistake in the corpus,
/// and would make every search that returns it and every article page cost as much.
pub const MAX_BODY_BYTES: usize = 1 << 20;
/// The most bytes of title kept (headlines are under 300 characters).
pub const MAX_TITLE_BYTES: usize = 2_000;

/// True for an absolute `http://` or `https://` URL with a host: the only links tracuu emits.
///
/// Anything else (`javascript:`, `data:`, relative paths) would run script or lead nowhere when a
/// reader clicks it, so the indexer refuses such articles and the page shows such URLs as text.
///
/// ```
/// use tracuu_index::article::is_web_url;
/// assert!(is_web_url("https://quangnam.gov.vn/a.html"));
/// assert!(!is_web_url("javascript:alert(1)"));
/// assert!(!is_web_url("data:text/html,<script>alert(1)</script>"));
/// assert!(!is_web_url("https://"));
/// ```
pub fn is_web_url(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let scheme_ok = lower.starts_with("http://") || lower.starts_with("https://");
    scheme_ok && !url.chars().any(|c| c.is_control() || c.is_whitespace()) && host_of(url).is_some()
}

/// Why an article cannot be indexed at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Rejected {
    /// `url` is not an absolute http(s) URL.
    #[error("field `url` is not an http(s) URL: '{0}'")]
    NotWebUrl(String),
}

/// What [`Article::sanitize`] changed so the article could be indexed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Repair {
    /// `published` was unreadable (or not a real day) and was dropped; the article is undated.
    DateDropped(String),
    /// The body was longer than [`MAX_BODY_BYTES`] and was cut; holds the original length.
    BodyCut(usize),
    /// The title was longer than [`MAX_TITLE_BYTES`] and was cut; holds the original length.
    TitleCut(usize),
}

impl std::fmt::Display for Repair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Repair::DateDropped(value) => write!(
                f,
                "`published` '{value}' is not a date (RFC 3339 or YYYY-MM-DD, a real day); kept the article without a date"
            ),
            Repair::BodyCut(len) => write!(
                f,
                "the body is {len} bytes; kept the first {} (the limit)",
                MAX_BODY_BYTES
            ),
            Repair::TitleCut(len) => write!(
                f,
                "the title is {len} bytes; kept the first {} (the limit)",
                MAX_TITLE_BYTES
            ),
        }
    }
}

impl Article {
    /// Makes the article safe to index: refuses non-web URLs, drops an unreadable date, cuts an
    /// over-long body or title. Returns what it repaired, for the caller to report.
    pub fn sanitize(&mut self) -> Result<Vec<Repair>, Rejected> {
        if !is_web_url(self.url.trim()) {
            let shown: String = self.url.chars().take(80).collect();
            return Err(Rejected::NotWebUrl(shown));
        }
        let mut repairs = Vec::new();
        if let Some(published) = &self.published
            && !published.trim().is_empty()
            && parse_published(published).is_none()
        {
            repairs.push(Repair::DateDropped(published.chars().take(40).collect()));
            self.published = None;
        }
        if self.body.len() > MAX_BODY_BYTES {
            repairs.push(Repair::BodyCut(self.body.len()));
            cut_text(&mut self.body, MAX_BODY_BYTES);
        }
        if self.title.len() > MAX_TITLE_BYTES {
            repairs.push(Repair::TitleCut(self.title.len()));
            cut_text(&mut self.title, MAX_TITLE_BYTES);
        }
        Ok(repairs)
    }
}

/// Cuts `text` to at most `max` bytes, at the last paragraph break, else the last space, in the
/// second half of the limit, else at a character boundary.
fn cut_text(text: &mut String, max: usize) {
    let mut end = max.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    let at = head
        .rfind("\n\n")
        .or_else(|| head.rfind(char::is_whitespace))
        .filter(|&i| i > end / 2)
        .unwrap_or(end);
    text.truncate(at);
    let trimmed = text.trim_end().len();
    text.truncate(trimmed);
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
        assert_eq!(parse_published("2021-02-30"), None);
        assert_eq!(parse_published("not-a-date"), None);
    }

    fn article(url: &str) -> Article {
        Article {
            url: url.into(),
            title: "Tổng kết công tác người Việt Nam ở nước ngoài".into(),
            body: "Chiều ngày 22/02/2021, Ban về người Việt Nam ở nước ngoài tỉnh Quảng Nam họp."
                .into(),
            ..Default::default()
        }
    }

    #[test]
    fn only_web_urls_are_accepted() {
        for bad in [
            "javascript:alert(document.cookie)",
            "JaVaScRiPt:alert(1)",
            "data:text/html;base64,PHNjcmlwdD4=",
            "vbscript:msgbox",
            "/tin-tuc/a.html",
            "https://quangnam.gov.vn/a b",
            "http://",
        ] {
            let err = article(bad).sanitize().unwrap_err();
            assert!(matches!(err, Rejected::NotWebUrl(_)), "{bad}");
        }
        for good in [
            "https://quangnam.gov.vn/a.html",
            "HTTP://Baochinhphu.vn/x?y=1#z",
        ] {
            assert_eq!(article(good).sanitize(), Ok(Vec::new()), "{good}");
        }
    }

    #[test]
    fn impossible_dates_are_dropped_and_reported() {
        for bad in ["not-a-date", "2021-02-30", "30/02/2021"] {
            let mut a = article("https://quangnam.gov.vn/a");
            a.published = Some(bad.into());
            let repairs = a.sanitize().unwrap();
            assert_eq!(repairs, vec![Repair::DateDropped(bad.into())]);
            assert_eq!(a.published, None);
        }
        let mut a = article("https://quangnam.gov.vn/a");
        a.published = Some("2021-02-28".into());
        assert_eq!(a.sanitize(), Ok(Vec::new()));
        assert_eq!(a.published.as_deref(), Some("2021-02-28"));
    }

    #[test]
    fn an_over_long_body_is_cut_at_a_paragraph_end() {
        let mut a = article("https://quangnam.gov.vn/a");
        let paragraph = "Kiều bào ở nước ngoài luôn hướng về quê hương, đóng góp cho sự phát triển của đất nước. ";
        let mut body = String::new();
        while body.len() < MAX_BODY_BYTES + 50_000 {
            body.push_str(paragraph);
            body.push_str("\n\n");
        }
        let original = body.len();
        a.body = body;
        let repairs = a.sanitize().unwrap();
        assert_eq!(repairs, vec![Repair::BodyCut(original)]);
        assert!(a.body.len() <= MAX_BODY_BYTES);
        assert!(a.body.len() > MAX_BODY_BYTES - 200);
        assert!(
            a.body.ends_with("đất nước."),
            "{}",
            &a.body[a.body.len() - 40..]
        );
    }
}
