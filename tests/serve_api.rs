//! The HTTP API and web page of `tracuu serve`, against a real server on loopback over the seeds.

mod serve_support;

use std::time::{Duration, Instant};

use serve_support::{TestServer, client, seeds, small_options};
use tracuu_serve::ServeConfig;

const FOLDED_QUERY: &str = "/api/search?q=nguoi+viet+nam+o+nuoc+ngoai";

#[tokio::test]
async fn a_query_without_diacritics_finds_and_marks_the_diacritic_text() {
    let server = TestServer::start().await;
    let json = server.get_json(FOLDED_QUERY).await;
    assert_eq!(json["total"], 5);
    let hits = json["hits"].as_array().expect("hits");
    assert_eq!(hits.len(), 5);
    for hit in hits {
        let snippet = hit["snippet"].as_str().expect("snippet");
        let title = hit["title_html"].as_str().expect("title_html");
        // The marks wrap the original spelling, with its tone marks, although the query had none.
        assert!(
            snippet.contains("<mark>người")
                || snippet.contains("<mark>Người")
                || title.contains("<mark>người"),
            "no diacritic mark in {title} / {snippet}"
        );
        assert!(!snippet.contains("<mark>nguoi"));
        for key in [
            "id",
            "url",
            "title",
            "published",
            "source",
            "agency",
            "province",
            "snippet",
        ] {
            assert!(hit.get(key).is_some(), "hit lacks {key}");
        }
    }
    assert!(json["took_ms"].as_f64().is_some_and(|t| t >= 0.0));
    let months: Vec<&str> = json["histogram"]
        .as_array()
        .expect("histogram")
        .iter()
        .filter_map(|m| m["month"].as_str())
        .collect();
    assert!(
        months.contains(&"2021-02") && months.contains(&"2024-06"),
        "{months:?}"
    );
}

#[tokio::test]
async fn filters_narrow_the_count_or_within_a_facet_and_across_facets() {
    let server = TestServer::start().await;
    let by_ref = server.get_json("/api/search?ref=36-NQ%2FTW").await;
    assert_eq!(by_ref["total"], 2);
    let all = server.get_json("/api/search").await;
    assert_eq!(all["total"], 5);
    let quang_nam = all["facets"]["province"]
        .as_array()
        .expect("province facet")
        .iter()
        .find(|c| c["value"] == "Quảng Nam")
        .expect("Quảng Nam is counted")["count"]
        .as_u64()
        .expect("count");
    assert_eq!(quang_nam, 2);
    let filtered = server
        .get_json("/api/search?province=Qu%E1%BA%A3ng+Nam")
        .await;
    assert_eq!(
        filtered["total"].as_u64(),
        Some(quang_nam),
        "the facet count matches the filtered total"
    );
    let either = server
        .get_json("/api/search?province=Qu%E1%BA%A3ng+Nam&province=%C4%90%C3%A0+N%E1%BA%B5ng")
        .await;
    assert_eq!(either["total"], 3, "OR within one facet");
    let unmarked = server.get_json("/api/search?province=quang+nam").await;
    assert_eq!(unmarked["total"].as_u64(), Some(quang_nam), "any spelling");
    // A value that names no province or type is refused, not answered with nothing.
    for path in [
        "/api/search?province=Quang",
        "/api/search.csv?type=Nghi",
        "/api/trends?q=viet&province=Quang",
    ] {
        assert_eq!(
            server.get_error(path, 400).await,
            "unknown_filter_value",
            "{path}"
        );
    }
    let both = server
        .get_json("/api/search?province=Qu%E1%BA%A3ng+Nam&year=2021")
        .await;
    assert_eq!(both["total"], 1, "AND across facets");
    let dated = server
        .get_json("/api/search?from=2021-01-01&to=2021-12-31")
        .await;
    assert_eq!(dated["total"], 3, "three seeds are from 2021");
    let newest = server.get_json("/api/search?sort=newest&per_page=1").await;
    assert_eq!(newest["hits"][0]["published"], "2024-06-25");
    let page2 = server
        .get_json("/api/search?sort=oldest&per_page=2&page=2")
        .await;
    assert_eq!(page2["hits"].as_array().map(Vec::len), Some(2));
    assert_eq!(page2["hits"][0]["published"], "2021-11-05T02:51:00+07:00");
}

#[tokio::test]
async fn an_article_comes_back_whole_with_its_cited_documents() {
    let server = TestServer::start().await;
    let article = server.get_json("/api/articles/8ffa0c58b17de14e").await;
    assert!(
        article["title"]
            .as_str()
            .is_some_and(|t| t.starts_with("Ban về người Việt Nam ở nước ngoài tỉnh Quảng Nam"))
    );
    assert!(article["body"].as_str().is_some_and(|b| b.len() > 1500));
    let cited: Vec<&str> = article["cited"]
        .as_array()
        .expect("cited")
        .iter()
        .filter_map(|c| c["number"].as_str())
        .collect();
    assert!(cited.contains(&"36-NQ/TW"), "{cited:?}");
    assert_eq!(
        server.get_error("/api/articles/khong-co", 404).await,
        "not_found"
    );
    assert_eq!(
        server.get_error("/api/articles/%FF%FE", 400).await,
        "invalid_path"
    );
}

#[tokio::test]
async fn bad_input_gets_a_4xx_with_the_json_error_shape() {
    let server = TestServer::start().await;
    let long_query = format!("/api/search?q={}", "ư".repeat(1001));
    let cases: [(&str, u16, &str); 12] = [
        ("/api/search?q=year%3Ahai", 400, "invalid_query"),
        ("/api/search?q=agency:UBND", 400, "invalid_query"),
        ("/api/search?agency=UBND", 400, "unknown_facet"),
        ("/api/search?from=22%2F02%2F2021", 400, "invalid_date"),
        ("/api/search?from=2021-02-30", 400, "invalid_date"),
        ("/api/search?per_page=101", 400, "per_page_too_large"),
        ("/api/search?page=101&per_page=100", 400, "page_too_deep"),
        (&long_query, 400, "query_too_long"),
        ("/api/search?q=%FF%FE", 400, "invalid_utf8"),
        ("/api/search?sort=hot", 400, "invalid_sort"),
        ("/api/search.csv?limit=10001", 400, "limit_too_large"),
        ("/api/nothing-here", 404, "no_route"),
    ];
    for (path, status, code) in cases {
        assert_eq!(server.get_error(path, status).await, code, "{path}");
    }
    let response = client()
        .post(server.url("/api/search"))
        .send()
        .await
        .expect("POST");
    assert_eq!(response.status().as_u16(), 405);
    let body: serde_json::Value =
        serde_json::from_str(&response.text().await.expect("body")).expect("JSON");
    assert_eq!(body["error"]["code"], "method_not_allowed");
    // The deepest allowed page is still answered.
    let last = server.get_json("/api/search?page=100&per_page=100").await;
    assert_eq!(last["hits"].as_array().map(Vec::len), Some(0));
}

#[tokio::test]
async fn exports_stream_every_hit_as_plain_text() {
    let server = TestServer::start().await;
    let (status, content_type, csv) = server
        .get("/api/search.csv?q=nguoi+viet+nam+o+nuoc+ngoai")
        .await;
    assert_eq!(status, 200);
    assert!(content_type.starts_with("text/csv"));
    let csv = csv
        .strip_prefix('\u{feff}')
        .expect("a byte order mark first");
    assert_eq!(
        csv.lines().next(),
        Some("id,url,title,published,source,agency,provinces,cited,snippet,score")
    );
    let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(csv.as_bytes())
        .records()
        .collect::<Result<_, _>>()
        .expect("valid CSV");
    assert_eq!(rows.len(), 5);
    assert!(
        rows.iter()
            .all(|row| row.len() == 10 && !row[8].contains("<mark>") && !row[8].is_empty())
    );
    assert!(
        rows.iter().any(|row| &row[2]
            == "Tăng cường phối hợp, trao đổi thông tin về người Việt Nam ở nước ngoài")
    );

    let (status, content_type, jsonl) = server.get("/api/search.jsonl?ref=36-NQ%2FTW").await;
    assert_eq!(status, 200);
    assert!(content_type.starts_with("application/x-ndjson"));
    let rows: Vec<serde_json::Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON per line"))
        .collect();
    assert_eq!(rows.len(), 2);
    assert!(
        rows.iter()
            .all(|r| r["snippet"].as_str().is_some_and(|s| !s.contains("<mark>")))
    );

    let (_, _, limited) = server.get("/api/search.jsonl?limit=3").await;
    assert_eq!(limited.lines().count(), 3);
    let (_, _, empty) = server
        .get("/api/search.csv?q=%22kh%C3%B4ng+h%E1%BB%81+c%C3%B3+c%C3%A2u+n%C3%A0y%22")
        .await;
    assert_eq!(
        empty.lines().count(),
        1,
        "an empty export still has its header: {empty}"
    );
}

#[tokio::test]
async fn health_and_metrics_report_the_index_and_requests_by_route() {
    let server = TestServer::start().await;
    let health = server.get_json("/healthz").await;
    assert_eq!(health["status"], "ok");
    assert_eq!(health["documents"], 5);
    server.get_json(FOLDED_QUERY).await;
    server.get_json("/api/articles/917aa70dc9c19c5b").await;
    server.get_error("/api/search?per_page=500", 400).await;
    let (status, content_type, text) = server.get("/metrics").await;
    assert_eq!(status, 200);
    assert!(content_type.contains("text"), "{content_type}");
    assert!(
        text.contains(
            r#"tracuu_http_requests_total{route="/api/search",method="GET",status="200"} 1"#
        ),
        "{text}"
    );
    assert!(text.contains(
        r#"tracuu_http_requests_total{route="/api/search",method="GET",status="400"} 1"#
    ));
    assert!(
        text.contains(r#"route="/api/articles/{id}""#),
        "the route pattern, not the raw path"
    );
    assert!(!text.contains("917aa70dc9c19c5b"));
    assert!(text.contains(r#"tracuu_http_request_duration_seconds_bucket{le="#));
    assert!(text.contains("tracuu_index_documents 5"));
}

#[tokio::test]
async fn cors_is_off_by_default_and_on_for_configured_origins() {
    let origin = "https://quangnam.gov.vn";
    let closed = TestServer::start().await;
    let response = client()
        .get(closed.url(FOLDED_QUERY))
        .header("Origin", origin)
        .send()
        .await
        .expect("GET");
    assert!(
        response
            .headers()
            .get("access-control-allow-origin")
            .is_none()
    );

    let open = TestServer::start_with(ServeConfig {
        cors_origins: vec![origin.into()],
        ..ServeConfig::default()
    })
    .await;
    let response = client()
        .get(open.url(FOLDED_QUERY))
        .header("Origin", origin)
        .send()
        .await
        .expect("GET");
    assert_eq!(
        response
            .headers()
            .get("access-control-allow-origin")
            .and_then(|v| v.to_str().ok()),
        Some(origin)
    );
    // A page of that origin may read what an export says it holds.
    let export = client()
        .get(open.url("/api/search.csv?q=kieu+bao"))
        .header("Origin", origin)
        .send()
        .await
        .expect("GET");
    let exposed = export
        .headers()
        .get("access-control-expose-headers")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    for name in [
        "tracuu-total",
        "tracuu-truncated",
        "tracuu-index-generation",
        "link",
        "content-disposition",
    ] {
        assert!(exposed.contains(name), "{name} not in {exposed}");
    }
    let other = client()
        .get(open.url(FOLDED_QUERY))
        .header("Origin", "https://example.com")
        .send()
        .await
        .expect("GET");
    assert!(other.headers().get("access-control-allow-origin").is_none());
}

#[tokio::test]
async fn a_request_that_runs_out_of_time_gets_a_json_503() {
    // A zero budget expires before any search can finish, so every search times out.
    let server = TestServer::start_with(ServeConfig {
        request_timeout: Duration::ZERO,
        ..ServeConfig::default()
    })
    .await;
    assert_eq!(server.get_error(FOLDED_QUERY, 503).await, "timeout");
}

#[tokio::test]
async fn a_reindex_while_serving_is_picked_up_without_a_restart() {
    let server = TestServer::start().await;
    let query = "/api/search?q=%22b%C3%A1o+c%C3%A1o+ki%E1%BB%81u+h%E1%BB%91i%22";
    assert_eq!(server.get_json(query).await["total"], 0);

    let dir = tempfile::tempdir().expect("temp dir");
    let extra = dir.path().join("extra.jsonl");
    let article = serde_json::json!({
        "url": "https://songoaivu.quangnam.gov.vn/tin/kieu-hoi-2024",
        "title": "Quảng Nam: báo cáo kiều hối năm 2024",
        "body": "Sở Ngoại vụ tỉnh Quảng Nam công bố báo cáo kiều hối năm 2024 của người Việt Nam ở nước ngoài.",
        "published": "2025-01-15",
    });
    std::fs::write(&extra, format!("{article}\n")).expect("write extra article");
    let index_dir = server.index_dir.clone();
    let report = tokio::task::spawn_blocking(move || {
        tracuu_index::indexer::index_corpus(&[seeds(), extra], &index_dir, &small_options())
    })
    .await
    .expect("join")
    .expect("re-index");
    assert_eq!(report.docs_in_index, 6);

    let started = Instant::now();
    loop {
        let json = server.get_json(query).await;
        if json["total"] == 1 {
            assert_eq!(json["hits"][0]["published"], "2025-01-15");
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the server never saw the re-index"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(server.get_json("/healthz").await["documents"], 6);
}

#[tokio::test]
async fn the_web_page_works_without_javascript() {
    let server = TestServer::start().await;
    let (status, content_type, html) = server.get("/?q=nguoi+viet+nam+o+nuoc+ngoai").await;
    assert_eq!(status, 200);
    assert!(content_type.starts_with("text/html"));
    assert!(html.contains(r#"<html lang="vi">"#));
    assert!(html.contains(r#"<label for="q">Từ khóa</label>"#));
    assert!(html.contains("Tìm thấy <strong>5</strong> bài viết"));
    assert!(
        html.contains("<mark>người Việt Nam ở nước ngoài</mark>")
            || html.contains("<mark>Người Việt Nam ở nước ngoài</mark>")
    );
    // Snippet sentences link to the source with a text fragment.
    assert!(html.contains("#:~:text="), "no text fragment links");
    // Facets are links with counts that keep the query.
    assert!(
        html.contains(r#"href="/?q=nguoi+viet+nam+o+nuoc+ngoai&amp;ref=36-NQ%2FTW""#),
        "no ref facet link"
    );
    assert!(html.contains("<svg"), "no timeline");
    assert!(html.contains("Sao chép trích dẫn"));

    let (status, _, filtered) = server
        .get("/?q=nguoi+viet+nam+o+nuoc+ngoai&ref=36-NQ%2FTW")
        .await;
    assert_eq!(status, 200);
    assert!(filtered.contains("Tìm thấy <strong>2</strong> bài viết"));
    assert!(
        filtered.contains(r#"<input type="hidden" name="ref" value="36-NQ/TW">"#),
        "the filter survives a new query"
    );

    let (status, _, article) = server.get("/articles/8ffa0c58b17de14e").await;
    assert_eq!(status, 200);
    assert!(article.contains("<h1>Ban về người Việt Nam ở nước ngoài tỉnh Quảng Nam"));
    assert!(
        article.contains(r#"href="/?ref=36-NQ%2FTW""#),
        "cited documents link to a search for them"
    );
    assert!(
        article.contains("Sở Ngoại vụ tỉnh Quảng Nam, 27/12/2023"),
        "citation with agency and date"
    );

    let (status, _, bad) = server.get("/?per_page=500").await;
    assert_eq!(status, 400);
    assert!(bad.contains("role=\"alert\""));
    let (status, _, missing) = server.get("/articles/khong-co").await;
    assert_eq!(status, 404);
    assert!(missing.contains("Không có bài viết này"));
}

#[tokio::test]
async fn a_cited_document_has_its_page_its_json_and_its_feed() {
    let server = TestServer::start().await;
    let report = server.get_json("/api/documents/36-NQ/TW").await;
    let search = server.get_json("/api/search?ref=36-NQ%2FTW").await;
    assert_eq!(
        report["citing"], search["total"],
        "citing = the ref search total"
    );
    assert_eq!(report["citing"], 2);
    assert_eq!(report["document"]["doc_type"], "Nghị quyết");
    assert_eq!(report["issuer"], "Ban Chấp hành Trung ương");
    let ids: Vec<&str> = report["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .filter_map(|a| a["id"].as_str())
        .collect();
    assert_eq!(
        ids,
        ["daa4be3a22619e98", "8ffa0c58b17de14e"],
        "newest first"
    );
    let sentence = report["articles"][0]["sentence"]
        .as_str()
        .unwrap_or_default();
    assert!(
        sentence
            .contains("đánh giá kết quả 20 năm thực hiện Nghị quyết số 36-NQ/TW của Bộ Chính trị"),
        "{sentence}"
    );
    let with = report["cited_with"].as_array().expect("cited_with");
    assert!(
        with.iter()
            .any(|c| c["value"] == "12-KL/TW" && c["count"] == 1),
        "{with:?}"
    );
    // The same document in another spelling, its slash percent-encoded.
    let other = server.get_json("/api/documents/36-nq%2Ftw").await;
    assert_eq!(other["citing"], 2);
    assert_eq!(
        server.get_error("/api/documents/99-NQ/TW", 404).await,
        "not_cited"
    );
    assert_eq!(
        server.get_error("/api/documents/nguoi-viet", 404).await,
        "not_a_document_number"
    );

    // The search page's ref facet links to the document page, which shows the same numbers.
    let (_, _, html) = server.get("/?q=nguoi+viet+nam+o+nuoc+ngoai").await;
    assert!(
        html.contains(r#"href="/documents/36-NQ/TW""#),
        "no document link"
    );
    let (status, _, page) = server.get("/documents/36-NQ/TW").await;
    assert_eq!(status, 200);
    assert!(page.contains(r#"<h1>Nghị quyết <span class="number">36-NQ/TW</span></h1>"#));
    assert!(page.contains("Ban Chấp hành Trung ương (TW)"));
    assert!(page.contains(r#"data-citing="2""#));
    assert!(
        page.contains("<mark>Nghị quyết số 36-NQ/TW</mark>"),
        "citing sentence marked"
    );
    assert!(page.contains(r#"href="/feeds/documents/36-NQ/TW""#));
    let (_, _, article) = server.get("/articles/8ffa0c58b17de14e").await;
    assert!(
        article.contains(r#"href="/documents/36-NQ/TW""#),
        "cited documents link to their page"
    );
    // Another spelling of the number is redirected to the page's one address.
    let response = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
        .get(server.url("/documents/36-nq%2Ftw?page=1"))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status().as_u16(), 308);
    assert_eq!(
        response.headers()["location"].to_str().ok(),
        Some("/documents/36-NQ/TW?page=1")
    );
    let (status, _, missing) = server.get("/documents/99-NQ/TW").await;
    assert_eq!(status, 404);
    assert!(missing.contains("Chưa có bài viết nào trích dẫn văn bản 99-NQ/TW"));

    let (status, content_type, feed) = server.get("/feeds/documents/36-NQ/TW").await;
    assert_eq!(status, 200);
    assert!(
        content_type.starts_with("application/atom+xml"),
        "{content_type}"
    );
    assert_eq!(feed.matches("<entry>").count(), 2, "{feed}");
    assert!(
        feed.contains("Tăng cường phối hợp, trao đổi thông tin về người Việt Nam ở nước ngoài")
    );
}

#[tokio::test]
async fn the_quote_finder_lists_sentences_with_speakers_links_and_citations() {
    let server = TestServer::start().await;
    let json = server.get_json("/api/quotes?q=ban+ghi+nho").await;
    assert_eq!(json["match"], "all");
    assert_eq!(json["articles_total"], 1);
    let quotes = json["quotes"].as_array().expect("quotes");
    assert_eq!(json["total"].as_u64(), Some(quotes.len() as u64));
    let director = quotes
        .iter()
        .find(|q| q["speaker"]["name"] == "ông Huỳnh Đức Trường, Giám đốc Sở Ngoại vụ")
        .expect("the director's sentence is quoted with its speaker");
    let text = director["sentence"]["text"].as_str().expect("text");
    assert!(text.starts_with("Chủ trì tại đầu cầu Đà Nẵng"), "{text}");
    // Marks are character ranges of the sentence: they cut out "Bản ghi nhớ".
    let mark = &director["sentence"]["marks"][0];
    let (from, to) = (
        mark[0].as_u64().unwrap_or(0) as usize,
        mark[1].as_u64().unwrap_or(0) as usize,
    );
    let marked: String = text.chars().skip(from).take(to - from).collect();
    assert_eq!(marked, "Bản ghi nhớ");
    let link = director["link"].as_str().expect("link");
    assert!(link.contains("#:~:text=Ch%E1%BB%A7%20tr%C3%AC"), "{link}");
    let citation = director["citation"].as_str().expect("citation");
    assert!(
        citation.starts_with("ông Huỳnh Đức Trường, Giám đốc Sở Ngoại vụ: “Chủ trì"),
        "{citation}"
    );
    assert!(citation.ends_with(link), "{citation}");

    // Filtered by speaker, typed without marks.
    let filtered = server
        .get_json("/api/quotes?q=ban+ghi+nho&speaker=phung+cong+dung")
        .await;
    assert_eq!(filtered["total"], 1);
    assert!(
        filtered["quotes"][0]["speaker"]["name"]
            .as_str()
            .is_some_and(|n| n.starts_with("Ông Phùng Công Dũng"))
    );

    assert_eq!(server.get_error("/api/quotes", 400).await, "invalid_query");
    assert_eq!(
        server
            .get_error("/api/quotes?q=source%3Aquangnam.gov.vn", 400)
            .await,
        "invalid_query"
    );
    assert_eq!(
        server.get_error("/api/quotes?q=a&articles=1000", 400).await,
        "invalid_parameter"
    );

    // The page's "Trích dẫn" view shows the same quote and its copy button.
    let (status, _, html) = server.get("/?q=ban+ghi+nho&view=quotes").await;
    assert_eq!(status, 200);
    assert!(html.contains("<mark>Bản ghi nhớ</mark>"), "{html}");
    assert!(
        html.contains("ông Huỳnh Đức Trường, Giám đốc Sở Ngoại vụ"),
        "{html}"
    );
    assert!(html.contains("Sao chép trích dẫn"));
    assert!(
        html.contains("aria-current=\"page\" data-view=\"Trích dẫn\""),
        "{html}"
    );
}
