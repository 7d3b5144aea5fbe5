//! Highlights as data: a text, the ranges of it that matched, and its sentences.
//!
//! The engine never writes HTML for a reader. A snippet or a quoted sentence is a
//! [`Highlighted`]: the stored text as it is, the byte ranges the query matched, the byte ranges
//! of its sentences (from [`crate::text::sentences`], the one splitter), and whether the text was
//! cut from a longer body. The web page links each sentence to the source, a terminal colours the
//! marks, exports take the plain text, and the API's `<mark>` form, kept for its clients, is one
//! more rendering ([`Highlighted::marked_html`]).
//!
//! Serialized (JSON), ranges are `[start, end]` pairs counted in Unicode characters (code points,
//! as Python indexes a `str`; the same as JavaScript's indexes for text without characters
//! beyond U+FFFF, which Vietnamese never needs), so a client can slice the text without
//! knowing UTF-8.
//!
//! ```
//! use tracuu_index::search::highlight::Highlighted;
//! let text = "Kiều bào ở nước ngoài & trong nước. Tỉnh ghi nhận.";
//! let at = text.find("nước").unwrap(); // byte 16, character 11
//! let h = Highlighted::new(text, vec![at..at + "nước ngoài".len()]);
//! assert_eq!(h.marked_html(), "Kiều bào ở <mark>nước ngoài</mark> &amp; trong nước. Tỉnh ghi nhận.");
//! assert_eq!(h.sentence_texts(), ["Kiều bào ở nước ngoài & trong nước.", "Tỉnh ghi nhận."]);
//! let parts: Vec<(&str, bool)> = h.parts(h.sentences[0].clone()).collect();
//! assert_eq!(parts, [("Kiều bào ở ", false), ("nước ngoài", true), (" & trong nước.", false)]);
//! let json = serde_json::to_value(&h).unwrap();
//! assert_eq!(json["marks"], serde_json::json!([[11, 21]]));
//! ```

use std::ops::Range;

use serde::ser::{SerializeStruct, Serializer};
use serde::{Deserialize, Deserializer, Serialize};

use crate::text::sentences::sentences;

/// A text with the query's matches and its sentences, as byte ranges of `text`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Highlighted {
    /// The text as stored: no HTML, nothing escaped.
    pub text: String,
    /// What the query matched: byte ranges of `text`, in order, not overlapping (matches
    /// separated only by spaces are one range: "Uỷ ban Nhà nước").
    pub marks: Vec<Range<usize>>,
    /// The sentences: byte ranges of `text`, in order; the first and last may be cut short when
    /// `cut_before` or `cut_after` say so.
    pub sentences: Vec<Range<usize>>,
    /// The text starts inside a longer one (a reader should see "…" before it).
    pub cut_before: bool,
    /// The text stops before the end of a longer one (a reader should see "…" after it).
    pub cut_after: bool,
}

impl Highlighted {
    /// A whole text with these marks; its sentences are found by the splitter. Marks out of the
    /// text, not on character boundaries, overlapping or out of order are dropped.
    pub fn new(text: &str, marks: Vec<Range<usize>>) -> Highlighted {
        Highlighted {
            text: text.to_string(),
            marks: clean_marks(text, marks),
            sentences: sentences(text),
            cut_before: false,
            cut_after: false,
        }
    }

    /// Whether anything is marked.
    pub fn has_marks(&self) -> bool {
        !self.marks.is_empty()
    }

    /// `text[range]` in pieces, each marked or not, in order (empty pieces left out).
    pub fn parts(&self, range: Range<usize>) -> Parts<'_> {
        let first = self.marks.partition_point(|m| m.end <= range.start);
        Parts {
            text: &self.text,
            marks: &self.marks[first..],
            at: range.start,
            end: range.end.min(self.text.len()),
        }
    }

    /// The text of each sentence.
    pub fn sentence_texts(&self) -> Vec<&str> {
        self.sentences
            .iter()
            .filter_map(|r| self.text.get(r.clone()))
            .collect()
    }

    /// The text as a reader sees it: "…" where it was cut.
    pub fn display_text(&self) -> String {
        let mut out = String::with_capacity(self.text.len() + 6);
        if self.cut_before {
            out.push('…');
        }
        out.push_str(&self.text);
        if self.cut_after {
            out.push('…');
        }
        out
    }

    /// The API's older form: "…" where cut, HTML-escaped, matches in `<mark>`.
    pub fn marked_html(&self) -> String {
        let mut out = String::with_capacity(self.text.len() + self.marks.len() * 13 + 6);
        if self.cut_before {
            out.push('…');
        }
        for (piece, marked) in self.parts(0..self.text.len()) {
            if marked {
                out.push_str("<mark>");
                escape_html(piece, &mut out);
                out.push_str("</mark>");
            } else {
                escape_html(piece, &mut out);
            }
        }
        if self.cut_after {
            out.push('…');
        }
        out
    }
}

/// Pieces of a range of a [`Highlighted`], with whether each is marked.
#[derive(Debug, Clone)]
pub struct Parts<'a> {
    text: &'a str,
    marks: &'a [Range<usize>],
    at: usize,
    end: usize,
}

impl<'a> Iterator for Parts<'a> {
    type Item = (&'a str, bool);

    fn next(&mut self) -> Option<(&'a str, bool)> {
        while self.at < self.end {
            let Some(mark) = self.marks.first() else {
                let piece = self.text.get(self.at..self.end)?;
                self.at = self.end;
                return Some((piece, false));
            };
            if mark.end <= self.at {
                self.marks = &self.marks[1..];
                continue;
            }
            if mark.start > self.at {
                let until = mark.start.min(self.end);
                let piece = self.text.get(self.at..until)?;
                self.at = until;
                return Some((piece, false));
            }
            let until = mark.end.min(self.end);
            let piece = self.text.get(self.at..until)?;
            self.at = until;
            return Some((piece, true));
        }
        None
    }
}

/// Marks inside the text, on character boundaries, in order and apart.
fn clean_marks(text: &str, mut marks: Vec<Range<usize>>) -> Vec<Range<usize>> {
    marks.retain(|m| {
        m.start < m.end
            && m.end <= text.len()
            && text.is_char_boundary(m.start)
            && text.is_char_boundary(m.end)
    });
    marks.sort_by_key(|m| m.start);
    let mut out: Vec<Range<usize>> = Vec::with_capacity(marks.len());
    for mark in marks {
        match out.last_mut() {
            Some(last) if mark.start < last.end => last.end = last.end.max(mark.end),
            _ => out.push(mark),
        }
    }
    out
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// Byte ranges of `text` as `[start, end]` character offsets, in one pass over the text.
pub fn char_ranges(text: &str, ranges: &[Range<usize>]) -> Vec<[usize; 2]> {
    let mut bounds: Vec<usize> = ranges.iter().flat_map(|r| [r.start, r.end]).collect();
    bounds.sort_unstable();
    bounds.dedup();
    let mut chars_at = Vec::with_capacity(bounds.len());
    let mut next = bounds.iter().peekable();
    let char_starts = text.char_indices().map(|(i, _)| i);
    for (count, byte) in char_starts.chain(std::iter::once(text.len())).enumerate() {
        while let Some(&&b) = next.peek() {
            if b > byte {
                break;
            }
            chars_at.push((b, count));
            next.next();
        }
    }
    let lookup = |b: usize| {
        chars_at
            .binary_search_by_key(&b, |(byte, _)| *byte)
            .map_or(0, |i| chars_at[i].1)
    };
    ranges
        .iter()
        .map(|r| [lookup(r.start), lookup(r.end)])
        .collect()
}

/// Character offsets back to byte ranges of `text` (`None` when one is out of the text).
fn byte_ranges(text: &str, ranges: &[[usize; 2]]) -> Option<Vec<Range<usize>>> {
    let starts: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect();
    ranges
        .iter()
        .map(|[s, e]| Some(*starts.get(*s)?..*starts.get(*e)?))
        .collect()
}

impl Serialize for Highlighted {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Highlighted", 5)?;
        s.serialize_field("text", &self.text)?;
        s.serialize_field("marks", &char_ranges(&self.text, &self.marks))?;
        s.serialize_field("sentences", &char_ranges(&self.text, &self.sentences))?;
        s.serialize_field("cut_before", &self.cut_before)?;
        s.serialize_field("cut_after", &self.cut_after)?;
        s.end()
    }
}

#[derive(Deserialize)]
struct Wire {
    text: String,
    #[serde(default)]
    marks: Vec<[usize; 2]>,
    #[serde(default)]
    sentences: Vec<[usize; 2]>,
    #[serde(default)]
    cut_before: bool,
    #[serde(default)]
    cut_after: bool,
}

impl<'de> Deserialize<'de> for Highlighted {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let wire = Wire::deserialize(deserializer)?;
        let out_of_text = || serde::de::Error::custom("a range is outside the text");
        let marks = byte_ranges(&wire.text, &wire.marks).ok_or_else(out_of_text)?;
        let sentences = byte_ranges(&wire.text, &wire.sentences).ok_or_else(out_of_text)?;
        Ok(Highlighted {
            marks: clean_marks(&wire.text, marks),
            sentences,
            text: wire.text,
            cut_before: wire.cut_before,
            cut_after: wire.cut_after,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_follow_marks_across_sentences() {
        // Seed 001: the two sentences around "Uỷ ban Nhà nước".
        let text =
            "Năm 2023, công tác NVNONN đạt kết quả. Ban phối hợp với Uỷ ban Nhà nước về NVNONN.";
        let start = text.find("Uỷ ban").unwrap_or(0);
        let end = start + "Uỷ ban Nhà nước".len();
        let uy_ban = start..end;
        let h = Highlighted::new(text, vec![uy_ban]);
        assert_eq!(h.sentences.len(), 2);
        let first: Vec<(&str, bool)> = h.parts(h.sentences[0].clone()).collect();
        assert_eq!(first, [("Năm 2023, công tác NVNONN đạt kết quả.", false)]);
        let second: Vec<(&str, bool)> = h.parts(h.sentences[1].clone()).collect();
        assert_eq!(
            second,
            [
                ("Ban phối hợp với ", false),
                ("Uỷ ban Nhà nước", true),
                (" về NVNONN.", false)
            ]
        );
    }

    #[test]
    fn json_offsets_count_characters_and_come_back() {
        let text = "Người Việt ở nước ngoài.";
        let start = text.find("nước").unwrap_or(0);
        let mut h = Highlighted::new(
            text,
            vec![
                0..text.find(' ').unwrap_or(0),
                start..start + "nước ngoài".len(),
            ],
        );
        h.cut_after = true;
        let json = serde_json::to_value(&h).unwrap_or_default();
        assert_eq!(json["marks"], serde_json::json!([[0, 5], [13, 23]]));
        assert_eq!(json["sentences"], serde_json::json!([[0, 24]]));
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(chars[13..23].iter().collect::<String>(), "nước ngoài");
        let back: Highlighted = serde_json::from_value(json).unwrap_or_default();
        assert_eq!(back, h);
        let bad = serde_json::json!({"text": "ab", "marks": [[0, 9]]});
        assert!(serde_json::from_value::<Highlighted>(bad).is_err());
    }

    #[test]
    fn bad_marks_are_dropped_and_the_html_is_escaped() {
        let text = "A <b> & “Đà Nẵng”";
        let d = text.find('Đ').unwrap_or(0);
        // Inside a character, out of the text, empty: dropped. Overlapping: merged.
        let h = Highlighted::new(text, vec![d + 1..d + 3, 0..1, 40..50, 5..5, 2..4, 3..5]);
        assert_eq!(h.marks, vec![0..1, 2..5]);
        assert_eq!(
            h.marked_html(),
            "<mark>A</mark> <mark>&lt;b&gt;</mark> &amp; “Đà Nẵng”"
        );
        assert_eq!(h.display_text(), text);
    }
}
