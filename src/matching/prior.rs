//! An earlier suggestion index, read into memory for a rebuild: its vocabulary, each
//! record's terms and texts. A rebuild copies nearly all of them; piece by piece from the
//! file, that would be millions of reads.

use crate::domain::Kind;

use super::corpus::{NO_FIELD, Side, SuggestIndex, TEXTS, side_index};
use super::levers::Levers;
use super::vocab::Vocab;

pub(crate) struct Prior {
    /// The index itself, for the small per-record arrays (always in memory).
    pub index: SuggestIndex,
    pub words: Vocab,
    pub sides: [PriorSide; 2],
}

/// One kind's term offsets, term ids and frequencies, text offsets and texts.
pub(crate) struct PriorSide {
    pub off: Vec<u32>,
    pub tid: Vec<u32>,
    pub tf: Vec<f32>,
    text_off: Vec<u32>,
    text: Vec<u8>,
}

impl PriorSide {
    fn read(s: &Side) -> PriorSide {
        PriorSide {
            off: s.term_off.get(0..usize::MAX).into_owned(),
            tid: s.term_id.get(0..usize::MAX).into_owned(),
            tf: s.term_tf.get(0..usize::MAX).into_owned(),
            text_off: s.text_off.get(0..usize::MAX).into_owned(),
            text: s.text.get(0..usize::MAX).into_owned(),
        }
    }

    /// Where record `d`'s terms are in `tid` and `tf`.
    pub fn span(&self, d: u32) -> std::ops::Range<usize> {
        let d = d as usize;
        self.off[d] as usize..self.off[d + 1] as usize
    }

    /// Record `d`'s text `k` (see [`TEXTS`]), as bytes.
    pub fn text(&self, d: u32, k: usize) -> &[u8] {
        let at = d as usize * TEXTS + k;
        &self.text[self.text_off[at] as usize..self.text_off[at + 1] as usize]
    }
}

impl Prior {
    /// Nothing known: every record is segmented.
    pub fn empty() -> Prior {
        Prior::read(SuggestIndex::default())
    }

    /// `index` read into memory; an index whose vocabulary is damaged (offsets out of order,
    /// words unsorted) is read as an empty one, so every record is read and segmented again.
    pub fn read(index: SuggestIndex) -> Prior {
        let words = Vocab {
            off: index.words.off.get(0..usize::MAX).into_owned(),
            bytes: index.words.bytes.get(0..usize::MAX).into_owned(),
        };
        if !words.is_sound() {
            return Prior::empty();
        }
        let sides = [
            PriorSide::read(&index.sides[0]),
            PriorSide::read(&index.sides[1]),
        ];
        Prior {
            index,
            words,
            sides,
        }
    }

    /// Whether an index built with `levers` may keep what this one holds.
    pub fn serves(&self, levers: Levers) -> bool {
        self.index.levers == levers
    }

    /// The place of record `id` of `kind` when the index holds it at revision `rev`, whole:
    /// terms all in its vocabulary, texts in range (a damaged file offers nothing).
    pub fn place(&self, kind: Kind, id: i64, rev: i64) -> Option<u32> {
        let side = &self.index.sides[side_index(kind)];
        let mine = &self.sides[side_index(kind)];
        let place = side.ids.binary_search(&id).ok()?;
        if id == 0 || rev == 0 || side.revs[place] != rev || place + 1 >= mine.off.len() {
            return None;
        }
        let terms = mine.off[place] as usize..mine.off[place + 1] as usize;
        let n_words = self.words.len() as u32;
        let terms_whole = terms.start <= terms.end
            && terms.end <= mine.tid.len()
            && terms.end <= mine.tf.len()
            && mine.tid[terms].iter().all(|&t| t < n_words);
        let first = place * TEXTS;
        let texts_whole = mine
            .text_off
            .get(first..=first + TEXTS)
            .is_some_and(|offs| {
                offs.windows(2).all(|w| w[0] <= w[1]) && offs[TEXTS] as usize <= mine.text.len()
            });
        let field = side.fields[place];
        let field_known = field == NO_FIELD || (field as usize) < self.index.fields.len();
        (terms_whole && texts_whole && field_known).then_some(place as u32)
    }

    /// The folded field name of field index `f` ("" for none).
    pub fn field(&self, f: u32) -> String {
        if f == NO_FIELD {
            String::new()
        } else {
            self.index.fields[f as usize].clone()
        }
    }
}
