//! tracuu-crawl: from Vietnamese government portals to clean [`Article`](tracuu_index::article::Article)s.
//!
//! - [`charset`] and [`legacy`]: bytes to NFC text, including Windows-1258, TCVN3 and VNI.
//! - [`extract`]: main text, title, date and author of one page.
//! - [`profile`]: the site profiles of `corpus/sites.toml`.
//! - [`crawler`]: the polite, resumable crawl loop, built from [`fetch`], [`politeness`],
//!   [`robots`], [`discover`], [`canonical`], [`page`], [`dedup`], [`state`] (over [`journal`]),
//!   [`output`] and [`warc`].
//! - [`update`]: keeping an index current: crawl what changed, index what was written.
//! - [`reextract`]: Articles again from WARC files, offline.

pub mod canonical;
pub mod charset;
pub mod crawler;
pub mod dedup;
pub mod discover;
pub mod error;
pub mod extract;
pub mod fetch;
pub mod journal;
pub mod legacy;
pub mod output;
pub mod page;
pub mod politeness;
pub mod profile;
pub mod reextract;
pub mod robots;
pub mod state;
pub mod update;
pub mod warc;

pub use error::CrawlError;
