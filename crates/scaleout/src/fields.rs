//! The fields of a tracuu index on OpenSearch or Elasticsearch: one table that the bulk export,
//! the index template and the Query DSL all read, so the three cannot disagree.
//!
//! tracuu's own analysis runs before the cluster sees anything: each of the token streams tracuu
//! indexes (exact and folded syllables, adjacent pairs) travels as a space-joined field that the
//! cluster only splits on whitespace. Those token fields are read from tracuu's schema
//! ([`tracuu_index::schema::build_schema`]): every field its syllable or pair tokenizers fill, with
//! the same index options, so a change to tracuu's fields is a change here without an edit. A pair term holds a space in tracuu
//! (`"nuoc ngoai"`); on the cluster its two syllables are joined by [`PAIR_JOINER`] instead
//! (`nuoc_ngoai`), a character no syllable contains.

use std::sync::LazyLock;

use tantivy::schema::{FieldEntry, FieldType, IndexRecordOption};
use tracuu_index::schema::build_schema;
use tracuu_index::text::AnalysisMode;
use tracuu_index::text::pairs::{PAIR_SEPARATOR, PairTokenizer};

/// Joins the two syllables of a pair term on the cluster (`nuoc_ngoai`). No syllable holds it:
/// syllables are runs of letters and digits.
pub const PAIR_JOINER: char = '_';

/// Stands for the empty position a sentence end leaves in a positional token field (tracuu's
/// folded syllables, [`tracuu_index::text::tokenizer`]): the bulk writes it there, and the field's
/// analyzer ([`crate::template::POSITIONS_ANALYZER`]) drops it and keeps the gap, so a phrase
/// matches across a sentence end on the cluster exactly where it does in tracuu, and the
/// field's length counts syllables only. No syllable is a full stop.
pub const SENTENCE_GAP: &str = ".";

/// What a token field records, as OpenSearch's `index_options` says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Record {
    /// Documents only (`docs`): whether an article holds the term.
    Docs,
    /// Documents and term frequencies (`freqs`).
    Freqs,
    /// Frequencies and positions (`positions`), for phrases.
    Positions,
}

impl Record {
    /// The `index_options` value.
    pub fn index_options(self) -> &'static str {
        match self {
            Record::Docs => "docs",
            Record::Freqs => "freqs",
            Record::Positions => "positions",
        }
    }
}

/// How the cluster indexes a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One of tracuu's token streams, space-joined, on the `whitespace` analyzer.
    Tokens {
        /// What the index records, the same as tracuu's own field.
        record: Record,
        /// Whether the tokens are pair terms (written with [`PAIR_JOINER`]).
        pairs: bool,
    },
    /// The original text, for display and for people querying the cluster directly: the
    /// Vietnamese text analyzer (tone placement unified), with a `.folded` sub-field.
    Text,
    /// Exact values: ids, facet values (counted by terms aggregations), facet keys (filtered on).
    Keyword {
        /// Whether BM25 length norms are kept (only for fields a query scores).
        norms: bool,
    },
    /// Whole numbers: days (`YYYYMMDD`) and Unix times.
    Long,
}

/// Where a field's values come from, in the document tracuu builds for an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The values of this field of tracuu's schema, as given (display values, numbers).
    Given(&'static str),
    /// The terms tracuu indexes for this field of its schema, made by the field's own tokenizer;
    /// queries on that field go here.
    Indexed(&'static str),
}

/// One field of the cluster's index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClusterField {
    /// The field's name on the cluster.
    pub name: &'static str,
    /// How it is indexed.
    pub kind: Kind,
    /// Where its values come from.
    pub source: Source,
    /// Whether an article can hold several values.
    pub multi: bool,
}

const fn keyword(name: &'static str, source: Source, multi: bool) -> ClusterField {
    ClusterField {
        name,
        kind: Kind::Keyword { norms: false },
        source,
        multi,
    }
}

const fn given(name: &'static str) -> ClusterField {
    keyword(name, Source::Given(name), false)
}

const fn text(name: &'static str) -> ClusterField {
    ClusterField {
        name,
        kind: Kind::Text,
        source: Source::Given(name),
        multi: false,
    }
}

const fn long(name: &'static str) -> ClusterField {
    ClusterField {
        name,
        kind: Kind::Long,
        source: Source::Given(name),
        multi: false,
    }
}

/// The fields that are not token streams: display values, facets, filter keys, numbers.
const GIVEN_FIELDS: &[ClusterField] = &[
    keyword("id", Source::Indexed("id"), false),
    given("url"),
    text("title"),
    text("body"),
    given("published"),
    long("published_ts"),
    long("published_day"),
    keyword("year", Source::Indexed("year"), false),
    keyword("year_month", Source::Indexed("year_month"), false),
    given("source"),
    keyword("source_filter", Source::Indexed("source"), false),
    given("agency"),
    given("site_province"),
    keyword("province", Source::Given("province"), true),
    keyword("province_filter", Source::Indexed("province"), true),
    keyword("cited", Source::Given("cited"), true),
    keyword("cited_filter", Source::Indexed("cited"), true),
    ClusterField {
        name: "cited_key",
        // Reference queries score this field (`nq 36` ranks articles citing 36-NQ/TW), as
        // tracuu does, length norms included.
        kind: Kind::Keyword { norms: true },
        source: Source::Indexed("cited_key"),
        multi: true,
    },
    keyword("doc_type", Source::Given("doc_type"), true),
    keyword("doc_type_filter", Source::Indexed("doc_type"), true),
    given("author"),
    given("section"),
    given("duplicate_of"),
];

/// Every field, in the order the bulk export writes them: [`GIVEN_FIELDS`], then the token
/// fields of tracuu's schema in its order.
pub static FIELDS: LazyLock<Vec<ClusterField>> = LazyLock::new(|| {
    let schema = build_schema();
    let mut fields = GIVEN_FIELDS.to_vec();
    fields.extend(schema.fields().filter_map(|(_, entry)| token_field(entry)));
    fields
});

/// The cluster field holding the terms of tracuu's field `entry`, when one of tracuu's syllable or
/// pair tokenizers fills it. A stored text (`title`, `body`, exact syllables) keeps its name for
/// the original text and gets `_exact`; other token fields keep tracuu's name.
fn token_field(entry: &FieldEntry) -> Option<ClusterField> {
    let FieldType::Str(options) = entry.field_type() else {
        return None;
    };
    let indexing = options.get_indexing_options()?;
    let tokenizer = indexing.tokenizer();
    let modes = [AnalysisMode::Exact, AnalysisMode::Folded];
    let pairs = if modes.iter().any(|m| m.tokenizer_name() == tokenizer) {
        false
    } else if tokenizer == PairTokenizer::NAME || tokenizer == PairTokenizer::NAME_EXACT {
        true
    } else {
        return None;
    };
    let record = match indexing.index_option() {
        IndexRecordOption::Basic => Record::Docs,
        IndexRecordOption::WithFreqs => Record::Freqs,
        IndexRecordOption::WithFreqsAndPositions => Record::Positions,
    };
    // The names live as long as the process, as the table does: a few short strings, once.
    let tantivy: &'static str = Box::leak(entry.name().to_string().into_boxed_str());
    let name: &'static str = if options.is_stored() {
        Box::leak(format!("{tantivy}_exact").into_boxed_str())
    } else {
        tantivy
    };
    Some(ClusterField {
        name,
        kind: Kind::Tokens { record, pairs },
        source: Source::Indexed(tantivy),
        multi: false,
    })
}

/// The cluster field that queries on tracuu's field `tantivy_name` go to: the one holding its
/// indexed terms, or its numbers.
pub fn for_tantivy(tantivy_name: &str) -> Option<&'static ClusterField> {
    FIELDS.iter().find(|f| match (f.source, f.kind) {
        (Source::Indexed(name), _) | (Source::Given(name), Kind::Long) => name == tantivy_name,
        _ => false,
    })
}

/// The cluster field named `name`.
pub fn named(name: &str) -> Option<&'static ClusterField> {
    FIELDS.iter().find(|f| f.name == name)
}

/// A term of tracuu's field as the cluster holds it: pair terms get [`PAIR_JOINER`].
pub fn cluster_term(field: &ClusterField, term: &str) -> String {
    match field.kind {
        Kind::Tokens { pairs: true, .. } => term.replace(PAIR_SEPARATOR, &PAIR_JOINER.to_string()),
        _ => term.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_a_query_can_name_is_on_the_cluster() {
        let schema = build_schema();
        for (_, entry) in schema.fields() {
            let name = entry.name();
            if entry.is_indexed() {
                assert!(for_tantivy(name).is_some(), "{name} has no cluster field");
            }
        }
        for field in FIELDS.iter() {
            let (Source::Given(name) | Source::Indexed(name)) = field.source;
            assert!(schema.get_field(name).is_ok(), "{name} is not tracuu's");
        }
    }

    #[test]
    fn token_fields_record_what_tracuus_own_fields_record() {
        let schema = build_schema();
        let tokens: Vec<_> = FIELDS
            .iter()
            .filter(|f| matches!(f.kind, Kind::Tokens { .. }))
            .collect();
        assert!(tokens.len() >= 4, "{tokens:?}");
        for field in tokens {
            let Source::Indexed(name) = field.source else {
                panic!("{} is not read from tracuu's terms", field.name);
            };
            let entry = schema.get_field_entry(schema.get_field(name).unwrap());
            let FieldType::Str(options) = entry.field_type() else {
                panic!("{name} is not text");
            };
            let indexing = options.get_indexing_options().unwrap();
            let Kind::Tokens { record, pairs } = field.kind else {
                unreachable!()
            };
            assert_eq!(pairs, indexing.tokenizer().contains("pairs"), "{name}");
            let positions = indexing.index_option().has_positions();
            assert_eq!(record == Record::Positions, positions, "{name}");
        }
        // The syllables of the original text, for phrases, are on the cluster with positions.
        let folded = named("body_folded").map(|f| f.kind);
        assert_eq!(
            folded,
            Some(Kind::Tokens {
                record: Record::Positions,
                pairs: false
            })
        );
    }

    #[test]
    fn pair_terms_are_joined_for_the_whitespace_analyzer() {
        let pair_field = FIELDS
            .iter()
            .find(|f| matches!(f.kind, Kind::Tokens { pairs: true, .. }));
        let pairs = pair_field.map(|f| cluster_term(f, "nuoc ngoai"));
        assert_eq!(pairs.as_deref(), Some("nuoc_ngoai"));
        let facet = named("province_filter").map(|f| cluster_term(f, "quang nam"));
        assert_eq!(facet.as_deref(), Some("quang nam"));
    }
}
