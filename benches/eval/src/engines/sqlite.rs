//! SQLite FTS5 with `unicode61 remove_diacritics 2` and `bm25()`: the embedded choice.
//!
//! Every query word is quoted, so the question's punctuation cannot be read as FTS5 syntax.
//! Questions are an OR of their words; latency phrases are FTS5 phrases and word pairs an AND.
//! `remove_diacritics 2` keeps `đ`, so `dau tu` does not find `đầu tư`: that is the point of
//! measuring it.

use std::path::Path;

use anyhow::Context;
use rusqlite::{Connection, params};

use super::{Engine, Source, for_each_article, plain_words};
use crate::memory::disk_usage;
use crate::queries::SpeedQuery;

/// An FTS5 table in a database file.
pub struct SqliteEngine {
    conn: Connection,
    path: std::path::PathBuf,
}

fn quoted(word: &str) -> String {
    format!("\"{}\"", word.replace('"', "\"\""))
}

impl SqliteEngine {
    /// Indexes `source` into `dir/fts5.db`.
    pub fn build(source: Source<'_>, dir: &Path) -> anyhow::Result<Self> {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        let path = dir.join("fts5.db");
        if path.exists() {
            std::fs::remove_file(&path)?;
        }
        let mut conn = Connection::open(&path)?;
        conn.execute_batch(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144;
             CREATE VIRTUAL TABLE docs USING fts5(key UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2');",
        )?;
        let tx = conn.transaction()?;
        {
            let mut insert =
                tx.prepare("INSERT INTO docs (key, title, body) VALUES (?1, ?2, ?3)")?;
            for_each_article(&source, |a| {
                insert.execute(params![a.effective_id(), a.title, a.body])?;
                Ok(())
            })?;
        }
        tx.commit()?;
        conn.execute_batch("INSERT INTO docs (docs) VALUES ('optimize');")?;
        Ok(SqliteEngine { conn, path })
    }

    fn top(&self, expression: &str, limit: usize) -> anyhow::Result<Vec<String>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT key FROM docs WHERE docs MATCH ?1 ORDER BY bm25(docs) LIMIT ?2",
        )?;
        let rows = statement.query_map(params![expression, limit as i64], |row| {
            row.get::<_, String>(0)
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }
}

impl Engine for SqliteEngine {
    fn ranked(&mut self, question: &str, limit: usize) -> anyhow::Result<Vec<String>> {
        let words = plain_words(question);
        if words.is_empty() {
            return Ok(Vec::new());
        }
        let expression = words
            .iter()
            .map(|w| quoted(w))
            .collect::<Vec<_>>()
            .join(" OR ");
        self.top(&expression, limit)
    }

    fn counted(&mut self, query: &SpeedQuery) -> anyhow::Result<(Vec<String>, u64)> {
        let expression = if query.phrase {
            quoted(&query.words.join(" "))
        } else {
            query
                .words
                .iter()
                .map(|w| quoted(w))
                .collect::<Vec<_>>()
                .join(" AND ")
        };
        let top = self.top(&expression, 10)?;
        let mut count = self
            .conn
            .prepare_cached("SELECT count(*) FROM docs WHERE docs MATCH ?1")?;
        let total: i64 = count.query_row(params![expression], |row| row.get(0))?;
        Ok((top, total as u64))
    }

    fn index_bytes(&mut self) -> anyhow::Result<u64> {
        Ok(disk_usage(&self.path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tracuu_index::article::Article;

    #[test]
    fn remove_diacritics_keeps_d_stroke_apart() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let list = vec![Article {
            id: Some("a".into()),
            url: "https://x.local/a".into(),
            title: "Đầu tư công".into(),
            body: "Luật \"đầu tư\" công: hòa giải".into(),
            ..Article::default()
        }];
        let mut engine = SqliteEngine::build(Source::Articles(&list), dir.path())?;
        assert_eq!(engine.ranked("đầu tư?", 10)?, vec!["a"]);
        assert_eq!(engine.ranked("hoa giai \"x", 10)?, vec!["a"]);
        let pair = SpeedQuery {
            phrase: false,
            words: vec!["dau".into(), "tu".into()],
            stripped: true,
        };
        assert_eq!(engine.counted(&pair)?, (Vec::new(), 0));
        let phrase = SpeedQuery {
            phrase: true,
            words: vec!["dau".into(), "tu".into()],
            stripped: true,
        };
        assert_eq!(engine.counted(&phrase)?.1, 0);
        let written = SpeedQuery {
            phrase: true,
            words: vec!["đầu".into(), "tư".into()],
            stripped: false,
        };
        assert_eq!(engine.counted(&written)?, (vec!["a".to_string()], 1));
        Ok(())
    }
}
