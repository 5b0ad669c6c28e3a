//! The text of a key buffer ([`super::buffer::Column`]): a `String` the index owns and grows,
//! or a range of shared bytes it only reads — a cache file mapped into memory
//! ([`crate::db::index_cache`]), so that `duijie find` copies none of its keys. The bytes are
//! checked to be UTF-8 once, when the text is made; after that it reads as a `str` at no cost.
//! Growing a shared text copies it into a `String` first.

use std::ops::{Deref, Range};
use std::sync::Arc;

use yoke::Yoke;

/// Bytes an index can read its keys from without copying them (a mapped file, or a `Vec`).
pub type Shared = Arc<dyn AsRef<[u8]> + Send + Sync>;

/// Text owned or shared; reads as a `str`.
#[derive(Clone)]
pub(super) enum Text {
    Owned(String),
    Shared(Yoke<&'static str, Shared>),
}

impl Default for Text {
    fn default() -> Text {
        Text::Owned(String::new())
    }
}

impl std::fmt::Debug for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Text::Owned(s) => f.debug_tuple("Owned").field(&s.len()).finish(),
            Text::Shared(_) => f.debug_tuple("Shared").field(&self.len()).finish(),
        }
    }
}

impl Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            Text::Owned(s) => s,
            Text::Shared(y) => y.get(),
        }
    }
}

impl Text {
    /// `range` of `bytes` as text; None when it is out of bounds or not UTF-8.
    pub(super) fn shared(bytes: Shared, range: Range<usize>) -> Option<Text> {
        Yoke::try_attach_to_cart(bytes, |b: &(dyn AsRef<[u8]> + Send + Sync + 'static)| {
            let part = b.as_ref().get(range).ok_or(())?;
            simdutf8::basic::from_utf8(part).map_err(|_| ())
        })
        .ok()
        .map(Text::Shared)
    }

    /// The text as a `String` to grow, copied out of shared bytes the first time.
    fn owned(&mut self) -> &mut String {
        if let Text::Shared(y) = self {
            *self = Text::Owned((*y.get()).to_string());
        }
        match self {
            Text::Owned(s) => s,
            Text::Shared(_) => unreachable!("made owned above"),
        }
    }

    pub(super) fn push_str(&mut self, s: &str) {
        self.owned().push_str(s);
    }

    pub(super) fn push(&mut self, c: char) {
        self.owned().push(c);
    }

    /// Bytes held without growing (of shared text: its length).
    pub(super) fn capacity(&self) -> usize {
        match self {
            Text::Owned(s) => s.capacity(),
            Text::Shared(_) => self.len(),
        }
    }

    pub(super) fn reserve_exact(&mut self, more: usize) {
        self.owned().reserve_exact(more);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_text_reads_in_place_and_grows_as_a_copy() {
        let bytes: Shared = Arc::new("xx锂电池\u{1f}回收".as_bytes().to_vec());
        let mut t = Text::shared(bytes.clone(), 2..15).unwrap();
        assert_eq!(&*t, "锂电池\u{1f}回");
        assert_eq!(t.capacity(), t.len());
        t.push_str("收");
        assert_eq!(&*t, "锂电池\u{1f}回收");
        // Cut inside a character, or out of bounds: not text.
        assert!(Text::shared(bytes.clone(), 2..4).is_none());
        assert!(Text::shared(bytes, 2..99).is_none());
    }
}
