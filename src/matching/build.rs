//! Building the suggestion index from records: segmentation on every core, then one sorted
//! vocabulary and flat arrays per kind (see `corpus.rs`). A rebuild after a few records
//! changed segments only those and merges them into the earlier index by number: the others'
//! terms are copied as ids, remapped onto the new vocabulary, never turned back into words
//! (at 100k records that is what made a rebuild after one edit cost about as much as a
//! first build). The result is the index a build from scratch would make.

use std::collections::HashSet;

use crate::domain::{Kind, Record};

use super::column::Column;
use super::corpus::{NO_FIELD, Side, SuggestIndex, TEXTS, is_closed, maturity_level, side_index};
use super::levers::Levers;
use super::prior::{Prior, PriorSide};
use super::terms::record_terms;
use super::vocab;

/// A record's terms: segmented now (words), or kept from the earlier index (its place there,
/// among its own kind).
enum Terms {
    Words(Vec<(String, f32)>),
    Kept(u32),
}

/// A record's terms and what the index keeps of it.
pub(crate) struct Prepared {
    id: i64,
    kind: Kind,
    seq: i64,
    rev: i64,
    closed: bool,
    field_key: String,
    amount: f64,
    maturity: f32,
    /// The texts the index keeps (see [`TEXTS`]); `None` when they are the earlier
    /// index's (copied as bytes).
    texts: Option<[String; TEXTS]>,
    terms: Terms,
}

impl Prepared {
    /// `rec` with its terms segmented now.
    fn segment(rec: &Record, levers: Levers) -> Prepared {
        let terms: Vec<(String, f32)> = record_terms(rec, &levers).into_iter().collect();
        Prepared::with_terms(rec, Terms::Words(terms))
    }

    fn with_terms(rec: &Record, terms: Terms) -> Prepared {
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
            texts: Some([
                rec.title.clone(),
                rec.org.clone(),
                rec.field.trim().to_string(),
                rec.region.clone(),
                rec.maturity.trim().to_string(),
            ]),
            terms,
        }
    }

    /// Record `d` of `kind` as the earlier index holds it.
    fn kept(prior: &Prior, kind: Kind, d: u32) -> Prepared {
        let old = &prior.index.sides[side_index(kind)];
        let i = d as usize;
        let f = old.fields[i];
        Prepared {
            id: old.ids[i],
            kind,
            seq: old.seqs[i],
            rev: old.revs[i],
            closed: old.closed[i] != 0,
            field_key: prior.field(f),
            amount: old.amounts[i],
            maturity: old.maturity[i],
            texts: None,
            terms: Terms::Kept(d),
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
        SuggestIndex::rebuild(records, levers, &Prior::empty())
    }

    /// Indexes `records`, keeping what `prior` holds of each record at its revision (no
    /// segmentation) and segmenting the rest.
    pub(crate) fn rebuild(records: &[Record], levers: Levers, prior: &Prior) -> SuggestIndex {
        let empty = Prior::empty();
        let prior = if prior.serves(levers) { prior } else { &empty };
        let mut prepared = Vec::with_capacity(records.len());
        let mut fresh: Vec<&Record> = Vec::new();
        for r in records {
            match prior.place(r.kind, r.id, r.rev) {
                Some(d) => prepared.push(Prepared::with_terms(r, Terms::Kept(d))),
                None => fresh.push(r),
            }
        }
        let segmented = segment_all(&fresh, levers);
        prepared.extend(segmented);
        assemble(prepared, levers, prior)
    }

    /// The index of the records `now` lists (row id, kind, revision: every record there
    /// is), taking each one `prior` holds at that revision from it (terms, texts and all:
    /// nothing is read from the database for it) and the rest from `changed`, which are
    /// segmented. `changed` must hold every listed record `prior` does not place (one that
    /// went while they were read is left out: the next stamp check catches up), and `prior`
    /// must serve `levers`.
    pub(crate) fn patch(
        prior: &Prior,
        now: &[(i64, Kind, i64)],
        changed: &[Record],
        levers: Levers,
    ) -> SuggestIndex {
        let read: HashSet<i64> = changed.iter().map(|r| r.id).collect();
        let mut prepared = Vec::with_capacity(now.len());
        for &(id, kind, rev) in now {
            if read.contains(&id) {
                continue;
            }
            if let Some(d) = prior.place(kind, id, rev) {
                prepared.push(Prepared::kept(prior, kind, d));
            }
        }
        let fresh: Vec<&Record> = changed.iter().collect();
        prepared.extend(segment_all(&fresh, levers));
        assemble(prepared, levers, prior)
    }
}

/// `fresh` segmented on every core.
fn segment_all(fresh: &[&Record], levers: Levers) -> Vec<Prepared> {
    if fresh.is_empty() {
        return Vec::new();
    }
    super::terms::warm_up();
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(fresh.len());
    let chunk = fresh.len().div_ceil(threads).max(1);
    std::thread::scope(|s| {
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
    })
}

/// The flat index of prepared records: one vocabulary (the earlier index's words still in
/// use and the new ones), then each kind's arrays.
fn assemble(mut prepared: Vec<Prepared>, levers: Levers, prior: &Prior) -> SuggestIndex {
    prepared.sort_by_key(|p| (side_index(p.kind), p.id));
    let old = &prior.words;
    let mut used = vec![false; old.len()];
    let mut new: HashSet<&str> = HashSet::new();
    for p in &prepared {
        match &p.terms {
            Terms::Kept(d) => {
                let side = &prior.sides[side_index(p.kind)];
                for &t in &side.tid[side.span(*d)] {
                    used[t as usize] = true;
                }
            }
            Terms::Words(ws) => {
                for (w, _) in ws {
                    match old.id(w) {
                        Some(t) => used[t as usize] = true,
                        None => {
                            new.insert(w.as_str());
                        }
                    }
                }
            }
        }
    }
    let merged = vocab::merge(old, &used, new.into_iter().collect());
    let id_of = |w: &str| {
        merged
            .new_ids
            .get(w)
            .copied()
            .or_else(|| old.id(w).map(|t| merged.remap[t as usize]))
            .expect("every word is in the merged vocabulary")
    };
    let terms_of = |p: &Prepared| -> Vec<(u32, f32)> {
        let mut ts: Vec<(u32, f32)> = match &p.terms {
            Terms::Kept(d) => {
                let side = &prior.sides[side_index(p.kind)];
                let r = side.span(*d);
                side.tid[r.clone()]
                    .iter()
                    .zip(&side.tf[r])
                    .map(|(&t, &tf)| (merged.remap[t as usize], tf))
                    .collect()
            }
            Terms::Words(ws) => ws.iter().map(|(w, tf)| (id_of(w), *tf)).collect(),
        };
        // Kept terms stay sorted (the remap keeps order); segmented ones come unsorted.
        ts.sort_unstable_by_key(|t| t.0);
        ts
    };
    let bigrams = (0..merged.vocab.len())
        .take_while(|&t| {
            merged
                .vocab
                .word(t)
                .starts_with(&[super::terms::BIGRAM as u8])
        })
        .count() as u32;

    let mut fields: Vec<String> = Vec::new();
    let mut field_ix: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
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
    let n_words = merged.vocab.len();
    for (k, side) in sides.iter_mut().enumerate() {
        let mine: Vec<&Prepared> = prepared
            .iter()
            .filter(|p| side_index(p.kind) == k)
            .collect();
        let old = &prior.sides[k];
        fill(side, &mine, &terms_of, old, n_words);
    }
    SuggestIndex {
        words: super::corpus::Words {
            off: Column::Mem(merged.vocab.off),
            bytes: Column::Mem(merged.vocab.bytes),
            bigrams,
        },
        fields,
        sides,
        levers,
    }
}

/// A side's terms, postings, texts and lengths.
fn fill(
    side: &mut Side,
    mine: &[&Prepared],
    terms_of: &dyn Fn(&Prepared) -> Vec<(u32, f32)>,
    old: &PriorSide,
    n_words: usize,
) {
    let mut term_off = vec![0u32];
    let mut term_id = Vec::new();
    let mut term_tf = Vec::new();
    let mut text_off = vec![0u32];
    let mut text = Vec::new();
    let mut df = vec![0u32; n_words + 1];
    for p in mine {
        let ts = terms_of(p);
        side.lens.push(ts.iter().map(|t| t.1).sum());
        for (t, tf) in ts {
            term_id.push(t);
            term_tf.push(tf);
            df[t as usize + 1] += 1;
        }
        term_off.push(term_id.len() as u32);
        for k in 0..TEXTS {
            match (&p.texts, &p.terms) {
                (Some(texts), _) => text.extend_from_slice(texts[k].as_bytes()),
                (None, Terms::Kept(d)) => text.extend_from_slice(old.text(*d, k)),
                // Only kept records come without texts.
                (None, Terms::Words(_)) => {}
            }
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
