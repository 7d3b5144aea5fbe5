//! The syllables of the text last analysed exact on this thread, kept so the other passes over the
//! same text replay them instead of segmenting it again.
//!
//! Every text is indexed four times: exact syllables, folded syllables, folded word pairs and
//! exact word pairs (the schema's field order puts `title`, `title_folded`, `title_pairs`,
//! `title_pairs_exact` one after the other, and Tantivy indexes a document's fields in that
//! order); the second pair pass also reuses the pairs the first one looked up. The exact pass
//! records each syllable's range, both forms and whether it is joined to the one before
//! ([`joins`]); the later passes take the record when their text is the same one.
//!
//! A record is only replayed when the exact pass reached the end of the text, so a stream dropped
//! early never leaves half a record behind.

use std::cell::RefCell;
use std::collections::hash_map::Entry;
use std::hash::Hasher;
use std::ops::Range;

use rustc_hash::{FxHashMap, FxHasher};

use super::words::{Lexicon, syllable_hash};

/// One recorded syllable.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Recorded {
    /// Byte range in the text.
    pub from: usize,
    /// End of the byte range in the text.
    pub to: usize,
    /// End of its folded form in the folded arena.
    folded_end: usize,
    /// End of its exact form in the exact arena.
    exact_end: usize,
    /// Its folded form's [`syllable_hash`], for the pair look-ups.
    folded_hash: u64,
    /// Next to the syllable before it (same word possible), see [`joins`].
    pub joined: bool,
}

/// The syllables of one text, in both forms.
#[derive(Debug, Default)]
pub(crate) struct SyllableRecord {
    /// The text the syllables belong to; a replay only happens for an equal text.
    text: String,
    folded: String,
    exact: String,
    /// The syllables in order.
    pub syllables: Vec<Recorded>,
    /// The exact pass reached the end of the text.
    pub complete: bool,
    /// Where the text's stored word pairs end (the index of each pair's second syllable), once
    /// a pair pass has looked them up: the other pair pass over the same text reuses them.
    pair_ends: Vec<u32>,
    /// `pair_ends` holds this text's pairs.
    pairs_found: bool,
}

impl SyllableRecord {
    /// Starts recording `text` afresh, keeping the buffers.
    pub fn reset(&mut self, text: &str) {
        self.text.clear();
        self.text.push_str(text);
        self.folded.clear();
        self.exact.clear();
        self.syllables.clear();
        self.complete = false;
        self.pair_ends.clear();
        self.pairs_found = false;
    }

    /// The arena the next folded form is written into; call [`SyllableRecord::push`] after it.
    pub fn folded_arena(&mut self) -> &mut String {
        &mut self.folded
    }

    /// Records a syllable whose folded form was just written into [`Self::folded_arena`];
    /// `joined`: [`joins`] of the text between it and the syllable before (false for the first).
    pub fn push(&mut self, range: Range<usize>, exact: &str, joined: bool) {
        self.exact.push_str(exact);
        let folded_start = self.syllables.last().map_or(0, |s| s.folded_end);
        self.syllables.push(Recorded {
            from: range.start,
            to: range.end,
            folded_end: self.folded.len(),
            exact_end: self.exact.len(),
            folded_hash: syllable_hash(&self.folded[folded_start..]),
            joined,
        });
    }

    /// The folded form of syllable `i`.
    pub fn folded(&self, i: usize) -> &str {
        let start = if i == 0 {
            0
        } else {
            self.syllables[i - 1].folded_end
        };
        &self.folded[start..self.syllables[i].folded_end]
    }

    /// The exact form of syllable `i`.
    pub fn exact(&self, i: usize) -> &str {
        let start = if i == 0 {
            0
        } else {
            self.syllables[i - 1].exact_end
        };
        &self.exact[start..self.syllables[i].exact_end]
    }

    /// The syllables that end a stored word pair of the text, joined to the one before and
    /// together a word of `lexicon` or part of one ([`Lexicon::has_pair`], by the syllables'
    /// hashes); looked up once per text.
    pub fn pair_ends(&mut self, lexicon: &Lexicon) -> &[u32] {
        if !self.pairs_found {
            let mut ends = std::mem::take(&mut self.pair_ends);
            for i in 1..self.syllables.len() {
                let (before, this) = (&self.syllables[i - 1], &self.syllables[i]);
                if this.joined && lexicon.has_hashed_pair(before.folded_hash, this.folded_hash) {
                    ends.push(i as u32);
                }
            }
            self.pair_ends = ends;
            self.pairs_found = true;
        }
        &self.pair_ends
    }

    /// Whether syllable `i` carries a mark (its exact form is not its folded one).
    pub fn is_marked(&self, i: usize) -> bool {
        self.exact(i) != self.folded(i)
    }

    /// Whether the exact form of syllable `i` is met for the first time in this text (`seen`
    /// holds the hashes of those met before, each with the syllable that had it).
    pub fn first_exact_syllable(&self, seen: &mut FxHashMap<u64, u32>, i: usize) -> bool {
        let mut hasher = FxHasher::default();
        hasher.write(self.exact(i).as_bytes());
        first_in_text(seen, hasher.finish(), i, |j| self.exact(j) == self.exact(i))
    }

    /// Whether the exact pair ending at syllable `i` is met for the first time in this text.
    pub fn first_exact_pair(&self, seen: &mut FxHashMap<u64, u32>, i: usize) -> bool {
        let mut hasher = FxHasher::default();
        hasher.write(self.exact(i - 1).as_bytes());
        hasher.write_u8(0xff);
        hasher.write(self.exact(i).as_bytes());
        first_in_text(seen, hasher.finish(), i, |j| {
            self.exact(j - 1) == self.exact(i - 1) && self.exact(j) == self.exact(i)
        })
    }

    fn is_complete_record_of(&self, text: &str) -> bool {
        self.complete && self.text == text
    }
}

/// Whether the item at `index`, hashed `hash`, is new in its text: `seen` maps the hashes met
/// before to the item that had each, and `same(j)` tells whether item `j` is this one. Equal
/// hashes of different items (possible, never seen) still count as new, so none is lost.
fn first_in_text(
    seen: &mut FxHashMap<u64, u32>,
    hash: u64,
    index: usize,
    same: impl FnOnce(usize) -> bool,
) -> bool {
    match seen.entry(hash) {
        Entry::Vacant(slot) => {
            slot.insert(index as u32);
            true
        }
        Entry::Occupied(slot) => !same(*slot.get() as usize),
    }
}

thread_local! {
    static LAST: RefCell<Option<Box<SyllableRecord>>> = const { RefCell::new(None) };
}

/// Takes the thread's record to write a new one into (or a fresh one).
pub(crate) fn take_for_recording() -> Box<SyllableRecord> {
    LAST.with(|cell| cell.borrow_mut().take())
        .unwrap_or_default()
}

/// Takes the thread's record when it is a complete record of `text`; leaves it otherwise.
pub(crate) fn take_record_of(text: &str) -> Option<Box<SyllableRecord>> {
    LAST.with(|cell| {
        let mut slot = cell.borrow_mut();
        match slot.take() {
            Some(record) if record.is_complete_record_of(text) => Some(record),
            other => {
                *slot = other;
                None
            }
        }
    })
}

/// Gives a record back to the thread, for the next pass over the same text.
pub(crate) fn put_back(record: Box<SyllableRecord>) {
    LAST.with(|cell| *cell.borrow_mut() = Some(record));
}

/// Whether two syllables separated by `separator` stand next to each other, so that together
/// they can be one word: within one sentence, with spaces between them (`nước ngoài`), a joining
/// character inside a written token (`TP.HCM`, `Covid-19`, `NQ/TW`), or punctuation inside the
/// sentence: "phòng, chống tham nhũng" is how the law writes "phòng chống tham nhũng". A full
/// stop, `!`, `?`, `…`, `;`, a line break or a tab ends the sentence or the list item: "… xã.
/// Hội nghị …" holds no "xã hội".
pub fn joins(separator: &str) -> bool {
    !separator.is_empty() && (joins_pieces(separator) || !separator.chars().any(ends_sentence))
}

/// Whether `gap` is the one character that joins the pieces of a written token (`TP.HCM`,
/// `KT-XH`, `GD&ĐT`, `NQ/TW`): a dot here is no sentence end.
pub(crate) fn joins_pieces(gap: &str) -> bool {
    let mut chars = gap.chars();
    matches!(
        (chars.next(), chars.next()),
        (Some('-' | '.' | '/' | '_' | '&'), None)
    )
}

fn ends_sentence(c: char) -> bool {
    matches!(
        c,
        '.' | '!'
            | '?'
            | '…'
            | ';'
            | '\n'
            | '\r'
            | '\t'
            | '\u{0B}'
            | '\u{0C}'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_join_within_a_sentence_and_break_at_its_end() {
        assert!(joins(" "));
        assert!(joins("  \u{a0}"));
        assert!(joins("."));
        assert!(joins("-"));
        assert!(joins(", "));
        assert!(joins(" “"));
        assert!(joins(" - "));
        assert!(!joins(". "));
        assert!(!joins("? "));
        assert!(!joins("; "));
        assert!(!joins("\n"));
        assert!(!joins("\t"));
        assert!(!joins(""));
    }
}
