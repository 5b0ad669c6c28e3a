//! `duijie list demands|results` and `duijie show CODE`.

use std::process::ExitCode;

use super::Ctx;

#[derive(Debug, clap::Args)]
pub struct ListArgs {}

#[derive(Debug, clap::Args)]
pub struct ShowArgs {}

pub fn run_list(_args: &ListArgs, _ctx: &Ctx) -> anyhow::Result<ExitCode> {
    anyhow::bail!("list is not built yet")
}

pub fn run_show(_args: &ShowArgs, _ctx: &Ctx) -> anyhow::Result<ExitCode> {
    anyhow::bail!("show is not built yet")
}
