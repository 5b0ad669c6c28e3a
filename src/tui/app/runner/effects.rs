//! Performing one effect against the database, the search workers and the terminal.

use crate::db::records;
use crate::domain::{Kind, Record};
use crate::search::{Entry, keys::SearchKeys};
use crate::tui::action::Action;
use crate::tui::app::runner_phone;
use crate::tui::effect::{Effect, PipeEffect};
use crate::tui::features::filters::Filters;
use crate::tui::features::phone::{PhoneAction, PhoneEffect};

use super::Runner;

impl Runner {
    pub(super) fn try_run(&mut self, effect: Effect) -> anyhow::Result<Vec<Action>> {
        match effect {
            Effect::Search { seq, query, every } => {
                for kind in [Kind::Demand, Kind::Achievement] {
                    self.search(kind).query(seq, &query, every);
                }
                self.lookups.ask(&self.db, seq, &query);
                Ok(vec![])
            }
            Effect::SaveView {
                slot,
                query,
                filters,
            } => {
                self.db
                    .write(|tx| crate::db::views::save(tx, slot, &query, &filters))?;
                Ok(vec![Action::ViewSaved { slot }])
            }
            Effect::LoadView { slot } => {
                Ok(vec![
                    match crate::db::views::load::<Filters>(self.db.conn(), slot)? {
                        None => Action::ViewEmpty { slot },
                        Some((query, filters)) => Action::ViewLoaded {
                            slot,
                            query,
                            filters,
                        },
                    },
                ])
            }
            Effect::SetStatus { id, status } => {
                let Some(mut rec) = records::get(self.db.conn(), id)? else {
                    return Err(crate::db::DbError::Gone(format!("#{id}")).into());
                };
                rec.status = status;
                self.save(rec)
            }
            Effect::Save(rec) => self.save(*rec),
            Effect::SaveEdit { base, mut after } => {
                // The form holds the status word as shown; stored, it is status + word.
                after.settle_status();
                let patch = crate::domain::RecordPatch::between(&base, &after);
                let saved = records::update_fields(
                    &mut self.db,
                    &base,
                    &patch,
                    &crate::domain::undo::desk(),
                )?;
                let rec = saved.record;
                self.pipe.records_changed();
                self.search(rec.kind).upsert(Entry {
                    id: rec.id,
                    updated_at: rec.updated_at.clone(),
                    keys: SearchKeys::for_record(&rec),
                });
                let mut out = vec![Action::RecordSaved(rec)];
                if !saved.merged.is_empty() {
                    out.push(Action::Merged(saved.merged));
                }
                Ok(out)
            }
            Effect::Fetch { id } => Ok(match records::get(self.db.conn(), id)? {
                Some(rec) => vec![
                    Action::Fetched(Box::new(rec)),
                    Action::Phone(PhoneAction::LogRead {
                        id,
                        notes: crate::pipeline::notes_of(self.db.conn(), id)?,
                    }),
                ],
                None => vec![],
            }),
            Effect::Phone(e) => self.phone(e),
            Effect::AskDelete { kind, id } => {
                let impact = crate::pipeline::delete_impact(self.db.conn(), id)?;
                Ok(vec![Action::ConfirmDelete {
                    kind,
                    id,
                    pairs: impact.pairs,
                    followups: impact.followups,
                }])
            }
            Effect::Delete { kind, id } => {
                crate::pipeline::delete_record(
                    &mut self.db,
                    id,
                    None,
                    &crate::domain::undo::desk(),
                )?;
                self.search(kind).remove(id);
                self.pipe.records_changed();
                Ok(vec![Action::RecordDeleted { kind, id }])
            }
            Effect::LoadStats(choice) => {
                let clock = self.pipe.clock();
                let today = clock.today();
                let stats =
                    crate::pipeline::stats::stats(self.db.conn(), &clock, choice.period(today))?;
                Ok(vec![Action::Stats(
                    crate::tui::features::stats::StatsAction::Loaded {
                        choice,
                        today,
                        stats: Box::new(stats),
                    },
                )])
            }
            Effect::Contract(e) => Ok(vec![crate::tui::app::runner_contract::run(
                &mut self.db,
                &self.pipe.clock(),
                e,
            )]),
            Effect::Org(e) => Ok(crate::tui::app::org::run(&mut self.db, e)),
            Effect::Pipe(e) => {
                // An undo may bring records back or take them away (a delete, an add, a
                // whole import): the lists and searches take what it wrote, as they take
                // another process's changes.
                let undoing = matches!(e, PipeEffect::Undo | PipeEffect::UndoConfirmed { .. });
                let rev = crate::db::live::current_rev(self.db.conn())?;
                let mut out = self.pipe.run(&mut self.db, e)?;
                if undoing {
                    let changes = crate::db::live::changes_since(self.db.conn(), rev)?;
                    if !changes.records.is_empty() || !changes.gone_records.is_empty() {
                        // Before the undo's own message, which the status line keeps.
                        let mut first = self.take_changes(changes);
                        first.append(&mut out);
                        out = first;
                    }
                }
                for a in &out {
                    // An undone record edit: the search takes the restored record.
                    if let Action::RecordSaved(rec) = a {
                        self.pipe.records_changed();
                        self.search(rec.kind).upsert(Entry {
                            id: rec.id,
                            updated_at: rec.updated_at.clone(),
                            keys: SearchKeys::for_record(rec),
                        });
                    }
                }
                Ok(out)
            }
        }
    }

    /// The clipboard and the mouse go to the terminal; a call is logged, and the rows it
    /// wrote come back as changes (the record's own log is read again with it, the pairs'
    /// follow-ups are patched into the views), before the answer saying where it went.
    fn phone(&mut self, effect: PhoneEffect) -> anyhow::Result<Vec<Action>> {
        match effect {
            PhoneEffect::Copy(text) => runner_phone::copy(&mut *self.term, &text)?,
            PhoneEffect::Mouse(on) => runner_phone::mouse(&mut *self.term, on)?,
            PhoneEffect::Call(req) => {
                let rev = crate::db::live::current_rev(self.db.conn())?;
                let said = runner_phone::call(&mut self.db, &self.pipe.clock(), &req)?;
                let changes = crate::db::live::changes_since(self.db.conn(), rev)?;
                let mut out = Vec::new();
                if !changes.is_empty() {
                    out.push(Action::Changed(Box::new(changes)));
                }
                out.extend(said);
                return Ok(out);
            }
        }
        Ok(vec![])
    }

    /// Inserts (id 0) or updates `rec`, journalled in the same transaction (an insert as
    /// the record to delete, an update as the record as it was), so undo takes it back.
    fn save(&mut self, mut rec: Record) -> anyhow::Result<Vec<Action>> {
        self.db.write(|tx| -> anyhow::Result<()> {
            if rec.id == 0 {
                records::insert(tx, &mut rec)?;
                crate::pipeline::journal_record_add(tx, &rec, &crate::domain::undo::desk())?;
            } else {
                let Some(before) = records::get(tx, rec.id)? else {
                    anyhow::bail!("{} is gone: it was deleted meanwhile", rec.code());
                };
                crate::pipeline::undo::journal_record_edit(tx, &before)?;
                records::update(tx, &mut rec)?;
            }
            Ok(())
        })?;
        self.pipe.records_changed();
        self.search(rec.kind).upsert(Entry {
            id: rec.id,
            updated_at: rec.updated_at.clone(),
            keys: SearchKeys::for_record(&rec),
        });
        Ok(vec![Action::RecordSaved(rec)])
    }
}
