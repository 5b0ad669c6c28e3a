//! Effects: what `update` asks of the outside world, and the runner that performs them against
//! the database and the search workers, answering with actions.

use crate::db::{Db, records};
use crate::domain::Kind;
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::Instant;

use crate::search::{Entry, keys::SearchKeys};
use crate::tui::action::Action;
use crate::tui::app::live::{Seen, Watch};
use crate::tui::app::workers::{Search, has_file, load_rows};
pub use crate::tui::effect::Effect;

mod effects;

/// How long a write waits for another process's lock before the loop takes over.
const LOCK_WAIT: std::time::Duration = std::time::Duration::from_millis(250);
/// When a write that met a lock is tried again.
const RETRY_AFTER: std::time::Duration = std::time::Duration::from_millis(400);
/// After this many tries (about a minute) the write is given up, with the form still open.
const MAX_TRIES: u32 = 90;

/// The database, one search per list, the background load and the watch on other processes.
pub struct Runner {
    pub db: Db,
    demands: Search,
    results: Search,
    /// The rest of the rows after the first screenful, while they stream in.
    rows: Option<Receiver<Action>>,
    /// The quick check of the file, run on its own connection after the first frame.
    health: Option<Receiver<Option<bool>>>,
    /// Other processes' writes.
    watch: Watch,
    /// Writes that met another process's lock, retried when due; how often each was tried.
    retry: Vec<(Instant, u32, Effect)>,
    /// The pipeline clock and the suggestion index.
    pub pipe: crate::tui::app::runner_pipeline::PipeRunner,
    /// Where the clipboard and mouse sequences go: the terminal (a buffer in tests).
    pub term: Box<dyn std::io::Write>,
    /// Who each query names (features/lookup).
    lookups: crate::tui::app::lookup::Lookups,
}

impl Runner {
    /// Starts the search workers. On a file their indexes build in the background; an
    /// in-memory database (tests) builds them here.
    pub fn new(db: Db) -> anyhow::Result<Runner> {
        let (mut demands, mut results) = if has_file(&db) {
            let at = db.location().clone();
            (
                Search::build(at.clone(), Kind::Demand),
                Search::build(at, Kind::Achievement),
            )
        } else {
            (
                Search::now(&db, Kind::Demand)?,
                Search::now(&db, Kind::Achievement)?,
            )
        };
        // Both lists answer each keystroke: neither spends the cores on its rest while the
        // other's first page is owed.
        let pages = crate::search::worker::Pages::new();
        demands.pace_with(&pages);
        results.pace_with(&pages);
        // A write that meets another process's lock comes back quickly as busy and is retried
        // from the loop, so the screen never freezes and the form stays open.
        db.set_busy_timeout(LOCK_WAIT)?;
        Ok(Runner {
            watch: Watch::start(&db)?,
            lookups: crate::tui::app::lookup::Lookups::start(&db),
            db,
            demands,
            results,
            rows: None,
            health: None,
            retry: Vec::new(),
            pipe: crate::tui::app::runner_pipeline::PipeRunner::default(),
            term: Box::new(std::io::stdout()),
        })
    }

    /// Streams every row of both lists in the background (the desk opened on the first
    /// screenful).
    pub fn load_rows(&mut self) {
        if has_file(&self.db) {
            self.rows = Some(load_rows(self.db.location().clone()));
        }
    }

    /// Finds out whether the file takes writes, so the desk says so at once instead of at
    /// the first save: read-only is known now; the quick check (seconds on a large file)
    /// runs in the background and answers through [`Runner::answers`].
    pub fn check_health(&mut self) -> Option<Action> {
        if let Some(why) = self.db.known_refusal() {
            return Some(Action::Refused(why));
        }
        if has_file(&self.db) && self.db.unchecked() {
            self.health = Some(crate::tui::app::workers::quick_check(
                self.db.location().clone(),
            ));
        }
        None
    }

    fn search(&mut self, kind: Kind) -> &mut Search {
        match kind {
            Kind::Demand => &mut self.demands,
            Kind::Achievement => &mut self.results,
        }
    }

    /// Answers that arrived since the last call: search answers, loaded rows, other
    /// processes' changes, suggestions.
    pub fn answers(&mut self) -> Vec<Action> {
        let mut out = self.pipe.answers(&self.db);
        out.extend(self.search_answers());
        out.extend(self.lookups.answers());
        if let Some(rx) = &self.rows {
            // A few chunks per tick, so keys still go first.
            for _ in 0..4 {
                match rx.try_recv() {
                    Ok(a) => out.push(a),
                    Err(TryRecvError::Empty) => break,
                    Err(TryRecvError::Disconnected) => {
                        self.rows = None;
                        break;
                    }
                }
            }
        }
        if let Some(rx) = &self.health
            && let Ok(answer) = rx.try_recv()
        {
            self.health = None;
            if let Some(sound) = answer {
                self.db.set_checked(sound);
                if !sound {
                    out.push(Action::Refused(crate::db::Refusal::Damaged));
                }
            }
        }
        let now = Instant::now();
        let (due, later): (Vec<_>, Vec<_>) = std::mem::take(&mut self.retry)
            .into_iter()
            .partition(|(at, _, _)| *at <= now);
        self.retry = later;
        for (_, tries, effect) in due {
            out.extend(self.run_try(effect, tries + 1));
        }
        match self.watch.poll(&self.db, Instant::now()) {
            Ok(Some(Seen::Changes(changes))) => out.extend(self.take_changes(changes)),
            Ok(Some(Seen::Lost(why))) => out.push(Action::Offline(why)),
            Ok(Some(Seen::Back)) => out.push(Action::Online),
            Ok(None) => {}
            Err(e) => out.push(Action::Failed(crate::sanitize::one_line(&format!("{e:#}")))),
        }
        out
    }

    /// Other processes' changes: the searches take the changed records' keys, the
    /// suggestions are rebuilt on the next request, and the model gets the rows.
    fn take_changes(&mut self, changes: crate::db::live::Changes) -> Vec<Action> {
        for row in &changes.records {
            if let Ok(Some(rec)) = records::get(self.db.conn(), row.id) {
                self.search(rec.kind).upsert(Entry {
                    id: rec.id,
                    updated_at: rec.updated_at.clone(),
                    keys: SearchKeys::for_record(&rec),
                });
            }
        }
        for &id in &changes.gone_records {
            self.demands.remove(id);
            self.results.remove(id);
        }
        if !changes.records.is_empty() || !changes.gone_records.is_empty() {
            self.pipe.records_changed();
        }
        vec![Action::Changed(Box::new(changes))]
    }

    fn search_answers(&mut self) -> Vec<Action> {
        let mut out = Vec::new();
        for kind in [Kind::Demand, Kind::Achievement] {
            match self.search(kind).poll() {
                Ok(Some(answer)) => out.push(Action::SearchAnswered {
                    kind,
                    seq: answer.seq,
                    capped: answer.total > answer.hits.len(),
                    partial: !answer.coverage.complete,
                    hits: answer.hits,
                }),
                Ok(None) => {}
                Err(e) => out.push(Action::Failed(crate::sanitize::one_line(&e))),
            }
        }
        out
    }

    /// Performs one effect. Failures come back as a status-bar error, never a crash; a write
    /// that meets another process's lock is retried and says it is waiting.
    pub fn run(&mut self, effect: Effect) -> Vec<Action> {
        self.run_try(effect, 1)
    }

    fn run_try(&mut self, effect: Effect, tries: u32) -> Vec<Action> {
        let retry = matches!(
            effect,
            Effect::Save(_) | Effect::SaveEdit { .. } | Effect::SetStatus { .. }
        )
        .then(|| effect.clone());
        let mine = match &effect {
            Effect::SaveEdit { after, .. } => Some(after.clone()),
            _ => None,
        };
        match self.try_run(effect) {
            Ok(actions) => actions,
            Err(e) if crate::db::is_busy(e.as_ref()) && retry.is_some() && tries < MAX_TRIES => {
                let effect = retry.unwrap_or_else(|| unreachable!());
                self.retry
                    .push((Instant::now() + RETRY_AFTER, tries, effect));
                vec![Action::Waiting { tries }]
            }
            Err(e)
                if matches!(
                    e.downcast_ref::<crate::pipeline::PipelineError>(),
                    Some(
                        crate::pipeline::PipelineError::Conflict { .. }
                            | crate::pipeline::PipelineError::Changed { .. }
                    )
                ) =>
            {
                vec![Action::Pipe(crate::tui::action::PipeAction::Stale(
                    crate::sanitize::one_line(&e.to_string()),
                ))]
            }
            Err(e)
                if matches!(
                    e.downcast_ref::<crate::pipeline::PipelineError>(),
                    Some(crate::pipeline::PipelineError::Crossed { .. })
                ) =>
            {
                match e.downcast::<crate::pipeline::PipelineError>() {
                    Ok(crate::pipeline::PipelineError::Crossed { yours, theirs }) => {
                        vec![Action::Pipe(crate::tui::action::PipeAction::UndoCrossed {
                            yours,
                            theirs,
                        })]
                    }
                    _ => vec![],
                }
            }
            Err(e) => match e.downcast::<crate::db::DbError>() {
                Ok(crate::db::DbError::Conflict { theirs, fields, .. }) => {
                    let mine = mine.unwrap_or_else(|| theirs.clone());
                    vec![Action::EditConflict {
                        mine,
                        theirs,
                        fields,
                    }]
                }
                Ok(e) => vec![Action::Failed(crate::sanitize::one_line(&e.to_string()))],
                Err(e) => vec![Action::Failed(crate::sanitize::one_line(&format!("{e:#}")))],
            },
        }
    }
}

#[cfg(test)]
#[path = "runner_tests.rs"]
mod tests;
