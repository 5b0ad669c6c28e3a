//! Full-screen views besides the desk: the pipeline board and the agenda, and the one place
//! pipeline types become the components' view-models.

pub mod agenda;
pub mod board;
pub mod vm;
