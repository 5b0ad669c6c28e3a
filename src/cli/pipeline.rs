//! `duijie pair|move|log|agenda|board|undo`, and `show P3` for pairs.

use std::process::ExitCode;

use anyhow::{Context as _, bail};

use super::{Ctx, print_json};
use crate::domain::undo::CLI;
use crate::domain::{Channel, Code, CodeKind, ContractType, Money, ShelveReason, Stage};
use crate::i18n::Lang;
use crate::i18n::cli::CliMsg;
use crate::i18n::errors::ErrMsg;
use crate::i18n::phone::PhoneMsg;
use crate::pipeline::{
    self, Clock, LogRequest, MoveRequest, parse_due, parse_past, render, undo::depth,
};
use crate::sanitize::one_line;

#[derive(Debug, clap::Args)]
pub struct PairArgs {
    /// The demand (D12); the result may come first.
    pub first: String,
    /// The result (R34).
    pub second: String,
    /// Why these two may fit.
    #[arg(long, default_value = "")]
    pub note: String,
}

#[derive(Debug, clap::Args)]
pub struct MoveArgs {
    /// The pair (P3).
    pub pair: String,
    /// candidate, contacted, negotiating, signed, registered, landed or shelved (or 候选…搁置).
    pub stage: String,
    /// Shelved: price_gap, immature, ip_unclear, no_reply, chose_other, budget or other.
    #[arg(long)]
    pub reason: Option<String>,
    /// Shelved: an optional note on the reason.
    #[arg(long)]
    pub note: Option<String>,
    /// Signed / Registered: the contract amount in 万元 ("120", "120万", "1,200", "0.5亿",
    /// "300000元"). A leading `-` is read as an amount, so `-5` gets "negative amount".
    #[arg(long, value_name = "万元", allow_hyphen_values = true)]
    pub amount: Option<String>,
    /// Signed / Registered: the signing date (2026-11-02, 11-02, 今天, yesterday…).
    #[arg(long, allow_hyphen_values = true)]
    pub date: Option<String>,
    /// Registered: development, transfer, licence, consulting or service (or 技术开发…).
    #[arg(long)]
    pub contract_type: Option<String>,
    /// Registered: the registration number of 技术合同认定登记.
    #[arg(long)]
    pub reg_no: Option<String>,
    /// Landed with no payment received (`duijie paid`): why, as a note.
    #[arg(long = "override", value_name = "NOTE")]
    pub override_note: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct LogArgs {
    /// The pair (P3); or a record (D12, R34): the follow-up goes on each of its open pairs,
    /// or, when it has none, into the record's own log.
    pub pair: String,
    /// phone, visit, meeting, email, wechat or roadshow (or 电话, 走访, 会谈, 邮件, 微信, 路演).
    #[arg(long, default_value = "phone")]
    pub channel: String,
    /// What was said or done.
    #[arg(long)]
    pub note: String,
    /// The next action; replaces the pair's current one.
    #[arg(long)]
    pub next: Option<String>,
    /// Due date of --next: 2026-12-01, 12-01, +3d, 明天, tomorrow, 下周一, next mon, 周五…
    #[arg(long, requires = "next", allow_hyphen_values = true)]
    pub due: Option<String>,
    /// The pair's current next action is done: clear it.
    #[arg(long, conflicts_with = "next")]
    pub done: bool,
}

#[derive(Debug, clap::Args)]
#[allow(clippy::struct_excessive_bools)] // Independent command-line flags.
pub struct AgendaArgs {
    /// Everyone's pairs, not only yours (yours are those you own and those from before
    /// names; when nobody else owns a pair, yours are everyone's).
    #[arg(long)]
    pub all: bool,
    /// Print JSON: {overdue, today, this_week, later, stale}.
    #[arg(long)]
    pub json: bool,
    /// Write iCalendar instead: every next action with a due date and every planned
    /// instalment not yet paid, with stable UIDs (a re-import updates, never duplicates).
    #[arg(long, conflicts_with = "json")]
    pub ics: bool,
    /// With --ics: write to this file instead of stdout.
    #[arg(short = 'o', long, value_name = "FILE", requires = "ics")]
    pub output: Option<std::path::PathBuf>,
    /// Replace the -o file if it exists.
    #[arg(long, requires = "output")]
    pub force: bool,
}

#[derive(Debug, clap::Args)]
pub struct BoardArgs {
    /// Everyone's pairs, not only yours (yours are those you own and those from before
    /// names; when nobody else owns a pair, yours are everyone's).
    #[arg(long)]
    pub all: bool,
    /// Print JSON: per stage, count, sum_wan and pairs.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, clap::Args)]
pub struct UndoArgs {
    /// How many changes to undo, newest first.
    #[arg(long, short = 'n', default_value_t = 1)]
    pub steps: usize,
}

fn code(s: &str) -> anyhow::Result<Code> {
    Ok(s.parse::<Code>()?)
}

fn keys(all: impl IntoIterator<Item = &'static str>) -> String {
    all.into_iter().collect::<Vec<_>>().join(", ")
}

/// A stage or channel as a confirmation names it: the Chinese word, and in English the key
/// one types as well ("签约 signed").
fn label(zh: &str, key: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => zh.to_string(),
        Lang::En => format!("{zh} {key}"),
    }
}

pub fn run_pair(a: &PairArgs, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let (first, second) = (code(&a.first)?, code(&a.second)?);
    let mut db = ctx.open_db()?;
    let row = pipeline::create(&mut db, &Clock::system(), first, second, &a.note, CLI)?;
    outln!("{}", row.pair.code())?;
    Ok(ExitCode::SUCCESS)
}

pub fn run_move(a: &MoveArgs, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let clock = Clock::system();
    let pair = code(&a.pair)?;
    let lang = ctx.lang;
    let to = Stage::parse(&a.stage).with_context(|| {
        ErrMsg::UnknownStage.fill(
            lang,
            &[&one_line(&a.stage), &keys(Stage::ALL.map(Stage::key))],
        )
    })?;
    let mut req = MoveRequest::new(pair, to);
    req.amount = a
        .amount
        .as_deref()
        .map(Money::parse)
        .transpose()
        .context("--amount")?
        .flatten();
    req.signed_on = a
        .date
        .as_deref()
        .map(|d| parse_past(d, clock.today()))
        .transpose()
        .context("--date")?;
    req.contract_type = match &a.contract_type {
        Some(t) => Some(ContractType::parse(t).with_context(|| {
            ErrMsg::UnknownContractType.fill(
                lang,
                &[
                    &one_line(t),
                    &keys(ContractType::ALL.iter().map(|c| c.key())),
                ],
            )
        })?),
        None => None,
    };
    req.reason = match &a.reason {
        Some(r) => Some(ShelveReason::parse(r).with_context(|| {
            ErrMsg::UnknownReason.fill(
                lang,
                &[
                    &one_line(r),
                    &keys(ShelveReason::ALL.iter().map(|c| c.key())),
                ],
            )
        })?),
        None => None,
    };
    req.reg_no.clone_from(&a.reg_no);
    req.note.clone_from(&a.note);
    req.override_note.clone_from(&a.override_note);
    let mut db = ctx.open_db()?;
    let before = pipeline::pair_by_code(db.conn(), pair)?.stage;
    // The line printed says "from → to": refuse if someone moves it in between.
    req.expect = Some(before);
    let after = pipeline::move_to(&mut db, &clock, &req, CLI)?.pair;
    let (from, to) = (
        label(before.zh(), before.key(), lang),
        label(after.stage.zh(), after.stage.key(), lang),
    );
    outln!("{}", CliMsg::Moved.fill(lang, &[&pair, &from, &to]))?;
    Ok(ExitCode::SUCCESS)
}

pub fn run_log(a: &LogArgs, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let clock = Clock::system();
    let lang = ctx.lang;
    let pair = code(&a.pair)?;
    let channel = Channel::parse(&a.channel).with_context(|| {
        ErrMsg::UnknownChannel.fill(
            lang,
            &[
                &one_line(&a.channel),
                &keys(Channel::ALL.iter().map(|c| c.key())),
            ],
        )
    })?;
    let next_due = a
        .due
        .as_deref()
        .map(|d| parse_due(d, clock.today()))
        .transpose()
        .context("--due")?;
    if pair.kind != CodeKind::Pair {
        return log_on_record(a, ctx, pair, channel, next_due);
    }
    let req = LogRequest {
        pair,
        channel,
        note: a.note.clone(),
        next_action: a.next.clone(),
        next_due,
        done: a.done,
    };
    let mut db = ctx.open_db()?;
    let after = pipeline::log(&mut db, &clock, &req, CLI)?.1.pair;
    let next = match (&after.next_action, &after.next_due) {
        (Some(n), Some(d)) => CliMsg::NextDue.fill(lang, &[&one_line(n), d]),
        (Some(n), None) => CliMsg::Next.fill(lang, &[&one_line(n)]),
        (None, _) => CliMsg::NoNext.text(lang).to_string(),
    };
    let channel = label(channel.zh(), channel.key(), lang);
    outln!("{}", CliMsg::Logged.fill(lang, &[&pair, &channel, &next]))?;
    Ok(ExitCode::SUCCESS)
}

/// `log D12`: a call on a record, logged on each of its open pairs or in its own log.
fn log_on_record(
    a: &LogArgs,
    ctx: &Ctx,
    record: Code,
    channel: Channel,
    next_due: Option<jiff::civil::Date>,
) -> anyhow::Result<ExitCode> {
    let lang = ctx.lang;
    if a.done {
        bail!(PhoneMsg::ErrDoneOnRecord.fill(lang, &[&record]));
    }
    let req = pipeline::CallRequest {
        record,
        channel,
        note: a.note.clone(),
        next_action: a.next.clone(),
        next_due,
    };
    let mut db = ctx.open_db()?;
    let (_, logged) = pipeline::log_call(&mut db, &Clock::system(), &req, CLI)?;
    let how = label(channel.zh(), channel.key(), lang);
    let next = match (&req.next_action, &req.next_due) {
        (Some(n), Some(d)) => CliMsg::NextDue.fill(lang, &[&one_line(n), d]),
        (Some(n), None) => CliMsg::Next.fill(lang, &[&one_line(n)]),
        (None, _) => CliMsg::NoNext.text(lang).to_string(),
    };
    let line = match logged {
        pipeline::CallLogged::Pairs(rows) => {
            let codes: Vec<String> = rows.iter().map(|r| r.pair.code().to_string()).collect();
            PhoneMsg::CliCallPairs.fill(lang, &[&record, &codes.join(", "), &how, &next])
        }
        pipeline::CallLogged::Note(_) => PhoneMsg::CliCallNote.fill(lang, &[&record, &how]),
    };
    outln!("{line}")?;
    Ok(ExitCode::SUCCESS)
}

pub fn run_agenda(a: &AgendaArgs, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    if a.ics {
        return super::remind::run_ics(a.output.as_deref(), a.force, ctx);
    }
    let db = ctx.open_db()?;
    let scope = super::team::scope(&db, a.all, a.json, ctx.lang)?;
    let agenda = pipeline::agenda(db.conn(), &Clock::system())?.only(|o| scope.mine(o));
    if a.json {
        print_json(&agenda)?;
    } else {
        out!("{}", render::agenda(&agenda))?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn run_board(a: &BoardArgs, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let db = ctx.open_db()?;
    let scope = super::team::scope(&db, a.all, a.json, ctx.lang)?;
    let columns: Vec<_> = pipeline::board(db.conn(), &Clock::system())?
        .iter()
        .map(|c| c.filtered(|card| scope.mine(card.owner.as_deref())))
        .collect();
    if a.json {
        print_json(&columns)?;
    } else {
        out!("{}", render::board(&columns))?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn run_undo(a: &UndoArgs, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    if a.steps == 0 {
        bail!(ErrMsg::StepsZero.text(ctx.lang));
    }
    let lang = ctx.lang;
    let mut db = ctx.open_db()?;
    for _ in 0..a.steps {
        let Some(undone) = pipeline::undo_step(&mut db)? else {
            super::team::nothing_of_yours(&db, lang)?;
            break;
        };
        let what = undone.describe(lang);
        outln!("{}", CliMsg::Undone.fill(lang, &[&one_line(&what)]))?;
    }
    let left = depth(db.conn())?;
    if left > 0 {
        outln!("{}", CliMsg::MoreUndo.fill(lang, &[&left]))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `duijie show P3 [--json]`: called by `show` when the code names a pair.
pub fn run_show_pair(pair: Code, json: bool, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let db = ctx.open_db()?;
    let clock = Clock::system();
    let detail = pipeline::show_pair(db.conn(), &clock, pair)?;
    if json {
        print_json(&detail)?;
    } else {
        out!("{}", render::pair_detail(&detail, &clock))?;
    }
    Ok(ExitCode::SUCCESS)
}
