//! `tracuu`: the command line that ties crawling, indexing and serving together.
//!
//! Argument parsing and wiring only; the work lives in the `tracuu-*` crates.

mod argv;
mod cmd;

use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

/// Full-text search for Vietnamese government news.
#[derive(Debug, Parser)]
#[command(name = "tracuu", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build or update an index from Article JSON Lines.
    Index(cmd::index::Args),
    /// Search an index from the terminal.
    Search(cmd::search::Args),
    /// Write a search's rows to a CSV or JSON Lines file, with its provenance beside it.
    Export(cmd::export::Args),
    /// Serve the search API and web page (building the index first if it is missing).
    Serve(cmd::serve::Args),
    /// Crawl the sites in a profile file into Article JSON Lines.
    Crawl(cmd::crawl::Args),
    /// Clean a saved HTML page (or the pages of WARC files) into Articles, offline.
    Extract(cmd::extract::Args),
    /// Keep an index current: crawl what is new or changed, index it (repeating with --every).
    Update(cmd::update::Args),
    /// Write every article as OpenSearch/Elasticsearch `_bulk` NDJSON, with tracuu's own tokens.
    Bulk(cmd::bulk_export::Args),
    /// Print the OpenSearch/Elasticsearch Query DSL that reproduces a tracuu search.
    QueryDsl(cmd::query_dsl::Args),
}

fn main() -> ExitCode {
    let args = argv::minus_words_last(&Cli::command(), std::env::args_os().collect());
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(err) => {
            // clap prints help and version to stdout with success; usage errors exit 2.
            let _ = err.print();
            return if err.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    cmd::init_logging();
    let result = match cli.command {
        Command::Index(args) => cmd::index::run(args),
        Command::Search(args) => cmd::search::run(args),
        Command::Export(args) => cmd::export::run(args),
        Command::Serve(args) => cmd::serve::run(args),
        Command::Crawl(args) => cmd::crawl::run(args),
        Command::Extract(args) => cmd::extract::run(args),
        Command::Update(args) => cmd::update::run(args),
        Command::Bulk(args) => cmd::bulk_export::run(args),
        Command::QueryDsl(args) => cmd::query_dsl::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("tracuu: {err:#}");
            ExitCode::from(1)
        }
    }
}
