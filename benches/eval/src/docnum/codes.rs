//! The type codes of Nghị định 30/2020/NĐ-CP, Phụ lục III ("Bảng chữ viết tắt tên loại văn bản"),
//! read from the appendix itself: each code, in a number, must decode to its type.

use std::path::Path;

use anyhow::Context;
use tracuu_index::enrich::describe_document;
use tracuu_index::text::facet_key::facet_key;

/// Where the appendix is, under `shared/`.
pub const CODES_PATH: &str = "data/docnum/nd30-2020-appendix3-document-type-codes.md";

/// One row of the table: the type's name and its code.
#[derive(Debug, Clone)]
pub struct CodeRow {
    /// `Nghị quyết (cá biệt)`.
    pub name: String,
    /// `NQ`.
    pub code: String,
    /// What a number with this code decodes to.
    pub decoded: Option<String>,
}

impl CodeRow {
    /// Whether the decoded type is the table's (the parenthesis aside, either tone style).
    pub fn right(&self) -> bool {
        let name = self.name.split(" (").next().unwrap_or(&self.name);
        self.decoded
            .as_deref()
            .is_some_and(|d| facet_key(d) == facet_key(name))
    }
}

/// Reads the table and decodes `01/CODE-UBND` for each of its codes.
pub fn check(shared: &Path) -> anyhow::Result<Vec<CodeRow>> {
    let path = shared.join(CODES_PATH);
    let text =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let mut rows = Vec::new();
    for line in text.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let [_, _, name, code, _] = cells[..] else {
            continue;
        };
        let is_code = !code.is_empty()
            && code.chars().all(char::is_alphabetic)
            && code.chars().next().is_some_and(char::is_uppercase);
        if !is_code || name.is_empty() || name.starts_with("Tên loại") {
            continue;
        }
        let decoded = describe_document(&format!("01/{code}-UBND")).and_then(|d| d.doc_type);
        rows.push(CodeRow {
            name: name.to_string(),
            code: code.to_string(),
            decoded,
        });
    }
    Ok(rows)
}
