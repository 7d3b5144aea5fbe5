//! Extraction time on hostile pages, and on an ordinary one for scale.
//!
//! `cargo bench -p tracuu-crawl --bench extraction` (criterion, ten samples each). The pages are
//! made here: 10k–100k nested `<div>`s around one paragraph, 500k attributes on one tag, and a
//! Vietnamese article page of about 20 KB. Issue 11's bound: a hostile page extracts in under 2 s,
//! and time grows linearly with nesting (10k → 100k is about 10×, not 100×).

use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use tracuu_crawl::extract::{SiteRules, extract};

const PARAGRAPH: &str = "Chiều ngày 22/02/2021, Ban về người Việt Nam ở nước ngoài tỉnh Quảng Nam tổ chức hội nghị tổng kết công tác năm 2020, triển khai nhiệm vụ năm 2021.";

fn nested(depth: usize) -> String {
    let mut page = String::with_capacity(depth * 11 + 512);
    page.push_str("<html lang=\"vi\"><head><title>Trang lồng sâu</title></head><body>");
    for _ in 0..depth {
        page.push_str("<div>");
    }
    page.push_str("<h1>Hội nghị tổng kết</h1><p>");
    page.push_str(PARAGRAPH);
    page.push_str("</p>");
    for _ in 0..depth {
        page.push_str("</div>");
    }
    page.push_str("</body></html>");
    page
}

fn many_attributes(count: usize) -> String {
    let mut page = String::with_capacity(count * 12 + 512);
    page.push_str("<html lang=\"vi\"><body><div");
    for i in 0..count {
        page.push_str(&format!(" a{i}=\"x\""));
    }
    page.push_str("><p>");
    page.push_str(PARAGRAPH);
    page.push_str("</p></div></body></html>");
    page
}

fn ordinary() -> String {
    let paragraphs: String = (0..40).map(|_| format!("<p>{PARAGRAPH}</p>")).collect();
    format!(
        r#"<html lang="vi"><head><title>Tổng kết công tác năm 2020 - Sở Ngoại vụ</title>
        <meta property="article:published_time" content="2021-02-22T20:00:00+07:00"></head><body>
        <nav><a href="/">Trang chủ</a><a href="/tin">Tin tức</a></nav>
        <div class="detail"><h1>Tổng kết công tác năm 2020</h1>{paragraphs}<p>Thu Thủy</p></div>
        <div class="tin-lien-quan"><a href="/a">Tin khác</a></div></body></html>"#
    )
}

fn bench(c: &mut Criterion) {
    let rules = SiteRules::default();
    let mut group = c.benchmark_group("hostile");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    for depth in [10_000, 20_000, 40_000, 100_000] {
        let page = nested(depth);
        group.bench_with_input(BenchmarkId::new("nested_divs", depth), &page, |b, page| {
            b.iter(|| extract(page, None, &rules))
        });
    }
    let page = many_attributes(500_000);
    group.bench_with_input(
        BenchmarkId::new("attributes_on_one_tag", 500_000),
        &page,
        |b, page| b.iter(|| extract(page, None, &rules)),
    );
    group.finish();
    let page = ordinary();
    c.bench_function("ordinary_article_page", |b| {
        b.iter(|| extract(&page, None, &rules))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
