//! Python trafilatura, run on the same decoded pages in the same run, through
//! `scripts/trafilatura_run.py` in the venv that `scripts/trafilatura-venv.sh` makes.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, bail};
use serde_json::Value;

use crate::pages::{Page, Prediction, Run};

/// The repository root, where `scripts/` and `.venv/` live.
fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The venv's interpreter that `scripts/trafilatura-venv.sh` creates.
pub fn default_python() -> PathBuf {
    repository().join(".venv/trafilatura/bin/python")
}

fn missing(python: &Path, why: &str) -> anyhow::Error {
    anyhow::anyhow!(
        "Python trafilatura is missing ({why}: {}). Create it with `bash scripts/trafilatura-venv.sh`, \
         pass --python PATH to an interpreter that has trafilatura, or --no-trafilatura to score tracuu alone",
        python.display()
    )
}

/// The trafilatura version `python` imports, or a clear error saying what to run.
pub fn check(python: &Path) -> anyhow::Result<String> {
    if !python.exists() {
        return Err(missing(python, "no such interpreter"));
    }
    let output = Command::new(python)
        .args(["-c", "import trafilatura; print(trafilatura.__version__)"])
        .output()
        .map_err(|err| missing(python, &format!("cannot run it: {err}")))?;
    if !output.status.success() {
        return Err(missing(python, "`import trafilatura` fails"));
    }
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_string())
}

fn field(row: &Value, name: &str) -> Option<String> {
    row.get(name)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// Runs trafilatura on `pages`; its time is `bare_extraction` alone, measured in Python.
pub fn run(python: &Path, version: &str, pages: &[Page]) -> anyhow::Result<Run> {
    let script = repository().join("scripts/trafilatura_run.py");
    let mut child = Command::new(python)
        .arg(&script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .with_context(|| format!("starting {} {}", python.display(), script.display()))?;
    let mut stdin = child.stdin.take().context("trafilatura's stdin")?;
    let input: Vec<Vec<u8>> = pages
        .iter()
        .map(|p| serde_json::to_vec(&serde_json::json!({"id": p.id, "url": p.url, "html": p.html})))
        .collect::<Result<_, _>>()?;
    // The script reads all of its input before it writes, so a writer thread cannot deadlock.
    let writer = std::thread::spawn(move || -> std::io::Result<()> {
        for line in input {
            stdin.write_all(&line)?;
            stdin.write_all(b"\n")?;
        }
        Ok(())
    });
    let stdout = child.stdout.take().context("trafilatura's stdout")?;
    let mut rows: HashMap<String, Value> = HashMap::with_capacity(pages.len());
    for line in BufReader::new(stdout).lines() {
        let row: Value = serde_json::from_str(&line?).context("reading trafilatura's output")?;
        if let Some(id) = field(&row, "id") {
            rows.insert(id, row);
        }
    }
    writer
        .join()
        .map_err(|_| anyhow::anyhow!("the writer thread panicked"))?
        .context("writing pages to trafilatura")?;
    let status = child.wait()?;
    if !status.success() {
        bail!("{} {} failed: {status}", python.display(), script.display());
    }
    let mut seconds = 0.0;
    let mut predictions = Vec::with_capacity(pages.len());
    for page in pages {
        let row = rows
            .get(&page.id)
            .with_context(|| format!("trafilatura returned nothing for page {}", page.id))?;
        seconds += row.get("seconds").and_then(Value::as_f64).unwrap_or(0.0);
        predictions.push(Prediction {
            body: field(row, "body").unwrap_or_default(),
            title: field(row, "title"),
            author: field(row, "author"),
            date: field(row, "date"),
        });
    }
    Ok(Run {
        name: format!("trafilatura {version}"),
        predictions,
        seconds,
    })
}
