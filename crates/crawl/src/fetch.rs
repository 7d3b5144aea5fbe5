//! One HTTP request, done carefully: timeouts, retries with backoff, size caps, validators.
//!
//! Retries happen on 429, 5xx and network errors, with exponential backoff (base × 2ⁿ) or the
//! server's `Retry-After` when it gives one (capped). The body is streamed and abandoned past the
//! size cap. Redirects are *not* followed here: the crawler follows them hop by hop, so that each
//! hop is checked against robots.txt, counted against the redirect cap, and checked for loops.
//!
//! With [`FetchSettings::record`] on, every response that arrives (redirects, 304s and errors
//! included) is also handed back as a [`Capture`] for the WARC archive ([`crate::warc`]).

use std::time::Duration;

use reqwest::header::{
    CONTENT_TYPE, ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED, LOCATION, RETRY_AFTER,
};
use serde::{Deserialize, Serialize};
use url::Url;

use crate::warc::Capture;

/// Largest body kept in the archive for a response that is not a 2xx (error pages, redirects).
const MAX_RECORDED_ERROR_BODY: usize = 64 * 1024;

/// Sitemaps, feeds and robots.txt may be larger than pages (a 50,000-URL sitemap is ~10 MB).
pub const MAX_DISCOVERY_BODY: usize = 64 * 1024 * 1024;

/// Limits and manners of the fetcher.
#[derive(Debug, Clone)]
pub struct FetchSettings {
    /// Sent with every request; names the crawler and where to learn about it.
    pub user_agent: String,
    /// Whole-request timeout.
    pub timeout: Duration,
    /// Pages larger than this are abandoned (sitemaps, feeds and robots.txt: at least
    /// [`MAX_DISCOVERY_BODY`]).
    pub max_body: usize,
    /// Redirect hops followed before giving up.
    pub max_redirects: usize,
    /// Retries after the first attempt, on 429/5xx/network errors.
    pub retries: u32,
    /// First backoff; doubled at each retry.
    pub backoff: Duration,
    /// The longest `Retry-After` (or backoff) honoured.
    pub max_wait: Duration,
    /// Hand back every exchange as a [`Capture`] (for the WARC archive).
    pub record: bool,
}

impl Default for FetchSettings {
    fn default() -> Self {
        FetchSettings {
            user_agent: format!(
                "tracuu-crawler/{} (+https://github.com/tracuu/tracuu; Vietnamese government news search)",
                env!("CARGO_PKG_VERSION")
            ),
            timeout: Duration::from_secs(30),
            max_body: 10 * 1024 * 1024,
            max_redirects: 5,
            retries: 3,
            backoff: Duration::from_millis(500),
            max_wait: Duration::from_secs(60),
            record: false,
        }
    }
}

/// ETag and Last-Modified of a page, kept for conditional GET on the next crawl.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Validators {
    /// The `ETag` header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    /// The `Last-Modified` header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
}

/// A response, before any redirect is followed.
#[derive(Debug)]
pub enum Response {
    /// 2xx with its body.
    Ok {
        /// `Content-Type` header.
        content_type: Option<String>,
        /// The body, at most `max_body` bytes.
        body: Vec<u8>,
        /// Validators for the next conditional GET.
        validators: Validators,
    },
    /// 304: unchanged since the validators we sent.
    NotModified,
    /// 3xx with a `Location`, resolved.
    Redirect(Url),
}

/// Why a request failed for good.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    /// A final HTTP error status (after retries for 429/5xx).
    #[error("HTTP {0}")]
    Status(u16),
    /// The body passed the size cap.
    #[error("body larger than {0} bytes")]
    TooLarge(usize),
    /// Not an HTML page (PDF, image…), skipped by design.
    #[error("not HTML ({0})")]
    NotHtml(String),
    /// The network failed (after retries).
    #[error("network: {0}")]
    Network(String),
}

/// What kind of body a request expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// Only HTML pages; anything else is [`FetchError::NotHtml`].
    Html,
    /// Sitemaps, feeds, robots.txt: any type.
    Any,
}

/// The shared HTTP client and its settings.
#[derive(Clone)]
pub struct Fetcher {
    client: reqwest::Client,
    settings: FetchSettings,
}

fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at =
        time::OffsetDateTime::parse(value, &time::format_description::well_known::Rfc2822).ok()?;
    let wait = at - time::OffsetDateTime::now_utc();
    Some(Duration::try_from(wait).unwrap_or_default())
}

fn header(
    headers: &reqwest::header::HeaderMap,
    name: reqwest::header::HeaderName,
) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

fn is_html(content_type: Option<&str>) -> bool {
    content_type.is_none_or(|ct| {
        let ct = ct.to_ascii_lowercase();
        ct.contains("text/html") || ct.contains("application/xhtml")
    })
}

impl Fetcher {
    /// Builds the client (rustls, gzip/brotli/deflate, no automatic redirects).
    pub fn new(settings: FetchSettings) -> Result<Self, FetchError> {
        let client = reqwest::Client::builder()
            .user_agent(settings.user_agent.clone())
            .timeout(settings.timeout)
            .connect_timeout(settings.timeout.min(Duration::from_secs(10)))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|err| FetchError::Network(err.to_string()))?;
        Ok(Fetcher { client, settings })
    }

    /// The settings in force.
    pub fn settings(&self) -> &FetchSettings {
        &self.settings
    }

    /// Sends one GET (retrying as configured) and reads the body within the cap.
    pub async fn get(
        &self,
        url: &Url,
        validators: Option<&Validators>,
        expect: Expect,
    ) -> Result<Response, FetchError> {
        self.get_recorded(url, validators, expect, &mut Vec::new())
            .await
    }

    /// [`Fetcher::get`], pushing every exchange (retries included) onto `captures` when the
    /// settings say to record.
    pub async fn get_recorded(
        &self,
        url: &Url,
        validators: Option<&Validators>,
        expect: Expect,
        captures: &mut Vec<Capture>,
    ) -> Result<Response, FetchError> {
        let mut attempt = 0u32;
        loop {
            let result = self.get_once(url, validators, expect, captures).await;
            let wait = match &result {
                Err(Retryable::Status(_, after)) | Err(Retryable::Network(_, after)) => *after,
                _ => None,
            };
            match result {
                Ok(response) => return Ok(response),
                Err(Retryable::Final(err)) => return Err(err),
                Err(other) if attempt >= self.settings.retries => return Err(other.into_final()),
                Err(_) => {
                    let backoff = self.settings.backoff.saturating_mul(1 << attempt.min(16));
                    let wait = wait.unwrap_or(backoff).min(self.settings.max_wait);
                    tracing::debug!(%url, attempt, ?wait, "retrying");
                    tokio::time::sleep(wait).await;
                    attempt += 1;
                }
            }
        }
    }

    /// The request headers as sent, for the archive's request record.
    fn request_headers(&self, validators: Option<&Validators>) -> Vec<(String, String)> {
        let mut headers = vec![
            ("user-agent".to_string(), self.settings.user_agent.clone()),
            ("accept".to_string(), "*/*".to_string()),
            (
                "accept-encoding".to_string(),
                "gzip, br, deflate".to_string(),
            ),
        ];
        if let Some(v) = validators {
            if let Some(etag) = &v.etag {
                headers.push(("if-none-match".into(), etag.clone()));
            }
            if let Some(modified) = &v.last_modified {
                headers.push(("if-modified-since".into(), modified.clone()));
            }
        }
        headers
    }

    fn capture(
        &self,
        url: &Url,
        validators: Option<&Validators>,
        response: &reqwest::Response,
    ) -> Option<Capture> {
        self.settings.record.then(|| Capture {
            url: url.to_string(),
            date: time::OffsetDateTime::now_utc(),
            request_headers: self.request_headers(validators),
            version: format!("{:?}", response.version()),
            status: response.status().as_u16(),
            response_headers: response
                .headers()
                .iter()
                .map(|(name, value)| (name.to_string(), value.as_bytes().to_vec()))
                .collect(),
            body: Vec::new(),
            truncated: false,
        })
    }

    async fn get_once(
        &self,
        url: &Url,
        validators: Option<&Validators>,
        expect: Expect,
        captures: &mut Vec<Capture>,
    ) -> Result<Response, Retryable> {
        let mut request = self.client.get(url.clone());
        if let Some(v) = validators {
            if let Some(etag) = &v.etag {
                request = request.header(IF_NONE_MATCH, etag);
            }
            if let Some(modified) = &v.last_modified {
                request = request.header(IF_MODIFIED_SINCE, modified);
            }
        }
        let mut response = request
            .send()
            .await
            .map_err(|err| Retryable::Network(err.to_string(), None))?;
        let status = response.status();
        let headers = response.headers().clone();
        let mut capture = self.capture(url, validators, &response);
        if !status.is_success()
            && let Some(mut capture) = capture.take()
        {
            // Error pages and redirects are archived too, their bodies up to a small cap.
            while let Ok(Some(chunk)) = response.chunk().await {
                if capture.body.len() + chunk.len() > MAX_RECORDED_ERROR_BODY {
                    capture.truncated = true;
                    break;
                }
                capture.body.extend_from_slice(&chunk);
            }
            captures.push(capture);
        }
        if status == reqwest::StatusCode::NOT_MODIFIED {
            return Ok(Response::NotModified);
        }
        if status.is_redirection() {
            let location = header(&headers, LOCATION)
                .ok_or(Retryable::Final(FetchError::Status(status.as_u16())))?;
            let next = url
                .join(&location)
                .map_err(|_| Retryable::Final(FetchError::Status(status.as_u16())))?;
            return Ok(Response::Redirect(next));
        }
        if status.as_u16() == 429 || status.is_server_error() {
            return Err(Retryable::Status(status.as_u16(), retry_after(&headers)));
        }
        if !status.is_success() {
            return Err(Retryable::Final(FetchError::Status(status.as_u16())));
        }
        let content_type = header(&headers, CONTENT_TYPE);
        if expect == Expect::Html && !is_html(content_type.as_deref()) {
            return Err(Retryable::Final(FetchError::NotHtml(
                content_type.unwrap_or_default(),
            )));
        }
        let cap = match expect {
            Expect::Html => self.settings.max_body,
            Expect::Any => self.settings.max_body.max(MAX_DISCOVERY_BODY),
        };
        if response
            .content_length()
            .is_some_and(|len| len as usize > cap)
        {
            return Err(Retryable::Final(FetchError::TooLarge(cap)));
        }
        let mut body = Vec::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|err| Retryable::Network(err.to_string(), None))?
        {
            if body.len() + chunk.len() > cap {
                return Err(Retryable::Final(FetchError::TooLarge(cap)));
            }
            body.extend_from_slice(&chunk);
        }
        if let Some(mut capture) = capture {
            capture.body = body.clone();
            captures.push(capture);
        }
        let validators = Validators {
            etag: header(&headers, ETAG),
            last_modified: header(&headers, LAST_MODIFIED),
        };
        Ok(Response::Ok {
            content_type,
            body,
            validators,
        })
    }
}

enum Retryable {
    Status(u16, Option<Duration>),
    Network(String, Option<Duration>),
    Final(FetchError),
}

impl Retryable {
    fn into_final(self) -> FetchError {
        match self {
            Retryable::Status(code, _) => FetchError::Status(code),
            Retryable::Network(message, _) => FetchError::Network(message),
            Retryable::Final(err) => err,
        }
    }
}
