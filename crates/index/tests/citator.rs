//! The citator on real Vietnamese news text: for one cited document, its number decoded, how
//! many articles cite it (the total of the `ref:` search, always), by month and by source, what
//! they cite with it, and the citing articles newest first with the sentence that cites it.
//!
//! The corpus is the five bundled seeds plus six articles written here in the shapes the
//! usability review found mishandled: Government yearly resolutions (`19-2017/NQ-CP` next to
//! `01-2017/NQ-CP`), a decree number without the slash before its symbol (`46/2016 NĐ-CP`) next
//! to another year's decree (`46/2015/NĐ-CP`), a spaced symbol (`35/NQ - CP`), an undated page.

mod support;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde_json::json;
use tracuu_index::citator::{CitatorReport, CitatorRequest};
use tracuu_index::indexer::index_corpus;
use tracuu_index::search::{FacetField, SearchError, SearchIndex, SearchRequest};

const NQ36_2024: &str = "c1-nq36-2024";
const NQ36_2023: &str = "c2-nq36-2023";
const NQ36_UNDATED: &str = "c3-nq36-undated";
const SEED_001: &str = "8ffa0c58b17de14e";
const SEED_002: &str = "daa4be3a22619e98";

/// Articles citing documents in the spellings of real news pages.
fn articles() -> Vec<serde_json::Value> {
    vec![
        json!({
            "id": NQ36_2024,
            "url": "https://baochinhphu.vn/so-ket-20-nam-nghi-quyet-36.htm",
            "source": "baochinhphu.vn",
            "agency": "Văn phòng Chính phủ",
            "published": "2024-03-26T09:00:00+07:00",
            "title": "Sơ kết 20 năm thực hiện Nghị quyết về công tác người Việt Nam ở nước ngoài",
            "body": "Sáng 26/3, tại Hà Nội, Ủy ban Nhà nước về người Việt Nam ở nước ngoài tổ chức hội nghị sơ kết 20 năm thực hiện Nghị quyết số 36-NQ/TW ngày 26/3/2004 của Bộ Chính trị về công tác đối với người Việt Nam ở nước ngoài. Hội nghị cũng đánh giá 3 năm thực hiện Kết luận số 12-KL/TW ngày 12/8/2021 của Bộ Chính trị.\n\nPGS. TS. Nguyễn Văn An cho biết cộng đồng kiều bào ngày càng gắn bó với quê hương."
        }),
        json!({
            "id": NQ36_2023,
            "url": "https://quangnam.gov.vn/tuyen-truyen-nghi-quyet-36.htm",
            "source": "quangnam.gov.vn",
            "agency": "UBND tỉnh Quảng Nam",
            "published": "2023-11-05",
            "title": "Tam Kỳ tuyên truyền chính sách đối với kiều bào",
            "body": "Trong năm, địa phương đã tổ chức nhiều hoạt động hướng về quê hương. TP. Tam Kỳ tổ chức tuyên truyền Nghị quyết 36-NQ/TW và Chỉ thị số 45-CT/TW của Ban Bí thư đến cán bộ, đảng viên và nhân dân. Các hội nghị được tổ chức tại 13 phường, xã."
        }),
        json!({
            "id": NQ36_UNDATED,
            "url": "https://tuyenquang.dfa.vn/kieu-bao-ve-que.htm",
            "source": "tuyenquang.dfa.vn",
            "title": "Kiều bào về quê đón Tết",
            "body": "Chương trình Xuân Quê hương là dịp để kiều bào gặp gỡ lãnh đạo tỉnh. Đây là hoạt động cụ thể hóa Nghị quyết số 36-NQ/TW của Bộ Chính trị."
        }),
        json!({
            "id": "c4-nq19-2017",
            "url": "https://baochinhphu.vn/moi-truong-kinh-doanh-2017.htm",
            "source": "baochinhphu.vn",
            "agency": "Văn phòng Chính phủ",
            "published": "2017-02-06",
            "title": "Cải thiện môi trường kinh doanh, nâng cao năng lực cạnh tranh quốc gia năm 2017",
            "body": "Chính phủ ban hành Nghị quyết 19-2017/NQ-CP về tiếp tục thực hiện những nhiệm vụ, giải pháp chủ yếu cải thiện môi trường kinh doanh, nâng cao năng lực cạnh tranh quốc gia năm 2017, định hướng đến năm 2020. Nghị quyết cũng giao các bộ thực hiện Nghị quyết 35/NQ - CP về hỗ trợ và phát triển doanh nghiệp."
        }),
        json!({
            "id": "c5-nq01-2017",
            "url": "https://mpi.gov.vn/nghi-quyet-01-2017.htm",
            "source": "mpi.gov.vn",
            "agency": "Bộ Kế hoạch và Đầu tư",
            "published": "2017-01-10",
            "title": "Triển khai nhiệm vụ kế hoạch phát triển kinh tế - xã hội năm 2017",
            "body": "Bộ Kế hoạch và Đầu tư triển khai Nghị quyết 01-2017/NQ-CP của Chính phủ về những nhiệm vụ, giải pháp chủ yếu chỉ đạo điều hành thực hiện kế hoạch năm 2017. Việc kiểm soát hoạt động kinh doanh có điều kiện thực hiện theo Nghị định 46/2015/NĐ-CP."
        }),
        json!({
            "id": "c6-nd46-2016",
            "url": "https://csgt.vn/xu-phat-nong-do-con.htm",
            "source": "csgt.vn",
            "published": "2016-09-01",
            "title": "Xử phạt người điều khiển xe có nồng độ cồn",
            "body": "Theo Nghị định 46/2016 NĐ-CP, người điều khiển xe mô tô trong máu hoặc hơi thở có nồng độ cồn bị phạt tiền đến 3 triệu đồng."
        }),
    ]
}

fn seeds_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/seeds.jsonl")
}

fn index() -> &'static SearchIndex {
    static INDEX: OnceLock<(tempfile::TempDir, SearchIndex)> = OnceLock::new();
    let (_, index) = INDEX.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let corpus = dir.path().join("citing.jsonl");
        let mut file = std::fs::File::create(&corpus).expect("corpus file");
        for article in articles() {
            writeln!(file, "{article}").expect("write the corpus");
        }
        drop(file);
        let options = support::small_index_options();
        let index_dir = dir.path().join("index");
        let report = index_corpus(&[seeds_path(), corpus], &index_dir, &options).expect("index");
        assert_eq!(report.docs_in_index, 11);
        let index = SearchIndex::open(&index_dir).expect("open the index");
        (dir, index)
    });
    index
}

fn citator(number: &str) -> CitatorReport {
    index()
        .citator(&CitatorRequest::new(number))
        .unwrap_or_else(|e| panic!("{number}: {e}"))
}

/// The total of a search: `query`, filtered on these cited documents (any of them).
fn total(query: &str, refs: &[&str]) -> u64 {
    let request = SearchRequest {
        query: query.into(),
        limit: 0,
        filters: refs
            .iter()
            .map(|r| (FacetField::Ref, r.to_string()))
            .collect(),
        ..Default::default()
    };
    index()
        .search(&request)
        .unwrap_or_else(|e| panic!("{query} {refs:?}: {e}"))
        .total
}

fn ids(report: &CitatorReport) -> Vec<&str> {
    report.articles.iter().map(|a| a.id.as_str()).collect()
}

#[test]
fn a_party_resolution_is_decoded_and_its_citing_count_is_the_ref_search_total() {
    let report = citator("36-NQ/TW");
    assert_eq!(report.document.number, "36-NQ/TW");
    assert_eq!(report.document.doc_type.as_deref(), Some("Nghị quyết"));
    assert_eq!(report.issuer.as_deref(), Some("Ban Chấp hành Trung ương"));
    assert_eq!(report.document.year, None, "the number carries no year");
    assert_eq!(report.citing, 5, "two seeds and three articles here");
    assert_eq!(report.citing, total("", &["36-NQ/TW"]));
    assert_eq!(report.citing, total("ref:36-NQ/TW", &[]));
    // Only one article writes the date of issue after the number.
    let years: Vec<(&str, u64)> = report
        .years_cited
        .iter()
        .map(|y| (y.value.as_str(), y.count))
        .collect();
    assert_eq!(years, [("2004", 1)]);
}

#[test]
fn citing_articles_come_newest_first_each_with_the_sentence_that_cites() {
    let report = citator("36-NQ/TW");
    assert_eq!(
        ids(&report),
        [SEED_002, NQ36_2024, SEED_001, NQ36_2023, NQ36_UNDATED],
        "2024-06, 2024-03, 2023-12, 2023-11, then the undated page"
    );
    let sentence = |id: &str| {
        report
            .articles
            .iter()
            .find(|a| a.id == id)
            .and_then(|a| a.sentence.clone())
            .unwrap_or_default()
    };
    assert_eq!(
        sentence(NQ36_2024),
        "Sáng 26/3, tại Hà Nội, Ủy ban Nhà nước về người Việt Nam ở nước ngoài tổ chức hội nghị sơ kết 20 năm thực hiện Nghị quyết số 36-NQ/TW ngày 26/3/2004 của Bộ Chính trị về công tác đối với người Việt Nam ở nước ngoài."
    );
    // "TP." does not end the sentence.
    assert_eq!(
        sentence(NQ36_2023),
        "TP. Tam Kỳ tổ chức tuyên truyền Nghị quyết 36-NQ/TW và Chỉ thị số 45-CT/TW của Ban Bí thư đến cán bộ, đảng viên và nhân dân."
    );
    assert!(
        sentence(SEED_002).contains("20 năm thực hiện Nghị quyết số 36-NQ/TW của Bộ Chính trị"),
        "{}",
        sentence(SEED_002)
    );
    let second_page = index()
        .citator(&CitatorRequest {
            offset: 1,
            limit: 2,
            ..CitatorRequest::new("36-nq/tw")
        })
        .expect("second page");
    assert_eq!(ids(&second_page), [NQ36_2024, SEED_001]);
    assert_eq!(second_page.citing, 5, "paging does not change the count");
}

#[test]
fn months_sources_and_co_cited_documents_count_the_citing_articles() {
    let report = citator("36-NQ/TW");
    let months: Vec<(&str, u64)> = report
        .by_month
        .iter()
        .map(|m| (m.month.as_str(), m.count))
        .collect();
    assert_eq!(
        months,
        [
            ("2023-11", 1),
            ("2023-12", 1),
            ("2024-03", 1),
            ("2024-06", 1)
        ]
    );
    assert_eq!(report.undated, 1);
    let sources: u64 = report.by_source.iter().map(|s| s.count).sum();
    assert_eq!(
        sources, report.citing,
        "every citing article has one source"
    );
    let with: Vec<(&str, u64)> = report
        .cited_with
        .iter()
        .map(|c| (c.value.as_str(), c.count))
        .collect();
    assert_eq!(with, [("12-KL/TW", 2), ("45-CT/TW", 2)]);
    for (other, count) in with {
        assert_eq!(
            total("36-NQ/TW", &[other]),
            count,
            "articles citing both 36-NQ/TW and {other}"
        );
    }
}

#[test]
fn yearly_government_resolutions_do_not_collide() {
    let nq19 = citator("19-2017/NQ-CP");
    assert_eq!(nq19.document.number, "19-2017/NQ-CP");
    assert_eq!(nq19.document.year, Some(2017));
    assert_eq!(nq19.issuer.as_deref(), Some("Chính phủ"));
    assert_eq!(ids(&nq19), ["c4-nq19-2017"]);
    assert_eq!(nq19.citing, total("", &["19-2017/NQ-CP"]));
    let nq01 = citator("01-2017/NQ-CP");
    assert_eq!(ids(&nq01), ["c5-nq01-2017"]);
    // The spaced symbol of the same page is read as its number.
    assert_eq!(ids(&citator("35/NQ-CP")), ["c4-nq19-2017"]);
}

#[test]
fn a_decree_is_its_own_year_not_another_years_same_serial() {
    let nd46 = citator("46/2016/NĐ-CP");
    assert_eq!(nd46.document.doc_type.as_deref(), Some("Nghị định"));
    assert_eq!(nd46.issuer.as_deref(), Some("Chính phủ"));
    assert_eq!(ids(&nd46), ["c6-nd46-2016"], "written 46/2016 NĐ-CP");
    assert_eq!(
        nd46.articles[0].sentence.as_deref(),
        Some(
            "Theo Nghị định 46/2016 NĐ-CP, người điều khiển xe mô tô trong máu hoặc hơi thở có nồng độ cồn bị phạt tiền đến 3 triệu đồng."
        )
    );
    assert_eq!(ids(&citator("46/2015/NĐ-CP")), ["c5-nq01-2017"]);
}

#[test]
fn an_uncited_number_has_no_citing_articles_and_text_is_no_number() {
    let none = citator("99-NQ/TW");
    assert_eq!((none.citing, none.articles.len()), (0, 0));
    assert_eq!(none.citing, total("", &["99-NQ/TW"]));
    assert!(matches!(
        index().citator(&CitatorRequest::new("kiều bào")),
        Err(SearchError::InvalidRequest(_))
    ));
}

#[test]
fn a_query_naming_a_document_with_its_year_means_that_document() {
    let search = |query: &str| {
        let request = SearchRequest {
            query: query.into(),
            limit: 10,
            ..Default::default()
        };
        index()
            .search(&request)
            .unwrap_or_else(|e| panic!("{query}: {e}"))
    };
    let nd46 = search("Nghị định 46/2016");
    let ids: Vec<&str> = nd46.hits.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["c6-nd46-2016"], "not the page citing 46/2015/NĐ-CP");
    // The resolution of 2004 is 36-NQ/TW: every page citing it, the one that writes the year first.
    let nq36 = search("nghị quyết 36 năm 2004");
    assert_eq!(nq36.total, citator("36-NQ/TW").citing);
    assert_eq!(nq36.hits.first().map(|h| h.id.as_str()), Some(NQ36_2024));
    assert_eq!(
        search("nghị quyết 36 năm 2005").total,
        4,
        "the pages that do not say the year"
    );
}
