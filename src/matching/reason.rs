//! Why a suggestion was made, as data, with Chinese and English renderings.
//!
//! Rendered text carries data (terms, field names, region names): callers pass it through
//! `crate::sanitize` before it reaches a terminal, like every other string from data.

/// One reason a candidate may fit the query record.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// Terms both records use, most telling first.
    SharedTerms(Vec<String>),
    /// Terms the query lacks that its best candidates share (pseudo-relevance feedback).
    RelatedTerms(Vec<String>),
    /// Both are filed under this field.
    SameField(String),
    /// The query names no field, and its best text matches are mostly filed under this one,
    /// as the candidate is.
    LikelyField(String),
    /// Both are in this city.
    SameCity(String),
    /// Both are in this province.
    SameProvince(String),
    /// The query's province and the candidate's border each other.
    NeighbourProvince(String, String),
    /// The result's asking price fits the demand's budget (万元).
    PriceWithinBudget { price: f64, budget: f64 },
    /// The result is mature enough to hand over (pilot or beyond); the record's own words.
    Maturity(String),
}

impl Reason {
    /// A stable machine-readable name (JSON `reason_codes`).
    pub fn code(&self) -> &'static str {
        match self {
            Reason::SharedTerms(_) => "shared_terms",
            Reason::RelatedTerms(_) => "related_terms",
            Reason::SameField(_) => "same_field",
            Reason::LikelyField(_) => "likely_field",
            Reason::SameCity(_) => "same_city",
            Reason::SameProvince(_) => "same_province",
            Reason::NeighbourProvince(..) => "neighbour_province",
            Reason::PriceWithinBudget { .. } => "price_within_budget",
            Reason::Maturity(_) => "maturity",
        }
    }

    /// Chinese text: "共同关键词: 电解铜箔、表面处理", "同省: 云南", "价格 80万 ≤ 预算 120万".
    pub fn zh(&self) -> String {
        match self {
            Reason::SharedTerms(t) => format!("共同关键词: {}", t.join("、")),
            Reason::RelatedTerms(t) => format!("相关词: {}", t.join("、")),
            Reason::SameField(f) => format!("同领域: {f}"),
            Reason::LikelyField(f) => format!("可能同领域: {f}"),
            Reason::SameCity(c) => format!("同城: {c}"),
            Reason::SameProvince(p) => format!("同省: {p}"),
            Reason::NeighbourProvince(a, b) => format!("邻省: {a}—{b}"),
            Reason::PriceWithinBudget { price, budget } => {
                format!("价格 {}万 ≤ 预算 {}万", wan(*price), wan(*budget))
            }
            Reason::Maturity(m) => format!("成熟度: {m}"),
        }
    }

    /// English text for `--lang en` users and logs.
    pub fn en(&self) -> String {
        match self {
            Reason::SharedTerms(t) => format!("shared terms: {}", t.join(", ")),
            Reason::RelatedTerms(t) => format!("related terms: {}", t.join(", ")),
            Reason::SameField(f) => format!("same field: {f}"),
            Reason::LikelyField(f) => format!("likely the same field: {f}"),
            Reason::SameCity(c) => format!("same city: {c}"),
            Reason::SameProvince(p) => format!("same province: {p}"),
            Reason::NeighbourProvince(a, b) => format!("neighbouring provinces: {a}–{b}"),
            Reason::PriceWithinBudget { price, budget } => {
                format!("price {} 万 within budget {} 万", wan(*price), wan(*budget))
            }
            Reason::Maturity(m) => format!("maturity: {m}"),
        }
    }
}

/// A reason with its share of the score (0–1).
#[derive(Debug, Clone, PartialEq)]
pub struct Why {
    pub reason: Reason,
    pub share: f64,
}

impl Why {
    pub fn code(&self) -> &'static str {
        self.reason.code()
    }

    /// "同领域: 新材料 (15%)".
    pub fn zh(&self) -> String {
        format!("{} ({})", self.reason.zh(), percent(self.share))
    }

    /// "same field: 新材料 (15%)".
    pub fn en(&self) -> String {
        format!("{} ({})", self.reason.en(), percent(self.share))
    }
}

/// One part of a score: one term (a one-term [`Reason::SharedTerms`] or
/// [`Reason::RelatedTerms`]) or one signal, with the points it brought.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub reason: Reason,
    pub points: f64,
}

/// What speaks against a candidate. Shown beside it, never counted in its score.
#[derive(Debug, Clone, PartialEq)]
pub enum Warning {
    /// The result's asking price is above the demand's budget (万元).
    PriceOverBudget { price: f64, budget: f64 },
}

impl Warning {
    /// A stable machine-readable name (JSON `warning_codes`).
    pub fn code(&self) -> &'static str {
        match self {
            Warning::PriceOverBudget { .. } => "price_over_budget",
        }
    }

    pub fn zh(&self) -> String {
        match self {
            Warning::PriceOverBudget { price, budget } => {
                format!("价格 {}万 > 预算 {}万", wan(*price), wan(*budget))
            }
        }
    }

    pub fn en(&self) -> String {
        match self {
            Warning::PriceOverBudget { price, budget } => {
                format!("price {} 万 over budget {} 万", wan(*price), wan(*budget))
            }
        }
    }
}

/// A share as a whole percentage, "<1%" for a sliver.
pub fn percent(share: f64) -> String {
    let p = (share * 100.0).round();
    if p < 1.0 {
        "<1%".to_string()
    } else {
        format!("{p}%")
    }
}

/// An amount in 万元 without a pointless ".0": 80, 12.5.
fn wan(x: f64) -> String {
    let rounded = (x * 100.0).round() / 100.0;
    if rounded.fract() == 0.0 && rounded.abs() < 1e15 {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_in_both_languages() {
        let r = Reason::SharedTerms(vec!["电解铜箔".into(), "表面处理".into()]);
        assert_eq!(r.zh(), "共同关键词: 电解铜箔、表面处理");
        assert_eq!(r.en(), "shared terms: 电解铜箔, 表面处理");
        let p = Reason::PriceWithinBudget {
            price: 80.0,
            budget: 120.0,
        };
        assert_eq!(p.zh(), "价格 80万 ≤ 预算 120万");
        assert_eq!(p.code(), "price_within_budget");
        let o = Warning::PriceOverBudget {
            price: 150.5,
            budget: 120.0,
        };
        assert_eq!(o.zh(), "价格 150.5万 > 预算 120万");
        let w = Why {
            reason: Reason::SameField("新材料".into()),
            share: 0.153,
        };
        assert_eq!(w.zh(), "同领域: 新材料 (15%)");
        assert_eq!(percent(0.004), "<1%");
        assert_eq!(
            Reason::NeighbourProvince("云南".into(), "四川".into()).zh(),
            "邻省: 云南—四川"
        );
        assert_eq!(Reason::SameProvince("云南".into()).zh(), "同省: 云南");
        assert_eq!(Reason::SameField("新材料".into()).zh(), "同领域: 新材料");
    }
}
