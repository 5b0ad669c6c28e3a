//! The desk: demands and results side by side, the search line, filter chips, the detail pane
//! and the status bar.

pub mod chips;
pub mod confirm;
pub mod detail;
pub mod keys;
pub mod list;
pub mod live;
pub mod row;
pub mod rows;
pub mod search_bar;
pub mod state;
pub mod status;
pub mod update;
pub mod views;
