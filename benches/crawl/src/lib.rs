//! A generated government portal on loopback, for crawl benchmarks and tests.
//!
//! Deterministic: article `i` (1-based) always has the same URL, title, date and text, made by a
//! seeded generator from Vietnamese syllables, so the texts are as different from each other as
//! real articles (no false near-duplicates) and every run sees the same portal. The portal has
//! what a crawler meets on a real one: `robots.txt` naming a sitemap index, one sitemap per 10,000
//! articles with `<lastmod>`, an RSS feed of the newest articles, paginated listing pages (newest
//! first), article pages with menus, breadcrumbs, a date line, a lead, related links and a footer,
//! and ETags answered with 304. Articles can be added while it runs ([`Portal::set_articles`]),
//! and every request is counted by path ([`Portal::requests`]).

use std::collections::HashMap;
use std::fmt::Write as _;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::Response;

/// Articles per sitemap.
pub const SITEMAP_CHUNK: usize = 10_000;
/// Articles per listing page.
pub const LISTING_PAGE: usize = 20;
/// Articles in the feed.
pub const FEED_ITEMS: usize = 30;

/// The portal's state.
pub struct Portal {
    articles: AtomicUsize,
    /// When each sitemap last changed (set when articles are added to it), RFC 3339.
    sitemap_modified: Mutex<HashMap<usize, String>>,
    served: AtomicU64,
    article_hits: AtomicU64,
    log_requests: AtomicBool,
    requests: Mutex<Vec<String>>,
}

impl Portal {
    /// Articles the portal has now.
    pub fn articles(&self) -> usize {
        self.articles.load(Ordering::Relaxed)
    }

    /// Publishes articles up to `n` (or withdraws those above it); the sitemaps that change are
    /// dated now.
    pub fn set_articles(&self, n: usize) {
        let before = self.articles.swap(n, Ordering::Relaxed);
        let now = now_rfc3339();
        let mut modified = self
            .sitemap_modified
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        for k in before.min(n) / SITEMAP_CHUNK..=before.max(n) / SITEMAP_CHUNK {
            modified.insert(k, now.clone());
        }
    }

    fn sitemap_lastmod(&self, k: usize, n: usize) -> String {
        self.sitemap_modified
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(&k)
            .cloned()
            .unwrap_or_else(|| published(((k + 1) * SITEMAP_CHUNK).min(n).max(1)))
    }

    /// Requests answered.
    pub fn served(&self) -> u64 {
        self.served.load(Ordering::Relaxed)
    }

    /// Requests for article pages answered (200 or 304).
    pub fn article_hits(&self) -> u64 {
        self.article_hits.load(Ordering::Relaxed)
    }

    /// Every request's path and query, in order (when logging was asked for at start).
    pub fn requests(&self) -> Vec<String> {
        self.requests
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Forgets the requests logged so far.
    pub fn clear_requests(&self) {
        self.requests
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clear();
    }
}

/// splitmix64: a small, fast, well-mixed generator; seeded per article, so each page is fixed.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9e37_79b9_7f4a_7c15)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const SYLLABLES: &[&str] = &[
    "ủy",
    "ban",
    "nhân",
    "dân",
    "tỉnh",
    "thành",
    "phố",
    "huyện",
    "xã",
    "phường",
    "hội",
    "nghị",
    "tổng",
    "kết",
    "công",
    "tác",
    "năm",
    "triển",
    "khai",
    "nhiệm",
    "vụ",
    "kế",
    "hoạch",
    "phát",
    "triển",
    "kinh",
    "tế",
    "xã",
    "hội",
    "đầu",
    "tư",
    "xây",
    "dựng",
    "hạ",
    "tầng",
    "giao",
    "thông",
    "nông",
    "thôn",
    "mới",
    "giáo",
    "dục",
    "đào",
    "tạo",
    "y",
    "tế",
    "văn",
    "hóa",
    "du",
    "lịch",
    "người",
    "việt",
    "nam",
    "ở",
    "nước",
    "ngoài",
    "đối",
    "ngoại",
    "hợp",
    "tác",
    "quốc",
    "tế",
    "cải",
    "cách",
    "hành",
    "chính",
    "chuyển",
    "đổi",
    "số",
    "dịch",
    "trực",
    "tuyến",
    "cấp",
    "độ",
    "bốn",
    "chỉ",
    "đạo",
    "điều",
    "hành",
    "quản",
    "lý",
    "nhà",
    "nước",
    "đất",
    "đai",
    "tài",
    "nguyên",
    "môi",
    "trường",
    "biến",
    "khí",
    "hậu",
    "phòng",
    "chống",
    "thiên",
    "tai",
    "an",
    "ninh",
    "trật",
    "tự",
    "quốc",
    "phòng",
    "doanh",
    "nghiệp",
    "hộ",
    "gia",
    "đình",
    "lao",
    "động",
    "việc",
    "làm",
    "an",
    "sinh",
    "chính",
    "sách",
    "người",
    "có",
    "công",
    "bảo",
    "hiểm",
    "thu",
    "ngân",
    "sách",
    "chi",
    "thường",
    "xuyên",
    "giải",
    "ngân",
    "vốn",
    "dự",
    "án",
    "trọng",
    "điểm",
    "thực",
    "hiện",
    "nghị",
    "quyết",
    "chỉ",
    "thị",
    "quyết",
    "định",
    "thông",
    "báo",
    "kết",
    "luận",
    "đồng",
    "chí",
    "chủ",
    "tịch",
    "phó",
    "bí",
    "thư",
    "đại",
    "biểu",
    "cán",
    "bộ",
    "đảng",
    "viên",
    "chi",
    "bộ",
    "mặt",
    "trận",
    "tổ",
    "quốc",
    "đoàn",
    "thể",
    "thanh",
    "niên",
    "phụ",
    "nữ",
    "cựu",
    "chiến",
    "binh",
    "nông",
    "dân",
    "khuyến",
    "học",
    "trao",
    "tặng",
    "bằng",
    "khen",
    "thi",
    "đua",
    "khen",
    "thưởng",
    "tập",
    "thể",
    "cá",
    "nhân",
    "xuất",
    "sắc",
    "tiêu",
    "biểu",
    "sản",
    "xuất",
    "lúa",
    "gạo",
    "cây",
    "trồng",
    "vật",
    "nuôi",
    "thủy",
    "sản",
    "rừng",
    "biển",
    "đảo",
    "cảng",
    "khu",
    "công",
    "nghiệp",
    "cụm",
    "làng",
    "nghề",
    "chợ",
    "trường",
    "học",
    "bệnh",
    "viện",
    "trạm",
    "đường",
    "cầu",
    "kênh",
    "mương",
    "điện",
    "nước",
    "sạch",
];

const PROVINCES: &[&str] = &[
    "Quảng Nam",
    "Đà Nẵng",
    "Tuyên Quang",
    "Thừa Thiên Huế",
    "Nghệ An",
    "Bình Định",
    "Lâm Đồng",
    "Cần Thơ",
    "An Giang",
    "Quảng Ninh",
    "Hà Giang",
    "Sóc Trăng",
];

const TOPICS: &[&str] = &[
    "tổng kết công tác năm",
    "triển khai nhiệm vụ",
    "sơ kết sáu tháng đầu năm",
    "đẩy mạnh chuyển đổi số",
    "cải cách hành chính",
    "xây dựng nông thôn mới",
    "công tác người Việt Nam ở nước ngoài",
    "phòng chống thiên tai",
    "thu hút đầu tư",
    "giải ngân vốn đầu tư công",
];

const BODIES: &[&str] = &[
    "Ủy ban nhân dân tỉnh",
    "Sở Ngoại vụ",
    "Sở Kế hoạch và Đầu tư",
    "Hội đồng nhân dân",
    "Ban Thường vụ Tỉnh ủy",
    "Sở Nội vụ",
    "Liên hiệp các tổ chức hữu nghị",
];

/// Now, RFC 3339 UTC to the millisecond.
fn now_rfc3339() -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let (y, m, d, h, min) = civil(now.as_secs() as i64 - 7 * 3600);
    format!(
        "{y:04}-{m:02}-{d:02}T{h:02}:{min:02}:{:02}.{:03}Z",
        now.as_secs() % 60,
        now.subsec_millis()
    )
}

/// The publication time of article `i`: from 2015 on, about 40 minutes apart (UTC seconds).
fn published_ts(i: usize) -> i64 {
    1_420_070_400 + i as i64 * 2_400
}

fn civil(ts: i64) -> (i64, u32, u32, u32, u32) {
    // Days to civil date (Howard Hinnant's algorithm), for +07:00.
    let local = ts + 7 * 3600;
    let days = local.div_euclid(86_400);
    let secs = local.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = if m <= 2 { y + 1 } else { y };
    (y, m, d, (secs / 3600) as u32, (secs % 3600 / 60) as u32)
}

/// Article `i`'s publication time in RFC 3339, `+07:00`.
pub fn published(i: usize) -> String {
    let (y, m, d, h, min) = civil(published_ts(i));
    format!("{y:04}-{m:02}-{d:02}T{h:02}:{min:02}:00+07:00")
}

fn rfc2822(i: usize) -> String {
    let (y, m, d, h, min) = civil(published_ts(i));
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    format!(
        "{d:02} {} {y} {h:02}:{min:02}:00 +0700",
        MONTHS[(m - 1) as usize]
    )
}

/// Article `i`'s title.
pub fn title(i: usize) -> String {
    let mut rng = Rng::new(i as u64);
    format!(
        "{} {} {} {} lần thứ {i}",
        rng.pick(BODIES),
        rng.pick(PROVINCES),
        rng.pick(&[
            "tổ chức hội nghị",
            "ban hành kế hoạch",
            "họp bàn",
            "ký kết chương trình"
        ]),
        rng.pick(TOPICS)
    )
}

/// Article `i`'s path.
pub fn article_path(i: usize) -> String {
    format!("/tin-tuc/{i}-bai-viet.html")
}

fn sentence(rng: &mut Rng) -> String {
    let words = 12 + rng.below(14);
    let mut out = String::new();
    for w in 0..words {
        let syllable = rng.pick(SYLLABLES);
        if w == 0 {
            let mut chars = syllable.chars();
            if let Some(first) = chars.next() {
                out.extend(first.to_uppercase());
                out.push_str(chars.as_str());
            }
        } else {
            out.push(' ');
            out.push_str(syllable);
        }
    }
    out.push_str(if rng.below(6) == 0 {
        ", đạt kết quả tốt."
    } else {
        "."
    });
    out
}

/// Article `i`'s paragraphs (the lead first).
pub fn paragraphs(i: usize) -> Vec<String> {
    let mut rng = Rng::new(i as u64 ^ 0xa5a5_a5a5);
    let (y, m, d, _, _) = civil(published_ts(i));
    let count = 5 + rng.below(6);
    (0..count)
        .map(|p| {
            let mut text = if p == 0 {
                format!(
                    "Ngày {d:02}/{m:02}/{y}, {} {} đã tổ chức hội nghị theo Kế hoạch số {i}/KH-UBND. ",
                    rng.pick(BODIES),
                    rng.pick(PROVINCES)
                )
            } else {
                String::new()
            };
            for s in 0..(3 + rng.below(3)) {
                if s > 0 {
                    text.push(' ');
                }
                text.push_str(&sentence(&mut rng));
            }
            text
        })
        .collect()
}

fn page_html(i: usize, n: usize) -> String {
    let (y, m, d, h, min) = civil(published_ts(i));
    let mut html = String::with_capacity(16 * 1024);
    let _ = write!(
        html,
        "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>{} - Cổng thông tin điện tử</title>\
         <link rel=\"canonical\" href=\"{}\"><meta property=\"article:published_time\" content=\"{}\">\
         <style>.menu li{{display:inline}} .footer{{color:#555}}</style></head><body>\
         <div class=\"header\"><a href=\"/\">Cổng thông tin điện tử tỉnh</a></div><ul class=\"menu\">",
        title(i),
        article_path(i),
        published(i)
    );
    for (k, section) in [
        "Giới thiệu",
        "Tin tức",
        "Sự kiện",
        "Văn bản",
        "Thủ tục hành chính",
        "Du lịch",
        "Đầu tư",
        "Liên hệ",
        "Hỏi đáp",
        "Sơ đồ cổng",
    ]
    .iter()
    .enumerate()
    {
        let _ = write!(html, "<li><a href=\"/muc/{k}\">{section}</a></li>");
    }
    let _ = write!(
        html,
        "</ul><div class=\"breadcrumb\"><a href=\"/\">Trang chủ</a> » <a href=\"/tin-tuc?page=1\">Tin tức</a></div>\
         <div class=\"article-detail\"><h1 class=\"title\">{}</h1><div class=\"date\">{h:02}:{min:02} - {d:02}/{m:02}/{y}</div>",
        title(i)
    );
    for (p, text) in paragraphs(i).iter().enumerate() {
        if p == 0 {
            let _ = write!(
                html,
                "<div class=\"sapo\"><p>{text}</p></div><div class=\"content\">"
            );
        } else {
            let _ = write!(html, "<p>{text}</p>");
        }
    }
    html.push_str("<p style=\"text-align:right\"><strong>Văn phòng UBND tỉnh</strong></p></div>");
    html.push_str("<div class=\"share\">Chia sẻ: <a href=\"#\">Facebook</a> <a href=\"#\">Zalo</a> In bài</div>");
    html.push_str("<div class=\"related\"><h3>Tin liên quan</h3><ul>");
    for k in 1..=5 {
        let j = if i > k { i - k } else { (i + k).min(n.max(1)) };
        let _ = write!(
            html,
            "<li><a href=\"{}\">{}</a></li>",
            article_path(j),
            title(j)
        );
    }
    html.push_str("</ul></div></div><div class=\"footer\">Cơ quan chủ quản: Ủy ban nhân dân tỉnh. Địa chỉ: số 62 Hùng Vương. Điện thoại: 0235 3810 000. Giấy phép số 12/GP-TTĐT.</div></body></html>");
    html
}

fn listing_html(page: usize, n: usize) -> String {
    let pages = n.div_ceil(LISTING_PAGE).max(1);
    let mut html = String::from(
        "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Tin tức</title></head><body><ul class=\"list-news\">",
    );
    let newest = n.saturating_sub((page - 1) * LISTING_PAGE);
    for i in (newest.saturating_sub(LISTING_PAGE) + 1..=newest).rev() {
        let _ = write!(
            html,
            "<li><a href=\"{}\">{}</a></li>",
            article_path(i),
            title(i)
        );
    }
    html.push_str("</ul><div class=\"paging\">");
    if page > 1 {
        let _ = write!(
            html,
            "<a href=\"/tin-tuc?page={}\">Trang trước</a> ",
            page - 1
        );
    }
    if page < pages {
        let _ = write!(html, "<a href=\"/tin-tuc?page={}\">Trang sau</a>", page + 1);
    }
    html.push_str("</div></body></html>");
    html
}

fn sitemap_index(portal: &Portal, base: &str, n: usize) -> String {
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">"#,
    );
    for k in 0..n.div_ceil(SITEMAP_CHUNK) {
        let _ = write!(
            xml,
            "<sitemap><loc>{base}/sitemaps/{k}.xml</loc><lastmod>{}</lastmod></sitemap>",
            portal.sitemap_lastmod(k, n)
        );
    }
    xml.push_str("</sitemapindex>");
    xml
}

fn sitemap(base: &str, k: usize, n: usize) -> Option<String> {
    let first = k * SITEMAP_CHUNK + 1;
    if first > n {
        return None;
    }
    let mut xml = String::with_capacity(SITEMAP_CHUNK * 120);
    xml.push_str(
        r#"<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">"#,
    );
    for i in first..=((k + 1) * SITEMAP_CHUNK).min(n) {
        let _ = write!(
            xml,
            "<url><loc>{base}{}</loc><lastmod>{}</lastmod></url>",
            article_path(i),
            published(i)
        );
    }
    xml.push_str("</urlset>");
    Some(xml)
}

fn feed(base: &str, n: usize) -> String {
    let mut rss = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Tin tức</title>"#,
    );
    let _ = write!(rss, "<link>{base}/tin-tuc?page=1</link>");
    for i in (n.saturating_sub(FEED_ITEMS) + 1..=n).rev() {
        let _ = write!(
            rss,
            "<item><title>{}</title><link>{base}{}</link><pubDate>{}</pubDate></item>",
            title(i),
            article_path(i),
            rfc2822(i)
        );
    }
    rss.push_str("</channel></rss>");
    rss
}

/// What to answer for a path: status, content type, ETag and body.
fn route(
    portal: &Portal,
    base: &str,
    path_and_query: &str,
) -> Option<(&'static str, String, String)> {
    let n = portal.articles();
    let html = "text/html; charset=utf-8";
    match path_and_query {
        "/robots.txt" => Some((
            "text/plain",
            "robots".into(),
            format!("User-agent: *\nAllow: /\nSitemap: {base}/sitemap.xml\n"),
        )),
        "/sitemap.xml" => Some((
            "application/xml",
            format!("index-{n}"),
            sitemap_index(portal, base, n),
        )),
        "/rss.xml" => Some(("application/rss+xml", format!("rss-{n}"), feed(base, n))),
        _ => {
            if let Some(k) = path_and_query
                .strip_prefix("/sitemaps/")
                .and_then(|rest| rest.strip_suffix(".xml"))
                .and_then(|k| k.parse::<usize>().ok())
            {
                let last = ((k + 1) * SITEMAP_CHUNK).min(n);
                return sitemap(base, k, n)
                    .map(|xml| ("application/xml", format!("sm-{k}-{last}"), xml));
            }
            if let Some(page) = path_and_query
                .strip_prefix("/tin-tuc?page=")
                .and_then(|p| p.parse::<usize>().ok())
                .filter(|p| *p >= 1 && (*p - 1) * LISTING_PAGE < n.max(1))
            {
                return Some((html, format!("list-{page}-{n}"), listing_html(page, n)));
            }
            let i = path_and_query
                .strip_prefix("/tin-tuc/")
                .and_then(|rest| rest.strip_suffix("-bai-viet.html"))
                .and_then(|i| i.parse::<usize>().ok())
                .filter(|i| (1..=n).contains(i))?;
            portal.article_hits.fetch_add(1, Ordering::Relaxed);
            Some((html, format!("a-{i}"), page_html(i, n)))
        }
    }
}

async fn serve(
    State((portal, base)): State<(Arc<Portal>, Arc<str>)>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let path = uri
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_default();
    portal.served.fetch_add(1, Ordering::Relaxed);
    if portal.log_requests.load(Ordering::Relaxed) {
        portal
            .requests
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(path.clone());
    }
    let Some((content_type, etag, body)) = route(&portal, &base, &path) else {
        return Response::builder()
            .status(StatusCode::NOT_FOUND)
            .body(Body::from("Không tìm thấy"))
            .unwrap_or_default();
    };
    let etag = format!("\"{etag}\"");
    let matches = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == etag);
    let builder = Response::builder().header(header::ETAG, &etag);
    if matches {
        return builder
            .status(StatusCode::NOT_MODIFIED)
            .body(Body::empty())
            .unwrap_or_default();
    }
    builder
        .status(StatusCode::OK)
        .header(header::CONTENT_TYPE, content_type)
        .body(Body::from(body))
        .unwrap_or_default()
}

/// Starts a portal of `articles` articles on 127.0.0.1 in its own thread (`threads` server
/// threads); `log_requests` keeps every request path for [`Portal::requests`].
pub fn start(
    articles: usize,
    threads: usize,
    log_requests: bool,
) -> std::io::Result<(Arc<Portal>, SocketAddr)> {
    let portal = Arc::new(Portal {
        articles: AtomicUsize::new(articles),
        sitemap_modified: Mutex::new(HashMap::new()),
        served: AtomicU64::new(0),
        article_hits: AtomicU64::new(0),
        log_requests: AtomicBool::new(log_requests),
        requests: Mutex::new(Vec::new()),
    });
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    listener.set_nonblocking(true)?;
    let addr = listener.local_addr()?;
    let base: Arc<str> = Arc::from(format!("http://{addr}"));
    let shared = portal.clone();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(threads.max(1))
        .enable_all()
        .build()?;
    std::thread::spawn(move || {
        runtime.block_on(async move {
            let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
                return;
            };
            let app = axum::Router::new()
                .fallback(serve)
                .with_state((shared, base));
            let _ = axum::serve(listener, app).await;
        });
    });
    Ok((portal, addr))
}

/// The site profile (TOML) of a portal at `addr`.
pub fn profile(addr: SocketAddr) -> String {
    format!(
        r#"[[site]]
name = "portal"
start = ["http://{addr}/tin-tuc?page=1"]
sitemaps = ["http://{addr}/sitemap.xml"]
feeds = ["http://{addr}/rss.xml"]
article_patterns = ['/tin-tuc/\d+-bai-viet\.html$']
listing_patterns = ['/tin-tuc\?page=\d+$']
agency = "UBND tỉnh Quảng Nam"
province = "Quảng Nam"
"#
    )
}

/// How many requests in `requests` went to each kind of page.
pub fn by_kind(requests: &[String]) -> HashMap<&'static str, usize> {
    let mut counts = HashMap::new();
    for path in requests {
        let kind = if path.starts_with("/tin-tuc/") {
            "article"
        } else if path.starts_with("/tin-tuc?") {
            "listing"
        } else if path.starts_with("/sitemap") {
            "sitemap"
        } else if path == "/rss.xml" {
            "feed"
        } else if path == "/robots.txt" {
            "robots"
        } else {
            "other"
        };
        *counts.entry(kind).or_insert(0) += 1;
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_are_fixed_and_distinct() {
        assert_eq!(paragraphs(7), paragraphs(7));
        assert_ne!(paragraphs(7), paragraphs(8));
        assert_eq!(published(1), "2015-01-01T07:40:00+07:00");
        assert!(title(12).ends_with("lần thứ 12"));
        let listing = listing_html(1, 45);
        assert!(listing.find(&article_path(45)) < listing.find(&article_path(26)));
        assert!(listing.contains("/tin-tuc?page=2"));
    }
}
