//! `tracuu crawl` against a fixture site served on loopback by the test itself.
//!
//! Five page layouts modelled on the portals carry the five seed articles with their real noise
//! (menus, breadcrumbs, related news, share bars, captions, "Phiên bản di động"), next to the
//! traps a crawler meets: robots.txt with Disallow and Crawl-delay, a gzipped sitemap behind a
//! sitemap index, an RSS feed, a paginated listing, a 404, a 500 that succeeds on retry, a
//! redirect chain and a redirect loop, a 20 MB page, a PDF, Windows-1258, TCVN3 and NFD pages, the
//! same article at two URLs and a near-copy on another portal.

use std::collections::{HashMap, HashSet};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::Response;
use tracuu_index::article::{Article, id_from_url};
use unicode_normalization::UnicodeNormalization;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/crawl");

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(FIXTURES).join(name))
        .unwrap_or_else(|err| panic!("fixture {name}: {err}"))
}

fn fixture_text(name: &str) -> String {
    String::from_utf8(fixture(name))
        .unwrap_or_else(|err| panic!("fixture {name} is not UTF-8: {err}"))
}

/// What the server saw: every request, in order.
#[derive(Default)]
struct Log {
    hits: Vec<(String, Instant, bool)>,
    failed_once: HashSet<String>,
}

struct FixtureSite {
    log: Mutex<Log>,
    big_page: Vec<u8>,
    port: Mutex<u16>,
}

const QN: &str = "/qn/index.php/tin-t-c-s-ki-n";
const SEED_TTD: &str =
    "/ttd/tang-cuong-phoi-hop-trao-doi-thong-tin-ve-nguoi-viet-nam-o-nuoc-ngoai-93079.html";
const SEED_TTD_AMP: &str =
    "/ttd/amp/tang-cuong-phoi-hop-trao-doi-thong-tin-ve-nguoi-viet-nam-o-nuoc-ngoai-93079.html";
const SEED_TQ: &str =
    "/tq/tin-tuc/lien-hiep-cac-to-chuc-huu-nghi-tinh-tuyen-quang-to-chuc-hoi-nghi-tong-ket-298";
const SEED_SNGV: &str = "/sngv/chi-tiet?dDocName=PORTAL544211";
const SEED_DN: &str = "/dn/chi-tiet?id=3423";

fn html(body: impl Into<Vec<u8>>, content_type: &str) -> (u16, String, Vec<u8>) {
    (200, content_type.to_string(), body.into())
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(bytes)
        .unwrap_or_else(|err| panic!("gzip: {err}"));
    gz.finish().unwrap_or_else(|err| panic!("gzip: {err}"))
}

/// The near-copy of the Đà Nẵng release, republished on the Quảng Nam portal with a new opening.
fn republished_release() -> String {
    let danang = fixture_text("fad-danang.html");
    let start = danang.find("<p>Sáng ngày").unwrap_or(0);
    let end = danang
        .find("<p style=\"text-align: right;\">")
        .unwrap_or(danang.len());
    let body = danang[start..end].replacen(
        "theo hình thức trực tuyến",
        "theo hình thức trực tuyến và trực tiếp",
        1,
    );
    format!(
        "<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Đà Nẵng và TP. Hồ Chí Minh ký kết hợp tác về người Việt Nam ở nước ngoài</title></head>\
         <body><ul class=\"nav menu\"><li><a href=\"/qn/\">Trang chủ</a></li></ul><div class=\"item-page\">\
         <h2 class=\"contentheading\">Đà Nẵng và TP. Hồ Chí Minh ký kết hợp tác về người Việt Nam ở nước ngoài</h2>{body}</div></body></html>"
    )
}

fn route(site: &FixtureSite, path_and_query: &str, headers: &HeaderMap) -> (u16, String, Vec<u8>) {
    let port = *site.port.lock().unwrap_or_else(|p| p.into_inner());
    let base = format!("http://127.0.0.1:{port}");
    let utf8 = "text/html; charset=utf-8";
    match path_and_query {
        "/robots.txt" => (
            200,
            "text/plain".into(),
            format!("User-agent: *\nDisallow: /private/\nCrawl-delay: 0.05\nSitemap: {base}/sitemap_index.xml\n").into_bytes(),
        ),
        "/sitemap_index.xml" => (
            200,
            "application/xml".into(),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                <sitemap><loc>{base}/sitemaps/qn.xml.gz</loc></sitemap><sitemap><loc>{base}/sitemaps/dn.xml</loc></sitemap></sitemapindex>"#
            )
            .into_bytes(),
        ),
        "/sitemaps/qn.xml.gz" => {
            let urls = ["280-t-ng-k-t", "281-nghi-quyet-36", "van-ban-36.pdf", "999-ban-tin-rat-dai", "300-ky-ket-hop-tac"];
            let entries: String = urls.iter().map(|u| format!("<url><loc>{base}{QN}/{u}</loc></url>")).collect();
            let xml = format!(r#"<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>"#);
            (200, "application/gzip".into(), gzip(xml.as_bytes()))
        }
        "/sitemaps/dn.xml" => {
            let urls = [SEED_DN, "/dn/link-cu", "/dn/vong-lap-a"];
            let entries: String = urls.iter().map(|u| format!("<url><loc>{base}{}</loc></url>", u.replace('&', "&amp;"))).collect();
            let xml = format!(r#"<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>"#);
            (200, "application/xml".into(), xml.into_bytes())
        }
        "/ttd/rss.xml" => {
            let rss = format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Kiều bào</title><link>{base}/ttd/</link>
                <item><title>Tăng cường phối hợp</title><link>{base}{SEED_TTD}</link></item>
                <item><title>Tăng cường phối hợp (AMP)</title><link>{base}{SEED_TTD_AMP}</link></item></channel></rss>"#
            );
            (200, "application/rss+xml".into(), rss.into_bytes())
        }
        "/tq/tin-tuc" | "/tq/tin-tuc?page=1" => html(
            "<html><body><ul class=\"list-news\"><li><a href=\"/tq/tin-tuc/khong-con-ton-tai-297\">Bài đã gỡ</a></li>\
                 <li><a href=\"/private/tin-noi-bo-1\">Tin nội bộ</a></li></ul>\
                 <div class=\"paging\"><a href=\"/tq/tin-tuc?page=2\">2</a> <a href=\"/tq/tin-tuc?page=2&utm_source=zalo#top\">Trang sau</a></div></body></html>",
            utf8,
        ),
        "/tq/tin-tuc?page=2" => html(
            format!("<html><body><ul><li><a href=\"{SEED_TQ}\">Liên hiệp các tổ chức hữu nghị tỉnh Tuyên Quang</a></li></ul><a href=\"/tq/tin-tuc?page=1\">1</a></body></html>"),
            utf8,
        ),
        SEED_TQ => html(fixture("tuyenquang-dfa.html"), utf8),
        "/sngv/tin-tuc" => html(format!("<html><body><a href=\"{SEED_SNGV}\">Họp tổng kết năm 2023</a></body></html>"), utf8),
        SEED_SNGV => {
            let mut log = site.log.lock().unwrap_or_else(|p| p.into_inner());
            if log.failed_once.insert(SEED_SNGV.to_string()) {
                return (500, "text/html".into(), b"<h1>Internal Server Error</h1>".to_vec());
            }
            // Decomposed Unicode, as some portals serve it.
            let nfd: String = fixture_text("songoaivu-quangnam.html").nfd().collect();
            html(nfd, utf8)
        }
        SEED_TTD => html(fixture("tuoitrethudo.html"), utf8),
        // The same article at a second URL, without rel=canonical: only the content hash can tell.
        SEED_TTD_AMP => {
            let page = fixture_text("tuoitrethudo.html");
            let page: String = page.lines().filter(|l| !l.contains("rel=\"canonical\"")).collect::<Vec<_>>().join("\n");
            html(page, utf8)
        }
        SEED_DN => {
            let etag = "\"dn-3423-v1\"";
            if headers.get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()) == Some(etag) {
                return (304, String::new(), Vec::new());
            }
            html(fixture("fad-danang.html"), utf8)
        }
        "/dn/link-cu" => (301, "location:/dn/link-cu-2".to_string(), Vec::new()),
        "/dn/link-cu-2" => (302, format!("location:{base}{SEED_DN}&utm_source=zalo"), Vec::new()),
        "/dn/vong-lap-a" => (302, "location:/dn/vong-lap-b".into(), Vec::new()),
        "/dn/vong-lap-b" => (302, "location:/dn/vong-lap-a".into(), Vec::new()),
        p if p == format!("{QN}/280-t-ng-k-t") => html(fixture("ngoaivu-quangnam.html"), "text/html"),
        p if p == format!("{QN}/281-nghi-quyet-36") => html(fixture("tcvn3.html"), "text/html"),
        p if p == format!("{QN}/van-ban-36.pdf") => (200, "application/pdf".into(), b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec()),
        p if p == format!("{QN}/999-ban-tin-rat-dai") => (200, utf8.into(), site.big_page.clone()),
        p if p == format!("{QN}/300-ky-ket-hop-tac") => html(republished_release(), utf8),
        _ => (404, "text/html".into(), b"<h1>Kh\xc3\xb4ng t\xc3\xacm th\xe1\xba\xa5y trang</h1>".to_vec()),
    }
}

async fn serve(State(site): State<Arc<FixtureSite>>, uri: Uri, headers: HeaderMap) -> Response {
    let path_and_query = uri
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_default();
    {
        let mut log = site.log.lock().unwrap_or_else(|p| p.into_inner());
        let conditional = headers.contains_key(header::IF_NONE_MATCH)
            || headers.contains_key(header::IF_MODIFIED_SINCE);
        log.hits
            .push((path_and_query.clone(), Instant::now(), conditional));
    }
    let (status, content_type, body) = route(&site, &path_and_query, &headers);
    let mut builder = Response::builder()
        .status(StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR));
    if let Some(location) = content_type.strip_prefix("location:") {
        builder = builder.header(header::LOCATION, location);
    } else if !content_type.is_empty() {
        builder = builder.header(header::CONTENT_TYPE, content_type);
    }
    if path_and_query == SEED_DN {
        builder = builder.header(header::ETAG, "\"dn-3423-v1\"");
    }
    builder
        .body(Body::from(body))
        .unwrap_or_else(|err| panic!("response: {err}"))
}

/// Starts the fixture site on a free loopback port, in a thread of its own.
fn start_site() -> (Arc<FixtureSite>, SocketAddr) {
    // The 20 MB page is built here rather than committed.
    let mut big = b"<html><body><div class=\"noi-dung\">".to_vec();
    let paragraph =
        "<p>Nội dung rất dài của một bản tin được đăng tải trên cổng thông tin điện tử.</p>\n"
            .as_bytes();
    while big.len() < 20 * 1024 * 1024 {
        big.extend_from_slice(paragraph);
    }
    big.extend_from_slice(b"</div></body></html>");
    let site = Arc::new(FixtureSite {
        log: Mutex::new(Log::default()),
        big_page: big,
        port: Mutex::new(0),
    });
    let (tx, rx) = std::sync::mpsc::channel();
    let shared = site.clone();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap_or_else(|err| panic!("runtime: {err}"));
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .unwrap_or_else(|err| panic!("bind: {err}"));
            let addr = listener
                .local_addr()
                .unwrap_or_else(|err| panic!("addr: {err}"));
            *shared.port.lock().unwrap_or_else(|p| p.into_inner()) = addr.port();
            let _ = tx.send(addr);
            let app = axum::Router::new().fallback(serve).with_state(shared);
            let _ = axum::serve(listener, app).await;
        });
    });
    let addr = rx
        .recv_timeout(Duration::from_secs(10))
        .unwrap_or_else(|err| panic!("server did not start: {err}"));
    (site, addr)
}

fn write_profiles(dir: &Path, addr: SocketAddr) -> PathBuf {
    let base = format!("http://{addr}");
    let toml = format!(
        r#"
[[site]]
name = "ngoaivuquangnam"
sitemaps = ["{base}/sitemap_index.xml"]
article_patterns = ['/qn/index\.php/tin-t-c-s-ki-n/.+']
agency = "Sở Ngoại vụ tỉnh Quảng Nam"
province = "Quảng Nam"

[[site]]
name = "songoaivu-quangnam"
start = ["{base}/sngv/tin-tuc"]
article_patterns = ['/sngv/chi-tiet\?dDocName=']
content_selector = ".news-content"
agency = "Sở Ngoại vụ tỉnh Quảng Nam"
province = "Quảng Nam"

[[site]]
name = "tuoitrethudo"
feeds = ["{base}/ttd/rss.xml"]
article_patterns = ['/ttd/.+-\d+\.html$']
agency = "Báo Tuổi trẻ Thủ đô"

[[site]]
name = "tuyenquang"
start = ["{base}/tq/tin-tuc"]
listing_patterns = ['/tq/tin-tuc\?page=\d+$']
article_patterns = ['/tq/tin-tuc/.+-\d+$', '/private/']
agency = "Sở Ngoại vụ tỉnh Tuyên Quang"
province = "Tuyên Quang"
section = "Tin tức & Sự kiện"

[[site]]
name = "fad-danang"
sitemaps = ["{base}/sitemaps/dn.xml"]
article_patterns = ['/dn/']
title_selector = "h3.title-news"
agency = "Sở Ngoại vụ thành phố Đà Nẵng"
province = "Đà Nẵng"
"#
    );
    let path = dir.join("sites.toml");
    std::fs::write(&path, toml).unwrap_or_else(|err| panic!("write profiles: {err}"));
    path
}

fn crawl_command(sites: &Path, out: &Path, delay_ms: u64) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tracuu"));
    command
        .args(["crawl", "--sites"])
        .arg(sites)
        .arg("--out")
        .arg(out)
        .args([
            "--delay-ms",
            &delay_ms.to_string(),
            "--backoff-ms",
            "50",
            "--retries",
            "2",
            "--timeout-secs",
            "20",
        ]);
    command.env("RUST_LOG", "warn");
    command
}

fn read_articles(out: &Path) -> Vec<Article> {
    let text = std::fs::read_to_string(out.join("articles.jsonl")).unwrap_or_default();
    assert!(
        text.is_empty() || text.ends_with('\n'),
        "articles.jsonl ends in a torn line"
    );
    text.lines()
        .map(|line| {
            serde_json::from_str(line)
                .unwrap_or_else(|err| panic!("bad article line {line:?}: {err}"))
        })
        .collect()
}

fn seeds() -> Vec<Article> {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/seeds.jsonl"))
        .unwrap_or_else(|err| panic!("corpus/seeds.jsonl: {err}"));
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|err| panic!("seed line: {err}")))
        .collect()
}

fn hits(site: &FixtureSite, path: &str) -> usize {
    site.log
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .hits
        .iter()
        .filter(|(p, _, _)| p == path)
        .count()
}

#[test]
fn crawl_of_the_fixture_site_yields_the_clean_seed_articles() {
    let (site, addr) = start_site();
    let dir = tempfile::tempdir().unwrap_or_else(|err| panic!("tempdir: {err}"));
    let sites = write_profiles(dir.path(), addr);
    let out = dir.path().join("out");
    let output = crawl_command(&sites, &out, 0)
        .output()
        .unwrap_or_else(|err| panic!("run tracuu: {err}"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "crawl failed: {stderr}");
    let articles = read_articles(&out);
    let by_url: HashMap<&str, &Article> = articles.iter().map(|a| (a.url.as_str(), a)).collect();
    let base = format!("http://{addr}");

    // The five seed articles, cleaned exactly as corpus/seeds.jsonl has them.
    let pages = [
        (format!("{base}{QN}/280-t-ng-k-t"), "917aa70dc9c19c5b"),
        (format!("{base}{SEED_SNGV}"), "8ffa0c58b17de14e"),
        (format!("{base}{SEED_TTD}"), "daa4be3a22619e98"),
        (format!("{base}{SEED_TQ}"), "eebf95125feb7572"),
        (format!("{base}{SEED_DN}"), "14f7d0825bab641d"),
    ];
    let seeds = seeds();
    for (url, id) in &pages {
        let want = seeds
            .iter()
            .find(|s| s.id.as_deref() == Some(*id))
            .unwrap_or_else(|| panic!("seed {id} missing"));
        // The same article at two URLs: whichever copy was fetched first is the one kept.
        let amp = url.replace("/ttd/", "/ttd/amp/");
        let got = by_url
            .get(url.as_str())
            .or_else(|| by_url.get(amp.as_str()))
            .unwrap_or_else(|| panic!("no article for {url}; got {:?}", by_url.keys()));
        assert_eq!(got.body, want.body, "body of {url}");
        assert_eq!(got.title, want.title, "title of {url}");
        assert_eq!(got.published, want.published, "date of {url}");
        assert_eq!(got.author, want.author, "author of {url}");
        assert_eq!(got.agency, want.agency, "agency of {url}");
        assert_eq!(got.province, want.province, "province of {url}");
        for noise in [
            "Tin liên quan",
            "Phiên bản di động",
            "hinh 3 copy copy",
            "Quang cảnh buổi họp",
            "Chia sẻ",
            "In bài",
            "Hình ảnh hoạt động",
        ] {
            assert!(!got.body.contains(noise), "{noise:?} left in {url}");
        }
        assert!(
            got.duplicate_of.is_none(),
            "{url} wrongly marked as a duplicate"
        );
    }
    assert_eq!(
        by_url[format!("{base}{SEED_TQ}").as_str()]
            .section
            .as_deref(),
        Some("Tin tức & Sự kiện")
    );

    // TCVN3 mojibake converted; the 500 retried; the redirect chain led to the one Đà Nẵng article.
    let tcvn3 = by_url
        .get(format!("{base}{QN}/281-nghi-quyet-36").as_str())
        .unwrap_or_else(|| panic!("TCVN3 page missing"));
    assert_eq!(
        tcvn3.title,
        "Nghị quyết số 36-NQ/TW về công tác người Việt Nam ở nước ngoài"
    );
    assert!(tcvn3.body.starts_with(
        "Ban về người Việt Nam ở nước ngoài tỉnh Quảng Nam tổ chức hội nghị quán triệt"
    ));
    assert_eq!(hits(&site, SEED_SNGV), 2, "the 500 should be retried once");
    assert_eq!(hits(&site, "/dn/link-cu-2"), 1);

    // The near-copy on the Quảng Nam portal points at the Đà Nẵng original, or the other way round.
    let copy_url = format!("{base}{QN}/300-ky-ket-hop-tac");
    let dn_url = format!("{base}{SEED_DN}");
    let copy = by_url
        .get(copy_url.as_str())
        .unwrap_or_else(|| panic!("near-copy missing"));
    let marked = copy.duplicate_of.as_deref() == Some(id_from_url(&dn_url).as_str())
        || by_url[dn_url.as_str()].duplicate_of.as_deref() == Some(id_from_url(&copy_url).as_str());
    assert!(marked, "near-duplicate not marked: {:?}", copy.duplicate_of);

    // Exactly these seven articles: no PDF, no 20 MB page, no 404, no AMP copy, nothing disallowed.
    assert_eq!(
        articles.len(),
        7,
        "articles: {:?}",
        articles.iter().map(|a| &a.url).collect::<Vec<_>>()
    );
    let unique: HashSet<&str> = articles.iter().map(|a| a.url.as_str()).collect();
    assert_eq!(unique.len(), articles.len(), "an article was written twice");
    let copies = [SEED_TTD, SEED_TTD_AMP]
        .iter()
        .filter(|p| by_url.contains_key(format!("{base}{p}").as_str()))
        .count();
    assert_eq!(
        copies, 1,
        "the article served at two URLs was written {copies} times"
    );
    assert_eq!(
        hits(&site, "/private/tin-noi-bo-1"),
        0,
        "robots.txt Disallow ignored"
    );
    assert_eq!(hits(&site, "/robots.txt"), 1);
    assert!(
        hits(&site, "/tq/tin-tuc?page=2") == 1,
        "pagination followed once, tracking variant deduplicated"
    );
    assert!(hits(&site, "/dn/vong-lap-a") >= 1 && hits(&site, "/dn/vong-lap-b") >= 1);
    assert!(stderr.contains("127.0.0.1"), "no per-host counts: {stderr}");

    // Crawl-delay 0.05 s: never two requests to the host closer than that.
    {
        let log = site.log.lock().unwrap_or_else(|p| p.into_inner());
        let closest = log
            .hits
            .windows(2)
            .map(|w| w[1].1.duration_since(w[0].1))
            .min()
            .unwrap_or(Duration::MAX);
        assert!(
            closest >= Duration::from_millis(45),
            "requests {closest:?} apart despite Crawl-delay"
        );
    }

    // A re-crawl revalidates with the ETag, gets 304 and writes nothing new.
    let before = site
        .log
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .hits
        .len();
    let output = crawl_command(&sites, &out, 0)
        .output()
        .unwrap_or_else(|err| panic!("run tracuu: {err}"));
    assert!(
        output.status.success(),
        "re-crawl failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        read_articles(&out).len(),
        7,
        "the re-crawl re-emitted unchanged pages"
    );
    let log = site.log.lock().unwrap_or_else(|p| p.into_inner());
    let conditional = log
        .hits
        .iter()
        .skip(before)
        .any(|(p, _, conditional)| p == SEED_DN && *conditional);
    assert!(conditional, "no conditional GET on the re-crawl");
}

#[test]
fn a_killed_crawl_resumes_without_refetching_or_rewriting() {
    let (site, addr) = start_site();
    let dir = tempfile::tempdir().unwrap_or_else(|err| panic!("tempdir: {err}"));
    let sites = write_profiles(dir.path(), addr);
    let out = dir.path().join("out");
    // Slow enough (0.3 s per request) to be killed in the middle.
    let mut child = crawl_command(&sites, &out, 300)
        .spawn()
        .unwrap_or_else(|err| panic!("spawn tracuu: {err}"));
    let deadline = Instant::now() + Duration::from_secs(60);
    while read_articles(&out).len() < 2 {
        assert!(Instant::now() < deadline, "the crawl wrote nothing in 60 s");
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap_or_else(|err| panic!("kill: {err}"));
    let _ = child.wait();
    let before_kill: Vec<String> = read_articles(&out).into_iter().map(|a| a.url).collect();
    assert!(
        before_kill.len() < 7,
        "the crawl finished before it could be killed"
    );

    let output = crawl_command(&sites, &out, 0)
        .output()
        .unwrap_or_else(|err| panic!("run tracuu: {err}"));
    assert!(
        output.status.success(),
        "resumed crawl failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let articles = read_articles(&out);
    let unique: HashSet<&str> = articles.iter().map(|a| a.url.as_str()).collect();
    assert_eq!(unique.len(), articles.len(), "an article was written twice");
    assert_eq!(
        articles.len(),
        7,
        "the resumed crawl did not finish the job"
    );
    let base = format!("http://{addr}");
    for url in &before_kill {
        let path = url.strip_prefix(&base).unwrap_or(url);
        assert_eq!(
            hits(&site, path),
            1 + usize::from(path == SEED_SNGV),
            "{path} fetched again after the restart"
        );
    }
}
