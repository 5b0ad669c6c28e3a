//! The slots of an index: building one from entries, adding, replacing and retiring rows,
//! and rebuilding the buffers once retired slots outnumber the live ones.

use std::cmp::Reverse;

use super::{Entry, Index, bound, stamp};

impl Index {
    /// An index of `entries`; of entries sharing an id the last one counts.
    pub fn from_entries(entries: Vec<Entry>) -> Index {
        let mut idx = Index::empty();
        let n = entries.len();
        for (col, len) in [
            (
                &mut idx.fold,
                entries.iter().map(|e| e.keys.fold.len() + 1).sum(),
            ),
            (
                &mut idx.initials,
                entries.iter().map(|e| e.keys.initials.len() + 1).sum(),
            ),
            (
                &mut idx.pinyin,
                entries.iter().map(|e| e.keys.pinyin.len() + 1).sum(),
            ),
        ] {
            col.make_room(n, len, 0);
        }
        idx.ids.reserve_exact(n);
        idx.stamps.reserve_exact(n);
        idx.alive.reserve_exact(n);
        idx.heads.reserve_exact(n);
        for e in entries {
            let k = &e.keys;
            idx.push_slot(e.id, stamp(&e.updated_at), &k.fold, &k.initials, &k.pinyin);
        }
        // Retire all but the last slot of each id.
        idx.by_id();
        let by_id = idx.by_id.take().expect("just built");
        let dups: Vec<u32> = by_id
            .windows(2)
            .filter(|w| idx.ids[w[0] as usize] == idx.ids[w[1] as usize])
            .map(|w| w[0])
            .collect();
        for s in dups {
            idx.alive[s as usize] = false;
            idx.live -= 1;
        }
        idx.compact_if_sparse();
        idx.finish_bulk();
        idx
    }

    /// The live slots by id (then slot), built when first needed.
    fn by_id(&mut self) -> &mut Vec<u32> {
        let ids = &self.ids;
        let alive = &self.alive;
        self.by_id.get_or_insert_with(|| {
            let mut v: Vec<u32> = (0..ids.len() as u32)
                .filter(|&s| alive[s as usize])
                .collect();
            v.sort_unstable_by_key(|&s| (ids[s as usize], s));
            v
        })
    }

    /// Where `id` is or would go in [`Index::by_id`].
    fn find(&mut self, id: i64) -> Result<usize, usize> {
        self.by_id();
        let ids = &self.ids;
        self.by_id
            .as_ref()
            .expect("just built")
            .binary_search_by_key(&id, |&s| ids[s as usize])
    }

    /// Appends one live slot (the caller keeps `by_id` up to date or drops it).
    pub(super) fn push_slot(
        &mut self,
        id: i64,
        stamp: u64,
        fold: &str,
        initials: &str,
        pinyin: &str,
    ) {
        self.sieve.add(self.slots(), fold, initials, pinyin);
        self.heads.push(bound::Head::of(fold, initials, pinyin));
        self.ids.push(id);
        self.stamps.push(stamp);
        self.alive.push(true);
        self.live += 1;
        self.fold.push(fold);
        self.initials.push(initials);
        self.pinyin.push(pinyin);
    }

    /// Adds or replaces one entry (after an edit or an add).
    #[allow(
        clippy::needless_pass_by_value,
        reason = "callers hand the entry over, as they did when rows owned their keys"
    )]
    pub fn upsert(&mut self, e: Entry) {
        let k = &e.keys;
        let s = self.slots();
        match self.find(e.id) {
            Ok(i) => {
                let old = std::mem::replace(&mut self.by_id()[i], s);
                self.alive[old as usize] = false;
                self.live -= 1;
            }
            Err(i) => self.by_id().insert(i, s),
        }
        self.push_slot(e.id, stamp(&e.updated_at), &k.fold, &k.initials, &k.pinyin);
        self.compact_if_sparse();
        self.sieve.flush();
        if self.by_stamp.len() < self.ids.len() {
            // The new slot takes its place in update order.
            let s = self.slots() - 1;
            let key = self.recency(s);
            let at = self.by_stamp.partition_point(|&o| self.recency(o) > key);
            self.by_stamp.insert(at, s);
        }
    }

    /// The newest `k` live slots, in slot order.
    pub(super) fn newest_slots(&self, k: usize) -> Vec<u32> {
        let mut v: Vec<u32> = self
            .by_stamp
            .iter()
            .copied()
            .filter(|&s| self.alive[s as usize])
            .take(k)
            .collect();
        v.sort_unstable();
        v
    }

    /// (update time, reversed id) of slot `s`, which orders `by_stamp` (descending).
    pub(super) fn recency(&self, s: u32) -> (u64, Reverse<i64>) {
        (self.stamps[s as usize], Reverse(self.ids[s as usize]))
    }

    /// Completes what bulk additions defer: the sieve's last block and the update order.
    fn finish_bulk(&mut self) {
        self.sieve.flush();
        self.sieve.shrink();
        let mut order: Vec<u32> = (0..self.slots()).collect();
        order.sort_unstable_by_key(|&s| Reverse(self.recency(s)));
        self.by_stamp = order;
    }

    pub fn remove(&mut self, id: i64) {
        if let Ok(i) = self.find(id) {
            let s = self.by_id().remove(i);
            self.alive[s as usize] = false;
            self.live -= 1;
            self.compact_if_sparse();
        }
    }

    /// Rebuilds the buffers without retired slots once they outnumber the live ones.
    fn compact_if_sparse(&mut self) {
        let dead = self.ids.len() - self.live;
        if dead < 1024 || dead < self.live {
            return;
        }
        let old = std::mem::take(self);
        self.threads = old.threads;
        self.loose = old.loose;
        for s in (0..old.slots()).filter(|&s| old.alive[s as usize]) {
            self.push_slot(
                old.ids[s as usize],
                old.stamps[s as usize],
                old.fold.key(s),
                old.initials.key(s),
                old.pinyin.key(s),
            );
        }
        self.finish_bulk();
    }
}
