//! Turning the chosen elements into clean paragraphs of text.
//!
//! Walks the content elements, dropping what Readability's "clean conditionally" step drops
//! (link lists, image blocks with a caption, tables and lists of links, short form-like blocks),
//! and starts a new paragraph at every block boundary. Then the paragraphs go through the
//! Vietnamese line filters: stock chrome lines vanish and a related-news heading ends the body.

use ego_tree::NodeId;
use ego_tree::iter::Edge;
use scraper::{Html, Node};

use super::boilerplate::{NEGATIVE, POSITIVE, is_end_marker, is_stock_line};
use super::date::parse_vietnamese_date;
use super::dom::{PageStats, Stats, is_block_tag};

/// One paragraph of output, with what it was made of (for the line filters).
#[derive(Debug, Default, Clone)]
pub struct Paragraph {
    /// The text, whitespace collapsed.
    pub text: String,
    /// Characters of it that were link text.
    pub link_chars: usize,
    /// The tag of the block it came from (`p`, `h2`, `li`, `td`…).
    pub tag: String,
    /// Whether it directly follows an image-only block (captions sit there).
    pub after_image: bool,
    /// Whether all its text was emphasised (`em`, `i`) or centred, as captions are.
    pub emphasised: bool,
}

fn class_weight(element: &scraper::node::Element) -> i32 {
    let mut weight = 0;
    for name in [element.attr("class"), element.attr("id")]
        .into_iter()
        .flatten()
    {
        if NEGATIVE.is_match(name) {
            weight -= 25;
        }
        if POSITIVE.is_match(name) {
            weight += 25;
        }
    }
    weight
}

/// Readability's conditional cleaning, for one block inside the content.
fn is_junk_block(element: &scraper::node::Element, s: &Stats) -> bool {
    let tag = element.name();
    if !matches!(
        tag,
        "div"
            | "section"
            | "table"
            | "ul"
            | "ol"
            | "form"
            | "fieldset"
            | "figure"
            | "p"
            | "td"
            | "center"
    ) {
        return false;
    }
    if tag == "figure" {
        return true;
    }
    let weight = class_weight(element);
    if weight < 0 {
        return true;
    }
    let density = s.link_density();
    // Long running prose is never chrome, whatever its images or class say.
    if s.text >= 400 && density < 0.2 && s.images <= s.paragraphs + 2 {
        return false;
    }
    // Images with at most a caption: photo blocks of portals, figures without <figure>.
    if s.images > 0 && s.text < 150 && s.paragraphs <= 1 {
        return true;
    }
    if tag == "p" || tag == "td" {
        return s.text > 0 && density > 0.6;
    }
    if s.commas >= 10 {
        return false;
    }
    let list = matches!(tag, "ul" | "ol");
    (s.images > 1 && (s.paragraphs as f32) / (s.images as f32) < 0.5)
        || (!list && s.items > s.paragraphs + 3 && density > 0.2)
        || (s.inputs > s.paragraphs / 3 + 1)
        || (s.text < 25 && s.images == 0 && s.text > 0 && density > 0.5)
        || (weight < 25 && density > 0.25 + if list { 0.15 } else { 0.0 })
        || (weight >= 25 && density > 0.5)
}

struct Writer {
    paragraphs: Vec<Paragraph>,
    current: String,
    link_chars: usize,
    emphasis_chars: usize,
    block_tag: String,
    pending_space: bool,
    after_image: bool,
}

impl Writer {
    fn new() -> Self {
        Writer {
            paragraphs: Vec::new(),
            current: String::new(),
            link_chars: 0,
            emphasis_chars: 0,
            block_tag: String::from("p"),
            pending_space: false,
            after_image: false,
        }
    }

    fn text(&mut self, text: &str, in_link: bool, emphasised: bool) {
        for c in text.chars() {
            if c.is_whitespace() {
                self.pending_space = !self.current.is_empty();
                continue;
            }
            if self.pending_space {
                self.current.push(' ');
                self.pending_space = false;
            }
            self.current.push(c);
            if in_link {
                self.link_chars += 1;
            }
            if emphasised {
                self.emphasis_chars += 1;
            }
        }
    }

    fn flush(&mut self) {
        let text = std::mem::take(&mut self.current);
        let chars = text.chars().filter(|c| !c.is_whitespace()).count();
        if !text.is_empty() {
            self.paragraphs.push(Paragraph {
                emphasised: chars > 0 && self.emphasis_chars * 10 >= chars * 9,
                text,
                link_chars: self.link_chars,
                tag: self.block_tag.clone(),
                after_image: self.after_image,
            });
            self.after_image = false;
        }
        self.link_chars = 0;
        self.emphasis_chars = 0;
        self.pending_space = false;
    }
}

/// Renders the content roots into paragraphs, cleaning as it goes.
///
/// `clean_conditionally` off keeps every block that is not chrome (the last-resort pass).
pub fn render(
    html: &Html,
    stats: &PageStats,
    roots: &[NodeId],
    clean_conditionally: bool,
) -> Vec<Paragraph> {
    let mut writer = Writer::new();
    for &root_id in roots {
        let Some(root) = html.tree.get(root_id) else {
            continue;
        };
        let mut skip_until: Option<NodeId> = None;
        let mut link_depth = 0usize;
        let mut emphasis_depth = 0usize;
        for edge in root.traverse() {
            match edge {
                Edge::Open(node) => {
                    if skip_until.is_some() {
                        continue;
                    }
                    match node.value() {
                        Node::Element(element) => {
                            let tag = element.name();
                            let s = stats.get(node.id());
                            if s.skipped
                                || (clean_conditionally
                                    && node.id() != root_id
                                    && is_junk_block(element, &s))
                            {
                                if s.images > 0 && s.text < 150 {
                                    writer.flush();
                                    writer.after_image = true;
                                }
                                skip_until = Some(node.id());
                                continue;
                            }
                            match tag {
                                "a" => link_depth += 1,
                                "em" | "i" => emphasis_depth += 1,
                                "img" => {
                                    writer.flush();
                                    writer.after_image = true;
                                }
                                _ => {}
                            }
                            if is_block_tag(tag) {
                                writer.flush();
                                writer.block_tag = tag.to_string();
                                if element.attr("style").is_some_and(|st| {
                                    st.replace(' ', "").contains("text-align:center")
                                }) {
                                    emphasis_depth += 1;
                                }
                            }
                        }
                        Node::Text(text) => writer.text(text, link_depth > 0, emphasis_depth > 0),
                        _ => {}
                    }
                }
                Edge::Close(node) => {
                    if let Some(until) = skip_until {
                        if until == node.id() {
                            skip_until = None;
                        }
                        continue;
                    }
                    if let Node::Element(element) = node.value() {
                        let tag = element.name();
                        match tag {
                            "a" => link_depth = link_depth.saturating_sub(1),
                            "em" | "i" => emphasis_depth = emphasis_depth.saturating_sub(1),
                            _ => {}
                        }
                        if is_block_tag(tag) {
                            writer.flush();
                            if element
                                .attr("style")
                                .is_some_and(|st| st.replace(' ', "").contains("text-align:center"))
                            {
                                emphasis_depth = emphasis_depth.saturating_sub(1);
                            }
                        }
                    }
                }
            }
        }
        writer.flush();
    }
    writer.paragraphs
}

/// Applies the line filters: chrome lines, link-only lines, captions, and the related-news cut.
pub fn clean_paragraphs(paragraphs: Vec<Paragraph>, title: &str) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = Vec::with_capacity(paragraphs.len());
    let title_folded = title.trim().to_lowercase();
    for paragraph in paragraphs {
        let text = paragraph.text.trim();
        if is_end_marker(text) {
            break;
        }
        if is_stock_line(text) {
            continue;
        }
        let chars = text.chars().count();
        if paragraph.link_chars * 2 > chars
            && chars < 160
            && !matches!(paragraph.tag.as_str(), "li")
        {
            continue;
        }
        if paragraph.tag == "li" && paragraph.link_chars * 10 > chars * 9 {
            continue;
        }
        if out.len() < 4 && !title_folded.is_empty() && text.to_lowercase() == title_folded {
            continue;
        }
        // A date line near the top ("Đăng ngày 05-11-2021 02:51") is metadata, not text.
        if out.len() < 4 && chars < 50 && parse_vietnamese_date(text).is_some() {
            continue;
        }
        if paragraph.tag == "h1" && text.to_lowercase() == title_folded {
            continue;
        }
        // A short emphasised line right under a photo is its caption.
        if paragraph.after_image && paragraph.emphasised && chars < 200 {
            continue;
        }
        out.push(paragraph);
    }
    // Short lines before the first real paragraph are kicker, byline and date lines.
    let first_prose = out
        .iter()
        .position(|p| p.text.chars().count() >= 100)
        .unwrap_or(0);
    let mut index = 0;
    out.retain(|p| {
        let keep = index >= first_prose.min(3)
            || p.text.chars().count() >= 50
            || p.text.ends_with(['.', '!', '?', ':']);
        index += 1;
        keep
    });
    out
}
