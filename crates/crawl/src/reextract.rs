//! Articles again from archived pages, offline: `tracuu extract --warc FILE…`.
//!
//! Reads the response records of WARC files in order and runs each article page through the crawl's
//! own steps ([`crate::page`]): the same extraction, canonical URL, site fields and duplicate rules,
//! so a tracuu crawl's WARC files give back the Articles the crawl wrote (the WARC records were
//! written in the order the crawl handled the pages). tracuu marks its records with the site and
//! the kind of task they were fetched for; records of other crawlers are taken when their URL is
//! an article of a given site profile, or, with no profiles, when they are HTML pages. The pages
//! are taken as one pass: a page archived twice gives one Article, the first time.

use std::collections::HashSet;
use std::fs::File;
use std::path::{Path, PathBuf};

use tracuu_index::article::Article;

use crate::dedup::DedupIndex;
use crate::error::CrawlError;
use crate::page::{Known, Verdict, judge, page_article};
use crate::profile::SiteProfile;
use crate::warc::{WarcReader, WarcRecord, parse_http_response};

/// Counts of a re-extraction.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ReextractReport {
    /// Response records read.
    pub responses: usize,
    /// Articles given.
    pub articles: usize,
    /// Pages that were duplicates, empty, or not articles.
    pub skipped: usize,
}

fn is_html(content_type: Option<&str>) -> bool {
    content_type.is_none_or(|ct| {
        let ct = ct.to_ascii_lowercase();
        ct.contains("text/html") || ct.contains("application/xhtml")
    })
}

/// The site whose rules apply to a record, or `None` when the record is not an article page.
fn site_for<'a>(
    record: &WarcRecord,
    url: &str,
    sites: &'a [SiteProfile],
    generic: &'a SiteProfile,
) -> Option<&'a SiteProfile> {
    match (record.field("Tracuu-Task"), record.field("Tracuu-Site")) {
        (Some(task), _) if task != "article" => None,
        (Some(_), Some(name)) => Some(
            sites
                .iter()
                .find(|s| s.name == name)
                .or_else(|| sites.iter().find(|s| s.is_article(url)))
                .unwrap_or(generic),
        ),
        _ if sites.is_empty() => Some(generic),
        _ => sites.iter().find(|s| s.is_article(url)),
    }
}

/// Re-extracts the article pages of `files`, handing each Article to `emit`.
pub fn reextract(
    files: &[PathBuf],
    sites: &[SiteProfile],
    mut emit: impl FnMut(Article) -> Result<(), CrawlError>,
) -> Result<ReextractReport, CrawlError> {
    let generic = SiteProfile::default();
    let mut dedup = DedupIndex::default();
    let mut written: HashSet<String> = HashSet::new();
    let mut report = ReextractReport::default();
    for path in files {
        let absolute = std::path::absolute(path).map_err(|err| CrawlError::io(path, err))?;
        let file = File::open(path).map_err(|err| CrawlError::io(path, err))?;
        let mut reader = WarcReader::new(file);
        while let Some(record) = reader
            .next_record()
            .map_err(|err| CrawlError::io(path, err))?
        {
            if record.field("WARC-Type") != Some("response") {
                continue;
            }
            report.responses += 1;
            let Some(article) =
                record_article(&record, &absolute, sites, &generic, &dedup, &written)
            else {
                report.skipped += 1;
                continue;
            };
            let (article, hash, simhash) = article;
            dedup.insert(&hash, simhash, &article.url);
            written.insert(article.url.clone());
            report.articles += 1;
            emit(article)?;
        }
    }
    Ok(report)
}

fn record_article(
    record: &WarcRecord,
    file: &Path,
    sites: &[SiteProfile],
    generic: &SiteProfile,
    dedup: &DedupIndex,
    written: &HashSet<String>,
) -> Option<(Article, String, u64)> {
    let url = record.field("WARC-Target-URI")?;
    let http = parse_http_response(&record.block)?;
    let content_type = http.header("content-type");
    if !(200..300).contains(&http.status) || !is_html(content_type) {
        return None;
    }
    let site = site_for(record, url, sites, generic)?;
    let page = page_article(http.body, content_type, url, site);
    let known = Known {
        pass: 1,
        previous: None,
        written_in: written.contains(&page.article.url).then_some(1),
    };
    match judge(&page, known, dedup) {
        Verdict::Write { duplicate_of } => {
            let mut article = page.article;
            article.duplicate_of = duplicate_of;
            article.warc_file = Some(file.display().to_string());
            article.warc_offset = Some(record.offset);
            Some((article, page.hash, page.simhash))
        }
        Verdict::Empty | Verdict::Unchanged | Verdict::Duplicate => None,
    }
}
