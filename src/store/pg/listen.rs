//! The change feed on PostgreSQL: a desk hears another broker's commit within moments.
//!
//! Every write transaction takes a revision, and the server announces it on channel
//! `duijie_change` when the transaction commits (migration 016). A [`Listener`] holds its own
//! session, `LISTEN`s on a thread of its own, and counts the announcements for the desk's
//! schema; the desk compares the count on each tick (an atomic read) and, when it moved,
//! reads the rows written after the revision it last saw, as it does on SQLite after
//! `PRAGMA data_version` moved.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::thread;

use postgres::fallible_iterator::FallibleIterator;

use super::client;
use crate::store::StoreResult;

/// The channel migration 016's trigger announces revisions on.
pub const CHANNEL: &str = "duijie_change";

/// Counts commits to one schema of a shared database, on a thread of its own.
pub struct Listener {
    heard: Arc<AtomicU64>,
    alive: Arc<AtomicBool>,
}

impl Listener {
    /// Connects to `url` and listens for commits to `schema` (the desk's `current_schema()`).
    /// Fails when the server cannot be reached; a connection lost later shows as
    /// [`Listener::alive`] turning false.
    pub fn start(url: &str, schema: &str) -> StoreResult<Listener> {
        let mut client = client(url)?;
        client.batch_execute(&format!("LISTEN {CHANNEL}"))?;
        let heard = Arc::new(AtomicU64::new(0));
        let alive = Arc::new(AtomicBool::new(true));
        let prefix = format!("{schema} ");
        let (h, a) = (Arc::clone(&heard), Arc::clone(&alive));
        thread::Builder::new()
            .name("duijie-listen".into())
            .spawn(move || {
                let mut feed = client.notifications();
                let mut it = feed.blocking_iter();
                loop {
                    match it.next() {
                        Ok(Some(n)) if n.payload().starts_with(&prefix) => {
                            h.fetch_add(1, Ordering::Release);
                        }
                        Ok(Some(_)) => {}
                        // The session ended (server gone, connection dropped).
                        Ok(None) | Err(_) => break,
                    }
                }
                a.store(false, Ordering::Release);
            })
            .map_err(|e| crate::store::StoreError::Setup(format!("listener thread: {e}")))?;
        Ok(Listener { heard, alive })
    }

    /// How many commits to the schema were announced since the listener started.
    pub fn heard(&self) -> u64 {
        self.heard.load(Ordering::Acquire)
    }

    /// Whether the listening session is still connected.
    pub fn alive(&self) -> bool {
        self.alive.load(Ordering::Acquire)
    }
}
