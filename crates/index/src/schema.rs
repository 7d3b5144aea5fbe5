//! The Tantivy schema: one place for field names and how each field is analysed.
//!
//! Title and body are each indexed four ways: exact syllables (`title`, `body`: every mark kept,
//! tone placement canonicalised), folded syllables (`*_folded`: every mark dropped), and the
//! lexicon's words of two and three syllables as pair terms, folded (`*_pairs`) and with their
//! marks (`*_pairs_exact`), so that a two-syllable word is one term. A query word typed with marks
//! searches the exact forms only ("bàn" never finds "bán", "tư nhân" never "tù nhân"); one typed
//! without searches the folded forms, with a bonus where the exact form matches too. Facet fields are stored in their display form as fast fields and indexed as one
//! folded key, so `ref:36-nq/tw` and `province:quang nam` filter as well as the written forms.

use tantivy::Index;
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, SchemaBuilder,
    TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::TextAnalyzer;

use crate::text::facet_key::{FACET_KEY_TOKENIZER, FacetKeyTokenizer};
use crate::text::pairs::PairTokenizer;
use crate::text::{AnalysisMode, VietnameseTokenizer};

/// Every field of the index, resolved once.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Article id; indexed raw for replacement and lookup.
    pub id: Field,
    /// Source URL.
    pub url: Field,
    /// Headline, stored, exact syllables.
    pub title: Field,
    /// Headline, folded syllables.
    pub title_folded: Field,
    /// Main text, stored, exact syllables.
    pub body: Field,
    /// Main text, folded syllables.
    pub body_folded: Field,
    /// Headline, words of two or three syllables as folded pair terms (`"bao hiem"`).
    pub title_pairs: Field,
    /// Main text, words of two or three syllables as folded pair terms.
    pub body_pairs: Field,
    /// Headline, the same pairs with their marks (`"tư nhân"`), documents only, and only those
    /// of two marked syllables: a query asks this field for nothing else.
    pub title_pairs_exact: Field,
    /// Main text, the same pairs with their marks, documents only, of two marked syllables.
    pub body_pairs_exact: Field,
    /// Publication time as written in the corpus.
    pub published: Field,
    /// Publication time, Unix seconds; absent when unknown. "newest" and "oldest".
    pub published_ts: Field,
    /// The day the page gives, in its own zone, as `YYYYMMDD`; absent when unknown. Date ranges.
    pub published_day: Field,
    /// Negated publication time, for "oldest" with undated articles last.
    pub published_rev: Field,
    /// Year (`2021`), facet; [`UNDATED_YEAR`] when the article has no date.
    pub year: Field,
    /// Month (`2021-02`), for the histogram.
    pub year_month: Field,
    /// Publishing host, facet.
    pub source: Field,
    /// Agency behind the site.
    pub agency: Field,
    /// The site's province (stored for display).
    pub site_province: Field,
    /// Provinces of the site and named in the text, facet.
    pub province: Field,
    /// Cited documents in official form, facet.
    pub cited: Field,
    /// Match keys of cited documents (`36-nq/tw`, `nq:36`).
    pub cited_key: Field,
    /// Types of cited documents, facet.
    pub doc_type: Field,
    /// Byline.
    pub author: Field,
    /// Site section.
    pub section: Field,
    /// Id of the article this one duplicates.
    pub duplicate_of: Field,
    /// Where the archived page is: `OFFSET FILE` of its WARC response record.
    pub warc: Field,
}

/// The year facet's value for articles without a date, so they have a bucket and a filter.
pub const UNDATED_YEAR: &str = "none";

/// What each text field records.
///
/// - Folded syllables keep frequencies and positions: quoted phrases, words of three syllables,
///   names with no stored pair, tokens written without spaces, and the bonus of query words
///   standing together run on their positions.
/// - Word pairs (folded) keep frequencies: a two-syllable word is one term, scored by BM25 with
///   the word's own rarity.
/// - Exact syllables record documents only: a marked syllable asks them whether an article has
///   it, nothing more (its repetitions already count on the folded side). Measured better than
///   frequencies too (ALQAC nDCG@10 0.9293 against 0.9259). The writer gives each syllable once
///   per text, so their lengths count distinct syllables; their scores read the folded field's.
fn text_options(mode: AnalysisMode, stored: bool) -> TextOptions {
    let record = match mode {
        AnalysisMode::Folded => IndexRecordOption::WithFreqsAndPositions,
        AnalysisMode::Exact => IndexRecordOption::Basic,
    };
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(mode.tokenizer_name())
        .set_index_option(record);
    let options = TextOptions::default().set_indexing_options(indexing);
    if stored {
        options.set_stored()
    } else {
        options
    }
}

fn pair_options(tokenizer: &str, record: IndexRecordOption) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(record),
    )
}

fn facet_options() -> TextOptions {
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(FACET_KEY_TOKENIZER)
        .set_index_option(IndexRecordOption::Basic);
    TextOptions::default()
        .set_indexing_options(indexing)
        .set_fast("raw")
        .set_stored()
}

/// Builds the schema tracuu indexes with.
///
/// Each text's four fields come one after the other, exact syllables first: Tantivy indexes
/// fields in this order, and the folded and pair passes then replay the exact pass's syllables
/// instead of segmenting the text again (see `text::syllable_record`).
pub fn build_schema() -> Schema {
    let mut b = SchemaBuilder::new();
    b.add_text_field("id", STRING | STORED);
    b.add_text_field("url", STORED);
    for name in ["title", "body"] {
        b.add_text_field(name, text_options(AnalysisMode::Exact, true));
        b.add_text_field(
            &format!("{name}_folded"),
            text_options(AnalysisMode::Folded, false),
        );
        b.add_text_field(
            &format!("{name}_pairs"),
            pair_options(PairTokenizer::NAME, IndexRecordOption::WithFreqs),
        );
        b.add_text_field(
            &format!("{name}_pairs_exact"),
            pair_options(PairTokenizer::NAME_EXACT, IndexRecordOption::Basic),
        );
    }
    b.add_text_field("published", STORED);
    b.add_i64_field("published_ts", INDEXED | FAST);
    b.add_i64_field("published_rev", FAST);
    b.add_i64_field("published_day", INDEXED | FAST);
    b.add_text_field("year", facet_options());
    b.add_text_field("year_month", facet_options());
    b.add_text_field("source", facet_options());
    b.add_text_field("agency", STORED);
    b.add_text_field("site_province", STORED);
    b.add_text_field("province", facet_options());
    b.add_text_field("cited", facet_options());
    b.add_text_field("cited_key", STRING);
    b.add_text_field("doc_type", facet_options());
    b.add_text_field("author", STORED);
    b.add_text_field("section", STORED);
    b.add_text_field("duplicate_of", STORED);
    b.add_text_field("warc", STORED);
    b.build()
}

impl Fields {
    /// Resolves every field in `schema`; fails when the index was built by another schema.
    pub fn resolve(schema: &Schema) -> tantivy::Result<Fields> {
        let f = |name: &str| schema.get_field(name);
        Ok(Fields {
            id: f("id")?,
            url: f("url")?,
            title: f("title")?,
            title_folded: f("title_folded")?,
            body: f("body")?,
            body_folded: f("body_folded")?,
            title_pairs: f("title_pairs")?,
            body_pairs: f("body_pairs")?,
            title_pairs_exact: f("title_pairs_exact")?,
            body_pairs_exact: f("body_pairs_exact")?,
            published: f("published")?,
            published_ts: f("published_ts")?,
            published_day: f("published_day")?,
            published_rev: f("published_rev")?,
            year: f("year")?,
            year_month: f("year_month")?,
            source: f("source")?,
            agency: f("agency")?,
            site_province: f("site_province")?,
            province: f("province")?,
            cited: f("cited")?,
            cited_key: f("cited_key")?,
            doc_type: f("doc_type")?,
            author: f("author")?,
            section: f("section")?,
            duplicate_of: f("duplicate_of")?,
            warc: f("warc")?,
        })
    }
}

/// Registers the tokenizers an index writer uses: [`register_tokenizers`]'s, except that the
/// exact syllables are written once per text ([`VietnameseTokenizer::distinct`]): their fields
/// record articles only, so a repetition would only cost indexing time.
pub fn register_writer_tokenizers(index: &Index) {
    register_tokenizers(index);
    index.tokenizers().register(
        AnalysisMode::Exact.tokenizer_name(),
        TextAnalyzer::from(VietnameseTokenizer::distinct()),
    );
}

/// Registers tracuu's tokenizers on an index, each emitting every token of a text: needed
/// before searching it, and what a cluster is given ([`register_writer_tokenizers`] writes).
pub fn register_tokenizers(index: &Index) {
    let tokenizers = index.tokenizers();
    for mode in [AnalysisMode::Exact, AnalysisMode::Folded] {
        tokenizers.register(
            mode.tokenizer_name(),
            TextAnalyzer::from(VietnameseTokenizer::new(mode)),
        );
    }
    tokenizers.register(
        PairTokenizer::NAME,
        TextAnalyzer::from(PairTokenizer::default()),
    );
    tokenizers.register(
        PairTokenizer::NAME_EXACT,
        TextAnalyzer::from(PairTokenizer::exact()),
    );
    tokenizers.register(
        FACET_KEY_TOKENIZER,
        TextAnalyzer::from(FacetKeyTokenizer::default()),
    );
}
