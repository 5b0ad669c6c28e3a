//! Noticing other processes' writes: `PRAGMA data_version` on each tick (microseconds), and
//! when it moved, only the rows written after the revision last seen.

use std::time::{Duration, Instant};

use crate::db::{Db, live};

/// How often the desk looks: well inside the one second in which another process's change
/// must show, and cheap enough to never be felt.
pub const EVERY: Duration = Duration::from_millis(200);

/// How often to look: [`EVERY`], or `DUIJIE_WATCH_MS` milliseconds (tests slow it down to
/// hold a stale view on purpose).
fn every() -> Duration {
    std::env::var("DUIJIE_WATCH_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .map_or(EVERY, Duration::from_millis)
}

/// Where the desk stands: the data version and revision it last read.
#[derive(Debug, Clone)]
pub struct Watch {
    version: i64,
    rev: i64,
    next: Instant,
    every: Duration,
}

impl Watch {
    /// Starts watching from what the database holds now.
    pub fn start(db: &Db) -> anyhow::Result<Watch> {
        let every = every();
        Ok(Watch {
            version: live::data_version(db.conn())?,
            rev: live::current_rev(db.conn())?,
            next: Instant::now() + every,
            every,
        })
    }

    /// What others changed since the last look, when it is time to look and something did.
    /// The desk's own writes do not move the data version; they come back only with another
    /// process's change, and applying a row twice changes nothing.
    pub fn poll(&mut self, db: &Db, now: Instant) -> anyhow::Result<Option<live::Changes>> {
        if now < self.next {
            return Ok(None);
        }
        self.next = now + self.every;
        let version = live::data_version(db.conn())?;
        if version == self.version {
            return Ok(None);
        }
        self.version = version;
        let changes = live::changes_since(db.conn(), self.rev)?;
        self.rev = self.rev.max(changes.max_rev);
        Ok((!changes.is_empty()).then_some(changes))
    }
}
