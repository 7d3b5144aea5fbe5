//! The "Trích dẫn" view of the search page (`/?q=…&view=quotes`): the sentences that hold the
//! query, each with its speaker, article, source, date, a link to the sentence at the source and
//! a "Sao chép trích dẫn" button; the most quoted speakers filter the list.
//!
//! It renders the engine's data ([`QuoteResponse`]): the sentence's marks are the engine's, the
//! deep link and the citation are [`crate::api::QuoteItem`]'s, the same the API gives.

use maud::{Markup, html};
use tracuu_index::quote::QuoteResponse;
use tracuu_index::search::MatchKind;

use super::citation::{display_date, group_thousands};
use super::search::{article_link, page_url, web_href};
use super::snippet;
use crate::api::QuoteItem;
use crate::params::SearchParams;

/// The quotes, the speakers that filter them, and paging.
pub fn render(params: &SearchParams, response: QuoteResponse) -> Markup {
    let pages = response.total.div_ceil(params.per_page).max(1);
    let speakers = response.speakers.clone();
    let summary = summary(params, &response);
    let items: Vec<QuoteItem> = response.quotes.into_iter().map(QuoteItem::new).collect();
    html! {
        (summary)
        div.layout {
            section.quotes aria-labelledby="quotes-heading" {
                h2 #quotes-heading .visually-hidden { "Trích dẫn" }
                ol.quote-list start=((params.page - 1) * params.per_page + 1) {
                    @for item in &items { (quote_item(item, params)) }
                }
                (pager(params, pages))
            }
            @if !speakers.is_empty() || params.speaker.is_some() {
                aside.facets #facets aria-labelledby="speakers-heading" {
                    h2 #speakers-heading { "Lọc trích dẫn" }
                    section.facet {
                    h3 { "Người phát biểu" }
                    ul {
                        @for s in &speakers {
                            @let active = params.speaker.as_deref() == Some(s.value.as_str());
                            li { a.active[active] href=(page_url(&with_speaker(params, (!active).then_some(&s.value))))
                                aria-current=[active.then_some("true")] data-speaker=(s.value) {
                                span.check aria-hidden="true" { @if active { "☑" } @else { "☐" } }
                                span.value { (s.value) }
                                span.count { (group_thousands(s.count)) }
                            } }
                        }
                    }
                    }
                }
            }
        }
    }
}

fn summary(params: &SearchParams, response: &QuoteResponse) -> Markup {
    html! {
        div.summary {
            p #total data-total=(response.total) data-articles=(response.articles_total) {
                @if response.matched == MatchKind::Partial || response.articles_total == 0 {
                    "Không có bài viết nào chứa đủ mọi từ, nên không có câu trích dẫn nào"
                } @else if response.total == 0 {
                    "Không có câu nào chứa đủ mọi từ trong " (group_thousands(response.articles_read as u64)) " bài đã đọc"
                } @else {
                    "Tìm thấy " strong { (group_thousands(response.total as u64)) } " câu trích dẫn"
                    " trong " (group_thousands(response.articles_read as u64)) " bài đầu tiên"
                    @if response.articles_total > response.articles_read as u64 {
                        " (trên " (group_thousands(response.articles_total)) " bài phù hợp)"
                    }
                }
                @if !params.q.is_empty() { " cho “" (params.q) "”" }
            }
            @if let Some(speaker) = &params.speaker {
                ul.active-filters aria-label="Bộ lọc đang dùng" {
                    li { a href=(page_url(&with_speaker(params, None))) {
                        "Người phát biểu: " (speaker) " ✕"
                        span.visually-hidden { " (bỏ lọc)" }
                    } }
                }
            }
        }
    }
}

fn quote_item(item: &QuoteItem, params: &SearchParams) -> Markup {
    let quote = &item.quote;
    let date = display_date(quote.published.as_deref());
    let sentence = &quote.sentence;
    html! {
        li.quote {
            blockquote cite=[web_href(&quote.url)] {
                p { (snippet::marked(sentence, 0..sentence.text.len())) }
            }
            @if let Some(speaker) = &quote.speaker {
                p.speaker { "— " span.speaker-name { (speaker.name) } }
            }
            p.quote-article { a href=(article_link(&quote.article_id, params)) { (quote.title) } }
            p.meta {
                @if let Some(source) = &quote.source { span { (source) } }
                @if let Some(agency) = &quote.agency { span { (agency) } }
                @if let Some(date) = &date { span { time datetime=[quote.published.as_deref()] { (date) } } }
            }
            p.actions {
                @if let Some(link) = web_href(&item.link) { a href=(link) { "Mở câu này ở trang gốc" } }
                button.copy type="button" hidden data-citation=(item.citation) { "Sao chép trích dẫn" }
            }
        }
    }
}

fn pager(params: &SearchParams, pages: usize) -> Markup {
    let at = |p: usize| {
        let mut next = params.clone();
        next.page = p;
        page_url(&next)
    };
    html! {
        @if pages > 1 {
            nav.pager aria-label="Phân trang" {
                @if params.page > 1 { a rel="prev" href=(at(params.page - 1)) { "« Trang trước" } }
                span { "Trang " (params.page) " / " (pages) }
                @if params.page < pages { a rel="next" href=(at(params.page + 1)) { "Trang sau »" } }
            }
        }
    }
}

/// The same quotes with this speaker filter (or none), back on page 1.
fn with_speaker(params: &SearchParams, speaker: Option<&String>) -> SearchParams {
    let mut next = params.clone();
    next.page = 1;
    next.speaker = speaker.cloned();
    next
}

#[cfg(test)]
mod tests {
    use super::*;
    use tracuu_index::quote::{Attribution, Quote, Speaker};
    use tracuu_index::search::{FacetCount, Highlighted};

    fn response() -> QuoteResponse {
        // Seed 004: the director's words on the memorandum.
        let text = "Chủ trì tại đầu cầu Đà Nẵng, ông Huỳnh Đức Trường, Giám đốc Sở Ngoại vụ bày tỏ hi vọng trên cơ sở Bản ghi nhớ được ký kết.";
        let at = text.find("Bản ghi nhớ").unwrap_or(0);
        let speaker = "ông Huỳnh Đức Trường, Giám đốc Sở Ngoại vụ";
        QuoteResponse {
            matched: MatchKind::All,
            articles_total: 1,
            articles_read: 1,
            total: 1,
            quotes: vec![Quote {
                sentence: Highlighted::new(
                    text,
                    std::iter::once(at..at + "Bản ghi nhớ".len()).collect(),
                ),
                speaker: Some(Speaker {
                    name: speaker.into(),
                    attribution: Attribution::Verb,
                }),
                article_id: "14f7d0825bab641d".into(),
                url: "https://songoaivu.danang.gov.vn/a".into(),
                title: "Ký kết Bản ghi nhớ".into(),
                published: Some("2021-11-04".into()),
                source: Some("songoaivu.danang.gov.vn".into()),
                agency: Some("Sở Ngoại vụ Đà Nẵng".into()),
            }],
            speakers: vec![FacetCount {
                value: speaker.into(),
                count: 1,
            }],
        }
    }

    #[test]
    fn a_quote_shows_its_speaker_and_copies_a_full_citation() {
        let params = SearchParams {
            q: "bản ghi nhớ".into(),
            view: crate::params::View::Quotes,
            ..Default::default()
        };
        let html = render(&params, response()).into_string();
        assert!(
            html.contains("<mark>Bản ghi nhớ</mark> được ký kết."),
            "{html}"
        );
        assert!(
            html.contains(
                "— <span class=\"speaker-name\">ông Huỳnh Đức Trường, Giám đốc Sở Ngoại vụ</span>"
            ),
            "{html}"
        );
        let citation = "ông Huỳnh Đức Trường, Giám đốc Sở Ngoại vụ: “Chủ trì tại đầu cầu Đà Nẵng, ông Huỳnh Đức Trường, Giám đốc Sở Ngoại vụ bày tỏ hi vọng trên cơ sở Bản ghi nhớ được ký kết.” — “Ký kết Bản ghi nhớ”, Sở Ngoại vụ Đà Nẵng, 04/11/2021, https://songoaivu.danang.gov.vn/a#:~:text=";
        assert!(
            html.contains(&format!("data-citation=\"{citation}")),
            "{html}"
        );
        // The speaker filter link keeps the query and the view.
        assert!(html.contains("href=\"/?q=b%E1%BA%A3n+ghi+nh%E1%BB%9B&amp;view=quotes&amp;speaker=%C3%B4ng+Hu%E1%BB%B3nh"), "{html}");
    }
}
