//! The search page at `/`: form, summary, timeline, facets, hits and paging, all in the URL.
//!
//! Every control is a plain link or a GET form, so the page works without JavaScript and any
//! state (query, filters, dates, sort, page) can be shared by copying the address. Facet values
//! are links that toggle a filter; snippets are split into sentences that link to the source.

use maud::{Markup, html};
use tracuu_index::schema::UNDATED_YEAR;
use tracuu_index::search::trends::{Interval, PeriodCounts};
use tracuu_index::search::{FacetCount, FacetField, Hit, MatchKind, SearchResponse, SortOrder};

use super::citation::{Citation, display_date, group_thousands};
use super::{snippet, timeline};
use crate::citator::document_url;
use crate::error::ApiError;
use crate::params::{
    DEFAULT_PER_PAGE, MAX_FILTERS_PER_FACET, Scale, SearchParams, View, sort_name,
};

/// What to show below the form.
pub enum Outcome<'a> {
    /// The search ran; with the articles per period when the timeline shows shares.
    Found(&'a SearchResponse, Option<&'a PeriodCounts>),
    /// The quote finder ran (`view=quotes`).
    Quotes(tracuu_index::quote::QuoteResponse),
    /// The search was refused or failed.
    Failed(&'a ApiError),
}

/// The Vietnamese name of a facet, as a heading.
pub fn facet_label(facet: FacetField) -> &'static str {
    match facet {
        FacetField::Source => "Nguồn tin",
        FacetField::Province => "Tỉnh, thành phố",
        FacetField::Year => "Năm",
        FacetField::Ref => "Văn bản được trích dẫn",
        FacetField::Type => "Loại văn bản",
    }
}

fn sort_label(sort: SortOrder) -> &'static str {
    match sort {
        SortOrder::Relevance => "Phù hợp nhất",
        SortOrder::Newest => "Mới nhất",
        SortOrder::Oldest => "Cũ nhất",
    }
}

/// The page title for a search.
pub fn title(params: &SearchParams) -> String {
    if params.q.is_empty() {
        "tracuu — Tra cứu tin tức".to_string()
    } else {
        format!("{} — tracuu", params.q)
    }
}

/// The body of the search page.
pub fn render(params: &SearchParams, outcome: Outcome<'_>) -> Markup {
    html! {
        h1.visually-hidden { "Tra cứu tin tức của các cơ quan nhà nước" }
        (form(params))
        p #live .visually-hidden aria-live="polite" {}
        div #results {
            @if !params.q.is_empty() { (views(params)) }
            @match outcome {
                Outcome::Found(response, all) => (results(params, response, all)),
                Outcome::Quotes(response) => (super::quotes::render(params, response)),
                Outcome::Failed(err) => {
                    div.error role="alert" data-code=(err.code) {
                        h2 { "Không thể tìm kiếm" }
                        p { (err.message_vi) }
                        p { a href="/" { "Bắt đầu lại" } }
                    }
                }
            }
        }
    }
}

/// The two views of a search: its articles, and the sentences that hold it ("Trích dẫn").
fn views(params: &SearchParams) -> Markup {
    let at = |view: View| {
        let mut next = params.clone();
        next.page = 1;
        next.view = view;
        if view == View::Articles {
            next.speaker = None;
        }
        page_url(&next)
    };
    html! {
        nav.views aria-label="Cách xem" {
            @for (view, label) in [(View::Articles, "Bài viết"), (View::Quotes, "Trích dẫn")] {
                @let current = params.view == view;
                a.view.active[current] href=(at(view)) aria-current=[current.then_some("page")] data-view=(label) { (label) }
            }
        }
    }
}

/// The URL as a link target when it is an http(s) URL; anything else is never written in `href`.
pub fn web_href(url: &str) -> Option<&str> {
    let url = url.trim();
    tracuu_index::article::is_web_url(url).then_some(url)
}

fn form(params: &SearchParams) -> Markup {
    html! {
        form #search-form role="search" method="get" action="/" {
            div.query-row {
                label for="q" { "Từ khóa" }
                input #q type="search" name="q" value=(params.q) autocomplete="off" maxlength="1000"
                    placeholder="ví dụ: nguoi viet nam o nuoc ngoai, \"nghị quyết 36\"";
                button type="submit" { "Tìm kiếm" }
            }
            div.options {
                div.field {
                    label for="sort" { "Sắp xếp" }
                    select #sort name="sort" {
                        @for sort in [SortOrder::Relevance, SortOrder::Newest, SortOrder::Oldest] {
                            option value=(sort_name(sort)) selected[params.sort == sort] { (sort_label(sort)) }
                        }
                    }
                }
                div.field {
                    label for="from" { "Từ ngày" }
                    input #from type="date" name="from" value=[params.from.map(|d| d.to_string())];
                }
                div.field {
                    label for="to" { "Đến ngày" }
                    input #to type="date" name="to" value=[params.to.map(|d| d.to_string())];
                }
            }
            @for (facet, value) in &params.filters {
                input type="hidden" name=(facet.name()) value=(value);
            }
            @if params.per_page != DEFAULT_PER_PAGE {
                input type="hidden" name="per_page" value=(params.per_page);
            }
            @if params.timeline.interval != Interval::Month {
                input type="hidden" name="interval" value=(params.timeline.interval.name());
            }
            @if params.timeline.scale != Scale::Count {
                input type="hidden" name="scale" value=(params.timeline.scale.name());
            }
            @if params.view == View::Quotes {
                input type="hidden" name="view" value="quotes";
            }
            @if let Some(speaker) = &params.speaker {
                input type="hidden" name="speaker" value=(speaker);
            }
        }
    }
}

/// How the query was cut into words, when that is worth saying (two words or more, or a word of
/// several syllables): "Các từ đã tìm: nguoi · viet nam · o · nuoc ngoai". The count is of the
/// articles holding every one of them.
fn query_words(words: &[String]) -> Markup {
    let worth_saying = words.len() > 1 || words.iter().any(|w| w.contains(' '));
    html! {
        @if worth_saying {
            p.query-words {
                "Các từ đã tìm: "
                @for (i, word) in words.iter().enumerate() {
                    @if i > 0 { " · " }
                    span.query-word { (word) }
                }
            }
        }
    }
}

fn results(params: &SearchParams, response: &SearchResponse, all: Option<&PeriodCounts>) -> Markup {
    let pages = response.total.div_ceil(params.per_page as u64).max(1);
    let has_facets = FacetField::ALL
        .iter()
        .any(|f| response.facets.get(f.name()).is_some_and(|c| !c.is_empty()));
    html! {
        div.summary {
            p #total data-total=(response.total) data-match=(match_name(response.matched)) {
                @if response.total == 0 {
                    "Không tìm thấy bài viết nào"
                } @else if response.matched == MatchKind::Partial {
                    "Không có bài viết nào chứa đủ mọi từ; đây là "
                    strong { (group_thousands(response.total)) } " bài gần nhất"
                } @else {
                    "Tìm thấy " strong { (group_thousands(response.total)) } " bài viết"
                }
                @if !params.q.is_empty() { " cho “" (params.q) "”" }
                span.took { " (" (format!("{:.0}", response.took_ms.max(1.0))) " ms)" }
            }
            (query_words(&response.words))
            @if !params.filters.is_empty() {
                ul.active-filters aria-label="Bộ lọc đang dùng" {
                    @for (facet, value) in &params.filters {
                        li { a href=(page_url(&params.toggled(*facet, value))) {
                            (facet_label(*facet)) ": " (facet_value_label(*facet, value)) " ✕"
                            span.visually-hidden { " (bỏ lọc)" }
                        } }
                    }
                }
            }
            @if has_facets {
                // On a phone the filters come after the hits: this reaches them first.
                p.filter-jump {
                    a.button href="#facets" {
                        "Lọc"
                        @if !params.filters.is_empty() { " (" (params.filters.len()) " đang dùng)" }
                    }
                }
            }
            @if response.total > 0 {
                p.export {
                    "Tải kết quả: "
                    a href=(format!("/api/search.csv?{}", export_query(params))) { "CSV" } " · "
                    a href=(format!("/api/search.jsonl?{}", export_query(params))) { "JSON Lines" } " · "
                    a href=(format!("/api/search.provenance.json?{}", export_query(params))) { "mô tả dữ liệu tải về" }
                }
            }
            @if has_feed(params) {
                p.export {
                    a href=(feed_url(params)) type="application/atom+xml" { "Theo dõi tin mới (Atom)" }
                }
            }
        }
        (timeline::render(&response.histogram, params, all))
        div.layout {
            section.hits aria-labelledby="hits-heading" {
                h2 #hits-heading .visually-hidden { "Kết quả" }
                @if response.total == 0 {
                    p.empty { "Thử bỏ bớt bộ lọc, hoặc gõ từ khóa không dấu để tìm mọi cách viết." }
                }
                ol.hit-list start=((params.page - 1) * params.per_page + 1) {
                    @for hit in &response.hits { (hit_item(hit, params)) }
                }
                @if !response.closest.is_empty() {
                    section.closest aria-labelledby="closest-heading" {
                        h2 #closest-heading {
                            @if response.matched == MatchKind::All {
                                "Bài gần nhất, thiếu ít nhất một từ"
                            } @else {
                                "Bài thiếu nhiều từ hơn"
                            }
                        }
                        p.closest-note {
                            "Không tính vào số bài tìm thấy, bộ lọc và biểu đồ ở trên."
                        }
                        ol.hit-list {
                            @for hit in &response.closest { (hit_item(hit, params)) }
                        }
                    }
                }
                (pager(params, pages))
            }
            @if has_facets {
                aside.facets #facets aria-labelledby="facets-heading" tabindex="-1" {
                    h2 #facets-heading { "Lọc kết quả" }
                    @for facet in FacetField::ALL {
                        @if let Some(counts) = response.facets.get(facet.name()).filter(|c| !c.is_empty()) {
                            (facet_block(params, facet, counts))
                        }
                    }
                    p.back-to-results { a href="#hits-heading" { "↑ Về kết quả" } }
                }
            }
        }
    }
}

/// How a facet value reads on the page: the year of undated articles is "Không rõ ngày".
pub fn facet_value_label(facet: FacetField, value: &str) -> &str {
    if facet == FacetField::Year && value == UNDATED_YEAR {
        "Không rõ ngày"
    } else {
        value
    }
}

/// The `match` of the answer, as the API writes it.
fn match_name(matched: MatchKind) -> &'static str {
    match matched {
        MatchKind::All => "all",
        MatchKind::Partial => "partial",
    }
}

fn hit_item(hit: &Hit, params: &SearchParams) -> Markup {
    let date = display_date(hit.published.as_deref());
    let cite = Citation {
        sentence: snippet::cited_sentence(&hit.snippet),
        speaker: None,
        title: &hit.title,
        agency: hit.agency.as_deref().or(hit.source.as_deref()),
        published: hit.published.as_deref(),
        url: &hit.url,
    }
    .text();
    let title = hit.title_highlighted();
    html! {
        li.hit {
            h3 { a href=(article_link(&hit.id, params)) { (snippet::marked(&title, 0..title.text.len())) } }
            p.meta {
                @if let Some(source) = &hit.source { span { (source) } }
                @if let Some(agency) = &hit.agency { span { (agency) } }
                @if let Some(date) = &date { span { time datetime=[hit.published.as_deref()] { (date) } } }
            }
            p.snippet { (snippet::linked_sentences(&hit.snippet, web_href(&hit.url))) }
            @if !hit.missing.is_empty() {
                p.missing {
                    "Thiếu: "
                    @for (i, word) in hit.missing.iter().enumerate() {
                        @if i > 0 { ", " }
                        s { (word) }
                    }
                }
            }
            p.actions {
                @if let Some(url) = web_href(&hit.url) { a href=(url) { "Trang gốc" } }
                button.copy type="button" hidden data-citation=(cite) { "Sao chép trích dẫn" }
            }
        }
    }
}

fn facet_block(params: &SearchParams, facet: FacetField, counts: &[FacetCount]) -> Markup {
    html! {
        section.facet {
            h3 { (facet_label(facet)) }
            ul {
                @let full = params.filters.iter().filter(|(f, _)| *f == facet).count() >= MAX_FILTERS_PER_FACET;
                @for c in counts {
                    @let active = params.has_filter(facet, &c.value);
                    li {
                        @if active || !full {
                            a.active[active] href=(page_url(&params.toggled(facet, &c.value))) aria-current=[active.then_some("true")]
                                data-facet=(facet.name()) data-value=(c.value) {
                                span.check aria-hidden="true" { @if active { "☑" } @else { "☐" } }
                                span.value { (facet_value_label(facet, &c.value)) }
                                span.count { (group_thousands(c.count)) }
                                @if active { span.visually-hidden { " (đang lọc, bấm để bỏ)" } }
                            }
                        } @else {
                            // The facet holds as many values as a search may: no link to add one more.
                            span.full data-facet=(facet.name()) data-value=(c.value) {
                                span.value { (facet_value_label(facet, &c.value)) }
                                span.count { (group_thousands(c.count)) }
                            }
                        }
                        @if facet == FacetField::Ref {
                            // The cited document's own page: who cites it, when, with what.
                            a.doc-link href=(document_url(&c.value)) title="Trang văn bản: ai trích dẫn, khi nào, cùng văn bản nào" {
                                span aria-hidden="true" { "›" }
                                span.visually-hidden { "Trang văn bản " (c.value) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn pager(params: &SearchParams, pages: u64) -> Markup {
    let at = |p: u64| {
        let mut next = params.clone();
        next.page = usize::try_from(p).unwrap_or(1);
        page_url(&next)
    };
    page_links(params.page, params.per_page, pages, at)
}

/// "« Trang trước · Trang N / M · Trang sau »" for page `page` of `pages` pages of `per_page`
/// rows, `at(p)` being page p's URL; nothing when everything fits on one page. The API refuses
/// pages past 10,000 rows, so the pager stops there too.
pub(crate) fn page_links(
    page: usize,
    per_page: usize,
    pages: u64,
    at: impl Fn(u64) -> String,
) -> Markup {
    let page = page as u64;
    let last =
        pages.min((tracuu_index::search::request::MAX_RESULT_WINDOW / per_page.max(1)) as u64);
    html! {
        @if last > 1 {
            nav.pager aria-label="Phân trang" {
                @if page > 1 { a rel="prev" href=(at(page - 1)) { "« Trang trước" } }
                span { "Trang " (page) " / " (last) }
                @if page < last { a rel="next" href=(at(page + 1)) { "Trang sau »" } }
            }
        }
    }
}

/// The web page URL for a search.
pub fn page_url(params: &SearchParams) -> String {
    let query = params.to_query_string();
    if query.is_empty() {
        "/".to_string()
    } else {
        format!("/?{query}")
    }
}

/// Whether the search has a feed worth following: a query or a filter.
pub fn has_feed(params: &SearchParams) -> bool {
    !params.q.is_empty() || !params.filters.is_empty()
}

/// The Atom feed of this search's newest matches.
pub fn feed_url(params: &SearchParams) -> String {
    let mut feed = params.for_api();
    feed.page = 1;
    feed.per_page = DEFAULT_PER_PAGE;
    feed.sort = SortOrder::Relevance; // left out of the URL: the feed's own order is newest
    format!("/feeds/search.atom?{}", feed.to_query_string())
}

fn export_query(params: &SearchParams) -> String {
    let mut all = params.for_api();
    all.page = 1;
    all.per_page = DEFAULT_PER_PAGE;
    all.to_query_string()
}

/// The article page URL for a hit of this search: the search rides along, so the article page's
/// "← Tìm kiếm khác" returns to it.
pub fn article_link(id: &str, params: &SearchParams) -> String {
    let query = params.to_query_string();
    if query.is_empty() {
        article_url(id)
    } else {
        format!("{}?{query}", article_url(id))
    }
}

/// The article page URL for an id (the id percent-encoded as one path segment).
pub fn article_url(id: &str) -> String {
    format!(
        "/articles/{}",
        percent_encoding::utf8_percent_encode(id, percent_encoding::NON_ALPHANUMERIC)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(url: &str) -> Hit {
        let kieu_bao = 0.."Kiều bào".len();
        Hit {
            id: "917aa70dc9c19c5b".into(),
            url: url.into(),
            title: "Kiều bào Quảng Nam".into(),
            title_marks: vec![kieu_bao.clone()],
            published: Some("2021-02-22".into()),
            source: Some("quangnam.gov.vn".into()),
            agency: None,
            province: None,
            provinces: Vec::new(),
            cited: Vec::new(),
            snippet: tracuu_index::search::Highlighted::new(
                "Kiều bào đóng góp cho quê hương. Tỉnh ghi nhận.",
                vec![kieu_bao],
            ),
            score: 1.0,
            missing: Vec::new(),
        }
    }

    #[test]
    fn only_web_urls_become_links() {
        // An index built before URLs were checked may still hold these.
        for bad in [
            "javascript:alert(document.cookie)",
            "data:text/html,<script>x</script>",
            " JAVASCRIPT:x",
        ] {
            let html = hit_item(&hit(bad), &SearchParams::default()).into_string();
            assert!(!html.to_lowercase().contains("href=\"javascript"), "{html}");
            assert!(!html.contains("href=\"data:"), "{html}");
            assert!(
                html.contains("<mark>Kiều bào</mark> đóng góp"),
                "the snippet is still shown: {html}"
            );
        }
        let html =
            hit_item(&hit("https://quangnam.gov.vn/a"), &SearchParams::default()).into_string();
        assert!(
            html.contains(r#"href="https://quangnam.gov.vn/a#:~:text="#),
            "{html}"
        );
        assert!(
            html.contains(r#"href="https://quangnam.gov.vn/a">Trang gốc"#),
            "{html}"
        );
        assert!(html.contains("<h3><a href=\"/articles/917aa70dc9c19c5b\"><mark>Kiều bào</mark> Quảng Nam</a></h3>"), "{html}");
    }

    #[test]
    fn the_copied_citation_quotes_the_matching_sentence_with_its_deep_link() {
        let html =
            hit_item(&hit("https://quangnam.gov.vn/a"), &SearchParams::default()).into_string();
        let citation = "“Kiều bào đóng góp cho quê hương.” — “Kiều bào Quảng Nam”, quangnam.gov.vn, \
                        22/02/2021, https://quangnam.gov.vn/a#:~:text=Ki%E1%BB%81u%20b%C3%A0o%20%C4%91%C3%B3ng%20g%C3%B3p%20cho%20qu%C3%AA%20h%C6%B0%C6%A1ng.";
        assert!(
            html.contains(&format!("data-citation=\"{citation}\"")),
            "{html}"
        );
    }
}
