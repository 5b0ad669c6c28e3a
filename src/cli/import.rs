//! `duijie import demands|results FILE`.

use std::process::ExitCode;

use super::Ctx;

#[derive(Debug, clap::Args)]
pub struct ImportArgs {}

pub fn run(_args: &ImportArgs, _ctx: &Ctx) -> anyhow::Result<ExitCode> {
    anyhow::bail!("import is not built yet")
}
