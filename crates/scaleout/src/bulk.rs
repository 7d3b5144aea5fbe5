//! One article as an OpenSearch/Elasticsearch `_bulk` action: `{"index":{"_index","_id"}}` and
//! the document, with tracuu's own token streams in it.
//!
//! The document is made from the very document tracuu indexes
//! ([`tracuu_index::document::to_document`]): each cluster field ([`crate::fields::FIELDS`])
//! takes the values tracuu's field was given (display text, numbers) or the terms tracuu's own
//! tokenizer makes of them (syllables, pairs, facet keys). The cluster therefore matches on the
//! same terms as tracuu, by construction.
//!
//! ```
//! use tracuu_index::article::Article;
//! use tracuu_scaleout::bulk::BulkEncoder;
//! let article = Article {
//!     url: "https://quangnam.gov.vn/a".into(),
//!     title: "Người Việt Nam ở nước ngoài".into(),
//!     body: "Nhà nước và nhân dân".into(),
//!     ..Article::default()
//! };
//! let (action, doc) = BulkEncoder::new("tracuu")?.encode(&article)?;
//! assert_eq!(action["index"]["_index"], "tracuu");
//! assert_eq!(doc["title_folded"], "nguoi viet nam o nuoc ngoai");
//! // The scored pairs are padded to the text's syllables, the length tracuu scores them over.
//! assert_eq!(doc["body_pairs"], "nha_nuoc nhan_dan _ _ _");
//! assert_eq!(doc["year"], "none");
//! # Ok::<(), tracuu_scaleout::ScaleOutError>(())
//! ```

use std::collections::HashMap;
use std::io::Write;

use serde_json::{Map, Value, json};
use tantivy::schema::{Field, OwnedValue, Schema};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Index, TantivyDocument};
use tracuu_index::article::Article;
use tracuu_index::document::to_document;
use tracuu_index::schema::{Fields, build_schema, register_tokenizers};
use tracuu_index::text::{AnalysisMode, analyze};

use crate::error::ScaleOutError;
use crate::fields::{ClusterField, FIELDS, Kind, Record, SENTENCE_GAP, Source, cluster_term};

/// The `_bulk` action each article gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BulkAction {
    /// `index`: add, or replace the article with the same `_id` (OpenSearch, Elasticsearch).
    #[default]
    Index,
    /// `create`: the only action Quickwit takes (it ignores `_id`).
    Create,
}

impl BulkAction {
    /// The action's name in the NDJSON.
    pub fn name(self) -> &'static str {
        match self {
            BulkAction::Index => "index",
            BulkAction::Create => "create",
        }
    }
}

/// Turns articles into `_bulk` lines for one cluster index.
pub struct BulkEncoder {
    index_name: String,
    action: BulkAction,
    schema: Schema,
    fields: Fields,
    /// The tokenizer of each tracuu field, as the Tantivy index registers it.
    analyzers: HashMap<Field, TextAnalyzer>,
}

impl BulkEncoder {
    /// An encoder writing actions for the cluster index `index_name`.
    pub fn new(index_name: &str) -> Result<BulkEncoder, ScaleOutError> {
        let schema = build_schema();
        let fields = Fields::resolve(&schema)?;
        // An index in memory only to hold tracuu's tokenizers, registered as for a real one.
        let index = Index::create_in_ram(schema.clone());
        register_tokenizers(&index);
        let mut analyzers = HashMap::new();
        for field in FIELDS.iter() {
            if let Source::Indexed(name) = field.source {
                let tantivy = schema.get_field(name)?;
                analyzers.insert(tantivy, index.tokenizer_for_field(tantivy)?);
            }
        }
        Ok(BulkEncoder {
            index_name: index_name.to_string(),
            action: BulkAction::Index,
            schema,
            fields,
            analyzers,
        })
    }

    /// The same encoder writing `action` for each article.
    pub fn with_action(mut self, action: BulkAction) -> BulkEncoder {
        self.action = action;
        self
    }

    /// The action line and the document of `article`.
    pub fn encode(&mut self, article: &Article) -> Result<(Value, Value), ScaleOutError> {
        let (doc, _) = to_document(article, &self.fields);
        let id = article.effective_id();
        let mut target = Map::new();
        target.insert("_index".into(), json!(self.index_name));
        target.insert("_id".into(), json!(id));
        let action = json!({self.action.name(): target});
        let mut source = Map::new();
        for field in FIELDS.iter() {
            if let Some(value) = self.value_of(field, &doc)? {
                source.insert(field.name.to_string(), value);
            }
        }
        Ok((action, Value::Object(source)))
    }

    /// Writes the two lines of `article` to `out`; returns the bytes written.
    pub fn write(&mut self, article: &Article, out: &mut dyn Write) -> Result<u64, ScaleOutError> {
        let (action, doc) = self.encode(article)?;
        let mut bytes = 0;
        for line in [action, doc] {
            let text = serde_json::to_string(&line)?;
            out.write_all(text.as_bytes())?;
            out.write_all(b"\n")?;
            bytes += text.len() as u64 + 1;
        }
        Ok(bytes)
    }

    /// The cluster value of `field` in tracuu's document, `None` when the article has none.
    fn value_of(
        &mut self,
        field: &ClusterField,
        doc: &TantivyDocument,
    ) -> Result<Option<Value>, ScaleOutError> {
        let (Source::Given(name) | Source::Indexed(name)) = field.source;
        let tantivy = self.schema.get_field(name)?;
        let given: Vec<OwnedValue> = doc
            .get_all(tantivy)
            .map(OwnedValue::from)
            .collect::<Vec<_>>();
        let values: Vec<Value> = match field.source {
            Source::Given(_) => given.iter().filter_map(plain).collect(),
            Source::Indexed(_) => {
                let positional = matches!(
                    field.kind,
                    Kind::Tokens {
                        record: Record::Positions,
                        ..
                    }
                );
                let terms = self.terms(tantivy, &given, positional)?;
                match field.kind {
                    Kind::Tokens { pairs, record } => {
                        let mut joined: Vec<String> =
                            terms.iter().map(|t| cluster_term(field, t)).collect();
                        if pairs && record == Record::Freqs {
                            pad_to_syllables(&mut joined, &given);
                        }
                        vec![Value::String(joined.join(" "))]
                    }
                    _ => terms.into_iter().map(Value::String).collect(),
                }
            }
        };
        Ok(match (field.multi, values.len()) {
            (_, 0) => None,
            (true, _) => Some(Value::Array(values)),
            (false, _) => values.into_iter().next(),
        })
    }

    /// What tracuu's tokenizer for `field` makes of its text values, in order; with `gaps`,
    /// [`SENTENCE_GAP`] wherever the tokenizer left a position empty (a sentence end).
    fn terms(
        &mut self,
        field: Field,
        given: &[OwnedValue],
        gaps: bool,
    ) -> Result<Vec<String>, ScaleOutError> {
        let analyzer = self
            .analyzers
            .get_mut(&field)
            .ok_or_else(|| ScaleOutError::Schema(format!("no tokenizer for field {field:?}")))?;
        let mut terms = Vec::new();
        for value in given {
            if let OwnedValue::Str(text) = value {
                let mut stream = analyzer.token_stream(text);
                let mut next = 0;
                while stream.advance() {
                    let token = stream.token();
                    if gaps && !terms.is_empty() {
                        let empty = token.position.saturating_sub(next);
                        terms.extend(std::iter::repeat_n(SENTENCE_GAP.to_string(), empty));
                    }
                    next = token.position + 1;
                    terms.push(token.text.clone());
                }
            }
        }
        Ok(terms)
    }
}

/// What pads a scored pair field on the cluster: the pair joiner alone, which no pair term is.
pub const LENGTH_FILLER: &str = "_";

/// Pads a scored pair field's tokens with [`LENGTH_FILLER`] to as many as its text has
/// syllables. tracuu scores a pair over the article's syllables
/// ([`tracuu_index::search::syllable_normed`]); the cluster's BM25 reads a field's own length, so the
/// pair field is given the text's length (a filler is never asked for, so it matches nothing).
fn pad_to_syllables(tokens: &mut Vec<String>, given: &[OwnedValue]) {
    let syllables: usize = given
        .iter()
        .filter_map(|value| match value {
            OwnedValue::Str(text) => Some(analyze(text, AnalysisMode::Folded).len()),
            _ => None,
        })
        .sum();
    let missing = syllables.saturating_sub(tokens.len());
    tokens.extend(std::iter::repeat_n(LENGTH_FILLER.to_string(), missing));
}

/// A stored value as JSON: text and whole numbers (the only kinds tracuu gives).
fn plain(value: &OwnedValue) -> Option<Value> {
    match value {
        OwnedValue::Str(text) => Some(Value::String(text.clone())),
        OwnedValue::I64(n) => Some(json!(n)),
        OwnedValue::U64(n) => Some(json!(n)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encoded(article: &Article) -> Value {
        BulkEncoder::new("tracuu")
            .and_then(|mut e| e.encode(article))
            .map(|(_, doc)| doc)
            .unwrap_or_default()
    }

    fn article(title: &str, body: &str) -> Article {
        Article {
            id: Some("a1".into()),
            url: "https://quangnam.gov.vn/tin/1".into(),
            title: title.into(),
            body: body.into(),
            published: Some("2021-02-22T14:00:00+07:00".into()),
            province: Some("Quảng Nam".into()),
            agency: Some("UBND tỉnh Quảng Nam".into()),
            ..Article::default()
        }
    }

    #[test]
    fn both_tone_styles_and_nfd_give_the_same_tokens() {
        let a = encoded(&article("Ủy ban hòa giải", "Thủy sản khỏe"));
        let b = encoded(&article("Uỷ ban hoà giải", "Thuỷ sản khoẻ"));
        let nfd = encoded(&article(
            "U\u{309}y ban ho\u{300}a gia\u{309}i",
            "Thuỷ sản khoẻ",
        ));
        for field in ["title_exact", "title_pairs", "body_exact", "body_pairs"] {
            assert_eq!(a[field], b[field], "{field}");
            assert_eq!(a[field], nfd[field], "{field}");
        }
        assert_eq!(a["title_exact"], "uỷ ban hoà giải");
        // Folded pairs of the lexicon's words ("ban hoa" folds from a word too).
        assert_eq!(a["title_pairs"], "uy_ban ban_hoa hoa_giai _");
        // The display text is the writer's own.
        assert_eq!(a["title"], "Ủy ban hòa giải");
    }

    #[test]
    fn pairs_stop_at_the_end_of_a_sentence() {
        let doc = encoded(&article("Xã hội", "Bảo hiểm xã. Hội nghị"));
        // Pairs are the lexicon's words standing together: "hiểm xã" is none, "xã. Hội" broken.
        // Padded to the body's five syllables, the length tracuu scores a pair over.
        assert_eq!(doc["body_pairs"], "bao_hiem hoi_nghi _ _ _");
        // The folded syllables keep the sentence end as an empty position ("."), which the
        // cluster's analyzer drops without counting it.
        assert_eq!(doc["body_folded"], "bao hiem xa . hoi nghi");
        assert_eq!(doc["body_exact"], "bảo hiểm xã hội nghị");
    }

    #[test]
    fn facets_carry_the_display_value_and_the_key_tracuu_filters_on() {
        let doc = encoded(&article(
            "Quán triệt Nghị quyết số 36-NQ/TW",
            "Tỉnh Đà Nẵng triển khai Nghị quyết 36-NQ/TW.",
        ));
        assert_eq!(doc["province"], json!(["Quảng Nam", "Đà Nẵng"]));
        assert_eq!(doc["province_filter"], json!(["quang nam", "da nang"]));
        assert_eq!(doc["cited"], json!(["36-NQ/TW"]));
        assert_eq!(doc["cited_filter"], json!(["36-nq/tw"]));
        let keys = doc["cited_key"].as_array().map(Vec::len).unwrap_or(0);
        assert!(keys >= 2, "{}", doc["cited_key"]);
        assert_eq!(doc["doc_type"], json!(["Nghị quyết"]));
        assert_eq!(doc["year"], "2021");
        assert_eq!(doc["year_month"], "2021-02");
        assert_eq!(doc["published_day"], 20210222);
        assert_eq!(doc["source"], "quangnam.gov.vn");
        assert_eq!(doc["source_filter"], "quangnam.gov.vn");
    }

    #[test]
    fn the_action_carries_tracuus_id() -> Result<(), ScaleOutError> {
        let mut encoder = BulkEncoder::new("tin-tuc")?;
        let mut out = Vec::new();
        encoder.write(&article("Tiêu đề", "Nội dung"), &mut out)?;
        let text = String::from_utf8_lossy(&out);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2);
        let action: Value = serde_json::from_str(lines[0])?;
        assert_eq!(action, json!({"index": {"_index": "tin-tuc", "_id": "a1"}}));
        Ok(())
    }
}
