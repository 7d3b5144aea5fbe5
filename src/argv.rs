//! Query words typed with a leading minus (`-vaccine`, `-year:2019`, `-"Việt Nam"`) on the
//! command line: clap would read each as an option and stop. They are moved after a `--`, where
//! clap reads every argument as a word of the query, so `tracuu search covid -vaccine --json`
//! means what it says. Only single-dash arguments are moved: no subcommand has a one-letter
//! option but `-h`, and a misspelt `--option` still fails as unknown.

use std::ffi::OsString;

use clap::Command;

/// Subcommands whose positional arguments are a query.
const QUERY_COMMANDS: [&str; 3] = ["search", "export", "query-dsl"];

/// `args` (the program's name first) with every query word that starts with a minus, before any
/// `--`, moved to the end after a `--`, in the order typed. The value of an option that takes
/// one (`--offset -5`) is left where it is, for clap to judge.
pub fn minus_words_last(cli: &Command, args: Vec<OsString>) -> Vec<OsString> {
    let Some(sub) = args
        .get(1)
        .and_then(|a| a.to_str())
        .filter(|name| QUERY_COMMANDS.contains(name))
        .and_then(|name| cli.find_subcommand(name))
    else {
        return args;
    };
    let takes_value = |option: &str| {
        sub.get_arguments()
            .any(|arg| arg.get_long() == Some(option) && arg.get_action().takes_values())
    };
    let mut kept = Vec::with_capacity(args.len() + 1);
    let mut moved = Vec::new();
    let mut rest = args.into_iter();
    let mut value_next = false;
    kept.extend(rest.by_ref().take(2));
    for arg in rest.by_ref() {
        let text = arg.to_string_lossy();
        if text == "--" {
            kept.push(arg);
            break;
        }
        let option = text.strip_prefix("--");
        let minus_word = !value_next
            && option.is_none()
            && text.len() > 1
            && text.starts_with('-')
            && text != "-h";
        value_next = option.is_some_and(|o| !o.contains('=') && takes_value(o));
        if minus_word {
            moved.push(arg);
        } else {
            kept.push(arg);
        }
    }
    if kept.last().is_some_and(|a| a == "--") {
        kept.append(&mut moved);
    } else if !moved.is_empty() {
        kept.push("--".into());
        kept.append(&mut moved);
    }
    kept.extend(rest);
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::{Arg, ArgAction};

    fn cli() -> Command {
        let query = || Arg::new("query").num_args(0..);
        let offset = || Arg::new("offset").long("offset");
        let json = || Arg::new("json").long("json").action(ArgAction::SetTrue);
        Command::new("tracuu")
            .subcommand(Command::new("search").args([query(), offset(), json()]))
            .subcommand(Command::new("index").arg(Arg::new("corpus").long("corpus")))
    }

    fn moved(args: &[&str]) -> Vec<String> {
        let args = args.iter().map(OsString::from).collect();
        minus_words_last(&cli(), args)
            .into_iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn minus_words_go_after_a_separator_and_options_stay() {
        assert_eq!(
            moved(&[
                "tracuu",
                "search",
                "covid",
                "-year:2019",
                "--json",
                "-\"Việt Nam\""
            ]),
            [
                "tracuu",
                "search",
                "covid",
                "--json",
                "--",
                "-year:2019",
                "-\"Việt Nam\""
            ]
        );
        // The value of an option is clap's to judge; a typed separator is kept, once.
        assert_eq!(
            moved(&["tracuu", "search", "--offset", "-5", "-x", "--", "-y"]),
            ["tracuu", "search", "--offset", "-5", "--", "-x", "-y"]
        );
        assert_eq!(
            moved(&["tracuu", "search", "--offset=3", "-h"]),
            ["tracuu", "search", "--offset=3", "-h"]
        );
        // Only the query commands.
        assert_eq!(moved(&["tracuu", "index", "-x"]), ["tracuu", "index", "-x"]);
    }
}
