//! An [`Index`] as bytes and back, for a cache file: a lookup from the shell reads the index
//! of the last one instead of every record's keys and rebuilding its sieve and bounds (most
//! of its time at 100k rows). Little-endian, each part with its length; a version number
//! changes whenever the layout or what a key holds does, and a file of another version, cut
//! short, malformed or failing its CRC-32 reads as None, never a panic. The key text is read
//! in place ([`super::text::Text`]): of a mapped file, only the small parts are copied.

use super::Index;
use super::buffer::Column;
use super::bytes::{Reader, Writer};
use super::keys::{FIELD_SEP, FIELDS};
use super::text::{Shared, Text};

/// Bumped whenever the bytes or the keys they hold change meaning.
const VERSION: u32 = 2;
/// The file ends with the CRC-32 of all bytes before it (as a u64), so that bytes damaged
/// in place (a crash before a written cache reached the disk leaves zeros) are not trusted.
const CHECK: usize = 8;
const MAGIC: &[u8; 4] = b"DJIX";

fn write_column(w: &mut Writer, c: &Column) {
    w.bytes(c.buf.as_bytes());
    w.u32s(&c.start);
}

/// A column whose text stays in `bytes` (read in place), its offsets copied; `all` is
/// `bytes` as a slice, `r` reads it. None unless every key lies on character boundaries and
/// ends with the separator a key ends with.
fn read_column(r: &mut Reader, all: &[u8], bytes: &Shared) -> Option<Column> {
    let len = r.bytes()?.len();
    let at = all.len() - r.0.len() - len;
    let buf = Text::shared(bytes.clone(), at..at + len)?;
    let start = r.u32s()?;
    let ends_right = start
        .last()
        .map_or(buf.is_empty(), |&e| e as usize == buf.len());
    let ordered = start.windows(2).all(|p| p[0] < p[1])
        && start.iter().all(|&st| buf.is_char_boundary(st as usize))
        && start
            .iter()
            .skip(1)
            .all(|&e| buf.as_bytes()[e as usize - 1] == FIELD_SEP as u8);
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
        let check = crc32fast::hash(&w.0);
        w.u64(u64::from(check));
        w.0
    }

    /// The stamp written by [`Index::to_bytes`], read without the rest.
    pub fn stamp_of(bytes: &[u8]) -> Option<&[u8]> {
        let mut r = Reader(bytes);
        (r.take(4)? == MAGIC).then_some(())?;
        (r.u64()? == u64::from(VERSION) << 32 | FIELDS.len() as u64).then_some(())?;
        r.bytes()
    }

    /// An index read back from [`Index::to_bytes`], its key text read in place in `bytes`
    /// (a mapped cache file: nothing of it is copied); None when the bytes are not one.
    pub fn from_shared(bytes: &Shared) -> Option<Index> {
        let all: &[u8] = (**bytes).as_ref();
        let stamp = Index::stamp_of(all)?;
        let (body, check) = all.split_at(all.len().checked_sub(CHECK)?);
        if Reader(check).u64()? != u64::from(crc32fast::hash(body)) {
            return None;
        }
        let all = body;
        let mut r = Reader(all);
        r.take(4 + 8 + 8 + stamp.len())?;
        let ids: Vec<i64> = r.u64s()?.into_iter().map(|i| i as i64).collect();
        let stamps = r.u64s()?;
        let alive: Vec<bool> = r.bytes()?.iter().map(|&a| a != 0).collect();
        let fold = read_column(&mut r, all, bytes)?;
        let initials = read_column(&mut r, all, bytes)?;
        let pinyin = read_column(&mut r, all, bytes)?;
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
