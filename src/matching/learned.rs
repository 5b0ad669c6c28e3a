//! What the broker taught the ranking about one query record (read from its dismissals and
//! pairs by `suggest_for`, applied in `expand.rs`).

/// What the broker has said about the query's partners, read by the ranking (as IN-PART's
/// decline feedback is): row ids of the other kind.
#[derive(Debug, Clone, Default)]
pub struct Learned {
    /// Dismissed as not relevant: the terms they share with the query misled, and weigh
    /// less for it.
    pub rejected: Vec<i64>,
    /// Dismissed as of the wrong field: their field earns no field points for this query.
    pub wrong_field: Vec<i64>,
    /// Paired, or dismissed as already known (relevant, just not news): their telling
    /// terms join the query, lightly.
    pub accepted: Vec<i64>,
}
