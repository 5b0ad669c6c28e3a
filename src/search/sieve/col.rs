//! The slots holding one letter or pair of the sieve, kept by runs of slots: a list while
//! few, a bit set once many.

/// Slots per run of a column: a run's slots are kept as a list of their low 16 bits while
/// few, as a bit set once many.
pub(super) const RUN_WORDS: usize = 1024;
/// A run turns into a bit set once its list would be as large (4096 slots, 8 KB).
const MANY_FROM: usize = RUN_WORDS * 4;

/// The slots of one column within one run of `RUN_WORDS * 64` slots.
#[derive(Debug, Clone)]
pub(super) enum Run {
    /// The low 16 bits of each slot, ascending.
    Few(Vec<u16>),
    /// One bit per slot of the run.
    Many(Box<[u64; RUN_WORDS]>),
}

/// The slots holding one letter or pair: a run per `RUN_WORDS * 64` slots, so a rare pair
/// costs two bytes per row holding it and a common one a bit per row (a plain bit set for
/// every column took 166 bytes per row).
#[derive(Debug, Clone, Default)]
pub(super) struct Col {
    pub(super) runs: Vec<Run>,
}

impl Col {
    /// Adds the slots of `word`, word `w` of the whole set; slots only grow, so a list run
    /// stays sorted by appending (a word flushed twice only adds higher bits).
    pub(super) fn add(&mut self, w: usize, word: u64) {
        let at = w / RUN_WORDS;
        if self.runs.len() <= at {
            // A run left behind is final: give back what its list over-allocated.
            if let Some(Run::Few(v)) = self.runs.last_mut() {
                v.shrink_to_fit();
            }
            self.runs.resize_with(at + 1, || Run::Few(Vec::new()));
        }
        let run = &mut self.runs[at];
        match run {
            Run::Many(b) => b[w % RUN_WORDS] |= word,
            Run::Few(list) => {
                let base = (w % RUN_WORDS) * 64;
                let mut rest = word;
                while rest != 0 {
                    let x = (base + rest.trailing_zeros() as usize) as u16;
                    rest &= rest - 1;
                    if list.last().is_none_or(|&l| l < x) {
                        list.push(x);
                    } else if let Err(i) = list.binary_search(&x) {
                        list.insert(i, x);
                    }
                }
                if list.len() >= MANY_FROM {
                    let mut bits = Box::new([0u64; RUN_WORDS]);
                    for &x in list.iter() {
                        bits[usize::from(x) / 64] |= 1 << (x % 64);
                    }
                    *run = Run::Many(bits);
                }
            }
        }
    }

    /// `out |= self`.
    pub(super) fn or_into(&self, out: &mut [u64]) {
        for (run, part) in self.runs.iter().zip(out.chunks_mut(RUN_WORDS)) {
            match run {
                Run::Many(b) => {
                    for (o, x) in part.iter_mut().zip(b.iter()) {
                        *o |= x;
                    }
                }
                Run::Few(v) => {
                    for &x in v {
                        if let Some(o) = part.get_mut(usize::from(x) / 64) {
                            *o |= 1 << (x % 64);
                        }
                    }
                }
            }
        }
    }

    /// `out &= self`.
    pub(super) fn and_into(&self, out: &mut [u64]) {
        for (r, part) in out.chunks_mut(RUN_WORDS).enumerate() {
            match self.runs.get(r) {
                None => part.fill(0),
                Some(Run::Many(b)) => {
                    for (o, x) in part.iter_mut().zip(b.iter()) {
                        *o &= x;
                    }
                }
                Some(Run::Few(v)) => {
                    let mut keep = [0u64; RUN_WORDS];
                    for &x in v {
                        keep[usize::from(x) / 64] |= 1 << (x % 64);
                    }
                    for (o, k) in part.iter_mut().zip(keep) {
                        *o &= k;
                    }
                }
            }
        }
    }

    pub(super) fn bytes(&self) -> usize {
        self.runs.capacity() * size_of::<Run>()
            + self
                .runs
                .iter()
                .map(|r| match r {
                    Run::Few(v) => v.capacity() * 2,
                    Run::Many(_) => RUN_WORDS * 8,
                })
                .sum::<usize>()
    }
}
