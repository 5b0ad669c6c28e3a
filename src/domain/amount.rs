//! Money, exact: [`Money`] is a whole number of 分 (0.01 元) with one parser for what people
//! type ("50", "50万", "50万元", "1,200", "0.5亿", "300000元", full-width digits) and one
//! formatter (万元, the unit brokers think in). The form, the CLI, the stage prompts and the
//! import all parse with [`Money::parse`]; every view prints with `Display`.
//!
//! Why 分 and not 元: contracts, invoices and payments are written to the 分, a broker's reward
//! is a percentage of a payment (5% of 12,345 元 is 617.25 元), and an i64 of 分 still holds
//! 92,233 亿元 — far above [`Money::MAX`], so sums of thousands of contracts stay exact.

use std::fmt;
use std::str::FromStr;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use unicode_normalization::UnicodeNormalization;

use crate::i18n::errors::ErrMsg;
use crate::i18n::{Lang, Msg};

/// 分 in one 元.
const FEN_PER_YUAN: i64 = 100;
/// 分 in one 万元.
const FEN_PER_WAN: i64 = 10_000 * FEN_PER_YUAN;
/// 分 in one 亿元.
const FEN_PER_YI: i64 = 10_000 * FEN_PER_WAN;

/// An exact, non-negative amount of money, in 分. At most [`Money::MAX`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(i64);

/// Why text or a number is not an amount. The texts are the English ones; [`Self::text`]
/// gives either language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    /// Not a number in any form we read.
    #[error("`{0}` is not an amount in 万元 (e.g. 50, 50万, 1,200, 0.5亿, 300000元)")]
    NotAnAmount(String),
    /// Below zero.
    #[error("`{0}` is a negative amount; amounts are 0 or more")]
    Negative(String),
    /// Over [`Money::MAX`].
    #[error("`{0}` is too large: at most 10,000,000 万元 (1,000 亿元)")]
    TooLarge(String),
}

impl AmountError {
    /// The message in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let (msg, given) = match self {
            AmountError::NotAnAmount(t) => (ErrMsg::NotAnAmount, t),
            AmountError::Negative(t) => (ErrMsg::NegativeAmount, t),
            AmountError::TooLarge(t) => (ErrMsg::AmountTooLarge, t),
        };
        msg.fill(lang, &[given])
    }

    /// The reason alone, without the text, for a message beside a form field.
    pub fn short_text(&self, lang: Lang) -> &'static str {
        match self {
            AmountError::NotAnAmount(_) => Msg::FormBadAmount.text(lang),
            AmountError::Negative(_) => Msg::FormNegativeAmount.text(lang),
            AmountError::TooLarge(_) => Msg::FormAmountTooLarge.text(lang),
        }
    }
}

impl Money {
    /// Nothing.
    pub const ZERO: Money = Money(0);
    /// The largest amount taken anywhere: 10,000,000 万元 (1,000 亿元). No technology contract,
    /// budget or price comes near it; anything above is a typo or a unit mistake.
    pub const MAX: Money = Money(10_000_000 * FEN_PER_WAN);

    /// An amount of `fen` 分, when it is one (0 … [`Money::MAX`]).
    pub fn from_fen(fen: i64) -> Option<Money> {
        (0..=Money::MAX.0).contains(&fen).then_some(Money(fen))
    }

    /// An amount of whole 万元 (tests and fixtures), when it is one.
    pub fn from_wan(wan: i64) -> Option<Money> {
        wan.checked_mul(FEN_PER_WAN).and_then(Money::from_fen)
    }

    /// The amount in 分.
    pub fn fen(self) -> i64 {
        self.0
    }

    /// The amount in 万元 as a float, for scores and JSON: exact for every amount up to
    /// [`Money::MAX`] when printed shortest (it has at most 14 significant digits).
    pub fn wan_f64(self) -> f64 {
        self.0 as f64 / FEN_PER_WAN as f64
    }

    /// An amount given as a float in 万元 (a JSON number, an older undo entry), rounded to the
    /// 分. `shown` is what the error quotes.
    pub fn from_wan_f64(v: f64) -> Result<Money, AmountError> {
        let shown = || v.to_string();
        if v.is_nan() {
            return Err(AmountError::NotAnAmount(shown()));
        }
        if v < 0.0 {
            return Err(AmountError::Negative(shown()));
        }
        if v > Money::MAX.wan_f64() {
            return Err(AmountError::TooLarge(shown()));
        }
        Ok(Money((v * FEN_PER_WAN as f64).round() as i64))
    }

    /// Parses an amount as people type it, in 万元 unless it names another unit. Empty (or
    /// only spaces) is `Ok(None)`. Digits past the 分 are rounded (half up).
    pub fn parse(s: &str) -> Result<Option<Money>, AmountError> {
        // NFKC turns full-width digits, commas, dots and signs (１，２００．５) into ASCII.
        let t: String = s
            .nfkc()
            .filter(|c| !c.is_whitespace() && *c != ',')
            .collect();
        if t.is_empty() {
            return Ok(None);
        }
        let given = || s.trim().to_string();
        let (negative, t) = match t.strip_prefix(['-', '−']) {
            Some(rest) => (true, rest),
            None => (false, t.strip_prefix('+').unwrap_or(&t)),
        };
        let (num, per_unit) =
            if let Some(n) = t.strip_suffix("万元").or_else(|| t.strip_suffix('万')) {
                (n, FEN_PER_WAN)
            } else if let Some(n) = t.strip_suffix("亿元").or_else(|| t.strip_suffix('亿')) {
                (n, FEN_PER_YI)
            } else if let Some(n) = t.strip_suffix('元') {
                (n, FEN_PER_YUAN)
            } else {
                (t, FEN_PER_WAN)
            };
        let (int, frac) = num.split_once('.').unwrap_or((num, ""));
        let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
        if int.is_empty() && frac.is_empty() || !digits(int) || !digits(frac) {
            return Err(AmountError::NotAnAmount(given()));
        }
        let fen = exact_fen(int, frac, per_unit).ok_or_else(|| AmountError::TooLarge(given()))?;
        if negative && fen > 0 {
            return Err(AmountError::Negative(given()));
        }
        let fen = i64::try_from(fen).map_err(|_| AmountError::TooLarge(given()))?;
        Money::from_fen(fen)
            .map(Some)
            .ok_or_else(|| AmountError::TooLarge(given()))
    }

    /// The sum of two amounts, or `None` past i64 (never for fewer than 92,000 amounts at
    /// [`Money::MAX`]). Sums may exceed [`Money::MAX`].
    pub fn checked_add(self, other: Money) -> Option<Money> {
        self.0.checked_add(other.0).map(Money)
    }

    /// The exact sum of `amounts` (saturating at i64, which no real board reaches).
    pub fn total(amounts: impl IntoIterator<Item = Money>) -> Money {
        Money(
            amounts
                .into_iter()
                .fold(0_i64, |a, m| a.saturating_add(m.0)),
        )
    }
}

/// `int.frac` units of `per_unit` 分 as 分, rounded half up; `None` when absurdly large.
fn exact_fen(int: &str, frac: &str, per_unit: i64) -> Option<u128> {
    let int = int.trim_start_matches('0');
    // 25 integer digits times 10^10 still fits u128; anything longer is far over MAX anyway.
    if int.len() > 25 {
        return None;
    }
    let per = per_unit as u128;
    let whole: u128 = if int.is_empty() { 0 } else { int.parse().ok()? };
    // per_unit is at most 10^10 分: the 11th fraction digit decides the rounding, and later
    // digits cannot change a half-up result.
    let frac = &frac[..frac.len().min(12)];
    let scale = 10_u128.pow(frac.len() as u32);
    let part: u128 = if frac.is_empty() {
        0
    } else {
        frac.parse().ok()?
    };
    let scaled = part * per;
    let rounded = (scaled + scale / 2) / scale;
    whole.checked_mul(per)?.checked_add(rounded)
}

/// 万元 without a unit and without needless zeros: 50, 12.5, 0.000001, 1200.
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (whole, rest) = (self.0 / FEN_PER_WAN, self.0 % FEN_PER_WAN);
        let text = if rest == 0 {
            whole.to_string()
        } else {
            let frac = format!("{rest:06}");
            format!("{whole}.{}", frac.trim_end_matches('0'))
        };
        f.pad(&text)
    }
}

impl FromStr for Money {
    type Err = AmountError;

    /// Like [`Money::parse`], but empty text is an error.
    fn from_str(s: &str) -> Result<Money, AmountError> {
        Money::parse(s)?.ok_or_else(|| AmountError::NotAnAmount(String::new()))
    }
}

/// A JSON number in 万元, as duijie has always written amounts (`"budget_wan": 12.5`).
impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0 % FEN_PER_WAN == 0 {
            s.serialize_i64(self.0 / FEN_PER_WAN)
        } else {
            s.serialize_f64(self.wan_f64())
        }
    }
}

/// A number in 万元 (rounded to the 分) or text as [`Money::parse`] reads it.
impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Money, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Money;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an amount in 万元")
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Money, E> {
                Money::from_wan_f64(v).map_err(E::custom)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Money, E> {
                if v < 0 {
                    return Err(E::custom(AmountError::Negative(v.to_string())));
                }
                Money::from_wan(v).ok_or_else(|| E::custom(AmountError::TooLarge(v.to_string())))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Money, E> {
                i64::try_from(v)
                    .ok()
                    .and_then(Money::from_wan)
                    .ok_or_else(|| E::custom(AmountError::TooLarge(v.to_string())))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Money, E> {
                v.parse().map_err(E::custom)
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn wan(s: &str) -> Result<Option<i64>, AmountError> {
        Money::parse(s).map(|m| m.map(Money::fen))
    }

    #[test]
    fn accepts_the_ways_brokers_write_amounts() {
        assert_eq!(wan("50"), Ok(Some(50_000_000)));
        assert_eq!(wan(" 50万 "), Ok(Some(50_000_000)));
        assert_eq!(wan("50万元"), Ok(Some(50_000_000)));
        assert_eq!(wan("1,200"), Ok(Some(1_200_000_000)));
        assert_eq!(wan("１，２００"), Ok(Some(1_200_000_000)));
        assert_eq!(wan("12.5"), Ok(Some(12_500_000)));
        assert_eq!(wan("0.5亿"), Ok(Some(5_000_000_000)));
        assert_eq!(wan("300000元"), Ok(Some(30_000_000)));
        assert_eq!(wan("1234.56元"), Ok(Some(123_456)));
        assert_eq!(wan(".5"), Ok(Some(500_000)));
        assert_eq!(wan("+3"), Ok(Some(3_000_000)));
        assert_eq!(wan("0"), Ok(Some(0)));
        assert_eq!(wan("-0"), Ok(Some(0)));
        assert_eq!(wan(""), Ok(None));
        assert_eq!(wan("   "), Ok(None));
    }

    #[test]
    fn decimals_are_exact_and_past_the_fen_round_half_up() {
        // 0.1 + 0.2 is 0.3 here, unlike f64.
        let sum = Money::total(["0.1".parse::<Money>().unwrap(), "0.2".parse().unwrap()]);
        assert_eq!(sum, Money::parse("0.3").unwrap().unwrap());
        assert_eq!(wan("12.3456785"), Ok(Some(12_345_679)));
        assert_eq!(wan("12.3456784"), Ok(Some(12_345_678)));
        assert_eq!(wan("0.004元"), Ok(Some(0)));
        assert_eq!(wan("0.005元"), Ok(Some(1)));
    }

    #[test]
    fn refuses_what_is_not_an_amount_saying_why() {
        for bad in [
            "abc", "万", "5万5", "1.2.3", "50 USD", "面议", "1e308", ".", "-",
        ] {
            assert!(
                matches!(Money::parse(bad), Err(AmountError::NotAnAmount(_))),
                "{bad}"
            );
        }
        for neg in ["-5", "－５", "-0.01元"] {
            let err = Money::parse(neg).unwrap_err();
            assert!(matches!(err, AmountError::Negative(_)), "{neg}");
            assert!(err.to_string().contains("negative"), "{err}");
        }
        for big in ["10000001", "1e20", "100000000000000000000", "1001亿"] {
            let err = Money::parse(big);
            assert!(
                matches!(
                    err,
                    Err(AmountError::TooLarge(_) | AmountError::NotAnAmount(_))
                ),
                "{big}: {err:?}"
            );
        }
        assert!(matches!(
            Money::parse("100000000000000000000"),
            Err(AmountError::TooLarge(_))
        ));
        assert_eq!(Money::parse("1000亿"), Ok(Some(Money::MAX)));
        assert!(
            AmountError::TooLarge("x".into())
                .text(Lang::Zh)
                .contains("1,000 亿元")
        );
    }

    #[test]
    fn formats_in_wan_without_needless_zeros() {
        let show = |s: &str| Money::parse(s).unwrap().unwrap().to_string();
        assert_eq!(show("50"), "50");
        assert_eq!(show("12.50"), "12.5");
        assert_eq!(show("1元"), "0.0001");
        assert_eq!(show("0.01元"), "0.000001");
        assert_eq!(show("1000亿"), "10000000");
        assert_eq!(format!("{:>6}", show("1.5")), "   1.5");
    }

    #[test]
    fn json_is_a_number_in_wan_and_reads_numbers_and_text() {
        let m = Money::parse("12.5").unwrap().unwrap();
        assert_eq!(serde_json::to_string(&m).unwrap(), "12.5");
        assert_eq!(serde_json::to_string(&Money::from_wan(50)).unwrap(), "50");
        assert_eq!(serde_json::from_str::<Money>("12.5").unwrap(), m);
        assert_eq!(serde_json::from_str::<Money>("\"12.5万\"").unwrap(), m);
        assert!(serde_json::from_str::<Money>("1e308").is_err());
        assert!(serde_json::from_str::<Money>("-1").is_err());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// What the formatter writes, the parser reads back to the same amount, with or
        /// without the 万 / 万元 unit.
        #[test]
        fn format_then_parse_is_the_same_amount(fen in 0..=Money::MAX.fen()) {
            let m = Money::from_fen(fen).unwrap();
            let text = m.to_string();
            prop_assert_eq!(Money::parse(&text), Ok(Some(m)));
            prop_assert_eq!(Money::parse(&format!("{text}万元")), Ok(Some(m)));
            // And through JSON, as list --json and the undo journal write it.
            let json = serde_json::to_string(&m).unwrap();
            prop_assert_eq!(serde_json::from_str::<Money>(&json).unwrap(), m);
        }

        /// Whole 元 written in 元 read as the same amount as in 万元.
        #[test]
        fn yuan_and_wan_agree(yuan in 0_i64..=100_000_000_000) {
            let m = Money::parse(&format!("{yuan}元")).unwrap().unwrap();
            prop_assert_eq!(m.fen(), yuan * 100);
            prop_assert_eq!(Money::parse(&m.to_string()), Ok(Some(m)));
        }

        /// Any text at all: an amount in bounds, `None`, or an error — never a panic.
        #[test]
        fn any_text_gives_an_answer_in_bounds(s in "\\PC{0,24}") {
            if let Ok(Some(m)) = Money::parse(&s) {
                prop_assert!(m >= Money::ZERO && m <= Money::MAX);
            }
        }

        /// Digit-heavy text, where overflow would hide.
        #[test]
        fn long_numbers_never_panic(s in "[-+]?[0-9]{0,40}(\\.[0-9]{0,40})?(万|亿|元|万元)?") {
            if let Ok(Some(m)) = Money::parse(&s) {
                prop_assert!(m <= Money::MAX);
            }
        }
    }
}
