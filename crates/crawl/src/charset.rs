//! Turning the bytes of a page into Unicode text, the way a browser would and then some.
//!
//! The charset comes from the HTTP header first, then the byte-order mark, then a `<meta>` tag in the
//! first 4 KiB, and only then from detection with `chardetng` (Firefox's detector), which knows
//! Windows-1258. Whatever the source, the result is NFC: Windows-1258 spells many letters as a base
//! plus a combining tone mark, and some sites serve NFD text, and both would split words in the index.
//!
//! ```
//! use tracuu_crawl::charset::decode_html;
//! // "Việt" in Windows-1258: "Vi", 0xEA (ê), 0xF2 (combining dot below), "t".
//! let bytes = b"<meta charset=\"windows-1258\"><p>Vi\xea\xf2t</p>";
//! let page = decode_html(bytes, None);
//! assert!(page.text.contains("Việt"));
//! assert_eq!(page.encoding, "windows-1258");
//! ```

use encoding_rs::Encoding;
use std::sync::LazyLock;
use unicode_normalization::{UnicodeNormalization, is_nfc_quick};

/// A page decoded to text, with the encoding that was used (for logs and tests).
#[derive(Debug, Clone)]
pub struct DecodedPage {
    /// The page as NFC text.
    pub text: String,
    /// WHATWG name of the encoding used, lower case (e.g. `utf-8`, `windows-1258`).
    pub encoding: String,
}

static META_CHARSET: LazyLock<regex::bytes::Regex> = LazyLock::new(|| {
    regex::bytes::Regex::new(r#"(?i)<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)"#)
        .unwrap_or_else(|err| unreachable!("static regex: {err}"))
});

/// The `charset=` parameter of a `Content-Type` header value, if any.
pub fn charset_from_content_type(content_type: &str) -> Option<&'static Encoding> {
    let lower = content_type.to_ascii_lowercase();
    let start = lower.find("charset=")? + "charset=".len();
    let value = lower[start..]
        .split(';')
        .next()?
        .trim()
        .trim_matches(['"', '\'']);
    Encoding::for_label(value.as_bytes())
}

/// Decodes an HTML page: header charset, then BOM, then `<meta>`, then detection; always NFC.
pub fn decode_html(bytes: &[u8], content_type: Option<&str>) -> DecodedPage {
    let encoding = content_type
        .and_then(charset_from_content_type)
        .or_else(|| Encoding::for_bom(bytes).map(|(enc, _)| enc))
        .or_else(|| meta_charset(bytes))
        .unwrap_or_else(|| detect(bytes));
    // A page that says UTF-16 in a meta tag is ASCII-compatible by construction; browsers use UTF-8.
    let encoding = if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
        Encoding::for_bom(bytes)
            .map(|(enc, _)| enc)
            .unwrap_or(encoding_rs::UTF_8)
    } else {
        encoding
    };
    let (decoded, used, _had_errors) = encoding.decode(bytes);
    DecodedPage {
        text: to_nfc(decoded.into_owned()),
        encoding: used.name().to_ascii_lowercase(),
    }
}

/// Returns `text` in NFC, without copying when it already is.
pub fn to_nfc(text: String) -> String {
    if is_nfc_quick(text.chars()) == unicode_normalization::IsNormalized::Yes {
        text
    } else {
        text.nfc().collect()
    }
}

fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let label = META_CHARSET.captures(head)?.get(1)?.as_bytes();
    Encoding::for_label(label)
}

fn detect(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    // `.vn` as the top-level domain hint makes Windows-1258 the preferred legacy guess.
    detector.guess(Some(b"vn"), chardetng::Utf8Detection::Allow)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Windows-1258 spells a toned letter as its shaped base plus a combining tone mark.
    fn to_windows_1258(text: &str) -> Vec<u8> {
        let mut out = Vec::new();
        for c in text.chars() {
            let (tones, base): (String, String) = c.to_string().nfd().partition(|m: &char| {
                matches!(
                    *m,
                    '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}'
                )
            });
            let base: String = base.nfc().collect();
            let (bytes, _, _) = encoding_rs::WINDOWS_1258.encode(&base);
            out.extend_from_slice(&bytes);
            // The tone-mark bytes of the Windows-1258 code page.
            out.extend(tones.chars().map(|t| match t {
                '\u{300}' => 0xCC,
                '\u{301}' => 0xEC,
                '\u{303}' => 0xDE,
                '\u{309}' => 0xD2,
                _ => 0xF2,
            }));
        }
        out
    }

    #[test]
    fn header_wins_over_meta() {
        let bytes = "<meta charset=\"windows-1252\"><p>Quảng Nam</p>".as_bytes();
        let page = decode_html(bytes, Some("text/html; charset=UTF-8"));
        assert!(page.text.contains("Quảng Nam"));
        assert_eq!(page.encoding, "utf-8");
    }

    #[test]
    fn detects_utf8_without_any_label() {
        let page = decode_html("<p>Sở Ngoại vụ thành phố Đà Nẵng</p>".as_bytes(), None);
        assert!(page.text.contains("Đà Nẵng"));
    }

    #[test]
    fn nfd_pages_become_nfc() {
        let nfd: String = "Tuyên Quang, người Việt".nfd().collect();
        let page = decode_html(nfd.as_bytes(), Some("text/html; charset=utf-8"));
        assert!(page.text.contains("Tuyên Quang, người Việt"));
    }

    #[test]
    fn undeclared_windows_1258_is_detected() {
        let text =
            "<p>Ban về người Việt Nam ở nước ngoài tỉnh Quảng Nam tổ chức cuộc họp tổng kết</p>";
        let page = decode_html(&to_windows_1258(text), None);
        assert!(
            page.text.contains("người Việt Nam ở nước ngoài"),
            "{} {}",
            page.encoding,
            page.text
        );
    }
}
