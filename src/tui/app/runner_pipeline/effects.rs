//! Performing one pipeline effect: the writes (pair, move, follow-up, undo) and the reads
//! of what they changed, answered as actions.

use crate::db::{Db, records};
use crate::domain::undo::desk;
use crate::pipeline;
use crate::tui::action::{Action, PipeAction};
use crate::tui::effect::PipeEffect;

use super::{PATCH_LIMIT, PipeRunner};

impl PipeRunner {
    pub fn run(&mut self, db: &mut Db, effect: PipeEffect) -> anyhow::Result<Vec<Action>> {
        let clock = self.clock();
        match effect {
            PipeEffect::Refresh {
                board,
                agenda,
                detail,
            } => self.refresh(db, board, agenda, detail),
            PipeEffect::CreatePair { demand, result } => {
                let row = pipeline::create(db, &clock, demand, result, "", &desk())?;
                Ok(vec![
                    Action::Pipe(PipeAction::PairCreated {
                        code: row.pair.code().to_string(),
                        demand: demand.to_string(),
                        result: result.to_string(),
                        demand_id: row.pair.demand_id,
                        result_id: row.pair.result_id,
                    }),
                    Self::changed(db, &clock, row)?,
                ])
            }
            PipeEffect::Suggest { id } => self.suggest(db, id, false),
            PipeEffect::NewMatches { list } => {
                if list {
                    self.news.ask_list(db);
                } else {
                    self.news.records_changed();
                }
                Ok(vec![])
            }
            PipeEffect::Dismiss {
                subject,
                partner,
                undo,
                reason,
            } => {
                let Some(rec) = records::get(db.conn(), subject)? else {
                    anyhow::bail!("the record is gone");
                };
                db.write(|tx| {
                    if undo {
                        crate::db::dismissals::restore(tx, &rec, partner).map(|_| ())
                    } else {
                        crate::db::dismissals::dismiss(tx, &rec, partner, reason).map(|_| ())
                    }
                })?;
                Ok(vec![Action::Pipe(PipeAction::Dismissed {
                    subject,
                    partner,
                    on: !undo,
                })])
            }
            PipeEffect::Move(req) => {
                let row = match pipeline::move_to(db, &clock, &req, &desk()) {
                    Err(pipeline::PipelineError::Missing {
                        to: crate::domain::Stage::Landed,
                        ..
                    }) if req.override_note.is_none() && req.expect.is_some() => {
                        return Ok(vec![Action::Pipe(PipeAction::LandingNeedsNote {
                            pair_id: req.pair.num,
                            from: req.expect.unwrap_or(req.to),
                        })]);
                    }
                    r => r?,
                };
                Ok(vec![
                    Action::Pipe(PipeAction::Moved {
                        code: row.pair.code().to_string(),
                        to: row.pair.stage,
                    }),
                    Self::changed(db, &clock, row)?,
                ])
            }
            PipeEffect::Reactivate(code) => {
                let row = pipeline::reactivate(db, &clock, code, &desk())?;
                Ok(vec![
                    Action::Pipe(PipeAction::Moved {
                        code: row.pair.code().to_string(),
                        to: row.pair.stage,
                    }),
                    Self::changed(db, &clock, row)?,
                ])
            }
            PipeEffect::DeletePair(code) => {
                let pair = pipeline::delete_pair(db, &clock, code)?;
                Ok(vec![
                    Action::Pipe(PipeAction::PairDeleted {
                        code: pair.code().to_string(),
                        id: pair.id,
                    }),
                    Action::Pipe(PipeAction::PairGone(pair.id)),
                ])
            }
            PipeEffect::Handover { pair, to } => {
                let done = crate::pipeline::team::handover(db, &clock, pair, &to, &desk())?;
                Ok(vec![
                    Action::Pipe(PipeAction::HandedOver {
                        code: pair.to_string(),
                        to,
                        changed: done.changed,
                    }),
                    Self::changed(db, &clock, done.row)?,
                ])
            }
            PipeEffect::Log(req) => {
                let (_, row) = pipeline::log(db, &clock, &req, &desk())?;
                Ok(vec![
                    Action::Pipe(PipeAction::Logged {
                        code: row.pair.code().to_string(),
                    }),
                    Self::changed(db, &clock, row)?,
                ])
            }
            PipeEffect::Undo | PipeEffect::UndoConfirmed { .. } => {
                let top = pipeline::undo::peek(db.conn())?;
                let confirmed = match &effect {
                    PipeEffect::UndoConfirmed { at } => top.as_ref().map(|s| &s.at) == Some(at),
                    _ => false,
                };
                if let Some(step) = top
                    && step.is_from_elsewhere(&crate::domain::undo::desk())
                    && !confirmed
                {
                    // Not this desk's step: say what it is before taking it back.
                    return Ok(vec![Action::Pipe(PipeAction::ConfirmUndo(Box::new(step)))]);
                }
                let undone = pipeline::undo_step(db)?;
                let mut out = Vec::new();
                let mut pairs = Vec::new();
                // A record edit undone: the lists (and the search) take the restored record,
                // and its pairs show its restored title.
                if let Some(id) = undone.as_ref().and_then(|u| u.record)
                    && let Ok(Some(rec)) = records::get(db.conn(), id)
                {
                    pairs.extend(
                        pipeline::pairs_of_record(db.conn(), rec.id)?
                            .iter()
                            .map(|p| p.pair.id),
                    );
                    out.push(Action::RecordSaved(rec));
                }
                pairs.extend(undone.as_ref().and_then(|u| u.pair));
                out.push(Action::Pipe(PipeAction::Undone(undone.map(Box::new))));
                for id in pairs {
                    out.push(Self::reread(db, &clock, id)?);
                }
                Ok(out)
            }
            PipeEffect::PairsOfRecord(id) => pipeline::pairs_of_record(db.conn(), id)?
                .iter()
                .map(|p| Self::reread(db, &clock, p.pair.id))
                .collect(),
            PipeEffect::OpenView { board, loaded_on } => {
                if loaded_on == Some(clock.today()) {
                    return Ok(vec![]);
                }
                self.refresh_views(db, board, !board)
            }
            PipeEffect::Patch {
                rows,
                gone,
                board,
                agenda,
                detail,
            } => {
                if rows.len() + gone.len() > PATCH_LIMIT {
                    return self.refresh(db, board, agenda, detail);
                }
                let mut out = Vec::with_capacity(rows.len() + gone.len());
                for row in rows {
                    out.push(Self::changed(db, &clock, row)?);
                }
                out.extend(
                    gone.into_iter()
                        .map(|id| Action::Pipe(PipeAction::PairGone(id))),
                );
                Ok(out)
            }
            PipeEffect::ShowPair(code) => Ok(vec![Action::Pipe(PipeAction::PairShown(Box::new(
                pipeline::show_pair(db.conn(), &clock, code)?,
            )))]),
        }
    }
}
