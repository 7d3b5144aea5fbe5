//! `tracuu extract` on saved pages: files, standard input, encodings, and bad input.

use std::io::Write;
use std::process::{Command, Stdio};

use tracuu_index::article::Article;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/crawl");

fn extract(args: &[&str], stdin: Option<&[u8]>) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tracuu"))
        .arg("extract")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|err| panic!("spawn tracuu: {err}"));
    if let Some(input) = stdin
        && let Some(mut pipe) = child.stdin.take()
    {
        pipe.write_all(input)
            .unwrap_or_else(|err| panic!("stdin: {err}"));
    }
    drop(child.stdin.take());
    let output = child
        .wait_with_output()
        .unwrap_or_else(|err| panic!("wait: {err}"));
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn article(stdout: &str) -> Article {
    serde_json::from_str(stdout).unwrap_or_else(|err| panic!("not an Article ({err}): {stdout}"))
}

#[test]
fn windows_1258_page_from_a_file_comes_out_clean_and_nfc() {
    let path = format!("{FIXTURES}/ngoaivu-quangnam.html");
    let url = "http://ngoaivuquangnam.gov.vn/index.php/tin-t-c-s-ki-n/280-t-ng-k-t";
    let (code, stdout, stderr) = extract(&[&path, "--url", url], None);
    assert_eq!(code, 0, "{stderr}");
    let a = article(&stdout);
    assert_eq!(a.url, url);
    assert_eq!(a.source.as_deref(), Some("ngoaivuquangnam.gov.vn"));
    assert_eq!(
        a.title,
        "Tổng kết đánh giá tình hình công tác Người Việt Nam ở nước ngoài năm 2020, phương hướng nhiệm vụ năm 2021"
    );
    assert!(
        a.body.starts_with(
            "Chiều ngày 22/02/2021, Ban về người Việt Nam ở nước ngoài tỉnh Quảng Nam"
        ),
        "{}",
        a.body
    );
    assert!(
        a.body
            .ends_with("cho cán bộ các sở, ban, ngành, địa phương…")
    );
    assert!(!a.body.contains("hinh 3 copy copy") && !a.body.contains("Hình ảnh hoạt động"));
    assert_eq!(a.published.as_deref(), Some("2021-02-22"));
    assert!(unicode_normalization::is_nfc(&a.body));
}

#[test]
fn standard_input_is_read_with_a_dash() {
    let bytes = std::fs::read(format!("{FIXTURES}/tuyenquang-dfa.html"))
        .unwrap_or_else(|err| panic!("{err}"));
    let (code, stdout, stderr) = extract(&["-"], Some(&bytes));
    assert_eq!(code, 0, "{stderr}");
    let a = article(&stdout);
    assert_eq!(a.published.as_deref(), Some("2021-01-18T10:35:00+07:00"));
    assert_eq!(a.author.as_deref(), Some("Thu Thủy"));
    assert!(a.body.contains(
        "Một là, tích cực triển khai Chương trình hành động thực hiện Chỉ thị số 38-CT/TW"
    ));
    assert!(
        !a.body.contains("Các tin khác")
            && !a.body.contains("In bài")
            && !a.body.contains("Thu Thủy")
    );
}

#[test]
fn tcvn3_page_is_converted() {
    let (code, stdout, stderr) = extract(&[&format!("{FIXTURES}/tcvn3.html")], None);
    assert_eq!(code, 0, "{stderr}");
    let a = article(&stdout);
    let expected = std::fs::read_to_string(format!("{FIXTURES}/tcvn3.expected.txt"))
        .unwrap_or_else(|err| panic!("{err}"));
    let (title, body) = expected.split_once('\n').unwrap_or_default();
    assert_eq!(a.title, title);
    assert_eq!(a.body, body);
}

#[test]
fn bad_input_is_a_usage_error() {
    let (code, _, stderr) = extract(&["/nonexistent/page.html"], None);
    assert_eq!(code, 2, "{stderr}");
    let (code, _, _) = extract(
        &[&format!("{FIXTURES}/tcvn3.html"), "--url", "not a url"],
        None,
    );
    assert_eq!(code, 2);
}
