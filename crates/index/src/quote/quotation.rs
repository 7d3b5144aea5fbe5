//! Quotations: where a quoted passage opens and closes, across sentences and paragraphs.
//!
//! A quotation may run over several sentences and paragraphs ("“Những ngày đầu đi hát, tôi
//! hát không có thù lao. … Những đồng cát-sê đầu tiên …”, Lam Trường nói."), so a sentence
//! inside one is said by whoever the quotation is attributed to. Curly quotes nest; a straight
//! `"` closes an open straight quote and opens otherwise. A paragraph that starts with a quote
//! mark while a quotation is open continues it (the English and Vietnamese convention for a
//! quotation over paragraphs), and a quotation never closed ends where the text read ends.

use std::ops::Range;

/// How far before a sentence quotations are read from (a paragraph start at most this far).
pub(crate) const LOOK_BACK_BYTES: usize = 3000;
/// How far after a sentence a quotation's closing mark is looked for.
pub(crate) const LOOK_AHEAD_BYTES: usize = 2000;

/// One quotation: the bytes of its opening mark's start and of its closing mark's end (the end
/// of the text read when it never closes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Quotation {
    /// Where the opening mark starts.
    pub open: usize,
    /// Where the closing mark ends, if it closes within the text read.
    pub close: Option<usize>,
    /// The end of what was read.
    pub end: usize,
}

impl Quotation {
    /// The bytes inside the marks.
    pub fn inside(&self, text: &str) -> Range<usize> {
        let from = text[self.open..]
            .chars()
            .next()
            .map_or(self.open, |c| self.open + c.len_utf8());
        let to = match self.close {
            Some(close) => text[..close]
                .chars()
                .next_back()
                .map_or(close, |c| close - c.len_utf8()),
            None => self.end,
        };
        from..to.max(from)
    }
}

/// The outermost quotations in `text[window]`.
pub(crate) fn quotations(text: &str, window: Range<usize>) -> Vec<Quotation> {
    let mut found = Vec::new();
    // Open marks: (byte, straight?)
    let mut open: Vec<(usize, bool)> = Vec::new();
    let mut line_start = true;
    let slice = &text[window.clone()];
    for (offset, c) in slice.char_indices() {
        let at = window.start + offset;
        if c == '\n' || c == '\r' || c == '\u{2029}' {
            line_start = true;
            continue;
        }
        if c.is_whitespace() {
            continue;
        }
        let starts_line = std::mem::replace(&mut line_start, false);
        let opening = match c {
            '“' | '„' | '«' => true,
            '”' | '»' => false,
            '"' => !open.last().is_some_and(|(_, straight)| *straight),
            _ => continue,
        };
        if opening && starts_line && !open.is_empty() {
            // A paragraph opening again inside an open quotation continues it.
            continue;
        }
        if opening {
            open.push((at, c == '"'));
        } else if let Some((start, _)) = open.pop()
            && open.is_empty()
        {
            found.push(Quotation {
                open: start,
                close: Some(at + c.len_utf8()),
                end: at + c.len_utf8(),
            });
        }
    }
    if let Some(&(start, _)) = open.first() {
        found.push(Quotation {
            open: start,
            close: None,
            end: window.end,
        });
    }
    found
}

/// Where the read window around `sentence` starts: a paragraph start at most
/// [`LOOK_BACK_BYTES`] before it (or a space, when the paragraph is longer).
pub(crate) fn window_start(text: &str, sentence: &Range<usize>) -> usize {
    let floor = sentence.start.saturating_sub(LOOK_BACK_BYTES);
    let mut floor_at = floor;
    while !text.is_char_boundary(floor_at) {
        floor_at += 1;
    }
    let head = &text[floor_at..sentence.start];
    if floor_at == 0 {
        return 0;
    }
    match head.find('\n') {
        Some(i) => floor_at + i + 1,
        None => head
            .find(char::is_whitespace)
            .map_or(sentence.start, |i| floor_at + i),
    }
}

/// Where the read window after `sentence` ends: at most [`LOOK_AHEAD_BYTES`] after it, at a
/// character boundary.
pub(crate) fn window_end(text: &str, sentence: &Range<usize>) -> usize {
    let mut end = (sentence.end + LOOK_AHEAD_BYTES).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    end
}

/// The quotation that holds most of `sentence`, if one does.
pub(crate) fn holding(text: &str, sentence: &Range<usize>) -> Option<Quotation> {
    let window = window_start(text, sentence)..window_end(text, sentence);
    quotations(text, window).into_iter().find(|q| {
        let inside = q.inside(text);
        let overlap = inside
            .end
            .min(sentence.end)
            .saturating_sub(inside.start.max(sentence.start));
        overlap * 10 >= sentence.len() * 6
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quotation_over_paragraphs_holds_its_later_sentences() {
        // Shared news (dantri), a singer's memories over three paragraphs.
        let text = "Lam Trường chia sẻ về quãng thời gian mới đi hát.\n“Những ngày đầu đi hát, tôi hát không có thù lao.\nNgười ta nói rằng “cái cậu ca sĩ trẻ đó nhìn nhí nhố quá”.\nNhững đồng cát-sê đầu tiên, tôi được cầm trên tay là 20.000 đồng.";
        let start = text.find("Những đồng").unwrap_or(0);
        let q = holding(text, &(start..text.len()));
        assert_eq!(q.map(|q| q.open), text.find('“'));
        // The first sentence is outside any quotation.
        assert_eq!(holding(text, &(0..text.find('\n').unwrap_or(0))), None);
    }

    #[test]
    fn straight_quotes_pair_and_short_ones_hold_nothing() {
        let text = "Vào thời điểm đó phía Indonesia ngưng nhập khẩu nên rơi vào tình trạng \"dội\" chợ. \"Gần như chắc chắn là như vậy\", Kristian Andersen nhận định.";
        let qs = quotations(text, 0..text.len());
        assert_eq!(qs.len(), 2);
        assert!(qs.iter().all(|q| q.close.is_some()));
        let first = 0..text.find("chợ.").map_or(0, |i| i + "chợ.".len());
        assert_eq!(holding(text, &first), None, "a scare quote is not speech");
        assert_eq!(&text[qs[1].inside(text)], "Gần như chắc chắn là như vậy");
    }
}
