//! What `OR` joins: the word on each side, not the token. "Quảng Nam OR Đà Nẵng" is either
//! province; read token by token it would be "Quảng", "Nam" or "Đà", "Nẵng", which no article
//! holds. A Vietnamese word is several syllables written apart, so the plain words typed next to
//! an `OR` are cut into words first (by the caller's [`WordCut`], the cut free text gets), and
//! `OR` joins the last word before it and the first word after it: "bảo hiểm xã hội OR y tế" is
//! "bảo hiểm" and ("xã hội" or "y tế"). Words away from an `OR` stay tokens: the free text's own
//! cut reads them.

use std::ops::Range;

use crate::search::query_parser::{Clause, Occur};

/// Cuts plain tokens typed one after the other into words: ranges of the tokens, in order,
/// covering them all.
pub type WordCut<'a> = &'a dyn Fn(&[&str]) -> Vec<Range<usize>>;

/// Every token its own word: the cut of a parser that knows no lexicon.
pub fn token_by_token(tokens: &[&str]) -> Vec<Range<usize>> {
    (0..tokens.len()).map(|i| i..i + 1).collect()
}

/// A clause as read, and whether an `OR` stood before it.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    pub clause: Clause,
    pub or_before: bool,
}

/// The clauses of `items`, the plain words next to an `OR` grouped into the words `cut` reads,
/// and the alternatives each `OR` joins gathered into [`Clause::Any`].
pub(crate) fn join_alternatives(items: Vec<Item>, cut: WordCut) -> Vec<Clause> {
    let mut clauses: Vec<Clause> = Vec::new();
    for item in words_next_to_or(items, cut) {
        match clauses.pop() {
            Some(previous) if item.or_before => {
                let mut alternatives = match previous {
                    Clause::Any(list) => list,
                    other => vec![other],
                };
                alternatives.push(item.clause);
                clauses.push(Clause::Any(alternatives));
            }
            previous => {
                clauses.extend(previous);
                clauses.push(item.clause);
            }
        }
    }
    clauses
}

fn plain(clause: &Clause) -> Option<&str> {
    match clause {
        Clause::Word {
            text,
            occur: Occur::Should,
        } => Some(text),
        _ => None,
    }
}

/// `items` with each run of plain words that touches an `OR` cut into words: the word at the
/// `OR` becomes one item, the others stay as typed.
fn words_next_to_or(items: Vec<Item>, cut: WordCut) -> Vec<Item> {
    let mut out = Vec::with_capacity(items.len());
    let mut rest = items.into_iter().peekable();
    while let Some(first) = rest.next() {
        if plain(&first.clause).is_none() {
            out.push(first);
            continue;
        }
        let mut run = vec![first];
        while let Some(next) = rest.next_if(|n| plain(&n.clause).is_some() && !n.or_before) {
            run.push(next);
        }
        let or_after = rest.peek().is_some_and(|n| n.or_before);
        if run[0].or_before || or_after {
            out.extend(group_run(run, or_after, cut));
        } else {
            out.extend(run);
        }
    }
    out
}

/// A run of plain words with its first and last word each one item.
fn group_run(run: Vec<Item>, or_after: bool, cut: WordCut) -> Vec<Item> {
    let texts: Vec<&str> = run.iter().filter_map(|i| plain(&i.clause)).collect();
    let words = cut(&texts);
    if !covers(&words, texts.len()) {
        return run;
    }
    let or_before = run[0].or_before;
    let last = words.len() - 1;
    let mut out = Vec::with_capacity(words.len());
    for (k, word) in words.iter().enumerate() {
        let at_or = (k == 0 && or_before) || (k == last && or_after);
        if at_or && word.len() > 1 {
            out.push(Item {
                clause: Clause::Word {
                    text: texts[word.clone()].join(" "),
                    occur: Occur::Should,
                },
                or_before: k == 0 && or_before,
            });
        } else {
            out.extend(run[word.clone()].iter().cloned());
        }
    }
    out
}

/// Whether `words` are ranges in order, one after the other, over `0..len`.
fn covers(words: &[Range<usize>], len: usize) -> bool {
    let mut at = 0;
    for word in words {
        if word.start != at || word.end <= word.start {
            return false;
        }
        at = word.end;
    }
    at == len && len > 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::query_parser::parse_query_cut;

    /// A cut that knows a few two-syllable words, as the lexicon would.
    fn cut(tokens: &[&str]) -> Vec<Range<usize>> {
        let words = [
            "quảng nam",
            "đà nẵng",
            "hà nội",
            "bảo hiểm",
            "xã hội",
            "y tế",
        ];
        let mut out = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let two = tokens
                .get(i + 1)
                .map(|b| format!("{} {b}", tokens[i]).to_lowercase());
            let len = if two.is_some_and(|t| words.contains(&t.as_str())) {
                2
            } else {
                1
            };
            out.push(i..i + len);
            i += len;
        }
        out
    }

    fn word(text: &str) -> Clause {
        Clause::Word {
            text: text.into(),
            occur: Occur::Should,
        }
    }

    fn parse(query: &str) -> Vec<Clause> {
        parse_query_cut(query, &cut)
            .map(|p| p.clauses)
            .unwrap_or_default()
    }

    #[test]
    fn or_joins_the_words_on_each_side() {
        assert_eq!(
            parse("Quảng Nam OR Đà Nẵng"),
            [Clause::Any(vec![word("Quảng Nam"), word("Đà Nẵng")])]
        );
        assert_eq!(
            parse("tham nhũng Hà Nội OR Đà Nẵng OR Huế"),
            [
                word("tham"),
                word("nhũng"),
                Clause::Any(vec![word("Hà Nội"), word("Đà Nẵng"), word("Huế")])
            ]
        );
    }

    #[test]
    fn words_away_from_or_stay_as_typed() {
        assert_eq!(
            parse("bảo hiểm xã hội OR y tế"),
            [
                word("bảo"),
                word("hiểm"),
                Clause::Any(vec![word("xã hội"), word("y tế")])
            ]
        );
    }

    #[test]
    fn or_between_quoted_phrases_and_filters_is_unchanged() {
        let phrase = |t: &str| Clause::Phrase {
            text: t.into(),
            occur: Occur::Must,
        };
        assert_eq!(
            parse(r#""Quảng Nam" OR "Đà Nẵng" covid"#),
            [
                Clause::Any(vec![phrase("Quảng Nam"), phrase("Đà Nẵng")]),
                word("covid")
            ]
        );
        assert_eq!(parse("OR Hà Nội OR"), [word("Hà"), word("Nội")]);
    }
}
