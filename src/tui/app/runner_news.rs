//! New matches for the desk: counted in the background (on opening, and again after
//! records change, at most every few seconds) on a connection of their own, and listed on
//! `N`, which also remembers them as listed (as `duijie matches --new` does). The answers
//! are data: the count, and the couples as rows that the list words.

use crate::db::location::Location;
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

use crate::db::Db;
use crate::domain::CodeKind;
use crate::matching::new::{self, Found, Since};
use crate::matching::{Levers, persist};
use crate::tui::action::{Action, PipeAction};
use crate::tui::features::suggestions::SuggestionVm;

/// The least time between two counts started by record changes.
const RECOUNT_EVERY: Duration = Duration::from_secs(10);

/// What a background search found: for a count, or (`list`) listed and remembered.
struct Answer {
    list: bool,
    found: Found,
}

/// The background search for new matches and what waits for it.
#[derive(Default)]
pub struct News {
    running: Option<Receiver<Result<Answer, String>>>,
    /// Not counted since opening, or records changed since the last count.
    counted: bool,
    /// `N` was pressed while a count ran: list once it ends.
    list_wanted: bool,
    last: Option<Instant>,
}

impl News {
    /// Records changed: count again (soon).
    pub fn records_changed(&mut self) {
        self.counted = false;
    }

    /// `N`: list them (after the count under way, if any).
    pub fn ask_list(&mut self, db: &Db) {
        if self.running.is_some() {
            self.list_wanted = true;
        } else {
            self.start(db.location(), true);
        }
    }

    fn start(&mut self, at: &Location, list: bool) {
        self.last = Some(Instant::now());
        if !list {
            self.counted = true;
        }
        self.running = Some(search(at.clone(), list));
    }

    /// The answer of a search that ended, and a count started when one is due.
    pub fn poll(&mut self, db: &Db) -> Vec<Action> {
        let mut out = Vec::new();
        if let Some(rx) = &self.running {
            match rx.try_recv() {
                Err(TryRecvError::Empty) => return out,
                Err(TryRecvError::Disconnected) => self.running = None,
                Ok(answer) => {
                    self.running = None;
                    out.extend(answered(answer));
                }
            }
        }
        if self.list_wanted {
            self.list_wanted = false;
            self.start(db.location(), true);
        } else if !self.counted && self.last.is_none_or(|t| t.elapsed() >= RECOUNT_EVERY) {
            self.start(db.location(), false);
        }
        out
    }
}

/// The actions of one search's answer. A count that failed (a database in memory, a file
/// gone) shows nothing; a listing that failed says why.
fn answered(answer: Result<Answer, String>) -> Vec<Action> {
    match answer {
        Ok(Answer { list: false, found }) => {
            vec![Action::Pipe(PipeAction::NewMatchCount {
                found: found.couples.len(),
                more: found.more,
            })]
        }
        Ok(Answer { list: true, found }) => {
            vec![Action::Pipe(PipeAction::NewMatchesListed(rows(&found)))]
        }
        Err(e) if e.starts_with("count:") => vec![],
        Err(e) => vec![Action::Failed(crate::sanitize::one_line(&e))],
    }
}

/// One row a couple, under its demand (each couple is listed under both sides; the
/// demand's is enough).
pub fn rows(found: &Found) -> Vec<SuggestionVm> {
    found
        .groups
        .iter()
        .filter(|g| g.code.kind == CodeKind::Demand)
        .flat_map(|g| {
            g.partners.iter().map(move |p| SuggestionVm {
                id: p.id,
                code: p.code.to_string(),
                title: p.title.clone(),
                score: p.score,
                reasons: p.reasons.clone(),
                with: Some((g.id, format!("{} {}", g.code, g.title))),
                ..SuggestionVm::default()
            })
        })
        .collect()
}

/// Finds the new matches of the database at `at` on a thread with its own connection
/// and index (the cached one when fresh).
fn search(at: Location, list: bool) -> Receiver<Result<Answer, String>> {
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        let found = (|| -> anyhow::Result<Found> {
            let (mut db, _) = Db::open_at(&at, 0, false)?;
            let found = new::find_opening(
                &db,
                |db| persist::open(db.conn(), &db.cache_anchor(), Levers::default()),
                &Since::LastAsked,
                new::MIN_SCORE,
                // A count asks the latest written records only; a listing asks them all.
                (!list).then_some(new::COUNT_AT_MOST),
            )?;
            // A first count sets the mark too: counting starts from the records as they are.
            if list || found.first {
                new::remember(&mut db, &found)?;
            }
            Ok(found)
        })();
        let answer = match found {
            Ok(found) => Ok(Answer { list, found }),
            Err(e) if list => Err(format!("{e:#}")),
            Err(e) => Err(format!("count: {e:#}")),
        };
        let _ = tx.send(answer);
    });
    rx
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::records;
    use crate::domain::{Kind, Record};

    /// Polls until an answer comes (the search runs on a thread).
    fn wait(news: &mut News, db: &Db) -> Vec<Action> {
        for _ in 0..2000 {
            let out = news.poll(db);
            if !out.is_empty() {
                return out;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        panic!("no answer");
    }

    #[test]
    fn new_matches_are_counted_then_listed_once_under_their_demand() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let mut db = Db::open(&path).unwrap();
        let mut ids = Vec::new();
        let mut add = |db: &mut Db, kind| {
            let mut r = Record::new(kind, "电解铜箔表面处理");
            r.field = "新材料".into();
            r.keywords = "电解铜箔".into();
            db.write(|tx| records::insert(tx, &mut r)).unwrap();
            ids.push(r.id);
        };
        add(&mut db, Kind::Demand);
        add(&mut db, Kind::Achievement);
        // The first count of a database: what it holds is the broker's data, not news.
        assert_eq!(
            wait(&mut News::default(), &db),
            vec![Action::Pipe(PipeAction::NewMatchCount {
                found: 0,
                more: false
            })]
        );
        // A result written after that brings one to the demand.
        add(&mut db, Kind::Achievement);
        let mut news = News::default();
        assert_eq!(
            wait(&mut news, &db),
            vec![Action::Pipe(PipeAction::NewMatchCount {
                found: 1,
                more: false
            })]
        );
        news.ask_list(&db);
        let listed = wait(&mut news, &db);
        let [Action::Pipe(PipeAction::NewMatchesListed(rows))] = listed.as_slice() else {
            panic!("{listed:?}");
        };
        assert_eq!(rows.len(), 1, "one couple, under its demand only");
        assert_eq!(rows[0].id, ids[2]);
        assert_eq!(rows[0].with.as_ref().map(|w| w.0), Some(ids[0]));
        assert!(
            rows[0]
                .with
                .as_ref()
                .unwrap()
                .1
                .contains("电解铜箔表面处理")
        );
        // Listed once: remembered, so nothing is new any more.
        let index = persist::open(db.conn(), &path, Levers::default()).unwrap();
        let again = new::find(db.conn(), &index, &Since::LastAsked, new::MIN_SCORE).unwrap();
        assert!(again.couples.is_empty());
    }

    #[test]
    fn a_count_that_cannot_open_the_database_shows_nothing() {
        let db = Db::open_in_memory().unwrap();
        let mut news = News::default();
        let mut out = Vec::new();
        for _ in 0..200 {
            out.extend(news.poll(&db));
            if news.running.is_none() && news.counted {
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        assert!(out.is_empty(), "{out:?}");
        assert!(!std::path::Path::new(":memory:").exists(), "no file made");
    }
}
