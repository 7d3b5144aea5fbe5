//! What a researcher uses, against a real server on loopback over the seeds and nine more
//! articles (`tests/fixtures/trends.jsonl`: "nông thôn mới" and "chuyển đổi số" from 2019 to
//! 2023, two of them undated): trends equal to per-period searches, the undated in their own
//! bucket, the `/trends` page, Atom feeds read by `feed-rs`, and exports that say what they hold.

mod serve_support;

use std::path::{Path, PathBuf};

use serde_json::Value;
use serve_support::{TestServer, client, seeds};
use tracuu_serve::{ConnectionLimits, ServeConfig};

const NONG_THON_MOI: &str = "n%C3%B4ng+th%C3%B4n+m%E1%BB%9Bi";
const CHUYEN_DOI_SO: &str = "chuyen+doi+so";

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/trends.jsonl")
}

async fn server() -> TestServer {
    TestServer::start_on(
        &[seeds(), fixture()],
        ServeConfig::default(),
        ConnectionLimits::default(),
    )
    .await
}

fn encode(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, percent_encoding::NON_ALPHANUMERIC).to_string()
}

/// The count `/api/search` gives for the articles holding every word, as a trend counts them.
async fn all_words_total(server: &TestServer, query: &str) -> u64 {
    let json = server.get_json(query).await;
    if json["match"] == "all" {
        json["total"].as_u64().expect("total")
    } else {
        0
    }
}

#[tokio::test]
async fn each_period_of_a_trend_is_the_search_total_of_that_period() {
    let server = server().await;
    for interval in ["month", "year"] {
        let trend = server
            .get_json(&format!(
                "/api/trends?q={NONG_THON_MOI}&q={CHUYEN_DOI_SO}&interval={interval}"
            ))
            .await;
        assert_eq!(trend["interval"], interval);
        let series = trend["series"].as_array().expect("series");
        assert_eq!(series.len(), 2, "one series per query, in order");
        assert_eq!(series[0]["q"], "nông thôn mới");
        assert_eq!(series[1]["q"], "chuyen doi so");
        let periods = trend["periods"].as_array().expect("periods");
        for s in series {
            let q = encode(s["q"].as_str().expect("q"));
            let points = s["points"].as_array().expect("points");
            assert_eq!(points.len(), periods.len());
            let mut dated = 0;
            for (point, period) in points.iter().zip(periods) {
                assert_eq!(&point["period"], period);
                let period = period.as_str().expect("period");
                let (from, to) = days(period);
                let count = point["count"].as_u64().expect("count");
                let search =
                    all_words_total(&server, &format!("/api/search?q={q}&from={from}&to={to}"))
                        .await;
                assert_eq!(count, search, "{q} in {period}");
                let all = server
                    .get_json(&format!("/api/search?from={from}&to={to}"))
                    .await;
                assert_eq!(point["all"], all["total"], "all articles in {period}");
                dated += count;
            }
            let whole = all_words_total(&server, &format!("/api/search?q={q}")).await;
            assert_eq!(s["total"].as_u64(), Some(whole));
            assert_eq!(dated + s["none"]["count"].as_u64().expect("none"), whole);
        }
    }
    // The same with a filter and a date range that cuts a month: each point still equals the
    // search its link on the page opens.
    let (status, _, page) = server
        .get(&format!(
            "/trends?q={NONG_THON_MOI}&q={CHUYEN_DOI_SO}&from=2021-03-10&to=2023-12-31&province=Qu%E1%BA%A3ng+Nam"
        ))
        .await;
    assert_eq!(status, 200);
    let points = point_links(&page);
    // From 03/2021, cut on the 10th, to 12/2023, the last month with an article of Quảng Nam.
    assert_eq!(points.len(), 2 * 34, "{page}");
    assert!(
        points[0].0.contains("from=2021-03-10&to=2021-03-31"),
        "{}",
        points[0].0
    );
    for (href, count) in points {
        let (_, _, found) = server.get(&href).await;
        let (total, matched) = data_total(&found);
        let expected = if matched == "all" { total } else { 0 };
        assert_eq!(expected, count, "{href}");
    }
}

/// (href, data-count) of every point of the chart.
fn point_links(page: &str) -> Vec<(String, u64)> {
    let html = scraper::Html::parse_document(page);
    let selector = scraper::Selector::parse("a.point").expect("selector");
    html.select(&selector)
        .map(|a| {
            let href = a.value().attr("href").expect("href").to_string();
            let count = a
                .value()
                .attr("data-count")
                .and_then(|c| c.parse().ok())
                .expect("data-count");
            (href, count)
        })
        .collect()
}

/// The result count of a search page, and whether it holds every word (`all`) or not.
fn data_total(page: &str) -> (u64, String) {
    let html = scraper::Html::parse_document(page);
    let selector = scraper::Selector::parse("#total").expect("selector");
    let total = html.select(&selector).next().expect("a result count");
    let count = total
        .value()
        .attr("data-total")
        .and_then(|t| t.parse().ok())
        .expect("a number");
    let matched = total.value().attr("data-match").unwrap_or("").to_string();
    (count, matched)
}

/// The first and last day of `2021-02` or `2021`.
fn days(period: &str) -> (String, String) {
    match period.split_once('-') {
        Some((year, month)) => {
            let y: i32 = year.parse().expect("year");
            let m: u32 = month.parse().expect("month");
            let last = match m {
                2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
                2 => 28,
                4 | 6 | 9 | 11 => 30,
                _ => 31,
            };
            (format!("{period}-01"), format!("{period}-{last}"))
        }
        None => (format!("{period}-01-01"), format!("{period}-12-31")),
    }
}

#[tokio::test]
async fn undated_articles_count_in_no_period_but_in_the_none_bucket() {
    let server = server().await;
    let trend = server
        .get_json(&format!("/api/trends?q={NONG_THON_MOI}&interval=year"))
        .await;
    let series = &trend["series"][0];
    // "Hướng dẫn đánh giá xã đạt chuẩn nông thôn mới nâng cao" has no date; neither has the
    // notice of citizens' reception days, which counts among all undated articles.
    assert_eq!(series["none"]["period"], "none");
    assert_eq!(series["none"]["count"], 1);
    assert_eq!(series["none"]["all"], 2);
    assert_eq!(series["none"]["share"], 0.5);
    let undated = server
        .get_json(&format!("/api/search?q={NONG_THON_MOI}&year=none"))
        .await;
    assert_eq!(undated["total"], 1);
    assert!(
        !trend["periods"]
            .as_array()
            .expect("periods")
            .iter()
            .any(|p| p == "none"),
        "no period is the undated"
    );
    let years: Vec<(String, u64, u64)> = series["points"]
        .as_array()
        .expect("points")
        .iter()
        .map(|p| {
            (
                p["period"].as_str().unwrap_or("").to_string(),
                p["count"].as_u64().unwrap_or(0),
                p["all"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    let expected: Vec<(String, u64, u64)> = [
        ("2019", 1, 1),
        ("2020", 0, 2),
        ("2021", 1, 5),
        ("2022", 1, 1),
    ]
    .iter()
    .map(|(p, c, a)| (p.to_string(), *c, *a))
    .collect();
    assert_eq!(years, expected);
    // The page shows the bucket as a row of its own, linked to the undated articles.
    let (_, _, page) = server
        .get(&format!("/trends?q={NONG_THON_MOI}&interval=year"))
        .await;
    assert!(page.contains("Không rõ ngày"), "{page}");
    assert!(
        page.contains(&format!("href=\"/?q={NONG_THON_MOI}&amp;year=none\"")),
        "{page}"
    );
}

#[tokio::test]
async fn the_trends_page_draws_two_queries_without_javascript_and_keeps_its_state() {
    let server = server().await;
    let url = format!("/trends?q={NONG_THON_MOI}&q={CHUYEN_DOI_SO}&interval=year&scale=share");
    let (status, content_type, page) = server.get(&url).await;
    assert_eq!(status, 200);
    assert!(content_type.starts_with("text/html"));
    assert_eq!(page.matches("<polyline").count(), 2);
    assert!(page.contains("Tỉ lệ trên tổng số bài, theo năm"));
    assert!(page.contains("<table"));
    // The form holds the state: both queries, the year interval, the share scale.
    assert!(page.contains(r#"value="nông thôn mới""#), "{page}");
    assert!(page.contains(r#"value="chuyen doi so""#));
    assert!(page.contains(r#"<option value="year" selected>"#), "{page}");
    assert!(page.contains(r#"<option value="share" selected>"#));
    // Shares in Vietnamese: 1 of the 5 articles of 2021 holds "nông thôn mới".
    assert!(
        page.contains("“nông thôn mới”, 2021: 1 / 5 bài (20 %)"),
        "{page}"
    );
    let (status, _, empty) = server.get("/trends").await;
    assert_eq!(status, 200);
    assert!(empty.contains("Vẽ biểu đồ") && !empty.contains("<polyline"));
    let (status, _, bad) = server.get("/trends?q=a&interval=tuan").await;
    assert_eq!(status, 400);
    assert!(bad.contains("“interval” phải là month"), "{bad}");
    // The search page's timeline leads here with its query.
    let (_, _, search) = server.get(&format!("/?q={CHUYEN_DOI_SO}")).await;
    assert!(
        search.contains(&format!("href=\"/trends?q={CHUYEN_DOI_SO}\"")),
        "{search}"
    );
    let (_, _, by_year) = server
        .get(&format!("/?q={CHUYEN_DOI_SO}&interval=year&scale=share"))
        .await;
    assert!(
        by_year.contains("Tỉ lệ trên tổng số bài, theo năm"),
        "{by_year}"
    );
    assert!(by_year.contains("Năm 2021: 2 / 5 bài (40 %)"), "{by_year}");
}

#[tokio::test]
async fn bad_trend_requests_get_their_codes() {
    let server = server().await;
    assert_eq!(server.get_error("/api/trends", 400).await, "missing_query");
    assert_eq!(
        server.get_error("/api/trends?q=&q=", 400).await,
        "missing_query"
    );
    let seven = "q=a&".repeat(7);
    assert_eq!(
        server.get_error(&format!("/api/trends?{seven}"), 400).await,
        "too_many_queries"
    );
    assert_eq!(
        server.get_error("/api/trends?q=a&interval=week", 400).await,
        "invalid_parameter"
    );
    assert_eq!(
        server.get_error("/api/trends?q=a&page=2", 400).await,
        "unknown_facet"
    );
    assert_eq!(
        server.get_error("/api/trends?q=year%3Ahai", 400).await,
        "invalid_query"
    );
}

#[tokio::test]
async fn a_search_is_an_atom_feed_of_its_newest_matches_that_feed_rs_reads() {
    let server = server().await;
    let response = client()
        .get(server.url(&format!("/feeds/search.atom?q={CHUYEN_DOI_SO}")))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 200);
    let content_type = response.headers()["content-type"]
        .to_str()
        .expect("ASCII")
        .to_string();
    assert!(
        content_type.starts_with("application/atom+xml"),
        "{content_type}"
    );
    let body = response.bytes().await.expect("body");
    let feed = feed_rs::parser::parse(body.as_ref()).expect("a valid Atom feed");
    assert_eq!(feed.feed_type, feed_rs::model::FeedType::Atom);
    assert_eq!(
        feed.title.as_ref().map(|t| t.content.as_str()),
        Some("tracuu: “chuyen doi so”")
    );
    let search = server
        .get_json(&format!("/api/search?q={CHUYEN_DOI_SO}"))
        .await;
    assert_eq!(
        feed.entries.len() as u64,
        search["total"].as_u64().expect("total").min(10)
    );
    let dates: Vec<_> = feed.entries.iter().map(|e| e.published).collect();
    assert!(dates.iter().all(Option::is_some), "every match is dated");
    assert!(
        dates.windows(2).all(|w| w[0] >= w[1]),
        "newest first: {dates:?}"
    );
    let first = &feed.entries[0];
    assert_eq!(
        first.title.as_ref().map(|t| t.content.as_str()),
        Some("Đà Nẵng dẫn đầu cả nước về chỉ số chuyển đổi số cấp tỉnh")
    );
    assert!(
        first
            .links
            .iter()
            .any(|l| l.href == "https://danang.gov.vn/chinh-quyen/chi-tiet?id=52817"),
        "{:?}",
        first.links
    );
    let summary = first.summary.as_ref().expect("summary").content.clone();
    assert!(summary.contains("chuyển đổi số"), "{summary}");
    assert!(!summary.contains("<mark>"), "the snippet as text");
    assert!(
        first
            .authors
            .iter()
            .any(|a| a.name.as_deref() == Some("UBND thành phố Đà Nẵng")),
        "{:?}",
        first.authors
    );
    // feed-rs keeps no atom:source; read it from the XML: the publishing site of each entry.
    let xml = std::str::from_utf8(&body).expect("UTF-8");
    let first_source = xml
        .split("<source>")
        .nth(1)
        .and_then(|rest| rest.split("</source>").next())
        .expect("an atom:source");
    assert!(
        first_source.contains("<title>danang.gov.vn</title>"),
        "{first_source}"
    );
    assert!(
        first_source.contains("<id>https://danang.gov.vn/</id>"),
        "{first_source}"
    );
    let tuyen_quang = feed
        .entries
        .iter()
        .find(|e| e.categories.iter().any(|c| c.term == "749/QĐ-TTg"))
        .expect("the national programme's decision is a category");
    assert!(
        tuyen_quang
            .categories
            .iter()
            .any(|c| c.term == "Tuyên Quang")
    );
    // Filters narrow the feed as they narrow the search; the page links the feed.
    let filtered = client()
        .get(server.url(&format!(
            "/feeds/search.atom?q={CHUYEN_DOI_SO}&province=%C4%90%C3%A0+N%E1%BA%B5ng"
        )))
        .send()
        .await
        .expect("request")
        .bytes()
        .await
        .expect("body");
    let filtered = feed_rs::parser::parse(filtered.as_ref()).expect("Atom");
    assert_eq!(filtered.entries.len(), 2);
    let (_, _, page) = server
        .get(&format!("/?q={CHUYEN_DOI_SO}&sort=oldest"))
        .await;
    assert!(
        page.contains(&format!("href=\"/feeds/search.atom?q={CHUYEN_DOI_SO}\"")),
        "{page}"
    );
    // Feed readers given the page's address find the feed in its head; the empty page has none.
    let alternate = |page: &str| -> Vec<String> {
        let html = scraper::Html::parse_document(page);
        let selector =
            scraper::Selector::parse(r#"head link[rel="alternate"][type="application/atom+xml"]"#)
                .expect("selector");
        html.select(&selector)
            .filter_map(|link| link.value().attr("href").map(str::to_string))
            .collect()
    };
    assert_eq!(
        alternate(&page),
        vec![format!("/feeds/search.atom?q={CHUYEN_DOI_SO}")]
    );
    let (_, _, home) = server.get("/").await;
    assert!(alternate(&home).is_empty(), "no feed of nothing");
    assert_eq!(
        server
            .get_error("/feeds/search.atom?per_page=500", 400)
            .await,
        "per_page_too_large"
    );
}

/// An export's body and its `Tracuu-*` headers, `Link` and `Content-Disposition`.
async fn export(server: &TestServer, path: &str) -> (Vec<u8>, reqwest::header::HeaderMap) {
    let response = client()
        .get(server.url(path))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 200, "{path}");
    let headers = response.headers().clone();
    (response.bytes().await.expect("body").to_vec(), headers)
}

fn header<'a>(headers: &'a reqwest::header::HeaderMap, name: &str) -> &'a str {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_else(|| panic!("no {name} header"))
}

#[tokio::test]
async fn a_csv_export_starts_with_the_byte_order_mark_and_fills_provinces_and_cited_documents() {
    let server = server().await;
    let q = "chuy%E1%BB%83n+%C4%91%E1%BB%95i+s%E1%BB%91";
    let (body, headers) = export(&server, &format!("/api/search.csv?q={q}")).await;
    assert!(
        body.starts_with(b"\xEF\xBB\xBF"),
        "a UTF-8 byte order mark first"
    );
    let text = std::str::from_utf8(&body[3..]).expect("UTF-8");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let columns: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    assert_eq!(
        columns,
        [
            "id",
            "url",
            "title",
            "published",
            "source",
            "agency",
            "provinces",
            "cited",
            "snippet",
            "score"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 5);
    let tuyen_quang = rows
        .iter()
        .find(|r| r[1].contains("trien-khai-chuong-trinh-chuyen-doi-so-quoc-gia"))
        .expect("the Tuyên Quang programme");
    assert_eq!(&tuyen_quang[6], "Tuyên Quang");
    assert_eq!(&tuyen_quang[7], "749/QĐ-TTg");
    let da_nang = rows
        .iter()
        .find(|r| r[1].ends_with("id=41230"))
        .expect("Đà Nẵng's plan");
    // The facet counts Đà Nẵng's own province and those its text names.
    assert_eq!(&da_nang[6], "Đà Nẵng; Quảng Nam; Thừa Thiên Huế");
    assert_eq!(&da_nang[7], "52-NQ/TW");
    assert!(
        rows.iter().all(|r| !r[6].is_empty()),
        "every row has its provinces"
    );
    // The facet of the same search counts the provinces the column holds.
    let search = server.get_json(&format!("/api/search?q={q}")).await;
    for facet in search["facets"]["province"]
        .as_array()
        .expect("province facet")
    {
        let value = facet["value"].as_str().expect("value");
        let rows_with = rows
            .iter()
            .filter(|r| r[6].split("; ").any(|p| p == value))
            .count() as u64;
        assert_eq!(Some(rows_with), facet["count"].as_u64(), "{value}");
    }
    // The headers say what the file is.
    let disposition = header(&headers, "content-disposition");
    let day = header(&headers, "tracuu-generated-at")[..10].to_string();
    assert!(
        disposition.contains(&format!("filename=\"tracuu-chuyen-doi-so-{day}.csv\"")),
        "{disposition}"
    );
    assert!(
        disposition.contains("filename*=UTF-8''tracuu-chuy%E1%BB%83n-%C4%91%E1%BB%95i-s%E1%BB%91-"),
        "{disposition}"
    );
    assert_eq!(header(&headers, "tracuu-total"), "5");
    assert_eq!(header(&headers, "tracuu-rows"), "5");
    assert_eq!(header(&headers, "tracuu-truncated"), "false");
    assert_eq!(header(&headers, "tracuu-match"), "all");
    assert_eq!(
        header(&headers, "tracuu-version"),
        env!("CARGO_PKG_VERSION")
    );
    assert_eq!(header(&headers, "tracuu-index-generation").len(), 16);
    assert_eq!(header(&headers, "tracuu-search"), format!("q={q}"));
    // The page links the exports and their provenance.
    let (_, _, page) = server.get(&format!("/?q={q}&interval=year")).await;
    assert!(
        page.contains(&format!("href=\"/api/search.csv?q={q}\"")),
        "{page}"
    );
    assert!(page.contains(&format!("href=\"/api/search.provenance.json?q={q}\"")));
}

#[tokio::test]
async fn a_cut_export_says_so_in_its_headers_name_and_provenance() {
    let server = server().await;
    let (body, headers) = export(&server, "/api/search.jsonl?sort=newest&limit=3").await;
    let lines: Vec<Value> = std::str::from_utf8(&body)
        .expect("UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(lines.len(), 3);
    for line in &lines {
        let id = line["id"].as_str().expect("id");
        let article = server.get_json(&format!("/api/articles/{id}")).await;
        assert_eq!(line["provinces"], article["provinces"], "{id}");
        let cited: Vec<&Value> = article["cited"]
            .as_array()
            .expect("cited")
            .iter()
            .map(|c| &c["number"])
            .collect();
        assert_eq!(
            line["cited"]
                .as_array()
                .map(|c| c.iter().collect::<Vec<_>>()),
            Some(cited)
        );
    }
    assert_eq!(header(&headers, "tracuu-total"), "14");
    assert_eq!(header(&headers, "tracuu-rows"), "3");
    assert_eq!(header(&headers, "tracuu-truncated"), "true");
    assert_eq!(header(&headers, "tracuu-sort"), "newest");
    assert!(
        header(&headers, "content-disposition").contains("-3-of-14.jsonl\""),
        "{}",
        header(&headers, "content-disposition")
    );
    let link = header(&headers, "link");
    let sidecar = link
        .strip_prefix('<')
        .and_then(|l| l.split_once('>'))
        .map(|(url, rest)| {
            assert!(rest.contains("rel=\"describedby\""), "{link}");
            url.to_string()
        })
        .expect("a Link to the provenance");
    let provenance = server.get_json(&sidecar).await;
    assert_eq!(provenance["truncated"], true);
    assert_eq!(provenance["rows"], 3);
    assert_eq!(provenance["total"], 14);
    assert_eq!(provenance["match"], "all");
    assert_eq!(provenance["search"]["sort"], "newest");
    assert_eq!(provenance["search"]["limit"], 3);
    assert_eq!(
        provenance["index_generation"],
        header(&headers, "tracuu-index-generation")
    );
    assert_eq!(provenance["tracuu_version"], env!("CARGO_PKG_VERSION"));
    assert!(
        provenance["description"]
            .as_str()
            .is_some_and(|d| d.contains("truncated"))
    );
    assert_eq!(
        provenance["query_string"],
        header(&headers, "tracuu-search")
    );
}

#[tokio::test]
async fn re_running_the_recorded_search_gives_the_same_rows() {
    let server = server().await;
    for path in [
        "/api/search.csv?q=nong+thon+moi&province=Qu%E1%BA%A3ng+Nam",
        "/api/search.jsonl?q=&sort=oldest&limit=7&year=2021&year=none",
        "/api/search.csv?q=n%C6%B0%E1%BB%9Bc+ngo%C3%A0i&from=2021-01-01",
    ] {
        let (first, headers) = export(&server, path).await;
        let format = if path.contains(".csv") {
            "csv"
        } else {
            "jsonl"
        };
        let recorded = header(&headers, "tracuu-search").to_string();
        let (again, again_headers) =
            export(&server, &format!("/api/search.{format}?{recorded}")).await;
        assert_eq!(first, again, "{path} re-run as {recorded}");
        assert_eq!(
            header(&headers, "tracuu-index-generation"),
            header(&again_headers, "tracuu-index-generation")
        );
        let provenance: Value = server
            .get_json(&format!("/api/search.provenance.json?{recorded}"))
            .await;
        let (from_sidecar, _) = export(
            &server,
            &format!(
                "/api/search.{format}?{}",
                provenance["query_string"].as_str().expect("query_string")
            ),
        )
        .await;
        assert_eq!(first, from_sidecar, "{path} re-run from its provenance");
        assert!(first.len() > 100, "{path} holds rows");
    }
}
