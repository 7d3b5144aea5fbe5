//! One module per subcommand: each defines its `Args` and a `run` returning the exit status.

pub mod bulk_export;
pub mod crawl;
pub mod extract;
pub mod index;
pub mod query_dsl;
pub mod search;
pub mod serve;
pub mod update;

use std::process::ExitCode;

/// Exit status for bad arguments or an unparsable query, as in the CLI contract.
pub const EXIT_USAGE: u8 = 2;

/// Logs to stderr; `RUST_LOG` overrides the default `info` level.
pub fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,tantivy=warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

/// Prints a one-line usage error and returns exit status 2.
pub fn usage_error(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("tracuu: {message}");
    ExitCode::from(EXIT_USAGE)
}
