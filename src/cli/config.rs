//! `duijie config [--default]`: where the config file is and what is in effect, or a
//! commented default config to start from.

use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct ConfigArgs {
    /// Print a commented default config listing every action and its keys.
    #[arg(long)]
    pub default: bool,
}

pub fn run(args: &ConfigArgs) -> anyhow::Result<ExitCode> {
    if args.default {
        print!("{}", crate::config::default_text());
        return Ok(ExitCode::SUCCESS);
    }
    let path = crate::config::path();
    let cfg = crate::config::load(&path)?;
    let state = if path.exists() {
        ""
    } else {
        " (not present: defaults)"
    };
    println!(
        "# {}{state}",
        crate::sanitize::one_line(&path.display().to_string())
    );
    print!("{}", crate::config::effective_text(&cfg));
    Ok(ExitCode::SUCCESS)
}
