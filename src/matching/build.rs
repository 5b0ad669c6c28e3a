//! Building the suggestion index from records: segmentation on every core, then one sorted
//! vocabulary and flat arrays per kind (see `corpus.rs`). A rebuild after a few records
//! changed segments only those: the others' terms come from the index as it was.

use std::collections::HashMap;

use crate::domain::{Kind, Record};

use super::column::Column;
use super::corpus::{NO_FIELD, Side, SuggestIndex, TEXTS, is_closed, maturity_level, side_index};
use super::levers::Levers;
use super::terms::record_terms;

/// A record's terms (words, not yet ids) and what the index keeps of it.
pub(crate) struct Prepared {
    id: i64,
    kind: Kind,
    seq: i64,
    rev: i64,
    closed: bool,
    field_key: String,
    amount: f64,
    maturity: f32,
    texts: [String; TEXTS],
    terms: Vec<(String, f32)>,
}

impl Prepared {
    /// `rec` with its terms segmented now.
    fn segment(rec: &Record, levers: Levers) -> Prepared {
        let terms: Vec<(String, f32)> = record_terms(rec, &levers).into_iter().collect();
        Prepared::with_terms(rec, terms)
    }

    /// `rec` with terms already known (from an earlier index).
    fn with_terms(rec: &Record, terms: Vec<(String, f32)>) -> Prepared {
        let maturity = match rec.kind {
            Kind::Achievement => maturity_level(&rec.maturity),
            Kind::Demand => None,
        };
        Prepared {
            id: rec.id,
            kind: rec.kind,
            seq: rec.seq,
            rev: rec.rev,
            closed: is_closed(&rec.status),
            field_key: crate::search::keys::fold(rec.field.trim()),
            amount: rec.amount().map_or(f64::NAN, crate::domain::Money::wan_f64),
            maturity: maturity.unwrap_or(f32::NAN),
            texts: [
                rec.title.clone(),
                rec.org.clone(),
                rec.field.trim().to_string(),
                rec.region.clone(),
                rec.maturity.trim().to_string(),
            ],
            terms,
        }
    }
}

impl SuggestIndex {
    /// Indexes `records` (both kinds: a query's terms are weighed among its own kind too).
    /// Segmentation runs on all available cores.
    pub fn build(records: &[Record]) -> SuggestIndex {
        SuggestIndex::build_with(records, Levers::default())
    }

    /// [`SuggestIndex::build`] with some levers off (the evaluation measures each).
    pub fn build_with(records: &[Record], levers: Levers) -> SuggestIndex {
        SuggestIndex::rebuild(records, levers, None)
    }

    /// Indexes `records`, taking the terms of each record `old` holds at the same revision
    /// from `old` (no segmentation) and segmenting the rest.
    pub(crate) fn rebuild(
        records: &[Record],
        levers: Levers,
        old: Option<&SuggestIndex>,
    ) -> SuggestIndex {
        let old = old.filter(|o| o.levers == levers).map(Known::read);
        let mut reused = Vec::new();
        let mut fresh: Vec<&Record> = Vec::new();
        for r in records {
            match old.as_ref().and_then(|o| o.terms(r)) {
                Some(terms) => reused.push(Prepared::with_terms(r, terms)),
                None => fresh.push(r),
            }
        }
        drop(old);
        if !fresh.is_empty() {
            super::terms::warm_up();
        }
        let threads = std::thread::available_parallelism()
            .map_or(1, std::num::NonZero::get)
            .min(fresh.len().max(1));
        let chunk = fresh.len().div_ceil(threads).max(1);
        let segmented: Vec<Prepared> = std::thread::scope(|s| {
            let handles: Vec<_> = fresh
                .chunks(chunk)
                .map(|part| {
                    s.spawn(move || {
                        part.iter()
                            .map(|r| Prepared::segment(r, levers))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().expect("segmentation thread panicked"))
                .collect()
        });
        let mut prepared = segmented;
        prepared.extend(reused);
        assemble(prepared, levers)
    }
}

/// An earlier index's terms, read into memory at once (a rebuild asks for nearly all of
/// them: piece by piece from the file, that would be millions of reads).
struct Known {
    words: Vec<String>,
    sides: [KnownSide; 2],
}

/// One kind's row ids, revisions, term offsets, term ids and frequencies.
struct KnownSide {
    ids: Vec<i64>,
    revs: Vec<i64>,
    off: Vec<u32>,
    tid: Vec<u32>,
    tf: Vec<f32>,
}

impl Known {
    fn read(index: &SuggestIndex) -> Known {
        let off = index.words.off.get(0..usize::MAX);
        let bytes = index.words.bytes.get(0..usize::MAX);
        let words = off
            .windows(2)
            .map(|w| {
                let r = (w[0] as usize).min(bytes.len())..(w[1] as usize).min(bytes.len());
                String::from_utf8_lossy(&bytes[r]).into_owned()
            })
            .collect();
        let side = |s: &Side| KnownSide {
            ids: s.ids.clone(),
            revs: s.revs.clone(),
            off: s.term_off.get(0..usize::MAX).into_owned(),
            tid: s.term_id.get(0..usize::MAX).into_owned(),
            tf: s.term_tf.get(0..usize::MAX).into_owned(),
        };
        Known {
            words,
            sides: [side(&index.sides[0]), side(&index.sides[1])],
        }
    }

    /// `rec`'s terms when the earlier index holds it at the same revision.
    fn terms(&self, rec: &Record) -> Option<Vec<(String, f32)>> {
        let k = &self.sides[side_index(rec.kind)];
        let d = k.ids.binary_search(&rec.id).ok()?;
        if rec.id == 0 || rec.rev == 0 || k.revs[d] != rec.rev {
            return None;
        }
        let (a, b) = (*k.off.get(d)? as usize, *k.off.get(d + 1)? as usize);
        let (ts, fs) = (k.tid.get(a..b)?, k.tf.get(a..b)?);
        ts.iter()
            .zip(fs)
            .map(|(&t, &f)| Some((self.words.get(t as usize)?.clone(), f)))
            .collect()
    }
}

/// The flat index of prepared records.
pub(crate) fn assemble(mut prepared: Vec<Prepared>, levers: Levers) -> SuggestIndex {
    prepared.sort_by_key(|p| (side_index(p.kind), p.id));
    // One sorted vocabulary: ids order like words, bigrams (leading \u{1}) first.
    let mut vocab: HashMap<&str, u32> = HashMap::new();
    for p in &prepared {
        for (w, _) in &p.terms {
            vocab.entry(w.as_str()).or_insert(0);
        }
    }
    let mut words: Vec<&str> = vocab.keys().copied().collect();
    words.sort_unstable();
    for (i, w) in words.iter().enumerate() {
        vocab.insert(w, i as u32);
    }
    let mut off = Vec::with_capacity(words.len() + 1);
    let mut bytes = Vec::new();
    off.push(0u32);
    for w in &words {
        bytes.extend_from_slice(w.as_bytes());
        off.push(bytes.len() as u32);
    }
    let bigrams = words.partition_point(|w| super::terms::is_bigram(w)) as u32;

    let mut fields: Vec<String> = Vec::new();
    let mut field_ix: HashMap<String, u32> = HashMap::new();
    let mut sides: [Side; 2] = [Side::default(), Side::default()];
    sides[0].kind = Kind::Demand;
    sides[1].kind = Kind::Achievement;
    for p in &prepared {
        let side = &mut sides[side_index(p.kind)];
        side.ids.push(p.id);
        side.seqs.push(p.seq);
        side.revs.push(p.rev);
        side.closed.push(u8::from(p.closed));
        side.amounts.push(p.amount);
        side.maturity.push(p.maturity);
        let f = if p.field_key.is_empty() {
            NO_FIELD
        } else {
            *field_ix.entry(p.field_key.clone()).or_insert_with(|| {
                fields.push(p.field_key.clone());
                fields.len() as u32 - 1
            })
        };
        side.fields.push(f);
    }
    let n_words = words.len();
    for (k, side) in sides.iter_mut().enumerate() {
        let mine: Vec<&Prepared> = prepared
            .iter()
            .filter(|p| side_index(p.kind) == k)
            .collect();
        fill(side, &mine, &vocab, n_words);
    }
    SuggestIndex {
        words: super::corpus::Words {
            off: Column::Mem(off),
            bytes: Column::Mem(bytes),
            bigrams,
        },
        fields,
        sides,
        levers,
    }
}

/// A side's terms, postings, texts and lengths.
fn fill(side: &mut Side, mine: &[&Prepared], vocab: &HashMap<&str, u32>, n_words: usize) {
    let mut term_off = vec![0u32];
    let mut term_id = Vec::new();
    let mut term_tf = Vec::new();
    let mut text_off = vec![0u32];
    let mut text = Vec::new();
    let mut df = vec![0u32; n_words + 1];
    for p in mine {
        let mut ts: Vec<(u32, f32)> = p
            .terms
            .iter()
            .map(|(w, tf)| (vocab[w.as_str()], *tf))
            .collect();
        ts.sort_unstable_by_key(|t| t.0);
        side.lens.push(ts.iter().map(|t| t.1).sum());
        for (t, tf) in ts {
            term_id.push(t);
            term_tf.push(tf);
            df[t as usize + 1] += 1;
        }
        term_off.push(term_id.len() as u32);
        for s in &p.texts {
            text.extend_from_slice(s.as_bytes());
            text_off.push(text.len() as u32);
        }
    }
    for i in 1..df.len() {
        df[i] += df[i - 1];
    }
    let post_off = df;
    let mut cursor = post_off.clone();
    let mut post_doc = vec![0u32; term_id.len()];
    let mut post_tf = vec![0f32; term_id.len()];
    for d in 0..mine.len() {
        for i in term_off[d] as usize..term_off[d + 1] as usize {
            let t = term_id[i] as usize;
            let at = cursor[t] as usize;
            post_doc[at] = d as u32;
            post_tf[at] = term_tf[i];
            cursor[t] += 1;
        }
    }
    let total: f32 = side.lens.iter().sum();
    side.avg_len = if mine.is_empty() {
        1.0
    } else {
        (total / mine.len() as f32).max(1.0)
    };
    side.post_off = Column::Mem(post_off);
    side.post_doc = Column::Mem(post_doc);
    side.post_tf = Column::Mem(post_tf);
    side.term_off = Column::Mem(term_off);
    side.term_id = Column::Mem(term_id);
    side.term_tf = Column::Mem(term_tf);
    side.text_off = Column::Mem(text_off);
    side.text = Column::Mem(text);
}
