//! The query language people type: words, "exact phrases", `+required`, `-excluded`, `OR`, and
//! `field:value` filters on the facets (`source`, `province`, `year`, `ref`, `type`).
//!
//! Parsing is forgiving where a pasted question could trip it (punctuation, a stray `-` or `OR`,
//! a quote never closed, which runs to the end of the query) and strict only where the user's
//! intent is unclear: an unknown `field:`, an empty filter value, or a `province:` or `type:`
//! word that names none are errors ([`QueryProblem`]) with a message, in English and in
//! Vietnamese, that says what to fix. A province or type of several words may be typed without
//! quotes (`province:Quảng Nam`): the words after the first that complete a name are the
//! filter's.
//! `OR` joins the word on each side of it: [`parse_query_cut`] is given the cut into words
//! ([`crate::search::or_words`]); [`parse_query`], which knows no lexicon, joins tokens.
//!
//! ```
//! use tracuu_index::search::query_parser::{parse_query, Clause, Occur};
//! let parsed = parse_query(r#"người Việt "nước ngoài" -covid ref:36-NQ/TW"#).unwrap();
//! assert_eq!(parsed.clauses.len(), 5);
//! assert!(matches!(&parsed.clauses[2], Clause::Phrase { occur: Occur::Must, .. }));
//! assert!(matches!(&parsed.clauses[3], Clause::Word { occur: Occur::MustNot, .. }));
//! ```

use crate::enrich::{canonical_province, canonical_type};
use crate::search::SearchError;
use crate::search::filters::source_site;
use crate::search::or_words::{Item, WordCut, join_alternatives, token_by_token};
use crate::search::request::FacetField;
use crate::text::tokenizer::MAX_SYLLABLE_LETTERS;

/// What is wrong with a query, for the API (English, [`std::fmt::Display`]) and the page
/// ([`QueryProblem::vietnamese`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryProblem {
    /// `name:` is not a facet.
    #[error(
        "unknown field '{name}:'; filter with one of source, province, year, ref, type (e.g. ref:36-NQ/TW)"
    )]
    UnknownField {
        /// The name typed.
        name: String,
    },
    /// `field:` with nothing after it.
    #[error("'{name}:' needs a value, e.g. {}", example(*field))]
    MissingValue {
        /// The name as typed.
        name: String,
        /// The facet.
        field: FacetField,
    },
    /// `year:` with something that is not digits.
    #[error(
        "'year:{value}' is not a year; write it as digits, e.g. year:2021, or year:none for articles without a date"
    )]
    NotAYear {
        /// The value typed.
        value: String,
    },
    /// `province:` or `type:` with a word, not quoted, that names none, even with the words
    /// after it (`province:Quang` alone, `type:Nghi`).
    #[error(
        "'{name}:{value}' names no {}; write a name of several words in quotes, e.g. {}",
        field.kind(),
        example(*field)
    )]
    NamesNone {
        /// The name as typed.
        name: String,
        /// The facet.
        field: FacetField,
        /// The value typed.
        value: String,
    },
    /// `source:` with a URL that has a path (sites are filtered whole) or no host.
    #[error(
        "'source:{value}' names no site; give a site's host, not a page's address, e.g. source:quangnam.gov.vn"
    )]
    SourceWithPath {
        /// The value typed.
        value: String,
    },
    /// Nothing in the query can be searched.
    #[error("{}", nothing_message(query, *too_long))]
    NothingToSearch {
        /// The query.
        query: String,
        /// Its words are all longer than the longest word indexed.
        too_long: bool,
    },
}

/// What a value of a facet whose values are names is, in messages.
/// A value of the right kind for each facet, to suggest in messages.
pub fn example(field: FacetField) -> &'static str {
    match field {
        FacetField::Source => "source:quangnam.gov.vn",
        FacetField::Province => "province:\"Quảng Nam\"",
        FacetField::Year => "year:2021",
        FacetField::Ref => "ref:36-NQ/TW",
        FacetField::Type => "type:\"Nghị quyết\"",
    }
}

fn nothing_message(query: &str, too_long: bool) -> String {
    if too_long {
        format!(
            "nothing to search for in '{query}': every word is longer than {MAX_SYLLABLE_LETTERS} letters, and words \
             that long (web addresses, codes) are not indexed; type shorter words or a part of it"
        )
    } else {
        format!(
            "nothing to search for in '{query}': type words, a \"phrase\" or a filter such as year:2021"
        )
    }
}

impl QueryProblem {
    /// "Nothing to search for" in `query`, saying whether its words were too long to be indexed.
    pub fn nothing_to_search(query: &str) -> QueryProblem {
        let too_long = query
            .split(|c: char| !c.is_alphanumeric())
            .any(|run| run.chars().count() > MAX_SYLLABLE_LETTERS);
        let shown: String = query.chars().take(60).collect();
        let shown = if shown.len() < query.len() {
            format!("{shown}…")
        } else {
            shown
        };
        QueryProblem::NothingToSearch {
            query: shown,
            too_long,
        }
    }

    /// The same message in Vietnamese, for the web page.
    pub fn vietnamese(&self) -> String {
        match self {
            QueryProblem::UnknownField { name } => format!(
                "Không có bộ lọc “{name}:”. Hãy dùng source (nguồn tin), province (tỉnh, thành phố), \
                 year (năm), ref (văn bản được trích dẫn) hoặc type (loại văn bản), ví dụ ref:36-NQ/TW."
            ),
            QueryProblem::MissingValue { name, field } => format!(
                "Bộ lọc “{name}:” cần một giá trị, ví dụ {}.",
                example(*field)
            ),
            QueryProblem::NamesNone { name, field, value } => format!(
                "“{name}:{value}” không phải là tên {} nào; tên có nhiều chữ hãy đặt trong ngoặc kép, ví dụ {}.",
                field.kind_vi(),
                example(*field)
            ),
            QueryProblem::SourceWithPath { value } => format!(
                "“source:{value}” không chỉ một trang web nào; hãy lọc theo tên miền của trang web, không phải địa chỉ một bài, ví dụ source:quangnam.gov.vn."
            ),
            QueryProblem::NotAYear { value } => format!(
                "“year:{value}” không phải là một năm; hãy viết năm bằng chữ số, ví dụ year:2021, hoặc year:none cho các bài không rõ ngày."
            ),
            QueryProblem::NothingToSearch {
                query,
                too_long: true,
            } => format!(
                "Không có gì để tìm trong “{query}”: mọi từ đều dài hơn {MAX_SYLLABLE_LETTERS} chữ cái, \
                 mà từ dài như vậy (địa chỉ web, mã số) không được lập chỉ mục. Hãy gõ từ ngắn hơn, hoặc một phần của từ."
            ),
            QueryProblem::NothingToSearch {
                query,
                too_long: false,
            } => format!(
                "Không có gì để tìm trong “{query}”: hãy gõ từ khóa, một \"cụm từ\" hoặc bộ lọc như year:2021."
            ),
        }
    }
}

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

/// Parses a query; see the module documentation for the language. `OR` joins the token on each
/// side; [`parse_query_cut`] joins words.
pub fn parse_query(input: &str) -> Result<ParsedQuery, SearchError> {
    parse_query_cut(input, &token_by_token)
}

/// Parses a query, `OR` joining the words `cut` reads next to it ([`crate::search::or_words`]).
pub fn parse_query_cut(input: &str, cut: WordCut) -> Result<ParsedQuery, SearchError> {
    let mut items: Vec<Item> = Vec::new();
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
        if quoted && raw.trim().is_empty() {
            continue; // `""`, or a quote just typed
        }
        if !quoted && occur == Occur::Should && raw == "OR" {
            pending_or = !items.is_empty();
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
        items.push(Item {
            clause,
            or_before: std::mem::take(&mut pending_or),
        });
    }
    Ok(ParsedQuery {
        clauses: join_alternatives(items, cut),
    })
}

/// Reads a quoted phrase or a bare token starting at `i`; returns (text, next index, quoted).
fn read_token(
    input: &str,
    chars: &[(usize, char)],
    i: usize,
) -> Result<(String, usize, bool), SearchError> {
    let (start, c) = chars[i];
    if is_quote(c) {
        // A quote never closed (pasted text, or one still being typed) runs to the end.
        let close = chars[i + 1..]
            .iter()
            .position(|&(_, q)| is_quote(q))
            .map_or(chars.len(), |p| p + i + 1);
        let end = chars.get(close).map_or(input.len(), |&(at, _)| at);
        let text = input[start + c.len_utf8()..end].to_string();
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
        return Err(QueryProblem::UnknownField {
            name: name.to_string(),
        }
        .into());
    };
    let value = if quoted_value_follows {
        let (quoted, next, _) = read_token(input, chars, *i)?;
        *i = next;
        quoted
    } else {
        named_value(name, field, value, chars, i)?
    };
    if value.trim().is_empty() {
        return Err(QueryProblem::MissingValue {
            name: name.to_string(),
            field,
        }
        .into());
    }
    if field == FacetField::Source && source_site(&value).is_none() {
        return Err(QueryProblem::SourceWithPath {
            value: value.trim().to_string(),
        }
        .into());
    }
    if field == FacetField::Year && !is_year_filter(&value) {
        return Err(QueryProblem::NotAYear {
            value: value.trim().to_string(),
        }
        .into());
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

/// Whether `value` names a province or a document type (other facets take any value).
fn names_one(field: FacetField, value: &str) -> bool {
    match field {
        FacetField::Province => canonical_province(value).is_some(),
        FacetField::Type => canonical_type(value).is_some(),
        FacetField::Source | FacetField::Year | FacetField::Ref => true,
    }
}

/// Longest names a filter may run over, in words after its first: `Bà Rịa - Vũng Tàu`.
const NAME_WORDS_AFTER: usize = 4;

/// The value of an unquoted `province:` or `type:` filter: the word typed, or, when it names
/// none, that word with the words after it that complete a name (`province:Quảng Nam`,
/// `type:Nghị quyết`: the words are the filter's, not the query's; `*i` moves past them). A
/// word that names none even so is an error, not a filter that silently matches nothing.
fn named_value(
    name: &str,
    field: FacetField,
    value: &str,
    chars: &[(usize, char)],
    i: &mut usize,
) -> Result<String, SearchError> {
    if value.is_empty() || names_one(field, value) {
        return Ok(value.to_string());
    }
    let mut candidate = value.to_string();
    let mut at = *i;
    let mut found = None;
    for _ in 0..NAME_WORDS_AFTER {
        while at < chars.len() && chars[at].1.is_whitespace() {
            at += 1;
        }
        let start = at;
        while at < chars.len() && !chars[at].1.is_whitespace() && !is_quote(chars[at].1) {
            at += 1;
        }
        let word: String = chars[start..at].iter().map(|&(_, c)| c).collect();
        let operator = word == "OR" || (word.len() > 1 && word.starts_with(['+', '-']));
        if word.is_empty() || word.contains(':') || operator {
            break;
        }
        candidate.push(' ');
        candidate.push_str(&word);
        if names_one(field, &candidate) {
            found = Some((candidate.clone(), at));
        }
    }
    match found {
        Some((named, next)) => {
            *i = next;
            Ok(named)
        }
        None => Err(QueryProblem::NamesNone {
            name: name.to_string(),
            field,
            value: value.to_string(),
        }
        .into()),
    }
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

    fn filter(field: FacetField, value: &str) -> Clause {
        Clause::Filter {
            field,
            value: value.into(),
            occur: Occur::Must,
        }
    }

    fn word(text: &str) -> Clause {
        Clause::Word {
            text: text.into(),
            occur: Occur::Should,
        }
    }

    #[test]
    fn a_name_of_several_words_typed_without_quotes_is_the_filters() {
        assert_eq!(
            words("province:Quảng Nam tham nhũng"),
            vec![
                filter(FacetField::Province, "Quảng Nam"),
                word("tham"),
                word("nhũng")
            ]
        );
        assert_eq!(
            words("tham nhung province:quang nam"),
            vec![
                word("tham"),
                word("nhung"),
                filter(FacetField::Province, "quang nam")
            ]
        );
        assert_eq!(
            words("province:Ba Ria - Vung Tau"),
            vec![filter(FacetField::Province, "Ba Ria - Vung Tau")]
        );
        assert_eq!(
            words("type:Nghị quyết kiều bào"),
            vec![
                filter(FacetField::Type, "Nghị quyết"),
                word("kiều"),
                word("bào")
            ]
        );
        // A name of one word, or one written without spaces, takes nothing after it.
        assert_eq!(
            words("province:TP.HCM nhà ở"),
            vec![
                filter(FacetField::Province, "TP.HCM"),
                word("nhà"),
                word("ở")
            ]
        );
        // "Thái Bình" is a province; "Thái Bình Dương" (the Pacific) is not: the name is its own.
        assert_eq!(
            words("province:Thái Bình Dương"),
            vec![filter(FacetField::Province, "Thái Bình"), word("Dương")]
        );
    }

    #[test]
    fn a_filter_word_that_names_nothing_is_an_error_not_an_empty_answer() {
        for (query, said) in [
            (
                "province:Quang tham nhung",
                "'province:Quang' names no province",
            ),
            ("province:quangnam", "'province:quangnam' names no province"),
            ("type:Nghi 36", "'type:Nghi' names no document type"),
        ] {
            match parse_query(query) {
                Err(SearchError::Query(problem)) => {
                    assert!(problem.to_string().contains(said), "{problem}");
                    assert!(problem.to_string().contains("in quotes"), "{problem}");
                    assert!(problem.vietnamese().contains("ngoặc kép"), "{query}");
                }
                other => panic!("{query}: {other:?}"),
            }
        }
        // Quoted, a value is taken as typed: the index may hold a site's own name for its place.
        assert_eq!(
            words("province:\"Quang\""),
            vec![filter(FacetField::Province, "Quang")]
        );
    }

    #[test]
    fn a_site_pasted_as_a_url_is_its_host_and_a_page_is_refused() {
        for query in [
            "source:https://www.quangnam.gov.vn/",
            "source:http://quangnam.gov.vn",
            "source:HTTPS://quangnam.gov.vn:443/",
            "source:www.quangnam.gov.vn",
        ] {
            let Clause::Filter { value, .. } = &words(query)[0] else {
                panic!("{query}");
            };
            assert_eq!(
                source_site(value).as_deref(),
                Some("quangnam.gov.vn"),
                "{query}"
            );
        }
        match parse_query("source:https://quangnam.gov.vn/tin-tuc tham nhung") {
            Err(SearchError::Query(problem)) => {
                assert!(problem.to_string().contains("names no site"), "{problem}");
                assert!(problem.vietnamese().contains("tên miền"));
            }
            other => panic!("{other:?}"),
        }
        assert!(parse_query("source:https:// tham nhung").is_err());
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
    fn an_unclosed_quote_runs_to_the_end_of_the_query() {
        let clauses = words("cho biết: “Việc thông tin tố cáo");
        assert_eq!(
            clauses.last(),
            Some(&Clause::Phrase {
                text: "Việc thông tin tố cáo".into(),
                occur: Occur::Must
            })
        );
        assert_eq!(clauses.len(), 3, "{clauses:?}");
        // Typing the opening quote alone is not an error either.
        assert_eq!(
            words("nghị quyết \""),
            vec![
                Clause::Word {
                    text: "nghị".into(),
                    occur: Occur::Should
                },
                Clause::Word {
                    text: "quyết".into(),
                    occur: Occur::Should
                },
            ]
        );
        assert!(parse_query("province:\"Quảng").is_ok());
    }

    #[test]
    fn filter_errors_suggest_a_value_of_the_right_kind_in_both_languages() {
        let problem = |q: &str| match parse_query(q) {
            Err(SearchError::Query(p)) => p,
            other => panic!("{q}: {other:?}"),
        };
        let p = problem("ref:");
        assert!(p.to_string().contains("e.g. ref:36-NQ/TW"), "{p}");
        assert!(
            p.vietnamese().contains("ví dụ ref:36-NQ/TW"),
            "{}",
            p.vietnamese()
        );
        let p = problem("source:");
        assert!(p.to_string().contains("source:quangnam.gov.vn"), "{p}");
        let p = problem("tinh:quang");
        assert!(
            p.vietnamese().starts_with("Không có bộ lọc “tinh:”"),
            "{}",
            p.vietnamese()
        );
    }

    #[test]
    fn nothing_to_search_says_when_the_words_are_too_long() {
        let long = "a".repeat(60);
        let p = QueryProblem::nothing_to_search(&format!("{long} {long}"));
        assert!(p.to_string().contains("longer than 48 letters"), "{p}");
        assert!(
            p.vietnamese().contains("dài hơn 48 chữ cái"),
            "{}",
            p.vietnamese()
        );
        let p = QueryProblem::nothing_to_search("…");
        assert!(!p.to_string().contains("longer"), "{p}");
    }

    #[test]
    fn unclear_queries_are_errors_that_say_what_to_fix() {
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
