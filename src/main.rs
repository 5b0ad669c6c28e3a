//! The `duijie` binary: parse the command line, run, map errors to exit statuses.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = duijie::cli::Cli::parse();
    match duijie::cli::run(cli) {
        Ok(code) => code,
        Err(err) => {
            let msg = format!("{err:#}");
            eprintln!("duijie: error: {}", duijie::sanitize::one_line(&msg));
            ExitCode::from(1)
        }
    }
}
