//! The full-screen desk.

pub mod theme;

use crate::db::Db;

pub fn run(_db: Db) -> anyhow::Result<()> {
    anyhow::bail!("the desk is not built yet")
}
