//! End-to-end behaviour of search on the bundled seed corpus: the queries real users type.
//!
//! Builds an index of `corpus/seeds.jsonl` (five real articles) once, then asks what the
//! product promises: unaccented queries, both tone styles, NFD, document numbers, facets.

mod support;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use tracuu_index::indexer::index_corpus;
use tracuu_index::search::{FacetField, SearchIndex, SearchRequest, SearchResponse, SortOrder};
use unicode_normalization::UnicodeNormalization;

fn seeds_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/seeds.jsonl")
}

fn index() -> &'static SearchIndex {
    static INDEX: OnceLock<(tempfile::TempDir, SearchIndex)> = OnceLock::new();
    let (_, index) = INDEX.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let options = support::small_index_options();
        let report = index_corpus(&[seeds_path()], dir.path(), &options).expect("index the seeds");
        assert_eq!(report.docs_in_index, 5);
        let index = SearchIndex::open(dir.path()).expect("open the index");
        (dir, index)
    });
    index
}

fn search(query: &str) -> SearchResponse {
    let request = SearchRequest {
        query: query.into(),
        limit: 10,
        ..Default::default()
    };
    index()
        .search(&request)
        .unwrap_or_else(|e| panic!("{query}: {e}"))
}

fn ids(response: &SearchResponse) -> Vec<String> {
    let mut ids: Vec<String> = response.hits.iter().map(|h| h.id.clone()).collect();
    ids.sort();
    ids
}

const SEED_000: &str = "917aa70dc9c19c5b";
const SEED_001: &str = "8ffa0c58b17de14e";
const SEED_002: &str = "daa4be3a22619e98";

#[test]
fn unaccented_query_finds_all_five_and_marks_the_diacritic_text() {
    let response = search("nguoi viet nam o nuoc ngoai");
    assert_eq!(response.total, 5);
    for hit in &response.hits {
        let snippet = &hit.snippet;
        let marked = snippet
            .marks
            .iter()
            .any(|m| snippet.text[m.clone()].to_lowercase() == "người việt nam ở nước ngoài");
        assert!(marked, "{}: {:?}", hit.id, snippet);
    }
}

#[test]
fn both_tone_styles_return_the_same_hits() {
    let new_style = search("Uỷ ban Nhà nước");
    let old_style = search("Ủy ban nhà nước");
    assert!(
        new_style.total >= 2,
        "seed 001 writes Uỷ, seed 002 Ủy: {:?}",
        ids(&new_style)
    );
    assert_eq!(ids(&new_style), ids(&old_style));
    assert!(ids(&new_style).contains(&SEED_001.to_string()));
    assert!(ids(&new_style).contains(&SEED_002.to_string()));
}

#[test]
fn document_number_queries_find_the_citing_articles() {
    let expected = vec![SEED_001.to_string(), SEED_002.to_string()];
    for query in ["36-NQ/TW", "nghị quyết 36", "nq 36", "Nghi quyet so 36"] {
        assert_eq!(ids(&search(query)), expected, "{query}");
    }
    let request = SearchRequest {
        query: String::new(),
        filters: vec![(FacetField::Ref, "36-NQ/TW".into())],
        ..Default::default()
    };
    let filtered = index().search(&request).expect("filter by ref");
    assert_eq!(ids(&filtered), expected);
    assert_eq!(ids(&search("ref:36-nq/tw")), expected);
}

#[test]
fn nfd_queries_behave_like_nfc() {
    for query in [
        "Uỷ ban Nhà nước",
        "nghị quyết 36",
        "người Việt Nam ở nước ngoài",
        "Đà Nẵng",
    ] {
        let nfd: String = query.nfd().collect();
        assert_ne!(nfd, query);
        assert_eq!(ids(&search(&nfd)), ids(&search(query)), "{query}");
    }
}

#[test]
fn a_marked_word_does_not_match_other_tones() {
    // "Nam" (south / Vietnam) is everywhere; "năm" (year) must not be found by "nàm".
    assert_eq!(search("nàm").total, 0);
    assert!(search("năm 2020").total >= 2);
}

#[test]
fn abbreviations_match_their_expansions() {
    // Seed 004 writes "Thành phố Hồ Chí Minh" in full.
    let tp = search("TP.HCM");
    assert!(
        ids(&tp).contains(&"14f7d0825bab641d".to_string()),
        "{:?}",
        ids(&tp)
    );
    // Seed 003 writes "Ủy ban nhân dân tỉnh"; seeds 000 and 001 write "UBND tỉnh".
    let ubnd = search("UBND");
    assert!(
        ids(&ubnd).contains(&"eebf95125feb7572".to_string()),
        "{:?}",
        ids(&ubnd)
    );
    assert!(ids(&ubnd).contains(&SEED_000.to_string()));
    let written_out = search("ủy ban nhân dân");
    assert!(
        ids(&written_out).contains(&SEED_000.to_string()),
        "{:?}",
        ids(&written_out)
    );
}

#[test]
fn facets_count_sources_years_and_cited_documents() {
    let response = search("nguoi viet nam o nuoc ngoai");
    let refs = &response.facets["ref"];
    let nq36 = refs.iter().find(|f| f.value == "36-NQ/TW").map(|f| f.count);
    assert_eq!(nq36, Some(2), "{refs:?}");
    let sources = &response.facets["source"];
    assert_eq!(sources.len(), 5, "five sites: {sources:?}");
    let provinces = &response.facets["province"];
    let quang_nam = provinces
        .iter()
        .find(|f| f.value == "Quảng Nam")
        .map(|f| f.count);
    assert_eq!(quang_nam, Some(2), "{provinces:?}");
    let years = &response.facets["year"];
    let y2021 = years.iter().find(|f| f.value == "2021").map(|f| f.count);
    assert_eq!(y2021, Some(3), "{years:?}");
    assert!(!response.histogram.is_empty());
}

#[test]
fn sorting_by_date_and_date_ranges() {
    let mut request = SearchRequest {
        query: "nguoi viet nam".into(),
        sort: SortOrder::Oldest,
        ..Default::default()
    };
    let oldest = index().search(&request).expect("oldest");
    let dates: Vec<String> = oldest
        .hits
        .iter()
        .filter_map(|h| h.published.clone())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    request.sort = SortOrder::Newest;
    let newest = index().search(&request).expect("newest");
    assert_eq!(
        newest.hits.first().map(|h| &h.id),
        oldest
            .hits
            .iter()
            .rev()
            .find(|h| h.published.is_some())
            .map(|h| &h.id)
    );
    request.from = time::Date::from_calendar_date(2021, time::Month::January, 1).ok();
    request.to = time::Date::from_calendar_date(2021, time::Month::December, 31).ok();
    let in_2021 = index().search(&request).expect("2021");
    assert!(in_2021.hits.iter().all(|h| {
        h.published
            .as_deref()
            .is_some_and(|p| p.starts_with("2021"))
    }));
    assert!(in_2021.total >= 2 && in_2021.total < 5, "{}", in_2021.total);
}

#[test]
fn exclusions_phrases_and_errors() {
    let all = search("nguoi viet nam o nuoc ngoai").total;
    let without = search("nguoi viet nam o nuoc ngoai -Covid").total;
    assert!(without < all);
    assert_eq!(search("\"Ban Thường vụ Tỉnh ủy\"").total, 1);
    // A quote never closed (pasted, or still being typed) runs to the end of the query.
    assert_eq!(search("\"Ban Thường vụ Tỉnh ủy").total, 1);
    for nothing in ["!!!", "\"\"", "OR", "-"] {
        let request = SearchRequest {
            query: nothing.into(),
            ..Default::default()
        };
        let err = index().search(&request);
        assert!(
            matches!(err, Err(e) if e.code() == "invalid_query"),
            "{nothing}"
        );
    }
    let deep = index().search(&SearchRequest {
        offset: 9_995,
        limit: 10,
        ..Default::default()
    });
    assert!(matches!(deep, Err(e) if e.code() == "invalid_request"));
}

fn quotes(query: &str, speaker: Option<&str>) -> tracuu_index::quote::QuoteResponse {
    let request = tracuu_index::quote::QuoteRequest {
        search: SearchRequest {
            query: query.into(),
            ..Default::default()
        },
        speaker: speaker.map(str::to_string),
        ..Default::default()
    };
    index()
        .quotes(&request)
        .unwrap_or_else(|e| panic!("{query}: {e}"))
}

#[test]
fn quotes_are_the_sentences_holding_the_query_with_their_speakers() {
    let response = quotes("bản ghi nhớ", None);
    assert!(response.total >= 2, "{response:?}");
    for quote in &response.quotes {
        assert_eq!(quote.article_id, "14f7d0825bab641d");
        let text = &quote.sentence.text;
        let marked: Vec<&str> = quote
            .sentence
            .marks
            .iter()
            .map(|m| &text[m.clone()])
            .collect();
        assert!(
            marked
                .iter()
                .any(|m| m.to_lowercase().contains("bản ghi nhớ")),
            "{text}: {marked:?}"
        );
    }
    let speakers: Vec<(&str, &str)> = response
        .quotes
        .iter()
        .filter_map(|q| Some((q.speaker.as_ref()?.name.as_str(), q.sentence.text.as_str())))
        .collect();
    assert!(speakers.iter().any(|(name, sentence)| *name
        == "ông Huỳnh Đức Trường, Giám đốc Sở Ngoại vụ"
        && sentence.starts_with("Chủ trì tại đầu cầu Đà Nẵng")));
    assert!(
        speakers
            .iter()
            .any(|(name, _)| name.starts_with("Ông Phùng Công Dũng, Chủ nhiệm Ủy ban"))
    );
    assert!(
        response
            .speakers
            .iter()
            .any(|s| s.value == "ông Huỳnh Đức Trường, Giám đốc Sở Ngoại vụ")
    );
    // Typed without marks, the same sentences.
    let bare = quotes("ban ghi nho", None);
    let texts = |r: &tracuu_index::quote::QuoteResponse| {
        r.quotes
            .iter()
            .map(|q| q.sentence.text.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(texts(&bare), texts(&response));
}

#[test]
fn quotes_filter_by_speaker_and_need_words() {
    let filtered = quotes("bản ghi nhớ", Some("phung cong dung"));
    assert_eq!(filtered.total, 1, "{filtered:?}");
    assert!(
        filtered.quotes[0]
            .sentence
            .text
            .starts_with("Ông Phùng Công Dũng")
    );
    // The speakers counted are those of every quote read, not only the kept ones.
    assert!(filtered.speakers.len() >= 2);
    // Words in one article but never in one sentence: no quote.
    let apart = quotes("Huỳnh Đức Trường Phùng Công Dũng", None);
    assert_eq!(apart.articles_total, 1);
    assert_eq!(apart.total, 0);
    let request = tracuu_index::quote::QuoteRequest {
        search: SearchRequest {
            query: "source:quangnam.gov.vn".into(),
            ..Default::default()
        },
        ..Default::default()
    };
    assert!(index().quotes(&request).is_err());
}

#[test]
fn every_facet_value_filters_to_the_articles_it_counts() {
    // What a researcher does with a facet: read a count, click the value, read the list. The
    // list must be the count, for every value of every facet, with words or without.
    let mut refs_checked = 0;
    for query in ["", "người Việt Nam ở nước ngoài", "nghi quyet", "Quảng Nam"] {
        let response = search(query);
        for (name, values) in &response.facets {
            let field = FacetField::from_name(name).unwrap_or_else(|| panic!("facet {name}"));
            for value in values {
                let request = SearchRequest {
                    query: query.into(),
                    filters: vec![(field, value.value.clone())],
                    ..Default::default()
                };
                let filtered = index()
                    .search(&request)
                    .unwrap_or_else(|e| panic!("{query} {name}={}: {e}", value.value));
                assert_eq!(
                    filtered.total, value.count,
                    "{query:?}: {name}={} counted {}",
                    value.value, value.count
                );
                assert_eq!(filtered.matched, response.matched, "{query:?} {name}");
                refs_checked += usize::from(field == FacetField::Ref);
            }
        }
    }
    // The seeds cite 36-NQ/TW, 45-CT/TW, 12-KL/TW and 38-CT/TW.
    assert!(refs_checked >= 8, "{refs_checked}");
}

#[test]
fn a_site_pasted_as_a_url_filters_as_its_host_and_a_page_is_refused() {
    let filtered = |value: &str| {
        index().search(&SearchRequest {
            filters: vec![(FacetField::Source, value.into())],
            ..Default::default()
        })
    };
    let host = filtered("fad.danang.gov.vn").expect("search");
    assert_eq!(host.total, 1);
    for pasted in ["https://fad.danang.gov.vn/", "http://www.fad.danang.gov.vn"] {
        let response = filtered(pasted).expect("search");
        assert_eq!(response.total, host.total, "{pasted}");
    }
    // A page's address would filter on its site only by dropping what was asked.
    let page = filtered("https://fad.danang.gov.vn/tin-tuc/hop-tac");
    assert!(
        matches!(&page, Err(tracuu_index::search::SearchError::InvalidRequest(m)) if m.contains("names no site")),
        "{page:?}"
    );
}
