//! The pair detail: one pair in full over the board or the agenda, moved with the board's
//! keys.

pub mod keys;
pub mod update;
pub mod view;

pub use view::{lines, render};
