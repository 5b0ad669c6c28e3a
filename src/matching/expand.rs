//! Query expansion: terms the query lacks, added lightly — pseudo-relevance feedback (what
//! the best first-pass candidates share), related terms (what keeps company with the
//! query's telling terms in the other kind's records) — and what the broker taught about
//! this query (`Learned`: dismissals and pairs, as relevance feedback).

use std::collections::{HashMap, HashSet};

use super::corpus::{Side, SuggestIndex};
use super::learned::Learned;
use super::score::{Query, idf, tf_part};

/// Pseudo-relevance feedback: the best [`super::score::FEEDBACK_DOCS`] first-pass candidates
/// lend their most telling terms, this many of them…
const FEEDBACK_TERMS: usize = 10;
/// …at this fraction of the original query's weight.
const FEEDBACK_WEIGHT: f32 = 0.25;
/// Related terms: the query's this many most telling terms lend their neighbours…
const RELATED_SOURCES: usize = 3;
/// …read from at most this many records holding each…
const RELATED_DOCS: usize = 50;
/// …this many of them…
const RELATED_TERMS: usize = 10;
/// …at this fraction of the original query's weight.
const RELATED_WEIGHT: f32 = 0.3;

/// A dismissed-as-not-relevant partner takes this share of the weight of every term it
/// shares with the query (spread over all such partners)…
const REJECT_DAMP: f32 = 0.5;
/// …and an accepted partner (paired, or dismissed as already known) lends its most telling
/// terms, this many, at this fraction of the query's weight.
const ACCEPT_TERMS: usize = 10;
const ACCEPT_WEIGHT: f32 = 0.3;

impl SuggestIndex {
    /// Applies `learned` to the query's weights and fields.
    pub(crate) fn learn(&self, q: &mut Query<'_>, side: &Side, learned: &Learned) {
        let rejected: Vec<u32> = learned
            .rejected
            .iter()
            .filter_map(|&id| side.place(id))
            .collect();
        if !rejected.is_empty() {
            let share = REJECT_DAMP / rejected.len() as f32;
            for d in rejected {
                let terms = side.terms(d);
                for (t, w) in &mut q.terms {
                    if terms.binary_search_by_key(t, |x| x.0).is_ok() {
                        *w *= 1.0 - share;
                    }
                }
            }
        }
        for d in learned.wrong_field.iter().filter_map(|&id| side.place(id)) {
            if let Some(same) = q.same_field.get_mut(side.fields[d as usize] as usize) {
                *same = false;
            }
        }
        let accepted: Vec<u32> = learned
            .accepted
            .iter()
            .filter_map(|&id| side.place(id))
            .collect();
        if !accepted.is_empty() {
            let n = side.len();
            let mut gain: HashMap<u32, f32> = HashMap::new();
            for d in accepted {
                let len = side.lens[d as usize];
                for (t, tf) in side.terms(d) {
                    if !self.words.is_bigram(t) {
                        *gain.entry(t).or_default() +=
                            tf_part(tf, len, side.avg_len) * idf(n, side.df(t));
                    }
                }
            }
            let extra = Self::spend(q, gain, ACCEPT_TERMS, ACCEPT_WEIGHT);
            q.terms.extend(extra);
        }
    }

    /// Feedback terms: the most telling words of the best first-pass candidates that the
    /// query lacks, weighed by how many of those candidates hold them.
    pub(crate) fn feedback(
        &self,
        q: &Query<'_>,
        side: &Side,
        first: &[(f32, u32)],
    ) -> Vec<(u32, f32)> {
        if first.is_empty() {
            return Vec::new();
        }
        let n = side.len();
        let mut gain: HashMap<u32, f32> = HashMap::new();
        for &(_, d) in first {
            let len = side.lens[d as usize];
            for (t, tf) in side.terms(d) {
                if self.words.is_bigram(t) {
                    continue;
                }
                let df = side.df(t);
                if df < 2 {
                    // Only this candidate has it: it cannot bring another one up.
                    continue;
                }
                *gain.entry(t).or_default() += tf_part(tf, len, side.avg_len) * idf(n, df);
            }
        }
        Self::spend(q, gain, FEEDBACK_TERMS, FEEDBACK_WEIGHT)
    }

    /// Related terms: the words that keep company with the query's most telling terms in
    /// the other kind's records (a term's neighbours, learned from the broker's own data),
    /// weighed by how telling the query term is and how often they meet it. They reach a
    /// candidate that says the same thing in other words (冬小麦 → 麦田).
    pub(crate) fn related(&self, q: &Query<'_>, side: &Side) -> Vec<(u32, f32)> {
        let n = side.len();
        let sources: Vec<(u32, f32)> = q.terms.iter().take(RELATED_SOURCES).copied().collect();
        let total: f32 = sources.iter().map(|t| t.1).sum();
        if total <= 0.0 {
            return Vec::new();
        }
        let mut gain: HashMap<u32, f32> = HashMap::new();
        for (t, w) in sources {
            let (post, _) = side.postings(t);
            let docs = post.len().min(RELATED_DOCS);
            for &d in &post[..docs] {
                let len = side.lens[d as usize];
                for (u, tf) in side.terms(d) {
                    if self.words.is_bigram(u) {
                        continue;
                    }
                    let df = side.df(u);
                    if df < 2 {
                        continue;
                    }
                    *gain.entry(u).or_default() +=
                        w / total / docs as f32 * tf_part(tf, len, side.avg_len) * idf(n, df);
                }
            }
        }
        Self::spend(q, gain, RELATED_TERMS, RELATED_WEIGHT)
    }

    /// The `keep` terms of `gain` the query lacks, most gained first (then by word), sharing
    /// `weight` × the query's own weight in proportion to their gain.
    fn spend(q: &Query<'_>, gain: HashMap<u32, f32>, keep: usize, weight: f32) -> Vec<(u32, f32)> {
        let have: HashSet<u32> = q.terms.iter().map(|t| t.0).collect();
        let mut extra: Vec<(u32, f32)> = gain
            .into_iter()
            .filter(|(t, _)| !have.contains(t))
            .collect();
        extra.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        extra.truncate(keep);
        let total: f32 = extra.iter().map(|t| t.1).sum();
        if total <= 0.0 {
            return Vec::new();
        }
        let budget: f32 = q.terms.iter().map(|t| t.1).sum::<f32>() * weight;
        extra
            .into_iter()
            .map(|(t, g)| (t, budget * g / total))
            .collect()
    }
}
