//! `duijie export demands|results|pairs|followups`.

use std::process::ExitCode;

use super::Ctx;

#[derive(Debug, clap::Args)]
pub struct ExportArgs {}

pub fn run(_args: &ExportArgs, _ctx: &Ctx) -> anyhow::Result<ExitCode> {
    anyhow::bail!("export is not built yet")
}
