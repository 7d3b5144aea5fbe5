//! The sapo (lead): the paragraph in bold under a Vietnamese headline, often in its own block
//! outside the article's container (`<h2 class="sapo">`, `<p class="description">`), and often
//! repeated as the body's first paragraph. It stays in the body once, first.

use std::sync::LazyLock;

use ego_tree::NodeId;
use regex::Regex;
use scraper::{ElementRef, Html, Selector};

use super::meta::{in_other_region, selector, short_text};

static CANDIDATES: LazyLock<Selector> = LazyLock::new(|| {
    selector(
        r#"[class*="sapo"], [class*="Sapo"], [class*="lead"], [class*="Lead"], [class*="summary"], [class*="chapeau"], [class*="standfirst"], [class*="tomtat"], [class*="tom-tat"], [class*="description"], [class*="excerpt"], [id*="sapo"], [id*="Sapo"], [id*="lead"], [id*="summary"]"#,
    )
});

/// A class or id that names a lead, as a whole word or hyphen/underscore-separated part.
static LEAD_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:^|[\s_-])(?:sapo|lead|lede|summary|chapeau|standfirst|tomtat|tom-tat|description|excerpt)(?:$|[\s_-])|[a-z]Sapo|sapo",
    )
    .unwrap_or_else(|err| unreachable!("static regex: {err}"))
});

/// A lead is a sentence or a few: not a label, not an article.
const MIN_CHARS: usize = 40;
const MAX_BYTES: usize = 2000;
/// The lead sits right under the headline: at most this many nodes after it.
const MAX_DISTANCE: usize = 80;
/// How many candidate blocks are read.
const MAX_CANDIDATES: usize = 40;

fn names_a_lead(el: ElementRef<'_>) -> bool {
    [el.value().attr("class"), el.value().attr("id")]
        .into_iter()
        .flatten()
        .any(|n| LEAD_NAME.is_match(n))
}

/// The lead's text, when a lead block follows the headline closely.
pub fn find_sapo(html: &Html, headline: Option<NodeId>) -> Option<String> {
    let headline = headline?;
    // Positions after the headline, in document order (node ids are allocated in that order).
    let mut after: Vec<NodeId> = Vec::new();
    let mut seen_headline = false;
    for node in html.tree.nodes() {
        if node.id() == headline {
            seen_headline = true;
            continue;
        }
        if seen_headline {
            after.push(node.id());
            if after.len() >= MAX_DISTANCE {
                break;
            }
        }
    }
    html.select(&CANDIDATES)
        .take(MAX_CANDIDATES)
        .filter(|el| after.contains(&el.id()) && names_a_lead(*el) && !in_other_region(*el))
        .find_map(|el| {
            let text = short_text(el, MAX_BYTES)?;
            let links: usize = el
                .select(&LINKS)
                .filter_map(|a| short_text(a, MAX_BYTES))
                .map(|t| t.chars().count())
                .sum();
            let chars = text.chars().count();
            (chars >= MIN_CHARS && links * 2 < chars).then_some(text)
        })
}

static LINKS: LazyLock<Selector> = LazyLock::new(|| selector("a"));

/// Puts the lead first in `lines`, once: copies of it further down are dropped.
pub fn place_sapo(lines: &mut Vec<String>, sapo: &str) {
    let key = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let wanted = key(sapo);
    if wanted.is_empty() {
        return;
    }
    lines.retain(|line| key(line) != wanted);
    lines.insert(0, sapo.to_string());
}
