//! The desk's lookup by person and number, off the loop: every query the search workers get
//! goes to a thread of its own with its own read-only connection, where the latest query wins
//! (older ones still waiting are dropped); its answer comes back as a
//! [`LookupAction::Answered`]. A lookup is a few index seeks, but it reads the database, so a
//! key never waits for it. An in-memory database (tests) is looked up here and now.

use crate::db::location::Location;
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};

use crate::store::Sql;

use crate::db::Db;
use crate::pipeline::lookup::lookup;
use crate::tui::action::Action;
use crate::tui::features::lookup::LookupAction;

/// The lookup thread, or answers made inline for an in-memory database.
pub struct Lookups {
    tx: Option<Sender<(u64, String)>>,
    rx: Receiver<Action>,
    /// Answers made here (in-memory databases).
    inline: Vec<Action>,
}

impl Lookups {
    /// A lookup thread for `db`'s file (started at once, its connection opened at the first
    /// query), or none for an in-memory database.
    pub fn start(db: &Db) -> Lookups {
        let (ans_tx, rx) = mpsc::channel();
        if !crate::tui::app::workers::has_file(db) {
            return Lookups {
                tx: None,
                rx,
                inline: Vec::new(),
            };
        }
        let (tx, req_rx) = mpsc::channel::<(u64, String)>();
        let at = db.location().clone();
        let spawned = std::thread::Builder::new()
            .name("duijie-lookup".into())
            .spawn(move || run(&at, &req_rx, &ans_tx));
        Lookups {
            tx: spawned.is_ok().then_some(tx),
            rx,
            inline: Vec::new(),
        }
    }

    /// Looks `query` (search `seq`) up: on the thread, or here for an in-memory database.
    pub fn ask(&mut self, db: &Db, seq: u64, query: &str) {
        match &self.tx {
            Some(tx) => {
                let _ = tx.send((seq, query.to_string()));
            }
            None => self.inline.push(answer(db.conn(), seq, query)),
        }
    }

    /// The answers that arrived since the last call.
    pub fn answers(&mut self) -> Vec<Action> {
        let mut out = std::mem::take(&mut self.inline);
        loop {
            match self.rx.try_recv() {
                Ok(a) => out.push(a),
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => return out,
            }
        }
    }
}

/// The answer to `query`; a failure answers "nobody" (the band stays empty) and says why.
fn answer(conn: &dyn Sql, seq: u64, query: &str) -> Action {
    match lookup(conn, query) {
        Ok(found) => Action::Lookup(LookupAction::Answered {
            seq,
            found: found.map(Box::new),
        }),
        Err(e) => Action::Failed(crate::sanitize::one_line(&e.to_string())),
    }
}

/// The thread: the newest query waiting is answered, older ones are dropped.
fn run(at: &Location, req_rx: &Receiver<(u64, String)>, ans_tx: &Sender<Action>) {
    let mut conn: Option<Box<dyn Sql + Send>> = None;
    while let Ok(mut job) = req_rx.recv() {
        while let Ok(newer) = req_rx.try_recv() {
            job = newer;
        }
        if conn.is_none() {
            match at.open_reader() {
                Ok(c) => conn = Some(c),
                Err(e) => {
                    let why = crate::sanitize::one_line(&e.to_string());
                    let _ = ans_tx.send(Action::Failed(why));
                    return;
                }
            }
        }
        let Some(c) = &conn else { return };
        let mut a = answer(c, job.0, &job.1);
        if let Action::Failed(_) = a {
            // The band stays empty for this query; the loop stops waiting for it.
            let _ = ans_tx.send(a);
            a = Action::Lookup(LookupAction::Answered {
                seq: job.0,
                found: None,
            });
        }
        if ans_tx.send(a).is_err() {
            return;
        }
    }
}
