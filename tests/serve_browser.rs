//! The web page in a real headless Chromium, driven over WebDriver (chromedriver + fantoccini).
//!
//! It types a query without diacritics, sees highlighted results with diacritics, clicks a facet
//! and sees the count change, then opens an article. A researcher's test types two queries into
//! `/trends`, sees two lines, clicks a point and lands on the search of that query and year. A
//! journalist's test opens the "Trích dẫn" view, copies a quote's citation and filters by speaker.
//! Screenshots go to `CARGO_TARGET_TMPDIR` (or `TRACUU_SCREENSHOT_DIR`) for a person to look at.
//!
//! Another test runs axe-core (npm `axe-core`, installed by `scripts/install-axe.sh` into
//! `target/tools/axe`, injected into each page by the test: no network) on the search, home,
//! article, quotes, trends, no-results and error pages at desktop and phone sizes, and fails on
//! any serious or critical violation.
//!
//! Needs Debian's `chromium` and `chromium-driver` (`scripts/install-chromium.sh`). Without them
//! (or without axe-core) the tests say so loudly and pass on a developer machine, but fail under
//! CI (`CI` set), where both must be installed.

mod serve_support;

use std::io::Write;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;
use serve_support::{TestServer, client as http_client};

const WAIT: Duration = Duration::from_secs(20);

fn find_program(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// Stops chromedriver when the test ends, however it ends.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

async fn start_driver(chromedriver: &Path) -> (Driver, String) {
    let port = free_port();
    let child = Command::new(chromedriver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromedriver");
    let driver = Driver(child);
    let url = format!("http://127.0.0.1:{port}");
    let started = Instant::now();
    while http_client()
        .get(format!("{url}/status"))
        .send()
        .await
        .is_err()
    {
        assert!(started.elapsed() < WAIT, "chromedriver did not start");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    (driver, url)
}

async fn connect(driver_url: &str, chromium: Option<&Path>, profile: &Path) -> Client {
    let mut options = json!({
        "args": [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "--lang=vi", "--window-size=1280,1100",
            format!("--user-data-dir={}", profile.display()),
        ],
    });
    if let Some(binary) = chromium {
        options["binary"] = json!(binary.display().to_string());
    }
    let mut caps = serde_json::Map::new();
    caps.insert("goog:chromeOptions".into(), options);
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector)
        .capabilities(caps)
        .connect(driver_url)
        .await
        .expect("a WebDriver session")
}

async fn total(browser: &Client) -> u64 {
    let el = browser.find(Locator::Css("#total")).await.expect("#total");
    el.attr("data-total")
        .await
        .expect("attr")
        .and_then(|t| t.parse().ok())
        .expect("numeric data-total")
}

async fn save_screenshot(browser: &Client, dir: &Path, name: &str) {
    let png = browser.screenshot().await.expect("screenshot");
    let path = dir.join(name);
    std::fs::write(&path, png).expect("write screenshot");
    eprintln!("screenshot: {}", path.display());
}

/// Says loudly that a browser test is skipped, or fails under CI, where nothing may be missing.
fn skip(message: &str) {
    assert!(std::env::var_os("CI").is_none(), "{message}");
    // Written to the real stderr, past the test harness's capture, so the skip is seen.
    let banner = "!".repeat(80);
    let _ = writeln!(
        std::io::stderr(),
        "\n{banner}\n!! SKIPPED serve_browser: {message}\n{banner}\n"
    );
}

fn chromedriver() -> Option<PathBuf> {
    let found = find_program("chromedriver");
    if found.is_none() {
        skip(
            "chromedriver not found: install Debian's chromium and chromium-driver \
             (scripts/install-chromium.sh) to run the browser test",
        );
    }
    found
}

#[tokio::test]
async fn a_person_searches_without_diacritics_filters_and_opens_an_article() {
    let Some(chromedriver) = chromedriver() else {
        return;
    };
    let chromium = find_program("chromium");
    let shots = std::env::var_os("TRACUU_SCREENSHOT_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_TARGET_TMPDIR")));
    std::fs::create_dir_all(&shots).expect("screenshot dir");
    let profile = tempfile::tempdir().expect("browser profile dir");

    let server = TestServer::start().await;
    let (_driver, driver_url) = start_driver(&chromedriver).await;
    let browser = connect(&driver_url, chromium.as_deref(), profile.path()).await;

    browser
        .goto(&server.url("/"))
        .await
        .expect("open the search page");
    assert_eq!(
        total(&browser).await,
        5,
        "an empty query lists every article"
    );
    let input = browser.find(Locator::Css("#q")).await.expect("search box");
    input
        .send_keys("nguoi viet nam o nuoc ngoai")
        .await
        .expect("type");

    // The script updates the results as the user types, without a page load.
    let started = Instant::now();
    loop {
        let url = browser.current_url().await.expect("url");
        if url
            .query()
            .is_some_and(|q| q.contains("nguoi+viet+nam+o+nuoc+ngoai"))
        {
            break;
        }
        assert!(
            started.elapsed() < WAIT,
            "typing did not update the results (url {url})"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(total(&browser).await, 5);
    let marks = browser
        .find_all(Locator::Css(".hit mark"))
        .await
        .expect("marks");
    let mut marked = Vec::new();
    for mark in &marks {
        marked.push(mark.text().await.expect("mark text").to_lowercase());
    }
    assert!(
        marked
            .iter()
            .any(|m| m.contains("người việt nam ở nước ngoài")),
        "highlights lack diacritics: {marked:?}"
    );
    let copy = browser
        .find(Locator::Css(".hit button.copy"))
        .await
        .expect("copy button");
    assert!(
        copy.is_displayed().await.expect("displayed"),
        "the script shows the copy-citation button"
    );
    save_screenshot(&browser, &shots, "search.png").await;

    // A facet is a link with a count; clicking it filters.
    let facet = browser
        .find(Locator::Css(
            r#"a[data-facet="ref"][data-value="36-NQ/TW"]"#,
        ))
        .await
        .expect("ref facet");
    let count: u64 = facet
        .find(Locator::Css(".count"))
        .await
        .expect("count")
        .text()
        .await
        .expect("text")
        .parse()
        .expect("n");
    assert_eq!(count, 2);
    facet.click().await.expect("click the facet");
    browser
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(r#"#total[data-total="2"]"#))
        .await
        .expect("count changes to 2");
    let url = browser.current_url().await.expect("url");
    assert!(
        url.as_str().contains("ref=36-NQ%2FTW"),
        "the filter is in the shareable URL: {url}"
    );

    browser.set_window_size(390, 844).await.expect("phone size");
    save_screenshot(&browser, &shots, "phone.png").await;
    browser
        .set_window_size(1280, 1100)
        .await
        .expect("desktop size");

    // Opening a hit shows the whole article with the documents it cites.
    let first = browser
        .find(Locator::Css(".hit h3 a"))
        .await
        .expect("first hit");
    let title = first.text().await.expect("title");
    first.click().await.expect("open the article");
    let h1 = browser
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("article.full h1"))
        .await
        .expect("article page");
    assert_eq!(h1.text().await.expect("h1"), title);
    browser
        .find(Locator::Css(r#".cited a[href="/?ref=36-NQ%2FTW"]"#))
        .await
        .expect("a link to search the cited resolution");
    let body = browser
        .find(Locator::Css(".body"))
        .await
        .expect("body")
        .text()
        .await
        .expect("text");
    assert!(
        body.contains("người Việt Nam ở nước ngoài"),
        "the full text is shown"
    );
    save_screenshot(&browser, &shots, "article.png").await;

    // "← Tìm kiếm khác" goes back to the search, filter included.
    browser
        .find(Locator::Css("nav.back a"))
        .await
        .expect("back link")
        .click()
        .await
        .expect("go back");
    browser
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(r#"#total[data-total="2"]"#))
        .await
        .expect("the filtered search again");
    let q = browser.find(Locator::Css("#q")).await.expect("search box");
    assert_eq!(
        q.prop("value").await.expect("value").as_deref(),
        Some("nguoi viet nam o nuoc ngoai")
    );

    // Typing a query that is not complete yet ("year:") never swaps the results for an error.
    q.send_keys(" year:").await.expect("type");
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert!(
        browser.find(Locator::Css("#results .error")).await.is_err(),
        "an error box appeared while typing"
    );
    assert_eq!(total(&browser).await, 2, "the results stay");

    browser.close().await.expect("end the session");
}

#[tokio::test]
async fn a_researcher_compares_two_queries_over_time_and_opens_a_point() {
    let Some(chromedriver) = chromedriver() else {
        return;
    };
    let shots = std::env::var_os("TRACUU_SCREENSHOT_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_TARGET_TMPDIR")));
    std::fs::create_dir_all(&shots).expect("screenshot dir");
    let profile = tempfile::tempdir().expect("browser profile dir");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/trends.jsonl");
    let server = TestServer::start_on(
        &[serve_support::seeds(), fixture],
        tracuu_serve::ServeConfig::default(),
        tracuu_serve::ConnectionLimits::default(),
    )
    .await;
    let (_driver, driver_url) = start_driver(&chromedriver).await;
    let browser = connect(
        &driver_url,
        find_program("chromium").as_deref(),
        profile.path(),
    )
    .await;
    browser
        .set_window_size(1100, 1000)
        .await
        .expect("window size");

    // Typed into the page's form, as a person does: two queries, by year.
    browser
        .goto(&server.url("/trends"))
        .await
        .expect("open the trends page");
    let first = browser
        .find(Locator::Css("#q0"))
        .await
        .expect("first query box");
    first.send_keys("nông thôn mới").await.expect("type");
    let second = browser
        .find(Locator::Css("#q1"))
        .await
        .expect("second query box");
    second.send_keys("chuyen doi so").await.expect("type");
    browser
        .find(Locator::Css(r#"#interval option[value="year"]"#))
        .await
        .expect("the year option")
        .click()
        .await
        .expect("choose years");
    browser
        .find(Locator::Css("#trends-form button[type=submit]"))
        .await
        .expect("the draw button")
        .click()
        .await
        .expect("draw");
    browser
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("figure.trend-chart svg"))
        .await
        .expect("a chart");
    let url = browser.current_url().await.expect("url");
    assert!(
        url.as_str()
            .contains("q=n%C3%B4ng+th%C3%B4n+m%E1%BB%9Bi&q=chuyen+doi+so&interval=year"),
        "the URL carries the state: {url}"
    );
    let series = browser
        .find_all(Locator::Css("figure.trend-chart g.series"))
        .await
        .expect("series");
    assert_eq!(series.len(), 2, "two queries, two lines");
    for line in &series {
        line.find(Locator::Css("polyline"))
            .await
            .expect("each series is a line");
    }
    let legend = browser
        .find_all(Locator::Css(".trend-legend li"))
        .await
        .expect("legend");
    assert_eq!(legend.len(), 2);
    browser
        .set_window_size(1100, 1500)
        .await
        .expect("a window the whole chart fits");
    save_screenshot(&browser, &shots, "trends.png").await;
    browser
        .set_window_size(1100, 1000)
        .await
        .expect("window size");

    // Clicking the point of "chuyen doi so" in 2021 opens the search of that query and year.
    let point = browser
        .find(Locator::Css(
            r#"a.point[data-q="chuyen doi so"][data-period="2021"]"#,
        ))
        .await
        .expect("the 2021 point");
    let expected: u64 = point
        .attr("data-count")
        .await
        .expect("attr")
        .and_then(|c| c.parse().ok())
        .expect("a count");
    assert_eq!(
        expected, 2,
        "Đà Nẵng's plan and Quảng Nam's ten-year review"
    );
    point
        .find(Locator::Css(".mark"))
        .await
        .expect("the point's mark")
        .click()
        .await
        .expect("click the point");
    browser
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(&format!(r#"#total[data-total="{expected}"]"#)))
        .await
        .expect("the search of that point");
    let url = browser.current_url().await.expect("url");
    assert_eq!(url.path(), "/");
    assert_eq!(
        url.query(),
        Some("q=chuyen+doi+so&from=2021-01-01&to=2021-12-31"),
        "the search for that query and year"
    );
    let q = browser.find(Locator::Css("#q")).await.expect("search box");
    assert_eq!(
        q.prop("value").await.expect("value").as_deref(),
        Some("chuyen doi so")
    );
    save_screenshot(&browser, &shots, "trends-point.png").await;
    browser.close().await.expect("end the session");
}

#[tokio::test]
async fn a_journalist_finds_who_said_what_and_copies_the_citation() {
    let Some(chromedriver) = chromedriver() else {
        return;
    };
    let chromium = find_program("chromium");
    let shots = std::env::var_os("TRACUU_SCREENSHOT_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_TARGET_TMPDIR")));
    std::fs::create_dir_all(&shots).expect("screenshot dir");
    let profile = tempfile::tempdir().expect("browser profile dir");
    let server = TestServer::start().await;
    let (_driver, driver_url) = start_driver(&chromedriver).await;
    let browser = connect(&driver_url, chromium.as_deref(), profile.path()).await;

    browser
        .goto(&server.url("/?q=ban+ghi+nho"))
        .await
        .expect("open the search");
    browser
        .find(Locator::Css(r#"nav.views a[data-view="Trích dẫn"]"#))
        .await
        .expect("the quotes view link")
        .click()
        .await
        .expect("open the quotes view");
    let director = "ông Huỳnh Đức Trường, Giám đốc Sở Ngoại vụ";
    let quote = browser
        .wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(&format!(
            "//li[contains(@class,'quote')][.//span[@class='speaker-name' and text()='{director}']]"
        )))
        .await
        .expect("the director's sentence, with its speaker");
    let marked = quote
        .find(Locator::Css("mark"))
        .await
        .expect("a mark")
        .text()
        .await
        .expect("text");
    assert_eq!(marked, "Bản ghi nhớ");
    // What the button copies, as the page's clipboard receives it.
    browser
        .execute(
            "window.__copied = null; navigator.clipboard.writeText = function (t) { \
             window.__copied = t; return Promise.resolve(); }; return true;",
            vec![],
        )
        .await
        .expect("watch the clipboard");
    quote
        .find(Locator::Css("button.copy"))
        .await
        .expect("copy button")
        .click()
        .await
        .expect("copy");
    let copied = browser
        .execute("return window.__copied;", vec![])
        .await
        .expect("read what was copied");
    let copied = copied.as_str().unwrap_or_default();
    assert!(
        copied.starts_with(&format!("{director}: “Chủ trì tại đầu cầu Đà Nẵng")),
        "{copied}"
    );
    assert!(copied.contains("#:~:text="), "the deep link: {copied}");
    save_screenshot(&browser, &shots, "quotes.png").await;

    // A speaker filters the quotes.
    browser
        .find(Locator::Css(&format!(
            r#"aside a[data-speaker="{director}"]"#
        )))
        .await
        .expect("the speaker filter")
        .click()
        .await
        .expect("filter");
    browser
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(r#"#total[data-total="1"]"#))
        .await
        .expect("one quote by the director");
    browser.close().await.expect("end the session");
}

/// axe-core's browser bundle, installed by `scripts/install-axe.sh`.
fn axe_source() -> Option<String> {
    let path = std::env::var_os("TRACUU_AXE_JS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("target/tools/axe/node_modules/axe-core/axe.min.js")
        });
    let source = std::fs::read_to_string(&path).ok();
    if source.is_none() {
        skip(&format!(
            "{} not found: run scripts/install-axe.sh (npm axe-core) to run the accessibility checks",
            path.display()
        ));
    }
    source
}

/// Runs axe-core on the page shown; returns its violations and the count of nodes to review.
async fn axe_run(browser: &Client, axe: &str) -> (Vec<serde_json::Value>, usize) {
    browser
        .execute(&format!("{axe}\n;return typeof axe;"), vec![])
        .await
        .expect("inject axe-core");
    let script = r#"
        const done = arguments[arguments.length - 1];
        axe.run(document, { resultTypes: ['violations', 'incomplete'] })
          .then(r => done(JSON.stringify({
            violations: r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,
              nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5) })),
            review: r.incomplete.reduce((n, v) => n + v.nodes.length, 0),
            review_ids: r.incomplete.map(v => v.id + ':' + v.nodes.length + ' ' +
              [...new Set(v.nodes.map(n => (n.any.concat(n.all, n.none).find(c => c.data && c.data.messageKey) || {data: {}}).data.messageKey + ' ' + n.target.join(' ').replace(/:nth-child\(\d+\)/g, '')))].slice(0, 6).join(' | ')),
          })))
          .catch(e => done(JSON.stringify({ error: String(e) })));
    "#;
    let raw = browser
        .execute_async(script, vec![])
        .await
        .expect("axe.run");
    let report: serde_json::Value =
        serde_json::from_str(raw.as_str().expect("a JSON string")).expect("axe report");
    assert!(report.get("error").is_none(), "axe failed: {report}");
    eprintln!("axe review: {}", report["review_ids"]);
    (
        report["violations"].as_array().cloned().unwrap_or_default(),
        usize::try_from(report["review"].as_u64().unwrap_or(0)).unwrap_or(0),
    )
}

#[tokio::test]
async fn every_page_passes_axe_core_at_desktop_and_phone_sizes() {
    let Some(chromedriver) = chromedriver() else {
        return;
    };
    let Some(axe) = axe_source() else {
        return;
    };
    let profile = tempfile::tempdir().expect("browser profile dir");
    let server = TestServer::start().await;
    let (_driver, driver_url) = start_driver(&chromedriver).await;
    let browser = connect(
        &driver_url,
        find_program("chromium").as_deref(),
        profile.path(),
    )
    .await;
    let pages = [
        ("home", "/"),
        ("search", "/?q=nguoi+viet+nam+o+nuoc+ngoai"),
        ("filtered", "/?q=kieu+bao&ref=36-NQ%2FTW&sort=newest"),
        ("quotes", "/?q=ban+ghi+nho&view=quotes"),
        ("closest below a short answer", "/?q=ban+ghi+nho"),
        ("article", "/articles/8ffa0c58b17de14e?q=kieu+bao"),
        ("no results", "/?q=xyzzy+plugh"),
        ("error", "/?q=kieu+bao&from=2021-05-01&to=2021-02-01"),
        ("missing article", "/articles/khong-co"),
        ("missing page", "/khong-co-trang-nay"),
        (
            "trends",
            "/trends?q=kieu+bao&q=ng%C6%B0%E1%BB%9Di+Vi%E1%BB%87t+Nam&q=UBND&interval=year&scale=share",
        ),
        (
            "trends by month",
            "/trends?q=nguoi+viet+nam+o+nuoc+ngoai&q=kieu+bao",
        ),
        ("trends form", "/trends"),
        ("trends error", "/trends?q=kieu+bao&interval=tuan"),
        (
            "timeline by year as shares",
            "/?q=nguoi+viet+nam+o+nuoc+ngoai&interval=year&scale=share",
        ),
    ];
    let mut failures = Vec::new();
    for (width, height, size) in [(1280, 1100, "desktop"), (390, 844, "phone")] {
        browser
            .set_window_size(width, height)
            .await
            .expect("window size");
        for (name, path) in pages {
            browser
                .goto(&server.url(path))
                .await
                .expect("open the page");
            let (violations, review) = axe_run(&browser, &axe).await;
            eprintln!(
                "axe {name} ({size}): {} violations, {review} nodes to review",
                violations.len()
            );
            for v in violations {
                eprintln!("  {v}");
                if matches!(v["impact"].as_str(), Some("serious" | "critical")) {
                    failures.push(format!("{name} ({size}): {v}"));
                }
            }
        }
    }
    browser.close().await.expect("end the session");
    assert!(
        failures.is_empty(),
        "serious or critical accessibility violations:\n{}",
        failures.join("\n")
    );
}

/// The citator from the search page: the ref facet's "›" opens the cited document's page, whose
/// count is the facet's, whose citing articles show the sentence that cites it, and which passes
/// axe-core (when installed) at desktop and phone sizes.
#[tokio::test]
async fn a_ref_facet_opens_the_cited_documents_page() {
    let Some(chromedriver) = chromedriver() else {
        return;
    };
    let shots = std::env::var_os("TRACUU_SCREENSHOT_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_TARGET_TMPDIR")));
    std::fs::create_dir_all(&shots).expect("screenshot dir");
    let profile = tempfile::tempdir().expect("browser profile dir");
    let server = TestServer::start().await;
    let (_driver, driver_url) = start_driver(&chromedriver).await;
    let browser = connect(
        &driver_url,
        find_program("chromium").as_deref(),
        profile.path(),
    )
    .await;
    browser.set_window_size(1280, 1100).await.expect("size");
    browser
        .goto(&server.url("/?q=nguoi+viet+nam+o+nuoc+ngoai"))
        .await
        .expect("open the search page");
    let facet_count = browser
        .find(Locator::Css(
            r#"a[data-facet="ref"][data-value="36-NQ/TW"] .count"#,
        ))
        .await
        .expect("ref facet")
        .text()
        .await
        .expect("count");
    browser
        .find(Locator::Css(r#"a.doc-link[href="/documents/36-NQ/TW"]"#))
        .await
        .expect("the facet's link to the document page")
        .click()
        .await
        .expect("open the document page");
    let summary = browser
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("#citing"))
        .await
        .expect("the document page");
    assert_eq!(
        summary.attr("data-citing").await.expect("attr").as_deref(),
        Some(facet_count.as_str()),
        "the page counts what the facet counts"
    );
    let h1 = browser.find(Locator::Css("h1")).await.expect("h1");
    assert_eq!(h1.text().await.expect("h1"), "Nghị quyết 36-NQ/TW");
    let decoded = browser
        .find(Locator::Css("dl.decoded"))
        .await
        .expect("decoded number")
        .text()
        .await
        .expect("text");
    assert!(decoded.contains("Ban Chấp hành Trung ương"), "{decoded}");
    let marked = browser
        .find_all(Locator::Css(".citing-sentence mark"))
        .await
        .expect("marks");
    assert_eq!(marked.len(), 2, "each citing article shows its sentence");
    save_screenshot(&browser, &shots, "document.png").await;
    if let Some(axe) = axe_source() {
        for (width, height, size) in [(1280, 1100, "desktop"), (390, 844, "phone")] {
            browser.set_window_size(width, height).await.expect("size");
            let (violations, _) = axe_run(&browser, &axe).await;
            let serious: Vec<_> = violations
                .iter()
                .filter(|v| matches!(v["impact"].as_str(), Some("serious" | "critical")))
                .collect();
            assert!(serious.is_empty(), "document page ({size}): {serious:?}");
        }
        save_screenshot(&browser, &shots, "document-phone.png").await;
    }
    browser.close().await.expect("end the session");
}
