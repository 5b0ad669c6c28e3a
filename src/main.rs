//! The `duijie` binary: parse the command line, run, map errors to exit statuses. A closed
//! stdout (`duijie list demands | head`) is not an error: exit 0, say nothing.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = duijie::cli::Cli::parse();
    let lang = duijie::cli::lang();
    match duijie::cli::run(cli, lang) {
        Ok(code) => code,
        Err(err) if duijie::cli::errors::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("{}", duijie::cli::errors::line(&err, lang));
            ExitCode::from(1)
        }
    }
}
