//! The citator: for one cited document, what the number says about it and which articles cite
//! it — how many, by month and by source, what they cite with it, and each citing article,
//! newest first, with the sentence that cites it.
//!
//! The count, the months, the sources, the co-cited documents and the page come from one pass of
//! the engine over the `ref:` filter set, the same query a search filtered on the document runs
//! (so the citing count is that search's total): the facet collector counts over the citing
//! articles only, and the page of articles is sorted newest first in the same pass. The years
//! written after the number are counted from the `number@year` keys, one small count each.
//! Costs grow with the citing articles, never with the corpus.
//!
//! ```no_run
//! use tracuu_index::citator::CitatorRequest;
//! use tracuu_index::search::SearchIndex;
//! # fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! let index = SearchIndex::open(std::path::Path::new(".tracuu/index"))?;
//! let report = index.citator(&CitatorRequest::new("36-NQ/TW"))?;
//! println!("{} articles cite {}", report.citing, report.document.number);
//! # Ok(()) }
//! ```

mod report;
mod sentence;

pub use report::{CitatorReport, CitatorRequest, CitingArticle, DEFAULT_CITED_WITH};
