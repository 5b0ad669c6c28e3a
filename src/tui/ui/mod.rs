//! Shared widgets and helpers: text input, confirm, width fitting (fit.rs), layout, theme.

pub mod confirm;
pub mod contact;
pub mod fit;
pub mod input;
pub mod layout;
pub mod theme;
pub mod too_small;
