//! Per-element statistics of a parsed page, gathered in one pass: the raw material of scoring.
//!
//! For every element we keep how much text it holds, how much of it is link text, its commas, and
//! how many paragraphs, images, list items and form inputs it contains. Subtrees that can never be
//! article text (scripts, navigation, hidden blocks, share bars…) are marked skipped and count for
//! nothing, so every later decision sees the page as a reader would.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use ego_tree::NodeId;
use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node, Selector};

use super::boilerplate::{CAPTION, MAYBE, UNLIKELY, is_skipped_role, is_skipped_tag};

/// What one element holds, skipped subtrees excluded.
#[derive(Debug, Default, Clone, Copy)]
pub struct Stats {
    /// Characters of visible text (whitespace runs count once).
    pub text: u32,
    /// Characters of that text inside links.
    pub link: u32,
    /// Commas, Latin and CJK, a sign of running prose.
    pub commas: u32,
    /// `<p>` descendants.
    pub paragraphs: u32,
    /// `<img>` descendants.
    pub images: u32,
    /// `<li>` descendants.
    pub items: u32,
    /// Form inputs and embeds among the descendants.
    pub inputs: u32,
    /// Whether some child is a block (`div`, `p`, `table`…), as Readability's div-to-p rule asks.
    pub has_block_child: bool,
    /// Whether the element was excluded as chrome.
    pub skipped: bool,
}

impl Stats {
    /// Share of the text that sits inside links, 0 for an empty element.
    pub fn link_density(&self) -> f32 {
        if self.text == 0 {
            0.0
        } else {
            self.link as f32 / self.text as f32
        }
    }

    fn add(&mut self, child: &Stats) {
        self.text += child.text;
        self.link += child.link;
        self.commas += child.commas;
        self.paragraphs += child.paragraphs;
        self.images += child.images;
        self.items += child.items;
        self.inputs += child.inputs;
    }
}

/// Statistics of every element of a page, keyed by node.
pub struct PageStats {
    stats: HashMap<NodeId, Stats>,
}

impl PageStats {
    /// The statistics of `id` (zero for text nodes and unknown ids).
    pub fn get(&self, id: NodeId) -> Stats {
        self.stats.get(&id).copied().unwrap_or_default()
    }

    /// Whether the element was excluded as chrome.
    pub fn is_skipped(&self, id: NodeId) -> bool {
        self.stats.get(&id).is_some_and(|s| s.skipped)
    }
}

/// Block-level tags: they end a paragraph of text.
pub fn is_block_tag(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "ul"
            | "ol"
            | "li"
            | "dl"
            | "dt"
            | "dd"
            | "table"
            | "tbody"
            | "thead"
            | "tfoot"
            | "tr"
            | "td"
            | "th"
            | "caption"
            | "blockquote"
            | "pre"
            | "hr"
            | "br"
            | "figure"
            | "address"
            | "center"
            | "form"
            | "fieldset"
            | "body"
            | "html"
    )
}

/// Tags whose presence as a child keeps a `div` from counting as a paragraph (Readability).
fn is_div_to_p_blocker(tag: &str) -> bool {
    matches!(
        tag,
        "blockquote"
            | "dl"
            | "div"
            | "img"
            | "ol"
            | "p"
            | "pre"
            | "table"
            | "ul"
            | "section"
            | "article"
    )
}

/// The element's `class` and `id` joined, for pattern matching.
pub fn class_and_id(element: &scraper::node::Element) -> String {
    let mut out = String::new();
    if let Some(class) = element.attr("class") {
        out.push_str(class);
    }
    if let Some(id) = element.attr("id") {
        out.push(' ');
        out.push_str(id);
    }
    out
}

fn is_hidden(element: &scraper::node::Element) -> bool {
    if element.attr("hidden").is_some() || element.attr("aria-hidden") == Some("true") {
        return true;
    }
    element.attr("style").is_some_and(|style| {
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        style.contains("display:none") || style.contains("visibility:hidden")
    })
}

/// True when an element and its subtree are chrome, not content.
pub fn is_chrome(
    element: &scraper::node::Element,
    extra_removals: &[scraper::Selector],
    node: ElementRef<'_>,
    strip_unlikely: bool,
) -> bool {
    let tag = element.name();
    if is_skipped_tag(tag) || is_hidden(element) {
        return true;
    }
    if element.attr("role").is_some_and(is_skipped_role) {
        return true;
    }
    if extra_removals.iter().any(|sel| sel.matches(&node)) {
        return true;
    }
    if !strip_unlikely || matches!(tag, "body" | "html" | "a" | "article" | "main") {
        return false;
    }
    let names = class_and_id(element);
    if names.is_empty() {
        return false;
    }
    if CAPTION.is_match(&names) {
        return true;
    }
    UNLIKELY.is_match(&names) && !MAYBE.is_match(&names)
}

/// Counts whitespace-collapsed characters and commas of a text node.
pub(crate) fn measure_text(text: &str) -> (u32, u32) {
    let mut chars = 0u32;
    let mut commas = 0u32;
    let mut in_space = true;
    for c in text.chars() {
        if c.is_whitespace() {
            if !in_space {
                chars += 1;
                in_space = true;
            }
        } else {
            chars += 1;
            in_space = false;
            if matches!(c, ',' | '，' | '、' | '،') {
                commas += 1;
            }
        }
    }
    (chars, commas)
}

/// Tags that never render text a reader sees, whatever the page's layout.
fn is_invisible_tag(tag: &str) -> bool {
    matches!(
        tag,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "head"
            | "title"
            | "select"
            | "option"
            | "textarea"
            | "button"
            | "input"
            | "iframe"
            | "object"
            | "embed"
            | "canvas"
            | "video"
            | "audio"
            | "map"
    )
}

static ARTICLE: LazyLock<Selector> = LazyLock::new(|| {
    Selector::parse("article, [itemprop=articleBody]")
        .unwrap_or_else(|err| unreachable!("static selector: {err}"))
});

/// How far up from the page's one article its wrappers are protected.
const MAX_PROTECTED_LINEAGE: usize = 64;

/// The wrappers of the page's one `<article>` (or `itemprop=articleBody`): a class name such as
/// `cc-newsletter` on them must not make the article chrome. Pages with several articles (teaser
/// cards in related boxes) protect nothing.
fn article_lineage(html: &Html) -> HashSet<NodeId> {
    let mut found = html.select(&ARTICLE);
    let (Some(only), None) = (found.next(), found.next()) else {
        return HashSet::new();
    };
    only.ancestors()
        .take(MAX_PROTECTED_LINEAGE)
        .map(|a| a.id())
        .collect()
}

/// Gathers [`Stats`] for every element below `root` in one traversal.
///
/// With `strip_unlikely` off, only tags, hidden blocks and roles mark chrome, not class names: the
/// retry for pages whose whole layout wrapper has an unlucky class such as `extra` or `popup`.
pub fn gather(
    html: &Html,
    extra_removals: &[scraper::Selector],
    strip_unlikely: bool,
) -> PageStats {
    gather_with(html, extra_removals, strip_unlikely, false)
}

/// The last retry's statistics: only what can never be seen (scripts, styles, form controls) is
/// chrome. For pages that wrap everything in an unclosed `<aside>` or `<nav>`, or stream their
/// article into a `hidden` block for a script to reveal.
pub fn gather_loose(html: &Html, extra_removals: &[scraper::Selector]) -> PageStats {
    gather_with(html, extra_removals, false, true)
}

fn gather_with(
    html: &Html,
    extra_removals: &[scraper::Selector],
    strip_unlikely: bool,
    loose: bool,
) -> PageStats {
    let protected = if strip_unlikely && !loose {
        article_lineage(html)
    } else {
        HashSet::new()
    };
    let mut stats: HashMap<NodeId, Stats> = HashMap::with_capacity(2048);
    // Accumulators of the open elements; the top is the innermost.
    let mut stack: Vec<(NodeId, Stats)> = Vec::with_capacity(64);
    let mut skip_depth = 0usize;
    let mut link_depth = 0usize;
    for edge in html.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(element) => {
                    let chrome = skip_depth > 0
                        || ElementRef::wrap(node).is_some_and(|el| {
                            if loose {
                                is_invisible_tag(element.name())
                                    || extra_removals.iter().any(|sel| sel.matches(&el))
                            } else {
                                let by_class = strip_unlikely && !protected.contains(&node.id());
                                is_chrome(element, extra_removals, el, by_class)
                            }
                        });
                    if chrome {
                        skip_depth += 1;
                    }
                    if element.name() == "a" {
                        link_depth += 1;
                    }
                    stack.push((
                        node.id(),
                        Stats {
                            skipped: chrome,
                            ..Stats::default()
                        },
                    ));
                }
                Node::Text(text) if skip_depth == 0 => {
                    let (chars, commas) = measure_text(text);
                    if let Some((_, top)) = stack.last_mut() {
                        top.text += chars;
                        top.commas += commas;
                        if link_depth > 0 {
                            top.link += chars;
                        }
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                let Node::Element(element) = node.value() else {
                    continue;
                };
                let Some((id, mut own)) = stack.pop() else {
                    continue;
                };
                let tag = element.name();
                if tag == "a" {
                    link_depth = link_depth.saturating_sub(1);
                }
                if own.skipped {
                    skip_depth = skip_depth.saturating_sub(1);
                    let zero = Stats {
                        skipped: true,
                        ..Stats::default()
                    };
                    stats.insert(id, zero);
                    if let Some((_, parent)) = stack.last_mut() {
                        parent.has_block_child |= is_div_to_p_blocker(tag);
                    }
                    continue;
                }
                match tag {
                    "p" => own.paragraphs += 1,
                    "div" if !own.has_block_child && own.text > 0 => own.paragraphs += 1,
                    "img" => own.images += 1,
                    "li" => own.items += 1,
                    "input" | "embed" | "object" | "iframe" => own.inputs += 1,
                    _ => {}
                }
                if let Some((_, parent)) = stack.last_mut() {
                    parent.add(&own);
                    parent.has_block_child |= is_div_to_p_blocker(tag);
                }
                stats.insert(id, own);
            }
        }
    }
    PageStats { stats }
}
