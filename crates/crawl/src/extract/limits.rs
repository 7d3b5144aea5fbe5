//! Bounds on what a hostile page can make the parser do.
//!
//! html5ever checks every new attribute against all earlier ones of the same tag, so one tag with
//! 500,000 attributes costs 10¹¹ comparisons (minutes); and every `<div>` or `<p>` start tag
//! searches the whole stack of open elements for a `<p>` to close, so 100,000 nested elements cost
//! 10¹⁰ steps. Before parsing, one linear pass over the page keeps the first [`MAX_ATTRIBUTES`]
//! attributes of each tag and drops container tags nested deeper than [`MAX_DEPTH`] (their text
//! stays, one level up), as browsers cap the tree's depth (Chromium at 512). A page within both
//! bounds is parsed as it is, without a copy. The extractor's own passes are iterative and linear
//! in the number of nodes (`content.rs`, `published.rs`).
//!
//! ```
//! use tracuu_crawl::extract::limits::{MAX_ATTRIBUTES, limit_attributes};
//! let attrs: String = (0..MAX_ATTRIBUTES + 10).map(|i| format!(" a{i}=\"x\"")).collect();
//! let page = format!("<div{attrs}>Nội dung</div>");
//! let limited = limit_attributes(&page);
//! assert!(limited.len() < page.len());
//! assert!(limited.ends_with(">Nội dung</div>"));
//! assert_eq!(limit_attributes("<p class=\"a\">x</p>"), "<p class=\"a\">x</p>");
//! ```

use std::borrow::Cow;

/// Attributes kept per tag; real pages stay far below (the busiest tags carry a few dozen).
pub const MAX_ATTRIBUTES: usize = 256;
/// Open container elements kept; deeper start tags (and their end tags) are dropped.
pub const MAX_DEPTH: usize = 512;

/// Elements that never hold others (void), or whose end tag is optional and usually left out:
/// they do not count toward the depth, so unclosed `<p>`s and `<li>`s never reach the cap.
fn counts_for_depth(name: &[u8]) -> bool {
    const FLAT: &[&[u8]] = &[
        b"area",
        b"base",
        b"br",
        b"col",
        b"embed",
        b"hr",
        b"img",
        b"input",
        b"link",
        b"meta",
        b"param",
        b"source",
        b"track",
        b"wbr",
        b"p",
        b"li",
        b"dt",
        b"dd",
        b"option",
        b"optgroup",
        b"tr",
        b"td",
        b"th",
        b"tbody",
        b"thead",
        b"tfoot",
        b"colgroup",
        b"rp",
        b"rt",
        b"html",
        b"head",
        b"body",
        b"frame",
        b"keygen",
    ];
    !FLAT.iter().any(|flat| name.eq_ignore_ascii_case(flat))
}

/// Where a start tag's attributes are, and whether it has too many.
struct TagScan {
    /// Byte offset just after the last attribute kept.
    keep_until: usize,
    /// Byte offset of the tag's closing `>` (or the end of input).
    end: usize,
    /// Attributes seen.
    count: usize,
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// Scans the attributes of the start tag whose name ends at `at`.
fn scan_tag(bytes: &[u8], mut at: usize) -> TagScan {
    let mut count = 0usize;
    let mut keep_until = at;
    loop {
        while at < bytes.len() && (is_space(bytes[at]) || bytes[at] == b'/') {
            at += 1;
        }
        if at >= bytes.len() || bytes[at] == b'>' {
            return TagScan {
                keep_until,
                end: at,
                count,
            };
        }
        // Attribute name, then an optional `= value` (quoted or not).
        while at < bytes.len() && !is_space(bytes[at]) && !matches!(bytes[at], b'=' | b'>' | b'/') {
            at += 1;
        }
        let mut look = at;
        while look < bytes.len() && is_space(bytes[look]) {
            look += 1;
        }
        if look < bytes.len() && bytes[look] == b'=' {
            at = look + 1;
            while at < bytes.len() && is_space(bytes[at]) {
                at += 1;
            }
            match bytes.get(at) {
                Some(&quote) if quote == b'"' || quote == b'\'' => {
                    at += 1;
                    while at < bytes.len() && bytes[at] != quote {
                        at += 1;
                    }
                    at = (at + 1).min(bytes.len());
                }
                _ => {
                    while at < bytes.len() && !is_space(bytes[at]) && bytes[at] != b'>' {
                        at += 1;
                    }
                }
            }
        }
        count += 1;
        if count <= MAX_ATTRIBUTES {
            keep_until = at;
        }
    }
}

/// Elements whose content is text, not tags: a `<` inside them starts nothing.
fn raw_text_end(bytes: &[u8], name: &[u8], from: usize) -> usize {
    let mut at = from;
    while let Some(offset) = bytes[at..].iter().position(|&b| b == b'<') {
        let start = at + offset;
        let close = bytes.get(start + 1..start + 2 + name.len());
        if let Some(close) = close
            && close[0] == b'/'
            && close[1..].eq_ignore_ascii_case(name)
        {
            return start;
        }
        at = start + 1;
    }
    bytes.len()
}

/// The page with every tag cut to its first [`MAX_ATTRIBUTES`] attributes and container tags
/// deeper than [`MAX_DEPTH`] dropped (the name is the first bound's, which came first).
pub fn limit_attributes(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut excess = 0usize;
    let mut at = 0usize;
    while let Some(offset) = bytes[at..].iter().position(|&b| b == b'<') {
        let start = at + offset;
        at = start + 1;
        if bytes[at..].starts_with(b"!--") {
            at = html[at..]
                .find("-->")
                .map_or(bytes.len(), |end| at + end + 3);
            continue;
        }
        if bytes.get(at) == Some(&b'/') {
            let name_start = at + 1;
            let mut end = name_start;
            while end < bytes.len() && !is_space(bytes[end]) && bytes[end] != b'>' {
                end += 1;
            }
            let name = &bytes[name_start..end];
            let close = bytes[end..]
                .iter()
                .position(|&b| b == b'>')
                .map_or(bytes.len(), |i| end + i + 1);
            if !name.is_empty() && counts_for_depth(name) {
                if excess > 0 {
                    excess -= 1;
                    cuts.push((start, close));
                } else {
                    depth = depth.saturating_sub(1);
                }
            }
            at = close;
            continue;
        }
        if !bytes.get(at).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let name_start = at;
        while at < bytes.len() && !is_space(bytes[at]) && !matches!(bytes[at], b'>' | b'/') {
            at += 1;
        }
        let name = &bytes[name_start..at];
        let scan = scan_tag(bytes, at);
        let self_closing = scan.end > 0 && bytes.get(scan.end - 1) == Some(&b'/');
        let tag_end = (scan.end + 1).min(bytes.len());
        if counts_for_depth(name) && !self_closing {
            if depth >= MAX_DEPTH {
                excess += 1;
                cuts.push((start, tag_end));
            } else {
                depth += 1;
                if scan.count > MAX_ATTRIBUTES {
                    cuts.push((scan.keep_until, scan.end));
                }
            }
        } else if scan.count > MAX_ATTRIBUTES {
            cuts.push((scan.keep_until, scan.end));
        }
        at = scan.end.min(bytes.len());
        let raw = [&b"script"[..], b"style", b"textarea", b"title", b"xmp"]
            .iter()
            .any(|r| name.eq_ignore_ascii_case(r));
        if raw {
            at = raw_text_end(bytes, name, at);
        }
    }
    if cuts.is_empty() {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut from = 0usize;
    for (keep_until, end) in cuts {
        // Both offsets sit on ASCII bytes (or the end), so they are character boundaries.
        out.push_str(html.get(from..keep_until).unwrap_or(""));
        from = end;
    }
    out.push_str(html.get(from..).unwrap_or(""));
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_are_untouched() {
        let page = r#"<html><head><script>if (a<b && c>d) { x = "<div a=1>"; }</script></head>
            <body><!-- <div x> --><p class="a" id='b' data-x=1 hidden>Nội dung</p></body></html>"#;
        assert!(matches!(limit_attributes(page), Cow::Borrowed(_)));
    }

    #[test]
    fn nesting_beyond_the_cap_is_flattened_and_its_text_kept() {
        let depth = MAX_DEPTH + 1000;
        let page = format!(
            "<html><body>{}<p>Nội dung sâu</p>{}</body></html>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let limited = limit_attributes(&page);
        assert_eq!(limited.matches("<div>").count(), MAX_DEPTH);
        assert_eq!(limited.matches("</div>").count(), MAX_DEPTH);
        assert!(limited.contains("<p>Nội dung sâu</p>"));
        // Unclosed paragraphs and list items never count toward the cap.
        let flat = format!("<div>{}</div>", "<p>Một đoạn<li>mục".repeat(2 * MAX_DEPTH));
        assert!(matches!(limit_attributes(&flat), Cow::Borrowed(_)));
    }

    #[test]
    fn a_tag_with_too_many_attributes_keeps_the_first_ones_and_its_text() {
        let attrs: String = (0..1000).map(|i| format!(" data-a{i}='v {i}'")).collect();
        let page = format!(
            "<html><body><div class=\"x\"{attrs}>Chiều ngày 22/02/2021</div></body></html>"
        );
        let limited = limit_attributes(&page);
        assert!(limited.contains(" data-a254='v 254'"));
        assert!(!limited.contains("data-a255="));
        assert!(limited.ends_with(">Chiều ngày 22/02/2021</div></body></html>"));
    }
}
