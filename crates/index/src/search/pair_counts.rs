//! How many articles hold each query syllable pair: estimated once per index version, then
//! remembered, because counting a pair costs as much as running its phrase query and the same
//! pairs ("nước ngoài", "việt nam") come back in query after query.

use std::collections::HashMap;
use std::sync::Mutex;

use tantivy::query::{EnableScoring, PhraseQuery, Query};
use tantivy::{Searcher, SegmentReader, Term};

/// Articles in which a pair is counted before scaling to the whole index; a smaller index is
/// counted whole, so its numbers are exact.
pub const PAIR_SAMPLE_DOCS: u64 = 25_000;

/// Pairs remembered at most; the memory is cleared when full (a few MB).
const MAX_PAIRS: usize = 100_000;

/// Estimated article counts of syllable pairs for one index, shared by concurrent searches.
#[derive(Default)]
pub struct PairCounts {
    cache: Mutex<Cache>,
}

#[derive(Default)]
struct Cache {
    /// The searcher generation the counts belong to; a new commit starts afresh.
    generation: u64,
    counts: HashMap<Vec<u8>, u64>,
}

impl PairCounts {
    /// Estimated number of articles holding `terms` next to each other, in order.
    pub fn get(&self, searcher: &Searcher, terms: &[Term]) -> Option<u64> {
        let generation = searcher.generation().generation_id();
        let mut key: Vec<u8> = Vec::with_capacity(32);
        for term in terms {
            key.extend_from_slice(&term.field().field_id().to_le_bytes());
            key.extend_from_slice(term.serialized_value_bytes());
            key.push(0xFF);
        }
        if let Ok(cache) = self.cache.lock()
            && cache.generation == generation
            && let Some(&count) = cache.counts.get(&key)
        {
            return Some(count);
        }
        let count = estimate_pair_docs(searcher, terms)?;
        if let Ok(mut cache) = self.cache.lock() {
            if cache.generation != generation || cache.counts.len() >= MAX_PAIRS {
                cache.counts.clear();
                cache.generation = generation;
            }
            cache.counts.insert(key, count);
        }
        Some(count)
    }
}

/// Counts the phrase in the largest segments until [`PAIR_SAMPLE_DOCS`] articles are covered and
/// scales to the index: IDF, a logarithm, needs only the order of magnitude.
pub fn estimate_pair_docs(searcher: &Searcher, terms: &[Term]) -> Option<u64> {
    let docs = searcher.num_docs();
    let weight = PhraseQuery::new(terms.to_vec())
        .weight(EnableScoring::disabled_from_searcher(searcher))
        .ok()?;
    let mut segments: Vec<&SegmentReader> = searcher.segment_readers().iter().collect();
    segments.sort_by_key(|segment| std::cmp::Reverse(segment.num_docs()));
    let (mut sampled, mut together) = (0u64, 0u64);
    for segment in segments {
        if sampled >= PAIR_SAMPLE_DOCS {
            break;
        }
        together += u64::from(weight.count(segment).ok()?);
        sampled += u64::from(segment.num_docs());
    }
    let estimate = (together as f64 * docs as f64 / sampled.max(1) as f64).round() as u64;
    Some(estimate.min(docs))
}
