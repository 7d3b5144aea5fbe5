//! Reading the engine's highlighted text (`… <mark>người</mark> Việt …`) back into plain spans.
//!
//! The engine returns titles and snippets HTML-escaped with matches wrapped in `<mark>`. The web
//! page re-renders them itself (splitting snippets into linked sentences), and the exports want
//! plain text, so both start from these spans instead of trusting or regex-editing HTML.
//!
//! ```
//! use tracuu_serve::highlight::{parse_highlighted, plain_text};
//! let spans = parse_highlighted("Kiều bào &amp; <mark>người</mark> Việt");
//! assert_eq!(spans[1].text, "người");
//! assert!(spans[1].marked);
//! assert_eq!(plain_text("Kiều bào &amp; <mark>người</mark> Việt"), "Kiều bào & người Việt");
//! ```

/// A run of text, highlighted or not, with entities decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// The text as a reader sees it.
    pub text: String,
    /// Whether the run matched the query.
    pub marked: bool,
}

/// Splits highlighted HTML into spans; any tag other than `<mark>`/`</mark>` is kept as text.
pub fn parse_highlighted(html: &str) -> Vec<Span> {
    let mut spans: Vec<Span> = Vec::new();
    let mut marked = false;
    let mut rest = html;
    loop {
        let tag = if marked { "</mark>" } else { "<mark>" };
        match rest.find(tag) {
            Some(i) => {
                push(&mut spans, &rest[..i], marked);
                marked = !marked;
                rest = &rest[i + tag.len()..];
            }
            None => {
                push(&mut spans, rest, marked);
                break;
            }
        }
    }
    spans
}

fn push(spans: &mut Vec<Span>, escaped: &str, marked: bool) {
    if escaped.is_empty() {
        return;
    }
    let text = html_escape::decode_html_entities(escaped).into_owned();
    match spans.last_mut() {
        Some(last) if last.marked == marked => last.text.push_str(&text),
        _ => spans.push(Span { text, marked }),
    }
}

/// The highlighted HTML as plain text: marks dropped, entities decoded.
pub fn plain_text(html: &str) -> String {
    parse_highlighted(html)
        .into_iter()
        .map(|s| s.text)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_and_entities_become_spans() {
        let spans =
            parse_highlighted("<mark>Người</mark> Việt Nam ở <mark>nước</mark> &quot;ngoài&quot;");
        let got: Vec<(&str, bool)> = spans.iter().map(|s| (s.text.as_str(), s.marked)).collect();
        assert_eq!(
            got,
            vec![
                ("Người", true),
                (" Việt Nam ở ", false),
                ("nước", true),
                (" \"ngoài\"", false)
            ]
        );
    }

    #[test]
    fn other_tags_stay_text_and_unclosed_marks_still_end() {
        assert_eq!(plain_text("a &lt;b&gt; <mark>c"), "a <b> c");
        let spans = parse_highlighted("<mark>c");
        assert_eq!(
            spans,
            vec![Span {
                text: "c".into(),
                marked: true
            }]
        );
    }
}
