//! `tracuu search --index DIR [options] QUERY`: search from the terminal, as text or JSON.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::json;
use time::Date;
use time::macros::format_description;
use tracuu_index::search::{
    FacetField, Highlighted, Hit, MatchKind, SearchIndex, SearchRequest, SortOrder,
};

/// Arguments of `tracuu search`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Index directory.
    #[arg(long)]
    index: PathBuf,
    /// Print one JSON object instead of text.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    request: RequestArgs,
}

/// What to search for, with which filters, in which order: shared by every command that takes
/// a search (`tracuu search`, `tracuu query-dsl`).
#[derive(Debug, clap::Args)]
pub struct RequestArgs {
    /// Hits to show.
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// Hits to skip.
    #[arg(long, default_value_t = 0)]
    offset: usize,
    #[command(flatten)]
    narrowing: Narrowing,
    /// The query: words, "phrases", +required, -excluded, OR, field:value.
    #[arg(required = true, num_args = 1..)]
    query: Vec<String>,
}

/// How a search is ordered and narrowed: the flags `tracuu search`, `query-dsl` and `export` share.
#[derive(Debug, clap::Args)]
pub struct Narrowing {
    /// Order: relevance, newest or oldest.
    #[arg(long, default_value = "relevance")]
    pub sort: String,
    /// Earliest publication day, YYYY-MM-DD.
    #[arg(long)]
    pub from: Option<String>,
    /// Latest publication day, YYYY-MM-DD.
    #[arg(long)]
    pub to: Option<String>,
    /// Facet filter FIELD=VALUE (source, province, year, ref, type); repeatable.
    #[arg(long = "filter")]
    pub filters: Vec<String>,
}

fn parse_day(flag: &str, value: Option<&str>) -> Result<Option<Date>, String> {
    value
        .map(|v| {
            Date::parse(v, format_description!("[year]-[month]-[day]")).map_err(|_| {
                format!("--{flag} '{v}' is not a date; write YYYY-MM-DD, e.g. 2021-02-22")
            })
        })
        .transpose()
}

/// The request the arguments describe, or what is wrong with them.
pub fn request_from(args: &RequestArgs) -> Result<SearchRequest, String> {
    let sort: SortOrder = args.narrowing.sort.parse()?;
    let mut filters = Vec::new();
    for filter in &args.narrowing.filters {
        let Some((name, value)) = filter.split_once('=') else {
            return Err(format!(
                "--filter '{filter}' must be FIELD=VALUE, e.g. ref=36-NQ/TW"
            ));
        };
        let field = FacetField::from_name(name.trim()).ok_or_else(|| {
            format!("--filter: unknown field '{name}'; use source, province, year, ref or type")
        })?;
        if value.trim().is_empty() {
            return Err(format!("--filter {name}= needs a value"));
        }
        filters.push((field, value.trim().to_string()));
    }
    Ok(SearchRequest {
        query: args.query.join(" "),
        offset: args.offset,
        limit: args.limit,
        sort,
        from: parse_day("from", args.narrowing.from.as_deref())?,
        to: parse_day("to", args.narrowing.to.as_deref())?,
        filters,
        closest: true,
        ..SearchRequest::default()
    })
}

/// Runs `tracuu search`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let request = match request_from(&args.request) {
        Ok(request) => request,
        Err(message) => return Ok(super::usage_error(message)),
    };
    let index = match SearchIndex::open(&args.index) {
        Ok(index) => index,
        Err(err) => return Ok(super::usage_error(err)),
    };
    let response = match index.search(&request) {
        Ok(response) => response,
        Err(err) if err.is_user_error() => return Ok(super::usage_error(err)),
        Err(err) => return Err(err.into()),
    };
    match print_response(&args, &request, &response) {
        // `tracuu search … | head` closes the pipe early; that is not an error.
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        other => other.map(|()| ExitCode::SUCCESS).map_err(Into::into),
    }
}

fn print_response(
    args: &Args,
    request: &SearchRequest,
    response: &tracuu_index::search::SearchResponse,
) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    if args.json {
        // Hits as the API writes them: the data (`highlight`) and the `<mark>` forms.
        let mut json = json!({"match": response.matched, "total": response.total,
                              "words": response.words, "hits": response.hits,
                              "facets": response.facets, "histogram": response.histogram});
        if !response.closest.is_empty() {
            json["closest"] = json!(response.closest);
        }
        return writeln!(out, "{json}");
    }
    let colour = use_colour();
    match response.matched {
        MatchKind::All => writeln!(
            out,
            "{} articles match ({:.1} ms)",
            response.total, response.took_ms
        )?,
        MatchKind::Partial => writeln!(
            out,
            "No article holds every word; the {} closest ({:.1} ms)",
            response.total, response.took_ms
        )?,
    }
    // How the query was cut, as the page says it: when there is more than one syllable.
    if response.words.len() > 1 || response.words.iter().any(|w| w.contains(' ')) {
        writeln!(out, "words: {}", response.words.join(" · "))?;
    }
    for (i, hit) in response.hits.iter().enumerate() {
        print_hit(&mut out, request.offset + i + 1, hit, colour)?;
    }
    if !response.closest.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "Closest articles, each lacking a word (not counted above):"
        )?;
        for (i, hit) in response.closest.iter().enumerate() {
            print_hit(&mut out, i + 1, hit, colour)?;
        }
    }
    out.flush()
}

fn print_hit(out: &mut impl Write, rank: usize, hit: &Hit, colour: bool) -> std::io::Result<()> {
    writeln!(out)?;
    writeln!(out, "{rank}. {}", hit.title)?;
    let when = hit.published.as_deref().unwrap_or("undated");
    let source = hit.source.as_deref().unwrap_or("?");
    writeln!(out, "   {source} · {when} · {}", hit.url)?;
    writeln!(out, "   {}", terminal_marks(&hit.snippet, colour))?;
    if !hit.missing.is_empty() {
        writeln!(out, "   lacks: {}", hit.missing.join(", "))?;
    }
    Ok(())
}

/// Colour on a terminal, unless `NO_COLOR` is set (no-color.org); plain text when piped.
fn use_colour() -> bool {
    std::io::IsTerminal::is_terminal(&std::io::stdout())
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// The snippet with "…" where it was cut, its matches in bold yellow when `colour`.
fn terminal_marks(snippet: &Highlighted, colour: bool) -> String {
    if !colour {
        return snippet.display_text();
    }
    let mut out = String::with_capacity(snippet.text.len() + 32);
    if snippet.cut_before {
        out.push('…');
    }
    for (piece, marked) in snippet.parts(0..snippet.text.len()) {
        if marked {
            out.push_str("\x1b[1;33m");
            out.push_str(piece);
            out.push_str("\x1b[0m");
        } else {
            out.push_str(piece);
        }
    }
    if snippet.cut_after {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_coloured_on_a_terminal_and_plain_in_a_pipe() {
        let text = "Kiều bào ở nước ngoài đóng góp.";
        let at = text.find("nước").unwrap_or(0);
        let nuoc_ngoai = at..at + "nước ngoài".len();
        let mut snippet = Highlighted::new(text, vec![nuoc_ngoai]);
        snippet.cut_before = true;
        assert_eq!(
            terminal_marks(&snippet, true),
            "…Kiều bào ở \x1b[1;33mnước ngoài\x1b[0m đóng góp."
        );
        assert_eq!(
            terminal_marks(&snippet, false),
            "…Kiều bào ở nước ngoài đóng góp."
        );
    }
}
