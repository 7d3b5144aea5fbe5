//! tracuu-crawl
