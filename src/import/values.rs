//! Reading cell values the way spreadsheets write them: amounts in 万元 ("50万元", "1,200",
//! "面议"), dates (2027/3/31, 2027年3月31日, Excel serials), yes/no, statuses, and numbers that
//! are really text (phones and ids that Excel turned into 13800138000.0).

use unicode_normalization::UnicodeNormalization;

use crate::domain::{AmountError, Money};

/// An amount ([`Money::parse`], 万元 by default). Empty, "面议", "待定" and the like mean
/// "not given" (`Ok(None)`); text that is not an amount, a negative one or one over the
/// maximum is an error the caller reports with the column name.
pub fn parse_amount(raw: &str) -> Result<Option<Money>, String> {
    let s: String = raw.nfkc().filter(|c| !c.is_whitespace()).collect();
    if s.is_empty()
        || matches!(
            s.as_str(),
            "面议" | "待定" | "议价" | "协商" | "面谈" | "电议" | "-" | "--" | "/" | "无" | "暂无"
        )
    {
        return Ok(None);
    }
    // Spreadsheet decorations the shared parser does not expect: currency signs, "RMB",
    // "人民币" after the unit, and "w" for 万.
    let mut t = s.as_str();
    t = t.trim_start_matches(['¥', '￥', '$']);
    t = t.strip_prefix("rmb").unwrap_or(t);
    t = t.strip_prefix("RMB").unwrap_or(t);
    t = t.strip_suffix("人民币").unwrap_or(t);
    let t = t
        .strip_suffix(['w', 'W'])
        .map_or_else(|| t.to_string(), |n| format!("{n}万"));
    match Money::parse(&t) {
        Ok(v) => Ok(v),
        Err(AmountError::NotAnAmount(_)) => {
            Err(format!("cannot read {:?} as an amount in 万元", raw.trim()))
        }
        Err(e) => Err(e.to_string()),
    }
}

/// A date as YYYY-MM-DD when it reads as one (ISO, slashes, dots, 年月日, an Excel serial,
/// a date-time); any other text is kept as given (a record keeps it in `deadline_text`,
/// flagged: [`crate::domain::Record::settle_deadline`]).
pub fn parse_date(raw: &str) -> String {
    let s: String = raw.nfkc().collect::<String>().trim().to_string();
    if s.is_empty() {
        return s;
    }
    if let Some(d) = ymd_text(&s) {
        return d;
    }
    if let Ok(serial) = s.parse::<f64>()
        && let Some(d) = excel_serial_date(serial)
    {
        return d;
    }
    raw.trim().to_string()
}

fn ymd_text(s: &str) -> Option<String> {
    // Drop a time part: "2027-03-31 00:00:00", "2027-03-31T08:00".
    let date_part = s.split([' ', 'T']).next().unwrap_or(s);
    let unified: String = date_part
        .chars()
        .map(|c| match c {
            '/' | '.' | '年' | '月' => '-',
            '日' | '号' => ' ',
            c => c,
        })
        .collect();
    let parts: Vec<&str> = unified.trim().split('-').collect();
    if parts.len() != 3 || parts[0].len() != 4 {
        return None;
    }
    let y: i16 = parts[0].parse().ok()?;
    let m: i8 = parts[1].parse().ok()?;
    let d: i8 = parts[2].parse().ok()?;
    let date = jiff::civil::Date::new(y, m, d).ok()?;
    Some(date.to_string())
}

/// An Excel serial day number (1900 date system) as YYYY-MM-DD; plausible range only
/// (1950–2150), so an ordinary number is not mistaken for a date.
pub fn excel_serial_date(serial: f64) -> Option<String> {
    if !(18_264.0..=91_000.0).contains(&serial) {
        return None;
    }
    let epoch = jiff::civil::date(1899, 12, 30);
    let days = serial.floor() as i64;
    let date = epoch.checked_add(jiff::Span::new().days(days)).ok()?;
    Some(date.to_string())
}

/// Yes/no as spreadsheets write it; `None` when the text says neither.
pub fn parse_bool(raw: &str) -> Option<bool> {
    let s: String = raw.nfkc().collect::<String>().trim().to_lowercase();
    match s.as_str() {
        "" | "否" | "no" | "n" | "false" | "f" | "0" | "×" | "x" | "不是" | "非" | "无" => {
            Some(false)
        }
        "是" | "yes" | "y" | "true" | "t" | "1" | "√" | "✓" | "✔" | "有" | "揭榜挂帅" => {
            Some(true)
        }
        _ => None,
    }
}

/// Status: the words `domain::status` knows become `open` / `closed`; any other word is kept
/// as given, and the store keeps it beside the status it means (`Record::settle_status`).
pub fn parse_status(raw: &str) -> String {
    match crate::domain::status::parse(raw) {
        (status, text) if text.is_empty() => status.to_string(),
        (_, text) => text,
    }
}

/// Text that a spreadsheet may have turned into a number: "13800138000.0" → "13800138000".
pub fn number_text(raw: &str) -> String {
    let s = raw.trim();
    if let Some(int) = s.strip_suffix(".0").or_else(|| s.strip_suffix(".00"))
        && !int.is_empty()
        && int.chars().all(|c| c.is_ascii_digit())
    {
        return int.to_string();
    }
    s.to_string()
}

/// Undoes the formula neutralisation `duijie export` applies (a `'` before = + - @ tab CR),
/// so an exported file imports back to the same text.
pub fn unneutralise(raw: &str) -> &str {
    match raw.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => raw,
    }
}

/// Formats an amount the way it reads best and parses back to the same value.
pub fn format_amount(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_in_the_forms_people_write_them() {
        let wan = |s: &str| parse_amount(s).map(|m| m.map(|m| m.to_string()));
        assert_eq!(wan("50"), Ok(Some("50".into())));
        assert_eq!(wan("50万"), Ok(Some("50".into())));
        assert_eq!(wan("50万元"), Ok(Some("50".into())));
        assert_eq!(wan(" 1,200 "), Ok(Some("1200".into())));
        assert_eq!(wan("１２.５万"), Ok(Some("12.5".into())));
        assert_eq!(wan("￥300万元"), Ok(Some("300".into())));
        assert_eq!(wan("1.2亿"), Ok(Some("12000".into())));
        assert_eq!(wan("120000元"), Ok(Some("12".into())));
        assert_eq!(wan("1200元"), Ok(Some("0.12".into())));
        assert!(parse_amount("-5").unwrap_err().contains("negative"));
        assert!(parse_amount("1e20").is_err());
        assert!(
            parse_amount("100000000000")
                .unwrap_err()
                .contains("too large")
        );
        assert_eq!(parse_amount("面议"), Ok(None));
        assert_eq!(parse_amount("待定"), Ok(None));
        assert_eq!(parse_amount(""), Ok(None));
        assert!(parse_amount("abc").unwrap_err().contains("abc"));
        assert!(parse_amount("万元").is_err());
        assert!(parse_amount("5-10万").is_err());
    }

    #[test]
    fn dates_become_iso_and_other_text_is_kept() {
        assert_eq!(parse_date("2027-03-31"), "2027-03-31");
        assert_eq!(parse_date("2027/3/31"), "2027-03-31");
        assert_eq!(parse_date("2027.3.1"), "2027-03-01");
        assert_eq!(parse_date("2027年3月31日"), "2027-03-31");
        assert_eq!(parse_date("2027-03-31 00:00:00"), "2027-03-31");
        assert_eq!(parse_date("46477"), "2027-03-31");
        assert_eq!(parse_date("46477.0"), "2027-03-31");
        assert_eq!(parse_date("长期有效"), "长期有效");
        assert_eq!(parse_date("2027-02-30"), "2027-02-30");
        assert_eq!(parse_date("12"), "12");
    }

    #[test]
    fn numbers_that_are_text_lose_the_spreadsheet_decimal() {
        assert_eq!(number_text("13800138000.0"), "13800138000");
        assert_eq!(number_text("0571-88888888"), "0571-88888888");
        assert_eq!(number_text("12.5"), "12.5");
        assert_eq!(number_text(".0"), ".0");
    }

    #[test]
    fn yes_no_status_and_neutralisation() {
        for y in ["是", "yes", "TRUE", "1", "Y"] {
            assert_eq!(parse_bool(y), Some(true), "{y}");
        }
        for n in ["否", "no", "false", "0", ""] {
            assert_eq!(parse_bool(n), Some(false), "{n}");
        }
        assert_eq!(parse_bool("maybe"), None);
        assert_eq!(parse_status("开放"), "open");
        assert_eq!(parse_status("已关闭"), "closed");
        assert_eq!(parse_status("洽谈中"), "洽谈中");
        assert_eq!(parse_status(""), "open");
        assert_eq!(unneutralise("'=SUM(A1)"), "=SUM(A1)");
        assert_eq!(unneutralise("'quoted"), "'quoted");
        assert_eq!(format_amount(50.0), "50");
        assert_eq!(format_amount(16.8), "16.8");
    }
}
