//! Syllables at the positions the text gives them: a Tantivy phrase whose offsets are kept where
//! others can read them.
//!
//! A sentence end leaves an empty position in a folded field ([`crate::text::tokenizer`]), so a
//! phrase typed across one ("nước ngoài. Thì") asks its syllables one position further apart
//! ([`crate::text::pairs::positions`]). Tantivy's `PhraseQuery` keeps its offsets to itself;
//! this query carries them, so the Query DSL export (`tracuu-scaleout`) asks a cluster for
//! the same positions.

use tantivy::Term;
use tantivy::query::{EnableScoring, PhraseQuery, Query, Weight};
use tantivy::schema::Field;

/// Folded syllables of one field at given offsets from the first.
#[derive(Clone, Debug)]
pub struct SyllablePhrase {
    terms: Vec<(usize, Term)>,
    phrase: PhraseQuery,
}

impl SyllablePhrase {
    /// The phrase of `terms`, each at its offset (two terms or more, of one field).
    pub fn new(terms: Vec<(usize, Term)>) -> SyllablePhrase {
        SyllablePhrase {
            phrase: PhraseQuery::new_with_offset(terms.clone()),
            terms,
        }
    }

    /// The field the phrase is asked of.
    pub fn field(&self) -> Field {
        self.phrase.field()
    }

    /// The terms with their offsets, in order.
    pub fn terms(&self) -> &[(usize, Term)] {
        &self.terms
    }
}

impl Query for SyllablePhrase {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        self.phrase.weight(enable_scoring)
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.phrase.query_terms(visitor);
    }
}
