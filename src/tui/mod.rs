//! The full-screen desk.

pub mod components;
pub mod lang;
pub mod theme;

pub use lang::Lang;
pub use theme::Theme;

use crate::db::Db;

pub fn run(_db: Db) -> anyhow::Result<()> {
    anyhow::bail!("the desk is not built yet")
}
