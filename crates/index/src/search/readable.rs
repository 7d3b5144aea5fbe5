//! Queries whose parts can be read back: the weight of a weighted query and the days of a date
//! range.
//!
//! Tantivy's `BoostQuery` and `RangeQuery` keep their parts private. tracuu builds its queries
//! from these two instead (they run exactly as Tantivy's own), so that a built query can be walked
//! and written for another engine: `tracuu query-dsl` turns the very query the engine runs into
//! OpenSearch Query DSL, with no second copy of the matching rule to drift (crates/scaleout).

use std::fmt;
use std::ops::Bound;

use tantivy::query::{BoostWeight, EnableScoring, Query, RangeQuery, Weight};
use tantivy::schema::Field;
use tantivy::{Score, Term};

/// A query whose score is multiplied by `boost` (0 makes it match without scoring).
pub struct Weighted {
    query: Box<dyn Query>,
    boost: Score,
}

impl Weighted {
    /// `query`, its score multiplied by `boost`.
    pub fn new(query: Box<dyn Query>, boost: Score) -> Weighted {
        Weighted { query, boost }
    }

    /// The query weighted.
    pub fn query(&self) -> &dyn Query {
        self.query.as_ref()
    }

    /// The factor its score is multiplied by.
    pub fn boost(&self) -> Score {
        self.boost
    }
}

impl Clone for Weighted {
    fn clone(&self) -> Self {
        Weighted {
            query: self.query.box_clone(),
            boost: self.boost,
        }
    }
}

impl fmt::Debug for Weighted {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "Weighted(query={:?}, boost={})", self.query, self.boost)
    }
}

impl Query for Weighted {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let weight = self.query.weight(enable_scoring)?;
        if enable_scoring.is_scoring_enabled() {
            Ok(Box::new(BoostWeight::new(weight, self.boost)))
        } else {
            Ok(weight)
        }
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.query.query_terms(visitor);
    }
}

/// Articles whose day (`YYYYMMDD` in an i64 field) lies between two days, both included.
#[derive(Clone, Debug)]
pub struct DayRange {
    field: Field,
    from: Option<i64>,
    to: Option<i64>,
    query: RangeQuery,
}

impl DayRange {
    /// Days from `from` to `to` in `field`, either end open; `None` when both are (that is no
    /// range at all, and Tantivy's range query needs one bound).
    pub fn new(field: Field, from: Option<i64>, to: Option<i64>) -> Option<DayRange> {
        if from.is_none() && to.is_none() {
            return None;
        }
        let bound = |day: Option<i64>| match day {
            Some(day) => Bound::Included(Term::from_field_i64(field, day)),
            None => Bound::Unbounded,
        };
        Some(DayRange {
            field,
            from,
            to,
            query: RangeQuery::new(bound(from), bound(to)),
        })
    }

    /// The field holding the days.
    pub fn field(&self) -> Field {
        self.field
    }

    /// The first day included, if any.
    pub fn from(&self) -> Option<i64> {
        self.from
    }

    /// The last day included, if any.
    pub fn to(&self) -> Option<i64> {
        self.to
    }
}

impl Query for DayRange {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        self.query.weight(enable_scoring)
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.query.query_terms(visitor);
    }
}
