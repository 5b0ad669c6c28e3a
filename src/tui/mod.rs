//! The full-screen desk: demands and results side by side, live search, filters, saved views,
//! the pipeline board, the agenda.
//!
//! Shape: one [`model::Model`], a pure [`update::update`] returning effects as data, a runner
//! that performs them (`app/`), and [`draw::draw`] rendering from `&Model`. Features live in
//! `features/`, shared widgets in `ui/`, the key table in `keys/`.

pub mod action;
pub mod app;
pub mod bindings;
pub mod draw;
pub mod effect;
pub mod features;
pub mod keys;
pub mod model;
pub mod overlay;
pub mod ui;
pub mod update;

pub use crate::i18n::Lang;
pub use app::run;
pub use ui::theme::Theme;
