//! What is never main text: tags, class/id names, and the stock phrases of Vietnamese portals.
//!
//! The class/id patterns follow Mozilla Readability's "unlikely candidate" list, extended with
//! the names Vietnamese portals use (`tin-lien-quan`, `tinkhac`, `chiase`, `binhluan`…). The phrase
//! list comes from the five seed pages and the portals in `corpus/sites.toml`: menus and share
//! bars leave lines such as "Tin liên quan", "Phiên bản di động" or "In bài" in naive scrapes.

use regex::Regex;
use std::sync::LazyLock;

fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|err| unreachable!("static regex {pattern}: {err}"))
}

/// Class/id fragments of blocks that are navigation, sharing, comments or related links.
pub static UNLIKELY: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)-ad-|ai2html|banner|breadcrumb|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote|navbar|tinlienquan|tin-lien-quan|lienquan|tinkhac|tin-khac|othernews|other-news|cungchuyenmuc|chiase|share|sharing|print|toolbar|binhluan|rating|newsletter|subscribe|cookie|hidden-print|tags?-|-tags?\b|keyword|author-?(bio|box|profile|details)|about-?(the-)?author|post-author|\bbio\b|table-of-contents|ez-toc|advert",
    )
});

/// Class/id fragments that rescue an element from [`UNLIKELY`] (a "main-content" with "menu" in it).
pub static MAYBE: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?i)and|article|body|column|content|main|mathjax|shadow|noidung|chitiet|detail")
});

/// Class/id fragments that make a block more likely to be the article.
pub static POSITIVE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story|noidung|noi-dung|chitiet|chi-tiet|detail|news-content|fulltext",
    )
});

/// Class/id fragments that make a block less likely to be the article.
pub static NEGATIVE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)-ad-|(?:^|\s)(?:hidden|is-hidden|visually-hidden|d-none)(?:\s|$)|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget|tinlienquan|tinkhac|lienquan|binhluan|chiase",
    )
});

/// Class/id fragments of image captions, removed from the body.
pub static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)caption|image-?desc|img-?desc|photo-?desc|chuthich|chu-thich|imgcaption|PhotoCMS_Caption|expNoEdit|credit",
    )
});

/// Tags whose whole subtree is never article text.
pub fn is_skipped_tag(tag: &str) -> bool {
    matches!(
        tag,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "nav"
            | "aside"
            | "footer"
            | "button"
            | "select"
            | "option"
            | "textarea"
            | "input"
            | "iframe"
            | "object"
            | "embed"
            | "canvas"
            | "video"
            | "audio"
            | "map"
            | "figcaption"
            | "head"
            | "title"
            | "dialog"
            | "menu"
    )
}

/// ARIA roles of navigation and chrome.
pub fn is_skipped_role(role: &str) -> bool {
    matches!(
        role.trim().to_ascii_lowercase().as_str(),
        "menu"
            | "menubar"
            | "complementary"
            | "navigation"
            | "alert"
            | "alertdialog"
            | "dialog"
            | "banner"
            | "contentinfo"
    )
}

/// Lines that are portal chrome wherever they appear (compared case-insensitively, trimmed).
const STOCK_LINES: &[&str] = &[
    "phiên bản di động",
    "chia sẻ",
    "chia sẻ:",
    "in bài",
    "in bài viết",
    "in trang",
    "bản in",
    "gửi email",
    "gửi bài viết",
    "quay lại",
    "trở về",
    "về đầu trang",
    "lên đầu trang",
    "đầu trang",
    "dữ liệu đang được cập nhật...",
    "dữ liệu đang được cập nhật",
    "hình ảnh hoạt động",
    "bình luận",
    "ý kiến bạn đọc",
    "gửi ý kiến",
    "xem thêm",
    "tweet",
    "zalo",
    "facebook",
    "lưu bài",
    "góp ý",
    "tải về",
    "cỡ chữ",
    "a- a a+",
    "quảng cáo",
    "advertisement",
    "advertising",
    "sponsored content",
    "table of contents",
    "contents",
    "mục lục",
    "skip to content",
    "skip to main content",
    "loading",
    "loading...",
    "share this article",
    "share this",
    "share on facebook",
    "print this page",
];

/// Headings after which a portal lists other articles: the body ends there.
const END_MARKERS: &[&str] = &[
    "tin liên quan",
    "tin cùng chuyên mục",
    "các tin khác",
    "tin khác",
    "tin đã đưa",
    "bài viết liên quan",
    "các bài viết khác",
    "tin bài liên quan",
    "tin mới hơn",
    "tin cũ hơn",
    "tin mới",
    "xem tiếp",
    "cùng chuyên mục",
];

static COUNTER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)^(lượt xem|số lượt xem|lượt truy cập|số lần xem|views?)\s*:?\s*[\d.,]*$|^(đánh giá|bình chọn)\s*:?.{0,20}$|^(font|cỡ chữ)\s*:?.{0,12}$",
    )
});

fn fold(line: &str) -> String {
    line.trim()
        .trim_end_matches([':', '.', '…'])
        .trim()
        .to_lowercase()
}

/// True for a line that is portal chrome ("Chia sẻ", "In bài", "Lượt xem: 120"…).
pub fn is_stock_line(line: &str) -> bool {
    let folded = fold(line);
    if folded.is_empty() {
        return true;
    }
    STOCK_LINES.iter().any(|stock| fold(stock) == folded) || COUNTER_LINE.is_match(line.trim())
}

/// True for a heading that starts a related-news list ("Tin liên quan", "Tin cùng chuyên mục"…).
pub fn is_end_marker(line: &str) -> bool {
    let folded = fold(line);
    END_MARKERS.iter().any(|marker| *marker == folded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn portal_chrome_is_recognised() {
        assert!(is_stock_line("Phiên bản di động"));
        assert!(is_stock_line("  Chia sẻ: "));
        assert!(is_stock_line("Lượt xem: 1.024"));
        assert!(is_end_marker("Tin liên quan"));
        assert!(is_end_marker("TIN CÙNG CHUYÊN MỤC"));
        assert!(!is_stock_line(
            "Chia sẻ kinh nghiệm triển khai công tác người Việt Nam ở nước ngoài."
        ));
        assert!(!is_end_marker(
            "Tin liên quan đến dự án đã được công bố rộng rãi."
        ));
    }

    #[test]
    fn class_names_of_portals() {
        assert!(UNLIKELY.is_match("box-tin-lien-quan"));
        assert!(UNLIKELY.is_match("social-share"));
        assert!(MAYBE.is_match("main-content"));
        assert!(CAPTION.is_match("PhotoCMS_Caption"));
        assert!(!UNLIKELY.is_match("article-body"));
        assert!(UNLIKELY.is_match("author-bio-container"));
        assert!(UNLIKELY.is_match("short-bio"));
        assert!(!UNLIKELY.is_match("biography"));
    }
}
