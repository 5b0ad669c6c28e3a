//! Why a candidate scored what it did: every term and signal with the points it brought
//! (the breakdown `duijie suggest --explain` prints), and the reasons shown beside it, each
//! with its share. Only what contributed is named: a shared term that added nothing is not
//! a reason. Character bigrams are shown as the stretch of the query's text they matched,
//! and a term inside a longer one shown (铜箔 inside 电解铜箔) adds its points to it.

use std::collections::HashMap;

use crate::search::keys::fold;

use super::corpus::{Side, SuggestIndex};
use super::reason::{Part, Reason, Warning, Why};
use super::region::{Proximity, proximity};
use super::score::{
    MATURITY_POINTS, PRICE_POINTS, Query, Suggestion, price_and_budget, region_points, text_points,
    tf_part,
};
use super::terms::{display_term, han_runs, term_text};

/// How many shared terms a reason names.
const SHOWN_TERMS: usize = 6;
/// How many related (feedback) terms a reason names.
const SHOWN_RELATED: usize = 3;
/// A term below this share of the score is in the breakdown but not named as a reason.
const LEAST_SHARE: f64 = 0.01;

/// A term's points while they are gathered: (text shown, points, from the query itself).
struct TermPoints {
    text: String,
    points: f64,
    own: bool,
}

impl SuggestIndex {
    /// The suggestion of `doc` for `q`, with its breakdown, reasons and warnings.
    pub(crate) fn explain(&self, q: &Query<'_>, side: &Side, place: u32) -> Suggestion {
        let doc = &side.doc(place);
        let original = [
            q.rec.title.as_str(),
            q.rec.keywords.as_str(),
            q.rec.description.as_str(),
        ];
        // Raw BM25 parts per query term the candidate holds.
        let mut raw_total = 0f32;
        let mut words: Vec<(u32, f32, bool)> = Vec::new();
        let mut grams: HashMap<String, f32> = HashMap::new();
        for (k, &(t, w)) in q.terms.iter().enumerate() {
            let Ok(i) = doc.terms.binary_search_by_key(&t, |x| x.0) else {
                continue;
            };
            let part = w * tf_part(doc.terms[i].1, doc.len, side.avg_len);
            raw_total += part;
            if self.words.is_bigram(t) {
                grams.insert(term_text(&self.words.word(t)).to_string(), part);
            } else {
                words.push((t, part, k < q.own_terms));
            }
        }
        let text = f64::from(text_points(raw_total, q.ideal));
        let scale = if raw_total > 0.0 {
            text / f64::from(raw_total)
        } else {
            0.0
        };
        let mut items: Vec<TermPoints> = words
            .into_iter()
            .map(|(t, part, own)| TermPoints {
                text: display_term(&self.words.word(t), &original),
                points: f64::from(part) * scale,
                own,
            })
            .collect();
        items.extend(spans(q, &grams).into_iter().map(|(text, part)| TermPoints {
            text,
            points: f64::from(part) * scale,
            own: true,
        }));
        let items = merge_contained(items);

        let mut parts: Vec<Part> = items
            .iter()
            .map(|i| Part {
                reason: if i.own {
                    Reason::SharedTerms(vec![i.text.clone()])
                } else {
                    Reason::RelatedTerms(vec![i.text.clone()])
                },
                points: i.points,
            })
            .collect();
        let field = f64::from(self.field_points(q, side, place));
        if field > 0.0 {
            let reason = if field < f64::from(super::score::FIELD_POINTS) {
                Reason::LikelyField(doc.field.clone())
            } else {
                Reason::SameField(doc.field.clone())
            };
            parts.push(Part {
                reason,
                points: field,
            });
        }
        let region = f64::from(region_points(q, &doc.region));
        if region > 0.0 {
            let reason = match proximity(&q.region, &doc.region) {
                Proximity::SameCity(c) => Reason::SameCity(c),
                Proximity::SameProvince(p) => Reason::SameProvince(p.to_string()),
                Proximity::Neighbour(a, b) => {
                    Reason::NeighbourProvince(a.to_string(), b.to_string())
                }
                Proximity::None => unreachable!("region points without proximity"),
            };
            parts.push(Part {
                reason,
                points: region,
            });
        }
        let mut warnings = Vec::new();
        if let Some((price, budget)) = price_and_budget(q.rec, doc.amount) {
            if price <= budget {
                parts.push(Part {
                    reason: Reason::PriceWithinBudget { price, budget },
                    points: f64::from(PRICE_POINTS),
                });
            } else {
                warnings.push(Warning::PriceOverBudget { price, budget });
            }
        }
        if let Some(level) = doc.maturity_level {
            parts.push(Part {
                reason: Reason::Maturity(doc.maturity.clone()),
                points: f64::from(MATURITY_POINTS * level),
            });
        }
        parts.retain(|p| p.points > 0.0);
        parts.sort_by(|a, b| b.points.total_cmp(&a.points));
        let score: f64 = parts.iter().map(|p| p.points).sum();
        let reasons = reasons(&parts, score);
        Suggestion {
            id: doc.id,
            code: doc.code,
            title: doc.title.clone(),
            org: doc.org.clone(),
            score: (score * 10.0).round() / 10.0,
            paired: false,
            dismissed: false,
            reasons,
            warnings,
            breakdown: parts,
        }
    }
}

/// Matched bigrams as the stretches of the query's text they cover: consecutive matched
/// bigrams of one run of Han characters make one stretch, with their points summed (a
/// bigram met twice counts once).
fn spans(q: &Query<'_>, grams: &HashMap<String, f32>) -> Vec<(String, f32)> {
    if grams.is_empty() {
        return Vec::new();
    }
    let mut left: HashMap<String, f32> = grams.clone();
    let mut out = Vec::new();
    for field in [&q.rec.title, &q.rec.keywords, &q.rec.description] {
        for run in han_runs(&fold(field)) {
            let chars: Vec<char> = run.chars().collect();
            let mut start: Option<usize> = None;
            let mut points = 0f32;
            for j in 0..chars.len() {
                let gram: String = chars
                    .get(j..j + 2)
                    .map(|c| c.iter().collect())
                    .unwrap_or_default();
                let hit = !gram.is_empty() && grams.contains_key(gram.as_str());
                if hit {
                    start.get_or_insert(j);
                    points += left.remove(gram.as_str()).unwrap_or(0.0);
                } else if let Some(s) = start.take() {
                    out.push((chars[s..=j].iter().collect::<String>(), points));
                    points = 0.0;
                }
            }
        }
    }
    out.retain(|(_, p)| *p > 0.0);
    out
}

/// Folds each term into a longer one that contains it (铜箔 into 电解铜箔), and equal texts
/// together, keeping the longer's text.
fn merge_contained(mut items: Vec<TermPoints>) -> Vec<TermPoints> {
    items.sort_by(|a, b| {
        b.text
            .chars()
            .count()
            .cmp(&a.text.chars().count())
            .then_with(|| b.points.total_cmp(&a.points))
    });
    let mut kept: Vec<TermPoints> = Vec::new();
    for item in items {
        if let Some(k) = kept
            .iter_mut()
            .find(|k| k.own == item.own && k.text.contains(&item.text))
        {
            k.points += item.points;
        } else {
            kept.push(item);
        }
    }
    kept
}

/// The reasons shown: shared terms (the best few, each of at least 1%), related terms, then
/// each signal, each with its share of `score`.
fn reasons(parts: &[Part], score: f64) -> Vec<Why> {
    if score <= 0.0 {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut group = |related: bool, most: usize| {
        let mut names = Vec::new();
        let mut points = 0.0;
        for p in parts {
            let (Reason::SharedTerms(t) | Reason::RelatedTerms(t)) = &p.reason else {
                continue;
            };
            if matches!(p.reason, Reason::RelatedTerms(_)) != related
                || p.points / score < LEAST_SHARE
                || names.len() == most
            {
                continue;
            }
            names.extend(t.iter().cloned());
            points += p.points;
        }
        if !names.is_empty() {
            out.push(Why {
                reason: if related {
                    Reason::RelatedTerms(names)
                } else {
                    Reason::SharedTerms(names)
                },
                share: points / score,
            });
        }
    };
    group(false, SHOWN_TERMS);
    group(true, SHOWN_RELATED);
    out.extend(
        parts
            .iter()
            .filter(|p| !matches!(p.reason, Reason::SharedTerms(_) | Reason::RelatedTerms(_)))
            .map(|p| Why {
                reason: p.reason.clone(),
                share: p.points / score,
            }),
    );
    out
}
