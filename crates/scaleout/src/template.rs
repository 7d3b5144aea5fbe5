//! The files of `deploy/`: the OpenSearch/Elasticsearch index template and the Quickwit index
//! config, both generated from the field table ([`crate::fields`]) and, for the template's
//! char filter, from tracuu's tone rule ([`crate::tone_mapping`]).
//!
//! The committed files are checked against these functions by the crate's tests
//! (`deploy_files_are_current`); `TRACUU_REGENERATE=1 cargo test -p tracuu-scaleout
//! deploy_files` rewrites them.

use serde_json::{Map, Value, json};
use tracuu_index::text::tokenizer::MAX_SYLLABLE_LETTERS;

use crate::fields::{FIELDS, Kind, Record, SENTENCE_GAP};
use crate::tone_mapping::ToneRules;

/// Where the template lives in the repository.
pub const TEMPLATE_PATH: &str = "deploy/opensearch/index-template.json";
/// Where the Quickwit index config lives in the repository.
pub const QUICKWIT_PATH: &str = "deploy/quickwit/index-config.yaml";

/// The analyzer of the original text: ICU's NFKC with case folding, tracuu's tone placement,
/// syllables cut where tracuu cuts them (runs of letters, digits and marks), lower case, and
/// syllables over tracuu's length limit dropped.
pub const TEXT_ANALYZER: &str = "vi_text";
/// The same, every mark folded away (`đ` → `d`).
pub const FOLDED_ANALYZER: &str = "vi_text_folded";

/// The analyzer of the positional token fields (tracuu's folded syllables): split on
/// whitespace, with [`SENTENCE_GAP`] dropped and its position kept empty (Lucene's stop filter
/// keeps position increments, and a dropped token is not counted in the field's length).
pub const POSITIONS_ANALYZER: &str = "vi_positions";

/// Keyword values longer than this are kept for display but not indexed (Lucene refuses terms
/// over 32 KB, and a URL that long is no key anyone searches by).
const DISPLAY_IGNORE_ABOVE: usize = 8191;

/// The index template (`PUT _index_template/tracuu`), for indices named `tracuu` or `tracuu-*`.
pub fn index_template(rules: &ToneRules) -> Value {
    let mut properties = Map::new();
    for field in FIELDS.iter() {
        properties.insert(field.name.into(), mapping(field.name, field.kind));
    }
    json!({
        "index_patterns": ["tracuu", "tracuu-*"],
        "_meta": {
            "description": "tracuu's search on OpenSearch or Elasticsearch. The title_* and body_* fields on the \
                            whitespace analyzer hold tracuu's own token streams (pairs joined by '_', a sentence end in the folded \
                            fields written '.' and kept as an empty position); \
                            query them with `tracuu query-dsl`. title and body are the original text, analysed \
                            with tone placement unified, for direct queries.",
            "generated_by": "crates/scaleout/src/template.rs (TRACUU_REGENERATE=1 cargo test -p tracuu-scaleout deploy_files)",
            "tone_rules": rules.len(),
        },
        "template": {
            "settings": {
                "index": {
                    "max_result_window": tracuu_index::search::request::MAX_RESULT_WINDOW,
                    "similarity": {PRESENCE_SIMILARITY: presence_similarity()},
                },
                "analysis": analysis(rules),
            },
            "mappings": {
                "dynamic": "strict",
                // The token streams are derived: indexed, not kept in _source.
                "_source": {"excludes": ["title_*", "body_*"]},
                "properties": properties,
            },
        },
    })
}

fn analysis(rules: &ToneRules) -> Value {
    let chain = |filters: &[&str]| {
        json!({
            "type": "custom",
            "char_filter": ["vi_nfkc_cf", "vi_tone"],
            "tokenizer": "vi_syllable",
            "filter": filters,
        })
    };
    json!({
        "char_filter": {
            "vi_nfkc_cf": {"type": "icu_normalizer", "name": "nfkc_cf"},
            "vi_tone": {"type": "mapping", "mappings": rules.mapping_lines()},
        },
        "tokenizer": {
            "vi_syllable": {"type": "pattern", "pattern": "[^\\p{L}\\p{N}\\p{M}]+"},
        },
        "filter": {
            "vi_syllable_length": {"type": "length", "min": 1, "max": MAX_SYLLABLE_LETTERS},
            "vi_sentence_gap": {"type": "stop", "stopwords": [SENTENCE_GAP], "ignore_case": false},
        },
        "analyzer": {
            TEXT_ANALYZER: chain(&["lowercase", "vi_syllable_length"]),
            FOLDED_ANALYZER: chain(&["lowercase", "asciifolding", "vi_syllable_length"]),
            POSITIONS_ANALYZER: {
                "type": "custom",
                "char_filter": [],
                "tokenizer": "whitespace",
                "filter": ["vi_sentence_gap"],
            },
        },
    })
}

/// The similarity of the token fields tracuu indexes with documents only ([`Record::Docs`]).
pub const PRESENCE_SIMILARITY: &str = "tracuu_presence";

/// BM25 with the term frequency taken as 1 (Lucene 8+'s BM25, without the `k1 + 1` factor it
/// dropped, k1 = 1.2, b = 0.75), as Tantivy scores a field that records documents only. Such a
/// field is indexed with frequencies on the cluster, so that its average length counts tokens as
/// Tantivy's does: Lucene's `docs` option would make it count distinct terms.
fn presence_similarity() -> Value {
    json!({
        "type": "scripted",
        "weight_script": {
            "source": "double idf = Math.log(1.0 + (field.docCount - term.docFreq + 0.5) / (term.docFreq + 0.5)); return query.boost * idf;"
        },
        "script": {
            "source": "double avgdl = field.sumTotalTermFreq / (double) field.docCount; return weight / (1.0 + 1.2 * (0.25 + 0.75 * doc.length / avgdl));"
        },
    })
}

fn mapping(name: &str, kind: Kind) -> Value {
    match kind {
        Kind::Tokens {
            record: Record::Docs,
            ..
        } => json!({
            "type": "text",
            "analyzer": "whitespace",
            "index_options": Record::Freqs.index_options(),
            "similarity": PRESENCE_SIMILARITY,
            "norms": true,
        }),
        Kind::Tokens { record, .. } => json!({
            "type": "text",
            "analyzer": if record == Record::Positions { POSITIONS_ANALYZER } else { "whitespace" },
            "index_options": record.index_options(),
            "norms": true,
        }),
        Kind::Text => json!({
            "type": "text",
            "analyzer": TEXT_ANALYZER,
            "fields": {"folded": {"type": "text", "analyzer": FOLDED_ANALYZER}},
        }),
        Kind::Keyword { norms: true } => json!({"type": "keyword", "norms": true}),
        Kind::Keyword { norms: false } if display_only(name) => {
            json!({"type": "keyword", "ignore_above": DISPLAY_IGNORE_ABOVE})
        }
        Kind::Keyword { norms: false } => json!({"type": "keyword"}),
        Kind::Long => json!({"type": "long"}),
    }
}

/// Fields shown, never filtered or counted by tracuu.
fn display_only(name: &str) -> bool {
    matches!(
        name,
        "url" | "published" | "agency" | "site_province" | "author" | "section" | "duplicate_of"
    )
}

/// The Quickwit index config (`quickwit index create --index-config`), as YAML.
pub fn quickwit_config() -> String {
    let mut out = String::from(
        "# tracuu on Quickwit: the token fields on Quickwit's `whitespace` tokenizer. It has no\n\
         # stop filter: the \".\" the bulk writes for a sentence end in a folded field is a term\n\
         # here, so phrases stop at it as in tracuu, but the field's length counts it.\n\
         # Generated by crates/scaleout/src/template.rs; see deploy/quickwit/README.md for what\n\
         # Quickwit cannot do (its _bulk takes `create` actions only and ignores `_id`).\n\
         version: 0.8\n\
         index_id: tracuu\n\
         doc_mapping:\n  mode: strict\n  field_mappings:\n",
    );
    for field in FIELDS.iter() {
        let lines = quickwit_field(field.name, field.kind, field.multi);
        out.push_str(&format!("    - name: {}\n", field.name));
        for line in lines {
            out.push_str(&format!("      {line}\n"));
        }
    }
    out.push_str("search_settings:\n  default_search_fields: [title_folded, body_folded]\n");
    out
}

fn quickwit_field(name: &str, kind: Kind, multi: bool) -> Vec<String> {
    let text = if multi { "array<text>" } else { "text" };
    match kind {
        Kind::Tokens { record, .. } => {
            let record = match record {
                Record::Docs => "basic",
                Record::Freqs => "freq",
                Record::Positions => "position",
            };
            vec![
                format!("type: {text}"),
                "tokenizer: whitespace".into(),
                format!("record: {record}"),
                "fieldnorms: true".into(),
                "stored: false".into(),
            ]
        }
        Kind::Text => vec![
            format!("type: {text}"),
            "tokenizer: default".into(),
            "record: position".into(),
            "fieldnorms: true".into(),
        ],
        Kind::Keyword { norms } => {
            let mut lines = vec![format!("type: {text}"), "tokenizer: raw".into()];
            if norms {
                lines.push("fieldnorms: true".into());
            }
            if !display_only(name) {
                lines.push("fast: true".into());
            }
            lines
        }
        Kind::Long => vec!["type: i64".into(), "fast: true".into()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn repo_file(relative: &str) -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join(relative)
    }

    /// The committed deploy files are what the code generates now; `TRACUU_REGENERATE=1`
    /// rewrites them.
    #[test]
    fn deploy_files_are_current() -> Result<(), Box<dyn std::error::Error>> {
        let rules = ToneRules::generated();
        let template = format!(
            "{}\n",
            serde_json::to_string_pretty(&index_template(rules))?
        );
        let files = [
            (TEMPLATE_PATH, template),
            (QUICKWIT_PATH, quickwit_config()),
        ];
        let regenerate = std::env::var_os("TRACUU_REGENERATE").is_some();
        for (path, generated) in files {
            let path = repo_file(path);
            if regenerate {
                if let Some(dir) = path.parent() {
                    std::fs::create_dir_all(dir)?;
                }
                std::fs::write(&path, &generated)?;
                continue;
            }
            let committed = std::fs::read_to_string(&path).unwrap_or_default();
            assert!(
                committed == generated,
                "{} is stale: run TRACUU_REGENERATE=1 cargo test -p tracuu-scaleout deploy_files",
                path.display()
            );
        }
        Ok(())
    }

    #[test]
    fn token_fields_are_split_on_whitespace_only_and_facets_are_keywords() {
        let template = index_template(&ToneRules::default());
        let properties = &template["template"]["mappings"]["properties"];
        assert_eq!(properties["body_pairs"]["analyzer"], "whitespace");
        assert_eq!(properties["body_pairs"]["index_options"], "freqs");
        assert_eq!(properties["body_folded"]["index_options"], "positions");
        // Documents only in tracuu: frequencies on the cluster (for the average length), scored
        // as presence.
        assert_eq!(properties["body_exact"]["index_options"], "freqs");
        assert_eq!(properties["body_exact"]["similarity"], PRESENCE_SIMILARITY);
        assert!(
            template["template"]["settings"]["index"]["similarity"][PRESENCE_SIMILARITY]["script"]
                ["source"]
                .as_str()
                .is_some_and(|s| s.contains("doc.length"))
        );
        assert_eq!(properties["province"]["type"], "keyword");
        assert_eq!(properties["cited_key"]["norms"], true);
        assert_eq!(
            properties["title"]["fields"]["folded"]["analyzer"],
            FOLDED_ANALYZER
        );
        let chain = &template["template"]["settings"]["analysis"]["analyzer"][TEXT_ANALYZER];
        assert_eq!(chain["char_filter"], json!(["vi_nfkc_cf", "vi_tone"]));
    }

    #[test]
    fn quickwit_uses_the_whitespace_tokenizer_for_every_token_field() {
        let config = quickwit_config();
        let blocks: Vec<&str> = config.split("    - name: ").skip(1).collect();
        assert_eq!(blocks.len(), FIELDS.len());
        for block in blocks {
            let name = block.lines().next().unwrap_or_default();
            let tokens = name.starts_with("title_") || name.starts_with("body_");
            assert_eq!(block.contains("tokenizer: whitespace"), tokens, "{block}");
        }
    }
}
