//! The document page at `/documents/{ref}`: what a cited document's number says (type, number,
//! year, issuing body), how many articles cite it, when (the timeline) and where (sources),
//! what they cite with it, and the citing articles, newest first, each with the sentence that
//! cites it, the number marked.
//!
//! Every count links to the search that gives it: the total to `/?ref=…`, a month to the same
//! search in that month, a source to it filtered on the source, a co-cited document to the
//! articles citing both. The page links its Atom feed of new citing articles.

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use maud::{Markup, html};
use tracuu_index::citator::{CitatorReport, CitingArticle};
use tracuu_index::enrich::{DocumentDescription, citations};
use tracuu_index::search::FacetField;

use super::citation::{display_date, group_thousands};
use super::search::{article_link, page_links, page_url, web_href};
use super::{layout, timeline};
use crate::citator::{
    CitatorParams, document_of, document_url, feed_url, not_cited, path_error, run_citator,
};
use crate::error::ApiError;
use crate::params::SearchParams;
use crate::state::AppState;

/// `GET /documents/{ref}`: the document's page; a 404 page for a text that is no document number
/// or a number no article cites (with what the number says, when it is one). A number written
/// another way (`/documents/36-nq/tw`) is redirected to its official form, so a page has one
/// address to share.
pub async fn document_page(
    State(state): State<AppState>,
    reference: Result<Path<String>, PathRejection>,
    RawQuery(raw): RawQuery,
) -> Response {
    let asked = async {
        let Path(reference) = reference.map_err(path_error)?;
        let document = document_of(&reference)?;
        let params = CitatorParams::parse(raw.as_deref())?;
        // Only to a form that reads as itself, so a redirect never leads to another one.
        let redirect = reference != document.number
            && document_of(&document.number).is_ok_and(|d| d.number == document.number);
        Ok::<_, ApiError>((redirect, document, params))
    }
    .await;
    let (params, document) = match asked {
        Ok((true, document, _)) => {
            return Redirect::permanent(&canonical_url(&document.number, raw.as_deref()))
                .into_response();
        }
        Ok((false, document, params)) => (params, document),
        Err(err) => return failed(&err, None),
    };
    match run_citator(&state, params.request(&document.number)).await {
        Ok(report) if report.citing > 0 => {
            Html(layout::document(&title(&report.document), render(&report, params)).into_string())
                .into_response()
        }
        Ok(report) => failed(&not_cited(&report.document.number), Some(&report.document)),
        Err(err) => failed(&err, None),
    }
}

/// The page's official address, with the query string as given.
fn canonical_url(number: &str, raw: Option<&str>) -> String {
    match raw.filter(|q| !q.is_empty()) {
        Some(query) => format!("{}?{query}", document_url(number)),
        None => document_url(number),
    }
}

/// The page title for a document.
pub fn title(document: &DocumentDescription) -> String {
    format!("{} — tracuu", heading(document))
}

/// "Nghị quyết 36-NQ/TW".
fn heading(document: &DocumentDescription) -> String {
    match &document.doc_type {
        Some(kind) => format!("{kind} {}", document.number),
        None => document.number.clone(),
    }
}

/// The search for articles citing `number`, with these other filters.
fn citing_search(number: &str) -> SearchParams {
    SearchParams::default().toggled(FacetField::Ref, number)
}

fn failed(err: &ApiError, document: Option<&DocumentDescription>) -> Response {
    let body = html! {
        div.error role="alert" data-code=(err.code) {
            h1 {
                @if err.status == StatusCode::NOT_FOUND { "Không có trang văn bản này" } @else { "Không mở được trang văn bản" }
            }
            p { (err.message_vi) }
            @if let Some(document) = document { (decoded(document, None)) }
            p { a href="/" { "Về trang tìm kiếm" } }
        }
    };
    (
        err.status,
        Html(layout::document("Không có văn bản này — tracuu", body).into_string()),
    )
        .into_response()
}

/// The body of the document page.
pub fn render(report: &CitatorReport, params: CitatorParams) -> Markup {
    let document = &report.document;
    let number = &document.number;
    let search = citing_search(number);
    html! {
        nav.back aria-label="Quay lại" { a href=(page_url(&search)) { "← Các bài trích dẫn trong tìm kiếm" } }
        article.document {
            h1 {
                @if let Some(kind) = &document.doc_type { (kind) " " }
                span.number { (document.number) }
            }
            (decoded(document, Some(report)))
            p.summary #citing data-citing=(report.citing) {
                strong { (group_thousands(report.citing)) } " bài viết trích dẫn văn bản này"
                @if report.undated > 0 { " (" (group_thousands(report.undated)) " bài không rõ ngày)" }
                ". "
                a href=(page_url(&search)) { "Xem trong tìm kiếm" }
                " · "
                a.feed href=(feed_url(number)) type="application/atom+xml" { "Theo dõi bài mới (Atom)" }
            }
            (timeline::render(&report.by_month, &search, None))
            div.document-facets {
                @if !report.by_source.is_empty() {
                    section.sources aria-labelledby="sources-heading" {
                        h2 #sources-heading { "Nguồn tin trích dẫn" }
                        ul {
                            @for source in &report.by_source {
                                li {
                                    a href=(page_url(&search.toggled(FacetField::Source, &source.value))) {
                                        span.value { (source.value) } " "
                                        span.count { (group_thousands(source.count)) }
                                    }
                                }
                            }
                        }
                    }
                }
                @if !report.cited_with.is_empty() {
                    section.cited-with aria-labelledby="cited-with-heading" {
                        h2 #cited-with-heading { "Thường được trích dẫn cùng" }
                        ul {
                            @for other in &report.cited_with {
                                li {
                                    a href=(document_url(&other.value)) { (other.value) }
                                    " — "
                                    a.both href=(both_url(number, &other.value)) {
                                        (group_thousands(other.count)) " bài trích dẫn cả hai"
                                    }
                                }
                            }
                        }
                    }
                }
            }
            section.citing aria-labelledby="citing-heading" {
                h2 #citing-heading { "Bài viết trích dẫn, mới nhất trước" }
                ol.citing-list start=((params.page - 1) * params.per_page + 1) {
                    @for article in &report.articles { (citing_item(article, number)) }
                }
                (pager(report, params))
            }
        }
    }
}

/// What the number says, as a definition list.
fn decoded(document: &DocumentDescription, report: Option<&CitatorReport>) -> Markup {
    let years = report.map(|r| r.years_cited.as_slice()).unwrap_or_default();
    html! {
        dl.meta.decoded {
            @if let Some(kind) = &document.doc_type { dt { "Loại văn bản" } dd { (kind) " (" (document.code) ")" } }
            dt { "Số, ký hiệu" } dd { (document.number) }
            dt { "Số thứ tự" } dd { (document.serial) }
            dt { "Năm ban hành" }
            dd {
                @if let Some(year) = document.year {
                    (year) " (theo số, ký hiệu)"
                } @else if years.is_empty() {
                    "Số, ký hiệu không ghi năm; các bài trích dẫn cũng không ghi"
                } @else {
                    @for (at, year) in years.iter().enumerate() {
                        @if at > 0 { ", " }
                        (year.value) " (" (group_thousands(year.count)) " bài ghi)"
                    }
                    @if years.len() > 1 { " — có thể là nhiều văn bản cùng số" }
                }
            }
            @if !document.issuers.is_empty() {
                dt { "Cơ quan ban hành" }
                dd {
                    @for (at, issuer) in document.issuers.iter().enumerate() {
                        @if at > 0 { ", " }
                        @if let Some(name) = &issuer.name { (name) " (" (issuer.symbol) ")" } @else { (issuer.symbol) }
                    }
                }
            }
            @if !document.units.is_empty() {
                dt { "Đơn vị soạn thảo, lĩnh vực" } dd { (document.units.join(", ")) }
            }
        }
    }
}

/// Articles citing both documents: the first typed as a reference (a required unit), the
/// second as a filter.
fn both_url(number: &str, other: &str) -> String {
    let mut both = citing_search(other);
    both.q = number.to_string();
    page_url(&both)
}

fn citing_item(article: &CitingArticle, number: &str) -> Markup {
    let date = display_date(article.published.as_deref());
    html! {
        li.citing-article {
            h3 { a href=(article_link(&article.id, &citing_search(number))) { (article.title) } }
            p.meta {
                @if let Some(source) = &article.source { span { (source) } }
                @if let Some(agency) = &article.agency { span { (agency) } }
                @if let Some(date) = &date { span { time datetime=[article.published.as_deref()] { (date) } } }
            }
            @if let Some(sentence) = &article.sentence {
                blockquote.citing-sentence { (marked(sentence, number)) }
            }
            @if let Some(url) = web_href(&article.url) { p.actions { a href=(url) { "Trang gốc" } } }
        }
    }
}

/// The sentence with the citation of `number` in `<mark>`.
fn marked(sentence: &str, number: &str) -> Markup {
    let cited = citations(sentence)
        .into_iter()
        .find(|c| c.document.number == number)
        .map(|c| c.span);
    match cited {
        Some(span) => html! {
            (sentence[..span.start]) mark { (sentence[span.clone()]) } (sentence[span.end..])
        },
        None => html! { (sentence) },
    }
}

fn pager(report: &CitatorReport, params: CitatorParams) -> Markup {
    let pages = report.citing.div_ceil(params.per_page as u64).max(1);
    let at = |p: u64| {
        let mut url = document_url(&report.document.number);
        let mut query = Vec::new();
        if p > 1 {
            query.push(format!("page={p}"));
        }
        if params.per_page != crate::citator::DEFAULT_PER_PAGE {
            query.push(format!("per_page={}", params.per_page));
        }
        if !query.is_empty() {
            url.push('?');
            url.push_str(&query.join("&"));
        }
        url
    };
    page_links(params.page, params.per_page, pages, at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_citing_sentence_marks_the_number() {
        let sentence =
            "Hội nghị đánh giá 20 năm thực hiện Nghị quyết số 36-NQ/TW của Bộ Chính trị.";
        assert_eq!(
            marked(sentence, "36-NQ/TW").into_string(),
            "Hội nghị đánh giá 20 năm thực hiện <mark>Nghị quyết số 36-NQ/TW</mark> của Bộ Chính trị."
        );
        assert_eq!(
            marked(sentence, "12-KL/TW").into_string(),
            sentence,
            "another number is not marked"
        );
    }

    #[test]
    fn both_documents_are_required_in_the_search_they_link_to() {
        assert_eq!(
            both_url("36-NQ/TW", "12-KL/TW"),
            "/?q=36-NQ%2FTW&ref=12-KL%2FTW"
        );
    }
}
