//! An [`Index`] as bytes and back, for a cache file: a lookup from the shell reads the index
//! of the last one instead of every record's keys and rebuilding its sieve and bounds (most
//! of its time at 100k rows). Little-endian, each part with its length; a version number
//! changes whenever the layout or what a key holds does, and a file of another version, cut
//! short or malformed reads as None, never a panic.

use super::Index;
use super::buffer::Column;
use super::keys::FIELDS;

/// Bumped whenever the bytes or the keys they hold change meaning.
const VERSION: u32 = 1;
const MAGIC: &[u8; 4] = b"DJIX";

/// Appends parts to a byte buffer.
pub(super) struct Writer(pub(super) Vec<u8>);

impl Writer {
    pub(super) fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }

    pub(super) fn bytes(&mut self, b: &[u8]) {
        self.u64(b.len() as u64);
        self.0.extend_from_slice(b);
    }

    pub(super) fn u16s(&mut self, v: &[u16]) {
        self.u64(v.len() as u64);
        for x in v {
            self.0.extend_from_slice(&x.to_le_bytes());
        }
    }

    pub(super) fn u32s(&mut self, v: &[u32]) {
        self.u64(v.len() as u64);
        for x in v {
            self.0.extend_from_slice(&x.to_le_bytes());
        }
    }

    pub(super) fn u64s(&mut self, v: &[u64]) {
        self.u64(v.len() as u64);
        for x in v {
            self.0.extend_from_slice(&x.to_le_bytes());
        }
    }
}

/// Reads parts back; every read checks the length left.
pub(super) struct Reader<'a>(pub(super) &'a [u8]);

impl<'a> Reader<'a> {
    pub(super) fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (a, b) = self.0.split_at(n);
        self.0 = b;
        Some(a)
    }

    pub(super) fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    fn len(&mut self, each: usize) -> Option<usize> {
        let n = usize::try_from(self.u64()?).ok()?;
        (n.checked_mul(each)? <= self.0.len()).then_some(n)
    }

    pub(super) fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = self.len(1)?;
        self.take(n)
    }

    pub(super) fn u16s(&mut self) -> Option<Vec<u16>> {
        let n = self.len(2)?;
        let b = self.take(n * 2)?;
        Some(
            b.chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .collect(),
        )
    }

    pub(super) fn u32s(&mut self) -> Option<Vec<u32>> {
        let n = self.len(4)?;
        let b = self.take(n * 4)?;
        Some(
            b.chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
        )
    }

    pub(super) fn u64s(&mut self) -> Option<Vec<u64>> {
        let n = self.len(8)?;
        let b = self.take(n * 8)?;
        Some(
            b.chunks_exact(8)
                .map(|c| u64::from_le_bytes(c.try_into().expect("8 bytes")))
                .collect(),
        )
    }
}

fn write_column(w: &mut Writer, c: &Column) {
    w.bytes(c.buf.as_bytes());
    w.u32s(&c.start);
}

fn read_column(r: &mut Reader) -> Option<Column> {
    let buf = String::from_utf8(r.bytes()?.to_vec()).ok()?;
    let start = r.u32s()?;
    let ends_right = start
        .last()
        .map_or(buf.is_empty(), |&e| e as usize == buf.len());
    let ordered = start.windows(2).all(|p| p[0] < p[1])
        && start.iter().all(|&st| buf.is_char_boundary(st as usize));
    (ends_right && ordered).then_some(Column { buf, start })
}

impl Index {
    /// The index as bytes, `stamp` (what it was built from, e.g. a database revision) first.
    pub fn to_bytes(&self, stamp: &[u8]) -> Vec<u8> {
        let mut w = Writer(Vec::with_capacity(
            self.fold.buf.len() + self.initials.buf.len() + self.pinyin.buf.len() + 1024,
        ));
        w.0.extend_from_slice(MAGIC);
        w.u64(u64::from(VERSION) << 32 | FIELDS.len() as u64);
        w.bytes(stamp);
        let ids: Vec<u64> = self.ids.iter().map(|&i| i as u64).collect();
        w.u64s(&ids);
        w.u64s(&self.stamps);
        let alive: Vec<u8> = self.alive.iter().map(|&a| u8::from(a)).collect();
        w.bytes(&alive);
        for c in [&self.fold, &self.initials, &self.pinyin] {
            write_column(&mut w, c);
        }
        let mut heads = Vec::with_capacity(self.heads.len() * super::bound::Head::BYTES);
        for h in &self.heads {
            h.write(&mut heads);
        }
        w.bytes(&heads);
        w.u32s(&self.by_stamp);
        self.sieve.write(&mut w);
        w.0
    }

    /// The stamp written by [`Index::to_bytes`], read without the rest.
    pub fn stamp_of(bytes: &[u8]) -> Option<&[u8]> {
        let mut r = Reader(bytes);
        (r.take(4)? == MAGIC).then_some(())?;
        (r.u64()? == u64::from(VERSION) << 32 | FIELDS.len() as u64).then_some(())?;
        r.bytes()
    }

    /// An index read back from [`Index::to_bytes`]; None when the bytes are not one.
    pub fn from_bytes(bytes: &[u8]) -> Option<Index> {
        let stamp = Index::stamp_of(bytes)?;
        let mut r = Reader(bytes);
        r.take(4 + 8 + 8 + stamp.len())?;
        let ids: Vec<i64> = r.u64s()?.into_iter().map(|i| i as i64).collect();
        let stamps = r.u64s()?;
        let alive: Vec<bool> = r.bytes()?.iter().map(|&a| a != 0).collect();
        let fold = read_column(&mut r)?;
        let initials = read_column(&mut r)?;
        let pinyin = read_column(&mut r)?;
        let n = ids.len();
        let heads_bytes = r.bytes()?;
        if heads_bytes.len() != n * super::bound::Head::BYTES {
            return None;
        }
        let heads = heads_bytes
            .chunks_exact(super::bound::Head::BYTES)
            .map(super::bound::Head::read)
            .collect();
        let by_stamp = r.u32s()?;
        let sieve = super::sieve::Sieve::read(&mut r, n)?;
        let rows_agree = [stamps.len(), alive.len(), by_stamp.len()]
            .iter()
            .chain(
                [&fold, &initials, &pinyin]
                    .iter()
                    .map(|c| &c.start)
                    .map(|s| s.len().saturating_sub(1))
                    .collect::<Vec<_>>()
                    .iter(),
            )
            .all(|&l| l == n)
            && by_stamp.iter().all(|&s| (s as usize) < n);
        if !rows_agree || !r.0.is_empty() {
            return None;
        }
        let live = alive.iter().filter(|&&a| a).count();
        Some(Index {
            ids,
            stamps,
            alive,
            fold,
            initials,
            pinyin,
            live,
            by_id: None,
            sieve,
            heads,
            planned: 0,
            by_stamp,
            ..Index::empty()
        })
    }
}
