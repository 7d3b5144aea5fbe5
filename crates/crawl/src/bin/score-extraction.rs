//! Scores tracuu's extractor on the ScrapingHub article-extraction benchmark (AEB), and checks
//! that the vbpl.vn pages extract to NFC text.
//!
//! Usage: `cargo run --release -p tracuu-crawl --bin score-extraction -- [--aeb DIR] [--vbpl DIR] [--out FILE] [--worst N]`
//! (defaults: `../shared/data/html/aeb` and `../shared/data/html/vbpl`, relative to the repository).
//!
//! The metric is the benchmark's `evaluate.py`, reimplemented: tokens are Python's `\w+` (Unicode
//! letters, numbers and `_`) after NFC; each page's text is a multiset of 4-token shingles (1–3
//! tokens make one shorter shingle); per page, precision = tp/(tp+fp) and recall = tp/(tp+fn) over
//! shingle counts; the corpus precision and recall are the means over pages (precision over pages
//! with a prediction, recall over pages with a truth), and F1 is computed from those two means.
//! Speed is extraction only (parse + clean + metadata), one thread, after a warm-up of 5 pages.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::LazyLock;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use tracuu_crawl::charset::decode_html;
use tracuu_crawl::extract::{SiteRules, extract};
use unicode_normalization::{UnicodeNormalization, is_nfc};

static WORD: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"[\p{L}\p{N}_]+").unwrap_or_else(|err| unreachable!("static regex: {err}"))
});

fn shingles(text: &str) -> HashMap<String, i64> {
    let nfc: String = text.nfc().collect();
    let tokens: Vec<&str> = WORD.find_iter(&nfc).map(|m| m.as_str()).collect();
    let mut out = HashMap::new();
    if tokens.is_empty() {
        return out;
    }
    let count = tokens.len().saturating_sub(3).max(1);
    for i in 0..count {
        let end = (i + 4).min(tokens.len());
        *out.entry(tokens[i..end].join("\u{1f}")).or_insert(0) += 1;
    }
    out
}

/// Per-page (precision, recall), each `None` when the page does not count for that mean.
fn page_score(truth: &str, prediction: &str) -> (Option<f64>, Option<f64>, bool) {
    let t = shingles(truth);
    let p = shingles(prediction);
    let (mut tp, mut fp, mut fn_) = (0i64, 0i64, 0i64);
    for (g, &pc) in &p {
        let tc = t.get(g).copied().unwrap_or(0);
        tp += pc.min(tc);
        fp += (pc - tc).max(0);
    }
    for (g, &tc) in &t {
        let pc = p.get(g).copied().unwrap_or(0);
        fn_ += (tc - pc).max(0);
    }
    let precision = if fp == 0 && fn_ == 0 {
        1.0
    } else if tp == 0 && fp == 0 {
        0.0
    } else {
        tp as f64 / (tp + fp) as f64
    };
    let recall = if fp == 0 && fn_ == 0 {
        1.0
    } else if tp == 0 && fn_ == 0 {
        0.0
    } else {
        tp as f64 / (tp + fn_) as f64
    };
    let tok = |s: &str| -> Vec<String> {
        WORD.find_iter(&s.nfc().collect::<String>())
            .map(|m| m.as_str().to_string())
            .collect()
    };
    let exact = tok(truth) == tok(prediction);
    (
        (tp + fp > 0).then_some(precision),
        (tp + fn_ > 0).then_some(recall),
        exact,
    )
}

fn mean(values: &[f64]) -> f64 {
    if values.is_empty() {
        0.0
    } else {
        values.iter().sum::<f64>() / values.len() as f64
    }
}

fn read_gz(path: &Path) -> anyhow::Result<Vec<u8>> {
    let file = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(file)
        .read_to_end(&mut out)
        .with_context(|| format!("gunzipping {}", path.display()))?;
    Ok(out)
}

fn score_aeb(dir: &Path, out: Option<&Path>, worst_n: usize) -> anyhow::Result<()> {
    let truth_path = dir.join("ground-truth.json");
    let raw = std::fs::read_to_string(&truth_path)
        .with_context(|| format!("reading {}", truth_path.display()))?;
    let truth: HashMap<String, serde_json::Value> =
        serde_json::from_str(&raw).context("parsing ground-truth.json")?;
    let mut ids: Vec<&String> = truth.keys().collect();
    ids.sort();
    let mut pages = Vec::with_capacity(ids.len());
    for id in &ids {
        let bytes = read_gz(&dir.join("html").join(format!("{id}.html.gz")))?;
        // The benchmark stores every page re-encoded as UTF-8.
        let html = decode_html(&bytes, Some("text/html; charset=utf-8")).text;
        let url = truth[*id]
            .get("url")
            .and_then(|u| u.as_str())
            .and_then(|u| url::Url::parse(u).ok());
        pages.push((id.as_str(), html, url));
    }
    let rules = SiteRules::default();
    for (_, html, url) in pages.iter().take(5) {
        std::hint::black_box(extract(html, url.as_ref(), &rules));
    }
    let mut elapsed = Duration::ZERO;
    let mut predictions = Vec::with_capacity(pages.len());
    for (id, html, url) in &pages {
        let start = Instant::now();
        let found = extract(html, url.as_ref(), &rules);
        elapsed += start.elapsed();
        predictions.push((*id, found.body));
    }
    let (mut precisions, mut recalls, mut exact) = (Vec::new(), Vec::new(), 0usize);
    let mut worst: Vec<(f64, Option<f64>, Option<f64>, &str)> = Vec::new();
    for (id, body) in &predictions {
        let gold = truth[*id]
            .get("articleBody")
            .and_then(|b| b.as_str())
            .unwrap_or("");
        let (p, r, e) = page_score(gold, body);
        if let Some(p) = p {
            precisions.push(p);
        }
        if let Some(r) = r {
            recalls.push(r);
        }
        exact += usize::from(e);
        let f = match (p, r) {
            (Some(p), Some(r)) if p + r > 0.0 => 2.0 * p * r / (p + r),
            _ => 0.0,
        };
        worst.push((f, p, r, id));
    }
    let (p, r) = (mean(&precisions), mean(&recalls));
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    let mb: usize = pages.iter().map(|(_, h, _)| h.len()).sum();
    println!(
        "AEB ({} pages, {:.1} MB of HTML): precision {p:.4}  recall {r:.4}  F1 {f1:.4}  accuracy {:.3}",
        pages.len(),
        mb as f64 / 1e6,
        exact as f64 / pages.len() as f64
    );
    println!(
        "speed: {:.1} pages/s, {:.2} ms/page, one thread ({:.2} s total)",
        pages.len() as f64 / elapsed.as_secs_f64(),
        elapsed.as_secs_f64() * 1000.0 / pages.len() as f64,
        elapsed.as_secs_f64()
    );
    if worst_n > 0 {
        worst.sort_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.3.cmp(b.3)));
        let show = |v: Option<f64>| v.map_or_else(|| "  -  ".to_string(), |v| format!("{v:.3}"));
        for (f, p, r, id) in worst.iter().take(worst_n) {
            println!("  worst: F1 {f:.3}  P {}  R {}  {id}", show(*p), show(*r));
        }
    }
    if let Some(out) = out {
        let output: serde_json::Map<String, serde_json::Value> = predictions
            .iter()
            .map(|(id, body)| (id.to_string(), serde_json::json!({ "articleBody": body })))
            .collect();
        let doc = serde_json::json!({ "version": env!("CARGO_PKG_VERSION"), "output": output });
        std::fs::write(out, serde_json::to_vec(&doc)?)
            .with_context(|| format!("writing {}", out.display()))?;
        println!("wrote {}", out.display());
    }
    Ok(())
}

fn check_vbpl(dir: &Path) -> anyhow::Result<bool> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    entries.sort();
    let mut ok = true;
    for path in &entries {
        let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
        let raw_nfc = std::str::from_utf8(&bytes).map(is_nfc).unwrap_or(false);
        let page = decode_html(&bytes, None);
        let found = extract(&page.text, None, &SiteRules::default());
        let nfc = is_nfc(&found.body) && is_nfc(&found.title);
        ok &= nfc && !found.body.is_empty();
        println!(
            "vbpl {:<28} source {:<5} → title {:>4} chars, body {:>7} chars, NFC {}",
            path.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            if raw_nfc { "NFC" } else { "NFD" },
            found.title.chars().count(),
            found.body.chars().count(),
            if nfc { "yes" } else { "NO" }
        );
    }
    println!(
        "vbpl: {} pages, {}",
        entries.len(),
        if ok {
            "all extracted to NFC"
        } else {
            "FAILURES above"
        }
    );
    Ok(ok)
}

fn main() -> ExitCode {
    let mut aeb = PathBuf::from("../shared/data/html/aeb");
    let mut vbpl = PathBuf::from("../shared/data/html/vbpl");
    let mut out = None;
    let mut worst = 0usize;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next()) {
            ("--aeb", Some(v)) => aeb = PathBuf::from(v),
            ("--vbpl", Some(v)) => vbpl = PathBuf::from(v),
            ("--out", Some(v)) => out = Some(PathBuf::from(v)),
            ("--worst", Some(v)) if v.parse::<usize>().is_ok() => worst = v.parse().unwrap_or(0),
            _ => {
                eprintln!(
                    "usage: score-extraction [--aeb DIR] [--vbpl DIR] [--out FILE] [--worst N]"
                );
                return ExitCode::from(2);
            }
        }
    }
    let run = || -> anyhow::Result<bool> {
        if !aeb.join("ground-truth.json").is_file() {
            bail!(
                "the AEB benchmark is missing: no {} (it lives in the shared material, ../shared/data/html/aeb; pass --aeb DIR)",
                aeb.join("ground-truth.json").display()
            );
        }
        score_aeb(&aeb, out.as_deref(), worst)?;
        if !vbpl.is_dir() {
            bail!(
                "the vbpl pages are missing: no directory {} (pass --vbpl DIR)",
                vbpl.display()
            );
        }
        check_vbpl(&vbpl)
    };
    match run() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(err) => {
            eprintln!("score-extraction: {err:#}");
            ExitCode::FAILURE
        }
    }
}
