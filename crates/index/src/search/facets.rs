//! Facet counts and the month histogram, counted in the same pass as the total and the page.
//!
//! Each facet is a string fast field; per segment the collector counts term ordinals of the
//! matching articles (a small array when the field has few values, a hash map otherwise, so the
//! cost follows the matches, not the dictionary), then turns the ordinals it saw into strings in
//! one sorted walk of the dictionary. Counts are exact: every matching article is counted, in
//! every facet, and an article without a value in a facet is in none of its buckets.

use rustc_hash::FxHashMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// Fields with at most this many distinct values are counted in an array.
const DENSE_LIMIT: usize = 4_096;

/// Counts the values of several string fast fields over the matching articles.
pub(crate) struct FacetCollector {
    columns: Vec<&'static str>,
}

impl FacetCollector {
    /// A collector counting `columns` (fast field names), in that order.
    pub fn new(columns: Vec<&'static str>) -> Self {
        FacetCollector { columns }
    }
}

/// Per field, in the collector's order: count per value.
pub(crate) type FacetFruit = Vec<FxHashMap<String, u64>>;

enum Counts {
    Dense(Vec<u32>),
    Sparse(FxHashMap<u64, u32>),
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
    fn add(&mut self, ord: u64) {
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
    fn seen(self) -> Vec<(u64, u32)> {
        let mut seen: Vec<(u64, u32)> = match self {
            Counts::Dense(counts) => counts
                .into_iter()
                .enumerate()
                .filter(|(_, c)| *c > 0)
                .map(|(ord, c)| (ord as u64, c))
                .collect(),
            Counts::Sparse(counts) => counts.into_iter().collect(),
        };
        seen.sort_unstable_by_key(|(ord, _)| *ord);
        seen
    }
}

/// One segment's counting.
pub(crate) struct SegmentFacets {
    columns: Vec<Option<(StrColumn, Counts)>>,
}

impl Collector for FacetCollector {
    type Fruit = FacetFruit;
    type Child = SegmentFacets;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentFacets> {
        let mut columns = Vec::with_capacity(self.columns.len());
        for name in &self.columns {
            let column = reader.fast_fields().str(name)?;
            columns.push(column.map(|column| {
                let counts = Counts::for_terms(column.num_terms());
                (column, counts)
            }));
        }
        Ok(SegmentFacets { columns })
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
        for (column, counts) in self.columns.iter_mut().flatten() {
            for ord in column.term_ords(doc) {
                counts.add(ord);
            }
        }
    }

    fn harvest(self) -> FacetFruit {
        self.columns
            .into_iter()
            .map(|column| {
                let Some((column, counts)) = column else {
                    return FxHashMap::default();
                };
                let seen = counts.seen();
                let ords: Vec<u64> = seen.iter().map(|(ord, _)| *ord).collect();
                let mut values = FxHashMap::default();
                values.reserve(seen.len());
                let mut counts = seen.iter().map(|(_, count)| *count);
                let resolved = column.dictionary().sorted_ords_to_term_cb(&ords, |bytes| {
                    let count = counts.next().unwrap_or(0);
                    let value = String::from_utf8_lossy(bytes).into_owned();
                    *values.entry(value).or_insert(0) += u64::from(count);
                });
                if let Err(e) = resolved {
                    tracing::warn!("facet values unreadable: {e}");
                }
                values
            })
            .collect()
    }
}
