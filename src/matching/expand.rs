//! Query expansion: terms the query lacks, added lightly — pseudo-relevance feedback (what
//! the best first-pass candidates share) and related terms (what keeps company with the
//! query's telling terms in the other kind's records).

use std::collections::{HashMap, HashSet};

use super::corpus::{Side, SuggestIndex};
use super::score::{Query, idf, tf_part};
use super::terms::is_bigram;

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

impl SuggestIndex {
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
        let n = side.docs.len();
        let mut gain: HashMap<u32, f32> = HashMap::new();
        for &(_, d) in first {
            let doc = &side.docs[d as usize];
            for &(t, tf) in &doc.terms {
                if is_bigram(&self.words[t as usize]) {
                    continue;
                }
                let df = side.postings(t).len();
                if df < 2 {
                    // Only this candidate has it: it cannot bring another one up.
                    continue;
                }
                *gain.entry(t).or_default() += tf_part(tf, doc.len, side.avg_len) * idf(n, df);
            }
        }
        self.spend(q, gain, FEEDBACK_TERMS, FEEDBACK_WEIGHT)
    }

    /// Related terms: the words that keep company with the query's most telling terms in
    /// the other kind's records (a term's neighbours, learned from the broker's own data),
    /// weighed by how telling the query term is and how often they meet it. They reach a
    /// candidate that says the same thing in other words (冬小麦 → 麦田).
    pub(crate) fn related(&self, q: &Query<'_>, side: &Side) -> Vec<(u32, f32)> {
        let n = side.docs.len();
        let sources: Vec<(u32, f32)> = q.terms.iter().take(RELATED_SOURCES).copied().collect();
        let total: f32 = sources.iter().map(|t| t.1).sum();
        if total <= 0.0 {
            return Vec::new();
        }
        let mut gain: HashMap<u32, f32> = HashMap::new();
        for (t, w) in sources {
            let post = side.postings(t);
            let docs = post.len().min(RELATED_DOCS);
            for &(d, _) in &post[..docs] {
                let doc = &side.docs[d as usize];
                for &(u, tf) in &doc.terms {
                    if is_bigram(&self.words[u as usize]) {
                        continue;
                    }
                    let df = side.postings(u).len();
                    if df < 2 {
                        continue;
                    }
                    *gain.entry(u).or_default() +=
                        w / total / docs as f32 * tf_part(tf, doc.len, side.avg_len) * idf(n, df);
                }
            }
        }
        self.spend(q, gain, RELATED_TERMS, RELATED_WEIGHT)
    }

    /// The `keep` terms of `gain` the query lacks, most gained first (then by word), sharing
    /// `weight` × the query's own weight in proportion to their gain.
    fn spend(
        &self,
        q: &Query<'_>,
        gain: HashMap<u32, f32>,
        keep: usize,
        weight: f32,
    ) -> Vec<(u32, f32)> {
        let have: HashSet<u32> = q.terms.iter().map(|t| t.0).collect();
        let mut extra: Vec<(u32, f32)> = gain
            .into_iter()
            .filter(|(t, _)| !have.contains(t))
            .collect();
        extra.sort_by(|a, b| {
            b.1.total_cmp(&a.1)
                .then_with(|| self.words[a.0 as usize].cmp(&self.words[b.0 as usize]))
        });
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
