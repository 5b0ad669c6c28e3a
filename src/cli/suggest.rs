//! `duijie suggest CODE`.

use std::process::ExitCode;

use super::Ctx;

#[derive(Debug, clap::Args)]
pub struct SuggestArgs {}

pub fn run(_args: &SuggestArgs, _ctx: &Ctx) -> anyhow::Result<ExitCode> {
    anyhow::bail!("suggest is not built yet")
}
