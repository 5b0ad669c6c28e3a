//! `duijie dismiss D7 R12 --reason not_relevant|known|wrong_field|other [--undo]`: the
//! broker says no to a suggestion; it is not suggested again (`suggest --all` shows it,
//! marked). `--undo` takes the dismissal back.

use std::process::ExitCode;

use super::Ctx;
use crate::db::dismissals::{self, DismissReason};
use crate::db::records;
use crate::domain::{Code, Kind};
use crate::i18n::cli::CliMsg;
use crate::i18n::errors::ErrMsg;

#[derive(Debug, clap::Args)]
pub struct DismissArgs {
    /// The record the suggestion was made for (D7 or R12).
    pub code: String,
    /// The suggested partner (of the other kind).
    pub partner: String,
    /// Why: not_relevant, known, wrong_field or other.
    #[arg(long, default_value = "not_relevant", value_parser = parse_reason)]
    pub reason: DismissReason,
    /// Take the dismissal back.
    #[arg(long)]
    pub undo: bool,
}

fn parse_reason(s: &str) -> Result<DismissReason, String> {
    DismissReason::parse(s).ok_or_else(|| {
        let all: Vec<&str> = DismissReason::ALL.iter().map(|r| r.as_str()).collect();
        format!("expected one of {}", all.join(", "))
    })
}

pub fn run(args: &DismissArgs, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let code: Code = args.code.parse()?;
    let partner: Code = args.partner.parse()?;
    let mut db = ctx.open_db()?;
    let query = records::get_by_code(db.conn(), code)?;
    let other = records::get_by_code(db.conn(), partner)?;
    if query.kind == other.kind {
        anyhow::bail!(ErrMsg::DismissSameKind.fill(ctx.lang, &[&code, &partner]));
    }
    let (d, r) = match query.kind {
        Kind::Demand => (code, partner),
        Kind::Achievement => (partner, code),
    };
    if args.undo {
        let had = db.write(|tx| dismissals::restore(tx, &query, other.id))?;
        let msg = if had {
            CliMsg::DismissRestored
        } else {
            CliMsg::DismissNone
        };
        outln!("{}", msg.fill(ctx.lang, &[&d, &r]))?;
    } else {
        db.write(|tx| dismissals::dismiss(tx, &query, other.id, args.reason))?;
        outln!(
            "{}",
            CliMsg::Dismissed.fill(ctx.lang, &[&d, &r, &args.reason.as_str()])
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
