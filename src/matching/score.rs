//! Ranking one record's possible partners.
//!
//! The text score is BM25 over the terms both records share (jieba's words and character
//! bigrams), each query term weighed by its rarity among the other kind (what ranks) and
//! among the query's own kind (so a request's stock words — 寻求, 征集, 合作, 相关 — count
//! for little), then a light pseudo-relevance feedback pass. Same field, same or
//! neighbouring region, price within budget and maturity add points.
//!
//! The score is out of 100: up to 60 for the text (saturating: a candidate holding the
//! query's eight most telling terms once each in its title scores 38), 21 for the same field
//! (none when either has no field: an empty field costs nothing), 8 same city / 6 same
//! province / 3 neighbouring province, 6 for a price within budget and up to 5 for a
//! result's maturity. Only candidates that share at least one term are considered, so a
//! query touches only the postings of its own terms.

use crate::domain::{Code, Kind, Record};

/// Pseudo-relevance feedback reads this many first-pass candidates (`expand.rs`).
pub(crate) const FEEDBACK_DOCS: usize = 3;

use super::corpus::{NO_FIELD, REGION, Side, SuggestIndex, side_index};
use super::learned::Learned;
use super::reason::{Part, Warning, Why};
use super::region::{Proximity, Region, proximity};
use super::terms::{TITLE_WEIGHT, is_bigram, record_terms};

pub(crate) const K1: f32 = 1.2;
pub(crate) const B: f32 = 0.75;
pub(crate) const TEXT_POINTS: f32 = 60.0;
pub(crate) const FIELD_POINTS: f32 = 21.0;
const CITY_POINTS: f32 = 8.0;
const PROVINCE_POINTS: f32 = 6.0;
const NEIGHBOUR_POINTS: f32 = 3.0;
pub(crate) const PRICE_POINTS: f32 = 6.0;
pub(crate) const MATURITY_POINTS: f32 = 5.0;
/// How many of the query's terms a perfect candidate shares.
const IDEAL_TERMS: usize = 8;
/// A bigram's weight beside a word's: bigrams overlap (a 4-character word is 3 bigrams).
pub(crate) const BIGRAM_WEIGHT: f32 = 0.4;
/// How sharply own-kind rarity discounts a term: the ratio of its own-kind idf to the
/// rarest term's, to this power.
const OWN_POWER: i32 = 2;
/// How many first-pass candidates vote on a likely field…
const GUESS_DOCS: usize = 5;
/// …and the share of the field points a candidate in it earns.
pub(crate) const LIKELY_FIELD_SHARE: f32 = 0.5;
/// How deep the first pass ranks before the region, price and maturity points are added.
const POOL: usize = 200;

/// One ranked partner for the query record.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    /// Row id (what a pair refers to).
    pub id: i64,
    pub code: Code,
    pub title: String,
    pub org: String,
    /// 0–100, one decimal.
    pub score: f64,
    /// Already paired with the query record; set by [`super::mark_paired`].
    pub paired: bool,
    /// Dismissed by the broker (shown only when asked for all); set by the caller.
    pub dismissed: bool,
    /// What raised the score, each with its share of it: shared terms first.
    pub reasons: Vec<Why>,
    /// What speaks against the candidate (price above budget): never part of the score.
    pub warnings: Vec<Warning>,
    /// Every part of the score, one term or signal each, largest first: what `--explain`
    /// prints. The points add up to `score`.
    pub breakdown: Vec<Part>,
}

/// What the query record brings, computed once per call.
pub(crate) struct Query<'a> {
    pub rec: &'a Record,
    /// Per entry of the index's field table: whether it is the query's field.
    pub same_field: Vec<bool>,
    /// For a query with no field: the field its best first-pass candidates share, if any.
    pub likely_field: Option<u32>,
    pub region: Region,
    /// (term id, weight): the query's own terms heaviest first, then feedback's.
    pub terms: Vec<(u32, f32)>,
    /// How many of `terms` are the query's own.
    pub own_terms: usize,
    /// What a candidate's raw text score is measured against.
    pub ideal: f32,
}

/// BM25's weight of one posting.
pub(crate) fn tf_part(tf: f32, len: f32, avg_len: f32) -> f32 {
    let norm = K1 * (1.0 - B + B * len / avg_len);
    tf * (K1 + 1.0) / (tf + norm)
}

pub(crate) fn idf(n: usize, df: usize) -> f32 {
    let (n, df) = (n as f32, df as f32);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// The text points of a raw text score: saturating, so a stronger match always scores more.
pub(crate) fn text_points(raw: f32, ideal: f32) -> f32 {
    if ideal <= 0.0 {
        return 0.0;
    }
    TEXT_POINTS * (1.0 - (-raw / ideal).exp())
}

impl SuggestIndex {
    /// The best `limit` records of the other kind for `query` (which need not be indexed:
    /// an edited or new record is segmented here), best first. Closed records are never
    /// suggested.
    pub fn suggest(&self, query: &Record, limit: usize) -> Vec<Suggestion> {
        self.suggest_except(query, limit, &|_| false)
    }

    /// [`SuggestIndex::suggest`] leaving out the candidates `hidden` names (row ids): the
    /// broker's dismissals.
    pub fn suggest_except(
        &self,
        query: &Record,
        limit: usize,
        hidden: &dyn Fn(i64) -> bool,
    ) -> Vec<Suggestion> {
        self.suggest_learned(query, limit, hidden, &Learned::default())
    }

    /// [`SuggestIndex::suggest_except`] ranked with what the broker said about the query's
    /// partners (see [`Learned`]).
    pub fn suggest_learned(
        &self,
        query: &Record,
        limit: usize,
        hidden: &dyn Fn(i64) -> bool,
        learned: &Learned,
    ) -> Vec<Suggestion> {
        let side = &self.sides[side_index(query.kind.other())];
        if side.is_empty() || limit == 0 {
            return Vec::new();
        }
        let Some(mut q) = self.query(query) else {
            return Vec::new();
        };
        self.learn(&mut q, side, learned);
        if self.levers.related {
            let extra = self.related(&q, side);
            q.terms.extend(extra);
        }
        let mut acc = vec![0f32; side.len()];
        let mut touched = accumulate(side, &q.terms, &mut acc);
        if self.levers.feedback {
            let first = self.pool(&q, side, &acc, &touched, FEEDBACK_DOCS, hidden);
            let extra = self.feedback(&q, side, &first);
            if !extra.is_empty() {
                touched.extend(accumulate(side, &extra, &mut acc));
                q.terms.extend(extra);
            }
        }
        if self.levers.field_guess && q.rec.field.trim().is_empty() {
            let first = self.pool(&q, side, &acc, &touched, GUESS_DOCS, hidden);
            q.likely_field = likely_field(side, &first);
        }
        let mut ranked: Vec<(f32, u32)> = self
            .pool(&q, side, &acc, &touched, POOL.max(limit), hidden)
            .into_iter()
            .map(|(_, d)| {
                let points = text_points(acc[d as usize], q.ideal)
                    + self.field_points(&q, side, d)
                    + other_points(&q, side, d);
                (points, d)
            })
            .collect();
        ranked.sort_by(|a, b| order(side, *a, *b));
        ranked.truncate(limit);
        ranked
            .into_iter()
            .map(|(_, d)| self.explain(&q, side, d))
            .collect()
    }

    /// The query's terms with their weighted frequencies: from the index when it holds the
    /// record as it is (no segmentation), else segmented now. (term id or `None` when the
    /// index lacks it, is a bigram, frequency.)
    fn query_terms(&self, query: &Record) -> Vec<(Option<u32>, bool, f32)> {
        let own = &self.sides[side_index(query.kind)];
        if let Some(d) = own.place(query.id)
            && query.id != 0
            && query.rev != 0
            && own.revs[d as usize] == query.rev
        {
            return own
                .terms(d)
                .into_iter()
                .map(|(t, tf)| (Some(t), self.words.is_bigram(t), tf))
                .collect();
        }
        let mut terms: Vec<(String, f32)> = record_terms(query, &self.levers).into_iter().collect();
        terms.sort_by(|a, b| a.0.cmp(&b.0));
        terms
            .into_iter()
            .map(|(w, tf)| (self.term_id(&w), is_bigram(&w), tf))
            .collect()
    }

    /// The query's terms and weights, or `None` when it shares no term with the other kind.
    fn query<'a>(&self, query: &'a Record) -> Option<Query<'a>> {
        let other = &self.sides[side_index(query.kind.other())];
        let own = &self.sides[side_index(query.kind)];
        let n = other.len();
        // The query counts among its own kind whether or not it is indexed yet.
        let unseen = usize::from(query.id == 0 || own.place(query.id).is_none());
        let n_own = own.len() + unseen;
        let rarest_own = idf(n_own, 1);
        let mut words: Vec<f32> = Vec::new();
        let mut grams: Vec<f32> = Vec::new();
        let mut terms: Vec<(u32, f32)> = Vec::new();
        for (id, bigram, qtf) in self.query_terms(query) {
            let df = id.map_or(0, |id| other.df(id));
            let mut w = qtf.sqrt() * idf(n, df.max(1));
            if self.levers.own_rarity && n_own >= 2 {
                let df_own = id.map_or(0, |id| own.df(id)) + unseen;
                let ratio = (idf(n_own, df_own.max(1)) / rarest_own).clamp(0.0, 1.0);
                w *= ratio.powi(OWN_POWER);
            }
            if bigram {
                w *= BIGRAM_WEIGHT;
                grams.push(w);
            } else {
                words.push(w);
            }
            if let Some(id) = id.filter(|_| df > 0 && w > 0.0) {
                terms.push((id, w));
            }
        }
        let top = |mut ws: Vec<f32>| {
            ws.sort_by(|a, b| b.total_cmp(a));
            ws.iter().take(IDEAL_TERMS).sum::<f32>()
        };
        let saturated = TITLE_WEIGHT * (K1 + 1.0) / (TITLE_WEIGHT + K1);
        let ideal = (top(words) + top(grams)) * saturated;
        if terms.is_empty() || ideal <= 0.0 {
            return None;
        }
        // Ties go by the word (ids order like words), so indexes built from different
        // record sets agree.
        terms.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let field_key = crate::search::keys::fold(query.field.trim());
        let same_field = self
            .fields
            .iter()
            .map(|f| same_field(&field_key, f))
            .collect();
        Some(Query {
            rec: query,
            likely_field: None,
            same_field,
            region: Region::parse(&query.region),
            own_terms: terms.len(),
            terms,
            ideal,
        })
    }

    /// The best `k` open, not hidden candidates by text and field, best first.
    fn pool(
        &self,
        q: &Query<'_>,
        side: &Side,
        acc: &[f32],
        touched: &[u32],
        k: usize,
        hidden: &dyn Fn(i64) -> bool,
    ) -> Vec<(f32, u32)> {
        let mut ranked: Vec<(f32, u32)> = touched
            .iter()
            .filter(|&&d| !side.is_closed(d) && !hidden(side.ids[d as usize]))
            .map(|&d| {
                (
                    text_points(acc[d as usize], q.ideal) + self.field_points(q, side, d),
                    d,
                )
            })
            .collect();
        if ranked.len() > k && k > 0 {
            ranked.select_nth_unstable_by(k - 1, |a, b| order(side, *a, *b));
            ranked.truncate(k);
        }
        ranked.sort_by(|a, b| order(side, *a, *b));
        ranked
    }

    pub(crate) fn field_points(&self, q: &Query<'_>, side: &Side, d: u32) -> f32 {
        let f = side.fields[d as usize];
        if !self.levers.field || f == NO_FIELD {
            0.0
        } else if q.same_field.get(f as usize).copied().unwrap_or(false) {
            FIELD_POINTS
        } else if q.likely_field == Some(f) {
            FIELD_POINTS * LIKELY_FIELD_SHARE
        } else {
            0.0
        }
    }
}

/// Adds each term's BM25 part into `acc`; returns the candidates touched for the first time.
fn accumulate(side: &Side, terms: &[(u32, f32)], acc: &mut [f32]) -> Vec<u32> {
    let mut touched = Vec::new();
    for &(term, w) in terms {
        let (docs, tfs) = side.postings(term);
        for (&d, &tf) in docs.iter().zip(tfs.iter()) {
            // A damaged cache file cannot send a place out of range.
            let Some(slot) = acc.get_mut(d as usize) else {
                continue;
            };
            if *slot == 0.0 {
                touched.push(d);
            }
            *slot += w * tf_part(tf, side.lens[d as usize], side.avg_len);
        }
    }
    touched
}

/// The field most of `first` (the best first-pass candidates) are filed under, when more
/// than half of their text points lie there: a guess for a query that names none.
fn likely_field(side: &Side, first: &[(f32, u32)]) -> Option<u32> {
    let total: f32 = first.iter().map(|c| c.0).sum();
    let mut votes: Vec<(u32, f32)> = Vec::new();
    for &(points, d) in first {
        let f = side.fields[d as usize];
        if f == NO_FIELD {
            continue;
        }
        match votes.iter_mut().find(|v| v.0 == f) {
            Some(v) => v.1 += points,
            None => votes.push((f, points)),
        }
    }
    votes
        .into_iter()
        .filter(|v| total > 0.0 && v.1 / total > 0.5)
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|v| v.0)
}

/// Best first; ties by code, so the order never depends on hashing.
fn order(side: &Side, a: (f32, u32), b: (f32, u32)) -> std::cmp::Ordering {
    b.0.total_cmp(&a.0)
        .then_with(|| side.seqs[a.1 as usize].cmp(&side.seqs[b.1 as usize]))
}

/// Region, price and maturity points, without allocating (it runs for every candidate of
/// the pool).
pub(crate) fn other_points(q: &Query<'_>, side: &Side, d: u32) -> f32 {
    let i = d as usize;
    let amount = side.amounts[i];
    let level = side.maturity[i];
    region_points(q, &Region::parse(&side.text(d, REGION)))
        + if price_fits(q.rec, (!amount.is_nan()).then_some(amount)) {
            PRICE_POINTS
        } else {
            0.0
        }
        + if level.is_nan() {
            0.0
        } else {
            MATURITY_POINTS * level
        }
}

pub(crate) fn region_points(q: &Query<'_>, region: &Region) -> f32 {
    match proximity(&q.region, region) {
        Proximity::SameCity(_) => CITY_POINTS,
        Proximity::SameProvince(_) => PROVINCE_POINTS,
        Proximity::Neighbour(..) => NEIGHBOUR_POINTS,
        Proximity::None => 0.0,
    }
}

pub(crate) fn price_fits(query: &Record, amount: Option<f64>) -> bool {
    price_and_budget(query, amount).is_some_and(|(price, budget)| price <= budget)
}

/// Same field: equal once folded, or one names the other (新材料 / 新材料（铜箔）).
pub(crate) fn same_field(a: &str, b: &str) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    a == b || (a.chars().count() >= 2 && b.contains(a)) || (b.chars().count() >= 2 && a.contains(b))
}

/// (result's price, demand's budget) when both are known, whichever side the query is.
/// The one place matching reads money.
pub(crate) fn price_and_budget(query: &Record, amount: Option<f64>) -> Option<(f64, f64)> {
    let (price, budget) = match query.kind {
        Kind::Demand => (amount?, query.budget?.wan_f64()),
        Kind::Achievement => (query.price?.wan_f64(), amount?),
    };
    (price.is_finite() && budget.is_finite() && budget > 0.0).then_some((price, budget))
}
