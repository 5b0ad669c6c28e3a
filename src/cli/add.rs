//! `duijie add demand|result` and `duijie edit CODE`.

use std::process::ExitCode;

use super::Ctx;

#[derive(Debug, clap::Args)]
pub struct AddArgs {}

#[derive(Debug, clap::Args)]
pub struct EditArgs {}

pub fn run_add(_args: &AddArgs, _ctx: &Ctx) -> anyhow::Result<ExitCode> {
    anyhow::bail!("add is not built yet")
}

pub fn run_edit(_args: &EditArgs, _ctx: &Ctx) -> anyhow::Result<ExitCode> {
    anyhow::bail!("edit is not built yet")
}
