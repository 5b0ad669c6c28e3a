//! The index's sorted vocabulary as it is built: flat bytes and offsets, and the merge of an
//! earlier index's words with the words of records segmented now.
//!
//! A rebuild after a few records changed keeps the earlier vocabulary's words that some
//! record still holds and adds the new ones, in one sorted order: the same vocabulary a
//! build from scratch would make, so ids (which order like words) agree between the two.

use std::collections::HashMap;

/// Word `t` is `bytes[off[t]..off[t + 1]]`; words are sorted by their bytes.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Vocab {
    pub off: Vec<u32>,
    pub bytes: Vec<u8>,
}

impl Vocab {
    pub fn len(&self) -> usize {
        self.off.len().saturating_sub(1)
    }

    pub fn word(&self, t: usize) -> &[u8] {
        &self.bytes[self.off[t] as usize..self.off[t + 1] as usize]
    }

    /// The id of `word`, by binary search.
    pub fn id(&self, word: &str) -> Option<u32> {
        let (mut lo, mut hi) = (0usize, self.len());
        while lo < hi {
            let mid = usize::midpoint(lo, hi);
            match self.word(mid).cmp(word.as_bytes()) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid as u32),
            }
        }
        None
    }

    /// Whether the offsets run from 0 to the end of the bytes without stepping back and the
    /// words are in strictly ascending order: what a vocabulary read from a file must be
    /// before it is merged (a damaged one is not used).
    pub fn is_sound(&self) -> bool {
        let Some((&first, _)) = self.off.split_first() else {
            return true;
        };
        first == 0
            && self.off.windows(2).all(|w| w[0] <= w[1])
            && self
                .off
                .last()
                .is_some_and(|&end| end as usize == self.bytes.len())
            && (1..self.len()).all(|t| self.word(t - 1) < self.word(t))
    }

    fn push(&mut self, word: &[u8]) -> u32 {
        if self.off.is_empty() {
            self.off.push(0);
        }
        self.bytes.extend_from_slice(word);
        self.off.push(self.bytes.len() as u32);
        self.len() as u32 - 1
    }
}

/// The merged vocabulary and where each earlier and each new word went.
pub(crate) struct Merged<'a> {
    pub vocab: Vocab,
    /// An earlier word's new id; `u32::MAX` for a word no record holds any more.
    pub remap: Vec<u32>,
    /// Each new word's id.
    pub new_ids: HashMap<&'a str, u32>,
}

/// `prior`'s words marked `used`, and `new` (words `prior` lacks, each once), sorted together.
pub(crate) fn merge<'a>(prior: &Vocab, used: &[bool], mut new: Vec<&'a str>) -> Merged<'a> {
    new.sort_unstable();
    let mut vocab = Vocab {
        off: vec![0],
        bytes: Vec::with_capacity(prior.bytes.len() + new.iter().map(|w| w.len()).sum::<usize>()),
    };
    let mut remap = vec![u32::MAX; prior.len()];
    let mut new_ids = HashMap::with_capacity(new.len());
    let mut fresh = new.into_iter().peekable();
    for (t, kept) in used.iter().enumerate().take(prior.len()) {
        if !kept {
            continue;
        }
        let old = prior.word(t);
        while let Some(w) = fresh.next_if(|w| w.as_bytes() < old) {
            new_ids.insert(w, vocab.push(w.as_bytes()));
        }
        remap[t] = vocab.push(old);
    }
    for w in fresh {
        new_ids.insert(w, vocab.push(w.as_bytes()));
    }
    Merged {
        vocab,
        remap,
        new_ids,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab(words: &[&str]) -> Vocab {
        let mut v = Vocab {
            off: vec![0],
            bytes: Vec::new(),
        };
        for w in words {
            v.push(w.as_bytes());
        }
        v
    }

    fn words(v: &Vocab) -> Vec<String> {
        (0..v.len())
            .map(|t| String::from_utf8(v.word(t).to_vec()).unwrap())
            .collect()
    }

    #[test]
    fn merging_drops_unused_words_and_sorts_new_ones_in() {
        let prior = vocab(&["\u{1}钙钛", "钙钛矿", "铜箔", "锂电池"]);
        let merged = merge(
            &prior,
            &[true, false, true, true],
            vec!["锂", "电解液", "\u{1}铜箔"],
        );
        let mut expected = vec!["\u{1}钙钛", "\u{1}铜箔", "铜箔", "锂电池", "锂", "电解液"];
        expected.sort_unstable();
        assert_eq!(words(&merged.vocab), expected);
        for (old, &new) in merged.remap.iter().enumerate() {
            if new == u32::MAX {
                assert_eq!(prior.word(old), "钙钛矿".as_bytes());
            } else {
                assert_eq!(merged.vocab.word(new as usize), prior.word(old));
            }
        }
        for (w, &id) in &merged.new_ids {
            assert_eq!(merged.vocab.word(id as usize), w.as_bytes());
        }
        assert_eq!(merged.vocab.id("锂电池"), Some(merged.remap[3]));
        assert_eq!(merged.vocab.id("钙钛矿"), None);
    }

    #[test]
    fn a_damaged_vocabulary_is_not_sound() {
        let good = vocab(&["\u{1}钙钛", "钙钛矿", "铜箔"]);
        assert!(good.is_sound() && Vocab::default().is_sound());
        let mut back = good.clone();
        back.off[1] = back.off[2] + 1;
        let mut short = good.clone();
        short.bytes.pop();
        let unsorted = vocab(&["铜箔", "\u{1}钙钛"]);
        for bad in [back, short, unsorted] {
            assert!(!bad.is_sound(), "{bad:?}");
        }
    }

    #[test]
    fn merging_into_nothing_is_a_sorted_vocabulary() {
        let merged = merge(&Vocab::default(), &[], vec!["b", "a", "\u{1}ab"]);
        assert_eq!(words(&merged.vocab), ["\u{1}ab", "a", "b"]);
        assert!(merged.remap.is_empty());
    }
}
