//! What an [`Index`] holds in memory, part by part, so benchmarks can quote bytes per record
//! and a change to one part shows where it went.

use super::Index;

/// Heap bytes of one index by part (capacity, not length: what the allocator holds).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Footprint {
    /// The three key buffers (folded text, initials, pinyin), bytes used.
    pub keys: usize,
    /// Room reserved in the key buffers beyond what they use (virtual until written: large
    /// buffers come straight from the OS, whose untouched pages take no memory).
    pub keys_spare: usize,
    /// Where each slot's key starts in each buffer.
    pub offsets: usize,
    /// The letter and letter-pair sets.
    pub sieve: usize,
    /// Per-slot score bounds.
    pub heads: usize,
    /// Ids, update times, liveness and the update order.
    pub rows: usize,
    /// Slot of each id.
    pub map: usize,
}

impl Footprint {
    pub fn total(&self) -> usize {
        self.keys + self.offsets + self.sieve + self.heads + self.rows + self.map
    }
}

fn vec_bytes<T>(v: &Vec<T>) -> usize {
    v.capacity() * size_of::<T>()
}

impl Index {
    /// Heap bytes held, by part.
    pub fn footprint(&self) -> Footprint {
        let cols = [&self.fold, &self.initials, &self.pinyin];
        Footprint {
            keys: cols.iter().map(|c| c.buf.len()).sum(),
            keys_spare: cols.iter().map(|c| c.buf.capacity() - c.buf.len()).sum(),
            offsets: cols.iter().map(|c| vec_bytes(&c.start)).sum(),
            sieve: self.sieve.bytes(),
            heads: vec_bytes(&self.heads),
            rows: vec_bytes(&self.ids)
                + vec_bytes(&self.stamps)
                + vec_bytes(&self.alive)
                + vec_bytes(&self.by_stamp),
            map: self.by_id.as_ref().map_or(0, vec_bytes),
        }
    }
}
