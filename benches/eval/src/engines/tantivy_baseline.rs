//! Tantivy as a team would set it up without Vietnamese knowledge: `SimpleTokenizer`,
//! `RemoveLongFilter::limit(40)`, `LowerCaser`, and optionally `AsciiFoldingFilter`.
//!
//! Questions go through `QueryParser` over title and body with its default OR, leniently (a stray
//! quote or colon does not fail the search). Latency word pairs use AND, as a search box would.

use std::path::Path;

use anyhow::Context;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::QueryParser;
use tantivy::schema::{
    Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
};
use tantivy::{Index, IndexReader, TantivyDocument, doc};
use tracuu_index::article::Article;

use super::{BuildOptions, Engine, Source, for_each_article};
use crate::memory::disk_usage;
use crate::queries::SpeedQuery;

const ANALYZER: &str = "baseline";

/// A Tantivy index with a stock analyzer.
pub struct TantivyEngine {
    reader: IndexReader,
    id: Field,
    or_parser: QueryParser,
    and_parser: QueryParser,
    dir: std::path::PathBuf,
}

fn analyzer(folding: bool) -> TextAnalyzer {
    let builder = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser);
    if folding {
        builder.filter(AsciiFoldingFilter).build()
    } else {
        builder.build()
    }
}

/// A Tantivy index of title and body under one analyzer, with the article id stored: the shape
/// every Tantivy-based system under test shares.
pub struct TitleBodyIndex {
    /// The index.
    pub index: Index,
    /// Stored article id.
    pub id: Field,
    /// Headline, with positions.
    pub title: Field,
    /// Main text, with positions.
    pub body: Field,
}

impl TitleBodyIndex {
    /// Indexes `source` into `dir` (empty or absent) with `analyzer`; `each` sees every article.
    pub fn build(
        dir: &Path,
        analyzer: TextAnalyzer,
        source: &Source<'_>,
        options: &BuildOptions,
        mut each: impl FnMut(&Article),
    ) -> anyhow::Result<Self> {
        let mut builder = Schema::builder();
        let id = builder.add_text_field("id", STRING | STORED);
        let text = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(ANALYZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let title = builder.add_text_field("title", text.clone());
        let body = builder.add_text_field("body", text);
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        let index = Index::create_in_dir(dir, builder.build())?;
        index.tokenizers().register(ANALYZER, analyzer);
        let mut writer = index.writer_with_num_threads::<TantivyDocument>(
            options.threads,
            options.memory_budget_bytes,
        )?;
        for_each_article(source, |a| {
            each(a);
            writer.add_document(
                doc!(id => a.effective_id(), title => a.title.as_str(), body => a.body.as_str()),
            )?;
            Ok(())
        })?;
        writer.commit()?;
        writer.wait_merging_threads()?;
        Ok(TitleBodyIndex {
            index,
            id,
            title,
            body,
        })
    }
}

/// The stored article ids of `hits`, in order.
pub fn stored_ids(
    searcher: &tantivy::Searcher,
    id: Field,
    hits: &[(f32, tantivy::DocAddress)],
) -> anyhow::Result<Vec<String>> {
    let mut keys = Vec::with_capacity(hits.len());
    for (_, address) in hits {
        let doc: TantivyDocument = searcher.doc(*address)?;
        keys.push(
            doc.get_first(id)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string(),
        );
    }
    Ok(keys)
}

impl TantivyEngine {
    /// Indexes `source` into `dir` (which must be empty or absent).
    pub fn build(
        folding: bool,
        source: Source<'_>,
        dir: &Path,
        options: &BuildOptions,
    ) -> anyhow::Result<Self> {
        let built = TitleBodyIndex::build(dir, analyzer(folding), &source, options, |_| {})?;
        let fields = vec![built.title, built.body];
        let or_parser = QueryParser::for_index(&built.index, fields.clone());
        let mut and_parser = QueryParser::for_index(&built.index, fields);
        and_parser.set_conjunction_by_default();
        Ok(TantivyEngine {
            reader: built.index.reader()?,
            id: built.id,
            or_parser,
            and_parser,
            dir: dir.to_path_buf(),
        })
    }
}

impl TantivyEngine {
    /// Opens the index [`TantivyEngine::build`] left in `dir`, with the same analyzer.
    pub fn open(folding: bool, dir: &Path) -> anyhow::Result<Self> {
        let index =
            Index::open_in_dir(dir).with_context(|| format!("opening {}", dir.display()))?;
        index.tokenizers().register(ANALYZER, analyzer(folding));
        let schema = index.schema();
        let fields = vec![schema.get_field("title")?, schema.get_field("body")?];
        let or_parser = QueryParser::for_index(&index, fields.clone());
        let mut and_parser = QueryParser::for_index(&index, fields);
        and_parser.set_conjunction_by_default();
        Ok(TantivyEngine {
            reader: index.reader()?,
            id: schema.get_field("id")?,
            or_parser,
            and_parser,
            dir: dir.to_path_buf(),
        })
    }
}

impl Engine for TantivyEngine {
    fn ranked(&mut self, question: &str, limit: usize) -> anyhow::Result<Vec<String>> {
        let (query, _errors) = self.or_parser.parse_query_lenient(question);
        let searcher = self.reader.searcher();
        let hits = searcher.search(&query, &TopDocs::with_limit(limit).order_by_score())?;
        stored_ids(&searcher, self.id, &hits)
    }

    fn counted(&mut self, query: &SpeedQuery) -> anyhow::Result<(Vec<String>, u64)> {
        let (query, _errors) = self.and_parser.parse_query_lenient(&query.text());
        let searcher = self.reader.searcher();
        let (hits, total) =
            searcher.search(&query, &(TopDocs::with_limit(10).order_by_score(), Count))?;
        Ok((stored_ids(&searcher, self.id, &hits)?, total as u64))
    }

    fn index_bytes(&mut self) -> anyhow::Result<u64> {
        Ok(disk_usage(&self.dir))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tracuu_index::article::Article;

    fn articles() -> Vec<Article> {
        let make = |id: &str, title: &str, body: &str| Article {
            id: Some(id.into()),
            url: format!("https://x.local/{id}"),
            title: title.into(),
            body: body.into(),
            ..Article::default()
        };
        vec![
            make("1", "Ủy ban hòa giải", "Hội đồng hòa giải lao động cơ sở"),
            make("2", "Đầu tư công", "Luật đầu tư công năm 2019"),
        ]
    }

    fn engine(folding: bool) -> anyhow::Result<(tempfile::TempDir, TantivyEngine)> {
        let dir = tempfile::tempdir()?;
        let options = BuildOptions::small();
        let list = articles();
        let engine = TantivyEngine::build(folding, Source::Articles(&list), dir.path(), &options)?;
        Ok((dir, engine))
    }

    #[test]
    fn default_analyzer_misses_unaccented_queries_and_folding_finds_them() -> anyhow::Result<()> {
        let (_d, mut default) = engine(false)?;
        assert_eq!(default.ranked("đầu tư", 10)?, vec!["2"]);
        assert!(default.ranked("dau tu", 10)?.is_empty());
        let (_d2, mut folding) = engine(true)?;
        assert_eq!(folding.ranked("dau tu", 10)?, vec!["2"]);
        Ok(())
    }

    #[test]
    fn counted_phrase_gives_total() -> anyhow::Result<()> {
        let (_d, mut folding) = engine(true)?;
        let q = SpeedQuery {
            phrase: true,
            words: vec!["hoa".into(), "giai".into()],
            stripped: true,
        };
        assert_eq!(folding.counted(&q)?, (vec!["1".to_string()], 1));
        Ok(())
    }
}
