//! Request heads larger than the server reads are answered with the JSON error shape.
//!
//! hyper answers an over-long request line (414) or header block (431) itself, with an empty body.
//! This wrapper around the connection counts the bytes of each request head as they arrive, and
//! stops at limits below hyper's: it writes a `{"error":{"code","message"}}` answer itself, closes
//! its sending side, reads and drops what the client still sends (closing with unread input would
//! reset the connection and could destroy the answer before the client reads it), then hands hyper
//! an end of input (and discards anything hyper writes after), so the client always gets a JSON
//! error it can read.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

use crate::error::ApiError;
use crate::routes::{CONTENT_SECURITY_POLICY_VALUE, REFERRER_POLICY_VALUE};

/// The longest request line read (method, path and query, version), in bytes.
pub const MAX_REQUEST_LINE_BYTES: usize = 16 * 1024;
/// The largest request head read (request line and headers), in bytes.
pub const MAX_HEAD_BYTES: usize = 32 * 1024;
/// The most header lines read (hyper itself is set to accept more, so this limit answers first).
pub const MAX_HEADERS: usize = 100;
/// hyper's own limit on header lines, above [`MAX_HEADERS`].
pub const HYPER_MAX_HEADERS: usize = MAX_HEADERS + 28;
/// Bytes still read (and dropped) from a client after its head was refused.
const MAX_DRAIN_BYTES: usize = 1 << 20;

/// Where the scan of the incoming bytes is.
#[derive(Debug, Default)]
struct Scan {
    /// Bytes of the current head so far (leading blank lines not counted).
    head: usize,
    /// Whether the request line has ended.
    line_done: bool,
    /// Header lines ended so far.
    headers: usize,
    /// The last bytes seen, to find the blank line that ends the head.
    last: [u8; 3],
}

impl Scan {
    /// Feeds bytes; returns the rejection once a limit is passed.
    fn feed(&mut self, bytes: &[u8]) -> Option<ApiError> {
        for &b in bytes {
            if self.head == 0 && (b == b'\r' || b == b'\n') {
                continue;
            }
            self.head += 1;
            if b == b'\n' {
                if self.line_done {
                    self.headers += 1;
                }
                self.line_done = true;
            }
            let ends_head = b == b'\n'
                && (self.last[2] == b'\n' || (self.last[2] == b'\r' && self.last[1] == b'\n'));
            self.last = [self.last[1], self.last[2], b];
            if ends_head {
                *self = Scan::default();
                continue;
            }
            if !self.line_done && self.head > MAX_REQUEST_LINE_BYTES {
                return Some(ApiError::uri_too_long(MAX_REQUEST_LINE_BYTES));
            }
            if self.head > MAX_HEAD_BYTES || self.headers > MAX_HEADERS {
                return Some(ApiError::headers_too_large(MAX_HEAD_BYTES, MAX_HEADERS));
            }
        }
        None
    }
}

/// A connection whose request heads are bounded (see the module documentation).
pub struct HeadLimit<IO> {
    io: IO,
    scan: Scan,
    /// The answer being written after a limit was passed, and how much of it is written.
    rejecting: Option<(Vec<u8>, usize)>,
    /// Whether the sending side is closed after the answer.
    shut: bool,
    /// Bytes dropped since.
    drained: usize,
}

impl<IO> HeadLimit<IO> {
    /// Wraps a connection.
    pub fn new(io: IO) -> HeadLimit<IO> {
        HeadLimit {
            io,
            scan: Scan::default(),
            rejecting: None,
            shut: false,
            drained: 0,
        }
    }
}

/// The whole HTTP/1.1 answer for a rejected head, closing the connection. It never passes the
/// router's layers, so it carries their security headers itself (the same values).
fn answer(error: &ApiError) -> Vec<u8> {
    let body =
        serde_json::json!({"error": {"code": error.code, "message": error.message}}).to_string();
    let mut out = format!(
        "HTTP/1.1 {} {}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\
         x-content-type-options: nosniff\r\ncontent-security-policy: {CONTENT_SECURITY_POLICY_VALUE}\r\n\
         referrer-policy: {REFERRER_POLICY_VALUE}\r\nx-frame-options: DENY\r\ncache-control: no-store\r\n\r\n",
        error.status.as_u16(),
        error.status.canonical_reason().unwrap_or(""),
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(body.as_bytes());
    out
}

impl<IO: AsyncRead + AsyncWrite + Unpin> HeadLimit<IO> {
    /// Writes the rejection; ready once it is all written (or the client is gone).
    fn poll_reject(&mut self, cx: &mut Context<'_>) -> Poll<()> {
        let Some((bytes, written)) = &mut self.rejecting else {
            return Poll::Ready(());
        };
        while *written < bytes.len() {
            match ready!(Pin::new(&mut self.io).poll_write(cx, &bytes[*written..])) {
                Ok(0) | Err(_) => return Poll::Ready(()),
                Ok(n) => *written += n,
            }
        }
        let _ = ready!(Pin::new(&mut self.io).poll_flush(cx));
        if !self.shut {
            let _ = ready!(Pin::new(&mut self.io).poll_shutdown(cx));
            self.shut = true;
        }
        Poll::Ready(())
    }

    /// Reads and drops the client's input until it ends (or enough was dropped).
    fn poll_drain(&mut self, cx: &mut Context<'_>) -> Poll<()> {
        let mut scratch = [0u8; 8192];
        while self.drained < MAX_DRAIN_BYTES {
            let mut buf = ReadBuf::new(&mut scratch);
            match ready!(Pin::new(&mut self.io).poll_read(cx, &mut buf)) {
                Ok(()) if !buf.filled().is_empty() => self.drained += buf.filled().len(),
                _ => break,
            }
        }
        Poll::Ready(())
    }
}

impl<IO: AsyncRead + AsyncWrite + Unpin> AsyncRead for HeadLimit<IO> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        if this.rejecting.is_some() {
            // hyper sees the input end mid-head and gives up without answering.
            ready!(this.poll_reject(cx));
            ready!(this.poll_drain(cx));
            return Poll::Ready(Ok(()));
        }
        let before = buf.filled().len();
        ready!(Pin::new(&mut this.io).poll_read(cx, buf))?;
        if let Some(error) = this.scan.feed(&buf.filled()[before..]) {
            tracing::info!(
                code = error.code,
                "request head over the limit; answered with JSON"
            );
            buf.set_filled(before);
            this.rejecting = Some((answer(&error), 0));
            ready!(this.poll_reject(cx));
            ready!(this.poll_drain(cx));
        }
        Poll::Ready(Ok(()))
    }
}

impl<IO: AsyncRead + AsyncWrite + Unpin> AsyncWrite for HeadLimit<IO> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        if this.rejecting.is_some() {
            return Poll::Ready(Ok(buf.len())); // the client already has its answer
        }
        Pin::new(&mut this.io).poll_write(cx, buf)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().io).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().io).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_within_the_limits_pass_and_reset_between_requests() {
        let mut scan = Scan::default();
        let request = b"GET /api/search?q=ki%E1%BB%81u+b%C3%A0o HTTP/1.1\r\nhost: x\r\n\r\n";
        for _ in 0..1000 {
            assert!(scan.feed(request).is_none());
        }
    }

    #[test]
    fn a_long_request_line_is_a_414_and_many_headers_a_431() {
        let mut scan = Scan::default();
        let line = format!(
            "GET /?q={} HTTP/1.1\r\n",
            "a".repeat(MAX_REQUEST_LINE_BYTES)
        );
        let err = scan.feed(line.as_bytes()).expect("rejected");
        assert_eq!(err.status.as_u16(), 414);
        assert_eq!(err.code, "uri_too_long");
        let mut scan = Scan::default();
        let mut head = String::from("GET / HTTP/1.1\r\n");
        while head.len() <= MAX_HEAD_BYTES {
            head.push_str(&format!(
                "x-filler: {}\r\n",
                "kiều bào ở nước ngoài ".repeat(20)
            ));
        }
        let err = scan.feed(head.as_bytes()).expect("rejected");
        assert_eq!(err.status.as_u16(), 431);
        let mut scan = Scan::default();
        let many = format!("GET / HTTP/1.1\r\n{}", "x-a: b\r\n".repeat(MAX_HEADERS + 1));
        assert!(
            scan.feed(many.as_bytes()).is_some(),
            "too many header lines"
        );
        let text = String::from_utf8(answer(&err)).expect("utf-8");
        assert!(
            text.starts_with("HTTP/1.1 431 Request Header Fields Too Large\r\n"),
            "{text}"
        );
        assert!(text.ends_with(r#""code":"headers_too_large","message":"the request headers are over 32768 bytes or 100 lines"}}"#), "{text}");
    }
}
