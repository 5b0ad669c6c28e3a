//! The rows found, on a closer look, not to hold a phrase of several ASCII terms
//! ([`super::multi_bound`]), kept from one keystroke to the next: a row without `xianjia`
//! (as text or as syllables) is without `xianjiao` too, since whatever holds a phrase holds
//! every phrase it begins with. Typing `xian jiao` one letter at a time then looks at each row
//! once, not once a key.

use std::sync::atomic::{AtomicU64, Ordering};

/// One worker's rows known to lack the phrase typed last.
#[derive(Debug, Default)]
pub(super) struct Lacking {
    /// The phrase (terms joined, as [`super::multi::Phrase::tight`]) the rows lack.
    phrase: Vec<u8>,
    /// One bit a slot.
    bits: Vec<AtomicU64>,
}

impl Lacking {
    /// Ready for `phrase` over `slots` slots: what was found for a phrase it begins with
    /// stays, anything else is forgotten.
    pub(super) fn begin(&mut self, phrase: &[u8], slots: u32) {
        let words = (slots as usize).div_ceil(64);
        let extends = !self.phrase.is_empty() && phrase.starts_with(&self.phrase);
        if !extends || self.bits.len() != words {
            self.bits = (0..words).map(|_| AtomicU64::new(0)).collect();
        }
        self.phrase = phrase.to_vec();
    }

    /// Forgets every row (the rows or their keys changed).
    pub(super) fn clear(&mut self) {
        self.phrase.clear();
        self.bits.clear();
    }

    /// Whether slot `s` is known to lack the phrase.
    pub(super) fn has(&self, s: u32) -> bool {
        self.bits
            .get(s as usize / 64)
            .is_some_and(|w| w.load(Ordering::Relaxed) & (1 << (s % 64)) != 0)
    }

    /// Slot `s` lacks the phrase.
    pub(super) fn add(&self, s: u32) {
        if let Some(w) = self.bits.get(s as usize / 64) {
            w.fetch_or(1 << (s % 64), Ordering::Relaxed);
        }
    }
}
