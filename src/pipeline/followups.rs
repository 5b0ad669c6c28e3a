//! Follow-ups: logging a contact on a pair and keeping its next action current.
//!
//! A follow-up that names a next action replaces the pair's next action and due date (the
//! latest follow-up wins). One without a next action keeps the pair's current next action,
//! unless it is marked done, which clears it. A due date without an action is refused: the
//! agenda lists actions, not bare dates.

use crate::store::Sql;
use jiff::civil::Date;

use super::pairs::{pair_by_code, row_by_code};
use super::{Clock, PipelineError, PipelineResult};
use crate::db::{self, Db};
use crate::domain::undo::{Inverse, desk};
use crate::domain::{Channel, Code, FollowUp, Pair, PairRow};

/// A follow-up to log.
#[derive(Debug, Clone, PartialEq)]
pub struct LogRequest {
    /// The pair it is about.
    pub pair: Code,
    /// How it happened.
    pub channel: Channel,
    /// What was said or done.
    pub note: String,
    /// The next action this follow-up sets on the pair.
    pub next_action: Option<String>,
    pub next_due: Option<Date>,
    /// The pair's current next action is done: clear it.
    pub done: bool,
}

/// [`log`] by the desk of this process; returns the pair alone.
pub fn log_followup(
    db: &mut Db,
    clock: &Clock,
    req: &LogRequest,
) -> PipelineResult<(FollowUp, Pair)> {
    let (f, row) = log(db, clock, req, &desk())?;
    Ok((f, row.pair))
}

/// Logs a follow-up and updates the pair's next action, with its undo step (made by
/// `origin`), in one transaction. Returns the follow-up and the pair after the change, with
/// its sides.
pub fn log(
    db: &mut Db,
    clock: &Clock,
    req: &LogRequest,
    origin: &str,
) -> PipelineResult<(FollowUp, PairRow)> {
    db.write(|tx| {
        let before = pair_by_code(tx, req.pair)?;
        let (f, _) = log_in(tx, clock, &before, req)?;
        db::undo::push(
            tx,
            &crate::domain::undo::Label::Log {
                code: req.pair.to_string(),
                channel: req.channel.key().to_string(),
            }
            .stored(),
            &Inverse::DeleteFollowup {
                id: f.id,
                pair_id: before.id,
                next_action: before.next_action,
                next_due: before.next_due,
            },
            &clock.stamp(),
            origin,
        )?;
        Ok((f, row_by_code(tx, req.pair)?))
    })
}

/// Logs inside the caller's transaction (no undo entry).
pub(crate) fn log_in(
    conn: &dyn Sql,
    clock: &Clock,
    pair: &Pair,
    req: &LogRequest,
) -> PipelineResult<(FollowUp, Pair)> {
    let note = req.note.trim();
    if note.is_empty() {
        return Err(PipelineError::Invalid(
            "a follow-up needs a note (what was said or done)".into(),
        ));
    }
    let next_action = req
        .next_action
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    if req.next_action.is_some() && next_action.is_none() {
        return Err(PipelineError::Invalid("the next action is empty".into()));
    }
    if req.next_due.is_some() && next_action.is_none() {
        return Err(PipelineError::Invalid(
            "--due needs --next: a due date dates a next action".into(),
        ));
    }
    if req.done && next_action.is_some() {
        return Err(PipelineError::Invalid(
            "--done clears the next action; give either --done or --next".into(),
        ));
    }
    let at = clock.stamp();
    let next_due = req.next_due.map(|d| d.to_string());
    let mut f = FollowUp {
        id: 0,
        pair_id: pair.id,
        at: at.clone(),
        channel: req.channel,
        note: note.to_string(),
        next_action: next_action.map(str::to_string),
        next_due: next_due.clone(),
        actor: None,
    };
    db::followups::insert(conn, &mut f)?;
    let mut after = pair.clone();
    if next_action.is_some() {
        after.next_action.clone_from(&f.next_action);
        after.next_due = next_due;
    } else if req.done {
        after.next_action = None;
        after.next_due = None;
    }
    after.updated_at = at;
    db::pairs::write_state(conn, &mut after)?;
    Ok((f, after))
}
