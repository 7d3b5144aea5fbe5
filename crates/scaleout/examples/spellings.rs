//! Prints every spelling the Lucene run puts through the cluster's text analyzer, with tracuu's
//! tokens for it: `TEXT<TAB>TOKEN TOKEN…`, one per line.
//!
//! The inventory of [`tracuu_scaleout::tone_mapping::inventory`] (every syllable with each tone on
//! each vowel) in lower case, capitalised, upper case and NFD, and the sentences tracuu's own tests
//! unify (both tone styles, NFD, misplaced marks, the eth, soft hyphens). `scripts/lucene-verify.sh`
//! runs it: `cargo run -p tracuu-scaleout --example spellings > FILE`.

use std::io::{BufWriter, Write};

use tracuu_index::text::{AnalysisMode, analyze};
use tracuu_scaleout::tone_mapping::inventory;
use unicode_normalization::UnicodeNormalization;

/// Sentences from tracuu's tests (crates/index/src/text) whose spellings it unifies.
const SENTENCES: [&str; 14] = [
    "Uỷ ban Nhà nước về NVNONN",
    "Ủy ban Nhà nước về NVNONN",
    "hòa bình, thủy sản, khỏe",
    "hoà bình, thuỷ sản, khoẻ",
    "vịêt nghịêm thuýên",
    "việt nghiệm thuyến",
    "Ðà Nẵng",
    "Đà Nẵng",
    "U\u{309}y ban",
    "Vie\u{323}\u{302}t Nam",
    "ng\u{AD}ười Việt\u{200B}",
    "Sở Ngoại vụ thành phố Đà Nẵng và Ủy ban về Người Việt Nam ở nước ngoài",
    "HÒA BÌNH, THỦY SẢN, KHỎE",
    "Người Việt Nam ở nước ngoài (NVNONN), tỉnh Quảng Nam",
];

fn main() -> std::io::Result<()> {
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut line = |text: &str| -> std::io::Result<()> {
        let tokens = analyze(text, AnalysisMode::Exact).join(" ");
        writeln!(out, "{text}\t{tokens}")
    };
    for sentence in SENTENCES {
        line(sentence)?;
        line(&sentence.nfd().collect::<String>())?;
    }
    for spelling in inventory() {
        let written = &spelling.written;
        let mut chars = written.chars();
        let capitalised: String = chars
            .next()
            .map(|first| first.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
        line(written)?;
        line(&capitalised)?;
        line(&written.to_uppercase())?;
        line(&written.nfd().collect::<String>())?;
    }
    Ok(())
}
