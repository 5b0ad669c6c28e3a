//! `duijie config [--default]`: where the config file is and what is in effect, or a
//! commented default config to start from.

use std::process::ExitCode;

use crate::i18n::Lang;
use crate::i18n::cli::CliMsg;

#[derive(Debug, clap::Args)]
pub struct ConfigArgs {
    /// Print a commented default config listing every action and its keys.
    #[arg(long)]
    pub default: bool,
}

pub fn run(args: &ConfigArgs, lang: Lang) -> anyhow::Result<ExitCode> {
    if args.default {
        out!("{}", crate::config::default_text())?;
        return Ok(ExitCode::SUCCESS);
    }
    let path = crate::config::path();
    let cfg = crate::config::load(&path)?;
    let state = if path.exists() {
        ""
    } else {
        CliMsg::ConfigAbsent.text(lang)
    };
    outln!(
        "# {}{state}",
        crate::sanitize::one_line(&path.display().to_string())
    )?;
    out!("{}", crate::config::effective_text(&cfg))?;
    Ok(ExitCode::SUCCESS)
}
