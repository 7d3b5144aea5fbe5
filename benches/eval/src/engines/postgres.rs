//! PostgreSQL full-text search with `unaccent`: the server-side choice.
//!
//! A text search configuration `vn` copies `simple` and runs `unaccent` first, so marks (and `đ`)
//! are folded. The tsvector is a stored generated column under a GIN index; ranking is
//! `ts_rank`. Questions are an OR of their words; latency phrases use `phraseto_tsquery`, word
//! pairs `plainto_tsquery` (AND).

use anyhow::Context;
use postgres::{Client, NoTls};

use super::{Engine, Source, for_each_article, plain_words};
use crate::queries::SpeedQuery;

/// A `docs` table in a running server.
pub struct PostgresEngine {
    client: Client,
}

/// Escapes a value for COPY's text format.
fn copy_field(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\0' => {}
            other => out.push(other),
        }
    }
    out
}

impl PostgresEngine {
    /// Loads `source` into a fresh `docs` table and indexes it.
    pub fn build(source: Source<'_>, connection: &str) -> anyhow::Result<Self> {
        let mut client = Client::connect(connection, NoTls)
            .with_context(|| format!("connecting to {connection}"))?;
        client.batch_execute(
            "CREATE EXTENSION IF NOT EXISTS unaccent;
             DROP TABLE IF EXISTS docs;
             DROP TEXT SEARCH CONFIGURATION IF EXISTS vn;
             CREATE TEXT SEARCH CONFIGURATION vn (COPY = simple);
             ALTER TEXT SEARCH CONFIGURATION vn ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
             CREATE TABLE docs (key text, title text, body text,
               tsv tsvector GENERATED ALWAYS AS (to_tsvector('vn', title || ' ' || body)) STORED);",
        )?;
        {
            use std::io::Write;
            let mut writer = client.copy_in("COPY docs (key, title, body) FROM STDIN")?;
            for_each_article(&source, |a| {
                writeln!(
                    writer,
                    "{}\t{}\t{}",
                    copy_field(&a.effective_id()),
                    copy_field(&a.title),
                    copy_field(&a.body)
                )?;
                Ok(())
            })?;
            writer.finish()?;
        }
        client.batch_execute("CREATE INDEX docs_tsv ON docs USING gin (tsv)")?;
        client.batch_execute("VACUUM ANALYZE docs")?;
        Ok(PostgresEngine { client })
    }

    fn top(&mut self, tsquery: &str, argument: &str, limit: usize) -> anyhow::Result<Vec<String>> {
        let sql = format!(
            "SELECT key FROM docs, {tsquery}('vn', $1) q WHERE tsv @@ q ORDER BY ts_rank(tsv, q) DESC LIMIT $2"
        );
        let rows = self.client.query(&sql, &[&argument, &(limit as i64)])?;
        Ok(rows.iter().map(|r| r.get::<_, String>(0)).collect())
    }
}

impl Engine for PostgresEngine {
    fn ranked(&mut self, question: &str, limit: usize) -> anyhow::Result<Vec<String>> {
        let words = plain_words(question);
        if words.is_empty() {
            return Ok(Vec::new());
        }
        self.top("to_tsquery", &words.join(" | "), limit)
    }

    fn counted(&mut self, query: &SpeedQuery) -> anyhow::Result<(Vec<String>, u64)> {
        let function = if query.phrase {
            "phraseto_tsquery"
        } else {
            "plainto_tsquery"
        };
        let text = query.words.join(" ");
        let top = self.top(function, &text, 10)?;
        let sql = format!("SELECT count(*) FROM docs WHERE tsv @@ {function}('vn', $1)");
        let total: i64 = self.client.query_one(&sql, &[&text])?.get(0);
        Ok((top, total as u64))
    }

    fn index_bytes(&mut self) -> anyhow::Result<u64> {
        let size: i64 = self
            .client
            .query_one("SELECT pg_total_relation_size('docs')", &[])?
            .get(0);
        Ok(size as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_fields_escape_tabs_newlines_and_backslashes() {
        assert_eq!(
            copy_field("Điều 1\tPhạm vi\nC:\\x"),
            "Điều 1\\tPhạm vi\\nC:\\\\x"
        );
    }
}
