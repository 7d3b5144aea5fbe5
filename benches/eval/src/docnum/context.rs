//! The mined numbers where they occur: the corpora in `shared/` read for each number's first
//! occurrences, and the extractor run on the text around each.
//!
//! baomoi (2017) and dantri (2019–2021) are raw news text, read as they are. vietnews is
//! pre-segmented (`Nghị_định 90/2017 / NĐ - CP`): its words are rejoined and its separators
//! closed up as the miner did ("detok"), so its spacing says nothing about real writing.

use std::collections::HashMap;
use std::io::BufRead;
use std::path::Path;

use aho_corasick::{AhoCorasick, MatchKind};
use anyhow::Context;
use tracuu_index::enrich::citations;

use super::seen::{Fragment, Verdict, judge};
use crate::corpus::{BenchCorpus, read_bench};

/// Where dantri is, under `shared/`.
pub const DANTRI_PATH: &str = "data/news/dantri.jsonl.gz";

/// Occurrences read per number and corpus.
const PER_NUMBER: usize = 3;

/// Bytes of text read on either side of an occurrence.
const WINDOW: usize = 160;

/// One occurrence judged.
#[derive(Debug, Clone)]
pub struct Occurrence {
    /// The corpus.
    pub corpus: &'static str,
    /// The text around it.
    pub context: String,
    /// What came back.
    pub got: Option<String>,
    /// The verdict.
    pub verdict: Verdict,
}

/// Occurrences of each mined number (by index in `numbers`), in baomoi, dantri and vietnews.
pub fn scan(shared: &Path, numbers: &[String]) -> anyhow::Result<HashMap<usize, Vec<Occurrence>>> {
    let finder = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(numbers)
        .context("building the number finder")?;
    let mut found: HashMap<usize, Vec<Occurrence>> = HashMap::new();
    let mut seen_in: HashMap<(usize, &'static str), usize> = HashMap::new();
    let mut read = |corpus: &'static str, text: &str| {
        for m in finder.find_iter(text) {
            let index = m.pattern().as_usize();
            let slot = seen_in.entry((index, corpus)).or_insert(0);
            if *slot >= PER_NUMBER || !at_number_boundary(text, m.start(), m.end()) {
                continue;
            }
            *slot += 1;
            found.entry(index).or_default().push(judge_occurrence(
                corpus,
                text,
                m.start(),
                m.end(),
                &numbers[index],
            ));
        }
    };
    read_bench(
        BenchCorpus::Baomoi,
        &BenchCorpus::Baomoi.shared_path(shared),
        |a| {
            read("baomoi", &format!("{}\n{}", a.title, a.body));
        },
    )?;
    let dantri = shared.join(DANTRI_PATH);
    let file =
        std::fs::File::open(&dantri).with_context(|| format!("opening {}", dantri.display()))?;
    for line in std::io::BufReader::new(flate2::read::GzDecoder::new(file)).lines() {
        let record: serde_json::Value = serde_json::from_str(&line?)?;
        let text = format!(
            "{}\n{}",
            record["title"].as_str().unwrap_or_default(),
            record["body"].as_str().unwrap_or_default()
        );
        read("dantri", &text);
    }
    read_bench(
        BenchCorpus::Vietnews,
        &BenchCorpus::Vietnews.shared_path(shared),
        |a| {
            read("vietnews", &detokenize(&format!("{}\n{}", a.title, a.body)));
        },
    )?;
    Ok(found)
}

/// An occurrence starts where a number may (not inside a longer run of digits) and ends where
/// a symbol does (not inside a longer symbol: a lower-case word run on is allowed).
fn at_number_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(|c| c.is_ascii_digit())
        && !after.is_some_and(|c| c.is_ascii_digit() || c.is_uppercase())
}

/// The extractor on the text around one occurrence: the citation that covers it, judged.
fn judge_occurrence(
    corpus: &'static str,
    text: &str,
    start: usize,
    end: usize,
    seen: &str,
) -> Occurrence {
    let from = floor(text, start.saturating_sub(WINDOW));
    let to = ceil(text, (end + WINDOW).min(text.len()));
    let window = &text[from..to];
    let (local_start, local_end) = (start - from, end - from);
    let got = citations(window)
        .into_iter()
        .find(|c| c.span.start < local_end && local_start < c.span.end)
        .map(|c| c.document.number);
    let fragment = Fragment {
        tail: is_fragment(&text[..start]),
        head: is_cut_short(&text[end..]),
        term: seen.ends_with("QH") && is_term_number(&text[end..]),
    };
    Occurrence {
        corpus,
        context: window.replace(['\n', '\t'], " "),
        verdict: judge(seen, got.as_deref(), fragment),
        got,
    }
}

/// Whether the text before an occurrence ends like the start of a longer number: a serial and
/// a separator (`19-` before `2017/NQ-CP`, `03 /` before `2016/TT-BNNPTNT`).
fn is_fragment(before: &str) -> bool {
    let trimmed = before.trim_end();
    let alphanumeric = |text: &str| {
        text.chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric())
    };
    match trimmed.strip_suffix('/') {
        Some(rest) => alphanumeric(rest.trim_end()),
        // A hyphen joins a serial to its year only when it touches it ("19-2017"); "2017 - 2018"
        // is a range.
        None => trimmed.strip_suffix(['-', '–']).is_some_and(alphanumeric),
    }
}

/// Whether the text after an occurrence goes on with more of the symbol after spaces or a slash,
/// where the miner's pattern stopped: `116/2020/NĐ` before ` - CP`, `32/2013/TT` before `/BTC`.
/// Whether the text after an occurrence is a legislature's term number written apart (` 14`
/// after `54/2017/QH`): spaces, one or two digits, and no more of the number.
fn is_term_number(after: &str) -> bool {
    let rest = after.trim_start_matches([' ', '\u{a0}']);
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    rest.len() < after.len()
        && (1..=2).contains(&digits)
        && !rest[digits..].starts_with(|c: char| c.is_alphanumeric())
}

fn is_cut_short(after: &str) -> bool {
    let rest = after.trim_start_matches([' ', '\u{a0}']);
    let Some(sep) = rest
        .chars()
        .next()
        .filter(|c| matches!(c, '-' | '–' | '—' | '/'))
    else {
        return false;
    };
    let next = rest[sep.len_utf8()..].trim_start_matches([' ', '\u{a0}']);
    let spaced = rest.len() < after.len() || next.len() + sep.len_utf8() < rest.len();
    (spaced || sep != '-') && next.chars().next().is_some_and(char::is_uppercase)
}

/// vietnews' segmentation undone: words rejoined, and no spaces around `/` and `-` between
/// letters and digits, nor before punctuation.
fn detokenize(text: &str) -> String {
    let text = text.replace('_', " ");
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    let mut at = 0;
    while at < chars.len() {
        let c = chars[at];
        if c == ' ' {
            let next = chars.get(at + 1).copied();
            let prev = out.chars().next_back();
            let closes = matches!(next, Some('/' | '-' | ',' | '.' | ';' | ':' | ')'));
            let after_separator = matches!(prev, Some('/' | '-' | '('));
            if (closes || after_separator) && prev.is_some_and(|p| p != ' ') {
                at += 1;
                continue;
            }
        }
        out.push(c);
        at += 1;
    }
    out
}

fn floor(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnews_is_closed_up_as_the_miner_did() {
        assert_eq!(
            detokenize("theo Nghị_định 90/2017 / NĐ - CP , do Chính_phủ ban_hành"),
            "theo Nghị định 90/2017/NĐ-CP, do Chính phủ ban hành"
        );
    }

    #[test]
    fn a_mined_head_cut_at_a_spaced_separator_is_a_fragment() {
        assert!(is_cut_short(" - CP về đào tạo giáo viên"));
        assert!(is_cut_short("- BYT ngày 15/3/2017"));
        assert!(is_cut_short(" –CP. Trước ý kiến"));
        assert!(is_cut_short("/BTC ngày 26/12/2013"));
        assert!(!is_cut_short("-Nội quy về việc tiếp công dân"));
        assert!(!is_cut_short(" của Chính phủ"));
        assert!(!is_cut_short(" - 2018"));
    }

    #[test]
    fn a_term_number_written_apart_after_a_mined_qh_is_a_fragment() {
        assert!(is_term_number(" 14 về thí điểm cơ chế"));
        assert!(is_term_number(" 13. Đối với"));
        assert!(!is_term_number("14 về"));
        assert!(!is_term_number(" 140 người"));
        assert!(!is_term_number(" 14h30"));
    }

    #[test]
    fn a_mined_tail_of_a_longer_number_is_a_fragment() {
        assert!(is_fragment("tại Nghị quyết 19-"));
        assert!(is_fragment("Thông tư số 03 /"));
        assert!(!is_fragment("tại Nghị quyết "));
        assert!(!is_fragment("năm 2017 - "));
    }
}
