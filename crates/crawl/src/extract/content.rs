//! Finding the element that holds the article: Readability's scoring, on [`PageStats`].
//!
//! Every paragraph-like element with at least 25 characters scores 1 + its commas + one point per
//! 100 characters (at most 3), and passes that score up to its parent (in full), grandparent
//! (half) and three more ancestors (a third of the level each). An ancestor starts from a base
//! that depends on its tag and on whether its class/id looks like content or chrome. The best
//! candidate, discounted by its link density, wins; siblings that score close to it, or are
//! plain prose, join it (articles are often split across sibling blocks).

use std::collections::HashMap;

use ego_tree::{NodeId, NodeRef};
use scraper::{Html, Node};

use super::boilerplate::{NEGATIVE, POSITIVE};
use super::dom::PageStats;

/// Ids of the elements that make up the article, in document order.
pub type ContentRoots = Vec<NodeId>;

fn class_weight(element: &scraper::node::Element) -> f32 {
    let mut weight = 0.0;
    for name in [element.attr("class"), element.attr("id")]
        .into_iter()
        .flatten()
    {
        if NEGATIVE.is_match(name) {
            weight -= 25.0;
        }
        if POSITIVE.is_match(name) {
            weight += 25.0;
        }
    }
    weight
}

fn base_score(element: &scraper::node::Element) -> f32 {
    let tag_score = match element.name() {
        "div" | "article" | "section" | "main" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    };
    tag_score + class_weight(element)
}

fn is_scored_tag(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "td" | "pre" | "section" | "h2" | "h3" | "h4" | "h5" | "h6"
    )
}

fn element(node: NodeRef<'_, Node>) -> Option<&scraper::node::Element> {
    match node.value() {
        Node::Element(element) => Some(element),
        _ => None,
    }
}

/// Chooses the article's elements; falls back to `<body>` when nothing scores.
pub fn find_content(html: &Html, stats: &PageStats) -> ContentRoots {
    let mut scores: HashMap<NodeId, f32> = HashMap::new();
    for node in html.tree.root().descendants() {
        let Some(el) = element(node) else { continue };
        let tag = el.name();
        let own = stats.get(node.id());
        if own.skipped || own.text < 25 {
            continue;
        }
        let paragraph_like = is_scored_tag(tag) || (tag == "div" && !own.has_block_child);
        if !paragraph_like || node.ancestors().any(|a| stats.is_skipped(a.id())) {
            continue;
        }
        let score = 1.0 + own.commas as f32 + (own.text as f32 / 100.0).floor().min(3.0);
        for (level, ancestor) in node.ancestors().take(5).enumerate() {
            let Some(anc) = element(ancestor) else { break };
            if matches!(anc.name(), "html") {
                break;
            }
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                n => n as f32 * 3.0,
            };
            *scores
                .entry(ancestor.id())
                .or_insert_with(|| base_score(anc)) += score / divider;
        }
    }

    let mut best: Option<(NodeId, f32)> = None;
    for (&id, &score) in &scores {
        let adjusted = score * (1.0 - stats.get(id).link_density());
        if best.is_none_or(|(_, b)| adjusted > b) {
            best = Some((id, adjusted));
        }
    }
    if tracing::enabled!(tracing::Level::TRACE) {
        let mut all: Vec<_> = scores
            .iter()
            .map(|(&id, &s)| (s * (1.0 - stats.get(id).link_density()), id))
            .collect();
        all.sort_by(|a, b| b.0.total_cmp(&a.0));
        for (s, id) in all.iter().take(8) {
            let n = html.tree.get(*id).and_then(element);
            let desc = n.map(|e| {
                format!(
                    "<{} class={:?} id={:?}>",
                    e.name(),
                    e.attr("class"),
                    e.attr("id")
                )
            });
            tracing::trace!("candidate {s:.1} {desc:?} {:?}", stats.get(*id));
        }
    }
    let Some((top_id, top_score)) = best else {
        return body_or_root(html);
    };
    let Some(top) = html.tree.get(top_id) else {
        return body_or_root(html);
    };
    let Some(parent) = top
        .parent()
        .filter(|p| element(*p).is_some_and(|e| e.name() != "html"))
    else {
        return vec![top_id];
    };
    let top_class = element(top).and_then(|e| e.attr("class")).unwrap_or("");
    let threshold = (top_score * 0.2).max(10.0);
    let mut roots = Vec::new();
    for sibling in parent.children() {
        if sibling.id() == top_id {
            roots.push(top_id);
            continue;
        }
        let Some(sib) = element(sibling) else {
            continue;
        };
        let s = stats.get(sibling.id());
        if s.skipped || s.text == 0 {
            continue;
        }
        let mut bonus = 0.0;
        if !top_class.is_empty() && sib.attr("class") == Some(top_class) {
            bonus += top_score * 0.2;
        }
        let score = scores
            .get(&sibling.id())
            .map(|s| s * (1.0 - stats.get(sibling.id()).link_density()));
        let append = match score {
            Some(score) if score + bonus >= threshold => true,
            _ if sib.name() == "p" => {
                let density = s.link_density();
                (s.text > 80 && density < 0.25)
                    || (s.text > 0 && s.text <= 80 && density == 0.0 && ends_sentence(sibling))
            }
            _ => false,
        };
        if append {
            roots.push(sibling.id());
        }
    }
    roots
}

fn ends_sentence(node: NodeRef<'_, Node>) -> bool {
    let mut last = None;
    for d in node.descendants() {
        if let Node::Text(t) = d.value()
            && let Some(c) = t.trim_end().chars().last()
        {
            last = Some(c);
        }
    }
    matches!(last, Some('.' | '!' | '?' | '…' | '"' | '”'))
}

fn body_or_root(html: &Html) -> ContentRoots {
    let body = html
        .tree
        .root()
        .descendants()
        .find(|n| element(*n).is_some_and(|e| e.name() == "body"));
    vec![body.map_or(html.tree.root().id(), |b| b.id())]
}
