//! Prints Tantivy's score explanation of the top hit for a query (ranking debugging).
//!
//! `cargo run --release -p tracuu-index --example explain -- INDEX_DIR "query"`

use std::path::PathBuf;

use tantivy::collector::TopDocs;
use tantivy::{Index, ReloadPolicy};
use tracuu_index::schema::{Fields, register_tokenizers};
use tracuu_index::search::SearchRequest;
use tracuu_index::search::query_builder::QueryBuilder;
use tracuu_index::text::abbreviations::Abbreviations;
use tracuu_index::text::learnt_names::{LEARNT_NAMES_FILE, LearntNames};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().ok_or("usage: explain INDEX_DIR QUERY")?);
    let query = args.next().ok_or("usage: explain INDEX_DIR QUERY")?;
    let index = Index::open_in_dir(&dir)?;
    register_tokenizers(&index);
    let fields = Fields::resolve(&index.schema())?;
    let abbreviations = Abbreviations::builtin();
    // The query is cut as the index's searches cut it: with the names it learnt.
    let lexicon = LearntNames::load(&dir.join(LEARNT_NAMES_FILE))?.query_lexicon();
    let request = SearchRequest {
        query,
        ..Default::default()
    };
    let built = QueryBuilder::new(&fields, &abbreviations)
        .with_lexicon(&lexicon)
        .build(&request, tracuu_index::search::free_text::MatchMode::All)?;
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()?;
    let searcher = reader.searcher();
    let top = searcher.search(
        built.query.as_ref(),
        &TopDocs::with_limit(1).order_by_score(),
    )?;
    for (score, address) in top {
        println!("score {score}");
        println!(
            "{}",
            built.query.explain(&searcher, address)?.to_pretty_json()
        );
    }
    Ok(())
}
