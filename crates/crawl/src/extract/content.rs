//! Finding the element that holds the article: Readability's scoring, on [`PageStats`].
//!
//! Every paragraph-like element with at least 25 characters scores 1 + its commas + one point per
//! 100 characters (at most 3), and passes that score up to its parent (in full), grandparent
//! (half) and three more ancestors (a third of the level each). An ancestor starts from a base
//! that depends on its tag and on whether its class/id looks like content or chrome. The best
//! candidate, discounted by its link density, wins, and is widened as Readability does when the
//! article is split into chunks (ads between them); siblings that score close to it, or are
//! plain prose, join it (articles are often split across sibling blocks).

use std::collections::HashMap;

use ego_tree::{NodeId, NodeRef};
use scraper::{Html, Node};

use super::boilerplate::{NEGATIVE, POSITIVE};
use super::dom::{PageStats, is_block_tag, measure_text};

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

fn paragraph_score(chars: u32, commas: u32) -> f32 {
    1.0 + commas as f32 + (chars as f32 / 100.0).floor().min(3.0)
}

/// Passes a paragraph's score up: in full to its parent, half to the grandparent, then a third
/// of the level each, five levels at most.
fn credit<'a>(
    scores: &mut HashMap<NodeId, f32>,
    ancestors: impl Iterator<Item = NodeRef<'a, Node>>,
    score: f32,
) {
    for (level, ancestor) in ancestors.take(5).enumerate() {
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

/// Containers whose loose text (outside any `<p>`) can be the article.
fn is_container_tag(tag: &str) -> bool {
    matches!(
        tag,
        "div" | "section" | "article" | "main" | "td" | "blockquote"
    )
}

/// Characters and commas of each run of text and inline elements directly inside `node`,
/// runs being separated by its block children (`<br>` does not separate: it is phrasing).
fn bare_text_runs(node: NodeRef<'_, Node>, stats: &PageStats) -> Vec<(u32, u32)> {
    let mut runs = Vec::new();
    let (mut chars, mut commas) = (0u32, 0u32);
    for child in node.children() {
        match child.value() {
            Node::Text(text) => {
                let (c, k) = measure_text(text);
                chars += c;
                commas += k;
            }
            Node::Element(el) if el.name() == "br" || !is_block_tag(el.name()) => {
                let s = stats.get(child.id());
                chars += s.text;
                commas += s.commas;
            }
            Node::Element(_) => {
                runs.push((chars, commas));
                (chars, commas) = (0, 0);
            }
            _ => {}
        }
    }
    runs.push((chars, commas));
    runs
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
        let holds_bare_text = !paragraph_like && own.has_block_child && is_container_tag(tag);
        // `gather` marks every element inside a chrome subtree as skipped itself, so `own.skipped`
        // already covers the ancestors (no walk up: deep nesting stays linear).
        if !(paragraph_like || holds_bare_text) {
            continue;
        }
        if holds_bare_text {
            // Readability wraps text that sits directly in a container, between its blocks, in
            // `<p>`s: each such run scores as a paragraph whose parent is the container.
            for (chars, commas) in bare_text_runs(node, stats) {
                if chars >= 25 {
                    let score = paragraph_score(chars, commas);
                    credit(
                        &mut scores,
                        std::iter::once(node).chain(node.ancestors()),
                        score,
                    );
                }
            }
            continue;
        }
        let score = paragraph_score(own.text, own.commas);
        credit(&mut scores, node.ancestors(), score);
    }

    // Of equal scores, the first in the document (the map's order is not the page's): the same
    // page always gives the same article.
    let mut best: Option<(NodeId, f32)> = None;
    for (&id, &score) in &scores {
        let adjusted = score * (1.0 - stats.get(id).link_density());
        if best.is_none_or(|(b_id, b)| adjusted > b || (adjusted == b && id < b_id)) {
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
    let Some((best_id, best_score)) = best else {
        return body_or_root(html);
    };
    let (top_id, top_score) = widen_top(html, stats, &scores, best_id, best_score);
    let top_id = widen_to_prose(html, stats, top_id);
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

/// How many levels [`widen_to_prose`] may climb.
const MAX_PROSE_CLIMB: usize = 6;
/// Link density the text an ancestor adds may have and still be article text.
const MAX_ADDED_LINK_DENSITY: f32 = 0.3;
/// An ancestor must add at least this share of the winner's text to be worth taking.
const MIN_ADDED_SHARE: f32 = 0.3;

/// Climbs from the winner while the parent adds a substantial amount of text that is prose, not
/// links: an article whose sections, list items or product boxes sit in sibling wrappers of the
/// intro (CMS "paragraph" components) is read whole. Conditional cleaning then drops the junk
/// blocks inside. Never climbs into `<body>`, and stops at a parent that adds link lists.
fn widen_to_prose(html: &Html, stats: &PageStats, top_id: NodeId) -> NodeId {
    let Some(top) = html.tree.get(top_id) else {
        return top_id;
    };
    let mut chosen = top_id;
    let mut current = stats.get(top_id);
    for ancestor in top.ancestors().take(MAX_PROSE_CLIMB) {
        if element(ancestor).is_none_or(|e| matches!(e.name(), "body" | "html")) {
            break;
        }
        let s = stats.get(ancestor.id());
        if s.skipped {
            break;
        }
        let added = s.text.saturating_sub(current.text);
        let added_links = s.link.saturating_sub(current.link);
        if added == 0 {
            continue;
        }
        let density = added_links as f32 / added as f32;
        if density > MAX_ADDED_LINK_DENSITY {
            break;
        }
        if added as f32 >= current.text as f32 * MIN_ADDED_SHARE {
            chosen = ancestor.id();
            current = s;
        }
    }
    chosen
}

/// How many of the best candidates Readability compares the winner with.
const TOP_CANDIDATES: usize = 5;
/// How many close runners-up inside one ancestor mean the article is split into chunks there.
const MIN_CLOSE_CANDIDATES: usize = 3;

/// Readability's widening of the winner, for articles split into chunks (ads between them).
///
/// When at least three of the five best candidates score within 75% of the winner and share an
/// ancestor, that ancestor is the article; otherwise, climbing from the winner, a parent that
/// scores higher than the level below it holds more of the article and becomes the winner.
fn widen_top(
    html: &Html,
    stats: &PageStats,
    scores: &HashMap<NodeId, f32>,
    best_id: NodeId,
    best_score: f32,
) -> (NodeId, f32) {
    let adjusted = |id: NodeId| {
        scores
            .get(&id)
            .map(|s| s * (1.0 - stats.get(id).link_density()))
    };
    let is_top_level =
        |node: NodeRef<'_, Node>| element(node).is_none_or(|e| matches!(e.name(), "body" | "html"));
    let Some(best) = html.tree.get(best_id) else {
        return (best_id, best_score);
    };
    let mut ranked: Vec<(NodeId, f32)> = scores
        .keys()
        .filter_map(|&id| adjusted(id).map(|s| (id, s)))
        .filter(|&(id, _)| id != best_id)
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let close: Vec<NodeId> = ranked
        .iter()
        .take(TOP_CANDIDATES - 1)
        .filter(|&&(_, s)| best_score > 0.0 && s / best_score >= 0.75)
        .map(|&(id, _)| id)
        .collect();
    if close.len() >= MIN_CLOSE_CANDIDATES {
        // How many close candidates each element holds: one walk up from each candidate.
        let mut holders: HashMap<NodeId, usize> = HashMap::new();
        for node in close.iter().filter_map(|&id| html.tree.get(id)) {
            for ancestor in node.ancestors() {
                *holders.entry(ancestor.id()).or_insert(0) += 1;
            }
        }
        for ancestor in best.ancestors() {
            if is_top_level(ancestor) {
                break;
            }
            let holds = holders.get(&ancestor.id()).copied().unwrap_or(0);
            if holds >= MIN_CLOSE_CANDIDATES {
                let score = adjusted(ancestor.id()).unwrap_or(0.0);
                return (ancestor.id(), score.max(best_score));
            }
        }
    }
    let mut last = best_score;
    let threshold = best_score / 3.0;
    for ancestor in best.ancestors() {
        if is_top_level(ancestor) {
            break;
        }
        let Some(score) = adjusted(ancestor.id()) else {
            continue;
        };
        if score < threshold {
            break;
        }
        if score > last {
            return (ancestor.id(), score);
        }
        last = score;
    }
    (best_id, best_score)
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

#[cfg(test)]
mod tests {
    use crate::extract::{SiteRules, extract};

    #[test]
    fn of_two_blocks_that_score_the_same_the_first_is_the_article_every_time() {
        // Two blocks of the same length and commas in different parts of the page: a tie.
        let first = "Sáng nay, Ủy ban nhân dân tỉnh họp bàn kế hoạch phát triển kinh tế năm 2024.";
        let second = "Chiều nay, Hội đồng nhân dân tỉnh họp bàn về dự toán ngân sách của năm 2025.";
        assert_eq!(first.chars().count(), second.chars().count());
        let html = format!(
            r#"<html lang="vi"><body><main><div class="a"><p>{first}</p></div></main>
            <aside><div class="b"><p>{second}</p></div></aside></body></html>"#
        );
        for _ in 0..20 {
            let page = extract(&html, None, &SiteRules::default());
            assert!(page.body.contains("Sáng nay"), "{:?}", page.body);
            assert!(!page.body.contains("Chiều nay"), "{:?}", page.body);
        }
    }

    #[test]
    fn an_article_split_into_chunks_is_read_whole() {
        // Four chunks of a long report, each in its own grid row beside an advertising rail.
        let parts = [
            "Phần một: Ủy ban nhân dân tỉnh đã họp, thảo luận, thống nhất kế hoạch, lộ trình phát triển kinh tế, xã hội năm 2024.",
            "Phần hai: các sở, ban, ngành được giao nhiệm vụ cụ thể, có thời hạn, có người chịu trách nhiệm rõ ràng.",
            "Phần ba: Chủ tịch tỉnh yêu cầu báo cáo kết quả trước ngày 15, đồng thời đề xuất giải pháp, kiến nghị, tháo gỡ khó khăn.",
            "Phần bốn: Hội nghị cũng nghe báo cáo về đầu tư công, giải ngân vốn, chuyển đổi số, cải cách hành chính.",
        ];
        let chunks: String = parts
            .iter()
            .map(|text| {
                format!(
                    r#"<div class="grid"><div class="chunk"><p>{text}</p><p>{text}</p></div>
                    <div class="rail"><a href="/qc">Quảng cáo</a></div></div>"#
                )
            })
            .collect();
        let html = format!(
            r#"<html lang="vi"><body><div class="wrapper">{chunks}</div>
            <div class="ft"><a href="/">Trang chủ</a></div></body></html>"#
        );
        let page = extract(&html, None, &SiteRules::default());
        for part in ["Phần một", "Phần hai", "Phần ba", "Phần bốn"] {
            assert!(
                page.body.contains(part),
                "{part} missing from {:?}",
                page.body
            );
        }
        assert!(!page.body.contains("Quảng cáo"));
    }

    #[test]
    fn text_written_straight_into_a_container_is_found() {
        // Older portals put the article as bare text and <br>s next to the title's block.
        let html = r#"<html lang="vi"><body>
            <div class="menu-trai"><ul><li><a href="/a">Tin tức</a></li><li><a href="/b">Thông báo</a></li></ul></div>
            <div class="col-9"><p class="tieu-de">Hội nghị tổng kết công tác năm 2023</p>
            Sáng ngày 10/01/2024, Sở Ngoại vụ tổ chức Hội nghị tổng kết công tác năm 2023, triển khai nhiệm vụ năm 2024.<br><br>
            Tham dự có lãnh đạo Ủy ban nhân dân tỉnh, các sở, ban, ngành và đại diện các địa phương trong tỉnh.<br>
            <div class="row"><a href="/in">In bài</a></div></div>
            <div class="chan-trang"><p>Cơ quan chủ quản: Ủy ban nhân dân tỉnh, địa chỉ số 1 đường Trần Phú.</p></div>
            </body></html>"#;
        let page = extract(html, None, &SiteRules::default());
        assert!(
            page.body.contains("Sáng ngày 10/01/2024, Sở Ngoại vụ"),
            "{:?}",
            page.body
        );
        assert!(page.body.contains("Tham dự có lãnh đạo"), "{:?}", page.body);
        assert!(!page.body.contains("Cơ quan chủ quản"), "{:?}", page.body);
    }
}
