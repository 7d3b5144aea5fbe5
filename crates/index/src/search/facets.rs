//! Facet counts and the month histogram, collected in the same pass as the total and the page.
//!
//! Each facet is a string fast field, read into plain arrays once per segment
//! ([`FacetTables`]). Per segment the collector keeps the matching articles' numbers, and at
//! the segment's end counts their value ordinals (a small array when the field has few values, a
//! hash map otherwise, so the cost follows the matches, not the dictionary), then names the
//! ordinals it saw. Counting after the pass, one column at a time, makes each read independent
//! of the one before, so the processor overlaps their cache misses: counting inside the scorer's
//! loop waited for each (about 3 % of a median query on vietnews). Counts are exact:
//! every matching article is counted, in every facet, and an article without a value in a facet
//! is in none of its buckets.

use std::sync::Arc;

use rustc_hash::FxHashMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::search::facet_table::{ColumnTable, DENSE_LIMIT, FacetTables, PackedRows};

/// Counts the values of several string fast fields over the matching articles.
pub(crate) struct FacetCollector {
    tables: Arc<FacetTables>,
    columns: Vec<&'static str>,
}

impl FacetCollector {
    /// A collector counting `columns` (fast field names), in that order, from `tables`.
    pub fn new(tables: Arc<FacetTables>, columns: Vec<&'static str>) -> Self {
        FacetCollector { tables, columns }
    }
}

/// Per field, in the collector's order: count per value.
pub(crate) type FacetFruit = Vec<FxHashMap<String, u64>>;

enum Counts {
    Dense(Vec<u32>),
    Sparse(FxHashMap<u32, u32>),
}

impl Counts {
    fn for_terms(terms: usize) -> Counts {
        if terms <= DENSE_LIMIT {
            Counts::Dense(vec![0; terms])
        } else {
            Counts::Sparse(FxHashMap::default())
        }
    }

    #[inline]
    fn add(&mut self, ord: u32) {
        match self {
            Counts::Dense(counts) => {
                if let Some(slot) = counts.get_mut(ord as usize) {
                    *slot += 1;
                }
            }
            Counts::Sparse(counts) => *counts.entry(ord).or_insert(0) += 1,
        }
    }

    /// (ordinal, count) for the values seen, by ordinal.
    fn seen(self) -> Vec<(u32, u32)> {
        match self {
            Counts::Dense(counts) => counts
                .into_iter()
                .enumerate()
                .filter(|(_, c)| *c > 0)
                .map(|(ord, c)| (ord as u32, c))
                .collect(),
            Counts::Sparse(counts) => counts.into_iter().collect(),
        }
    }
}

/// One segment's counting. Columns with at most one value per article and few values (the
/// year, the month, the source, the type) are packed in one word per article: one read per
/// match, then one increment per column. The others go through [`ColumnTable::for_each_ord`].
pub(crate) struct SegmentFacets {
    packed: Arc<PackedRows>,
    /// (column index, table, its shift in the packed row, count per ordinal plus one slot for
    /// "no value").
    singles: Vec<(usize, Arc<ColumnTable>, u32, Vec<u32>)>,
    /// (column index, table, counts).
    others: Vec<(usize, Arc<ColumnTable>, Counts)>,
    columns: usize,
    /// The matching articles, in order, counted at harvest.
    docs: Vec<DocId>,
}

impl Collector for FacetCollector {
    type Fruit = FacetFruit;
    type Child = SegmentFacets;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentFacets> {
        let packed = self.tables.packed(reader)?;
        let mut singles = Vec::new();
        let mut others = Vec::new();
        for (at, name) in self.columns.iter().enumerate() {
            let Some(table) = self.tables.column(reader, name)? else {
                continue;
            };
            let values = table.num_values();
            match packed.shift_of(name) {
                Some(shift) => singles.push((at, table, shift, vec![0; values + 1])),
                None => others.push((at, table, Counts::for_terms(values))),
            }
        }
        Ok(SegmentFacets {
            packed,
            singles,
            others,
            columns: self.columns.len(),
            docs: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<FacetFruit>) -> tantivy::Result<FacetFruit> {
        let mut merged: FacetFruit = vec![FxHashMap::default(); self.columns.len()];
        for fruit in fruits {
            for (into, from) in merged.iter_mut().zip(fruit) {
                if into.is_empty() {
                    *into = from;
                    continue;
                }
                for (value, count) in from {
                    *into.entry(value).or_insert(0) += count;
                }
            }
        }
        Ok(merged)
    }
}

impl SegmentCollector for SegmentFacets {
    type Fruit = FacetFruit;

    #[inline]
    fn collect(&mut self, doc: DocId, _score: Score) {
        self.docs.push(doc);
    }

    fn harvest(mut self) -> FacetFruit {
        self.count_buffered();
        let mut fruit: FacetFruit = vec![FxHashMap::default(); self.columns];
        let singles = self.singles.into_iter().map(|(at, table, _, mut counts)| {
            counts.truncate(table.num_values());
            (at, table, Counts::Dense(counts))
        });
        for (at, table, counts) in singles.chain(self.others) {
            let seen = counts.seen();
            let values = &mut fruit[at];
            values.reserve(seen.len());
            for (ord, count) in seen {
                if let Some(value) = table.value(ord) {
                    *values.entry(value.to_string()).or_insert(0) += u64::from(count);
                }
            }
        }
        fruit
    }
}

impl SegmentFacets {
    /// Counts the buffered articles: one column (or the packed row) at a time over all of them.
    /// Each read is independent of the one before, so the processor overlaps their cache misses,
    /// where counting inside the scorer's loop waited for each.
    fn count_buffered(&mut self) {
        let docs = std::mem::take(&mut self.docs);
        if !self.singles.is_empty() {
            for &doc in &docs {
                let Some(row) = self.packed.row(doc) else {
                    continue;
                };
                for (_, _, shift, counts) in &mut self.singles {
                    if let Some(slot) = counts.get_mut(PackedRows::ord_at(row, *shift)) {
                        *slot += 1;
                    }
                }
            }
        }
        for (_, table, counts) in &mut self.others {
            for &doc in &docs {
                table.for_each_ord(doc, |ord| counts.add(ord));
            }
        }
    }
}
