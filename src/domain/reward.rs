//! The broker's reward rule (技术经纪人奖励) and its arithmetic, exact to the 分: a rate on
//! the technology amount actually paid in a year, an optional annual cap and an optional
//! minimum contract size.
//!
//! The technology part of a payment is its share of the contract: a payment of 50 万元 on
//! a contract of 200 万元 total with 150 万元 technology amount counts 37.5 万元. A contract
//! below the minimum size (its technology amount, or its total when none is recorded)
//! earns nothing. Each contract's reward is rounded to the 分; the cap applies to the year's
//! sum.

use serde::Serialize;

use super::Money;

/// Basis points per 100%.
const WHOLE: i64 = 10_000;

/// A city's or park's rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RewardRule {
    /// The rate in hundredths of a percent (5% = 500).
    pub rate_bp: i64,
    /// The most a broker gets in a year.
    pub cap: Option<Money>,
    /// Contracts whose technology amount is below this earn nothing.
    pub min_contract: Option<Money>,
}

/// Reads a rate: `5%`, `2.5%` or a fraction `0.05`; 0–100%, to a hundredth of a percent.
pub fn parse_rate(s: &str) -> Result<i64, String> {
    let t = s.trim();
    let bad = || format!("`{t}` is not a rate: write it as 5% or 0.05");
    let (num, scale) = match t.strip_suffix('%') {
        Some(n) => (n.trim(), 100_i64),
        None => (t, 10_000_i64),
    };
    let (int, frac) = num.split_once('.').unwrap_or((num, ""));
    let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() && frac.is_empty() || !digits(int) || !digits(frac) || int.len() > 6 {
        return Err(bad());
    }
    let places = if scale == 100 { 2 } else { 4 };
    if frac.len() > places {
        return Err(format!(
            "`{t}` is finer than a hundredth of a percent (0.01%)"
        ));
    }
    let whole: i64 = if int.is_empty() {
        0
    } else {
        int.parse().map_err(|_| bad())?
    };
    let padded = format!("{frac:0<places$}");
    let part: i64 = padded.parse().map_err(|_| bad())?;
    let bp = whole * scale + part;
    if bp > WHOLE {
        return Err(format!("`{t}` is more than 100%"));
    }
    Ok(bp)
}

/// A rate as people write it: 5%, 2.5%.
pub fn rate_text(bp: i64) -> String {
    let (whole, part) = (bp / 100, bp % 100);
    if part == 0 {
        format!("{whole}%")
    } else {
        format!("{whole}.{}%", format!("{part:02}").trim_end_matches('0'))
    }
}

/// `a × num / den`, rounded half up, in 分.
fn mul_div(a: Money, num: i64, den: i64) -> Money {
    if den <= 0 {
        return Money::ZERO;
    }
    let v = (i128::from(a.fen()) * i128::from(num) * 2 + i128::from(den)) / (2 * i128::from(den));
    Money::from_fen(i64::try_from(v).unwrap_or(i64::MAX)).unwrap_or(Money::MAX)
}

/// One contract's figures for the year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RewardLine {
    /// Paid on the contract in the year (JSON: 万元).
    #[serde(rename = "paid_wan")]
    pub paid: Money,
    /// The technology part of it.
    #[serde(rename = "tech_paid_wan")]
    pub tech_paid: Money,
    /// Below the minimum contract size: earns nothing.
    pub below_min: bool,
    /// The reward before the cap.
    #[serde(rename = "reward_wan")]
    pub reward: Money,
}

/// What one contract earns from `paid` in the year: `total` and `tech` are its amounts.
pub fn line(
    rule: &RewardRule,
    total: Option<Money>,
    tech: Option<Money>,
    paid: Money,
) -> RewardLine {
    let tech_amount = tech.or(total);
    let tech_paid = match (tech, total) {
        (Some(t), Some(all)) if all > Money::ZERO => mul_div(paid, t.fen(), all.fen()),
        _ => paid,
    };
    let below_min = rule
        .min_contract
        .is_some_and(|min| tech_amount.is_none_or(|t| t < min));
    let reward = if below_min {
        Money::ZERO
    } else {
        mul_div(tech_paid, rule.rate_bp, WHOLE)
    };
    RewardLine {
        paid,
        tech_paid,
        below_min,
        reward,
    }
}

/// The year's sum and what is due after the cap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RewardTotals {
    #[serde(rename = "paid_wan")]
    pub paid: Money,
    #[serde(rename = "tech_paid_wan")]
    pub tech_paid: Money,
    /// Before the cap.
    #[serde(rename = "reward_wan")]
    pub reward: Money,
    /// After the cap.
    #[serde(rename = "due_wan")]
    pub due: Money,
    pub capped: bool,
}

/// Adds up `lines` and applies the cap.
pub fn totals(rule: &RewardRule, lines: &[RewardLine]) -> RewardTotals {
    let reward = Money::total(lines.iter().map(|l| l.reward));
    let due = rule.cap.map_or(reward, |c| reward.min(c));
    RewardTotals {
        paid: Money::total(lines.iter().map(|l| l.paid)),
        tech_paid: Money::total(lines.iter().map(|l| l.tech_paid)),
        reward,
        due,
        capped: due < reward,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Money {
        Money::parse(s).unwrap().unwrap()
    }

    #[test]
    fn rates_read_as_percent_or_fraction() {
        assert_eq!(parse_rate("5%"), Ok(500));
        assert_eq!(parse_rate("2.5 %"), Ok(250));
        assert_eq!(parse_rate("0.05"), Ok(500));
        assert_eq!(parse_rate("0.125"), Ok(1250));
        assert!(parse_rate("150%").is_err());
        assert!(parse_rate("five").is_err());
        assert!(parse_rate("5.001%").is_err());
        assert_eq!(rate_text(500), "5%");
        assert_eq!(rate_text(250), "2.5%");
        assert_eq!(rate_text(1), "0.01%");
    }

    #[test]
    fn the_technology_share_of_a_payment_earns_the_rate() {
        let rule = RewardRule {
            rate_bp: 500,
            cap: None,
            min_contract: None,
        };
        // 50 of a 200 total with 150 technology: 37.5 counts, 5% is 1.875 万元.
        let l = line(&rule, Some(m("200")), Some(m("150")), m("50"));
        assert_eq!(l.tech_paid, m("37.5"));
        assert_eq!(l.reward, m("1.875"));
        // No technology amount recorded: the whole payment counts.
        assert_eq!(line(&rule, Some(m("200")), None, m("50")).reward, m("2.5"));
        // One 分 of technology share rounds half up.
        let odd = line(&rule, Some(m("3元")), Some(m("1元")), m("1元"));
        assert_eq!(odd.tech_paid, m("0.33元"));
    }

    #[test]
    fn the_cap_and_the_minimum_size_apply() {
        let rule = RewardRule {
            rate_bp: 500,
            cap: Some(m("20")),
            min_contract: Some(m("10")),
        };
        let lines = [
            line(&rule, Some(m("1000")), Some(m("800")), m("300")),
            line(&rule, Some(m("500")), None, m("200")),
            line(&rule, Some(m("9")), Some(m("8")), m("8")),
        ];
        assert!(lines[2].below_min);
        assert_eq!(lines[2].reward, Money::ZERO);
        let t = totals(&rule, &lines);
        assert_eq!(t.paid, m("508"));
        // 240 × 5% + 200 × 5% = 12 + 10 = 22, capped at 20.
        assert_eq!(t.reward, m("22"));
        assert_eq!(t.due, m("20"));
        assert!(t.capped);
    }
}
