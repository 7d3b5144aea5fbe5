//! The closest articles below a short answer: listed apart, never counted, never widened past
//! what the query requires.

mod support;

use tracuu_index::article::Article;
use tracuu_index::search::{
    FacetField, MatchKind, SearchIndex, SearchRequest, SearchResponse, SortOrder,
};

fn article(id: &str, published: &str, body: &str) -> Article {
    Article {
        id: Some(id.into()),
        url: format!("https://baohiemxahoi.gov.vn/{id}"),
        title: "Tin an sinh".into(),
        body: body.into(),
        published: Some(published.into()),
        ..Default::default()
    }
}

fn build() -> (tempfile::TempDir, SearchIndex) {
    let articles = vec![
        article(
            "du-moi-tu",
            "2021-05-04T08:00:00+07:00",
            "Người dân tham gia bảo hiểm xã hội tự nguyện được Nhà nước hỗ trợ tiền đóng.",
        ),
        article(
            "thieu-tu-nguyen",
            "2021-06-10T08:00:00+07:00",
            "Năm nay tỉnh có thêm ba nghìn người tham gia bảo hiểm xã hội bắt buộc.",
        ),
        article(
            "thieu-tu-nguyen-2019",
            "2019-03-01T08:00:00+07:00",
            "Cuối năm, số người tham gia bảo hiểm xã hội trong tỉnh tăng mạnh.",
        ),
        article(
            "chi-tu-nguyen",
            "2021-07-01T08:00:00+07:00",
            "Các đoàn viên thanh niên tự nguyện dọn vệ sinh bãi biển.",
        ),
        article(
            "tu-nguyen-y-te",
            "2021-09-01T08:00:00+07:00",
            "Nhiều người lao động tự nguyện mua bảo hiểm y tế cho cả gia đình.",
        ),
        article(
            "khong-lien-quan",
            "2021-08-01T08:00:00+07:00",
            "Chợ phiên vùng cao họp vào sáng chủ nhật.",
        ),
    ];
    support::build(articles)
}

fn search(index: &SearchIndex, request: SearchRequest) -> SearchResponse {
    index.search(&request).expect("search")
}

fn query(text: &str) -> SearchRequest {
    SearchRequest {
        query: text.into(),
        facet_limit: 10,
        histogram: true,
        closest: true,
        ..Default::default()
    }
}

fn ids(hits: &[tracuu_index::search::Hit]) -> Vec<&str> {
    hits.iter().map(|h| h.id.as_str()).collect()
}

#[test]
fn one_article_holds_every_word_and_the_closest_follow_uncounted() {
    let (_dir, index) = build();
    let response = search(&index, query("bảo hiểm xã hội tự nguyện"));
    assert_eq!(response.matched, MatchKind::All);
    assert_eq!(response.total, 1);
    assert_eq!(ids(&response.hits), vec!["du-moi-tu"]);
    // Below it, the articles that lack a word, never the one already above, never one that
    // holds none of the words.
    let closest = ids(&response.closest);
    assert!(closest.contains(&"thieu-tu-nguyen"), "{closest:?}");
    assert!(closest.contains(&"thieu-tu-nguyen-2019"), "{closest:?}");
    assert!(!closest.contains(&"du-moi-tu"), "{closest:?}");
    assert!(!closest.contains(&"khong-lien-quan"), "{closest:?}");
    // Each says which word it lacks; the article above lacks none.
    assert!(response.hits[0].missing.is_empty());
    let lacks = |id: &str| {
        let hit = response.closest.iter().find(|h| h.id == id);
        hit.map(|h| h.missing.clone()).unwrap_or_default()
    };
    assert_eq!(lacks("thieu-tu-nguyen"), vec!["tự nguyện"]);
    assert_eq!(lacks("chi-tu-nguyen"), vec!["bảo hiểm xã hội"]);
    // The numbers count the one article with every word.
    let years = &response.facets["year"];
    assert_eq!(years.len(), 1, "{years:?}");
    assert_eq!((years[0].value.as_str(), years[0].count), ("2021", 1));
    let months: u64 = response.histogram.iter().map(|m| m.count).sum();
    assert_eq!(months, 1);
}

#[test]
fn filters_and_quoted_phrases_hold_for_the_closest_too() {
    let (_dir, index) = build();
    let mut in_2021 = query("bảo hiểm xã hội tự nguyện");
    in_2021.filters = vec![(FacetField::Year, "2021".into())];
    let response = search(&index, in_2021);
    assert_eq!(response.total, 1);
    let closest = ids(&response.closest);
    assert!(closest.contains(&"thieu-tu-nguyen"), "{closest:?}");
    assert!(!closest.contains(&"thieu-tu-nguyen-2019"), "{closest:?}");

    // "tự nguyện" quoted is required of the closest too: "thieu-tu-nguyen" holds every other
    // word but not that one, "chi-tu-nguyen" holds it but none of the others.
    let response = search(&index, query("\"tự nguyện\" bảo hiểm xã hội"));
    assert_eq!(ids(&response.hits), vec!["du-moi-tu"]);
    assert_eq!(ids(&response.closest), vec!["tu-nguyen-y-te"]);
}

#[test]
fn no_closest_when_the_page_is_full_sorted_by_date_or_not_the_first() {
    let (_dir, index) = build();
    let mut one_per_page = query("bảo hiểm xã hội tự nguyện");
    one_per_page.limit = 1;
    assert!(search(&index, one_per_page).closest.is_empty());

    let mut newest = query("bảo hiểm xã hội tự nguyện");
    newest.sort = SortOrder::Newest;
    assert!(search(&index, newest).closest.is_empty());

    let mut second_page = query("bảo hiểm xã hội tự nguyện");
    second_page.offset = 10;
    let response = search(&index, second_page);
    assert_eq!(response.total, 1);
    assert!(response.hits.is_empty() && response.closest.is_empty());

    // Many articles hold "bảo hiểm xã hội": three of them fill a page of three, nothing is added.
    let mut full_page = query("bảo hiểm xã hội");
    full_page.limit = 3;
    let response = search(&index, full_page);
    assert_eq!(response.total, 3);
    assert!(response.closest.is_empty());
}

#[test]
fn below_a_short_partial_answer_come_articles_holding_fewer_words() {
    let (_dir, index) = build();
    // No article holds "xyzzy": the answer is the one holding most syllables (and the quoted
    // phrase), counted as partial; below it, apart, one holding any of them and the phrase.
    let response = search(&index, query("\"tự nguyện\" bảo hiểm xã hội xyzzy"));
    assert_eq!(response.matched, MatchKind::Partial);
    assert_eq!(response.total, 1);
    assert_eq!(ids(&response.hits), vec!["du-moi-tu"]);
    assert_eq!(response.hits[0].missing, vec!["xyzzy"]);
    assert_eq!(ids(&response.closest), vec!["tu-nguyen-y-te"]);
    assert_eq!(
        response.closest[0].missing,
        vec!["bảo hiểm xã hội", "xyzzy"]
    );
    // A partial answer of any one syllable is as loose as a search gets: nothing below it.
    let response = search(&index, query("xyzzy plugh tự nguyện"));
    assert_eq!(response.matched, MatchKind::Partial);
    assert!(response.total > 0 && response.total < 10);
    assert!(response.closest.is_empty());
}

#[test]
fn a_request_not_for_reading_gets_neither_closest_nor_missing_words() {
    let (_dir, index) = build();
    // As exports, counts and trends ask: the counted set only, nothing said about it.
    let mut plain = query("\"tự nguyện\" bảo hiểm xã hội xyzzy");
    plain.closest = false;
    let response = search(&index, plain);
    assert_eq!(response.matched, MatchKind::Partial);
    assert_eq!(ids(&response.hits), vec!["du-moi-tu"]);
    assert!(response.hits[0].missing.is_empty());
    assert!(response.closest.is_empty());
}
