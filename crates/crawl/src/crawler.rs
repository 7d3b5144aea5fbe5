//! The crawl loop: seeds the frontier from the profiles, fetches politely, extracts, dedups, writes.
//!
//! One owner (this loop) holds the state; fetches run as tokio tasks, and everything that parses
//! (extraction, listing links, sitemaps, feeds) or compresses (WARC records) runs on tokio's
//! blocking pool, so a slow page never holds up requests to other hosts. The loop handles finished
//! URLs in batches: it appends their WARC records, their articles and their journal events, starts
//! the next fetches, then commits the batch — WARC file, article file, then journal, each flushed
//! and fsynced once per batch. A URL counts as done only when its journal event is durable, and
//! its article is durable before that, so `kill -9` at any moment loses no queued URL and a restart
//! neither refetches a finished page nor writes an article twice (see [`crate::output`] for the
//! article file's own recovery). Every step costs O(1) in the size of the crawl.
//!
//! Running the crawl again after a pass finished starts a re-crawl: the profiles are read again,
//! known pages are fetched with their ETag/Last-Modified, and unchanged pages are not re-emitted.
//! In [`CrawlMode::Update`] a pass fetches only what is new or changed: a known page only when its
//! sitemap or feed dates it after its last fetch, sitemaps and feeds with conditional GET, and
//! listing pages only as deep as they still show new articles.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use indicatif::{ProgressBar, ProgressStyle};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use tokio::sync::{Mutex, OnceCell};
use tokio::task::JoinSet;
use url::Url;

use crate::canonical::{canonicalize, host_key};
use crate::discover::{Found, maybe_gunzip, page_links, parse_feed, parse_sitemap};
use crate::error::CrawlError;
use crate::fetch::{Expect, FetchError, FetchSettings, Fetcher, Response, Validators};
use crate::output::ArticleLog;
use crate::page::{Known, PageArticle, Verdict, judge, page_article};
use crate::politeness::{Gate, Pacing};
use crate::profile::SiteProfile;
use crate::robots::RobotsRules;
use crate::state::{CrawlState, Done, Files, Task, TaskKind};
use crate::warc::{Capture, Encoded, WarcSettings, WarcWriter, encode_exchange, repair_tail};

/// The article file's name in the crawl directory.
pub const ARTICLES_FILE: &str = "articles.jsonl";

/// Sitemaps and feeds may be larger than pages: up to this many bytes once decompressed.
const MAX_SITEMAP_BYTES: usize = crate::fetch::MAX_DISCOVERY_BODY;

/// How a pass chooses what to fetch.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum CrawlMode {
    /// Everything discovered; known pages revalidated with conditional GET.
    #[default]
    Full,
    /// Only what is new or changed since the last pass (see the module documentation).
    Update,
}

/// Everything a crawl needs to know.
#[derive(Debug, Clone)]
pub struct CrawlOptions {
    /// Directory for `articles.jsonl`, `state.journal` and `warc/`.
    pub out: PathBuf,
    /// Stop after fetching this many article pages in this run (the rest stays queued).
    pub max_pages: Option<usize>,
    /// The sites to crawl.
    pub sites: Vec<SiteProfile>,
    /// HTTP limits.
    pub fetch: FetchSettings,
    /// Per-host pause floor and cap.
    pub pacing: Pacing,
    /// Requests in flight over all hosts.
    pub concurrency: usize,
    /// Show a progress bar (only drawn on a terminal).
    pub progress: bool,
    /// Archive every response in WARC files (`None`: no archive).
    pub warc: Option<WarcSettings>,
    /// Full crawl or update.
    pub mode: CrawlMode,
    /// Set to stop: no new fetches start, those in flight finish and are written, the state is
    /// committed, and [`crawl`] returns.
    pub stop: Arc<AtomicBool>,
}

impl CrawlOptions {
    /// The WARC settings used by default: rotating 1 GiB files in `out/warc`.
    pub fn default_warc(out: &std::path::Path) -> WarcSettings {
        WarcSettings {
            dir: out.join("warc"),
            max_file_bytes: 1 << 30,
        }
    }
}

/// Per-host outcome counts, printed at the end of a crawl.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct HostCounts {
    /// Pages fetched with a 2xx answer (including discovery pages).
    pub fetched: usize,
    /// Articles written.
    pub written: usize,
    /// Pages unchanged since the last pass (304 or same content).
    pub unchanged: usize,
    /// Exact copies of an article already written, not written again.
    pub duplicates: usize,
    /// Skipped on purpose: robots.txt, not HTML, too large.
    pub skipped: usize,
    /// Failed: HTTP errors after retries, redirect loops, network errors.
    pub failed: usize,
}

/// What a crawl run did.
#[derive(Debug, Default)]
pub struct CrawlReport {
    /// Counts per host.
    pub hosts: BTreeMap<String, HostCounts>,
    /// URLs still queued (the run stopped at `max_pages` or was stopped).
    pub remaining: usize,
    /// The run was stopped before its frontier emptied.
    pub stopped: bool,
}

impl CrawlReport {
    /// Articles written over all hosts.
    pub fn written(&self) -> usize {
        self.hosts.values().map(|c| c.written).sum()
    }
}

/// What a fetch brought back, before parsing.
enum Fetched {
    Page {
        final_url: String,
        content_type: Option<String>,
        body: Vec<u8>,
        validators: Validators,
    },
    NotModified,
    Skipped(String),
    Failed(String),
}

/// A fetched article page, extracted.
struct PageResult {
    validators: Validators,
    article: PageArticle,
}

enum Outcome {
    Links {
        pages: Vec<Found>,
        nested: Vec<Found>,
        validators: Validators,
    },
    Page(Box<PageResult>),
    NotModified,
    Skipped(String),
    Failed(String),
}

struct Finished {
    task: Task,
    outcome: Outcome,
    robots_sitemaps: Vec<String>,
    warc: Option<Encoded>,
}

/// robots.txt rules per host, each fetched once even when many tasks ask at the same time.
type RobotsCache = Arc<Mutex<HashMap<String, Arc<OnceCell<Arc<RobotsRules>>>>>>;

#[derive(Clone)]
struct Worker {
    fetcher: Fetcher,
    gate: Gate,
    robots: RobotsCache,
}

impl Worker {
    /// robots.txt of `url`'s host, fetched once per run; returns the rules and, the first time,
    /// the sitemaps it announces (and its exchange, for the archive).
    async fn robots(
        &self,
        url: &Url,
        captures: &mut Vec<Capture>,
    ) -> (Arc<RobotsRules>, Vec<String>) {
        let host = host_key(url);
        let cell = self
            .robots
            .lock()
            .await
            .entry(host.clone())
            .or_default()
            .clone();
        let mut first = false;
        let rules = cell
            .get_or_init(|| async {
                first = true;
                let Ok(robots_url) = url.join("/robots.txt") else { return Arc::new(RobotsRules::AllowAll) };
                let permit = self.gate.acquire(&host).await;
                let response = self
                    .fetcher
                    .get_recorded(&robots_url, None, Expect::Any, captures)
                    .await;
                drop(permit);
                let agent = self.fetcher.settings().user_agent.clone();
                let rules = match response {
                    Ok(Response::Ok { body, .. }) => RobotsRules::parse(&agent, &body),
                    Err(FetchError::Status(code)) if (400..500).contains(&code) => RobotsRules::AllowAll,
                    // A robots.txt that redirects elsewhere or is unreadable: be safe.
                    Ok(_) => RobotsRules::AllowAll,
                    Err(err) => {
                        tracing::warn!(%host, "robots.txt unavailable ({err}); skipping the host this run");
                        RobotsRules::DisallowAll
                    }
                };
                self.gate.set_crawl_delay(&host, rules.crawl_delay()).await;
                Arc::new(rules)
            })
            .await
            .clone();
        let sitemaps = if first { rules.sitemaps() } else { Vec::new() };
        (rules, sitemaps)
    }

    /// Fetches `task`, following redirects hop by hop (each one checked against robots.txt).
    async fn fetch(
        &self,
        task: &Task,
        validators: Option<&Validators>,
        captures: &mut Vec<Capture>,
        robots_sitemaps: &mut Vec<String>,
    ) -> Fetched {
        let mut url = match Url::parse(&task.url) {
            Ok(url) => url,
            Err(err) => return Fetched::Failed(format!("bad URL: {err}")),
        };
        let expect = if matches!(task.kind, TaskKind::Article | TaskKind::Listing) {
            Expect::Html
        } else {
            Expect::Any
        };
        let mut hops = HashSet::new();
        let max_redirects = self.fetcher.settings().max_redirects;
        for hop in 0..=max_redirects {
            if !hops.insert(url.to_string()) {
                return Fetched::Failed("redirect loop".into());
            }
            let (rules, sitemaps) = self.robots(&url, captures).await;
            robots_sitemaps.extend(sitemaps);
            if !rules.allowed(url.as_str()) {
                return Fetched::Skipped("disallowed by robots.txt".into());
            }
            let permit = self.gate.acquire(&host_key(&url)).await;
            let sent = if hop == 0 { validators } else { None };
            let response = self
                .fetcher
                .get_recorded(&url, sent, expect, captures)
                .await;
            drop(permit);
            return match response {
                Ok(Response::Redirect(next)) => {
                    url = next;
                    continue;
                }
                Ok(Response::NotModified) => Fetched::NotModified,
                Ok(Response::Ok {
                    content_type,
                    body,
                    validators,
                }) => Fetched::Page {
                    final_url: url.to_string(),
                    content_type,
                    body,
                    validators,
                },
                Err(err @ (FetchError::NotHtml(_) | FetchError::TooLarge(_))) => {
                    Fetched::Skipped(err.to_string())
                }
                Err(err) => Fetched::Failed(err.to_string()),
            };
        }
        Fetched::Failed(format!("more than {max_redirects} redirects"))
    }

    async fn run(
        self,
        task: Task,
        validators: Option<Validators>,
        site: Arc<SiteProfile>,
    ) -> Finished {
        let mut captures = Vec::new();
        let mut robots_sitemaps = Vec::new();
        let fetched = self
            .fetch(
                &task,
                validators.as_ref(),
                &mut captures,
                &mut robots_sitemaps,
            )
            .await;
        let max_body = self.fetcher.settings().max_body;
        let kind = task.kind;
        let site_name = task.site.clone();
        // Parsing and compressing are CPU work: off the async threads.
        let digested = tokio::task::spawn_blocking(move || {
            let outcome = digest(kind, fetched, &site, max_body);
            let warc = archive(
                &captures,
                &site_name,
                kind,
                matches!(outcome, Outcome::Page(_)),
            );
            (outcome, warc)
        })
        .await;
        let (outcome, warc) = match digested {
            Ok(done) => done,
            Err(err) => (Outcome::Failed(format!("extraction crashed: {err}")), None),
        };
        Finished {
            task,
            outcome,
            robots_sitemaps,
            warc,
        }
    }
}

/// Parses what a task fetched: links of sitemaps, feeds and listings; the article of a page.
fn digest(kind: TaskKind, fetched: Fetched, site: &SiteProfile, max_body: usize) -> Outcome {
    let (final_url, content_type, body, validators) = match fetched {
        Fetched::Page {
            final_url,
            content_type,
            body,
            validators,
        } => (final_url, content_type, body, validators),
        Fetched::NotModified => return Outcome::NotModified,
        Fetched::Skipped(reason) => return Outcome::Skipped(reason),
        Fetched::Failed(reason) => return Outcome::Failed(reason),
    };
    let limit = max_body.max(MAX_SITEMAP_BYTES);
    match kind {
        TaskKind::Sitemap => {
            let links = parse_sitemap(&maybe_gunzip(&body, limit));
            Outcome::Links {
                pages: links.pages,
                nested: links.sitemaps,
                validators,
            }
        }
        TaskKind::Feed => Outcome::Links {
            pages: parse_feed(&maybe_gunzip(&body, limit)),
            nested: Vec::new(),
            validators,
        },
        TaskKind::Listing => {
            let page = crate::charset::decode_html(&body, content_type.as_deref());
            let pages = Url::parse(&final_url)
                .map(|base| page_links(&page.text, &base))
                .unwrap_or_default()
                .into_iter()
                .map(|url| Found { url, lastmod: None })
                .collect();
            Outcome::Links {
                pages,
                nested: Vec::new(),
                validators,
            }
        }
        TaskKind::Article => Outcome::Page(Box::new(PageResult {
            validators,
            article: page_article(&body, content_type.as_deref(), &final_url, site),
        })),
    }
}

/// The WARC records of a task's exchanges; `response_at` points at the page's own response (the
/// last exchange) when the task was an article page.
fn archive(captures: &[Capture], site: &str, kind: TaskKind, page: bool) -> Option<Encoded> {
    if captures.is_empty() {
        return None;
    }
    let kind = match kind {
        TaskKind::Sitemap => "sitemap",
        TaskKind::Feed => "feed",
        TaskKind::Listing => "listing",
        TaskKind::Article => "article",
    };
    let mut all = Encoded::default();
    for (i, capture) in captures.iter().enumerate() {
        let last = i + 1 == captures.len();
        let fields = [
            ("Tracuu-Site", site),
            ("Tracuu-Task", if last { kind } else { "other" }),
        ];
        let encoded = encode_exchange(capture, &fields);
        if last && page {
            all.response_at = all.bytes.len() as u64 + encoded.response_at;
        }
        all.bytes.extend_from_slice(&encoded.bytes);
    }
    Some(all)
}

fn count<'a>(report: &'a mut CrawlReport, url: &str) -> &'a mut HostCounts {
    let host = Url::parse(url).map(|u| host_key(&u)).unwrap_or_default();
    report.hosts.entry(host).or_default()
}

fn now() -> String {
    OffsetDateTime::now_utc()
        .format(&Rfc3339)
        .unwrap_or_default()
}

/// In an update, whether a URL found with `lastmod` is worth fetching: unknown, never fetched
/// successfully, or dated after its last fetch.
fn changed_since_fetch(done: Option<&Done>, lastmod: Option<&str>, pass: u32) -> bool {
    let Some(done) = done else { return true };
    if done.pass == pass {
        return false;
    }
    let parse = |t: &str| OffsetDateTime::parse(t.trim(), &Rfc3339).ok();
    let Some(fetched) = done.fetched.as_deref().and_then(parse) else {
        return true;
    };
    lastmod
        .and_then(parse)
        .is_some_and(|modified| modified > fetched)
}

/// The loop's own state for one run.
struct Run<'a> {
    options: &'a CrawlOptions,
    sites: HashMap<String, Arc<SiteProfile>>,
    state: CrawlState,
    log: ArticleLog,
    warc: Option<WarcWriter>,
    report: CrawlReport,
}

impl Run<'_> {
    fn enqueue(&mut self, url: &str, site: &str, kind: TaskKind) -> Result<bool, CrawlError> {
        let Some(url) = canonicalize(url) else {
            return Ok(false);
        };
        self.state.enqueue(Task {
            url,
            site: site.to_string(),
            kind,
        })
    }

    fn seed(&mut self) -> Result<(), CrawlError> {
        for site in &self.options.sites {
            let seeds = site
                .sitemaps
                .iter()
                .map(|u| (u, TaskKind::Sitemap))
                .chain(site.feeds.iter().map(|u| (u, TaskKind::Feed)))
                .chain(site.start.iter().map(|u| (u, TaskKind::Listing)));
            for (url, kind) in seeds {
                if let Some(url) = canonicalize(url) {
                    self.state.enqueue(Task {
                        url,
                        site: site.name.clone(),
                        kind,
                    })?;
                }
            }
        }
        Ok(())
    }

    /// Articles that reached the file after the last journalled commit (killed in between)
    /// count as written and done.
    fn adopt(&mut self, tail: Vec<tracuu_index::article::Article>) -> Result<(), CrawlError> {
        let pass = self.state.pass();
        for article in tail {
            let hash = crate::dedup::content_hash(&article.body);
            if self.state.article_pass(&article.url) != Some(pass) {
                let fingerprint = crate::dedup::simhash(&article.body);
                self.state.written(&article.url, &hash, fingerprint)?;
            }
            if !self.state.done_this_pass(&article.url) {
                let done = Done {
                    pass,
                    content_hash: Some(hash),
                    fetched: Some(now()),
                    ..Done::default()
                };
                self.state.finish(&article.url, done)?;
            }
        }
        Ok(())
    }

    /// Makes the batch durable: WARC records, then articles, then the journal that names them.
    fn commit(&mut self) -> Result<(), CrawlError> {
        if let Some(warc) = &mut self.warc {
            warc.commit()?;
        }
        let articles = self.log.commit()?;
        let warc = self.warc.as_ref().and_then(WarcWriter::position);
        self.state.set_files(Files { articles, warc })?;
        self.state.commit()
    }

    fn handle_links(
        &mut self,
        task: &Task,
        pages: Vec<Found>,
        nested: Vec<Found>,
    ) -> Result<(), CrawlError> {
        let update = self.options.mode == CrawlMode::Update;
        let pass = self.state.pass();
        for found in nested {
            let Some(url) = canonicalize(&found.url) else {
                continue;
            };
            // A nested sitemap dated no later than its last fetch is skipped; an undated one is
            // fetched (conditionally, in an update).
            let unchanged = found.lastmod.is_some()
                && !changed_since_fetch(self.state.done(&url), found.lastmod.as_deref(), pass);
            if update && unchanged {
                continue;
            }
            self.enqueue(&url, &task.site, TaskKind::Sitemap)?;
        }
        let site = self.sites.get(&task.site).cloned();
        let mut listings = Vec::new();
        let mut new_articles = 0usize;
        for found in pages {
            let Some(url) = canonicalize(&found.url) else {
                continue;
            };
            // Sitemaps announced in robots.txt serve every site of the host: try this task's site
            // first, then the others.
            let owners = site
                .iter()
                .chain(self.sites.values().filter(|s| s.name != task.site));
            let owner = owners.into_iter().find_map(|owner| {
                if owner.is_article(&url)
                    || (task.kind == TaskKind::Feed && owner.article_patterns.is_empty())
                {
                    Some((owner.name.clone(), TaskKind::Article))
                } else if owner.is_listing(&url) {
                    Some((owner.name.clone(), TaskKind::Listing))
                } else {
                    None
                }
            });
            match owner {
                Some((owner, TaskKind::Article)) => {
                    if update {
                        if !changed_since_fetch(
                            self.state.done(&url),
                            found.lastmod.as_deref(),
                            pass,
                        ) {
                            continue;
                        }
                        new_articles += 1;
                    }
                    self.enqueue(&url, &owner, TaskKind::Article)?;
                }
                Some((owner, kind)) => listings.push((url, owner, kind)),
                None => {}
            }
        }
        // An update follows listing pages only as deep as they still show something new.
        let follow = !update || new_articles > 0 || task.kind != TaskKind::Listing;
        for (url, owner, kind) in listings {
            let known = self.state.done(&url).is_some();
            if follow || !known {
                self.enqueue(&url, &owner, kind)?;
            }
        }
        Ok(())
    }

    fn handle(&mut self, finished: Finished) -> Result<(), CrawlError> {
        let Finished {
            task,
            outcome,
            robots_sitemaps,
            warc,
        } = finished;
        for sitemap in robots_sitemaps {
            self.enqueue(&sitemap, &task.site, TaskKind::Sitemap)?;
        }
        let location = match (&warc, &mut self.warc) {
            (Some(encoded), Some(writer)) => Some(writer.append(encoded)?),
            _ => None,
        };
        let pass = self.state.pass();
        let previous = self.state.done(&task.url).cloned();
        let mut done = Done {
            pass,
            validators: previous
                .as_ref()
                .map(|p| p.validators.clone())
                .unwrap_or_default(),
            content_hash: previous.as_ref().and_then(|p| p.content_hash.clone()),
            fetched: Some(now()),
        };
        match outcome {
            Outcome::Links {
                pages,
                nested,
                validators,
            } => {
                count(&mut self.report, &task.url).fetched += 1;
                done.validators = validators;
                self.handle_links(&task, pages, nested)?;
            }
            Outcome::Page(page) => {
                count(&mut self.report, &task.url).fetched += 1;
                done.validators = page.validators;
                let known = Known {
                    pass,
                    previous: previous.as_ref(),
                    written_in: self.state.article_pass(&page.article.article.url),
                };
                let verdict = judge(&page.article, known, self.state.dedup());
                let PageArticle {
                    mut article,
                    hash,
                    simhash,
                } = page.article;
                let counts = count(&mut self.report, &task.url);
                match verdict {
                    Verdict::Empty => counts.skipped += 1,
                    Verdict::Unchanged => counts.unchanged += 1,
                    Verdict::Duplicate => counts.duplicates += 1,
                    Verdict::Write { duplicate_of } => {
                        counts.written += 1;
                        article.duplicate_of = duplicate_of;
                        if let Some((file, offset)) = &location {
                            article.warc_file = Some(file.display().to_string());
                            article.warc_offset = Some(*offset);
                        }
                        self.log.append(&article)?;
                        self.state.written(&article.url, &hash, simhash)?;
                    }
                }
                done.content_hash = Some(hash);
                if article.url != task.url {
                    self.state.finish(&article.url, done.clone())?;
                }
            }
            Outcome::NotModified => count(&mut self.report, &task.url).unchanged += 1,
            Outcome::Skipped(reason)
                if task.kind == TaskKind::Sitemap || task.kind == TaskKind::Feed =>
            {
                tracing::warn!(url = %task.url, "sitemap or feed not read: {reason}");
                count(&mut self.report, &task.url).skipped += 1;
                done.fetched = previous.as_ref().and_then(|p| p.fetched.clone());
            }
            Outcome::Skipped(reason) => {
                tracing::info!(url = %task.url, "skipped: {reason}");
                count(&mut self.report, &task.url).skipped += 1;
            }
            Outcome::Failed(reason) => {
                tracing::warn!(url = %task.url, "failed: {reason}");
                count(&mut self.report, &task.url).failed += 1;
                // Not fetched: an update tries it again.
                done.fetched = previous.as_ref().and_then(|p| p.fetched.clone());
            }
        }
        self.state.finish(&task.url, done)
    }
}

/// Opens the crawl directory: state, article file (its uncommitted tail adopted), WARC writer.
fn open_run(
    options: &CrawlOptions,
) -> Result<(Run<'_>, Vec<tracuu_index::article::Article>), CrawlError> {
    std::fs::create_dir_all(&options.out).map_err(|err| CrawlError::io(&options.out, err))?;
    let state = CrawlState::open(&options.out)?;
    let (log, tail) = ArticleLog::open(&options.out.join(ARTICLES_FILE), state.files().articles)?;
    let mut warc = options.warc.clone().map(WarcWriter::new).transpose()?;
    if let Some((file, len)) = &state.files().warc {
        let whole = repair_tail(file, *len)?;
        if let Some(writer) = &mut warc {
            writer.resume(file, whole)?;
        }
    }
    let sites = options
        .sites
        .iter()
        .map(|s| (s.name.clone(), Arc::new(s.clone())))
        .collect();
    let run = Run {
        options,
        sites,
        state,
        log,
        warc,
        report: CrawlReport::default(),
    };
    Ok((run, tail))
}

fn progress_bar(visible: bool) -> ProgressBar {
    let bar = if visible {
        ProgressBar::new(0)
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(
        ProgressStyle::with_template("{spinner} [{elapsed_precise}] {pos}/{len} URLs {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}

/// Runs (or resumes) a crawl; returns the per-host counts.
pub async fn crawl(options: CrawlOptions) -> Result<CrawlReport, CrawlError> {
    let (mut run, tail) = open_run(&options)?;
    if run.state.pass() == 0 || run.state.pass_complete() {
        run.state.start_pass()?;
        run.seed()?;
        tracing::info!(
            pass = run.state.pass(),
            queued = run.state.frontier_len(),
            "starting a crawl pass"
        );
    } else {
        tracing::info!(
            pass = run.state.pass(),
            queued = run.state.frontier_len(),
            "resuming the crawl"
        );
    }
    run.adopt(tail)?;
    run.commit()?;

    let mut fetch = options.fetch.clone();
    fetch.record = options.warc.is_some();
    let fetcher = Fetcher::new(fetch).map_err(|err| CrawlError::Fetch {
        url: String::new(),
        message: err.to_string(),
    })?;
    let worker = Worker {
        fetcher,
        gate: Gate::new(options.concurrency, options.pacing),
        robots: Arc::new(Mutex::new(HashMap::new())),
    };
    let bar = progress_bar(options.progress);
    let mut running: JoinSet<Finished> = JoinSet::new();
    let mut articles_started = 0usize;
    let limit_reached = |started: usize| options.max_pages.is_some_and(|max| started >= max);
    let stopped = || options.stop.load(Ordering::Relaxed);

    loop {
        while running.len() < options.concurrency.max(1) * 2
            && !limit_reached(articles_started)
            && !stopped()
        {
            let Some(task) = run.state.next_task() else {
                break;
            };
            let Some(site) = run.sites.get(&task.site).cloned() else {
                continue;
            };
            if task.kind == TaskKind::Article {
                articles_started += 1;
            }
            let revalidate = task.kind == TaskKind::Article || options.mode == CrawlMode::Update;
            let validators = revalidate
                .then(|| run.state.done(&task.url).map(|d| d.validators.clone()))
                .flatten();
            running.spawn(worker.clone().run(task, validators, site));
        }
        // The batch handled last becomes durable while the new fetches are under way.
        run.commit()?;
        bar.set_length(
            (run.state.done_in_pass() + run.state.frontier_len() + running.len()) as u64,
        );
        bar.set_position(run.state.done_in_pass() as u64);
        bar.set_message(format!("{} articles", run.report.written()));
        let Some(joined) = running.join_next().await else {
            break;
        };
        let mut batch = vec![joined];
        while let Some(more) = running.try_join_next() {
            batch.push(more);
        }
        for joined in batch {
            match joined {
                Ok(finished) => run.handle(finished)?,
                Err(err) => tracing::error!("crawl task crashed: {err}"),
            }
        }
    }
    bar.finish_and_clear();
    run.report.stopped = stopped();
    if run.state.frontier_len() == 0 && !run.report.stopped {
        run.state.complete_pass()?;
    }
    run.commit()?;
    run.report.remaining = run.state.frontier_len();
    Ok(run.report)
}
