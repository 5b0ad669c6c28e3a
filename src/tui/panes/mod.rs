//! The panes of the desk, one per file; each renders from `&Model`.

pub mod chips;
pub mod detail;
pub mod list;
pub mod search_bar;
pub mod status;
