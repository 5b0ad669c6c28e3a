//! Amounts in 万元 as people type them: "50", "50万", "50万元", "1,200", "0.5亿", "300000元".
//! One parser for the form, the CLI and the stage prompts.

use unicode_normalization::UnicodeNormalization;

/// Parses an amount into 万元. Empty (or only spaces) is `Ok(None)`; a negative amount or
/// text that is not a number is an error saying what was expected.
pub fn parse_wan(s: &str) -> Result<Option<f64>, String> {
    // NFKC turns full-width digits, commas and dots (１，２００．５) into ASCII.
    let t: String = s
        .nfkc()
        .filter(|c| !c.is_whitespace() && *c != ',')
        .collect();
    if t.is_empty() {
        return Ok(None);
    }
    let (num, factor) = if let Some(n) = t.strip_suffix("万元").or_else(|| t.strip_suffix('万'))
    {
        (n, 1.0)
    } else if let Some(n) = t.strip_suffix("亿元").or_else(|| t.strip_suffix('亿')) {
        (n, 10_000.0)
    } else if let Some(n) = t.strip_suffix('元') {
        (n, 0.0001)
    } else {
        (t.as_str(), 1.0)
    };
    let bad = || {
        format!(
            "`{}` is not an amount in 万元 (e.g. 50, 50万, 1,200)",
            s.trim()
        )
    };
    if num.is_empty() || !num.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return Err(bad());
    }
    let v: f64 = num.parse().map_err(|_| bad())?;
    if !v.is_finite() {
        return Err(bad());
    }
    Ok(Some(v * factor))
}

#[cfg(test)]
mod tests {
    use super::parse_wan;

    #[test]
    fn accepts_the_ways_brokers_write_amounts() {
        assert_eq!(parse_wan("50"), Ok(Some(50.0)));
        assert_eq!(parse_wan(" 50万 "), Ok(Some(50.0)));
        assert_eq!(parse_wan("50万元"), Ok(Some(50.0)));
        assert_eq!(parse_wan("1,200"), Ok(Some(1200.0)));
        assert_eq!(parse_wan("１，２００"), Ok(Some(1200.0)));
        assert_eq!(parse_wan("12.5"), Ok(Some(12.5)));
        assert_eq!(parse_wan("1.5亿"), Ok(Some(15000.0)));
        assert_eq!(parse_wan("300000元"), Ok(Some(30.0)));
        assert_eq!(parse_wan(""), Ok(None));
        assert_eq!(parse_wan("   "), Ok(None));
    }

    #[test]
    fn refuses_what_is_not_an_amount() {
        for bad in ["abc", "-5", "万", "5万5", "1.2.3", "50 USD", "面议"] {
            let err = parse_wan(bad).unwrap_err();
            assert!(err.contains("not an amount"), "{bad}: {err}");
        }
    }
}
