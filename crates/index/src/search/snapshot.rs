//! [`Snapshot`]: the index as one commit left it, and the generation that names that state.
//!
//! A search normally reads the latest commit. Work made of several searches (an export in
//! batches, a trend of several queries beside all articles) reads one snapshot instead, so every
//! part counts the same articles even when `tracuu update` commits in between. The snapshot's
//! [`generation`](Snapshot::generation) names what it holds: two snapshots with the same
//! generation hold the same articles, so a recorded search re-run on that generation gives the
//! same rows.
//!
//! ```no_run
//! # use tracuu_index::search::{SearchIndex, SearchRequest};
//! # fn demo(index: &SearchIndex) -> Result<(), tracuu_index::search::SearchError> {
//! let snapshot = index.snapshot();
//! let first = index.search_in(&snapshot, &SearchRequest { limit: 500, ..Default::default() })?;
//! let next = index.search_in(&snapshot, &SearchRequest { offset: 500, limit: 500, ..Default::default() })?;
//! println!("{} + {} rows of generation {}", first.hits.len(), next.hits.len(), snapshot.generation());
//! # Ok(()) }
//! ```

use sha2::{Digest, Sha256};
use tantivy::Searcher;

/// One commit of the index, held open (its files stay while the snapshot lives).
#[derive(Clone)]
pub struct Snapshot {
    searcher: Searcher,
    generation: String,
}

impl Snapshot {
    pub(crate) fn new(searcher: Searcher) -> Snapshot {
        let generation = generation_of(&searcher);
        Snapshot {
            searcher,
            generation,
        }
    }

    /// The searcher on the snapshot's commit.
    pub fn searcher(&self) -> &Searcher {
        &self.searcher
    }

    /// A name for the articles this snapshot holds: 16 hex digits derived from its segments and
    /// their deletions, the same in every process that opens the same commit, and different
    /// after any commit that adds, replaces or removes an article.
    pub fn generation(&self) -> &str {
        &self.generation
    }

    /// Articles in the snapshot.
    pub fn num_docs(&self) -> u64 {
        self.searcher.num_docs()
    }
}

impl std::fmt::Debug for Snapshot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Snapshot")
            .field("generation", &self.generation)
            .field("num_docs", &self.searcher.num_docs())
            .finish()
    }
}

/// SHA-256 over the segment ids and their delete stamps, in segment-id order.
pub(crate) fn generation_of(searcher: &Searcher) -> String {
    let mut hasher = Sha256::new();
    for (segment, deletes) in searcher.generation().segments() {
        hasher.update(segment.uuid_string().as_bytes());
        hasher.update(b":");
        if let Some(opstamp) = deletes {
            hasher.update(opstamp.to_string().as_bytes());
        }
        hasher.update(b"\n");
    }
    let digest = hasher.finalize();
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}
