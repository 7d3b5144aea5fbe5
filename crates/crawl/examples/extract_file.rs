//! Prints what the extractor keeps from one saved page (a debugging aid for the extractor).
//!
//! `cargo run -p tracuu-crawl --example extract_file -- PAGE.html[.gz]`

use std::io::Read;

fn main() -> std::process::ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: extract_file PAGE.html[.gz]");
        return std::process::ExitCode::from(2);
    };
    let mut bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(err) => {
            eprintln!("{path}: {err}");
            return std::process::ExitCode::FAILURE;
        }
    };
    if path.ends_with(".gz") {
        let mut out = Vec::new();
        if let Err(err) = flate2::read::GzDecoder::new(&bytes[..]).read_to_end(&mut out) {
            eprintln!("{path}: {err}");
            return std::process::ExitCode::FAILURE;
        }
        bytes = out;
    }
    let page = tracuu_crawl::charset::decode_html(&bytes, None);
    let found = tracuu_crawl::extract::extract(
        &page.text,
        None,
        &tracuu_crawl::extract::SiteRules::default(),
    );
    println!(
        "encoding: {}\ntitle: {}\npublished: {:?}\nauthor: {:?}\n---\n{}",
        page.encoding, found.title, found.published, found.author, found.body
    );
    std::process::ExitCode::SUCCESS
}
