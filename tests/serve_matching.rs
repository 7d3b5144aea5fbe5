//! The matching rule as a user of the API and the page meets it: every word of the query, a word
//! being its syllables together; partial matches only when nothing holds every word, and said so;
//! undated articles counted in a year bucket of their own.

mod serve_support;

use std::path::PathBuf;

use serve_support::{TestServer, seeds};
use tracuu_serve::{ConnectionLimits, ServeConfig};

/// The seeds plus two articles: one about social insurance with no date, and one that holds
/// every syllable of "bảo hiểm xã hội" but none of its two words.
fn corpus(dir: &tempfile::TempDir) -> PathBuf {
    let extra = [
        serde_json::json!({
            "url": "https://quangnam.gov.vn/bhxh-tu-nguyen",
            "title": "Hội nghị triển khai bảo hiểm xã hội tự nguyện",
            "body": "Chiều nay, Sở Lao động - Thương binh và Xã hội tỉnh Quảng Nam tổ chức hội nghị triển khai chính sách bảo hiểm xã hội tự nguyện cho người lao động tự do.",
            "source": "quangnam.gov.vn"
        }),
        serde_json::json!({
            "url": "https://quangnam.gov.vn/mua-mua-bao",
            "title": "Chủ động ứng phó mùa mưa bão",
            "body": "Ban chỉ huy bảo đảm an toàn cho người dân trong mùa mưa bão, sơ tán khỏi vùng nguy hiểm ở các xã miền núi. Hội nghị tổng kết sẽ diễn ra cuối năm.",
            "published": "2020-10-12",
            "source": "quangnam.gov.vn"
        }),
    ];
    let path = dir.path().join("corpus.jsonl");
    let mut text = std::fs::read_to_string(seeds()).expect("seeds");
    for article in extra {
        text.push_str(&format!("{article}\n"));
    }
    std::fs::write(&path, text).expect("write corpus");
    path
}

async fn server(dir: &tempfile::TempDir) -> TestServer {
    TestServer::start_on(
        &[corpus(dir)],
        ServeConfig::default(),
        ConnectionLimits::default(),
    )
    .await
}

fn ids(json: &serde_json::Value) -> Vec<String> {
    json["hits"]
        .as_array()
        .map(|hits| {
            hits.iter()
                .filter_map(|h| h["url"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn every_word_is_required_and_a_word_is_its_syllables_together() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = server(&dir).await;
    for query in [
        "b%E1%BA%A3o+hi%E1%BB%83m+x%C3%A3+h%E1%BB%99i",
        "bao+hiem+xa+hoi",
    ] {
        let json = server.get_json(&format!("/api/search?q={query}")).await;
        assert_eq!(json["match"], "all");
        assert_eq!(json["total"], 1, "{query}: {json}");
        assert_eq!(ids(&json), vec!["https://quangnam.gov.vn/bhxh-tu-nguyen"]);
    }
    // The answer says how the query was cut: what "every word" meant for this count.
    let json = server.get_json("/api/search?q=bao+hiem+xa+hoi").await;
    assert_eq!(json["words"], serde_json::json!(["bao hiem", "xa hoi"]));
    let (status, _, page) = server.get("/?q=bao+hiem+xa+hoi").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Các từ đã tìm: <span class=\"query-word\">bao hiem</span> · <span class=\"query-word\">xa hoi</span>"),
        "{page}"
    );
    // The storm article holds "bảo", "hiểm", "xã" and "hội", never two of them together.
    let storm = server
        .get_json("/api/search?q=b%E1%BA%A3o+%C4%91%E1%BA%A3m")
        .await;
    assert_eq!(ids(&storm), vec!["https://quangnam.gov.vn/mua-mua-bao"]);
}

#[tokio::test]
async fn undated_articles_have_their_own_year_bucket_and_filter() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = server(&dir).await;
    let all = server.get_json("/api/search?q=").await;
    assert_eq!(all["total"], 7);
    let years = all["facets"]["year"].as_array().expect("year facet");
    let counted: u64 = years.iter().filter_map(|y| y["count"].as_u64()).sum();
    assert_eq!(counted, 7, "every article is in one year bucket: {years:?}");
    assert_eq!(
        years.last().map(|y| y["value"].clone()),
        Some("none".into())
    );
    let undated = server.get_json("/api/search?q=&year=none").await;
    assert_eq!(undated["total"], 1);
    assert_eq!(
        ids(&undated),
        vec!["https://quangnam.gov.vn/bhxh-tu-nguyen"]
    );
    let months: u64 = all["histogram"]
        .as_array()
        .expect("histogram")
        .iter()
        .filter_map(|m| m["count"].as_u64())
        .sum();
    assert_eq!(months, 6, "the timeline counts the dated articles only");
    let (status, _, page) = server.get("/?q=&year=none").await;
    assert_eq!(status, 200);
    assert!(page.contains("Không rõ ngày"), "the page names the bucket");
}

#[tokio::test]
async fn partial_matches_are_said_and_filters_never_widen() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = server(&dir).await;
    let partial = server
        .get_json("/api/search?q=b%E1%BA%A3o+hi%E1%BB%83m+xyzzy")
        .await;
    assert_eq!(partial["match"], "partial");
    assert!(partial["total"].as_u64().unwrap_or(0) >= 1);
    // Every hit of a partial answer says it lacks "xyzzy".
    for hit in partial["hits"].as_array().into_iter().flatten() {
        assert!(
            hit["missing"]
                .as_array()
                .is_some_and(|m| m.iter().any(|w| w == "xyzzy")),
            "{hit}"
        );
    }
    let (_, _, page) = server.get("/?q=b%E1%BA%A3o+hi%E1%BB%83m+xyzzy").await;
    assert!(
        page.contains("Không có bài viết nào chứa đủ mọi từ"),
        "the page says the answer is partial"
    );
    // Nothing from 2021 holds "bảo hiểm xã hội": the answer is empty, or partial within 2021.
    let filtered = server
        .get_json("/api/search?q=b%E1%BA%A3o+hi%E1%BB%83m+x%C3%A3+h%E1%BB%99i&year=2021")
        .await;
    match filtered["match"].as_str() {
        Some("all") => assert_eq!(filtered["total"], 0, "{filtered}"),
        Some("partial") => {
            for hit in filtered["hits"].as_array().expect("hits") {
                let published = hit["published"].as_str().unwrap_or("");
                assert!(
                    published.starts_with("2021"),
                    "{published} escaped the filter"
                );
            }
        }
        other => panic!("match is {other:?}"),
    }
    let one_word = server.get_json("/api/search?q=xyzzy&year=2021").await;
    assert_eq!(
        (one_word["total"].as_u64(), one_word["match"].as_str()),
        (Some(0), Some("all"))
    );
}

#[tokio::test]
async fn a_short_answer_lists_the_closest_apart_and_uncounted() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = server(&dir).await;
    let query =
        "/api/search?q=b%E1%BA%A3o+hi%E1%BB%83m+x%C3%A3+h%E1%BB%99i+t%E1%BB%B1+nguy%E1%BB%87n";
    let json = server.get_json(query).await;
    assert_eq!(json["match"], "all");
    assert_eq!(
        ids(&json),
        vec!["https://quangnam.gov.vn/bhxh-tu-nguyen".to_string()]
    );
    assert_eq!(json["total"], 1);
    let closest: Vec<&str> = json["closest"]
        .as_array()
        .expect("closest listed")
        .iter()
        .filter_map(|h| h["url"].as_str())
        .collect();
    assert!(!closest.is_empty());
    assert!(!closest.contains(&"https://quangnam.gov.vn/bhxh-tu-nguyen"));
    // Each of the closest says which words it lacks; the article above says nothing.
    assert!(
        json["hits"][0].get("missing").is_none(),
        "{}",
        json["hits"][0]
    );
    for hit in json["closest"].as_array().into_iter().flatten() {
        let lacks = hit["missing"].as_array().map_or(0, Vec::len);
        assert!(lacks >= 1, "{hit}");
    }
    // The facets count the one article holding every word, not the closest.
    let sources: u64 = json["facets"]["source"]
        .as_array()
        .expect("source facet")
        .iter()
        .filter_map(|c| c["count"].as_u64())
        .sum();
    assert_eq!(sources, 1, "{}", json["facets"]);
    let (_, _, page) = server.get(&query.replacen("/api/search", "/", 1)).await;
    assert!(
        page.contains("Bài gần nhất, thiếu ít nhất một từ"),
        "{page}"
    );
    assert!(page.contains("Thiếu: "), "the page says what each lacks");
    // A page full of articles with every word lists none apart.
    let many = server
        .get_json("/api/search?q=qu%E1%BA%A3ng+nam&per_page=1")
        .await;
    assert!(many["total"].as_u64().unwrap_or(0) > 1);
    assert!(many.get("closest").is_none(), "{many}");
}
