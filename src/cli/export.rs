//! `duijie export demands|results|pairs|followups`: CSV or JSON to stdout or a file, XLSX
//! to a file. Record exports re-import cleanly (same headers, extra columns kept).
//!
//! A file is never the database and never replaced without `--force`; it is written whole
//! (a temporary file, synced, renamed) and private (0600). On a terminal, control characters
//! in the data are shown escaped; to a file or a pipe the bytes are exact.

use std::io::{IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::Ctx;
use crate::domain::Kind;
use crate::export::{self, Target, table};
use crate::i18n::Lang;
use crate::i18n::cli::CliMsg;
use crate::i18n::errors::ErrMsg;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum What {
    Demands,
    Results,
    Pairs,
    Followups,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Csv,
    Json,
    Xlsx,
}

/// Export demands, results, pairs or follow-ups. CSV and XLSX use the Chinese headers that
/// `duijie import` recognises (cells starting with = + - @ are prefixed with ' so a
/// spreadsheet never runs them); JSON uses English keys.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    #[arg(value_enum)]
    pub what: What,
    /// Output format (default: from the -o extension, else csv).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Write to this file instead of stdout (required for xlsx).
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace the -o file if it exists.
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: &ExportArgs, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let target = match args.what {
        What::Demands => Target::Records(Kind::Demand),
        What::Results => Target::Records(Kind::Achievement),
        What::Pairs => Target::Pairs,
        What::Followups => Target::FollowUps,
    };
    let format = args.format.unwrap_or_else(|| {
        match args
            .output
            .as_ref()
            .and_then(|p| p.extension())
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("xlsx") => Format::Xlsx,
            Some("json") => Format::Json,
            _ => Format::Csv,
        }
    });
    let db = ctx.open_db()?;
    if let Some(path) = &args.output {
        check_output(path, args.force, ctx)?;
    }
    let sheet = export::sheet(db.conn(), target)?;
    match (format, &args.output) {
        (Format::Xlsx, None) => {
            anyhow::bail!(ErrMsg::XlsxNeedsFile.fill(ctx.lang, &[&target.name()]))
        }
        (Format::Xlsx, Some(path)) => {
            write_xlsx(&sheet, target.name(), path, args.force, ctx.lang)?;
        }
        (Format::Csv, out) => {
            let mut buf = Vec::new();
            table::write_csv(&sheet, &mut buf, out.is_some())?;
            match out {
                None => to_stdout(&buf)?,
                Some(path) => write_file(path, &buf, args.force, ctx.lang)?,
            }
        }
        (Format::Json, out) => {
            let mut text = serde_json::to_string_pretty(&table::to_json(&sheet))?;
            text.push('\n');
            match out {
                None => to_stdout(text.as_bytes())?,
                Some(path) => write_file(path, text.as_bytes(), args.force, ctx.lang)?,
            }
        }
    }
    if let Some(path) = &args.output {
        let noun = match target {
            Target::Records(Kind::Demand) => CliMsg::NounDemands,
            Target::Records(Kind::Achievement) => CliMsg::NounResults,
            Target::Pairs => CliMsg::NounPairs,
            Target::FollowUps => CliMsg::NounFollowUps,
        };
        eprintln!(
            "{}",
            CliMsg::Exported.fill(
                ctx.lang,
                &[
                    &sheet.rows.len(),
                    &noun.text(ctx.lang),
                    &crate::sanitize::one_line(&path.display().to_string()),
                ]
            )
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Refuses an output path that is the database (or its WAL or index), and an existing file
/// without `--force`.
fn check_output(path: &Path, force: bool, ctx: &Ctx) -> anyhow::Result<()> {
    let shown = || crate::sanitize::one_line(&path.display().to_string());
    // A shared database has no file an export could overwrite.
    let is_db = ctx.at.file().is_some_and(|db| {
        let side = |suffix: &str| {
            let mut p = db.as_os_str().to_owned();
            p.push(suffix);
            PathBuf::from(p)
        };
        [
            db.to_path_buf(),
            side("-wal"),
            side("-shm"),
            side("-journal"),
        ]
        .iter()
        .any(|p| crate::paths::same_file(path, p) || path == p)
    });
    if is_db {
        anyhow::bail!(ErrMsg::ExportOntoDb.fill(ctx.lang, &[&shown()]));
    }
    if !force && (path.exists() || path.is_symlink()) {
        anyhow::bail!(ErrMsg::OutputExists.fill(ctx.lang, &[&shown()]));
    }
    Ok(())
}

/// Exact bytes to a pipe or file; on a terminal, control characters shown escaped so a cell
/// cannot retitle the window or clear the screen.
fn to_stdout(bytes: &[u8]) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    if out.is_terminal() {
        let text = String::from_utf8_lossy(bytes);
        out.write_all(crate::sanitize::escape_controls(&text).as_bytes())?;
    } else {
        out.write_all(bytes)?;
    }
    out.flush()?;
    Ok(())
}

fn existing(force: bool) -> crate::paths::Existing {
    if force {
        crate::paths::Existing::Replace
    } else {
        crate::paths::Existing::Keep
    }
}

fn cannot_write(path: &Path, lang: Lang) -> impl FnOnce(std::io::Error) -> anyhow::Error + '_ {
    move |e| anyhow::anyhow!(ErrMsg::CannotWrite.fill(lang, &[&path.display(), &e]))
}

fn write_file(path: &Path, bytes: &[u8], force: bool, lang: Lang) -> anyhow::Result<()> {
    crate::paths::write_atomic(path, bytes, existing(force)).map_err(cannot_write(path, lang))
}

/// The workbook is written to a private temporary file beside `path`, then renamed.
fn write_xlsx(
    sheet: &export::Sheet,
    name: &str,
    path: &Path,
    force: bool,
    lang: Lang,
) -> anyhow::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let tmp = tempfile::Builder::new()
        .prefix(".duijie-")
        .suffix(".xlsx")
        .tempfile_in(dir)
        .map_err(cannot_write(path, lang))?;
    table::write_xlsx(sheet, name, tmp.path())?;
    tmp.as_file().sync_all().map_err(cannot_write(path, lang))?;
    match existing(force) {
        crate::paths::Existing::Keep => tmp.persist_noclobber(path).map(drop),
        crate::paths::Existing::Replace => tmp.persist(path).map(drop),
    }
    .map_err(|e| cannot_write(path, lang)(e.error))?;
    crate::paths::sync_dir(dir);
    Ok(())
}

/// Writes `bytes` to `path` whole, refusing the database and (without `force`) an existing
/// file: for the other commands that take `-o` (reward, report, agenda --ics).
pub(super) fn write_output(
    path: &Path,
    bytes: &[u8],
    force: bool,
    ctx: &Ctx,
) -> anyhow::Result<()> {
    check_output(path, force, ctx)?;
    write_file(path, bytes, force, ctx.lang)
}
