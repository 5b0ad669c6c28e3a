//! Noticing other processes' writes, and reading only the rows written after the revision
//! last seen. On a file: `PRAGMA data_version` on each tick (microseconds). On the shared
//! database: the server's change feed (`LISTEN`, [`crate::store::pg::Listener`]), a counter
//! read on each tick; when its session is lost, the desk says so and tries again.

use std::time::{Duration, Instant};

use crate::db::{Db, live};
use crate::store::pg::Listener;

/// How often the desk looks: well inside the one second in which another process's change
/// must show, and cheap enough to never be felt.
pub const EVERY: Duration = Duration::from_millis(200);

/// How often a desk whose connection to the shared database was lost tries again.
pub const RETRY: Duration = Duration::from_secs(2);

/// How often to look: [`EVERY`], or `DUIJIE_WATCH_MS` milliseconds (tests slow it down to
/// hold a stale view on purpose).
fn every() -> Duration {
    std::env::var("DUIJIE_WATCH_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .map_or(EVERY, Duration::from_millis)
}

/// What tells the desk that someone else wrote.
enum Signal {
    /// A file's data version, as last read.
    File(i64),
    /// The change feed's count of announced commits, as last read (None: the feed is lost).
    Server(Option<Listener>, u64),
}

/// Where the desk stands: the signal and revision it last read.
pub struct Watch {
    signal: Signal,
    rev: i64,
    next: Instant,
    every: Duration,
}

/// What a look found.
#[derive(Debug)]
pub enum Seen {
    /// Rows others changed (nothing when empty).
    Changes(live::Changes),
    /// The connection to the shared database is lost; the desk keeps trying.
    Lost(String),
    /// It is back: what changed meanwhile comes with the next look.
    Back,
}

impl Watch {
    /// Starts watching from what the database holds now.
    pub fn start(db: &Db) -> anyhow::Result<Watch> {
        let every = every();
        let signal = match db.sqlite() {
            Some(conn) => Signal::File(live::data_version(conn)?),
            None => Signal::Server(Some(listen(db)?), 0),
        };
        Ok(Watch {
            signal,
            rev: live::current_rev(db.conn())?,
            next: Instant::now() + every,
            every,
        })
    }

    /// What others changed since the last look, when it is time to look and something did.
    /// The desk's own writes do not move a file's data version; they come back only with
    /// another process's change, and applying a row twice changes nothing.
    pub fn poll(&mut self, db: &Db, now: Instant) -> anyhow::Result<Option<Seen>> {
        if now < self.next {
            return Ok(None);
        }
        self.next = now + self.every;
        match &mut self.signal {
            Signal::File(version) => {
                let Some(conn) = db.sqlite() else {
                    return Ok(None);
                };
                let now_version = live::data_version(conn)?;
                if now_version == *version {
                    return Ok(None);
                }
                *version = now_version;
            }
            Signal::Server(listener, heard) => match listener {
                Some(l) if l.alive() => {
                    let count = l.heard();
                    if count == *heard {
                        return Ok(None);
                    }
                    *heard = count;
                }
                Some(_) => {
                    // The feed's session ended: the desk's own is likely gone too.
                    *listener = None;
                    self.next = now + RETRY;
                    return Ok(Some(Seen::Lost(lost_why(db))));
                }
                None => {
                    // Lost: try again every RETRY, then read what changed meanwhile.
                    self.next = now + RETRY;
                    let back = db.reconnect().and_then(|()| listen(db));
                    return Ok(Some(match back {
                        Ok(l) => {
                            *listener = Some(l);
                            *heard = u64::MAX; // read what changed at the next look
                            self.next = now;
                            Seen::Back
                        }
                        Err(e) => Seen::Lost(crate::sanitize::one_line(&e.to_string())),
                    }));
                }
            },
        }
        let changes = live::changes_since(db.conn(), self.rev)?;
        self.rev = self.rev.max(changes.max_rev);
        Ok((!changes.is_empty()).then_some(Seen::Changes(changes)))
    }
}

/// A listener for the commits to the desk's schema of the shared database.
fn listen(db: &Db) -> crate::db::DbResult<Listener> {
    let crate::db::location::Location::Server(url) = db.location() else {
        return Err(crate::db::DbError::Invalid("not a shared database".into()));
    };
    let schema: String = db
        .conn()
        .query_one("SELECT current_schema()", &[])?
        .get(0)?;
    Ok(Listener::start(url, &schema)?)
}

/// Why the shared database is out of reach, in one line for the status bar.
fn lost_why(db: &Db) -> String {
    match db.conn().query_one("SELECT 1", &[]) {
        Ok(_) => "the change feed stopped".into(),
        Err(e) => crate::sanitize::one_line(&crate::db::DbError::from(e).to_string()),
    }
}
