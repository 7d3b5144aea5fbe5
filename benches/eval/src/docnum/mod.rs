//! `tracuu-eval docnum`: how many of the 4,203 document numbers seen in the corpora come back
//! right, as written in a sentence, where they occur in the corpora, in other spellings, and
//! typed in a query; and whether every type code of Nghị định 30/2020/NĐ-CP, Phụ lục III,
//! decodes to its type.
//!
//! The headline counts a number right when every one of its occurrences read in the corpora
//! comes back right, or, for a number that does not occur in the corpora in `shared/` (those
//! first seen in Wikipedia or law texts), when it comes back right as written in a sentence.

mod codes;
mod context;
mod seen;
mod spellings;

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context;
use tracuu_index::enrich::describe_document;

use self::seen::{Seen, Verdict};
use self::spellings::{Spelling, Typed};
use crate::corpus::BenchCorpus;

/// The shared files `docnum` reads.
pub fn inputs(shared: &Path) -> Vec<PathBuf> {
    vec![
        shared.join(seen::SEEN_PATH),
        shared.join(codes::CODES_PATH),
        shared.join(context::DANTRI_PATH),
        BenchCorpus::Baomoi.shared_path(shared),
        BenchCorpus::Vietnews.shared_path(shared),
    ]
}

/// Runs every measure; returns the Markdown for `benches/RESULTS.md` and writes every number
/// that did not come back right to `work/docnum-failures.tsv`.
pub fn run(shared: &Path, work: &Path) -> anyhow::Result<String> {
    let all = seen::load(shared)?;
    let numbers: Vec<String> = all.iter().map(|s| s.number.clone()).collect();
    let written: Vec<(Verdict, Option<String>)> = all
        .iter()
        .map(|s| {
            let (verdict, doc) = spellings::as_written(&s.number);
            (verdict, doc.map(|d| d.number))
        })
        .collect();
    eprintln!("docnum: reading baomoi, dantri and vietnews for the numbers in context…");
    let occurrences = context::scan(shared, &numbers)?;
    let mut out = String::new();
    headline(&mut out, &all, &written, &occurrences);
    as_written_table(&mut out, &all, &written);
    context_table(&mut out, &occurrences);
    let spelling_failures = spellings_table(&mut out, &all, &written);
    queries_table(&mut out, &all);
    codes_table(&mut out, &codes::check(shared)?);
    decoded_table(&mut out, &written);
    let failures = work.join("docnum-failures.tsv");
    write_failures(&failures, &all, &written, &occurrences, &spelling_failures)?;
    let _ = writeln!(
        out,
        "Every number not right, with its context: `{}`.",
        failures.display()
    );
    Ok(out)
}

/// Whether a number comes back right: in every occurrence read, or as written when it occurs
/// in none.
fn right(
    at: usize,
    written: &[(Verdict, Option<String>)],
    found: &HashMap<usize, Vec<context::Occurrence>>,
) -> bool {
    match found.get(&at) {
        Some(occurrences) if !occurrences.is_empty() => {
            occurrences.iter().all(|o| o.verdict.right())
        }
        _ => written[at].0.right(),
    }
}

fn headline(
    out: &mut String,
    all: &[Seen],
    written: &[(Verdict, Option<String>)],
    found: &HashMap<usize, Vec<context::Occurrence>>,
) {
    let total = all.len();
    let right_count = (0..total).filter(|&at| right(at, written, found)).count();
    let in_context = (0..total)
        .filter(|at| found.get(at).is_some_and(|o| !o.is_empty()))
        .count();
    let weighted: u64 = all.iter().map(|s| s.count).sum();
    let weighted_right: u64 = (0..total)
        .filter(|&at| right(at, written, found))
        .map(|at| all[at].count)
        .sum();
    let _ = writeln!(
        out,
        "**{right_count} of {total} numbers come back right ({:.1} %)**; weighted by how often each was seen, \
         {weighted_right} of {weighted} ({:.1} %). {in_context} of them occur in the corpora in `shared/` and are \
         judged there (every occurrence read, up to {} per corpus); the others as written in a sentence.\n",
        percent(right_count as u64, total as u64),
        percent(weighted_right, weighted),
        3
    );
}

fn as_written_table(out: &mut String, all: &[Seen], written: &[(Verdict, Option<String>)]) {
    let _ = writeln!(
        out,
        "As written in a sentence (\"Căn cứ văn bản số … của cơ quan ban hành.\"):\n"
    );
    let _ = writeln!(
        out,
        "| shape (as mined) | numbers | right | not found | another number |"
    );
    let _ = writeln!(out, "|---|---:|---:|---:|---:|");
    let mut by_shape: BTreeMap<&str, [usize; 4]> = BTreeMap::new();
    for (s, (verdict, _)) in all.iter().zip(written) {
        let row = by_shape.entry(s.pattern.as_str()).or_default();
        row[0] += 1;
        match verdict {
            v if v.right() => row[1] += 1,
            Verdict::Missed => row[2] += 1,
            _ => row[3] += 1,
        }
    }
    let mut sum = [0usize; 4];
    for (shape, row) in &by_shape {
        let _ = writeln!(
            out,
            "| `{shape}` | {} | {} | {} | {} |",
            row[0], row[1], row[2], row[3]
        );
        for (total, n) in sum.iter_mut().zip(row) {
            *total += n;
        }
    }
    let _ = writeln!(
        out,
        "| all | {} | {} | {} | {} |\n",
        sum[0], sum[1], sum[2], sum[3]
    );
    let mut verdicts: BTreeMap<Verdict, usize> = BTreeMap::new();
    for (verdict, _) in written {
        *verdicts.entry(*verdict).or_default() += 1;
    }
    let _ = writeln!(out, "| answer | numbers |\n|---|---:|");
    for (verdict, n) in verdicts {
        let _ = writeln!(out, "| {} | {n} |", verdict.label());
    }
    let _ = writeln!(out);
}

fn context_table(out: &mut String, found: &HashMap<usize, Vec<context::Occurrence>>) {
    let _ = writeln!(
        out,
        "Where they occur (the extractor on the text around each occurrence):\n"
    );
    let _ = writeln!(
        out,
        "| corpus | occurrences | right | of which the whole of a mined fragment | not found | another number |"
    );
    let _ = writeln!(out, "|---|---:|---:|---:|---:|---:|");
    for corpus in ["baomoi", "dantri", "vietnews"] {
        let mut row = [0usize; 5];
        for o in found.values().flatten().filter(|o| o.corpus == corpus) {
            row[0] += 1;
            match o.verdict {
                Verdict::WholeOfFragment => {
                    row[1] += 1;
                    row[2] += 1;
                }
                v if v.right() => row[1] += 1,
                Verdict::Missed => row[3] += 1,
                _ => row[4] += 1,
            }
        }
        let _ = writeln!(
            out,
            "| {corpus} | {} | {} | {} | {} | {} |",
            row[0], row[1], row[2], row[3], row[4]
        );
    }
    let _ = writeln!(out);
}

/// A spelling that did not come back: the number, the spelling, and what came back.
type SpellingFailure = (String, &'static str, String);

fn spellings_table(
    out: &mut String,
    all: &[Seen],
    written: &[(Verdict, Option<String>)],
) -> Vec<SpellingFailure> {
    let mut failures = Vec::new();
    let _ = writeln!(
        out,
        "Other spellings of the numbers that come back right as written (same number: the same official \
         form; same document: the same index key, which folds marks and case, so a search finds it):\n"
    );
    let _ = writeln!(
        out,
        "| spelling | numbers | same number | same document |\n|---|---:|---:|---:|"
    );
    for spelling in Spelling::ALL {
        let (mut applicable, mut same, mut same_key) = (0, 0, 0);
        for (s, (verdict, got)) in all.iter().zip(written) {
            let Some(expected) = got.as_deref().filter(|_| verdict.right()) else {
                continue;
            };
            let Some(text) = spelling.write(&s.number) else {
                continue;
            };
            applicable += 1;
            let found = spellings::extract(&text);
            let expected_key = spellings::key(expected);
            if expected_key.is_some()
                && found.as_ref().map(|d| spellings::key(&d.number)) == Some(expected_key)
            {
                same_key += 1;
            }
            let got = found.map(|d| d.number);
            if got.as_deref() == Some(expected) {
                same += 1;
            } else {
                failures.push((text, spelling.label(), got.unwrap_or_default()));
            }
        }
        let _ = writeln!(
            out,
            "| {} | {applicable} | {same} ({:.1} %) | {same_key} ({:.1} %) |",
            spelling.label(),
            percent(same as u64, applicable as u64),
            percent(same_key as u64, applicable as u64)
        );
    }
    let _ = writeln!(out);
    failures
}

fn queries_table(out: &mut String, all: &[Seen]) {
    let _ = writeln!(
        out,
        "Typed in a query, against the document as cited with its date of issue (\"… ngày 15/6/2018 …\"):\n"
    );
    let _ = writeln!(out, "| query | numbers | finds it |\n|---|---:|---:|");
    let docs: Vec<_> = all
        .iter()
        .filter_map(|s| spellings::extract_dated(&s.number))
        .collect();
    for typed in Typed::ALL {
        let results: Vec<bool> = docs.iter().filter_map(|d| typed.finds(d)).collect();
        let found = results.iter().filter(|&&b| b).count();
        let _ = writeln!(
            out,
            "| {} | {} | {found} ({:.1} %) |",
            typed.label(),
            results.len(),
            percent(found as u64, results.len() as u64)
        );
    }
    let excluded: Vec<bool> = docs
        .iter()
        .filter_map(spellings::other_year_excluded)
        .collect();
    let kept_out = excluded.iter().filter(|&&b| b).count();
    let _ = writeln!(
        out,
        "| type, serial and another year (must not find it) | {} | {} not found ({:.1} %) |\n",
        excluded.len(),
        kept_out,
        percent(kept_out as u64, excluded.len() as u64)
    );
}

fn codes_table(out: &mut String, rows: &[codes::CodeRow]) {
    let right = rows.iter().filter(|r| r.right()).count();
    let _ = writeln!(
        out,
        "Type codes of Nghị định 30/2020/NĐ-CP, Phụ lục III: {right} of {} decode to their type in `01/CODE-UBND`.",
        rows.len()
    );
    for row in rows.iter().filter(|r| !r.right()) {
        let _ = writeln!(
            out,
            "- `{}` ({}) decodes to {:?}",
            row.code, row.name, row.decoded
        );
    }
    let _ = writeln!(out);
}

/// How much of each number the citator's page can decode: its type, and its issuing body.
fn decoded_table(out: &mut String, written: &[(Verdict, Option<String>)]) {
    let described: Vec<_> = written
        .iter()
        .filter_map(|(_, got)| got.as_deref().and_then(describe_document))
        .collect();
    let typed = described.iter().filter(|d| d.doc_type.is_some()).count();
    let named = described
        .iter()
        .filter(|d| !d.issuers.is_empty() && d.issuers.iter().all(|i| i.name.is_some()))
        .count();
    let total = described.len() as u64;
    // The document page redirects another spelling to the official form only when that form
    // reads as itself.
    let stable = described
        .iter()
        .filter(|d| describe_document(&d.number).is_some_and(|again| again.number == d.number))
        .count();
    let _ = writeln!(
        out,
        "Decoded on the document page, of the {total} numbers found as written: the type for {typed} ({:.1} %), \
         every issuing body by name for {named} ({:.1} %); the official form reads as itself for {stable} ({:.1} %).\n",
        percent(typed as u64, total),
        percent(named as u64, total),
        percent(stable as u64, total)
    );
}

fn write_failures(
    path: &Path,
    all: &[Seen],
    written: &[(Verdict, Option<String>)],
    found: &HashMap<usize, Vec<context::Occurrence>>,
    spellings: &[SpellingFailure],
) -> anyhow::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let mut file = std::io::BufWriter::new(
        std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?,
    );
    writeln!(
        file,
        "number\tcount\tfirst_seen_in\twhere\tverdict\tgot\tcontext"
    )?;
    for (at, s) in all.iter().enumerate() {
        if right(at, written, found) {
            continue;
        }
        let (verdict, got) = &written[at];
        writeln!(
            file,
            "{}\t{}\t{}\tsentence\t{}\t{}\t",
            s.number,
            s.count,
            s.first_seen_in,
            verdict.label(),
            got.as_deref().unwrap_or("")
        )?;
        for o in found
            .get(&at)
            .into_iter()
            .flatten()
            .filter(|o| !o.verdict.right())
        {
            writeln!(
                file,
                "{}\t{}\t{}\t{}\t{}\t{}\t{}",
                s.number,
                s.count,
                s.first_seen_in,
                o.corpus,
                o.verdict.label(),
                o.got.as_deref().unwrap_or(""),
                o.context
            )?;
        }
    }
    for (text, label, got) in spellings {
        writeln!(
            file,
            "{text}\t\t\tspelling: {label}\tanother number or none\t{got}\t"
        )?;
    }
    file.flush()?;
    Ok(())
}

fn percent(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}
