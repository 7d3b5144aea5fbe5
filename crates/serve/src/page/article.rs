//! The article page at `/articles/{id}`: full text, metadata, cited documents and a citation.
//!
//! Each cited document links to its page (`/documents/36-NQ/TW`: who cites it, when, with what)
//! and to a search filtered on it (`/?ref=36-NQ%2FTW`), which is how staff find every article
//! that cites a resolution. Provinces named in the text link the same way.

use maud::{Markup, html};
use tracuu_index::search::{FacetField, StoredArticle};

use super::citation::{citation, display_date};
use super::search::{page_url, web_href};
use crate::citator::document_url;
use crate::params::SearchParams;

/// The page title for an article.
pub fn title(stored: &StoredArticle) -> String {
    format!("{} — tracuu", stored.article.title)
}

fn filter_url(facet: FacetField, value: &str) -> String {
    page_url(&SearchParams::default().toggled(facet, value))
}

/// Paragraphs of a body: blank lines or single line breaks both separate them.
pub fn paragraphs(body: &str) -> impl Iterator<Item = &str> {
    body.lines().map(str::trim).filter(|p| !p.is_empty())
}

/// The body of the article page; `back` is the search the reader came from.
pub fn render(stored: &StoredArticle, back: &SearchParams) -> Markup {
    let a = &stored.article;
    let source = a.source_host();
    let cite = citation(
        &a.title,
        a.agency.as_deref().or(source.as_deref()),
        a.published.as_deref(),
        &a.url,
    );
    html! {
        nav.back aria-label="Quay lại" { a href=(page_url(back)) { "← Tìm kiếm khác" } }
        article.full {
            h1 { (a.title) }
            dl.meta {
                @if let Some(source) = &source {
                    dt { "Nguồn tin" } dd { a href=(filter_url(FacetField::Source, source)) { (source) } }
                }
                @if let Some(agency) = &a.agency { dt { "Cơ quan" } dd { (agency) } }
                @if let Some(province) = &a.province {
                    dt { "Tỉnh, thành phố" } dd { a href=(filter_url(FacetField::Province, province)) { (province) } }
                }
                @if let Some(date) = display_date(a.published.as_deref()) {
                    dt { "Ngày đăng" } dd { time datetime=[a.published.as_deref()] { (date) } }
                }
                @if let Some(author) = &a.author { dt { "Tác giả" } dd { (author) } }
                @if let Some(section) = &a.section { dt { "Chuyên mục" } dd { (section) } }
                dt { "Bài gốc" } dd {
                    @if let Some(url) = web_href(&a.url) { a.source-link href=(url) { (url) } } @else { (a.url) }
                }
            }
            p.actions {
                button.copy type="button" hidden data-citation=(cite) { "Sao chép trích dẫn" }
            }
            details.citation {
                summary { "Trích dẫn" }
                p { (cite) }
            }
            @if !stored.cited.is_empty() {
                section.cited aria-labelledby="cited-heading" {
                    h2 #cited-heading { "Văn bản được trích dẫn" }
                    ul {
                        @for doc in &stored.cited {
                            li {
                                a href=(document_url(&doc.number)) {
                                    @if let Some(kind) = &doc.doc_type { (kind) " " }
                                    (doc.number)
                                }
                                " — "
                                a href=(filter_url(FacetField::Ref, &doc.number)) { "các bài cùng trích dẫn" }
                            }
                        }
                    }
                }
            }
            @if !stored.provinces.is_empty() {
                section.places aria-labelledby="places-heading" {
                    h2 #places-heading { "Địa phương được nhắc đến" }
                    ul.inline {
                        @for p in &stored.provinces {
                            li { a href=(filter_url(FacetField::Province, p)) { (p) } }
                        }
                    }
                }
            }
            div.body {
                @for paragraph in paragraphs(&a.body) {
                    p { (paragraph) }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_and_double_line_breaks_both_separate_paragraphs() {
        let body = "Chiều ngày 22/02/2021, Ban tổ chức cuộc họp.\nDự họp có đại diện các sở.\n\n  \nNăm 2021, Ban tiếp tục triển khai.";
        let got: Vec<&str> = paragraphs(body).collect();
        assert_eq!(
            got,
            vec![
                "Chiều ngày 22/02/2021, Ban tổ chức cuộc họp.",
                "Dự họp có đại diện các sở.",
                "Năm 2021, Ban tiếp tục triển khai."
            ]
        );
    }
}
