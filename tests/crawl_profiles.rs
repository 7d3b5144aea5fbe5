//! The shipped `corpus/sites.toml` loads, covers the six portals, and its patterns tell article
//! pages from listing pages on URLs shaped like the portals' own.

use tracuu_crawl::profile::load_profiles;

#[test]
fn shipped_profiles_cover_the_portals() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/sites.toml");
    let sites = load_profiles(&path).unwrap_or_else(|err| panic!("{err}"));
    let hosts: Vec<String> = sites
        .iter()
        .flat_map(|s| s.start.iter().chain(&s.sitemaps).chain(&s.feeds))
        .filter_map(|u| tracuu_index::article::host_of(u))
        .collect();
    for portal in [
        "quangnam.gov.vn",
        "tuyenquang.gov.vn",
        "songoaivu.danang.gov.vn",
        "baochinhphu.vn",
        "quehuongonline.vn",
        "mofa.gov.vn",
    ] {
        assert!(hosts.iter().any(|h| h == portal), "no profile for {portal}");
    }
    for site in &sites {
        assert!(site.agency.is_some(), "{} has no agency", site.name);
        assert!(
            !site.article_patterns.is_empty(),
            "{} has no article pattern",
            site.name
        );
    }
    let danang = sites
        .iter()
        .find(|s| s.name == "songoaivu-danang")
        .unwrap_or_else(|| panic!("danang"));
    assert_eq!(danang.province.as_deref(), Some("Đà Nẵng"));
    assert!(danang.is_article("https://songoaivu.danang.gov.vn/web/guest/chi-tiet?id=3423"));
    assert!(!danang.is_article("https://songoaivu.danang.gov.vn/tin-tuc"));
    assert!(danang.is_listing("https://songoaivu.danang.gov.vn/tin-tuc"));
    let bcp = sites
        .iter()
        .find(|s| s.name == "baochinhphu")
        .unwrap_or_else(|| panic!("baochinhphu"));
    assert!(bcp.is_article(
        "https://baochinhphu.vn/tang-cuong-phoi-hop-trao-doi-thong-tin-102240625123456789.htm"
    ));
    assert!(!bcp.is_article("https://baochinhphu.vn/thoi-su.htm"));
}
