//! The systems compared, behind one small interface.
//!
//! Each system indexes the same Articles (title and body) and answers two kinds of request:
//! a pasted question, ranked (relevance), and a latency query with its top 10 and exact total.

pub mod analyzers;
pub mod postgres;
pub mod sqlite;
pub mod tantivy_baseline;
pub mod tracuu;

use std::path::Path;

use serde::{Deserialize, Serialize};
use tracuu_index::article::Article;

use crate::queries::SpeedQuery;
use analyzers::Design;

/// A system under test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
pub enum System {
    /// tracuu through its normal search path.
    Tracuu,
    /// Tantivy with its default analyzer (marks kept).
    TantivyDefault,
    /// Tantivy with `AsciiFoldingFilter` (marks dropped).
    TantivyFolding,
    /// SQLite FTS5, `unicode61 remove_diacritics 2`, `bm25()`.
    Sqlite,
    /// PostgreSQL full-text search with `unaccent`.
    Postgres,
    /// Ablation: tracuu's folded syllables only, BM25 (relevance only).
    Syllables,
    /// Ablation: folded syllables plus adjacent-pair shingles, BM25 (relevance only).
    SyllablePairs,
    /// Ablation: viet74k dictionary words by greedy longest match, BM25 (relevance only).
    DictionaryWords,
    /// Ablation: dictionary words and every syllable, BM25 (relevance only).
    #[value(name = "dictionary-words+syllables")]
    DictionaryWordsSyllables,
}

impl System {
    /// The systems run without PostgreSQL.
    pub const LOCAL: [System; 4] = [
        System::Tracuu,
        System::TantivyDefault,
        System::TantivyFolding,
        System::Sqlite,
    ];

    /// Row label in tables.
    pub fn label(self) -> &'static str {
        match self {
            System::Tracuu => "tracuu",
            System::TantivyDefault => "tantivy default",
            System::TantivyFolding => "tantivy + AsciiFolding",
            System::Sqlite => "SQLite FTS5 (unicode61 remove_diacritics 2)",
            System::Postgres => "PostgreSQL 15 + unaccent",
            System::Syllables => "ablation: syllables",
            System::SyllablePairs => "ablation: syllable pairs",
            System::DictionaryWords => "ablation: dictionary words",
            System::DictionaryWordsSyllables => "ablation: dictionary words + syllables",
        }
    }

    /// The `--system` value of the child process.
    pub fn arg(self) -> &'static str {
        match self {
            System::Tracuu => "tracuu",
            System::TantivyDefault => "tantivy-default",
            System::TantivyFolding => "tantivy-folding",
            System::Sqlite => "sqlite",
            System::Postgres => "postgres",
            System::Syllables => "syllables",
            System::SyllablePairs => "syllable-pairs",
            System::DictionaryWords => "dictionary-words",
            System::DictionaryWordsSyllables => "dictionary-words+syllables",
        }
    }

    /// The analyzer design of an ablation system; `None` for the real engines.
    pub fn design(self) -> Option<Design> {
        match self {
            System::Syllables => Some(Design::Syllables),
            System::SyllablePairs => Some(Design::SyllablePairs),
            System::DictionaryWords => Some(Design::DictionaryWords),
            System::DictionaryWordsSyllables => Some(Design::DictionaryWordsAndSyllables),
            _ => None,
        }
    }
}

/// Where the articles to index come from.
pub enum Source<'a> {
    /// Articles in memory (the relevance set).
    Articles(&'a [Article]),
    /// An Article JSON Lines file, streamed (the speed corpora).
    File(&'a Path),
}

/// How to build an index.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Indexing threads, where the system can use several.
    pub threads: usize,
    /// Writer memory budget in bytes, where the system has one.
    pub memory_budget_bytes: usize,
    /// libpq-style connection string of the PostgreSQL server.
    pub postgres: Option<String>,
    /// tracuu's ranking weights (the defaults unless `--ranking` overrides some).
    pub ranking: tracuu_index::search::Ranking,
}

#[cfg(test)]
impl BuildOptions {
    /// One thread, a small heap: enough for the few articles of a unit test.
    pub fn small() -> Self {
        BuildOptions {
            threads: 1,
            memory_budget_bytes: 20 << 20,
            postgres: None,
            ranking: tracuu_index::search::Ranking::default(),
        }
    }
}

/// A built index that answers queries.
pub trait Engine {
    /// Keys of the best `limit` articles for a question pasted as written.
    fn ranked(&mut self, question: &str, limit: usize) -> anyhow::Result<Vec<String>>;
    /// Keys of the top 10 articles and the exact number of matches.
    fn counted(&mut self, query: &SpeedQuery) -> anyhow::Result<(Vec<String>, u64)>;
    /// Size of the index on disk, in bytes.
    fn index_bytes(&mut self) -> anyhow::Result<u64>;
    /// Whether the last answer was a partial match (no article held every word), for engines
    /// that say so.
    fn last_was_partial(&self) -> Option<bool> {
        None
    }
}

/// Builds `system`'s index of `source` in `dir` and opens it.
pub fn build(
    system: System,
    source: Source<'_>,
    dir: &Path,
    options: &BuildOptions,
) -> anyhow::Result<Box<dyn Engine>> {
    Ok(match system {
        System::Tracuu => Box::new(tracuu::TracuuEngine::build(source, dir, options)?),
        System::TantivyDefault => Box::new(tantivy_baseline::TantivyEngine::build(
            false, source, dir, options,
        )?),
        System::TantivyFolding => Box::new(tantivy_baseline::TantivyEngine::build(
            true, source, dir, options,
        )?),
        System::Sqlite => Box::new(sqlite::SqliteEngine::build(source, dir)?),
        System::Syllables
        | System::SyllablePairs
        | System::DictionaryWords
        | System::DictionaryWordsSyllables => {
            let Some(design) = system.design() else {
                anyhow::bail!("{} has no analyzer design", system.label());
            };
            Box::new(analyzers::AblationEngine::build(
                design, source, dir, options,
            )?)
        }
        System::Postgres => {
            let Some(conn) = options.postgres.as_deref() else {
                anyhow::bail!("PostgreSQL needs a server: run with --with-postgres");
            };
            Box::new(postgres::PostgresEngine::build(source, conn)?)
        }
    })
}

/// Opens the index `system` built in `dir` before, for the systems that can reopen one (tracuu
/// and the two Tantivy baselines); `None` for the others.
pub fn open(
    system: System,
    dir: &Path,
    options: &BuildOptions,
) -> anyhow::Result<Option<Box<dyn Engine>>> {
    Ok(match system {
        System::Tracuu => Some(Box::new(tracuu::TracuuEngine::open(dir, options)?)),
        System::TantivyDefault => {
            Some(Box::new(tantivy_baseline::TantivyEngine::open(false, dir)?))
        }
        System::TantivyFolding => Some(Box::new(tantivy_baseline::TantivyEngine::open(true, dir)?)),
        _ => None,
    })
}

/// Calls `each` on every article of `source`.
pub fn for_each_article(
    source: &Source<'_>,
    mut each: impl FnMut(&Article) -> anyhow::Result<()>,
) -> anyhow::Result<u64> {
    match source {
        Source::Articles(articles) => {
            for article in *articles {
                each(article)?;
            }
            Ok(articles.len() as u64)
        }
        Source::File(path) => crate::corpus::read_articles(path, |a| each(&a)),
    }
}

/// The words of a text as the SQL engines' tokenizers see them: runs of letters and digits.
pub fn plain_words(text: &str) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| seen.insert(w.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_words_drop_punctuation_and_repeats() {
        assert_eq!(
            plain_words("Người lao động có được \"nghỉ\" không? Người"),
            vec!["người", "lao", "động", "có", "được", "nghỉ", "không"]
        );
    }
}
