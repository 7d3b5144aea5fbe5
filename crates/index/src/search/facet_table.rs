//! The facet values of every article, per segment, in plain arrays read once per segment.
//!
//! A facet count reads every matching article's values. Read from Tantivy's columns, each read is
//! a rank in an optional index and a walk of a multi-value index, and turning the counted
//! ordinals into strings decompresses dictionary blocks: together about a fifth of a query on
//! vietnews. A segment never changes once written, so its values are read into arrays once (when
//! the reader first sees the segment: [`FacetTables`] is a Tantivy [`Warmer`]) and every query
//! after that counts with two array reads per article and value.
//!
//! The single-valued columns with few values are also packed into one word per article
//! ([`PackedRows`]), so counting them reads one word per match.
//!
//! Memory: four bytes per article and column, plus four per extra value of a multi-valued column
//! and each distinct value once, plus eight per article for the packed row: about 5 MB for
//! 150,000 articles and six columns.

use std::sync::{Arc, RwLock};

use rustc_hash::FxHashMap;
use tantivy::columnar::StrColumn;
use tantivy::index::SegmentId;
use tantivy::{DocId, Searcher, SearcherGeneration, SegmentReader, Warmer};

/// The columns warmed when a reader first sees a segment (others are read on first use).
const WARMED: [&str; 6] = [
    "source",
    "province",
    "year",
    "cited",
    "doc_type",
    "year_month",
];

/// One column of one segment.
pub(crate) struct ColumnTable {
    /// Where each article's values start in `ords` (one entry more than articles); empty when no
    /// article has two values, and then `ords` holds one entry per article, the number of
    /// values (one past the last ordinal) for an article without one.
    starts: Vec<u32>,
    ords: Vec<u32>,
    /// Each ordinal's value.
    values: Vec<String>,
}

impl ColumnTable {
    fn read(column: &StrColumn, max_doc: DocId) -> std::io::Result<ColumnTable> {
        let mut values = Vec::with_capacity(column.num_terms());
        let mut terms = column.dictionary().stream()?;
        while terms.advance() {
            values.push(String::from_utf8_lossy(terms.key()).into_owned());
        }
        let mut starts = Vec::with_capacity(max_doc as usize + 1);
        let mut ords = Vec::with_capacity(max_doc as usize);
        let mut multi = false;
        for doc in 0..max_doc {
            starts.push(ords.len() as u32);
            let before = ords.len();
            ords.extend(column.term_ords(doc).map(|ord| ord as u32));
            multi |= ords.len() > before + 1;
        }
        starts.push(ords.len() as u32);
        if !multi {
            // At most one value each: one slot per article.
            let mut single = vec![values.len() as u32; max_doc as usize];
            for (doc, slot) in single.iter_mut().enumerate() {
                if starts[doc] < starts[doc + 1] {
                    *slot = ords[starts[doc] as usize];
                }
            }
            return Ok(ColumnTable {
                starts: Vec::new(),
                ords: single,
                values,
            });
        }
        Ok(ColumnTable {
            starts,
            ords,
            values,
        })
    }

    /// Distinct values in the column.
    pub fn num_values(&self) -> usize {
        self.values.len()
    }

    /// The value of ordinal `ord`.
    pub fn value(&self, ord: u32) -> Option<&str> {
        self.values.get(ord as usize).map(String::as_str)
    }

    /// When no article has two values: each article's ordinal, the number of values for an
    /// article without one.
    pub fn single_ords(&self) -> Option<&[u32]> {
        self.starts.is_empty().then_some(self.ords.as_slice())
    }

    /// Calls `f` with each value ordinal of article `doc`.
    #[inline]
    pub fn for_each_ord(&self, doc: DocId, mut f: impl FnMut(u32)) {
        let doc = doc as usize;
        if self.starts.is_empty() {
            if let Some(&ord) = self.ords.get(doc)
                && (ord as usize) < self.values.len()
            {
                f(ord);
            }
            return;
        }
        let (Some(&start), Some(&end)) = (self.starts.get(doc), self.starts.get(doc + 1)) else {
            return;
        };
        for &ord in &self.ords[start as usize..end as usize] {
            f(ord);
        }
    }
}

/// A segment's column: `None` when the segment has no such column.
type Slot = Option<Arc<ColumnTable>>;

/// Columns with at most this many distinct values are counted in an array (per query and
/// segment, so its size must not follow the corpus); the others in a hash map. Only those are
/// packed.
pub(crate) const DENSE_LIMIT: usize = 4_096;

/// Bits of a value ordinal in a [`PackedRows`] row (room for [`DENSE_LIMIT`] values and "none").
const PACKED_BITS: u32 = 16;

/// The single-valued columns of one segment with few values (the source, the year, the type,
/// the month), packed into one `u64` per article, [`PACKED_BITS`] bits each: counting them reads
/// one word per article instead of one array per column.
pub(crate) struct PackedRows {
    rows: Vec<u64>,
    /// The packed columns, in slot order (slot `i` is bits `16 i ..`).
    columns: Vec<&'static str>,
}

impl PackedRows {
    fn pack(tables: &[(&'static str, Arc<ColumnTable>)], max_doc: DocId) -> PackedRows {
        let mut rows = vec![0u64; max_doc as usize];
        let mut columns = Vec::new();
        for (name, table) in tables {
            let Some(ords) = table.single_ords() else {
                continue;
            };
            // "No value" packs as the number of values, at most DENSE_LIMIT < 2^16.
            if columns.len() as u32 * PACKED_BITS >= u64::BITS || table.num_values() > DENSE_LIMIT {
                continue;
            }
            let shift = columns.len() as u32 * PACKED_BITS;
            for (row, &ord) in rows.iter_mut().zip(ords) {
                *row |= u64::from(ord) << shift;
            }
            columns.push(*name);
        }
        PackedRows { rows, columns }
    }

    /// The bit shift of column `name`, when it is packed.
    pub fn shift_of(&self, name: &str) -> Option<u32> {
        let slot = self.columns.iter().position(|c| *c == name)?;
        Some(slot as u32 * PACKED_BITS)
    }

    /// The packed row of article `doc`.
    #[inline]
    pub fn row(&self, doc: DocId) -> Option<u64> {
        self.rows.get(doc as usize).copied()
    }

    /// The ordinal at `shift` in `row`.
    #[inline]
    pub fn ord_at(row: u64, shift: u32) -> usize {
        ((row >> shift) & ((1 << PACKED_BITS) - 1)) as usize
    }
}

/// Column tables by segment and column, for the segments the index's readers hold.
#[derive(Default)]
pub(crate) struct FacetTables {
    tables: RwLock<FxHashMap<(SegmentId, &'static str), Slot>>,
    packed: RwLock<FxHashMap<SegmentId, Arc<PackedRows>>>,
}

impl FacetTables {
    /// `name`'s table in the segment of `reader` (`None` when the segment has no such column),
    /// read now if no reader has needed it yet.
    pub fn column(&self, reader: &SegmentReader, name: &'static str) -> tantivy::Result<Slot> {
        let key = (reader.segment_id(), name);
        if let Ok(tables) = self.tables.read()
            && let Some(table) = tables.get(&key)
        {
            return Ok(table.clone());
        }
        let table = match reader.fast_fields().str(name)? {
            Some(column) => Some(Arc::new(ColumnTable::read(&column, reader.max_doc())?)),
            None => None,
        };
        if let Ok(mut tables) = self.tables.write() {
            tables.insert(key, table.clone());
        }
        Ok(table)
    }

    /// The packed rows of the segment of `reader` (the warmed columns that qualify).
    pub fn packed(&self, reader: &SegmentReader) -> tantivy::Result<Arc<PackedRows>> {
        let segment = reader.segment_id();
        if let Ok(packed) = self.packed.read()
            && let Some(rows) = packed.get(&segment)
        {
            return Ok(rows.clone());
        }
        let mut tables = Vec::new();
        for name in WARMED {
            if let Some(table) = self.column(reader, name)? {
                tables.push((name, table));
            }
        }
        let rows = Arc::new(PackedRows::pack(&tables, reader.max_doc()));
        if let Ok(mut packed) = self.packed.write() {
            packed.insert(segment, rows.clone());
        }
        Ok(rows)
    }
}

impl Warmer for FacetTables {
    fn warm(&self, searcher: &Searcher) -> tantivy::Result<()> {
        for reader in searcher.segment_readers() {
            self.packed(reader)?;
        }
        Ok(())
    }

    fn garbage_collect(&self, live_generations: &[&SearcherGeneration]) {
        let live = |segment: &SegmentId| {
            live_generations
                .iter()
                .any(|generation| generation.segments().contains_key(segment))
        };
        if let Ok(mut tables) = self.tables.write() {
            tables.retain(|(segment, _), _| live(segment));
        }
        if let Ok(mut packed) = self.packed.write() {
            packed.retain(|segment, _| live(segment));
        }
    }
}
