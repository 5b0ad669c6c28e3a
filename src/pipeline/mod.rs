//! Pairs and their pipeline: tagging, stage moves with required fields, stage history,
//! follow-ups, next actions, the agenda and undo.

pub mod demo;
