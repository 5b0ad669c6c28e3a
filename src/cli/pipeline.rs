//! `duijie pair|move|log|agenda|board|undo`.

use std::process::ExitCode;

use super::Ctx;

#[derive(Debug, clap::Args)]
pub struct PairArgs {}
#[derive(Debug, clap::Args)]
pub struct MoveArgs {}
#[derive(Debug, clap::Args)]
pub struct LogArgs {}
#[derive(Debug, clap::Args)]
pub struct AgendaArgs {}
#[derive(Debug, clap::Args)]
pub struct BoardArgs {}
#[derive(Debug, clap::Args)]
pub struct UndoArgs {}

pub fn run_pair(_a: &PairArgs, _ctx: &Ctx) -> anyhow::Result<ExitCode> {
    anyhow::bail!("pair is not built yet")
}
pub fn run_move(_a: &MoveArgs, _ctx: &Ctx) -> anyhow::Result<ExitCode> {
    anyhow::bail!("move is not built yet")
}
pub fn run_log(_a: &LogArgs, _ctx: &Ctx) -> anyhow::Result<ExitCode> {
    anyhow::bail!("log is not built yet")
}
pub fn run_agenda(_a: &AgendaArgs, _ctx: &Ctx) -> anyhow::Result<ExitCode> {
    anyhow::bail!("agenda is not built yet")
}
pub fn run_board(_a: &BoardArgs, _ctx: &Ctx) -> anyhow::Result<ExitCode> {
    anyhow::bail!("board is not built yet")
}
pub fn run_undo(_a: &UndoArgs, _ctx: &Ctx) -> anyhow::Result<ExitCode> {
    anyhow::bail!("undo is not built yet")
}
