//! The crawl loop: seeds the frontier from the profiles, fetches politely, extracts, dedups, writes.
//!
//! One owner (this loop) holds the state; fetches run as tokio tasks and hand back what they
//! found. After every finished URL the article (if any) is appended and fsynced first, then the
//! state is saved atomically with the in-flight URLs still in the frontier — so `kill -9` at any
//! moment loses no queued URL, and a restart neither refetches a finished page nor writes an
//! article twice (see [`crate::output`] for the article file's own recovery).
//!
//! Running the crawl again after a pass finished starts a re-crawl: the profiles are read again,
//! known pages are fetched with their ETag/Last-Modified, and unchanged pages are not re-emitted.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use indicatif::{ProgressBar, ProgressStyle};
use tokio::sync::{Mutex, OnceCell};
use tokio::task::JoinSet;
use tracuu_index::article::{Article, id_from_url};
use url::Url;

use crate::canonical::{canonicalize, host_key};
use crate::dedup::{content_hash, is_near_duplicate, simhash};
use crate::discover::{maybe_gunzip, page_links, parse_feed, parse_sitemap};
use crate::error::CrawlError;
use crate::extract::extract_article;
use crate::fetch::{Expect, FetchError, FetchSettings, Fetcher, Response, Validators};
use crate::output::ArticleLog;
use crate::politeness::{Gate, Pacing};
use crate::profile::SiteProfile;
use crate::robots::RobotsRules;
use crate::state::{CrawlState, Done, Task, TaskKind};

/// Everything a crawl needs to know.
#[derive(Debug, Clone)]
pub struct CrawlOptions {
    /// Directory for `articles.jsonl` and `state.json`.
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
    /// URLs still queued (the run stopped at `max_pages`).
    pub remaining: usize,
}

enum Outcome {
    Links(Vec<String>, Vec<String>),
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

struct Finished {
    task: Task,
    outcome: Outcome,
    robots_sitemaps: Vec<String>,
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
    /// the sitemaps it announces.
    async fn robots(&self, url: &Url) -> (Arc<RobotsRules>, Vec<String>) {
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
                let response = self.fetcher.get(&robots_url, None, Expect::Any).await;
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

    async fn run(self, task: Task, validators: Option<Validators>) -> Finished {
        let mut robots_sitemaps = Vec::new();
        let outcome = match Url::parse(&task.url) {
            Err(err) => Outcome::Failed(format!("bad URL: {err}")),
            Ok(start) => {
                let expect = if task.kind == TaskKind::Article || task.kind == TaskKind::Listing {
                    Expect::Html
                } else {
                    Expect::Any
                };
                let mut url = start;
                let mut hops = HashSet::new();
                let max_redirects = self.fetcher.settings().max_redirects;
                let mut outcome = Outcome::Failed(format!("more than {max_redirects} redirects"));
                for hop in 0..=max_redirects {
                    if !hops.insert(url.to_string()) {
                        outcome = Outcome::Failed("redirect loop".into());
                        break;
                    }
                    let (rules, sitemaps) = self.robots(&url).await;
                    robots_sitemaps.extend(sitemaps);
                    if !rules.allowed(url.as_str()) {
                        outcome = Outcome::Skipped("disallowed by robots.txt".into());
                        break;
                    }
                    let permit = self.gate.acquire(&host_key(&url)).await;
                    let response = self
                        .fetcher
                        .get(
                            &url,
                            if hop == 0 { validators.as_ref() } else { None },
                            expect,
                        )
                        .await;
                    drop(permit);
                    match response {
                        Ok(Response::Redirect(next)) => {
                            url = next;
                            continue;
                        }
                        Ok(Response::NotModified) => outcome = Outcome::NotModified,
                        Ok(Response::Ok {
                            content_type,
                            body,
                            validators,
                        }) => {
                            outcome = Outcome::Page {
                                final_url: url.to_string(),
                                content_type,
                                body,
                                validators,
                            }
                        }
                        Err(err @ (FetchError::NotHtml(_) | FetchError::TooLarge(_))) => {
                            outcome = Outcome::Skipped(err.to_string())
                        }
                        Err(err) => outcome = Outcome::Failed(err.to_string()),
                    }
                    break;
                }
                outcome
            }
        };
        let outcome = match (task.kind, outcome) {
            (TaskKind::Sitemap, Outcome::Page { body, .. }) => {
                let links = parse_sitemap(&maybe_gunzip(&body, self.fetcher.settings().max_body));
                Outcome::Links(links.pages, links.sitemaps)
            }
            (TaskKind::Feed, Outcome::Page { body, .. }) => Outcome::Links(
                parse_feed(&maybe_gunzip(&body, self.fetcher.settings().max_body)),
                Vec::new(),
            ),
            (
                TaskKind::Listing,
                Outcome::Page {
                    final_url,
                    content_type,
                    body,
                    ..
                },
            ) => {
                let page = crate::charset::decode_html(&body, content_type.as_deref());
                let links = Url::parse(&final_url)
                    .map(|base| page_links(&page.text, &base))
                    .unwrap_or_default();
                Outcome::Links(links, Vec::new())
            }
            (_, other) => other,
        };
        Finished {
            task,
            outcome,
            robots_sitemaps,
        }
    }
}

fn count<'a>(report: &'a mut CrawlReport, url: &str) -> &'a mut HostCounts {
    let host = Url::parse(url).map(|u| host_key(&u)).unwrap_or_default();
    report.hosts.entry(host).or_default()
}

fn save(
    state: &mut CrawlState,
    in_flight: &[Task],
    path: &std::path::Path,
) -> Result<(), CrawlError> {
    for task in in_flight.iter().rev() {
        state.frontier.push_front(task.clone());
    }
    let result = state.save(path);
    for _ in in_flight {
        state.frontier.pop_front();
    }
    result
}

/// Runs (or resumes) a crawl; returns the per-host counts.
pub async fn crawl(options: CrawlOptions) -> Result<CrawlReport, CrawlError> {
    std::fs::create_dir_all(&options.out).map_err(|err| CrawlError::io(&options.out, err))?;
    let state_path = options.out.join("state.json");
    let mut state = CrawlState::load(&state_path)?;
    let mut log = ArticleLog::open(&options.out.join("articles.jsonl"))?;
    let sites: HashMap<String, Arc<SiteProfile>> = options
        .sites
        .iter()
        .map(|s| (s.name.clone(), Arc::new(s.clone())))
        .collect();

    let fresh = state.pass == 0;
    if fresh || state.pass_complete {
        state.pass += 1;
        state.pass_complete = false;
        state.queued.clear();
        state.frontier.clear();
        for site in &options.sites {
            let seeds = site
                .sitemaps
                .iter()
                .map(|u| (u, TaskKind::Sitemap))
                .chain(site.feeds.iter().map(|u| (u, TaskKind::Feed)))
                .chain(site.start.iter().map(|u| (u, TaskKind::Listing)));
            for (url, kind) in seeds {
                if let Some(url) = canonicalize(url) {
                    state.enqueue(Task {
                        url,
                        site: site.name.clone(),
                        kind,
                    });
                }
            }
        }
        tracing::info!(
            pass = state.pass,
            queued = state.frontier.len(),
            "starting a crawl pass"
        );
    } else {
        tracing::info!(
            pass = state.pass,
            queued = state.frontier.len(),
            "resuming the crawl"
        );
    }
    // Articles that reached the file but not the state (killed in between) count as done.
    let pass = state.pass;
    for url in log.urls() {
        state.done.entry(url.clone()).or_insert_with(|| Done {
            pass,
            ..Done::default()
        });
    }
    state.frontier.retain(|t| sites.contains_key(&t.site));
    save(&mut state, &[], &state_path)?;

    let fetcher = Fetcher::new(options.fetch.clone()).map_err(|err| CrawlError::Fetch {
        url: String::new(),
        message: err.to_string(),
    })?;
    let worker = Worker {
        fetcher,
        gate: Gate::new(options.concurrency, options.pacing),
        robots: Arc::new(Mutex::new(HashMap::new())),
    };
    let bar = if options.progress {
        ProgressBar::new(0)
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(
        ProgressStyle::with_template("{spinner} [{elapsed_precise}] {pos}/{len} URLs {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let mut report = CrawlReport::default();
    let mut in_flight: Vec<Task> = Vec::new();
    let mut running: JoinSet<Finished> = JoinSet::new();
    let mut articles_started = 0usize;
    let limit_reached = |started: usize| options.max_pages.is_some_and(|max| started >= max);

    loop {
        while running.len() < options.concurrency.max(1) * 2 && !limit_reached(articles_started) {
            let Some(task) = state.frontier.pop_front() else {
                break;
            };
            if state.done_this_pass(&task.url) {
                continue;
            }
            if task.kind == TaskKind::Article {
                articles_started += 1;
            }
            let validators = if task.kind == TaskKind::Article {
                state.done.get(&task.url).map(|d| d.validators.clone())
            } else {
                None
            };
            in_flight.push(task.clone());
            running.spawn(worker.clone().run(task, validators));
        }
        bar.set_length(
            (state.done.values().filter(|d| d.pass == pass).count()
                + state.frontier.len()
                + running.len()) as u64,
        );
        let Some(joined) = running.join_next().await else {
            break;
        };
        let finished = match joined {
            Ok(finished) => finished,
            Err(err) => {
                tracing::error!("crawl task crashed: {err}");
                continue;
            }
        };
        in_flight.retain(|t| t.url != finished.task.url);
        let task = finished.task;
        let site = sites.get(&task.site).cloned();
        for sitemap in finished.robots_sitemaps {
            if let Some(url) = canonicalize(&sitemap) {
                state.enqueue(Task {
                    url,
                    site: task.site.clone(),
                    kind: TaskKind::Sitemap,
                });
            }
        }
        let previous = state.done.get(&task.url).cloned();
        let mut done = Done {
            pass,
            validators: previous
                .as_ref()
                .map(|p| p.validators.clone())
                .unwrap_or_default(),
            content_hash: previous.as_ref().and_then(|p| p.content_hash.clone()),
        };
        match finished.outcome {
            Outcome::Links(pages, nested) => {
                count(&mut report, &task.url).fetched += 1;
                for url in nested.iter().filter_map(|u| canonicalize(u)) {
                    state.enqueue(Task {
                        url,
                        site: task.site.clone(),
                        kind: TaskKind::Sitemap,
                    });
                }
                for url in pages.iter().filter_map(|u| canonicalize(u)) {
                    // Sitemaps announced in robots.txt serve every site of the host: try this
                    // task's site first, then the others.
                    let owners = site
                        .iter()
                        .chain(sites.values().filter(|s| s.name != task.site));
                    let found = owners.into_iter().find_map(|owner| {
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
                    if let Some((owner, kind)) = found {
                        state.enqueue(Task {
                            url,
                            site: owner,
                            kind,
                        });
                    }
                }
            }
            Outcome::Page {
                final_url,
                content_type,
                body,
                validators,
            } => {
                let counts = count(&mut report, &task.url);
                counts.fetched += 1;
                done.validators = validators;
                if let Some(site) = &site {
                    let mut article =
                        extract_article(&body, content_type.as_deref(), &final_url, &site.rules);
                    // rel=canonical on the same host names the page's one true URL.
                    let canonical = extract_canonical(&body, content_type.as_deref(), &final_url);
                    if let Some(canonical) = canonical {
                        article.url = canonical;
                    }
                    article.url = canonicalize(&article.url).unwrap_or(article.url);
                    article.agency = site.agency.clone();
                    article.province = site.province.clone();
                    article.section = site.section.clone();
                    let hash = content_hash(&article.body);
                    let unchanged = previous.as_ref().is_some_and(|p| {
                        p.pass < pass && p.content_hash.as_deref() == Some(hash.as_str())
                    });
                    let counts = count(&mut report, &task.url);
                    if article.body.trim().is_empty() {
                        counts.skipped += 1;
                    } else if unchanged {
                        counts.unchanged += 1;
                    } else if (log.contains(&article.url)
                        && previous.as_ref().is_none_or(|p| p.pass == pass))
                        || state
                            .hashes
                            .get(&hash)
                            .is_some_and(|first| *first != article.url)
                    {
                        counts.duplicates += 1;
                    } else {
                        let fingerprint = simhash(&article.body);
                        article.duplicate_of = state
                            .simhashes
                            .iter()
                            .find(|(other, url)| {
                                *url != article.url && is_near_duplicate(*other, fingerprint)
                            })
                            .map(|(_, url)| id_from_url(url));
                        // A page changed since an earlier pass is written again (the index
                        // replaces it by id); within one pass a URL is written once.
                        let updated = previous.as_ref().is_some_and(|p| p.pass < pass);
                        if write_article(&mut log, &article, updated)? {
                            counts.written += 1;
                            state
                                .hashes
                                .entry(hash.clone())
                                .or_insert_with(|| article.url.clone());
                            state.simhashes.push((fingerprint, article.url.clone()));
                        } else {
                            counts.duplicates += 1;
                        }
                    }
                    done.content_hash = Some(hash);
                    if article.url != task.url {
                        state.done.insert(article.url.clone(), done.clone());
                    }
                }
            }
            Outcome::NotModified => count(&mut report, &task.url).unchanged += 1,
            Outcome::Skipped(reason) => {
                tracing::info!(url = %task.url, "skipped: {reason}");
                count(&mut report, &task.url).skipped += 1;
            }
            Outcome::Failed(reason) => {
                tracing::warn!(url = %task.url, "failed: {reason}");
                count(&mut report, &task.url).failed += 1;
            }
        }
        state.done.insert(task.url.clone(), done);
        save(&mut state, &in_flight, &state_path)?;
        bar.inc(1);
        let written: usize = report.hosts.values().map(|c| c.written).sum();
        bar.set_message(format!("{written} articles"));
    }
    bar.finish_and_clear();
    state.pass_complete = state.frontier.is_empty();
    report.remaining = state.frontier.len();
    save(&mut state, &[], &state_path)?;
    Ok(report)
}

fn write_article(
    log: &mut ArticleLog,
    article: &Article,
    update: bool,
) -> Result<bool, CrawlError> {
    if update {
        log.append_update(article).map(|()| true)
    } else {
        log.append(article)
    }
}

fn extract_canonical(body: &[u8], content_type: Option<&str>, page_url: &str) -> Option<String> {
    let base = Url::parse(page_url).ok()?;
    let page = crate::charset::decode_html(body, content_type);
    let document = scraper::Html::parse_document(&page.text);
    let canonical = crate::extract::meta::find_canonical(&document, Some(&base))?;
    let target = Url::parse(&canonical).ok()?;
    (host_key(&target) == host_key(&base))
        .then(|| canonicalize(&canonical))
        .flatten()
}
