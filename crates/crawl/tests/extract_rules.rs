//! The extraction rules on Vietnamese pages: bylines at the end of the body, JSON-LD and
//! `rel=author` bylines beside a publisher's meta author, the sapo, captions, related boxes and
//! share bars, zoned dates near midnight, a UTC stamp against the URL's date, and a title that is
//! the site's name.

use tracuu_crawl::extract::{Extracted, SiteRules, extract};

fn fixture(name: &str) -> Extracted {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let html = std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{path}: {err}"));
    let url = url::Url::parse("https://vnexpress.net/gia-vang-mieng-lap-dinh-4807123.html").ok();
    let url = if name.starts_with("news-caps") {
        url::Url::parse("https://tuoitre.vn/tp-hcm-khoi-cong-metro-so-2-20241010090500.htm").ok()
    } else if name.starts_with("portal") {
        url::Url::parse("https://tuyenquang.gov.vn/tin-tuc/huan-chuong-lao-dong").ok()
    } else {
        url
    };
    extract(&html, url.as_ref(), &SiteRules::default())
}

fn paragraphs(page: &Extracted) -> Vec<&str> {
    page.body.split("\n\n").collect()
}

#[test]
fn the_byline_is_the_last_short_line_not_the_publisher_in_the_meta_tags() {
    let page = fixture("news-byline-sapo.html");
    assert_eq!(page.author.as_deref(), Some("Dương Ngọc"));
    assert!(!page.body.contains("Dương Ngọc"), "{}", page.body);

    let page = fixture("news-caps-byline.html");
    assert_eq!(page.author.as_deref(), Some("NHẬT XUÂN, NGHI VŨ"));
    assert!(!page.body.contains("NGHI VŨ"), "{}", page.body);
}

#[test]
fn a_source_line_is_not_an_author() {
    let page = fixture("portal-site-name.html");
    assert_eq!(page.author, None);
}

#[test]
fn the_sapo_stays_once_as_the_first_paragraph() {
    let page = fixture("news-byline-sapo.html");
    let lead = "Giá vàng miếng SJC tăng thêm 500.000 đồng mỗi lượng trong phiên tối 22/10, lên mức cao nhất từ trước đến nay.";
    assert_eq!(paragraphs(&page)[0], lead);
    assert_eq!(
        page.body.matches("tăng thêm 500.000 đồng").count(),
        1,
        "{}",
        page.body
    );

    // A sapo in its own block above the article's container is brought in, first.
    let page = fixture("news-caps-byline.html");
    assert!(
        paragraphs(&page)[0].starts_with("Sáng 10-10, UBND TP.HCM tổ chức lễ khởi công"),
        "{}",
        page.body
    );
    assert!(paragraphs(&page)[1].starts_with("Phát biểu tại lễ khởi công"));
}

#[test]
fn captions_related_boxes_and_share_bars_are_left_out() {
    // The share bar ("Chia sẻ", Facebook, Zalo, "In bài", a copy-link) sits inside the article's
    // own container, after the byline, with buttons that are not links: only the share-bar rule
    // (`share`/`social` class names, `boilerplate::UNLIKELY` and `NEGATIVE`) keeps it out.
    let page = fixture("news-byline-sapo.html");
    for chrome in [
        "Ảnh: Quỳnh Trần",
        "Tin liên quan",
        "Giá vàng nhẫn tăng mạnh",
        "Chia sẻ",
        "Facebook",
        "Zalo",
        "In bài",
        "Sao chép liên kết",
    ] {
        assert!(!page.body.contains(chrome), "{chrome} in {}", page.body);
    }
    assert!(
        page.body.ends_with(
            "Ngân hàng Nhà nước cho biết sẽ tiếp tục theo dõi sát diễn biến thị trường và có biện pháp can thiệp kịp thời khi cần thiết, bảo đảm thị trường vàng hoạt động ổn định, lành mạnh."
        ),
        "{}",
        page.body
    );
    // With the share bar gone the byline is the last line again, and leaves the body.
    assert_eq!(page.author.as_deref(), Some("Dương Ngọc"));

    let page = fixture("news-caps-byline.html");
    assert!(!page.body.contains("nghi thức khởi công"), "{}", page.body);
    assert!(!page.body.contains("Bình luận"));
}

#[test]
fn a_date_near_midnight_keeps_its_day() {
    let page = fixture("news-byline-sapo.html");
    assert_eq!(page.published.as_deref(), Some("2024-10-22T23:45:00+07:00"));

    let page = fixture("portal-site-name.html");
    assert_eq!(page.published.as_deref(), Some("2023-12-31T23:50:00+07:00"));

    // A page in another zone keeps its own offset and day.
    let html = r#"<html lang="en"><head><title>Storm update</title>
        <meta property="article:published_time" content="2024-10-22T20:00:00-04:00"></head>
        <body><h1>Storm update</h1><p>The storm reached the coast late on Tuesday evening, officials said.</p></body></html>"#;
    let page = extract(html, None, &SiteRules::default());
    assert_eq!(page.published.as_deref(), Some("2024-10-22T20:00:00-04:00"));
}

/// A Vietnamese article page served from `url`.
fn page_at(html: &str, url: &str) -> Extracted {
    let url = url::Url::parse(url).expect("test URL");
    extract(html, Some(&url), &SiteRules::default())
}

#[test]
fn a_zoned_date_near_midnight_on_a_vietnamese_page_keeps_the_pages_day_and_offset() {
    // Người Việt (California, -07:00): Easter Sunday night. In Vietnam's zone this is 13:30 on
    // 1 April; the page's day is the 31st of March, and the stored value says so.
    let nguoi_viet = r#"<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>Hàng ngàn giáo dân gốc Việt dự Thánh lễ Phục Sinh ở Little Saigon | Người Việt</title>
<meta property="og:site_name" content="Người Việt">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Hàng ngàn giáo dân gốc Việt dự Thánh lễ Phục Sinh ở Little Saigon","datePublished":"2024-03-31T23:30:00-07:00","dateModified":"2024-04-01T08:15:00-07:00","author":{"@type":"Person","name":"Ngọc Lan"},"publisher":{"@type":"Organization","name":"Người Việt"}}</script>
</head><body>
<div class="site-header"><a href="/">Người Việt</a></div>
<article class="post">
<h1 class="entry-title">Hàng ngàn giáo dân gốc Việt dự Thánh lễ Phục Sinh ở Little Saigon</h1>
<div class="entry-content">
<p>WESTMINSTER, California (NV) – Hàng ngàn giáo dân gốc Việt đã về dự Thánh lễ Phục Sinh tại các giáo xứ ở Little Saigon trong ngày Chủ Nhật, nhiều gia đình đến từ sáng sớm để có chỗ ngồi.</p>
<p>Tại giáo xứ Thánh Linh, ban tổ chức cho biết số người tham dự năm nay đông hơn hẳn mọi năm, buộc giáo xứ phải dựng thêm lều và màn hình lớn ở bãi đậu xe để mọi người cùng theo dõi.</p>
<p>Sau Thánh lễ, các hội đoàn tổ chức chương trình văn nghệ và bán thức ăn gây quỹ, thu hút đông đảo các gia đình trẻ cùng con em đến vui chơi, gặp gỡ bạn bè trong cộng đồng.</p>
</div>
</article>
</body></html>"#;
    let page = page_at(
        nguoi_viet,
        "https://www.nguoi-viet.com/little-saigon/hang-ngan-giao-dan-goc-viet-du-thanh-le-phuc-sinh-o-little-saigon/",
    );
    assert_eq!(page.published.as_deref(), Some("2024-03-31T23:30:00-07:00"));

    // KBS World tiếng Việt (+09:00), 01:30 on 1 April in Seoul: converted to +07:00 it would be
    // 23:30 on the 31st. The page's own day and offset are kept.
    let kbs = r#"<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>Hàn Quốc nới lỏng điều kiện cấp thị thực cho lao động có tay nghề | KBS WORLD</title>
<meta property="og:site_name" content="KBS WORLD">
<meta property="article:published_time" content="2024-04-01T01:30:00+09:00">
</head><body>
<div id="header"><a href="/">KBS WORLD</a></div>
<div class="board_detail">
<h1 class="title">Hàn Quốc nới lỏng điều kiện cấp thị thực cho lao động có tay nghề</h1>
<div class="body_txt">
<p>Bộ Tư pháp Hàn Quốc cho biết từ tháng này sẽ nới lỏng điều kiện cấp thị thực cho lao động nước ngoài có tay nghề, trong đó có lao động Việt Nam đang làm việc tại các khu công nghiệp.</p>
<p>Theo quy định mới, người lao động đã làm việc liên tục từ bốn năm trở lên tại cùng một doanh nghiệp có thể chuyển đổi sang thị thực lao động có tay nghề mà không cần về nước làm thủ tục.</p>
<p>Giới chức Hàn Quốc kỳ vọng biện pháp này sẽ giúp các doanh nghiệp vừa và nhỏ giải quyết tình trạng thiếu nhân lực kéo dài, nhất là trong các ngành sản xuất, đóng tàu và nông nghiệp.</p>
</div>
</div>
</body></html>"#;
    let page = page_at(
        kbs,
        "https://world.kbs.co.kr/service/news_view.htm?lang=v&Seq_Code=84126",
    );
    assert_eq!(page.published.as_deref(), Some("2024-04-01T01:30:00+09:00"));
}

/// A Vietnamese news page whose JSON-LD `datePublished` is `stamp`.
fn page_stamped(stamp: &str) -> String {
    format!(
        r#"<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>Hà Nội ra quân cao điểm xử lý vi phạm nồng độ cồn</title>
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle","headline":"Hà Nội ra quân cao điểm xử lý vi phạm nồng độ cồn","datePublished":"{stamp}"}}</script>
</head><body>
<div class="td-post-content">
<h1 class="entry-title">Hà Nội ra quân cao điểm xử lý vi phạm nồng độ cồn</h1>
<p>Công an thành phố Hà Nội vừa ra quân đợt cao điểm kiểm tra, xử lý vi phạm nồng độ cồn đối với người điều khiển phương tiện giao thông trên các tuyến đường nội đô và cửa ngõ thủ đô.</p>
<p>Theo kế hoạch, các tổ công tác sẽ làm việc xuyên đêm tại những khu vực tập trung nhiều nhà hàng, quán nhậu, đồng thời tăng cường tuyên truyền để người dân chấp hành nghiêm quy định.</p>
<p>Lực lượng chức năng khuyến cáo người dân đã uống rượu, bia thì không lái xe, chủ động sử dụng taxi hoặc nhờ người thân đưa đón để bảo đảm an toàn cho bản thân và cộng đồng.</p>
</div>
</body></html>"#
    )
}

#[test]
fn a_utc_stamp_one_day_off_the_urls_date_gives_way_to_the_url() {
    // 18:30 UTC on the 17th is 01:30 on the 18th in Hà Nội: the server's clock, not the page's
    // day. The URL says the 18th, one day off: the URL's day wins.
    let utc = page_stamped("2024-03-17T18:30:00Z");
    let page = page_at(
        &utc,
        "https://tinnhanh.example/2024/03/18/ha-noi-ra-quan-cao-diem-xu-ly-vi-pham-nong-do-con/",
    );
    assert_eq!(page.published.as_deref(), Some("2024-03-18"));

    // The URL on the stamp's own day, or two days off it: the stamp stands.
    let page = page_at(
        &utc,
        "https://tinnhanh.example/2024/03/17/ha-noi-ra-quan-cao-diem-xu-ly-vi-pham-nong-do-con/",
    );
    assert_eq!(page.published.as_deref(), Some("2024-03-17T18:30:00+00:00"));
    let page = page_at(
        &utc,
        "https://tinnhanh.example/2024/03/19/ha-noi-ra-quan-cao-diem-xu-ly-vi-pham-nong-do-con/",
    );
    assert_eq!(page.published.as_deref(), Some("2024-03-17T18:30:00+00:00"));

    // Only a UTC stamp yields: a stamp in the page's own zone one day off the URL stands.
    let local = page_stamped("2024-03-17T23:30:00+07:00");
    let page = page_at(
        &local,
        "https://tinnhanh.example/2024/03/18/ha-noi-ra-quan-cao-diem-xu-ly-vi-pham-nong-do-con/",
    );
    assert_eq!(page.published.as_deref(), Some("2024-03-17T23:30:00+07:00"));
}

#[test]
fn a_json_ld_person_is_the_author_and_the_publisher_beside_it_is_not() {
    // Thanh Niên: the meta author is the paper; JSON-LD names the reporter (a Person) and the
    // paper again (an Organization). Only the reporter is the author.
    let html = r#"<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>Học sinh TP.HCM được nghỉ Tết Nguyên đán 2025 tổng cộng 11 ngày - Báo Thanh Niên</title>
<meta property="og:site_name" content="Báo Thanh Niên">
<meta name="author" content="Báo Thanh Niên">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Học sinh TP.HCM được nghỉ Tết Nguyên đán 2025 tổng cộng 11 ngày","datePublished":"2024-12-03T14:20:00+07:00","author":[{"@type":"Person","name":"Nguyễn Thu Hà","url":"https://thanhnien.vn/tac-gia/nguyen-thu-ha.htm"},{"@type":"Organization","name":"Báo Thanh Niên"}],"publisher":{"@type":"Organization","name":"Báo Thanh Niên"}}</script>
</head><body>
<div class="detail-cate"><a href="/giao-duc.htm">Giáo dục</a></div>
<div class="detail-content">
<h1 class="detail-title">Học sinh TP.HCM được nghỉ Tết Nguyên đán 2025 tổng cộng 11 ngày</h1>
<p>Sở Giáo dục và Đào tạo TP.HCM vừa ban hành văn bản hướng dẫn lịch nghỉ Tết Nguyên đán Ất Tỵ 2025 cho học sinh các cấp, theo đó học sinh được nghỉ tổng cộng 11 ngày liên tục.</p>
<p>Cụ thể, học sinh mầm non, tiểu học, trung học cơ sở và trung học phổ thông sẽ nghỉ từ ngày 25 tháng Chạp đến hết mùng 5 tháng Giêng, tức từ ngày 25.1 đến hết ngày 2.2.2025.</p>
<p>Sở yêu cầu các trường chủ động điều chỉnh kế hoạch dạy học, bảo đảm chương trình học kỳ 2 và tổ chức các hoạt động vui Xuân an toàn, tiết kiệm, phù hợp với lứa tuổi học sinh.</p>
</div>
</body></html>"#;
    let page = page_at(
        html,
        "https://thanhnien.vn/hoc-sinh-tphcm-duoc-nghi-tet-nguyen-dan-2025-tong-cong-11-ngay-185241203142012345.htm",
    );
    assert_eq!(page.author.as_deref(), Some("Nguyễn Thu Hà"));
}

#[test]
fn a_rel_author_link_is_the_byline_and_a_meta_author_naming_the_publisher_is_not() {
    // Lao Động: the meta author is the publisher JSON-LD names; the byline is a rel=author link
    // under the headline.
    let html = r#"<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>Giá xăng dầu đồng loạt giảm từ 15 giờ chiều nay</title>
<meta name="author" content="Báo Lao Động">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Giá xăng dầu đồng loạt giảm từ 15 giờ chiều nay","datePublished":"2024-11-07T15:10:00+07:00","publisher":{"@type":"Organization","name":"Báo Lao Động"}}</script>
</head><body>
<div class="breadcrumbs"><a href="/kinh-doanh">Kinh doanh</a></div>
<div class="art-content">
<h1 class="title">Giá xăng dầu đồng loạt giảm từ 15 giờ chiều nay</h1>
<p class="info"><a rel="author" href="/tac-gia/le-minh-1234.ldo">Lê Minh</a></p>
<p>Liên Bộ Công Thương - Tài chính vừa công bố điều chỉnh giá bán lẻ xăng dầu trong kỳ điều hành chiều nay, theo đó giá các mặt hàng xăng dầu đồng loạt giảm từ 200 đến 400 đồng mỗi lít.</p>
<p>Sau điều chỉnh, giá xăng E5 RON 92 không cao hơn 19.920 đồng mỗi lít, giá xăng RON 95-III không cao hơn 20.890 đồng mỗi lít, giá dầu diesel không cao hơn 18.950 đồng mỗi lít.</p>
<p>Trong kỳ điều hành này, liên Bộ tiếp tục không trích lập và không chi sử dụng Quỹ bình ổn giá xăng dầu đối với tất cả các mặt hàng, nhằm hỗ trợ người tiêu dùng và doanh nghiệp.</p>
</div>
</body></html>"#;
    let page = page_at(
        html,
        "https://laodong.vn/kinh-doanh/gia-xang-dau-dong-loat-giam-tu-15-gio-chieu-nay-1418765.ldo",
    );
    assert_eq!(page.author.as_deref(), Some("Lê Minh"));
}

#[test]
fn the_title_is_the_headline_never_the_site_name() {
    let page = fixture("portal-site-name.html");
    assert_eq!(
        page.title,
        "Tỉnh Tuyên Quang đón nhận Huân chương Lao động hạng Nhất"
    );
    let page = fixture("news-byline-sapo.html");
    assert_eq!(page.title, "Giá vàng miếng lập đỉnh mới trong phiên đêm");
}
