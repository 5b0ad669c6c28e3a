//! Ranking one record's possible partners: BM25 over shared terms (rare terms count more),
//! plus same field, same or neighbouring region, price against budget and maturity, each
//! reported as a reason.
//!
//! The score is out of 100: up to 70 for the text (a candidate sharing the query's eight
//! most telling terms, in its title, gets all 70), 10 for the same field, 8 same city / 6
//! same province / 3 neighbouring province, 6 for a price within budget and up to 6 for a
//! result's maturity. Only candidates that share at least one term are considered: the
//! others have nothing to say about the problem itself, and skipping them is what makes a
//! query touch only the postings of its own terms.

use crate::domain::{Code, Kind, Record};

use super::corpus::{Doc, SuggestIndex, side_index};
use super::reason::Reason;
use super::region::{Proximity, Region, proximity};
use super::terms::{TITLE_WEIGHT, display_term, record_terms};

const K1: f32 = 1.2;
const B: f32 = 0.75;
const TEXT_POINTS: f32 = 70.0;
const FIELD_POINTS: f32 = 10.0;
const CITY_POINTS: f32 = 8.0;
const PROVINCE_POINTS: f32 = 6.0;
const NEIGHBOUR_POINTS: f32 = 3.0;
const PRICE_POINTS: f32 = 6.0;
const MATURITY_POINTS: f32 = 6.0;
/// How many of the query's terms a perfect candidate shares.
const IDEAL_TERMS: usize = 8;
/// How many shared terms a reason names.
const SHOWN_TERMS: usize = 6;
/// A result at least this mature (pilot) earns a maturity reason.
const MATURITY_REASON_LEVEL: f32 = 0.6;

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
    pub reasons: Vec<Reason>,
}

/// What the query record brings, computed once per call.
struct Query<'a> {
    rec: &'a Record,
    field_key: String,
    region: Region,
    /// (term id, query weight × idf), heaviest first.
    terms: Vec<(u32, f32)>,
}

impl SuggestIndex {
    /// The best `limit` records of the other kind for `query` (which need not be indexed:
    /// an edited or new record is segmented here), best first. Closed records are never
    /// suggested.
    pub fn suggest(&self, query: &Record, limit: usize) -> Vec<Suggestion> {
        let side = &self.sides[side_index(query.kind.other())];
        if side.docs.is_empty() || limit == 0 {
            return Vec::new();
        }
        let n = side.docs.len() as f32;
        let idf = |df: usize| (1.0 + (n - df as f32 + 0.5) / (df as f32 + 0.5)).ln();

        // Query weights: sqrt of the weighted frequency, so a term in the title (weight 3)
        // counts more than one in the description without drowning the rest.
        let mut weights: Vec<f32> = Vec::new();
        let mut terms: Vec<(u32, f32)> = Vec::new();
        for (word, qtf) in record_terms(query) {
            let df = self.term_id(&word).map_or(0, |id| side.postings(id).len());
            let w = qtf.sqrt() * idf(df);
            weights.push(w);
            if df > 0 {
                terms.push((self.term_id(&word).unwrap_or_default(), w));
            }
        }
        weights.sort_by(|a, b| b.total_cmp(a));
        // Ties go by the word, not its id, so indexes built from different record sets agree.
        terms.sort_by(|a, b| {
            b.1.total_cmp(&a.1)
                .then_with(|| self.words[a.0 as usize].cmp(&self.words[b.0 as usize]))
        });
        // A candidate with the query's most telling terms once each in its title, at average
        // length, scores the full text points.
        let saturated = TITLE_WEIGHT * (K1 + 1.0) / (TITLE_WEIGHT + K1);
        let ideal: f32 = weights.iter().take(IDEAL_TERMS).sum::<f32>() * saturated;
        if terms.is_empty() || ideal <= 0.0 {
            return Vec::new();
        }

        let mut acc = vec![0f32; side.docs.len()];
        let mut touched: Vec<u32> = Vec::new();
        for &(term, w) in &terms {
            for &(d, tf) in side.postings(term) {
                let slot = &mut acc[d as usize];
                if *slot == 0.0 {
                    touched.push(d);
                }
                let dl = side.lens[d as usize];
                let norm = K1 * (1.0 - B + B * dl / side.avg_len);
                *slot += w * tf * (K1 + 1.0) / (tf + norm);
            }
        }

        let q = Query {
            rec: query,
            field_key: crate::search::keys::fold(query.field.trim()),
            region: Region::parse(&query.region),
            terms,
        };
        let mut ranked: Vec<(f32, u32)> = touched
            .into_iter()
            .filter(|&d| !side.docs[d as usize].closed)
            .map(|d| {
                let doc = &side.docs[d as usize];
                let text = (acc[d as usize] / ideal).min(1.0) * TEXT_POINTS;
                (text + bonus_points(&q, doc), d)
            })
            .collect();
        let order = |a: &(f32, u32), b: &(f32, u32)| {
            b.0.total_cmp(&a.0).then_with(|| {
                let (x, y) = (&side.docs[a.1 as usize], &side.docs[b.1 as usize]);
                x.code.num.cmp(&y.code.num)
            })
        };
        if ranked.len() > limit {
            ranked.select_nth_unstable_by(limit - 1, order);
            ranked.truncate(limit);
        }
        ranked.sort_by(order);
        ranked
            .into_iter()
            .map(|(score, d)| {
                let doc = &side.docs[d as usize];
                Suggestion {
                    id: doc.id,
                    code: doc.code,
                    title: doc.title.clone(),
                    org: doc.org.clone(),
                    score: (f64::from(score) * 10.0).round() / 10.0,
                    paired: false,
                    reasons: self.reasons(&q, doc),
                }
            })
            .collect()
    }

    fn reasons(&self, q: &Query<'_>, doc: &Doc) -> Vec<Reason> {
        let mut out = Vec::new();
        // Shared terms in the order of their weight; a term inside a longer shown one
        // (铜箔 inside 电解铜箔) adds nothing to read.
        let mut shown: Vec<&str> = Vec::new();
        for &(term, _) in &q.terms {
            if doc.terms.binary_search(&term).is_err() {
                continue;
            }
            let word = self.words[term as usize].as_str();
            if shown.iter().any(|s| s.contains(word)) {
                continue;
            }
            shown.retain(|s| !word.contains(s));
            shown.push(word);
            if shown.len() == SHOWN_TERMS {
                break;
            }
        }
        if !shown.is_empty() {
            let original = [
                q.rec.title.as_str(),
                q.rec.keywords.as_str(),
                q.rec.description.as_str(),
            ];
            out.push(Reason::SharedTerms(
                shown
                    .into_iter()
                    .map(|t| display_term(t, &original))
                    .collect(),
            ));
        }
        if same_field(&q.field_key, &doc.field_key) {
            out.push(Reason::SameField(doc.field.clone()));
        }
        match proximity(&q.region, &doc.region) {
            Proximity::SameCity(c) => out.push(Reason::SameCity(c)),
            Proximity::SameProvince(p) => out.push(Reason::SameProvince(p.to_string())),
            Proximity::Neighbour(a, b) => {
                out.push(Reason::NeighbourProvince(a.to_string(), b.to_string()));
            }
            Proximity::None => {}
        }
        if let Some((price, budget)) = price_and_budget(q.rec, doc) {
            out.push(if price <= budget {
                Reason::PriceWithinBudget { price, budget }
            } else {
                Reason::PriceOverBudget { price, budget }
            });
        }
        if doc
            .maturity_level
            .is_some_and(|l| l >= MATURITY_REASON_LEVEL)
        {
            out.push(Reason::Maturity(doc.maturity.clone()));
        }
        out
    }
}

/// Everything but the text, without allocating (it runs for every candidate).
fn bonus_points(q: &Query<'_>, doc: &Doc) -> f32 {
    let mut points = 0.0;
    if same_field(&q.field_key, &doc.field_key) {
        points += FIELD_POINTS;
    }
    if let (Some(qp), Some(dp)) = (q.region.province, doc.region.province) {
        if qp == dp {
            let same_city =
                matches!((&q.region.city, &doc.region.city), (Some(a), Some(b)) if a == b);
            points += if same_city {
                CITY_POINTS
            } else {
                PROVINCE_POINTS
            };
        } else if super::region::neighbours(qp, dp) {
            points += NEIGHBOUR_POINTS;
        }
    }
    if let Some((price, budget)) = price_and_budget(q.rec, doc)
        && price <= budget
    {
        points += PRICE_POINTS;
    }
    if let Some(level) = doc.maturity_level {
        points += MATURITY_POINTS * level;
    }
    points
}

/// Same field: equal once folded, or one names the other (新材料 / 新材料（铜箔）).
fn same_field(a: &str, b: &str) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    a == b || (a.chars().count() >= 2 && b.contains(a)) || (b.chars().count() >= 2 && a.contains(b))
}

/// (result's price, demand's budget) when both are known, whichever side the query is.
fn price_and_budget(query: &Record, doc: &Doc) -> Option<(f64, f64)> {
    let (price, budget) = match query.kind {
        Kind::Demand => (doc.amount?, query.budget?.wan_f64()),
        Kind::Achievement => (query.price?.wan_f64(), doc.amount?),
    };
    (price.is_finite() && budget.is_finite() && budget > 0.0).then_some((price, budget))
}
