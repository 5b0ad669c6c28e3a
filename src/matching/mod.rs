//! Suggestion scoring: which results may fit a demand (and the reverse), with reasons.
