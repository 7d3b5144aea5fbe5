//! The words the reference looks for in a query: each quoted phrase one word (its syllables
//! side by side and in order, as the engine reads a phrase), the rest cut into words as the
//! engine cuts it ([`plain_query_units`]).

use tracuu_index::search::free_text::plain_query_units;
use tracuu_index::text::abbreviations::Abbreviations;
use tracuu_index::text::words::Lexicon;

/// What an article must hold for one part of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefUnit {
    /// Every one of these words, as written in the query.
    pub words: Vec<String>,
    /// Or this short form (its folded key), in one piece or in pieces.
    pub abbreviation: Option<String>,
}

/// The units of `query`: a phrase between double quotes, straight or curly (`"…"`, `“…”`,
/// `„…“`), is one word; a quote left open is read as plain text.
pub fn reference_units(
    query: &str,
    abbreviations: &Abbreviations,
    lexicon: &Lexicon,
) -> Vec<RefUnit> {
    let parts: Vec<&str> = query.split(['"', '“', '”', '„']).collect();
    let closed = parts.len() % 2 == 1;
    let mut units = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        let quoted = i % 2 == 1 && (closed || i + 1 < parts.len());
        if quoted {
            if part.chars().any(char::is_alphanumeric) {
                units.push(RefUnit {
                    words: vec![part.trim().to_string()],
                    abbreviation: None,
                });
            }
            continue;
        }
        for unit in plain_query_units(part, abbreviations, lexicon) {
            units.push(RefUnit {
                words: unit
                    .words
                    .iter()
                    .map(|w| part[w[0].range.start..w[w.len() - 1].range.end].to_string())
                    .collect(),
                abbreviation: unit.abbreviation,
            });
        }
    }
    units
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(query: &str) -> Vec<Vec<String>> {
        let lexicon = tracuu_index::text::learnt_names::LearntNames::default().query_lexicon();
        reference_units(query, &Abbreviations::default(), &lexicon)
            .into_iter()
            .map(|u| u.words)
            .collect()
    }

    #[test]
    fn a_quoted_phrase_is_one_word_and_the_rest_is_cut_by_the_lexicon() {
        assert_eq!(words("\"giá vàng\""), [["giá vàng"]]);
        assert_eq!(words("“giá vàng”"), [["giá vàng"]]);
        assert_eq!(
            words("\"giá vàng\" hôm nay"),
            [vec!["giá vàng"], vec!["hôm nay"]]
        );
        assert_eq!(words("giá vàng"), [["giá"], ["vàng"]]);
        // A quote left open quotes nothing.
        assert_eq!(words("\"giá vàng"), [["giá"], ["vàng"]]);
    }
}
