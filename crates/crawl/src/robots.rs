//! robots.txt, parsed with `texting_robots` (tested against real files and Google's own tests).
//!
//! A missing robots.txt (4xx) allows everything; a server error (5xx) or an unreachable host
//! disallows the host for this run, as Google does, because the site may be in trouble.

use texting_robots::Robot;

/// What robots.txt says about one host.
pub enum RobotsRules {
    /// Rules were found and parsed.
    Parsed(Box<Robot>),
    /// No robots.txt: everything allowed.
    AllowAll,
    /// robots.txt could not be read: nothing allowed this run.
    DisallowAll,
}

impl RobotsRules {
    /// Parses a robots.txt body for our user agent; an unparsable body allows everything.
    pub fn parse(user_agent: &str, body: &[u8]) -> Self {
        match Robot::new(user_agent, body) {
            Ok(robot) => RobotsRules::Parsed(Box::new(robot)),
            Err(err) => {
                tracing::warn!("unparsable robots.txt, allowing all: {err}");
                RobotsRules::AllowAll
            }
        }
    }

    /// Whether `url` may be fetched.
    pub fn allowed(&self, url: &str) -> bool {
        match self {
            RobotsRules::Parsed(robot) => robot.allowed(url),
            RobotsRules::AllowAll => true,
            RobotsRules::DisallowAll => false,
        }
    }

    /// Crawl-delay in seconds, if given.
    pub fn crawl_delay(&self) -> Option<f32> {
        match self {
            RobotsRules::Parsed(robot) => robot.delay,
            _ => None,
        }
    }

    /// Sitemaps announced in robots.txt.
    pub fn sitemaps(&self) -> Vec<String> {
        match self {
            RobotsRules::Parsed(robot) => robot.sitemaps.clone(),
            _ => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disallow_delay_and_sitemaps() {
        let body = b"User-agent: *\nDisallow: /admin/\nCrawl-delay: 2\nSitemap: https://quangnam.gov.vn/sitemap.xml\n";
        let rules = RobotsRules::parse("tracuu", body);
        assert!(!rules.allowed("https://quangnam.gov.vn/admin/login"));
        assert!(rules.allowed("https://quangnam.gov.vn/tin-tuc/a.html"));
        assert_eq!(rules.crawl_delay(), Some(2.0));
        assert_eq!(
            rules.sitemaps(),
            vec!["https://quangnam.gov.vn/sitemap.xml".to_string()]
        );
    }
}
