//! WARC/1.1 (ISO 28500): every fetched response, with its request, kept as it came.
//!
//! Each record is its own gzip member (the layout the Library of Congress and `warcio` expect, so a
//! reader can seek to any record's offset and decompress it alone). A request record and its
//! response record are written together, the response first; an Article remembers the file and
//! offset of its page's response record. Files rotate past a size cap and each starts with a
//! `warcinfo` record. Digests are SHA-256, base32 (`WARC-Block-Digest`, `WARC-Payload-Digest`).
//!
//! Written by hand on `flate2` rather than with a WARC crate: the `warc` crate gzips a whole file as
//! one stream (which `warcio check` rejects and which cannot be read from an offset), and `warcat`,
//! which does write a member per record, brings brotli, zstd's C library and a dozen hash crates for
//! what is here a few hundred lines.
//!
//! The response is recorded as the crawler received it after HTTP decoding: `reqwest` removes
//! `Content-Encoding` and `Content-Length` when it decompresses, `Transfer-Encoding` is dropped
//! here, and `Content-Length` is set to the body's length, so the HTTP message in the record is
//! self-consistent.

use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use flate2::Compression;
use flate2::write::GzEncoder;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use time::macros::format_description;

use crate::error::CrawlError;

/// One HTTP exchange as it happened.
#[derive(Debug, Clone)]
pub struct Capture {
    /// The URL requested.
    pub url: String,
    /// When the response arrived.
    pub date: OffsetDateTime,
    /// The request headers sent, in order.
    pub request_headers: Vec<(String, String)>,
    /// `HTTP/1.1`, `HTTP/2.0`…
    pub version: String,
    /// Status code.
    pub status: u16,
    /// Response headers, in order (values as bytes: they need not be UTF-8).
    pub response_headers: Vec<(String, Vec<u8>)>,
    /// The body as received (after content decoding), possibly cut at the size cap.
    pub body: Vec<u8>,
    /// The body was cut at the size cap.
    pub truncated: bool,
}

/// Extra named fields written on a response record (tracuu's own: which site and task it was for).
pub type ExtraFields<'a> = &'a [(&'a str, &'a str)];

/// Gzip members ready to append: a request and its response record.
#[derive(Debug, Clone, Default)]
pub struct Encoded {
    /// The members, back to back.
    pub bytes: Vec<u8>,
    /// Offset of the response record within `bytes`.
    pub response_at: u64,
}

static RECORD_COUNTER: AtomicU64 = AtomicU64::new(0);

/// A fresh `<urn:uuid:…>` (version 4 layout, from SHA-256 of time, process and a counter).
fn record_id(seed: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(seed.as_bytes());
    hasher.update(std::process::id().to_le_bytes());
    hasher.update(
        OffsetDateTime::now_utc()
            .unix_timestamp_nanos()
            .to_le_bytes(),
    );
    hasher.update(RECORD_COUNTER.fetch_add(1, Ordering::Relaxed).to_le_bytes());
    let mut b: [u8; 16] = [0; 16];
    b.copy_from_slice(&hasher.finalize()[..16]);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "<urn:uuid:{}-{}-{}-{}-{}>",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// RFC 4648 base32 (the encoding WARC digests conventionally use).
fn base32(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = String::with_capacity(bytes.len().div_ceil(5) * 8);
    for chunk in bytes.chunks(5) {
        let mut buf = [0u8; 5];
        buf[..chunk.len()].copy_from_slice(chunk);
        let bits = buf.iter().fold(0u64, |acc, &b| acc << 8 | u64::from(b));
        let symbols = (chunk.len() * 8).div_ceil(5);
        for i in 0..8 {
            if i < symbols {
                out.push(ALPHABET[(bits >> (35 - i * 5) & 31) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn digest(bytes: &[u8]) -> String {
    format!("sha256:{}", base32(&Sha256::digest(bytes)))
}

/// The WARC-Date form: UTC, to the second.
pub fn warc_date(at: OffsetDateTime) -> String {
    at.to_offset(time::UtcOffset::UTC)
        .format(format_description!(
            "[year]-[month]-[day]T[hour]:[minute]:[second]Z"
        ))
        .unwrap_or_default()
}

fn reason(status: u16) -> &'static str {
    reqwest::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("")
}

/// Gzips one record (header fields, then the block) as its own member.
fn encode_record(fields: &[(&str, String)], block: &[u8]) -> Vec<u8> {
    let mut head = String::from("WARC/1.1\r\n");
    for (name, value) in fields {
        head.push_str(name);
        head.push_str(": ");
        head.push_str(value);
        head.push_str("\r\n");
    }
    head.push_str(&format!("Content-Length: {}\r\n\r\n", block.len()));
    let mut gz = GzEncoder::new(
        Vec::with_capacity(block.len() / 3 + 256),
        Compression::fast(),
    );
    // Writing to a Vec cannot fail.
    let _ = gz.write_all(head.as_bytes());
    let _ = gz.write_all(block);
    let _ = gz.write_all(b"\r\n\r\n");
    gz.finish().unwrap_or_default()
}

fn http_request_block(capture: &Capture) -> Vec<u8> {
    let (target, host) = match url::Url::parse(&capture.url) {
        Ok(url) => {
            let mut target = url.path().to_string();
            if let Some(query) = url.query() {
                target.push('?');
                target.push_str(query);
            }
            let host = match (url.host_str(), url.port()) {
                (Some(host), Some(port)) => format!("{host}:{port}"),
                (Some(host), None) => host.to_string(),
                _ => String::new(),
            };
            (target, host)
        }
        Err(_) => (capture.url.clone(), String::new()),
    };
    let mut block = format!("GET {target} {}\r\nhost: {host}\r\n", capture.version);
    for (name, value) in &capture.request_headers {
        block.push_str(&format!("{name}: {value}\r\n"));
    }
    block.push_str("\r\n");
    block.into_bytes()
}

fn http_response_head(capture: &Capture) -> Vec<u8> {
    let mut head = format!(
        "{} {} {}\r\n",
        capture.version,
        capture.status,
        reason(capture.status)
    )
    .into_bytes();
    for (name, value) in &capture.response_headers {
        let lower = name.to_ascii_lowercase();
        if lower == "transfer-encoding" || lower == "content-length" {
            continue;
        }
        head.extend_from_slice(name.as_bytes());
        head.extend_from_slice(b": ");
        head.extend_from_slice(value);
        head.extend_from_slice(b"\r\n");
    }
    head.extend_from_slice(format!("content-length: {}\r\n\r\n", capture.body.len()).as_bytes());
    head
}

/// Encodes the response and request records of one exchange.
pub fn encode_exchange(capture: &Capture, extra: ExtraFields<'_>) -> Encoded {
    let date = warc_date(capture.date);
    let response_id = record_id(&capture.url);
    let request_id = record_id(&capture.url);
    let head = http_response_head(capture);
    let mut block = head;
    block.extend_from_slice(&capture.body);
    let mut fields = vec![
        ("WARC-Type", "response".to_string()),
        ("WARC-Record-ID", response_id.clone()),
        ("WARC-Date", date.clone()),
        ("WARC-Target-URI", capture.url.clone()),
        ("Content-Type", "application/http;msgtype=response".into()),
        ("WARC-Block-Digest", digest(&block)),
        ("WARC-Payload-Digest", digest(&capture.body)),
    ];
    if capture.truncated {
        fields.push(("WARC-Truncated", "length".into()));
    }
    for (name, value) in extra {
        fields.push((name, (*value).to_string()));
    }
    let mut bytes = encode_record(&fields, &block);
    let request = http_request_block(capture);
    let request_fields = vec![
        ("WARC-Type", "request".to_string()),
        ("WARC-Record-ID", request_id),
        ("WARC-Date", date),
        ("WARC-Target-URI", capture.url.clone()),
        ("WARC-Concurrent-To", response_id),
        ("Content-Type", "application/http;msgtype=request".into()),
        ("WARC-Block-Digest", digest(&request)),
    ];
    bytes.extend_from_slice(&encode_record(&request_fields, &request));
    Encoded {
        bytes,
        response_at: 0,
    }
}

/// Where WARC files go and how large they grow.
#[derive(Debug, Clone)]
pub struct WarcSettings {
    /// Directory of the files (created when missing).
    pub dir: PathBuf,
    /// A file is closed and the next one started past this many bytes.
    pub max_file_bytes: u64,
}

/// Appends encoded exchanges to rotating `.warc.gz` files.
pub struct WarcWriter {
    settings: WarcSettings,
    stamp: String,
    seq: u32,
    current: Option<(PathBuf, File, u64)>,
}

impl WarcWriter {
    /// A writer whose first file is created on the first append.
    pub fn new(settings: WarcSettings) -> Result<WarcWriter, CrawlError> {
        std::fs::create_dir_all(&settings.dir).map_err(|err| CrawlError::io(&settings.dir, err))?;
        let dir =
            std::path::absolute(&settings.dir).map_err(|err| CrawlError::io(&settings.dir, err))?;
        let stamp = OffsetDateTime::now_utc()
            .format(format_description!(
                "[year][month][day][hour][minute][second]"
            ))
            .unwrap_or_default();
        Ok(WarcWriter {
            settings: WarcSettings { dir, ..settings },
            stamp,
            seq: 0,
            current: None,
        })
    }

    /// Goes on appending to `path` (of `len` whole bytes, its torn tail already cut) while it is
    /// below the size cap, so repeated short runs (`tracuu update`) do not leave a file each.
    pub fn resume(&mut self, path: &Path, len: u64) -> Result<(), CrawlError> {
        if len >= self.settings.max_file_bytes || path.parent() != Some(self.settings.dir.as_path())
        {
            return Ok(());
        }
        let file = match OpenOptions::new().append(true).open(path) {
            Ok(file) => file,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(err) => return Err(CrawlError::io(path, err)),
        };
        let on_disk = file
            .metadata()
            .map_err(|err| CrawlError::io(path, err))?
            .len();
        if on_disk == len {
            self.current = Some((path.to_path_buf(), file, len));
        }
        Ok(())
    }

    fn start_file(&mut self) -> Result<(), CrawlError> {
        let (path, file) = loop {
            let path = self
                .settings
                .dir
                .join(format!("tracuu-{}-{:05}.warc.gz", self.stamp, self.seq));
            self.seq += 1;
            match OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(file) => break (path, file),
                Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(err) => return Err(CrawlError::io(&path, err)),
            }
        };
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let info = format!(
            "software: tracuu/{}\r\nformat: WARC File Format 1.1\r\nconformsTo: http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n",
            env!("CARGO_PKG_VERSION")
        );
        let fields = vec![
            ("WARC-Type", "warcinfo".to_string()),
            ("WARC-Record-ID", record_id(&name)),
            ("WARC-Date", warc_date(OffsetDateTime::now_utc())),
            ("WARC-Filename", name),
            ("Content-Type", "application/warc-fields".into()),
            ("WARC-Block-Digest", digest(info.as_bytes())),
        ];
        let member = encode_record(&fields, info.as_bytes());
        let mut file = file;
        file.write_all(&member)
            .map_err(|err| CrawlError::io(&path, err))?;
        self.current = Some((path, file, member.len() as u64));
        Ok(())
    }

    /// Appends `encoded` whole to the current file (starting a new one past the size cap); returns
    /// the file and the offset of the response record.
    pub fn append(&mut self, encoded: &Encoded) -> Result<(PathBuf, u64), CrawlError> {
        let full = self
            .current
            .as_ref()
            .is_some_and(|(_, _, len)| *len >= self.settings.max_file_bytes);
        if self.current.is_none() || full {
            self.commit()?;
            self.start_file()?;
        }
        let Some((path, file, len)) = &mut self.current else {
            return Err(CrawlError::State {
                path: self.settings.dir.clone(),
                message: "no WARC file open".into(),
            });
        };
        file.write_all(&encoded.bytes)
            .map_err(|err| CrawlError::io(&*path, err))?;
        let at = *len + encoded.response_at;
        *len += encoded.bytes.len() as u64;
        Ok((path.clone(), at))
    }

    /// Makes everything appended durable.
    pub fn commit(&mut self) -> Result<(), CrawlError> {
        if let Some((path, file, _)) = &self.current {
            file.sync_data()
                .map_err(|err| CrawlError::io(&*path, err))?;
        }
        Ok(())
    }

    /// The file being written and its length.
    pub fn position(&self) -> Option<(PathBuf, u64)> {
        self.current
            .as_ref()
            .map(|(path, _, len)| (path.clone(), *len))
    }
}

/// Cuts a WARC file back to its last whole record at or after `durable` (a crash's torn tail);
/// returns its length afterwards (0 when it is missing).
pub fn repair_tail(path: &Path, durable: u64) -> Result<u64, CrawlError> {
    let Ok(file) = File::open(path) else {
        return Ok(0);
    };
    let len = file
        .metadata()
        .map_err(|err| CrawlError::io(path, err))?
        .len();
    if len <= durable {
        return Ok(len);
    }
    let mut reader = WarcReader::at(file, durable).map_err(|err| CrawlError::io(path, err))?;
    let mut good = durable;
    while let Ok(Some(_)) = reader.next_record() {
        good = reader.position();
    }
    if good < len {
        tracing::warn!(path = %path.display(), "cutting {} bytes of a torn WARC record", len - good);
        let file = OpenOptions::new()
            .write(true)
            .open(path)
            .map_err(|err| CrawlError::io(path, err))?;
        file.set_len(good)
            .map_err(|err| CrawlError::io(path, err))?;
        file.sync_all().map_err(|err| CrawlError::io(path, err))?;
    }
    Ok(good)
}

/// One record read back.
#[derive(Debug, Clone)]
pub struct WarcRecord {
    /// Where the record (its gzip member) starts in the file.
    pub offset: u64,
    /// Named fields, in order.
    pub fields: Vec<(String, String)>,
    /// The block.
    pub block: Vec<u8>,
}

impl WarcRecord {
    /// A named field's value (names compare case-insensitively).
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// An HTTP response split from a record's block.
#[derive(Debug, Clone)]
pub struct HttpResponse<'a> {
    /// Status code.
    pub status: u16,
    /// Header fields.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: &'a [u8],
}

impl HttpResponse<'_> {
    /// A header's value (names compare case-insensitively).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Splits an `application/http;msgtype=response` block; `None` when it is not one.
pub fn parse_http_response(block: &[u8]) -> Option<HttpResponse<'_>> {
    let end = find(block, b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(&block[..end]);
    let mut lines = head.split("\r\n");
    let status_line = lines.next()?;
    let mut parts = status_line.split(' ');
    if !parts.next()?.starts_with("HTTP/") {
        return None;
    }
    let status = parts.next()?.parse().ok()?;
    let headers = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    Some(HttpResponse {
        status,
        headers,
        body: &block[end + 4..],
    })
}

/// Reads WARC records one after another, gzipped per record or not compressed at all.
pub struct WarcReader<R: Read + Seek> {
    reader: BufReader<R>,
}

/// Largest record header accepted, and largest record block.
const MAX_HEAD: u64 = 1 << 20;
const MAX_BLOCK: u64 = 1 << 30;

fn invalid(message: impl Into<String>) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, message.into())
}

/// A record's named fields and block.
type RawRecord = (Vec<(String, String)>, Vec<u8>);

fn read_record_from(reader: &mut impl BufRead) -> std::io::Result<Option<RawRecord>> {
    let mut head = Vec::new();
    let mut line = Vec::new();
    loop {
        line.clear();
        let read = (&mut *reader).take(MAX_HEAD).read_until(b'\n', &mut line)?;
        if read == 0 {
            return if head.is_empty() {
                Ok(None)
            } else {
                Err(invalid("WARC record ends in its header"))
            };
        }
        if head.is_empty() && (line == b"\r\n" || line == b"\n") {
            continue; // blank lines between records
        }
        if line == b"\r\n" || line == b"\n" {
            break;
        }
        head.extend_from_slice(&line);
        if head.len() as u64 > MAX_HEAD {
            return Err(invalid("WARC record header too long"));
        }
    }
    let head = String::from_utf8_lossy(&head);
    let mut lines = head.lines();
    let version = lines.next().unwrap_or_default();
    if !version.starts_with("WARC/") {
        return Err(invalid(format!("not a WARC record: {version:?}")));
    }
    let fields: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    let length: u64 = fields
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("Content-Length"))
        .and_then(|(_, v)| v.parse().ok())
        .ok_or_else(|| invalid("WARC record without Content-Length"))?;
    if length > MAX_BLOCK {
        return Err(invalid("WARC record block too large"));
    }
    let mut block = Vec::with_capacity(length.min(1 << 24) as usize);
    (&mut *reader).take(length).read_to_end(&mut block)?;
    if block.len() as u64 != length {
        return Err(invalid("WARC record cut short"));
    }
    let mut end = [0u8; 4];
    reader.read_exact(&mut end)?;
    Ok(Some((fields, block)))
}

impl<R: Read + Seek> WarcReader<R> {
    /// Reads from the start of `inner`.
    pub fn new(inner: R) -> Self {
        WarcReader {
            reader: BufReader::with_capacity(1 << 16, inner),
        }
    }

    /// Reads from byte `offset` of `inner` (a record's start).
    pub fn at(mut inner: R, offset: u64) -> std::io::Result<Self> {
        inner.seek(SeekFrom::Start(offset))?;
        Ok(WarcReader::new(inner))
    }

    /// Where the next record starts.
    pub fn position(&mut self) -> u64 {
        self.reader.stream_position().unwrap_or(0)
    }

    /// The next record; `None` at the end of the file.
    pub fn next_record(&mut self) -> std::io::Result<Option<WarcRecord>> {
        let offset = self.reader.stream_position()?;
        // The first two bytes say whether the record is a gzip member. They may straddle the
        // buffer's end (`fill_buf` alone can return one byte), so read them and step back.
        let mut magic = [0u8; 2];
        let mut got = 0;
        while got < magic.len() {
            match self.reader.read(&mut magic[got..])? {
                0 => break,
                n => got += n,
            }
        }
        if got == 0 {
            return Ok(None);
        }
        self.reader.seek_relative(-(got as i64))?;
        let read = if magic == [0x1f, 0x8b] {
            let mut gz = flate2::bufread::GzDecoder::new(&mut self.reader);
            let mut inner = BufReader::new(&mut gz);
            let record = read_record_from(&mut inner)?;
            // Drain the member's end, so the reader stands at the next member.
            let mut rest = Vec::new();
            inner.read_to_end(&mut rest)?;
            record
        } else {
            read_record_from(&mut self.reader)?
        };
        Ok(read.map(|(fields, block)| WarcRecord {
            offset,
            fields,
            block,
        }))
    }
}

/// Reads the one record at `offset` of the WARC file `path`.
pub fn read_record_at(path: &Path, offset: u64) -> std::io::Result<WarcRecord> {
    let file = File::open(path)?;
    WarcReader::at(file, offset)?
        .next_record()?
        .ok_or_else(|| invalid("no WARC record at that offset"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn capture(body: &str) -> Capture {
        Capture {
            url: "https://songoaivu.danang.gov.vn/chi-tiet?id=3423".into(),
            date: OffsetDateTime::UNIX_EPOCH,
            request_headers: vec![("user-agent".into(), "tracuu-crawler".into())],
            version: "HTTP/1.1".into(),
            status: 200,
            response_headers: vec![
                ("content-type".into(), b"text/html; charset=utf-8".to_vec()),
                ("transfer-encoding".into(), b"chunked".to_vec()),
            ],
            body: body.as_bytes().to_vec(),
            truncated: false,
        }
    }

    #[test]
    fn base32_matches_rfc_4648() {
        assert_eq!(base32(b""), "");
        assert_eq!(base32(b"f"), "MY======");
        assert_eq!(base32(b"foobar"), "MZXW6YTBOI======");
    }

    #[test]
    fn records_read_back_at_their_offsets() {
        let dir = tempfile::tempdir().unwrap_or_else(|err| panic!("tempdir: {err}"));
        let mut writer = WarcWriter::new(WarcSettings {
            dir: dir.path().to_path_buf(),
            max_file_bytes: 1 << 20,
        })
        .unwrap_or_else(|err| panic!("{err}"));
        let body = "<html><body><p>Sở Ngoại vụ thành phố Đà Nẵng</p></body></html>";
        let first = encode_exchange(&capture(body), &[("Tracuu-Site", "danang")]);
        let (path, at) = writer.append(&first).unwrap_or_else(|err| panic!("{err}"));
        let (same, second_at) = writer
            .append(&encode_exchange(&capture("Quảng Nam"), &[]))
            .unwrap_or_else(|err| panic!("{err}"));
        writer.commit().unwrap_or_else(|err| panic!("{err}"));
        assert_eq!(path, same);
        let record = read_record_at(&path, at).unwrap_or_else(|err| panic!("{err}"));
        assert_eq!(record.field("warc-type"), Some("response"));
        assert_eq!(record.field("Tracuu-Site"), Some("danang"));
        let http = parse_http_response(&record.block).unwrap_or_else(|| panic!("not HTTP"));
        assert_eq!(http.status, 200);
        assert_eq!(http.body, body.as_bytes());
        assert_eq!(http.header("transfer-encoding"), None);
        assert_eq!(
            http.header("content-length"),
            Some(body.len().to_string().as_str())
        );
        let file = File::open(&path).unwrap_or_else(|err| panic!("{err}"));
        let mut reader = WarcReader::new(file);
        let mut kinds = Vec::new();
        while let Some(record) = reader.next_record().unwrap_or_else(|err| panic!("{err}")) {
            kinds.push((
                record.field("WARC-Type").unwrap_or("").to_string(),
                record.offset,
            ));
        }
        let types: Vec<&str> = kinds.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            types,
            ["warcinfo", "response", "request", "response", "request"]
        );
        assert_eq!(kinds[3].1, second_at);
    }

    /// A file that hands out one byte a read, as a slow disk or pipe may: a record's gzip magic
    /// then straddles the reader's buffer.
    struct Trickle(std::io::Cursor<Vec<u8>>);

    impl Read for Trickle {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let one = buf.len().min(1);
            self.0.read(&mut buf[..one])
        }
    }

    impl Seek for Trickle {
        fn seek(&mut self, pos: SeekFrom) -> std::io::Result<u64> {
            self.0.seek(pos)
        }
    }

    #[test]
    fn gzip_records_read_back_whatever_the_reads_return() {
        let dir = tempfile::tempdir().unwrap_or_else(|err| panic!("tempdir: {err}"));
        let mut writer = WarcWriter::new(WarcSettings {
            dir: dir.path().to_path_buf(),
            max_file_bytes: 1 << 20,
        })
        .unwrap_or_else(|err| panic!("{err}"));
        let (path, _) = writer
            .append(&encode_exchange(&capture("Sở Ngoại vụ Đà Nẵng"), &[]))
            .unwrap_or_else(|err| panic!("{err}"));
        writer
            .append(&encode_exchange(&capture("Quảng Nam"), &[]))
            .unwrap_or_else(|err| panic!("{err}"));
        writer.commit().unwrap_or_else(|err| panic!("{err}"));
        let bytes = std::fs::read(&path).unwrap_or_else(|err| panic!("{err}"));
        let mut reader = WarcReader::new(Trickle(std::io::Cursor::new(bytes)));
        let mut types = Vec::new();
        while let Some(record) = reader.next_record().unwrap_or_else(|err| panic!("{err}")) {
            types.push(record.field("WARC-Type").unwrap_or("").to_string());
        }
        assert_eq!(
            types,
            ["warcinfo", "response", "request", "response", "request"]
        );
    }

    #[test]
    fn a_torn_record_is_cut_and_the_next_run_appends_to_the_same_file() {
        let dir = tempfile::tempdir().unwrap_or_else(|err| panic!("tempdir: {err}"));
        let settings = WarcSettings {
            dir: dir.path().to_path_buf(),
            max_file_bytes: 1 << 20,
        };
        let mut writer = WarcWriter::new(settings.clone()).unwrap_or_else(|err| panic!("{err}"));
        writer
            .append(&encode_exchange(&capture("Tuyên Quang"), &[]))
            .unwrap_or_else(|err| panic!("{err}"));
        writer.commit().unwrap_or_else(|err| panic!("{err}"));
        let (path, durable) = writer.position().unwrap_or_else(|| panic!("no file"));
        // A kill in the middle of the next record.
        let torn = encode_exchange(&capture("Hà Giang"), &[]);
        let mut file = OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap_or_else(|err| panic!("{err}"));
        file.write_all(&torn.bytes[..torn.bytes.len() / 2])
            .unwrap_or_default();
        drop(file);
        let whole = repair_tail(&path, durable).unwrap_or_else(|err| panic!("{err}"));
        assert_eq!(whole, durable);
        let mut next = WarcWriter::new(settings).unwrap_or_else(|err| panic!("{err}"));
        next.resume(&path, whole)
            .unwrap_or_else(|err| panic!("{err}"));
        let (same, at) = next
            .append(&encode_exchange(&capture("Sóc Trăng"), &[]))
            .unwrap_or_else(|err| panic!("{err}"));
        assert_eq!(same, path);
        assert_eq!(at, durable);
        let record = read_record_at(&path, at).unwrap_or_else(|err| panic!("{err}"));
        let http = parse_http_response(&record.block).unwrap_or_else(|| panic!("not HTTP"));
        assert_eq!(http.body, "Sóc Trăng".as_bytes());
    }
}
