//! `duijie import demands|results FILE`: read a spreadsheet, upsert its rows in one
//! transaction, report what happened and where the rejected rows went.

use std::fmt::Write as _;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use super::Ctx;
use crate::db::Db;
use crate::domain::Kind;
use crate::i18n::Lang;
use crate::i18n::cli::CliMsg;
use crate::import::{ImportOptions, SkipReason, import_file};
use crate::sanitize::one_line;

/// Import demands or results. Formats: CSV/TSV (UTF-8 with or without BOM, GBK/GB18030,
/// UTF-16 with or without BOM — detected), XLSX/XLS (first sheet, or --sheet) and JSON (an
/// array of objects). Headers are matched by Chinese or English names; other columns are kept.
/// Re-importing a file updates changed rows and adds nothing twice. Rows that cannot be
/// taken (a quote that never closes, a line in another encoding, a cell over 64 KB — 1 MB
/// for descriptions and extra columns) are listed with their line numbers and saved, as they
/// were, to a rejects CSV; blank rows and rows above the header are counted as skipped.
/// Exit status: 0 all rows taken, 3 some rejected, 1 the file could not be read.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// What the file holds: demands or results.
    #[arg(value_parser = super::list::parse_kind, value_name = "demands|results")]
    pub kind: Kind,
    /// The file: .csv, .tsv, .txt, .xlsx, .xlsm, .xls or .json.
    pub file: PathBuf,
    /// Read the file in this encoding instead of detecting it (utf-8, gbk, gb18030, utf-16le…).
    #[arg(long, value_name = "LABEL")]
    pub encoding: Option<String>,
    /// Workbook sheet to read (default: the first).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Report what would happen without changing the database (a rejects file is still
    /// written, so you can fix those rows first).
    #[arg(long)]
    pub dry_run: bool,
    /// Print the report as JSON: {"added","updated","unchanged","rejected":[{"line","reason"}],"rejects_file","skipped":[{"line","reason"}]}.
    #[arg(long)]
    pub json: bool,
}

fn show_progress(lang: Lang, done: usize, total: usize) {
    eprint!("\r{}", CliMsg::Importing.fill(lang, &[&done, &total]));
    if done + crate::import::PROGRESS_EVERY > total {
        eprintln!();
    }
}

/// The progress callback takes no context, so one per language.
fn progress_for(lang: Lang) -> fn(usize, usize) {
    match lang {
        Lang::Zh => |done, total| show_progress(Lang::Zh, done, total),
        Lang::En => |done, total| show_progress(Lang::En, done, total),
    }
}

pub fn run(args: &ImportArgs, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    // A file that cannot be read creates no database and makes no backup.
    if let Err(e) = std::fs::File::open(&args.file) {
        anyhow::bail!("{}: cannot read: {e}", args.file.display());
    }
    let (mut db, created) = if args.dry_run && ctx.at.file().is_some_and(|f| !f.exists()) {
        // A dry run creates nothing: with no database yet, it reads into an empty one in
        // memory, which shows what a real import would add.
        (Db::open_in_memory()?, true)
    } else {
        ctx.open_db_for_adding()?
    };
    if !args.dry_run {
        db.writable()?;
        // A new file has nothing to lose; any other gets its way back first (quietly: the
        // newest `backups` of them are in backups/ beside the database).
        if !created {
            db.auto_backup(crate::db::backup::Reason::Import, ctx.keep_backups)?;
        }
    }
    let opts = ImportOptions {
        encoding: args.encoding.clone(),
        sheet: args.sheet.clone(),
        dry_run: args.dry_run,
        rejects_dir: Some(ctx.at.rejects_dir()),
        progress: (!args.json && std::io::stderr().is_terminal()).then(|| progress_for(ctx.lang)),
        ..ImportOptions::default()
    };
    let report = import_file(&mut db, args.kind, &args.file, &opts)?;
    if args.json {
        super::print_json(&report)?;
    } else {
        let name = args.file.file_name().map_or_else(
            || args.file.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let lang = ctx.lang;
        let dry = if args.dry_run {
            CliMsg::DryRun.text(lang)
        } else {
            ""
        };
        let mut text = CliMsg::ImportSummary.fill(
            lang,
            &[
                &one_line(&name),
                &report.added,
                &report.updated,
                &report.unchanged,
                &report.rejected.len(),
                &dry,
            ],
        );
        text.push('\n');
        for (reason, msg) in [
            (SkipReason::Blank, CliMsg::SkippedBlank),
            (SkipReason::AboveHeader, CliMsg::SkippedAbove),
        ] {
            let lines: Vec<usize> = report
                .skipped
                .iter()
                .filter(|s| s.reason == reason)
                .map(|s| s.line)
                .collect();
            if !lines.is_empty() {
                text += &msg.fill(lang, &[&lines.len(), &line_list(&lines)]);
                text.push('\n');
            }
        }
        for r in &report.rejected {
            text += &CliMsg::RejectedLine.fill(lang, &[&r.line, &one_line(&r.reason)]);
            text.push('\n');
        }
        if let Some(path) = &report.rejects_file {
            text += &CliMsg::RejectsSaved.fill(lang, &[&one_line(path)]);
            text.push('\n');
        }
        out!("{text}")?;
    }
    Ok(if report.rejected.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(3)
    })
}

/// Lines as "3, 5, 9", the first ten and then how many more.
fn line_list(lines: &[usize]) -> String {
    const SHOWN: usize = 10;
    let mut text = lines
        .iter()
        .take(SHOWN)
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    if lines.len() > SHOWN {
        let _ = write!(text, " … (+{})", lines.len() - SHOWN);
    }
    text
}
