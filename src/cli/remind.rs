//! `duijie remind` (what is overdue or due today, quiet when nothing is) and
//! `duijie agenda --ics [-o FILE]` (the reminders as iCalendar).

use std::path::Path;
use std::process::ExitCode;

use super::Ctx;
use crate::i18n::reports::ReportMsg;
use crate::pipeline::Clock;
use crate::pipeline::reminders::{due_now, ics, remind_line, reminders};
use crate::sanitize::one_line;

#[derive(Debug, clap::Args)]
pub struct RemindArgs {}

pub fn run(_a: &RemindArgs, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let clock = Clock::system();
    let db = ctx.open_db()?;
    let items = reminders(db.conn(), &clock)?;
    let today = clock.today();
    for r in due_now(&items, today) {
        outln!("{}", remind_line(r, today, ctx.lang))?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn run_ics(output: Option<&Path>, force: bool, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let clock = Clock::system();
    let db = ctx.open_db()?;
    let items = reminders(db.conn(), &clock)?;
    let text = ics(&items, &clock);
    match output {
        None => out!("{text}")?,
        Some(path) => {
            super::export::write_output(path, text.as_bytes(), force, ctx)?;
            eprintln!(
                "{}",
                ReportMsg::IcsWritten.fill(
                    ctx.lang,
                    &[&items.len(), &one_line(&path.display().to_string())]
                )
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
