//! Pipeline effects: the writes (pair, move, follow-up, undo) and the reads (pairs, board,
//! agenda, pair detail, suggestions) against the database, answered as actions. The
//! suggestion index is opened from its cache file on the first `s` when it is fresh;
//! otherwise it is rebuilt on a thread and the answer comes back through
//! [`PipeRunner::answers`]. After a record changes, the
//! next `s` answers at once from the index as it was and brings it up to date behind (on a
//! thread with its own connection, reading only the changed records); the open list is
//! refreshed when the new index is ready.

use std::sync::mpsc::{Receiver, TryRecvError, channel};

use crate::db::location::Location;
use crate::db::{Db, records};
use crate::domain::{Code, CodeKind, PairRow};
use crate::matching::{Levers, SuggestIndex, persist};
use crate::pipeline::{self, Clock};
use crate::tui::action::{Action, PipeAction};
pub use crate::tui::effect::PipeEffect;
use crate::tui::features::pipeline::vm;
use crate::tui::features::suggestions::SuggestionVm;

mod effects;

/// How many suggestions the list shows.
const SUGGESTIONS: usize = 20;

/// Beyond this many changed pairs a full read is cheaper than patching one by one.
pub const PATCH_LIMIT: usize = 1_000;

/// The suggestion index and its rebuilds.
#[derive(Default)]
struct Suggestions {
    ready: Option<Box<SuggestIndex>>,
    /// The index being built, or why it could not be.
    building: Option<Receiver<Result<SuggestIndex, String>>>,
    /// Records changed since `ready` (or the build under way) read them.
    stale: bool,
    /// The latest request, answered (or its open list refreshed) once a build ends.
    wanted: Option<Wanted>,
}

#[derive(Debug, Clone, Copy)]
struct Wanted {
    id: i64,
    /// Already answered from an older index: only refresh a list still open.
    refresh: bool,
}

/// Pipeline state of the effect runner: the clock and the suggestion index.
#[derive(Default)]
pub struct PipeRunner {
    /// Fixed in tests; the system clock, read at each operation, otherwise.
    fixed: Option<Clock>,
    suggestions: Suggestions,
    /// New matches: counted in the background, listed on `N`.
    news: super::runner_news::News,
}

impl PipeRunner {
    /// A runner on a fixed clock (tests).
    pub fn fixed(clock: Clock) -> PipeRunner {
        PipeRunner {
            fixed: Some(clock),
            ..PipeRunner::default()
        }
    }

    /// A record was added, edited or deleted: the suggestion index no longer holds it as it
    /// is, and is rebuilt on the next request.
    pub fn records_changed(&mut self) {
        self.news.records_changed();
        let s = &mut self.suggestions;
        if s.ready.is_some() || s.building.is_some() {
            s.stale = true;
        }
    }

    /// The suggestion index of the records as they are now: the persisted one when it is
    /// fresh (ready at once), else rebuilt on a thread (reusing the unchanged records'
    /// terms) and saved for the next time.
    fn start_build(&mut self, db: &Db) -> anyhow::Result<()> {
        self.suggestions.stale = false;
        let stale = match persist::cached(db.conn(), &db.cache_anchor(), Levers::default())? {
            Ok(index) => {
                self.suggestions.ready = Some(Box::new(index));
                return Ok(());
            }
            Err(stale) => stale,
        };
        let (tx, rx) = channel();
        match db.location().clone() {
            // A private in-memory database (tests) has no second connection: read here.
            Location::File(f) if f.as_os_str() == ":memory:" => {
                let ready = stale.read(db.conn())?;
                std::thread::spawn(move || {
                    let _ = tx.send(Ok(ready.build()));
                });
            }
            // What changed is read on the builder's own connection: at 1M records even the
            // list of revisions is a quarter of a second the desk should not wait for.
            // The new-matches count may be bringing the same file up to date: `open` waits
            // for it and then finds the file fresh.
            at => {
                drop(stale);
                std::thread::spawn(move || {
                    let built = Db::open_at(&at, 0, false)
                        .and_then(|(db, _)| {
                            persist::open(db.conn(), &db.cache_anchor(), Levers::default())
                        })
                        .map_err(|e| crate::sanitize::one_line(&format!("{e:#}")));
                    let _ = tx.send(built);
                });
            }
        }
        self.suggestions.building = Some(rx);
        Ok(())
    }

    pub fn clock(&self) -> Clock {
        self.fixed.clone().unwrap_or_else(Clock::system)
    }

    /// Suggestions whose index finished building since the last call.
    pub fn answers(&mut self, db: &Db) -> Vec<Action> {
        let mut out = self.news.poll(db);
        out.extend(self.suggestion_answers(db));
        out
    }

    /// Suggestions whose index finished building since the last call.
    fn suggestion_answers(&mut self, db: &Db) -> Vec<Action> {
        let Some(rx) = &self.suggestions.building else {
            return vec![];
        };
        let index = match rx.try_recv() {
            Err(TryRecvError::Empty) => return vec![],
            Err(TryRecvError::Disconnected) => {
                self.suggestions.building = None;
                return vec![Action::Failed(
                    "building the suggestion index failed".into(),
                )];
            }
            Ok(Err(why)) => {
                self.suggestions.building = None;
                return vec![Action::Failed(format!(
                    "building the suggestion index failed: {why}"
                ))];
            }
            Ok(Ok(index)) => index,
        };
        self.suggestions.ready = Some(Box::new(index));
        self.suggestions.building = None;
        let Some(w) = self.suggestions.wanted.take() else {
            return vec![];
        };
        match self.suggest(db, w.id, w.refresh) {
            Ok(actions) => actions,
            Err(e) => vec![Action::Failed(crate::sanitize::one_line(&format!("{e:#}")))],
        }
    }

    /// The board and/or the agenda read in full.
    fn refresh_views(&self, db: &Db, board: bool, agenda: bool) -> anyhow::Result<Vec<Action>> {
        let clock = self.clock();
        let conn = db.conn();
        let mut out = Vec::new();
        if board {
            out.push(Action::Pipe(PipeAction::BoardLoaded {
                today: clock.today(),
                columns: pipeline::board(conn, &clock)?,
            }));
        }
        if agenda {
            out.push(Action::Pipe(PipeAction::AgendaLoaded {
                today: clock.today(),
                agenda: Box::new(pipeline::agenda(conn, &clock)?),
            }));
        }
        Ok(out)
    }

    /// The actions that reload the pairs and what is open.
    pub fn refresh(
        &self,
        db: &Db,
        board: bool,
        agenda: bool,
        detail: Option<i64>,
    ) -> anyhow::Result<Vec<Action>> {
        let clock = self.clock();
        let conn = db.conn();
        let pairs = pipeline::pairs::list_with_sides(conn)?
            .iter()
            .map(|(p, d, r)| vm::pair_line(p, d, r))
            .collect();
        let mut out = vec![Action::Pipe(PipeAction::Loaded {
            today: clock.today(),
            pairs,
        })];
        out.extend(self.refresh_views(db, board, agenda)?);
        if let Some(id) = detail {
            let code = Code {
                kind: CodeKind::Pair,
                num: id,
            };
            // A pair undone away simply has no detail to show any more.
            if let Ok(d) = pipeline::show_pair(conn, &clock, code) {
                out.push(Action::Pipe(PipeAction::PairShown(Box::new(d))));
            }
        }
        Ok(out)
    }

    /// The answer that patches `row` in: the pair with its card and agenda place.
    fn changed(db: &Db, clock: &Clock, row: PairRow) -> anyhow::Result<Action> {
        let conn = db.conn();
        let id = row.pair.id;
        // The agenda's staleness counts from the newest stage change or follow-up.
        let last = pipeline::history_of(conn, id)?
            .into_iter()
            .map(|h| h.at)
            .chain(pipeline::followups_of(conn, id)?.into_iter().map(|f| f.at))
            .max();
        Ok(Action::Pipe(PipeAction::PairChanged(Box::new(
            crate::tui::action::PairChange {
                row,
                last_activity: last,
                clock: clock.clone(),
            },
        ))))
    }

    /// The answer for pair `id` as it is now: changed, or gone.
    fn reread(db: &Db, clock: &Clock, id: i64) -> anyhow::Result<Action> {
        match pipeline::row(db.conn(), id)? {
            Some(row) => Self::changed(db, clock, row),
            None => Ok(Action::Pipe(PipeAction::PairGone(id))),
        }
    }

    fn suggest(&mut self, db: &Db, id: i64, refresh: bool) -> anyhow::Result<Vec<Action>> {
        let Some(rec) = records::get(db.conn(), id)? else {
            anyhow::bail!("the record is gone");
        };
        let mut out = Vec::new();
        if self.suggestions.stale && self.suggestions.building.is_none() {
            // Answer from the index as it is; the rebuild refreshes the list.
            self.start_build(db)?;
            if self.suggestions.building.is_some() {
                self.suggestions.wanted = Some(Wanted { id, refresh: true });
            }
        }
        if self.suggestions.ready.is_none() && self.suggestions.building.is_none() {
            self.start_build(db)?;
        }
        if let Some(index) = &self.suggestions.ready {
            let found = crate::matching::suggest_for(db.conn(), index, &rec, SUGGESTIONS, false)?;
            // Data only: the list words the reasons in the desk's language as it draws.
            let rows = found.iter().map(SuggestionVm::from).collect();
            out.push(Action::Pipe(PipeAction::Suggested {
                subject: id,
                title: format!("{} {}", rec.code(), rec.title),
                rows,
                refresh,
            }));
        } else {
            out.push(Action::Pipe(PipeAction::SuggestBuilding));
            // Keep the latest request; the build answers it.
            self.suggestions.wanted = Some(Wanted { id, refresh: false });
        }
        Ok(out)
    }
}

#[cfg(test)]
#[path = "runner_pipeline/suggest_tests.rs"]
mod suggest_tests;
