//! `duijie reward [--year Y] [--json] [--format xlsx -o FILE]`: the broker's reward for a
//! year under the configured rule, and the claim package (政策兑现 材料).

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use unicode_width::UnicodeWidthStr as _;

use super::{Ctx, print_json};
use crate::i18n::reports::ReportMsg;
use crate::pipeline::Clock;
use crate::pipeline::render::{clip, pad};
use crate::pipeline::reward::{RewardReport, claim_tables, reward};
use crate::sanitize::one_line;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RewardFormat {
    Text,
    Json,
    Xlsx,
}

#[derive(Debug, clap::Args)]
pub struct RewardArgs {
    /// The year (default: this year).
    #[arg(long)]
    pub year: Option<i16>,
    /// Print JSON (same as --format json).
    #[arg(long)]
    pub json: bool,
    /// text, json, or xlsx (the claim package; needs -o).
    #[arg(long, value_enum)]
    pub format: Option<RewardFormat>,
    /// Write to this file.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace the -o file if it exists.
    #[arg(long)]
    pub force: bool,
}

pub fn run(a: &RewardArgs, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let clock = Clock::system();
    let config = crate::config::load(&crate::config::path())?;
    let Some(rule) = config.reward else {
        anyhow::bail!(ReportMsg::RewardNoRule.fill(
            ctx.lang,
            &[&one_line(&crate::config::path().display().to_string())]
        ));
    };
    let year = a.year.unwrap_or_else(|| clock.today().year());
    if !(1900..=2200).contains(&year) {
        anyhow::bail!("--year {year}: years run from 1900 to 2200");
    }
    let format = match (a.format, a.json) {
        (Some(f), _) => f,
        (None, true) => RewardFormat::Json,
        (None, false) => RewardFormat::Text,
    };
    let db = ctx.open_db()?;
    let report = reward(db.conn(), &clock, &rule, year)?;
    match format {
        RewardFormat::Json => {
            if let Some(path) = &a.output {
                let text = serde_json::to_string_pretty(&report)? + "\n";
                super::export::write_output(path, text.as_bytes(), a.force, ctx)?;
            } else {
                print_json(&report)?;
            }
        }
        RewardFormat::Text => out!("{}", text(&report, ctx))?,
        RewardFormat::Xlsx => {
            let Some(path) = &a.output else {
                anyhow::bail!(ReportMsg::ErrXlsxNeedsOutput.text(ctx.lang));
            };
            let bytes = crate::export::book::workbook(&claim_tables(&report))?;
            super::export::write_output(path, &bytes, a.force, ctx)?;
            eprintln!(
                "{}",
                ReportMsg::ClaimWritten.fill(
                    ctx.lang,
                    &[
                        &report.contracts.len(),
                        &one_line(&path.display().to_string())
                    ]
                )
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The reward as lines for a terminal.
fn text(r: &RewardReport, ctx: &Ctx) -> String {
    let lang = ctx.lang;
    let cap = r
        .cap
        .map_or_else(|| "—".to_string(), |c| format!("{c} 万元"));
    let mut out = ReportMsg::RewardHeading.fill(lang, &[&r.year, &r.rate, &cap]) + "\n";
    if r.contracts.is_empty() {
        out += ReportMsg::RewardNone.text(lang);
        out.push('\n');
    }
    let w = r
        .contracts
        .iter()
        .map(|c| one_line(&c.reg_no).width())
        .max()
        .unwrap_or(0);
    for c in &r.contracts {
        let parties = format!("{} ← {}", one_line(&c.buyer), one_line(&c.seller));
        let mark = if c.line.below_min { " *" } else { "" };
        let _ = writeln!(
            out,
            "  {} {} {}  {:>10} → {:>10} → {:>9} 万元{mark}",
            pad(&c.code, 5),
            pad(&one_line(&c.reg_no), w),
            pad(&clip(&parties, 30), 30),
            c.line.paid.to_string(),
            c.line.tech_paid.to_string(),
            c.line.reward.to_string(),
        );
    }
    out += &ReportMsg::RewardTotals.fill(
        lang,
        &[
            &r.totals.paid,
            &r.totals.tech_paid,
            &r.totals.reward,
            &r.totals.due,
        ],
    );
    if r.totals.capped {
        out += ReportMsg::RewardCapped.text(lang);
    }
    out.push('\n');
    let below = r.contracts.iter().filter(|c| c.line.below_min).count();
    if let (Some(min), true) = (r.min_contract, below > 0) {
        out += &ReportMsg::RewardBelowMin.fill(lang, &[&below, &min]);
        out.push('\n');
    }
    out
}
