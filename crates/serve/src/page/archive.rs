//! `GET /articles/{id}/archive`: the page as tracuu fetched it, read back from the crawl's WARC file.
//!
//! The archived HTML is served as it was captured, with a banner saying it is an archived copy,
//! when it was captured and where from. It comes from another site, so it is served under a
//! sandboxing Content-Security-Policy: `sandbox` (no `allow-scripts`, no `allow-same-origin`) makes
//! the page an opaque origin in which no script runs, so it can never act in tracuu's origin, and
//! `default-src 'none'` keeps it from loading anything, here or from the live site (the copy shows
//! its text and inline styles, nothing fetched today). The banner is plain ASCII (Vietnamese as
//! character references), so it reads right whatever charset the archived page declares.
//!
//! Reading one record costs that record: the index stores the file and offset of the page's
//! response record, and each record is its own gzip member.

use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::PathBuf;

use axum::extract::rejection::PathRejection;
use axum::extract::{Path as UrlPath, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use maud::html;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use tracuu_index::search::SearchError;

use crate::page::layout;
use crate::page::search::web_href;
use crate::state::AppState;

/// The policy the archived page is served under.
pub const ARCHIVE_CSP: &str = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/// Largest archived record read back.
const MAX_RECORD: u64 = 64 << 20;

/// An archived response.
struct Archived {
    url: String,
    captured: Option<OffsetDateTime>,
    content_type: Option<String>,
    body: Vec<u8>,
}

/// Why there is no archived copy to show.
struct Missing {
    status: StatusCode,
    message: String,
}

impl Missing {
    fn new(status: StatusCode, message: impl Into<String>) -> Missing {
        Missing {
            status,
            message: message.into(),
        }
    }
}

/// `GET /articles/{id}/archive`.
pub async fn archive_page(
    State(state): State<AppState>,
    id: Result<UrlPath<String>, PathRejection>,
) -> Response {
    let Ok(UrlPath(id)) = id else {
        return missing_page(Missing::new(
            StatusCode::BAD_REQUEST,
            "Mã bài viết trong đường dẫn không hợp lệ.",
        ));
    };
    let index = state.index.clone();
    let lookup = id.clone();
    let loaded = tokio::task::spawn_blocking(move || load(&index, &lookup)).await;
    match loaded {
        Ok(Ok(archived)) => render(&id, archived),
        Ok(Err(missing)) => missing_page(missing),
        Err(err) => missing_page(Missing::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("Không đọc được bản lưu trữ: {err}"),
        )),
    }
}

fn load(index: &tracuu_index::search::SearchIndex, id: &str) -> Result<Archived, Missing> {
    let location = match index.archive_location(id) {
        Ok(Some(location)) => location,
        Ok(None) => {
            return Err(Missing::new(
                StatusCode::NOT_FOUND,
                "Bài viết này không có bản lưu trữ (trang được thu thập khi chưa lưu WARC, hoặc bài viết đến từ nguồn khác).",
            ));
        }
        Err(SearchError::NotFound(_)) => {
            return Err(Missing::new(
                StatusCode::NOT_FOUND,
                "Không có bài viết này.",
            ));
        }
        Err(err) => {
            return Err(Missing::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                err.to_string(),
            ));
        }
    };
    let (file, offset) = location;
    read_archived(&file, offset).map_err(|err| {
        tracing::warn!(file = %file.display(), offset, "archived copy unreadable: {err}");
        Missing::new(
            StatusCode::NOT_FOUND,
            "Không đọc được bản lưu trữ của bài viết này (tệp WARC đã bị chuyển hoặc xoá?).",
        )
    })
}

fn invalid(message: &str) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, message.to_string())
}

/// Reads the response record at `offset` of a WARC file (gzipped per record, or not compressed).
fn read_archived(file: &PathBuf, offset: u64) -> std::io::Result<Archived> {
    let name = file.to_string_lossy();
    if !(name.ends_with(".warc.gz") || name.ends_with(".warc")) {
        return Err(invalid("not a WARC file"));
    }
    let mut reader = BufReader::new(File::open(file)?);
    reader.seek(SeekFrom::Start(offset))?;
    let mut bytes = Vec::new();
    // The name says the compression (a short read could hide the gzip magic).
    if name.ends_with(".warc.gz") {
        flate2::bufread::GzDecoder::new(reader)
            .take(MAX_RECORD)
            .read_to_end(&mut bytes)?;
    } else {
        reader.take(MAX_RECORD).read_to_end(&mut bytes)?;
    }
    parse_record(&bytes)
}

fn split_head(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    let end = bytes.windows(4).position(|w| w == b"\r\n\r\n")?;
    Some((&bytes[..end], &bytes[end + 4..]))
}

fn fields(head: &[u8]) -> Vec<(String, String)> {
    String::from_utf8_lossy(head)
        .split("\r\n")
        .skip(1)
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect()
}

fn field<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

fn parse_record(bytes: &[u8]) -> std::io::Result<Archived> {
    let (head, rest) = split_head(bytes).ok_or_else(|| invalid("no WARC header"))?;
    if !head.starts_with(b"WARC/") {
        return Err(invalid("not a WARC record"));
    }
    let warc = fields(head);
    if field(&warc, "warc-type") != Some("response") {
        return Err(invalid("not a response record"));
    }
    let length: usize = field(&warc, "content-length")
        .and_then(|l| l.parse().ok())
        .ok_or_else(|| invalid("no Content-Length"))?;
    let block = rest
        .get(..length)
        .ok_or_else(|| invalid("record cut short"))?;
    let (http_head, body) = split_head(block).ok_or_else(|| invalid("no HTTP header"))?;
    let http = fields(http_head);
    Ok(Archived {
        url: field(&warc, "warc-target-uri")
            .unwrap_or_default()
            .to_string(),
        captured: field(&warc, "warc-date").and_then(|d| OffsetDateTime::parse(d, &Rfc3339).ok()),
        content_type: field(&http, "content-type").map(str::to_string),
        body: body.to_vec(),
    })
}

/// Vietnamese text as ASCII: every other character as a numeric character reference.
fn ascii_html(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii() {
                c.to_string()
            } else {
                format!("&#{};", c as u32)
            }
        })
        .collect()
}

fn banner(id: &str, archived: &Archived) -> String {
    let captured = archived
        .captured
        .map(|at| {
            let local = at.to_offset(tracuu_index::article::VIETNAM_OFFSET);
            format!(
                "{:02}:{:02} ngày {:02}/{:02}/{} (giờ Việt Nam)",
                local.hour(),
                local.minute(),
                local.day(),
                local.month() as u8,
                local.year()
            )
        })
        .unwrap_or_else(|| "(không rõ thời điểm)".to_string());
    let markup = html! {
        div id="tracuu-archive-banner" role="note" lang="vi" style="position:relative;z-index:2147483647;margin:0;padding:10px 14px;background:#fff4c2;color:#222;border-bottom:2px solid #c90;font:15px/1.4 sans-serif;text-align:left" {
            strong { "Bản lưu trữ của tracuu. " }
            "Trang này được thu thập lúc " (captured) " từ "
            // A record's URL is whatever the crawl was pointed at: linked only when it is http(s).
            @if let Some(url) = web_href(&archived.url) {
                a href=(url) style="color:#036" { (url) }
            } @else {
                (archived.url)
            }
            ". Đây không phải trang gốc: nội dung có thể đã thay đổi hoặc không còn. Trang được hiển thị như đã lưu, không chạy mã và không tải gì thêm. "
            a href={ "/articles/" (id) } style="color:#036" { "Về bài viết trên tracuu" }
        }
    };
    ascii_html(&markup.into_string())
}

/// Puts `banner` just inside `<body …>` (or first, when the page has no body tag).
fn with_banner(body: &[u8], banner: &str) -> Vec<u8> {
    let lower: Vec<u8> = body.iter().map(u8::to_ascii_lowercase).collect();
    let at = lower
        .windows(5)
        .position(|w| w == b"<body")
        .and_then(|start| {
            body[start..]
                .iter()
                .position(|&b| b == b'>')
                .map(|end| start + end + 1)
        })
        .unwrap_or(0);
    let mut out = Vec::with_capacity(body.len() + banner.len());
    out.extend_from_slice(&body[..at]);
    out.extend_from_slice(banner.as_bytes());
    out.extend_from_slice(&body[at..]);
    out
}

fn render(id: &str, archived: Archived) -> Response {
    let is_html = archived
        .content_type
        .as_deref()
        .is_none_or(|ct| ct.to_ascii_lowercase().contains("html"));
    let content_type = if is_html {
        archived
            .content_type
            .clone()
            .unwrap_or_else(|| "text/html".to_string())
    } else {
        "text/plain; charset=utf-8".to_string()
    };
    let body = if is_html {
        with_banner(&archived.body, &banner(id, &archived))
    } else {
        archived.body.clone()
    };
    let mut response = (StatusCode::OK, body).into_response();
    let headers = response.headers_mut();
    let value = |v: &str| HeaderValue::from_str(v).unwrap_or(HeaderValue::from_static("text/html"));
    headers.insert(header::CONTENT_TYPE, value(&content_type));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(ARCHIVE_CSP),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}

fn missing_page(missing: Missing) -> Response {
    let body = html! {
        div.error role="alert" {
            h1 { "Không có bản lưu trữ" }
            p { (missing.message) }
            p { a href="/" { "Về trang tìm kiếm" } }
        }
    };
    (
        missing.status,
        Html(layout::document("Không có bản lưu trữ — tracuu", body).into_string()),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn banner_goes_inside_the_body_in_ascii() {
        let archived = Archived {
            url: "https://songoaivu.danang.gov.vn/chi-tiet?id=3423".into(),
            captured: OffsetDateTime::parse("2024-10-22T20:00:00Z", &Rfc3339).ok(),
            content_type: Some("text/html; charset=windows-1258".into()),
            body: b"<html><BODY class=x><p>Tin</p></body></html>".to_vec(),
        };
        let page = with_banner(&archived.body, &banner("14f7d0825bab641d", &archived));
        let text = String::from_utf8(page).unwrap_or_default();
        assert!(text.starts_with("<html><BODY class=x><div id=\"tracuu-archive-banner\""));
        assert!(text.is_ascii());
        // "Bản lưu trữ", 03:00 on the 23rd in Vietnam for 20:00 UTC on the 22nd.
        assert!(text.contains("B&#7843;n l&#432;u tr&#7919;"));
        assert!(text.contains("03:00 ng&#224;y 23/10/2024"));
        assert!(text.ends_with("<p>Tin</p></body></html>"));
    }

    #[test]
    fn a_script_url_in_a_record_never_becomes_a_link() {
        for url in [
            "javascript:alert(document.cookie)",
            " JavaScript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
        ] {
            let archived = Archived {
                url: url.into(),
                captured: None,
                content_type: Some("text/html; charset=utf-8".into()),
                body: "<body><p>Kiều bào Quảng Nam</p></body>".as_bytes().to_vec(),
            };
            let text = banner("917aa70dc9c19c5b", &archived);
            let hrefs: Vec<&str> = text
                .split("href=\"")
                .skip(1)
                .filter_map(|rest| rest.split('"').next())
                .collect();
            assert_eq!(hrefs, ["/articles/917aa70dc9c19c5b"], "{text}");
            // Still shown, as text, so the reader sees where the copy claims to come from.
            assert!(text.contains("alert(1)") || text.contains("alert(document.cookie)"));
        }
        let archived = Archived {
            url: "https://songoaivu.danang.gov.vn/chi-tiet?id=3423".into(),
            captured: None,
            content_type: None,
            body: Vec::new(),
        };
        let text = banner("917aa70dc9c19c5b", &archived);
        assert!(
            text.contains(r#"<a href="https://songoaivu.danang.gov.vn/chi-tiet?id=3423""#),
            "{text}"
        );
    }

    #[test]
    fn only_response_records_are_read() {
        let block = b"HTTP/1.1 200 OK\r\ncontent-type: text/html\r\n\r\n<p>Quang Nam</p>";
        let record = format!(
            "WARC/1.1\r\nWARC-Type: response\r\nWARC-Date: 2024-10-22T20:00:00Z\r\nWARC-Target-URI: https://quangnam.gov.vn/a\r\nContent-Length: {}\r\n\r\n",
            block.len()
        );
        let mut bytes = record.into_bytes();
        bytes.extend_from_slice(block);
        bytes.extend_from_slice(b"\r\n\r\n");
        let archived = parse_record(&bytes).unwrap_or_else(|err| panic!("{err}"));
        assert_eq!(archived.body, b"<p>Quang Nam</p>");
        assert_eq!(archived.url, "https://quangnam.gov.vn/a");
        let request = String::from_utf8_lossy(&bytes).replace("response", "request");
        assert!(parse_record(request.as_bytes()).is_err());
        assert!(read_archived(&PathBuf::from("/etc/passwd"), 0).is_err());
    }
}
