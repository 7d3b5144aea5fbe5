//! From a fetched page to the Article the crawl writes, and whether it writes it.
//!
//! Shared by the crawl and by `tracuu extract --warc`, so re-extracting archived pages offline gives
//! the Articles the crawl gave: the same extraction (one decode, one parse, the canonical URL from
//! the same parse), the same site fields, the same duplicate rules.

use tracuu_index::article::{Article, id_from_url};
use url::Url;

use crate::canonical::{canonicalize, host_key};
use crate::dedup::{DedupIndex, content_hash, simhash};
use crate::extract::extract_article_and_canonical;
use crate::profile::SiteProfile;
use crate::state::Done;

/// An extracted page with its fingerprints.
#[derive(Debug, Clone)]
pub struct PageArticle {
    /// The article, under its canonical URL, with the site's agency, province and section.
    pub article: Article,
    /// [`content_hash`] of the body.
    pub hash: String,
    /// [`simhash`] of the body.
    pub simhash: u64,
}

/// Extracts the page fetched from `final_url` with `site`'s rules. `rel=canonical` on the same
/// host names the page's one true URL.
pub fn page_article(
    body: &[u8],
    content_type: Option<&str>,
    final_url: &str,
    site: &SiteProfile,
) -> PageArticle {
    let (mut article, canonical) =
        extract_article_and_canonical(body, content_type, final_url, &site.rules);
    if let Some(canonical) = same_host(canonical.as_deref(), final_url) {
        article.url = canonical;
    }
    article.url = canonicalize(&article.url).unwrap_or(article.url);
    article.agency = site.agency.clone();
    article.province = site.province.clone();
    article.section = site.section.clone();
    let hash = content_hash(&article.body);
    let simhash = simhash(&article.body);
    PageArticle {
        article,
        hash,
        simhash,
    }
}

fn same_host(canonical: Option<&str>, page_url: &str) -> Option<String> {
    let base = Url::parse(page_url).ok()?;
    let target = Url::parse(canonical?).ok()?;
    (host_key(&target) == host_key(&base))
        .then(|| canonicalize(target.as_str()))
        .flatten()
}

/// What to do with an extracted page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// No text was found: nothing to write.
    Empty,
    /// The same text as when this URL was fetched in an earlier pass.
    Unchanged,
    /// An exact copy of an article already written (or this article, already written this pass).
    Duplicate,
    /// New or changed: write it, marked as a near-copy of this article id when it is one.
    Write {
        /// Id of the earlier article it nearly copies.
        duplicate_of: Option<String>,
    },
}

/// What is known about a page's URL when its article is judged.
#[derive(Debug, Clone, Copy)]
pub struct Known<'a> {
    /// The current pass.
    pub pass: u32,
    /// The task URL's record from earlier passes, if any.
    pub previous: Option<&'a Done>,
    /// The pass in which an article with the page's canonical URL was last written, if ever.
    pub written_in: Option<u32>,
}

/// Decides whether `page` is written, given what was written before.
pub fn judge(page: &PageArticle, known: Known<'_>, dedup: &DedupIndex) -> Verdict {
    let url = page.article.url.as_str();
    if page.article.body.trim().is_empty() {
        return Verdict::Empty;
    }
    let unchanged = known
        .previous
        .is_some_and(|p| p.pass < known.pass && p.content_hash.as_deref() == Some(&page.hash));
    if unchanged {
        return Verdict::Unchanged;
    }
    // Written already: this pass (a second URL for it), or earlier under another task URL. A page
    // changed since an earlier pass is written again (the index replaces it by id).
    let written_again = known.written_in.is_some_and(|written| {
        written == known.pass || known.previous.is_none_or(|p| p.pass == known.pass)
    });
    if written_again || dedup.exact_copy_of(&page.hash, url).is_some() {
        return Verdict::Duplicate;
    }
    Verdict::Write {
        duplicate_of: dedup.near_copy_of(page.simhash, url).map(id_from_url),
    }
}
