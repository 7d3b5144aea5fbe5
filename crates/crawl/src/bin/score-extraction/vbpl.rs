//! The vbpl.vn pages (three of them NFD): every one must extract to non-empty NFC text.

use std::path::{Path, PathBuf};

use anyhow::Context;
use tracuu_crawl::charset::decode_html;
use tracuu_crawl::extract::{SiteRules, extract};
use unicode_normalization::is_nfc;

/// Extracts every `.html` in `dir`, prints one line each, and says whether all came out NFC.
pub fn check(dir: &Path) -> anyhow::Result<bool> {
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
