//! The extraction rules on Vietnamese pages: bylines at the end of the body, the sapo, captions,
//! related boxes and share bars, a zoned date near midnight, and a title that is the site's name.

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
    let page = fixture("news-byline-sapo.html");
    for chrome in [
        "Ảnh: Quỳnh Trần",
        "Tin liên quan",
        "Giá vàng nhẫn tăng mạnh",
        "Chia sẻ",
        "Zalo",
    ] {
        assert!(!page.body.contains(chrome), "{chrome} in {}", page.body);
    }
    assert!(
        page.body
            .contains("Ngân hàng Nhà nước cho biết sẽ tiếp tục theo dõi")
    );

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
