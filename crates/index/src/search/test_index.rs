//! Tests' small in-memory indexes: two plain text fields of the same rows.

use tantivy::schema::{Field, Schema, TEXT};
use tantivy::{Index, TantivyDocument};

/// An in-memory index with the text fields `names`, one document per row (its two texts).
pub(crate) fn two_field_index(
    names: [&str; 2],
    rows: &[(&str, &str)],
) -> tantivy::Result<(Index, Field, Field)> {
    let mut schema = Schema::builder();
    let first = schema.add_text_field(names[0], TEXT);
    let second = schema.add_text_field(names[1], TEXT);
    let index = Index::create_in_ram(schema.build());
    let mut writer = index.writer_with_num_threads(1, 15_000_000)?;
    for (a, b) in rows {
        let mut doc = TantivyDocument::default();
        doc.add_text(first, a);
        doc.add_text(second, b);
        writer.add_document(doc)?;
    }
    writer.commit()?;
    Ok((index, first, second))
}
