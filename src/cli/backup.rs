//! `duijie backup [FILE]`, `duijie restore FILE [--yes]` and `duijie check [--salvage OUT]`:
//! copies of the database, going back to one, and finding out whether the file is sound.

use std::io::{BufRead as _, IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::Ctx;
use crate::db::{Db, DbError, backup, check};
use crate::i18n::cli::CliMsg;
use crate::i18n::errors::ErrMsg;
use crate::paths;
use crate::sanitize::one_line;

/// Copy the database while it is in use (SQLite's online backup): a consistent snapshot
/// even while a desk writes. The copy is private to you (0600).
#[derive(Debug, clap::Args)]
pub struct BackupArgs {
    /// Where to write the copy (must not exist yet). Default: a new file named by the time
    /// in `backups/` beside the database (automatic backups are kept there too, the newest
    /// `backups` of them by the config; copies made with this command are never pruned).
    pub file: Option<PathBuf>,
}

/// Replace the whole database with a backup. The current database is backed up first (into
/// `backups/`), so `duijie restore` with that file takes the restore back. FILE must be a
/// sound duijie database.
#[derive(Debug, clap::Args)]
pub struct RestoreArgs {
    /// The backup to restore from.
    pub file: PathBuf,
    /// Do not ask for confirmation.
    #[arg(long, short = 'y')]
    pub yes: bool,
}

/// Run SQLite's integrity check on the database (read-only) and report. Exit status 0 when it
/// is sound, 1 when it is damaged.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Write every row that can still be read, table by table, to this JSON file.
    #[arg(long, value_name = "OUT.json")]
    pub salvage: Option<PathBuf>,
    /// With --salvage: replace OUT.json if it exists.
    #[arg(long)]
    pub force: bool,
}

fn shown(path: &Path) -> String {
    one_line(&path.display().to_string())
}

pub fn run_backup(args: &BackupArgs, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let db = ctx.open_db()?;
    let dest = match &args.file {
        Some(f) => f.clone(),
        None => backup::manual_path(ctx.file()?),
    };
    if dest.exists() {
        anyhow::bail!(ErrMsg::PathExists.fill(ctx.lang, &[&shown(&dest)]));
    }
    db.backup_to(&dest)?;
    outln!("{}", CliMsg::BackedUp.fill(ctx.lang, &[&shown(&dest)]))?;
    Ok(ExitCode::SUCCESS)
}

/// Asks on the terminal; true only for an answer of y / yes / 是.
fn confirmed(question: &str) -> anyhow::Result<bool> {
    eprint!("{question}");
    std::io::stderr().flush()?;
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    Ok(matches!(
        answer.trim().to_lowercase().as_str(),
        "y" | "yes" | "是"
    ))
}

pub fn run_restore(args: &RestoreArgs, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let lang = ctx.lang;
    if !args.file.exists() {
        anyhow::bail!(DbError::Missing {
            path: args.file.clone()
        });
    }
    if !args.yes {
        if !std::io::stdin().is_terminal() {
            anyhow::bail!(ErrMsg::RestoreNeedsYes.text(lang));
        }
        let ask = CliMsg::RestoreAsk.fill(lang, &[&shown(ctx.file()?), &shown(&args.file)]);
        if !confirmed(&ask)? {
            eprintln!("{}", CliMsg::RestoreCancelled.text(lang));
            return Ok(ExitCode::from(1));
        }
    }
    // A path with no database yet gets a new one to restore into (restoring on a new machine).
    if !ctx.file()?.exists() {
        drop(ctx.open_db_for_adding()?);
    }
    let restored = backup::restore(ctx.file()?, &args.file, ctx.keep_backups)?;
    // Opening again upgrades a backup written by an older duijie.
    drop(Db::open_existing(ctx.file()?, ctx.keep_backups)?);
    outln!(
        "{}",
        CliMsg::Restored.fill(lang, &[&shown(ctx.file()?), &shown(&args.file)])
    )?;
    if let Some(prev) = restored.previous {
        let prev = shown(&prev);
        outln!("{}", CliMsg::RestoreUndo.fill(lang, &[&prev, &prev]))?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn run_check(args: &CheckArgs, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let lang = ctx.lang;
    if let Some(out) = &args.salvage {
        return salvage(out, args.force, ctx);
    }
    let report = check::check(ctx.file()?)?;
    let path = shown(&report.path);
    let mut text = if report.ok {
        CliMsg::CheckOk.fill(lang, &[&path])
    } else {
        CliMsg::CheckBad.fill(lang, &[&path, &report.problems.len()])
    };
    text.push('\n');
    for p in &report.problems {
        text += "  ";
        text += &one_line(p);
        text.push('\n');
    }
    for (table, n) in &report.rows {
        text += &CliMsg::CheckRows.fill(lang, &[&one_line(table), n]);
        text.push('\n');
    }
    if !report.ok {
        text += CliMsg::CheckHint.text(lang);
        text.push('\n');
        if let Some(newest) = backup::list(ctx.file()?).first() {
            text += &CliMsg::CheckNewestBackup.fill(lang, &[&shown(newest)]);
            text.push('\n');
        }
    }
    out!("{text}")?;
    Ok(if report.ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn salvage(out: &Path, force: bool, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    if paths::same_file(out, ctx.file()?) {
        anyhow::bail!(ErrMsg::ExportOntoDb.fill(ctx.lang, &[&shown(out)]));
    }
    if out.exists() && !force {
        anyhow::bail!(ErrMsg::OutputExists.fill(ctx.lang, &[&shown(out)]));
    }
    let found = check::salvage(ctx.file()?)?;
    let mut text = serde_json::to_string_pretty(&found.to_json())?;
    text.push('\n');
    let existing = if force {
        paths::Existing::Replace
    } else {
        paths::Existing::Keep
    };
    paths::write_atomic(out, text.as_bytes(), existing)
        .map_err(|e| anyhow::anyhow!(ErrMsg::CannotWrite.fill(ctx.lang, &[&shown(out), &e])))?;
    outln!(
        "{}",
        CliMsg::Salvaged.fill(ctx.lang, &[&found.rows(), &shown(out), &found.failures()])
    )?;
    Ok(ExitCode::SUCCESS)
}
