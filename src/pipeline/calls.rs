//! Logging a call (or a visit, a message…) on a record, in one step: a record with open pairs
//! gets the follow-up on each of them (each pair's next action follows, as with a follow-up
//! logged on the pair); a record with none gets a note in its own log. One transaction, one
//! undo step, whichever it was.
//!
//! A pair is open while it is neither shelved nor landed: those two are where a pair's work
//! ends, and a call about the record is not news for them.

use crate::store::Sql;
use jiff::civil::Date;

use super::followups::log_in;
use super::pairs::row_by_code;
use super::{Clock, LogRequest, PipelineError, PipelineResult};
use crate::db::{self, Db, records};
use crate::domain::undo::{Inverse, Label};
use crate::domain::{Channel, Code, CodeKind, PairRow, Record, RecordNote, Stage};

/// A call to log on a record.
#[derive(Debug, Clone, PartialEq)]
pub struct CallRequest {
    /// The record it is about (D12, R34).
    pub record: Code,
    /// How it happened (the desk's `c` logs a phone call).
    pub channel: Channel,
    /// What was said.
    pub note: String,
    /// The next action, if any: set on each open pair, or kept with the record's note.
    pub next_action: Option<String>,
    pub next_due: Option<Date>,
}

/// Where a call went.
#[derive(Debug, Clone, PartialEq)]
pub enum CallLogged {
    /// A follow-up on each open pair; the pairs as the log left them, with their sides.
    Pairs(Vec<PairRow>),
    /// A note in the record's own log (it has no open pair).
    Note(RecordNote),
}

/// Whether a pair in `stage` still takes follow-ups from a call on one of its records.
pub fn is_open(stage: Stage) -> bool {
    !matches!(stage, Stage::Shelved | Stage::Landed)
}

/// Logs the call, with its undo step (made by `origin`), in one transaction. Returns the
/// record it was about and where the call went.
pub fn log_call(
    db: &mut Db,
    clock: &Clock,
    req: &CallRequest,
    origin: &str,
) -> PipelineResult<(Record, CallLogged)> {
    if req.record.kind == CodeKind::Pair {
        return Err(PipelineError::Invalid(format!(
            "{} is a pair: log on it with a channel, or give a record (D12, R34)",
            req.record
        )));
    }
    check(req)?;
    db.write(|tx| {
        let rec = records::get_by_code(tx, req.record)?;
        let open: Vec<_> = db::pairs::of_record(tx, rec.id)?
            .into_iter()
            .map(|(p, _)| p)
            .filter(|p| is_open(p.stage))
            .collect();
        let stamp = clock.stamp();
        if open.is_empty() {
            let note = note_in(tx, clock, rec.id, req)?;
            db::undo::push(
                tx,
                &Label::Note {
                    code: req.record.to_string(),
                    channel: req.channel.key().to_string(),
                }
                .stored(),
                &Inverse::DeleteRecordNote {
                    id: note.id,
                    record_id: rec.id,
                },
                &stamp,
                origin,
            )?;
            return Ok((rec, CallLogged::Note(note)));
        }
        let mut steps = Vec::with_capacity(open.len());
        let mut codes = Vec::with_capacity(open.len());
        for pair in &open {
            let log = LogRequest {
                pair: pair.code(),
                channel: req.channel,
                note: req.note.clone(),
                next_action: req.next_action.clone(),
                next_due: req.next_due,
                done: false,
            };
            let (f, _) = log_in(tx, clock, pair, &log)?;
            steps.push(Inverse::DeleteFollowup {
                id: f.id,
                pair_id: pair.id,
                next_action: pair.next_action.clone(),
                next_due: pair.next_due.clone(),
            });
            codes.push(pair.code());
        }
        let label = Label::Call {
            code: req.record.to_string(),
            pairs: codes.iter().map(ToString::to_string).collect(),
            channel: req.channel.key().to_string(),
        };
        db::undo::push(
            tx,
            &label.stored(),
            &Inverse::Several { steps },
            &stamp,
            origin,
        )?;
        let rows = codes
            .into_iter()
            .map(|c| row_by_code(tx, c))
            .collect::<PipelineResult<Vec<_>>>()?;
        Ok((rec, CallLogged::Pairs(rows)))
    })
}

/// Refuses what a follow-up would refuse, before anything is read.
fn check(req: &CallRequest) -> PipelineResult<()> {
    if req.note.trim().is_empty() {
        return Err(PipelineError::Invalid(
            "a call needs a note (what was said)".into(),
        ));
    }
    let next = req.next_action.as_deref().map(str::trim);
    if next == Some("") {
        return Err(PipelineError::Invalid("the next action is empty".into()));
    }
    if req.next_due.is_some() && next.is_none() {
        return Err(PipelineError::Invalid(
            "--due needs --next: a due date dates a next action".into(),
        ));
    }
    Ok(())
}

/// Writes the note on record `record_id` inside the caller's transaction.
fn note_in(
    conn: &dyn Sql,
    clock: &Clock,
    record_id: i64,
    req: &CallRequest,
) -> PipelineResult<RecordNote> {
    let mut note = RecordNote {
        id: 0,
        record_id,
        at: clock.stamp(),
        channel: req.channel,
        note: req.note.trim().to_string(),
        next_action: req.next_action.as_deref().map(|s| s.trim().to_string()),
        next_due: req.next_due.map(|d| d.to_string()),
        actor: None,
    };
    db::record_notes::insert(conn, &mut note)?;
    Ok(note)
}

/// A record's own log, newest first.
pub fn notes_of(conn: &dyn Sql, record_id: i64) -> PipelineResult<Vec<RecordNote>> {
    Ok(db::record_notes::of_record(conn, record_id)?)
}
