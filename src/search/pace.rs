//! First pages before the rest, across the desk's lists.
//!
//! Each list's worker answers a keystroke with a first page, then works on every hit up to
//! its limit. Both lists answer the same keystroke on the same cores: a list that sent its
//! page early would spend them on its rest while the other list's page, the one the broker is
//! waiting for, is still being found (at 100,000 records that took a keystroke from ~10 ms to
//! ~25). Workers sharing one [`Pages`] hold their rest back while another's page of the same
//! keystroke is owed, at most [`HOLD_MOST`].

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// The longest a rest waits for another list's page (a list still loading may owe its page
/// for long).
pub(super) const HOLD_MOST: Duration = Duration::from_millis(250);

/// First pages owed by the workers that share it (one per query asked and not yet answered
/// over every row). A worker has one of its own unless given a shared one.
#[derive(Debug, Clone, Default)]
pub struct Pages(Arc<AtomicUsize>);

impl Pages {
    pub fn new() -> Pages {
        Pages::default()
    }

    /// One more page owed, until the returned token is dropped.
    pub(super) fn owe(&self) -> PageOwed {
        self.0.fetch_add(1, Ordering::Relaxed);
        PageOwed(Arc::clone(&self.0))
    }

    /// Whether any worker sharing these pages still owes one.
    pub(super) fn owed(&self) -> bool {
        self.0.load(Ordering::Relaxed) > 0
    }
}

/// A first page owed: dropped once it is sent, or when its query is overtaken.
#[derive(Debug)]
pub(super) struct PageOwed(Arc<AtomicUsize>);

impl PageOwed {
    /// The pages it is owed among.
    pub(super) fn pages(&self) -> Pages {
        Pages(Arc::clone(&self.0))
    }
}

impl Drop for PageOwed {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_owed_until_its_token_goes() {
        let pages = Pages::new();
        assert!(!pages.owed());
        let a = pages.owe();
        let b = pages.clone().owe();
        drop(a);
        assert!(pages.owed(), "the other page is still owed");
        drop(b);
        assert!(!pages.owed());
    }
}
