//! Site profiles (`corpus/sites.toml`): where to start on each portal and which URLs are articles.
//!
//! ```
//! let toml = r#"
//! [[site]]
//! name = "quangnam"
//! start = ["https://quangnam.gov.vn/tin-tuc"]
//! article_patterns = ['/tin-tuc/.+\.html$']
//! agency = "UBND tỉnh Quảng Nam"
//! province = "Quảng Nam"
//! "#;
//! let sites = tracuu_crawl::profile::parse_profiles(toml, "sites.toml".as_ref()).unwrap();
//! assert_eq!(sites[0].name, "quangnam");
//! assert!(sites[0].is_article("https://quangnam.gov.vn/tin-tuc/tong-ket-2020.html"));
//! assert!(!sites[0].is_article("https://quangnam.gov.vn/lien-he"));
//! ```

use std::path::Path;

use regex::Regex;
use serde::Deserialize;

use crate::error::CrawlError;
use crate::extract::SiteRules;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProfileFile {
    #[serde(default)]
    site: Vec<RawProfile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProfile {
    name: String,
    #[serde(default)]
    start: Vec<String>,
    #[serde(default)]
    sitemaps: Vec<String>,
    #[serde(default)]
    feeds: Vec<String>,
    #[serde(default)]
    article_patterns: Vec<String>,
    #[serde(default)]
    listing_patterns: Vec<String>,
    agency: Option<String>,
    province: Option<String>,
    section: Option<String>,
    content_selector: Option<String>,
    title_selector: Option<String>,
    date_selector: Option<String>,
    author_selector: Option<String>,
    #[serde(default)]
    remove_selectors: Vec<String>,
}

/// One portal: start points, URL patterns, the agency and province it speaks for, extraction rules.
/// The default is a nameless site with the generic extraction rules.
#[derive(Debug, Clone, Default)]
pub struct SiteProfile {
    /// Short name used by `--site` and in logs.
    pub name: String,
    /// Listing pages to start from (home, news sections); their links are followed.
    pub start: Vec<String>,
    /// Sitemaps (or sitemap indexes, `.gz` allowed) to read, besides those in robots.txt.
    pub sitemaps: Vec<String>,
    /// RSS or Atom feeds to read.
    pub feeds: Vec<String>,
    /// Regexes on absolute URLs: a match is an article page.
    pub article_patterns: Vec<Regex>,
    /// Regexes on absolute URLs: a match is a listing page to follow (pagination, sections).
    pub listing_patterns: Vec<Regex>,
    /// Government body behind the site.
    pub agency: Option<String>,
    /// Province of the site.
    pub province: Option<String>,
    /// Section written into every Article of the site, when the site is one section.
    pub section: Option<String>,
    /// Per-site extraction selectors.
    pub rules: SiteRules,
}

impl SiteProfile {
    /// True when `url` is an article page of this site.
    pub fn is_article(&self, url: &str) -> bool {
        self.article_patterns.iter().any(|re| re.is_match(url))
    }

    /// True when `url` is a listing page of this site worth following.
    pub fn is_listing(&self, url: &str) -> bool {
        self.listing_patterns.iter().any(|re| re.is_match(url))
    }
}

fn compile(patterns: &[String], site: &str, path: &Path) -> Result<Vec<Regex>, CrawlError> {
    patterns
        .iter()
        .map(|p| {
            Regex::new(p).map_err(|err| CrawlError::Profile {
                path: path.to_path_buf(),
                message: format!("site {site:?}: bad pattern {p:?}: {err}"),
            })
        })
        .collect()
}

/// Parses profile TOML; `path` is only used in error messages.
pub fn parse_profiles(text: &str, path: &Path) -> Result<Vec<SiteProfile>, CrawlError> {
    let file: ProfileFile = toml::from_str(text).map_err(|err| CrawlError::Profile {
        path: path.to_path_buf(),
        message: err.to_string(),
    })?;
    let mut out = Vec::with_capacity(file.site.len());
    for raw in file.site {
        if raw.start.is_empty() && raw.sitemaps.is_empty() && raw.feeds.is_empty() {
            return Err(CrawlError::Profile {
                path: path.to_path_buf(),
                message: format!("site {:?} has no start, sitemaps or feeds", raw.name),
            });
        }
        let rules = SiteRules::from_css(
            raw.content_selector.as_deref(),
            raw.title_selector.as_deref(),
            raw.date_selector.as_deref(),
            raw.author_selector.as_deref(),
            &raw.remove_selectors,
        )
        .map_err(|err| CrawlError::Profile {
            path: path.to_path_buf(),
            message: format!("site {:?}: {err}", raw.name),
        })?;
        out.push(SiteProfile {
            article_patterns: compile(&raw.article_patterns, &raw.name, path)?,
            listing_patterns: compile(&raw.listing_patterns, &raw.name, path)?,
            name: raw.name,
            start: raw.start,
            sitemaps: raw.sitemaps,
            feeds: raw.feeds,
            agency: raw.agency,
            province: raw.province,
            section: raw.section,
            rules,
        });
    }
    Ok(out)
}

/// Reads and parses a profile file.
pub fn load_profiles(path: &Path) -> Result<Vec<SiteProfile>, CrawlError> {
    let text = std::fs::read_to_string(path).map_err(|err| CrawlError::io(path, err))?;
    parse_profiles(&text, path)
}
