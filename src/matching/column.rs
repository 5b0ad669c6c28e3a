//! One array of the suggestion index, held in memory (an index just built) or left in the
//! persisted file and read piece by piece (an index loaded by the CLI): a query reads the
//! postings of its own terms and a few candidates' terms, never the whole file, so a
//! suggestion from the command line costs milliseconds however large the index is.

use std::borrow::Cow;
use std::fs::File;
use std::ops::Range;
use std::os::unix::fs::FileExt as _;
use std::sync::Arc;

use bytemuck::Pod;

/// An array of plain numbers (or bytes), in memory or in the index file.
#[derive(Debug)]
pub(crate) enum Column<T: Pod> {
    Mem(Vec<T>),
    /// `len` items starting at byte `at` of `file`.
    File {
        file: Arc<File>,
        at: u64,
        len: usize,
    },
}

impl<T: Pod> Default for Column<T> {
    fn default() -> Self {
        Column::Mem(Vec::new())
    }
}

impl<T: Pod> Column<T> {
    pub fn len(&self) -> usize {
        match self {
            Column::Mem(v) => v.len(),
            Column::File { len, .. } => *len,
        }
    }

    /// Items `r` (clamped to the column). A read that fails (the cache file damaged under
    /// us) gives nothing: the index is only a cache, and the next call rebuilds it.
    pub fn get(&self, r: Range<usize>) -> Cow<'_, [T]> {
        let end = r.end.min(self.len());
        let start = r.start.min(end);
        match self {
            Column::Mem(v) => Cow::Borrowed(&v[start..end]),
            Column::File { file, at, .. } => {
                let mut out = vec![T::zeroed(); end - start];
                let offset = at + (start * size_of::<T>()) as u64;
                match file.read_exact_at(bytemuck::cast_slice_mut(&mut out), offset) {
                    Ok(()) => Cow::Owned(out),
                    Err(_) => Cow::Owned(Vec::new()),
                }
            }
        }
    }

    /// Item `i`, or zero past the end.
    pub fn at(&self, i: usize) -> T {
        match self {
            Column::Mem(v) => v.get(i).copied().unwrap_or_else(T::zeroed),
            Column::File { .. } => self
                .get(i..i + 1)
                .first()
                .copied()
                .unwrap_or_else(T::zeroed),
        }
    }

    /// The whole column in memory (what a loaded index reads at once: the small per-record
    /// arrays every query scans).
    pub fn into_vec(self) -> Vec<T> {
        match self {
            Column::Mem(v) => v,
            Column::File { .. } => self.get(0..self.len()).into_owned(),
        }
    }
}

/// The `[offsets[i], offsets[i + 1])` range of a column of offsets.
pub(crate) fn span(offsets: &Column<u32>, i: usize) -> Range<usize> {
    let two = offsets.get(i..i + 2);
    match *two {
        [a, b] if b >= a => a as usize..b as usize,
        _ => 0..0,
    }
}
