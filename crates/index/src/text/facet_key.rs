//! Facet keys: a whole facet value as one folded, lower-case term.
//!
//! Users filter with whatever they type (`province:quang nam`, `ref:36-nq/tw`, `type:nghi quyet`);
//! the index stores the display value ("Quảng Nam") as a fast field for counting and this key as
//! the indexed term for filtering, so both spellings meet.
//!
//! ```
//! use tracuu_index::text::facet_key::facet_key;
//! assert_eq!(facet_key("Quảng  Nam"), "quang nam");
//! assert_eq!(facet_key("36-NQ/TW"), "36-nq/tw");
//! assert_eq!(facet_key("Nghị quyết"), facet_key("nghi quyet"));
//! ```

use tantivy_tokenizer_api::{Token, TokenStream, Tokenizer};

use super::letters::{fold_base, split_letter};
use super::normalize::normalize_text;

/// Name the key tokenizer is registered under.
pub const FACET_KEY_TOKENIZER: &str = "vi_facet_key";

/// Folds a facet value to its key: NFC, marks dropped, lower case, spaces collapsed.
pub fn facet_key(value: &str) -> String {
    let normal = normalize_text(value);
    let mut out = String::with_capacity(normal.len());
    for word in normal.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            match split_letter(c) {
                Some(letter) => out.push(fold_base(letter.base)),
                None => out.extend(c.to_lowercase()),
            }
        }
    }
    out
}

/// Tantivy tokenizer emitting the whole value as one [`facet_key`] token.
#[derive(Debug, Clone, Default)]
pub struct FacetKeyTokenizer {
    token: Token,
}

/// Stream of at most one token.
pub struct FacetKeyStream<'a> {
    token: &'a mut Token,
    pending: bool,
}

impl Tokenizer for FacetKeyTokenizer {
    type TokenStream<'a> = FacetKeyStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> FacetKeyStream<'a> {
        self.token.reset();
        self.token.text = facet_key(text);
        self.token.offset_from = 0;
        self.token.offset_to = text.len();
        self.token.position = 0;
        let pending = !self.token.text.is_empty();
        FacetKeyStream {
            token: &mut self.token,
            pending,
        }
    }
}

impl TokenStream for FacetKeyStream<'_> {
    fn advance(&mut self) -> bool {
        std::mem::take(&mut self.pending)
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}
