//! Canonical URLs: one spelling per page, so the same article is neither fetched nor stored twice.
//!
//! Lower-cases scheme and host (the `url` crate does), drops the fragment, default ports and
//! tracking parameters (`utm_*`, `fbclid`, `gclid`, Zalo's `zarsrc`…). The path is left exactly as
//! the site wrote it: a trailing slash is never added or removed, because on many portals
//! `/tin-tuc` and `/tin-tuc/` are different pages.
//!
//! ```
//! use tracuu_crawl::canonical::canonicalize;
//! assert_eq!(
//!     canonicalize("HTTPS://Quangnam.gov.vn:443/tin-tuc/a.html?utm_source=fb&id=7#top").as_deref(),
//!     Some("https://quangnam.gov.vn/tin-tuc/a.html?id=7")
//! );
//! assert_eq!(canonicalize("https://mofa.gov.vn/tin/").as_deref(), Some("https://mofa.gov.vn/tin/"));
//! ```

use url::Url;

fn is_tracking(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    key.starts_with("utm_")
        || matches!(
            key.as_str(),
            "fbclid"
                | "gclid"
                | "dclid"
                | "msclkid"
                | "zarsrc"
                | "zaloid"
                | "_ga"
                | "mc_cid"
                | "mc_eid"
                | "igshid"
                | "ref_src"
        )
}

/// Canonical form of an absolute `http(s)` URL; `None` for anything else.
pub fn canonicalize(raw: &str) -> Option<String> {
    let mut url = Url::parse(raw.trim()).ok()?;
    canonical_url(&mut url).then(|| url.to_string())
}

/// Resolves `href` against `base` and canonicalises it.
pub fn resolve(base: &Url, href: &str) -> Option<String> {
    let href = href.trim();
    if href.is_empty()
        || href.starts_with('#')
        || href.starts_with("javascript:")
        || href.starts_with("mailto:")
    {
        return None;
    }
    let mut url = base.join(href).ok()?;
    canonical_url(&mut url).then(|| url.to_string())
}

fn canonical_url(url: &mut Url) -> bool {
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return false;
    }
    url.set_fragment(None);
    if url.query().is_some() {
        let kept: Vec<(String, String)> = url
            .query_pairs()
            .filter(|(k, _)| !is_tracking(k))
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        if kept.is_empty() {
            url.set_query(None);
        } else {
            url.query_pairs_mut().clear().extend_pairs(kept);
        }
    }
    true
}

/// The host (with port when not the default) that politeness is counted per.
pub fn host_key(url: &Url) -> String {
    match (url.host_str(), url.port()) {
        (Some(host), Some(port)) => format!("{host}:{port}"),
        (Some(host), None) => host.to_string(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trailing_slash_is_kept_as_written() {
        assert_eq!(
            canonicalize("https://baochinhphu.vn/a").as_deref(),
            Some("https://baochinhphu.vn/a")
        );
        assert_eq!(
            canonicalize("https://baochinhphu.vn/a/").as_deref(),
            Some("https://baochinhphu.vn/a/")
        );
    }

    #[test]
    fn only_tracking_parameters_go() {
        assert_eq!(
            canonicalize("http://127.0.0.1:8080/tin?ItemID=12&fbclid=x&zarsrc=30").as_deref(),
            Some("http://127.0.0.1:8080/tin?ItemID=12")
        );
        assert_eq!(canonicalize("ftp://example.org/a"), None);
    }
}
