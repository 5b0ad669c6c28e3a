//! `duijie export demands|results|pairs|followups`: CSV or JSON to stdout or a file, XLSX
//! to a file. Record exports re-import cleanly (same headers, extra columns kept).

use std::path::PathBuf;
use std::process::ExitCode;

use super::Ctx;
use crate::domain::Kind;
use crate::export::{self, Target, table};
use crate::i18n::{Lang, Msg};

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
    let sheet = export::sheet(db.conn(), target)?;
    match (format, &args.output) {
        (Format::Xlsx, None) => {
            anyhow::bail!(Msg::ErrXlsxNeedsFile.fill(ctx.lang, &[&target.name()]))
        }
        (Format::Xlsx, Some(path)) => table::write_xlsx(&sheet, target.name(), path)?,
        (Format::Csv, None) => table::write_csv(&sheet, std::io::stdout().lock(), false)?,
        (Format::Csv, Some(path)) => {
            let mut buf = Vec::new();
            table::write_csv(&sheet, &mut buf, true)?;
            write_file(path, &buf, ctx.lang)?;
        }
        (Format::Json, out) => {
            let mut text = serde_json::to_string_pretty(&table::to_json(&sheet))?;
            text.push('\n');
            match out {
                None => out!("{text}")?,
                Some(path) => write_file(path, text.as_bytes(), ctx.lang)?,
            }
        }
    }
    if let Some(path) = &args.output {
        let noun = match target {
            Target::Records(Kind::Demand) => Msg::NounDemands,
            Target::Records(Kind::Achievement) => Msg::NounResults,
            Target::Pairs => Msg::NounPairs,
            Target::FollowUps => Msg::NounFollowUps,
        };
        eprintln!(
            "{}",
            Msg::CliExported.fill(
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

fn write_file(path: &std::path::Path, bytes: &[u8], lang: Lang) -> anyhow::Result<()> {
    std::fs::write(path, bytes)
        .map_err(|e| anyhow::anyhow!(Msg::ErrCannotWrite.fill(lang, &[&path.display(), &e])))
}
