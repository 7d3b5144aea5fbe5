//! The frame shared by every page: `<head>`, header with the site name, footer, styles, script.
//!
//! The page is complete without the script; `app.js` only updates results as the user types and
//! wires the "copy citation" buttons.

use maud::{DOCTYPE, Markup, html};

/// A whole HTML document around `main`.
pub fn document(title: &str, main: Markup) -> Markup {
    document_with_feed(title, None, main)
}

/// A whole HTML document around `main` that names `feed` (an Atom feed's URL) in its `<head>`,
/// so a feed reader given the page's address finds the feed.
pub fn document_with_feed(title: &str, feed: Option<&str>, main: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="vi" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                link rel="icon" href="/static/favicon.svg" type="image/svg+xml";
                link rel="icon" href="/favicon.ico" sizes="32x32";
                link rel="stylesheet" href="/static/style.css";
                @if let Some(feed) = feed {
                    link rel="alternate" type="application/atom+xml" title="Tin mới theo tìm kiếm này" href=(feed);
                }
                script src="/static/app.js" defer {}
            }
            body {
                a.skip href="#main" { "Bỏ qua, đến nội dung chính" }
                header.site {
                    a.brand href="/" { "tracuu" }
                    span.tagline { "Tra cứu tin tức của các cơ quan nhà nước" }
                }
                main #main tabindex="-1" { (main) }
                footer.site {
                    p {
                        a href="/trends" { "Xu hướng theo thời gian" }
                        " · Dữ liệu cho máy: "
                        a href="/openapi.json" { "API (OpenAPI)" }
                        " · "
                        a href="/metrics" { "số liệu vận hành" }
                    }
                }
            }
        }
    }
}
