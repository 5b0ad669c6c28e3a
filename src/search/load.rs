//! Filling an index in parts: a loader packs stored rows into [`Batch`]es (newest first) and
//! the index appends each, so a list is searchable over what has arrived while the rest loads.

use super::buffer::Column;
use super::{Index, stamp};

/// The stored keys of some records, packed into three buffers: what a loader hands the
/// search worker in one message, without one allocation per row.
#[derive(Debug, Default, Clone)]
pub struct Batch {
    ids: Vec<i64>,
    stamps: Vec<u64>,
    fold: Column,
    initials: Column,
    pinyin: Column,
}

impl Batch {
    /// Adds one record's stored keys; `updated_at` is its RFC 3339 update time.
    pub fn push(&mut self, id: i64, updated_at: &str, fold: &str, initials: &str, pinyin: &str) {
        self.ids.push(id);
        self.stamps.push(stamp(updated_at));
        self.fold.push(fold);
        self.initials.push(initials);
        self.pinyin.push(pinyin);
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The ids held, in the order pushed.
    pub fn ids(&self) -> &[i64] {
        &self.ids
    }

    /// Heap bytes held (a loader sizes its batches by this).
    pub fn bytes(&self) -> usize {
        [&self.fold, &self.initials, &self.pinyin]
            .iter()
            .map(|c| c.buf.len() + c.start.len() * 4)
            .sum::<usize>()
            + self.ids.len() * 16
    }
}

impl Index {
    /// Says how many rows the whole list holds, so buffers grow once to their final size.
    pub fn expect(&mut self, rows: usize) {
        self.planned = rows;
    }

    /// Room for `batch` and, once the size of the list is known, for the rows after it.
    fn make_room(&mut self, batch: &Batch) {
        let rows = batch.len();
        let later = self.planned.saturating_sub(self.slots() as usize + rows);
        let exact = |spare: usize| (spare < rows).then_some(rows + later);
        if let Some(n) = exact(self.ids.capacity() - self.ids.len()) {
            self.ids.reserve_exact(n);
            self.stamps.reserve_exact(n);
            self.alive.reserve_exact(n);
            self.heads.reserve_exact(n);
        }
        if let Some(n) = exact(self.by_stamp.capacity() - self.by_stamp.len()) {
            self.by_stamp.reserve_exact(n);
        }
        for (col, from) in [
            (&mut self.fold, &batch.fold),
            (&mut self.initials, &batch.initials),
            (&mut self.pinyin, &batch.pinyin),
        ] {
            col.make_room(rows, from.buf.len(), later);
        }
    }

    /// Gives back what growing over-allocated in the small parts, once every row is in (the
    /// key buffers were sized ahead, and copying them now would double them for a moment).
    pub fn finish_loading(&mut self) {
        self.sieve.shrink();
        self.heads.shrink_to_fit();
        self.ids.shrink_to_fit();
        self.stamps.shrink_to_fit();
        self.alive.shrink_to_fit();
        self.by_stamp.shrink_to_fit();
    }

    /// Appends the rows of `batch` whose id `keep` accepts, in any order; cheapest when they
    /// are older than those already held (rows read newest first).
    pub fn append(&mut self, batch: &Batch, keep: impl Fn(i64) -> bool) {
        let first = self.slots();
        self.make_room(batch);
        for (i, &id) in batch.ids.iter().enumerate() {
            if !keep(id) {
                continue;
            }
            let s = i as u32;
            self.push_slot(
                id,
                batch.stamps[i],
                batch.fold.key(s),
                batch.initials.key(s),
                batch.pinyin.key(s),
            );
        }
        self.sieve.flush();
        // Appended rows are not in the id order edits look up: that is rebuilt when needed.
        self.by_id = None;
        // Merge the new slots into the update order: one step per new slot when they are older
        // than every row held (rows read newest first), else one pass over the order.
        let mut new: Vec<u32> = (first..self.slots()).collect();
        new.sort_by_key(|&s| std::cmp::Reverse(self.recency(s)));
        let mut order = std::mem::take(&mut self.by_stamp);
        let held = order.len();
        order.extend_from_slice(&new);
        let (mut i, mut j, mut k) = (held, new.len(), held + new.len());
        // Merging from the back: each step places the oldest slot left.
        while j > 0 {
            if i > 0 && self.recency(order[i - 1]) < self.recency(new[j - 1]) {
                order[k - 1] = order[i - 1];
                i -= 1;
            } else {
                order[k - 1] = new[j - 1];
                j -= 1;
            }
            k -= 1;
        }
        self.by_stamp = order;
    }
}
