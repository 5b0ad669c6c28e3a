//! When the loop draws while a keystroke's search is out.
//!
//! A key that sends a query changes the screen several times in a few milliseconds: the
//! typed character in the search line, the lookup band, one list's answer, the other's. Each
//! frame is about a millisecond of a core that the two searches are using (at 100k records
//! they answer in 5–15 ms), so the loop holds the frame until both lists have answered, for
//! at most [`ECHO_HOLD`]: the key's echo and both answers then reach the screen in one
//! frame. A search that takes longer shows the typed key after the hold.

use std::time::{Duration, Instant};

/// The longest a frame waits for a key's answers (under one frame of a 60 Hz screen).
pub const ECHO_HOLD: Duration = Duration::from_millis(12);

/// The frame held for a key's answers, if any.
#[derive(Debug, Default)]
pub struct FrameHold {
    since: Option<Instant>,
}

impl FrameHold {
    /// A key sent a query at `now` whose answers are owed; a hold already running keeps
    /// its start (a burst of keys never holds the echo longer than [`ECHO_HOLD`]).
    pub fn keyed(&mut self, now: Instant) {
        self.since.get_or_insert(now);
    }

    /// Whether a frame may be drawn at `now`, given whether a list still owes its answer
    /// to the latest query. Ends the hold once it is over.
    pub fn may_draw(&mut self, now: Instant, owed: bool) -> bool {
        if self
            .since
            .is_some_and(|at| !owed || now.duration_since(at) >= ECHO_HOLD)
        {
            self.since = None;
        }
        self.since.is_none()
    }

    /// Whether a frame is being held (the loop then looks for answers every millisecond).
    pub fn holding(&self) -> bool {
        self.since.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MS: Duration = Duration::from_millis(1);

    #[test]
    fn without_a_key_every_frame_is_drawn() {
        let mut hold = FrameHold::default();
        assert!(hold.may_draw(Instant::now(), true));
        assert!(!hold.holding());
    }

    #[test]
    fn a_key_holds_its_echo_until_both_answers_are_in() {
        let t0 = Instant::now();
        let mut hold = FrameHold::default();
        hold.keyed(t0);
        // The echo and one list's answer: still owed.
        assert!(!hold.may_draw(t0, true));
        assert!(!hold.may_draw(t0 + 5 * MS, true));
        assert!(hold.holding());
        // The second answer: one frame now, and no hold after it.
        assert!(hold.may_draw(t0 + 7 * MS, false));
        assert!(!hold.holding());
        assert!(hold.may_draw(t0 + 8 * MS, true));
    }

    #[test]
    fn a_slow_search_shows_the_typed_key_after_the_hold() {
        let t0 = Instant::now();
        let mut hold = FrameHold::default();
        hold.keyed(t0);
        assert!(!hold.may_draw(t0 + 11 * MS, true));
        assert!(hold.may_draw(t0 + ECHO_HOLD, true));
    }

    #[test]
    fn a_burst_of_keys_holds_from_its_first_key() {
        let t0 = Instant::now();
        let mut hold = FrameHold::default();
        hold.keyed(t0);
        hold.keyed(t0 + 10 * MS);
        assert!(hold.may_draw(t0 + ECHO_HOLD, true));
    }
}
