//! The buffers an [`super::Index`] scans: one per key kind, every slot's key back to back,
//! and the scopes a scan covers.

use super::keys;
use super::text::Text;

/// One key kind of every slot in one buffer: keys back to back, each followed by
/// [`keys::FIELD_SEP`], so one substring search runs over the whole list in memory order and
/// no match spans two records (queries hold no control chars).
#[derive(Debug, Default, Clone)]
pub(super) struct Column {
    pub(super) buf: Text,
    /// Start of each slot's key in `buf`, plus the end of the buffer.
    pub(super) start: Vec<u32>,
}

impl Column {
    /// Makes room for `rows` more keys of `bytes` bytes in all, and, when more come after
    /// them, for `later` more rows at the average length so far and a quarter more: grown
    /// once to the size a list will reach, a buffer of hundreds of megabytes is neither
    /// doubled past it nor copied again. The room is reserved, not touched, so what is left
    /// over never becomes resident; running short is what costs: the copy holds the buffer
    /// twice for a moment (the first rows, the newest, are often shorter than the rest: at a
    /// million rows 3% of room ran out near the end, and six copies of 30–100 MB made the
    /// desk's peak memory).
    pub(super) fn make_room(&mut self, rows: usize, bytes: usize, later: usize) {
        let held = self.start.len().saturating_sub(1);
        if self.buf.capacity() - self.buf.len() < bytes {
            let per_row = (self.buf.len() + bytes) as f64 / (held + rows).max(1) as f64;
            let more = bytes + (per_row * later as f64 * 1.25) as usize;
            self.buf.reserve_exact(more);
        }
        if self.start.capacity() - self.start.len() < rows + 1 {
            self.start.reserve_exact(rows + later + 1);
        }
    }

    pub(super) fn push(&mut self, key: &str) {
        if self.start.is_empty() {
            self.start.push(0);
        }
        self.buf.push_str(key);
        self.buf.push(keys::FIELD_SEP);
        self.start.push(self.buf.len() as u32);
    }

    /// The key of slot `s`, without its terminator.
    pub(super) fn key(&self, s: u32) -> &str {
        &self.buf[self.start[s as usize] as usize..self.start[s as usize + 1] as usize - 1]
    }

    /// Calls `f` for each slot in `lo..hi` whose key `find` locates something in, in order;
    /// the search jumps over slots without a match in one call.
    pub(super) fn each_found(
        &self,
        lo: u32,
        hi: u32,
        find: impl Fn(&[u8]) -> Option<usize>,
        mut f: impl FnMut(u32),
    ) {
        if lo >= hi {
            return;
        }
        let end = self.start[hi as usize] as usize;
        let mut pos = self.start[lo as usize] as usize;
        let mut s = lo as usize;
        while pos < end {
            let Some(n) = find(&self.buf.as_bytes()[pos..end]) else {
                break;
            };
            let at = pos + n;
            while self.start[s + 1] as usize <= at {
                s += 1;
            }
            f(s as u32);
            s += 1;
            pos = self.start[s] as usize;
        }
    }
}

/// The rows a scan looks at: a range of slots, or the slots a shorter query matched.
#[derive(Clone, Copy)]
pub(super) enum Scope<'a> {
    Range(u32, u32),
    Rows(&'a [u32]),
}

impl Scope<'_> {
    pub(super) fn len(&self) -> usize {
        match self {
            Scope::Range(lo, hi) => (hi - lo) as usize,
            Scope::Rows(r) => r.len(),
        }
    }

    /// `n` parts of about equal size.
    pub(super) fn split(&self, n: usize) -> Vec<Self> {
        let len = self.len();
        let chunk = len.div_ceil(n.max(1)).max(1);
        (0..n)
            .map(|t| ((t * chunk).min(len), ((t + 1) * chunk).min(len)))
            .filter(|(a, b)| a < b)
            .map(|(a, b)| match *self {
                Scope::Range(lo, _) => Scope::Range(lo + a as u32, lo + b as u32),
                Scope::Rows(r) => Scope::Rows(&r[a..b]),
            })
            .collect()
    }
}
