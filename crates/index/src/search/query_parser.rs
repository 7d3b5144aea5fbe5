//! The query language people type: words, "exact phrases", `+required`, `-excluded`, `OR`, and
//! `field:value` filters on the facets (`source`, `province`, `year`, `ref`, `type`).
//!
//! Parsing is forgiving where a pasted question could trip it (punctuation, a stray `-` or `OR`)
//! and strict only where the user's intent is unclear: an unclosed quote, an unknown `field:`, or
//! an empty filter value are errors with a message that says what to fix.
//!
//! ```
//! use tracuu_index::search::query_parser::{parse_query, Clause, Occur};
//! let parsed = parse_query(r#"người Việt "nước ngoài" -covid ref:36-NQ/TW"#).unwrap();
//! assert_eq!(parsed.clauses.len(), 5);
//! assert!(matches!(&parsed.clauses[2], Clause::Phrase { occur: Occur::Must, .. }));
//! assert!(matches!(&parsed.clauses[3], Clause::Word { occur: Occur::MustNot, .. }));
//! ```

use crate::search::SearchError;
use crate::search::request::FacetField;

/// How a clause takes part in matching.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Occur {
    /// Counts towards relevance; long queries need only most of these.
    Should,
    /// Every match must have it (`+word`, a quoted phrase, a filter).
    Must,
    /// No match may have it (`-word`).
    MustNot,
}

/// One piece of a parsed query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clause {
    /// A whitespace-separated word as typed (may hold several syllables: `36-NQ/TW`, `TP.HCM`).
    Word {
        /// The text typed.
        text: String,
        /// How it takes part.
        occur: Occur,
    },
    /// A quoted phrase: its syllables must appear together, in order.
    Phrase {
        /// The text between the quotes.
        text: String,
        /// How it takes part (quoted phrases are required unless negated).
        occur: Occur,
    },
    /// `field:value`: a facet filter.
    Filter {
        /// The facet.
        field: FacetField,
        /// The value typed.
        value: String,
        /// Must or MustNot.
        occur: Occur,
    },
    /// Alternatives joined by `OR`; at least one must match.
    Any(Vec<Clause>),
}

/// A query as parsed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedQuery {
    /// Clauses in the order typed.
    pub clauses: Vec<Clause>,
}

/// Parses a query; see the module documentation for the language.
pub fn parse_query(input: &str) -> Result<ParsedQuery, SearchError> {
    let mut clauses: Vec<Clause> = Vec::new();
    let mut pending_or = false;
    let chars: Vec<(usize, char)> = input.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (_, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let mut occur = Occur::Should;
        if (c == '+' || c == '-') && chars.get(i + 1).is_some_and(|&(_, n)| !n.is_whitespace()) {
            occur = if c == '+' {
                Occur::Must
            } else {
                Occur::MustNot
            };
            i += 1;
        }
        let (raw, next, quoted) = read_token(input, &chars, i)?;
        i = next;
        if !quoted && occur == Occur::Should && raw == "OR" {
            pending_or = !clauses.is_empty();
            continue;
        }
        let clause = if quoted {
            let occur = if occur == Occur::MustNot {
                Occur::MustNot
            } else {
                Occur::Must
            };
            Clause::Phrase { text: raw, occur }
        } else if let Some(filter) = parse_filter(&raw, occur, input, &chars, &mut i)? {
            filter
        } else {
            Clause::Word { text: raw, occur }
        };
        if pending_or {
            pending_or = false;
            if let Some(previous) = clauses.pop() {
                let mut alternatives = match previous {
                    Clause::Any(list) => list,
                    other => vec![other],
                };
                alternatives.push(clause);
                clauses.push(Clause::Any(alternatives));
                continue;
            }
        }
        clauses.push(clause);
    }
    Ok(ParsedQuery { clauses })
}

/// Reads a quoted phrase or a bare token starting at `i`; returns (text, next index, quoted).
fn read_token(
    input: &str,
    chars: &[(usize, char)],
    i: usize,
) -> Result<(String, usize, bool), SearchError> {
    let (start, c) = chars[i];
    if is_quote(c) {
        let close = chars[i + 1..]
            .iter()
            .position(|&(_, q)| is_quote(q))
            .map(|p| p + i + 1);
        let Some(close) = close else {
            return Err(SearchError::InvalidQuery(format!(
                "the quote opened at character {} is never closed; add a closing \"",
                input[..start].chars().count() + 1
            )));
        };
        let text = input[chars[i].0 + c.len_utf8()..chars[close].0].to_string();
        return Ok((text, close + 1, true));
    }
    let mut end = i;
    while end < chars.len() && !chars[end].1.is_whitespace() && !is_quote(chars[end].1) {
        end += 1;
    }
    let stop = chars.get(end).map_or(input.len(), |&(at, _)| at);
    Ok((input[start..stop].to_string(), end, false))
}

/// True for a year written as digits (`2021`).
pub fn is_year(value: &str) -> bool {
    let value = value.trim();
    (1..=4).contains(&value.len()) && value.bytes().all(|b| b.is_ascii_digit())
}

/// True for a value the year filter accepts: a year, or `none` (articles without a date).
pub fn is_year_filter(value: &str) -> bool {
    is_year(value)
        || value
            .trim()
            .eq_ignore_ascii_case(crate::schema::UNDATED_YEAR)
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„')
}

/// Recognises `field:value` (the value may be quoted: `province:"Quảng Nam"`).
fn parse_filter(
    raw: &str,
    occur: Occur,
    input: &str,
    chars: &[(usize, char)],
    i: &mut usize,
) -> Result<Option<Clause>, SearchError> {
    let Some((name, value)) = raw.split_once(':') else {
        return Ok(None);
    };
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphabetic()) || value.starts_with("//")
    {
        return Ok(None);
    }
    let quoted_value_follows = value.is_empty() && chars.get(*i).is_some_and(|&(_, c)| is_quote(c));
    let known = FacetField::from_name(&name.to_ascii_lowercase()).is_some();
    if value.is_empty() && !quoted_value_follows && !known {
        // "Điền vào chỗ trong: …": a colon ending a word is punctuation in pasted text.
        return Ok(None);
    }
    let Some(field) = FacetField::from_name(&name.to_ascii_lowercase()) else {
        let known: Vec<&str> = FacetField::ALL.iter().map(|f| f.name()).collect();
        return Err(SearchError::InvalidQuery(format!(
            "unknown field '{name}:'; filter with one of {}",
            known.join(", ")
        )));
    };
    let value = if quoted_value_follows {
        let (quoted, next, _) = read_token(input, chars, *i)?;
        *i = next;
        quoted
    } else {
        value.to_string()
    };
    if value.trim().is_empty() {
        return Err(SearchError::InvalidQuery(format!(
            "'{name}:' needs a value, e.g. {name}:2021"
        )));
    }
    if field == FacetField::Year && !is_year_filter(&value) {
        return Err(SearchError::InvalidQuery(format!(
            "'year:{}' is not a year; write it as digits, e.g. year:2021, or year:none",
            value.trim()
        )));
    }
    let occur = if occur == Occur::MustNot {
        Occur::MustNot
    } else {
        Occur::Must
    };
    Ok(Some(Clause::Filter {
        field,
        value: value.trim().to_string(),
        occur,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(q: &str) -> Vec<Clause> {
        parse_query(q).map(|p| p.clauses).unwrap_or_default()
    }

    #[test]
    fn or_groups_neighbours() {
        let clauses = words("Quảng Nam OR Đà Nẵng");
        assert_eq!(clauses.len(), 3);
        assert!(matches!(&clauses[1], Clause::Any(list) if list.len() == 2));
    }

    #[test]
    fn quoted_filter_values_and_curly_quotes() {
        let clauses = words("province:\"Quảng Nam\" “nước ngoài”");
        assert_eq!(
            clauses[0],
            Clause::Filter {
                field: FacetField::Province,
                value: "Quảng Nam".into(),
                occur: Occur::Must
            }
        );
        assert_eq!(
            clauses[1],
            Clause::Phrase {
                text: "nước ngoài".into(),
                occur: Occur::Must
            }
        );
    }

    #[test]
    fn unclear_queries_are_errors_that_say_what_to_fix() {
        let err = parse_query("\"người Việt")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("never closed"), "{err}");
        let err = parse_query("tinh:quang")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("unknown field 'tinh:'"), "{err}");
        assert!(parse_query("year:").is_err());
        let err = parse_query("year:abc")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("not a year"), "{err}");
    }

    #[test]
    fn pasted_text_with_times_urls_and_dashes_is_plain_words() {
        let clauses =
            words("[10:35 - 18/01/2021] https://x.vn Covid - 19 Dien vao cho trong: Kinh phi");
        assert!(clauses.iter().all(|c| matches!(
            c,
            Clause::Word {
                occur: Occur::Should,
                ..
            }
        )));
    }
}
