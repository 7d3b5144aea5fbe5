//! Analyzer throughput, in characters per second, beside Tantivy's own analyzers in the same run.
//!
//! The text is real: titles and bodies of `../shared/data/bench/baomoi.jsonl.xz` (raw 2017 news),
//! taken in file order until at least 10 MB. Each article is tokenized as the indexer does, one
//! token stream per text, and every token's text is touched so nothing is optimised away.
//!
//! Compared:
//! - `tracuu_exact`, `tracuu_folded`: [`VietnameseTokenizer`] in both modes, in a `TextAnalyzer` as indexing runs it;
//! - `tracuu_exact_then_folded`: both passes per text, as indexing runs them (the folded pass
//!   replays what the exact pass recorded); its throughput counts each character once;
//! - `tantivy_default`: `SimpleTokenizer` + `RemoveLongFilter::limit(40)` + `LowerCaser`;
//! - `tantivy_ascii_folding`: the same plus `AsciiFoldingFilter`.
//!
//! Criterion's `Melem/s` is millions of characters per second. Run with
//! `cargo bench --bench analyzer`; set `TRACUU_SHARED` to use a `shared/` elsewhere.

use std::hint::black_box;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::time::Duration;

use criterion::{Criterion, Throughput};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, TokenStream,
};
use tracuu_index::text::{AnalysisMode, VietnameseTokenizer};

/// At least this many bytes of text are measured.
const MIN_TEXT_BYTES: usize = 10 * 1024 * 1024;

fn shared_dir() -> PathBuf {
    match std::env::var_os("TRACUU_SHARED") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"),
    }
}

/// Titles and bodies of the baomoi corpus until `MIN_TEXT_BYTES`, one string per title or body.
fn load_texts(path: &std::path::Path) -> Result<Vec<String>, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let reader = BufReader::new(xz2::read::XzDecoder::new(file));
    let mut texts = Vec::new();
    let mut bytes = 0;
    for (number, line) in reader.lines().enumerate() {
        let line = line.map_err(|e| format!("{}: line {}: {e}", path.display(), number + 1))?;
        let Ok(record) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        for field in ["title", "body"] {
            if let Some(text) = record.get(field).and_then(|v| v.as_str()) {
                bytes += text.len();
                texts.push(text.to_string());
            }
        }
        if bytes >= MIN_TEXT_BYTES {
            return Ok(texts);
        }
    }
    Err(format!(
        "{} holds only {bytes} bytes of text",
        path.display()
    ))
}

/// Runs every token of every text through `analyzer`, returning a sum of token lengths.
fn drain(analyzer: &mut TextAnalyzer, texts: &[String]) -> usize {
    let mut sum = 0;
    for text in texts {
        let mut stream = analyzer.token_stream(text);
        while stream.advance() {
            sum += stream.token().text.len();
        }
    }
    sum
}

fn main() {
    let path = shared_dir().join("data/bench/baomoi.jsonl.xz");
    if !path.exists() {
        eprintln!(
            "analyzer bench: {} is missing; it needs the project's shared/ data beside the repository \
             (or TRACUU_SHARED=DIR). Nothing measured.",
            path.display()
        );
        return;
    }
    let texts = match load_texts(&path) {
        Ok(texts) => texts,
        Err(message) => {
            eprintln!("analyzer bench: cannot read the text: {message}. Nothing measured.");
            return;
        }
    };
    let chars: usize = texts.iter().map(|t| t.chars().count()).sum();
    let bytes: usize = texts.iter().map(String::len).sum();
    eprintln!(
        "analyzer bench: {} texts, {bytes} bytes, {chars} characters",
        texts.len()
    );

    let mut criterion = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(12))
        .configure_from_args();
    let mut group = criterion.benchmark_group("analyzer");
    group.throughput(Throughput::Elements(chars as u64));

    // Wrapped in a `TextAnalyzer` as `schema::register_tokenizers` does, so dispatch costs the same.
    let mut exact = TextAnalyzer::from(VietnameseTokenizer::new(AnalysisMode::Exact));
    group.bench_function("tracuu_exact", |b| {
        b.iter(|| black_box(drain(&mut exact, &texts)))
    });
    let mut folded = TextAnalyzer::from(VietnameseTokenizer::new(AnalysisMode::Folded));
    group.bench_function("tracuu_folded", |b| {
        b.iter(|| black_box(drain(&mut folded, &texts)))
    });
    // What indexing does per text: the exact pass, then the folded pass, which replays the
    // syllables the exact pass recorded. Compare with tracuu_exact + tracuu_folded.
    group.bench_function("tracuu_exact_then_folded", |b| {
        b.iter(|| {
            let mut sum = 0;
            for text in &texts {
                sum += drain(&mut exact, std::slice::from_ref(text));
                sum += drain(&mut folded, std::slice::from_ref(text));
            }
            black_box(sum)
        })
    });
    let mut default = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .build();
    group.bench_function("tantivy_default", |b| {
        b.iter(|| black_box(drain(&mut default, &texts)))
    });
    let mut folding = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build();
    group.bench_function("tantivy_ascii_folding", |b| {
        b.iter(|| black_box(drain(&mut folding, &texts)))
    });
    group.finish();
    criterion.final_summary();
}
