//! `duijie handover P3 NAME`, and what the board, the agenda and undo say about whose pairs
//! and steps they show.

use std::process::ExitCode;

use super::Ctx;
use crate::db::Db;
use crate::domain::Code;
use crate::domain::undo::CLI;
use crate::i18n::Lang;
use crate::i18n::cli::CliMsg;
use crate::i18n::team::TeamMsg;
use crate::pipeline::team::{Scope, handover, names_of};
use crate::pipeline::{Clock, PipelineError};
use crate::sanitize::one_line;

#[derive(Debug, clap::Args)]
pub struct HandoverArgs {
    /// The pair (P3).
    pub pair: String,
    /// Whom to hand it to: their name as they set it (config `user`, DUIJIE_USER or login).
    pub to: String,
}

/// `duijie handover P3 NAME`: the pair is NAME's from now on (undo gives it back).
pub fn run_handover(a: &HandoverArgs, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let pair: Code = a.pair.parse()?;
    let lang = ctx.lang;
    if crate::broker::clean(&a.to).is_none() {
        return Err(PipelineError::Invalid(TeamMsg::NeedName.text(lang).to_string()).into());
    }
    let mut db = ctx.open_db()?;
    let done = handover(&mut db, &Clock::system(), pair, &a.to, CLI)?;
    let to = done
        .row
        .pair
        .owner
        .as_deref()
        .map(one_line)
        .unwrap_or_default();
    let code = pair.to_string();
    if done.changed {
        outln!("{}", TeamMsg::HandedOver.fill(lang, &[&code, &to]))?;
        if done.new_name {
            outln!("{}", TeamMsg::NewName.fill(lang, &[&to]))?;
        }
    } else {
        outln!("{}", TeamMsg::AlreadyOwner.fill(lang, &[&code, &to]))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Whose pairs `board` and `agenda` show: everyone's with `--all`, else the broker's own.
/// When that leaves some out, a text listing says so on stderr (JSON stays clean).
pub fn scope(db: &Db, all: bool, json: bool, lang: Lang) -> anyhow::Result<Scope> {
    let me = db.actor();
    let mut scope = Scope::of(db.conn(), me.as_deref())?;
    if all {
        scope.others = false;
    } else if scope.others && !json {
        let name = one_line(me.as_deref().unwrap_or_default());
        eprintln!("{}", TeamMsg::MineOnlyCli.fill(lang, &[&name]));
    }
    Ok(scope)
}

/// What `duijie undo` says when none of the steps left are the broker's own.
pub fn nothing_of_yours(db: &Db, lang: Lang) -> anyhow::Result<()> {
    let others: Vec<_> = crate::db::undo::newer_than(db.conn(), 0)?
        .into_iter()
        .map(|e| e.step)
        .collect();
    if others.is_empty() {
        outln!("{}", CliMsg::NothingToUndo.text(lang))?;
    } else {
        outln!(
            "{}",
            TeamMsg::UndoOnlyOthers.fill(lang, &[&others.len(), &one_line(&names_of(&others))])
        )?;
    }
    Ok(())
}
