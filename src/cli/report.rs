//! `duijie report [--from DATE] [--to DATE] [--format md|xlsx|json] [-o FILE]`: the stats
//! view's figures as Markdown, an XLSX workbook (one sheet per table) or JSON.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;

use super::Ctx;
use crate::i18n::reports::ReportMsg;
use crate::pipeline::report::{markdown, tables};
use crate::pipeline::stats::{Period, stats};
use crate::pipeline::{Clock, parse_past};
use crate::sanitize::one_line;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Md,
    Xlsx,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// First day of the period (2026-01-01, 01-01…); default: the beginning.
    #[arg(long, allow_hyphen_values = true)]
    pub from: Option<String>,
    /// Last day of the period; default: today.
    #[arg(long, allow_hyphen_values = true)]
    pub to: Option<String>,
    /// md (default), xlsx (needs -o) or json.
    #[arg(long, value_enum)]
    pub format: Option<ReportFormat>,
    /// Write to this file.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace the -o file if it exists.
    #[arg(long)]
    pub force: bool,
}

pub fn run(a: &ReportArgs, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let clock = Clock::system();
    let date = |flag: &str, v: &Option<String>| {
        v.as_deref()
            .map(|d| parse_past(d, clock.today()))
            .transpose()
            .with_context(|| flag.to_string())
    };
    let period = Period {
        from: date("--from", &a.from)?,
        to: date("--to", &a.to)?,
    };
    if let (Some(f), Some(t)) = (period.from, period.to)
        && f > t
    {
        anyhow::bail!(ReportMsg::ErrPeriodReversed.fill(ctx.lang, &[&f, &t]));
    }
    let format = a.format.unwrap_or_else(|| {
        match a
            .output
            .as_ref()
            .and_then(|p| p.extension())
            .and_then(|e| e.to_str())
        {
            Some("xlsx") => ReportFormat::Xlsx,
            Some("json") => ReportFormat::Json,
            _ => ReportFormat::Md,
        }
    });
    let db = ctx.open_db()?;
    let s = stats(db.conn(), &clock, period)?;
    let bytes = match format {
        ReportFormat::Md => markdown(&s, clock.today()).into_bytes(),
        ReportFormat::Json => (serde_json::to_string_pretty(&s)? + "\n").into_bytes(),
        ReportFormat::Xlsx => {
            if a.output.is_none() {
                anyhow::bail!(ReportMsg::ErrXlsxNeedsOutput.text(ctx.lang));
            }
            crate::export::book::workbook(&tables(&s))?
        }
    };
    match &a.output {
        None => {
            // Markdown to a terminal: data was made one-line per cell; JSON is data.
            use std::io::Write as _;
            std::io::stdout().lock().write_all(&bytes)?;
        }
        Some(path) => {
            super::export::write_output(path, &bytes, a.force, ctx)?;
            eprintln!(
                "{}",
                ReportMsg::ReportWritten.fill(ctx.lang, &[&one_line(&path.display().to_string())])
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
