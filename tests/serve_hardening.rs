//! What a hostile or careless client cannot do to `tracuu serve`, and the page's rough edges fixed:
//! request amplification, slow and silent connections, oversized heads, script in links, CSV
//! formulas, exports past their budget, over-long bodies, and Vietnamese everywhere on the page.

mod serve_support;

use std::time::{Duration, Instant};

use serve_support::{TestServer, client, seeds, write_corpus_from_seeds};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tracuu_serve::{ConnectionLimits, ServeConfig};

/// Sends raw bytes and reads until the server closes (or 10 s pass); returns what came back.
async fn raw_exchange(server: &TestServer, request: &[u8]) -> String {
    let addr = server.base.trim_start_matches("http://");
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    // The server may answer before it has read everything; a failed write is fine then.
    let _ = stream.write_all(request).await;
    let mut out = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut out)).await;
    String::from_utf8_lossy(&out).into_owned()
}

#[tokio::test]
async fn too_many_filters_are_refused_before_any_work_and_pages_stay_small() {
    let server = TestServer::start().await;
    // The review's 51 KB URL: 4,000 sources.
    let sources: Vec<String> = (0..4000).map(|i| format!("source=s{i}")).collect();
    let path = format!("/api/search?{}", sources.join("&"));
    assert!(path.len() > 40_000);
    let (status, _, body) = raw_get(&server, &path).await;
    assert_eq!(status, 414, "{body}");
    let small = format!("/api/search?{}", sources[..11].join("&"));
    assert_eq!(server.get_error(&small, 400).await, "too_many_filters");
    let (status, content_type, page) = server.get(&format!("/?{}", sources[..11].join("&"))).await;
    assert_eq!(status, 400);
    assert!(content_type.starts_with("text/html"));
    assert!(
        page.contains("Quá nhiều bộ lọc “source”: tối đa 10 giá trị"),
        "{page}"
    );
    assert!(page.len() < 20_000, "{} bytes", page.len());

    // The largest search the caps allow still makes a page of bounded size.
    let mut filters: Vec<String> = vec![
        "source=songoaivu.quangnam.gov.vn".into(),
        "province=Qu%E1%BA%A3ng+Nam".into(),
    ];
    for i in 1..10 {
        filters.push(format!("source={}{i}", "Qu%E1%BA%A3ng+Nam+".repeat(11)));
    }
    filters.extend(
        other_names("province")
            .into_iter()
            .flatten()
            .map(|n| format!("province={n}")),
    );
    let real = [
        ("ref", "36-NQ%2FTW"),
        ("type", "Ngh%E1%BB%8B+quy%E1%BA%BFt"),
        ("year", "2023"),
    ];
    for (facet, value) in real {
        filters.push(format!("{facet}={value}"));
        if let Some(names) = other_names(facet) {
            filters.extend(names.map(|n| format!("{facet}={n}")));
            continue;
        }
        for i in 1..10 {
            let fake = if facet == "year" {
                format!("19{i:02}")
            } else {
                format!("{}{i}", "Ngh%E1%BB%8B+quy%E1%BA%BFt+".repeat(8))
            };
            filters.push(format!("{facet}={fake}"));
        }
    }
    let q =
        "ng%C6%B0%E1%BB%9Di+Vi%E1%BB%87t+Nam+%E1%BB%9F+n%C6%B0%E1%BB%9Bc+ngo%C3%A0i+".repeat(30);
    let url = format!("/?q={q}&{}", filters.join("&"));
    let (status, _, page) = server.get(&url).await;
    assert_eq!(status, 200, "{}", &page[..page.len().min(500)]);
    assert!(page.contains("Tìm thấy"), "the search matches");
    eprintln!(
        "the largest page the limits allow here: {} bytes for a {}-byte URL",
        page.len(),
        url.len()
    );
    assert!(page.len() < 3_000_000, "{} bytes", page.len());
}

/// GET through a raw connection (for URLs longer than a client library sends).
/// Nine real names besides the test's own, for the facets whose values must name one (a
/// province, a document type); the other facets take values no article has.
fn other_names(facet: &str) -> Option<[&'static str; 9]> {
    match facet {
        "province" => Some([
            "da+nang",
            "ha+noi",
            "khanh+hoa",
            "quang+ngai",
            "binh+dinh",
            "kon+tum",
            "gia+lai",
            "dak+lak",
            "quang+tri",
        ]),
        "type" => Some([
            "nghi+dinh",
            "quyet+dinh",
            "chi+thi",
            "ket+luan",
            "thong+tu",
            "cong+van",
            "luat",
            "quy+dinh",
            "huong+dan",
        ]),
        _ => None,
    }
}

async fn raw_get(server: &TestServer, path: &str) -> (u16, String, String) {
    let request = format!("GET {path} HTTP/1.1\r\nhost: localhost\r\nconnection: close\r\n\r\n");
    let answer = raw_exchange(server, request.as_bytes()).await;
    let status = answer
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let (head, body) = answer.split_once("\r\n\r\n").unwrap_or((&answer, ""));
    (status, head.to_lowercase(), body.to_string())
}

#[tokio::test]
async fn oversized_request_lines_and_headers_get_the_json_error_shape() {
    let server = TestServer::start().await;
    let (status, head, body) =
        raw_get(&server, &format!("/api/search?q={}", "a".repeat(70_000))).await;
    assert_eq!(status, 414);
    assert!(head.contains("content-type: application/json"), "{head}");
    let json: serde_json::Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(json["error"]["code"], "uri_too_long");
    // Written before the router sees the request, yet with the headers every other answer has.
    let normal = client()
        .get(server.url("/healthz"))
        .send()
        .await
        .expect("GET");
    let expected: Vec<String> = [
        "content-security-policy",
        "referrer-policy",
        "x-frame-options",
    ]
    .iter()
    .map(|name| {
        let value = normal.headers()[*name].to_str().expect("ASCII header");
        format!("{name}: {value}")
    })
    .collect();
    assert!(expected[0].contains("script-src 'self'"), "{expected:?}");
    for header in &expected {
        assert!(
            head.contains(&header.to_lowercase()),
            "414 lacks {header}: {head}"
        );
    }

    let mut request = String::from("GET /healthz HTTP/1.1\r\nhost: localhost\r\n");
    for i in 0..1200 {
        request.push_str(&format!("x-kieu-bao-{i}: người Việt Nam ở nước ngoài\r\n"));
    }
    request.push_str("\r\n");
    let answer = raw_exchange(&server, request.as_bytes()).await;
    assert!(answer.starts_with("HTTP/1.1 431 "), "{answer}");
    let (head, body) = answer.split_once("\r\n\r\n").unwrap_or((&answer, ""));
    let head = head.to_lowercase();
    for header in &expected {
        assert!(
            head.contains(&header.to_lowercase()),
            "431 lacks {header}: {head}"
        );
    }
    let json: serde_json::Value = serde_json::from_str(body).expect("JSON");
    assert_eq!(json["error"]["code"], "headers_too_large");
    // The server goes on answering.
    assert_eq!(server.get_json("/healthz").await["status"], "ok");
}

#[tokio::test]
async fn silent_and_slow_connections_are_closed_after_the_header_timeout() {
    let limits = ConnectionLimits {
        header_timeout: Duration::from_secs(1),
        max_connections: 1000,
    };
    let server = TestServer::start_on(&[seeds()], ServeConfig::default(), limits).await;
    let addr = server.base.trim_start_matches("http://").to_string();
    let started = Instant::now();
    let mut silent = TcpStream::connect(&addr).await.expect("connect");
    let mut buf = [0u8; 64];
    let n = tokio::time::timeout(Duration::from_secs(10), silent.read(&mut buf))
        .await
        .expect("closed within 10 s");
    assert_eq!(n.ok(), Some(0), "a silent connection is closed");
    assert!(started.elapsed() < Duration::from_secs(5));

    // One byte every 300 ms: the head would be whole after 13 s, far past the 1 s timeout. The
    // server must close the connection within the timeout (plus a generous margin), whatever the
    // client is still sending.
    let bound = limits.header_timeout + CLOSE_MARGIN;
    let (closed, answer) = trickle_until_closed(
        &addr,
        b"GET /healthz HTTP/1.1\r\nhost: localhost\r\n\r\n",
        Duration::from_millis(300),
        bound + Duration::from_secs(5),
    )
    .await;
    assert!(
        closed.is_some_and(|at| at <= bound),
        "a head trickled in must be cut off within {bound:?}; closed after {closed:?}"
    );
    assert!(!answer.contains("200 OK"), "{answer}");
}

/// How much later than its timeout the server may close a connection: scheduling on a loaded
/// machine, not speed, so generous.
const CLOSE_MARGIN: Duration = Duration::from_secs(3);

/// Connects and sends `head` one byte every `gap`, reading all the while. Returns how long after
/// connecting the server closed the connection (end of input, or an error reading or writing),
/// `None` if it was still open after `give_up`, and what it answered meanwhile.
async fn trickle_until_closed(
    addr: &str,
    head: &[u8],
    gap: Duration,
    give_up: Duration,
) -> (Option<Duration>, String) {
    let started = Instant::now();
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    let (mut reader, mut writer) = stream.split();
    let mut answer = Vec::new();
    let mut buf = [0u8; 1024];
    let mut sent = 0;
    let mut tick = tokio::time::interval(gap);
    let closed = loop {
        if started.elapsed() > give_up {
            break None;
        }
        tokio::select! {
            read = reader.read(&mut buf) => match read {
                Ok(0) | Err(_) => break Some(started.elapsed()),
                Ok(n) => answer.extend_from_slice(&buf[..n]),
            },
            _ = tick.tick() => {
                if let Some(byte) = head.get(sent) {
                    if writer.write_all(&[*byte]).await.is_err() {
                        break Some(started.elapsed());
                    }
                    sent += 1;
                }
            }
        }
    };
    (closed, String::from_utf8_lossy(&answer).into_owned())
}

#[tokio::test]
async fn an_idle_keep_alive_connection_is_closed_after_the_header_timeout() {
    let limits = ConnectionLimits {
        header_timeout: Duration::from_secs(1),
        max_connections: 1000,
    };
    let server = TestServer::start_on(&[seeds()], ServeConfig::default(), limits).await;
    let addr = server.base.trim_start_matches("http://");
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    stream
        .write_all(b"GET /api/search?q=ki%E1%BB%81u+b%C3%A0o&per_page=1 HTTP/1.1\r\nhost: localhost\r\n\r\n")
        .await
        .expect("send a whole request");
    // Read exactly one whole response (its head, then content-length bytes), leaving the
    // connection open as a kept-alive client would.
    let mut received = Vec::new();
    let mut buf = [0u8; 4096];
    let (head_len, body_len) = loop {
        let n = tokio::time::timeout(Duration::from_secs(10), stream.read(&mut buf))
            .await
            .expect("an answer within 10 s")
            .expect("read");
        assert!(n > 0, "closed before answering");
        received.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&received).into_owned();
        if let Some((head, _)) = text.split_once("\r\n\r\n") {
            let head = head.to_lowercase();
            assert!(head.starts_with("http/1.1 200"), "{head}");
            assert!(!head.contains("connection: close"), "kept alive: {head}");
            let length = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse::<usize>().ok())
                .expect("content-length");
            break (head.len() + 4, length);
        }
    };
    while received.len() < head_len + body_len {
        let n = stream.read(&mut buf).await.expect("read the body");
        assert!(n > 0, "closed in the middle of the body");
        received.extend_from_slice(&buf[..n]);
    }
    let json: serde_json::Value = serde_json::from_slice(&received[head_len..]).expect("JSON");
    let snippet = json["hits"][0]["snippet"].as_str().unwrap_or_default();
    assert!(snippet.to_lowercase().contains("kiều bào</mark>"), "{json}");
    let answered = Instant::now();
    // Now idle: the server closes it once the timeout for the next head has run out.
    let bound = limits.header_timeout + CLOSE_MARGIN;
    let end = tokio::time::timeout(bound + Duration::from_secs(5), stream.read(&mut buf)).await;
    let idle = answered.elapsed();
    assert!(
        matches!(end, Ok(Ok(0) | Err(_))),
        "an idle kept-alive connection is closed by the server: {end:?} after {idle:?}"
    );
    assert!(
        idle <= bound,
        "closed {idle:?} after its answer; the bound is {bound:?}"
    );
}

#[tokio::test]
async fn at_the_connection_limit_idle_connections_make_room_for_real_requests() {
    let limits = ConnectionLimits {
        header_timeout: Duration::from_secs(60),
        max_connections: 8,
    };
    let server = TestServer::start_on(&[seeds()], ServeConfig::default(), limits).await;
    let addr = server.base.trim_start_matches("http://").to_string();
    let mut silent = Vec::new();
    for _ in 0..30 {
        silent.push(TcpStream::connect(&addr).await.expect("connect"));
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    let started = Instant::now();
    for _ in 0..10 {
        let json = server.get_json("/api/search?q=kieu+bao").await;
        assert!(json["total"].as_u64().is_some_and(|t| t > 0));
    }
    // Far sooner than the 60 s the silent connections would otherwise be held.
    assert!(started.elapsed() < Duration::from_secs(20));
    drop(silent);
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let server = TestServer::start().await;
    for path in [
        "/",
        "/?q=kieu+bao",
        "/api/search?q=kieu+bao",
        "/static/app.js",
        "/khong-co",
        "/favicon.ico",
    ] {
        let response = client().get(server.url(path)).send().await.expect("GET");
        let headers = response.headers();
        let csp = headers
            .get("content-security-policy")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        assert!(csp.contains("script-src 'self'"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert_eq!(
            headers.get("x-content-type-options").map(|v| v.as_bytes()),
            Some(&b"nosniff"[..]),
            "{path}"
        );
        assert!(headers.get("referrer-policy").is_some(), "{path}");
    }
    let response = client()
        .get(server.url("/favicon.ico"))
        .send()
        .await
        .expect("GET");
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(response.headers()["content-type"], "image/x-icon");
    assert!(
        response
            .bytes()
            .await
            .expect("icon")
            .starts_with(&[0, 0, 1, 0])
    );
}

#[tokio::test]
async fn an_export_over_its_budget_is_cut_off_not_passed_off_as_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("many.jsonl");
    write_corpus_from_seeds(&corpus, 1_200);
    let config = ServeConfig {
        export_budget: Duration::from_nanos(1),
        request_timeout: Duration::from_secs(30),
        ..ServeConfig::default()
    };
    let server = TestServer::start_on(
        std::slice::from_ref(&corpus),
        config,
        ConnectionLimits::default(),
    )
    .await;
    let response = client()
        .get(server.url("/api/search.csv?q=nguoi+viet+nam&limit=10000"))
        .send()
        .await
        .expect("GET");
    assert_eq!(response.status().as_u16(), 200);
    let body = response.text().await;
    assert!(
        body.is_err(),
        "the download ends in an error, not as if complete"
    );

    // With the default budget the same export is whole.
    let whole = TestServer::start_on(
        &[corpus],
        ServeConfig::default(),
        ConnectionLimits::default(),
    )
    .await;
    let (status, _, csv) = whole
        .get("/api/search.csv?q=nguoi+viet+nam&limit=10000")
        .await;
    assert_eq!(status, 200);
    let rows = csv::Reader::from_reader(csv.as_bytes()).records().count();
    assert_eq!(rows, 1_200, "every hit");
}

#[tokio::test]
async fn csv_exports_neutralise_formulas_and_script_urls_are_never_indexed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("hostile.jsonl");
    let lines = [
        serde_json::json!({"url": "https://quangnam.gov.vn/a", "title": "=HYPERLINK(\"http://x.vn\",\"Kiều bào\")",
            "body": "@SUM(1+1) kiều bào Quảng Nam đóng góp cho quê hương.", "agency": "+UBND tỉnh Quảng Nam"}),
        serde_json::json!({"url": "javascript:alert(document.cookie)", "title": "Kiều bào nhấn vào đây",
            "body": "Kiều bào nhấn vào đây để xem."}),
        serde_json::json!({"url": "data:text/html,<script>alert(1)</script>", "title": "Kiều bào xem tiếp",
            "body": "Kiều bào xem tiếp."}),
    ];
    let text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    std::fs::write(&corpus, text.join("\n")).expect("write");
    let server = TestServer::start_on(
        &[corpus],
        ServeConfig::default(),
        ConnectionLimits::default(),
    )
    .await;
    let (_, _, csv) = server.get("/api/search.csv?q=kieu+bao").await;
    let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(csv.as_bytes())
        .records()
        .collect::<Result<_, _>>()
        .expect("CSV");
    assert_eq!(rows.len(), 1, "only the http(s) article was indexed");
    assert_eq!(&rows[0][2], "'=HYPERLINK(\"http://x.vn\",\"Kiều bào\")");
    assert_eq!(&rows[0][5], "'+UBND tỉnh Quảng Nam");
    assert!(rows[0][8].starts_with("'@SUM"), "{}", &rows[0][8]);
    let (_, _, page) = server.get("/?q=kieu+bao").await;
    assert!(
        !page.contains("javascript:") && !page.contains("data:text"),
        "{page}"
    );
}

#[tokio::test]
async fn an_over_long_body_is_cut_at_indexing_and_searches_stay_small() {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("huge.jsonl");
    let paragraph =
        "Kiều bào ở nước ngoài luôn hướng về quê hương Quảng Nam, đóng góp cho sự phát triển. ";
    let body = paragraph.repeat(4 * 1024 * 1024 / paragraph.len());
    let line = serde_json::json!({"url": "https://quangnam.gov.vn/rat-dai", "title": "Bài rất dài về kiều bào", "body": body});
    std::fs::write(&corpus, line.to_string()).expect("write");
    let server = TestServer::start_on(
        &[corpus],
        ServeConfig::default(),
        ConnectionLimits::default(),
    )
    .await;
    let json = server.get_json("/api/search?q=kieu+bao").await;
    assert_eq!(json["total"], 1);
    let snippet = json["hits"][0]["snippet"].as_str().unwrap_or_default();
    assert!(snippet.contains("<mark>Kiều bào</mark>"), "{snippet}");
    assert!(snippet.chars().count() < 400);
    let id = json["hits"][0]["id"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let article = server.get_json(&format!("/api/articles/{id}")).await;
    let kept = article["body"].as_str().unwrap_or_default().len();
    assert!(
        kept <= tracuu_index::article::MAX_BODY_BYTES && kept > 1_000_000,
        "{kept}"
    );
}

#[tokio::test]
async fn empty_form_fields_are_absent_and_errors_say_why_in_both_languages() {
    let server = TestServer::start().await;
    let json = server
        .get_json("/api/search?q=&from=&to=&sort=&year=&source=")
        .await;
    assert_eq!(json["total"], 5);
    let (status, _, body) = server
        .get(&format!("/api/search?q={}", "a".repeat(60)))
        .await;
    assert_eq!(status, 400);
    assert!(
        body.contains("every word is longer than 48 letters"),
        "{body}"
    );
    // The page speaks Vietnamese, errors included.
    let (status, _, page) = server
        .get("/?q=kieu+bao&from=2021-05-01&to=2021-02-01")
        .await;
    assert_eq!(status, 400);
    assert!(
        page.contains("“Từ ngày” (01/05/2021) ở sau “Đến ngày” (01/02/2021)"),
        "{page}"
    );
    assert!(!page.contains("is after"), "{page}");
    assert_eq!(
        page.matches("<h1").count(),
        1,
        "the error page has one <h1>"
    );
    let (status, _, home) = server.get("/").await;
    assert_eq!(status, 200);
    assert_eq!(home.matches("<h1").count(), 1, "the home page has one <h1>");
    let (_, _, page) = server.get("/?q=ref%3A").await;
    assert!(page.contains("ví dụ ref:36-NQ/TW"), "{page}");
    // A source is a site's host: the example is one, not a document number or a province.
    let (status, _, page) = server.get("/?q=ngh%E1%BB%8B+quy%E1%BA%BFt+source%3A").await;
    assert_eq!(status, 400);
    assert!(
        page.contains("Bộ lọc “source:” cần một giá trị, ví dụ source:quangnam.gov.vn."),
        "{page}"
    );
    // The citator reads empty paging as absent, and openapi.json says so (as for from and to).
    let report = server
        .get_json("/api/documents/36-NQ/TW?page=&per_page=")
        .await;
    assert!(report["citing"].as_u64().is_some_and(|n| n > 0), "{report}");
    let doc: serde_json::Value =
        serde_json::from_str(tracuu_serve::assets::openapi_json()).expect("openapi.json");
    let paging: Vec<&serde_json::Value> = doc["paths"]["/api/documents/{ref}"]["get"]["parameters"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|p| p["name"] == "page" || p["name"] == "per_page")
        .collect();
    assert_eq!(paging.len(), 2);
    for param in paging {
        let schema = jsonschema::validator_for(&param["schema"]).expect("a JSON Schema");
        assert!(schema.is_valid(&serde_json::json!("")), "{param}");
        assert!(schema.is_valid(&serde_json::json!(5)), "{param}");
        assert!(!schema.is_valid(&serde_json::json!("năm")), "{param}");
    }
    let (_, _, page) = server.get("/articles/khong-co").await;
    assert!(
        page.contains("Không có bài viết nào mang mã “khong-co”"),
        "{page}"
    );
}

#[tokio::test]
async fn an_unclosed_quote_searches_to_the_end_of_the_query() {
    let server = TestServer::start().await;
    // Pasted with an opening quote and no closing one.
    let json = server
        .get_json(
            "/api/search?q=%E2%80%9CBan+Th%C6%B0%E1%BB%9Dng+v%E1%BB%A5+T%E1%BB%89nh+%E1%BB%A7y",
        )
        .await;
    assert_eq!(json["total"], 1);
    let (status, _, page) = server.get("/?q=%22ngh%E1%BB%8B+quy%E1%BA%BFt").await;
    assert_eq!(status, 200);
    assert!(!page.contains("Không thể tìm kiếm"));
}

#[tokio::test]
async fn the_page_keeps_the_search_on_the_way_back_and_has_no_empty_filter_panel() {
    let server = TestServer::start().await;
    let (_, _, page) = server.get("/?q=kieu+bao&ref=36-NQ%2FTW").await;
    assert!(page.contains("<h1"), "every page has a level-one heading");
    assert!(
        page.contains(r##"href="#facets""##),
        "a Lọc control leads to the filters"
    );
    let link = page
        .split("href=\"/articles/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a hit links to its article");
    let link = link.replace("&amp;", "&");
    assert!(link.contains("?q=kieu+bao&ref=36-NQ%2FTW"), "{link}");
    let (status, _, article) = server.get(&format!("/articles/{link}")).await;
    assert_eq!(status, 200);
    assert!(
        article.contains(r#"href="/?q=kieu+bao&amp;ref=36-NQ%2FTW">← Tìm kiếm khác"#),
        "{article}"
    );
    let (status, _, empty) = server.get("/?q=xyzzy+plugh+quux").await;
    assert_eq!(status, 200);
    assert!(empty.contains("Không tìm thấy bài viết nào"));
    assert!(!empty.contains("Lọc kết quả"), "no empty filter panel");
    assert!(empty.contains("<h1"));
}

#[tokio::test]
async fn past_the_export_limit_another_export_is_refused_as_busy() {
    // Rows of about 9 KB (the source URL is long), 500 to a batch: the first batch alone is more
    // than a socket holds, so an export whose reader stops reading stays open, holding its slot.
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("long-urls.jsonl");
    let slug = "kieu-bao-quang-nam-dong-gop-xay-dung-que-huong-".repeat(190);
    let lines: Vec<String> = (0..3_500)
        .map(|i| {
            serde_json::json!({
                "url": format!("https://quangnam.gov.vn/tin-tuc/{slug}{i}.html"),
                "title": format!("Kiều bào Quảng Nam về quê đón Tết (bản {i})"),
                "body": "Kiều bào ở nước ngoài luôn hướng về quê hương Quảng Nam, đóng góp cho sự phát triển của tỉnh.",
                "published": "2023-12-27",
            })
            .to_string()
        })
        .collect();
    std::fs::write(&corpus, lines.join("\n")).expect("write");
    let config = ServeConfig {
        max_exports: 1,
        ..ServeConfig::default()
    };
    let server = TestServer::start_on(&[corpus], config, ConnectionLimits::default()).await;
    let addr: std::net::SocketAddr = server
        .base
        .trim_start_matches("http://")
        .parse()
        .expect("address");

    // The first export: a client that reads the answer's head, then nothing more.
    let socket = tokio::net::TcpSocket::new_v4().expect("socket");
    socket.set_recv_buffer_size(16 * 1024).expect("SO_RCVBUF");
    let mut held = socket.connect(addr).await.expect("connect");
    held.write_all(b"GET /api/search.csv?q=kieu+bao HTTP/1.1\r\nhost: localhost\r\n\r\n")
        .await
        .expect("send");
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = tokio::time::timeout(Duration::from_secs(30), held.read(&mut buf))
            .await
            .expect("the export starts within 30 s")
            .expect("read");
        assert!(n > 0, "closed before the export started");
        head.extend_from_slice(&buf[..n]);
    }
    assert!(
        head.starts_with(b"HTTP/1.1 200 "),
        "{}",
        String::from_utf8_lossy(&head)
    );

    // While it is open, a second export gets the JSON error, not a second slot.
    let (status, content_type, body) = server.get("/api/search.csv?q=kieu+bao&limit=1").await;
    assert_eq!(status, 503, "{body}");
    assert!(
        content_type.starts_with("application/json"),
        "{content_type}"
    );
    let json: serde_json::Value = serde_json::from_str(&body).expect("JSON error");
    assert_eq!(json["error"]["code"], "busy", "{json}");
    assert!(
        json["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("exports")),
        "{json}"
    );

    // The slot comes back once that reader is gone.
    drop(held);
    let started = Instant::now();
    loop {
        let (status, _, csv) = server.get("/api/search.csv?q=kieu+bao&limit=1").await;
        if status == 200 {
            assert!(csv.contains("Kiều bào Quảng Nam về quê đón Tết"), "{csv}");
            break;
        }
        assert_eq!(status, 503, "{csv}");
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the slot is still taken 20 s after its reader left"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test]
async fn a_full_page_of_hits_for_the_longest_search_allowed_stays_small() {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("many.jsonl");
    // A fifth of these are copies of the seed that holds every filter below: 120 matches.
    write_corpus_from_seeds(&corpus, 600);
    let server = TestServer::start_on(
        std::slice::from_ref(&corpus),
        ServeConfig::default(),
        ConnectionLimits::default(),
    )
    .await;
    // The longest query allowed (980 of 1,000 characters), 100 hits a page, and every facet
    // given its 10 values (real names where a value must name one, the rest as long as the
    // request line still fits in 16 KiB).
    let q =
        "ng%C6%B0%E1%BB%9Di+Vi%E1%BB%87t+Nam+%E1%BB%9F+n%C6%B0%E1%BB%9Bc+ngo%C3%A0i+".repeat(35);
    let real = [
        ("source", "songoaivu.quangnam.gov.vn"),
        ("province", "Qu%E1%BA%A3ng+Nam"),
        ("ref", "36-NQ%2FTW"),
        ("type", "Ngh%E1%BB%8B+quy%E1%BA%BFt"),
        ("year", "2023"),
    ];
    let mut filters = Vec::new();
    for (facet, value) in real {
        filters.push(format!("{facet}={value}"));
        if let Some(names) = other_names(facet) {
            filters.extend(names.map(|n| format!("{facet}={n}")));
            continue;
        }
        for i in 1..10 {
            filters.push(if facet == "year" {
                format!("year=19{i:02}")
            } else {
                // 77 characters (at most 200), 685 bytes as sent: "ệ" is 9.
                format!("{facet}={}{i}", "%E1%BB%87".repeat(76))
            });
        }
    }
    let url = format!("/?q={q}&per_page=100&{}", filters.join("&"));
    let request_line = format!("GET {url} HTTP/1.1").len();
    assert!(
        request_line > 15_000 && request_line < 16 * 1024,
        "{request_line} bytes: near the 16 KiB limit, within it"
    );
    let (status, _, page) = server.get(&url).await;
    assert_eq!(status, 200, "{}", &page[..page.len().min(500)]);
    assert!(page.contains("Tìm thấy"), "the search matches");
    assert_eq!(
        page.matches(r#"<li class="hit">"#).count(),
        100,
        "a full page"
    );
    eprintln!(
        "100 hits for a {}-byte URL: {} bytes",
        url.len(),
        page.len()
    );
    assert!(page.len() < 3_000_000, "{} bytes", page.len());
}
