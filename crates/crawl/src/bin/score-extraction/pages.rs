//! Loading the two benchmarks into one shape: decoded pages with their truth.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use anyhow::{Context, bail};
use serde_json::Value;
use tracuu_crawl::charset::decode_html;

/// What a benchmark says is right about one page (fields it does not judge are `None`).
#[derive(Debug, Default, Clone)]
pub struct Truth {
    pub body: String,
    pub title: Option<String>,
    pub author: Option<String>,
    pub date: Option<String>,
}

/// One benchmark page, decoded the way the crawler decodes it.
pub struct Page {
    pub id: String,
    pub url: String,
    pub html: String,
    pub truth: Truth,
}

fn read_gz(path: &Path) -> anyhow::Result<Vec<u8>> {
    let file = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(file)
        .read_to_end(&mut out)
        .with_context(|| format!("gunzipping {}", path.display()))?;
    Ok(out)
}

fn text_field(value: &Value, name: &str) -> Option<String> {
    value
        .get(name)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// The ScrapingHub article-extraction benchmark: `ground-truth.json` and `html/<id>.html.gz`.
pub fn load_aeb(dir: &Path) -> anyhow::Result<Vec<Page>> {
    let truth_path = dir.join("ground-truth.json");
    if !truth_path.is_file() {
        bail!(
            "the AEB benchmark is missing: no {} (it is in the shared material, ../shared/data/html/aeb; pass --aeb DIR)",
            truth_path.display()
        );
    }
    let raw = std::fs::read_to_string(&truth_path)
        .with_context(|| format!("reading {}", truth_path.display()))?;
    let truth: HashMap<String, Value> =
        serde_json::from_str(&raw).context("parsing AEB ground-truth.json")?;
    let mut ids: Vec<&String> = truth.keys().collect();
    ids.sort();
    let mut pages = Vec::with_capacity(ids.len());
    for id in ids {
        let bytes = read_gz(&dir.join("html").join(format!("{id}.html.gz")))?;
        // The benchmark stores every page re-encoded as UTF-8.
        let html = decode_html(&bytes, Some("text/html; charset=utf-8")).text;
        let entry = &truth[id];
        pages.push(Page {
            id: id.clone(),
            url: text_field(entry, "url").unwrap_or_default(),
            html,
            truth: Truth {
                body: text_field(entry, "articleBody").unwrap_or_default(),
                ..Truth::default()
            },
        });
    }
    Ok(pages)
}

/// The WCXB development articles: `ground-truth.json.gz` and `html/<id>.html.gz` (bytes as
/// fetched, so decoded with the crawler's charset detection).
pub fn load_wcxb(dir: &Path) -> anyhow::Result<Vec<Page>> {
    let truth_path = dir.join("ground-truth.json.gz");
    if !truth_path.is_file() {
        bail!(
            "the WCXB development articles are missing: no {} (they are in the shared material, ../shared/data/html/wcxb-dev; pass --wcxb DIR)",
            truth_path.display()
        );
    }
    let raw = read_gz(&truth_path)?;
    let truth: HashMap<String, Value> =
        serde_json::from_slice(&raw).context("parsing WCXB ground-truth.json.gz")?;
    let mut ids: Vec<&String> = truth.keys().collect();
    ids.sort();
    let mut pages = Vec::with_capacity(ids.len());
    for id in ids {
        let bytes = read_gz(&dir.join("html").join(format!("{id}.html.gz")))?;
        let html = decode_html(&bytes, None).text;
        let entry = &truth[id];
        let gold = entry.get("ground_truth").cloned().unwrap_or(Value::Null);
        pages.push(Page {
            id: id.clone(),
            url: text_field(entry, "url").unwrap_or_default(),
            html,
            truth: Truth {
                body: text_field(&gold, "main_content").unwrap_or_default(),
                title: text_field(&gold, "title"),
                author: text_field(&gold, "author"),
                date: text_field(&gold, "publish_date"),
            },
        });
    }
    Ok(pages)
}

/// What one extractor returned for one page.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct Prediction {
    pub body: String,
    pub title: Option<String>,
    pub author: Option<String>,
    pub date: Option<String>,
}

/// One extractor's run over a benchmark: predictions in page order and the extraction time.
pub struct Run {
    pub name: String,
    pub predictions: Vec<Prediction>,
    pub seconds: f64,
}
