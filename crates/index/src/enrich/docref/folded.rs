//! Text folded to ASCII lower case, one byte per visible character, with the map back.
//!
//! Keeping one byte per character lets the number patterns run on plain ASCII and every match be
//! traced back to the writer's own characters (NFD marks and invisible characters are folded
//! into the character before them).

use std::ops::Range;

use crate::text::letters::{fold_base, split_letter};
use crate::text::normalize::is_invisible;

/// A text folded for matching, and where each folded byte came from.
pub(super) struct FoldedText<'a> {
    source: &'a str,
    /// The folded text: ASCII lower case, `\u{1}` for characters with no ASCII base.
    pub text: String,
    /// Original byte offset where each folded byte's character starts.
    starts: Vec<usize>,
    /// Original byte offset where each folded byte's character (with its marks) ends.
    ends: Vec<usize>,
}

impl<'a> FoldedText<'a> {
    pub fn new(source: &'a str) -> Self {
        let mut folded = FoldedText {
            source,
            text: String::with_capacity(source.len()),
            starts: Vec::with_capacity(source.len()),
            ends: Vec::with_capacity(source.len()),
        };
        for (at, c) in source.char_indices() {
            let end = at + c.len_utf8();
            if ('\u{300}'..='\u{36F}').contains(&c) || is_invisible(c) {
                if let Some(last) = folded.ends.last_mut() {
                    *last = end;
                }
                continue;
            }
            folded.text.push(fold_char(c));
            folded.starts.push(at);
            folded.ends.push(end);
        }
        folded
    }

    /// The original byte range of a non-empty folded byte range.
    pub fn original(&self, span: Range<usize>) -> Range<usize> {
        match (
            self.starts.get(span.start),
            span.end.checked_sub(1).and_then(|last| self.ends.get(last)),
        ) {
            (Some(&start), Some(&end)) if start <= end => start..end,
            _ => 0..0,
        }
    }

    /// The writer's own text behind a folded byte range.
    pub fn original_text(&self, span: Range<usize>) -> &'a str {
        self.source.get(self.original(span)).unwrap_or_default()
    }
}

/// Folds to ASCII lower case with every mark removed (`đ` → `d`): the form keys are stored in.
pub(super) fn fold_key(text: &str) -> String {
    FoldedText::new(text).text
}

fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    if let Some(letter) = split_letter(c) {
        let base = fold_base(letter.base);
        return if base.is_ascii() { base } else { '\u{1}' };
    }
    match c {
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FF0D}' => '-',
        '\u{2044}' | '\u{2215}' | '\u{FF0F}' => '/',
        c if c.is_whitespace() => ' ',
        _ => '\u{1}',
    }
}
