//! Due dates as brokers type them: 2026-12-01, 12/1, +3d, 明天, 下周一, next mon, 周五.
//!
//! Two leanings share one grammar. [`parse_due`] looks forward (a next action is due in the
//! future: `12-01` already past means next year, `fri` is the coming Friday); [`parse_past`]
//! looks back (a contract signing date: `12-01` still ahead means last year, `fri` is the
//! last Friday).
//!
//! Weekday forms, decided here once:
//! - `周五` / `星期五` / `fri`: the next such day strictly after today (today is `今天`).
//! - `下周五` / `next fri`: that day in the next calendar week (weeks start on Monday), so on
//!   a Sunday `下周一` is tomorrow.
//! - `本周五` / `这周五` / `this fri`: that day in the current calendar week, even if past.
//!
//! Every date is bounded to 1900–2200 ([`crate::domain::date`]): `+9999999999d` is an
//! "out of range" message, never a panic in date arithmetic.

use jiff::civil::{Date, Weekday};
use jiff::{Span, ToSpan};

use crate::domain::date::in_range;
use crate::search::keys::fold;

const HINT: &str = "try 2026-12-01, 12-01, +3d, 明天, 下周一 or next mon";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("no date given: {HINT}")]
    Empty,
    #[error("`{0}` is not a date: {HINT}")]
    Unknown(String),
    #[error("`{0}` is not a valid calendar date")]
    Invalid(String),
    #[error("`{0}` is out of range: dates run from 1900 to 2200")]
    OutOfRange(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lean {
    Future,
    Past,
}

/// Parses a due date, leaning to the future (see the module docs).
pub fn parse_due(text: &str, today: Date) -> Result<Date, DateError> {
    parse(text, today, Lean::Future)
}

/// Parses a date that has happened (a signing date), leaning to the past.
pub fn parse_past(text: &str, today: Date) -> Result<Date, DateError> {
    parse(text, today, Lean::Past)
}

fn parse(text: &str, today: Date, lean: Lean) -> Result<Date, DateError> {
    let d = parse_unbounded(text, today, lean)?;
    if in_range(d) {
        Ok(d)
    } else {
        Err(DateError::OutOfRange(text.trim().to_string()))
    }
}

fn parse_unbounded(text: &str, today: Date, lean: Lean) -> Result<Date, DateError> {
    // NFKC folds full-width digits and signs (＋３ｄ) and Traditional forms (後天).
    let folded = fold(text);
    let t = folded.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.is_empty() {
        return Err(DateError::Empty);
    }
    let unknown = || DateError::Unknown(text.trim().to_string());
    let too_far = || DateError::OutOfRange(text.trim().to_string());
    // `try_days`: `days()` panics past jiff's span limits (±7.3 million days).
    let add = |days: i64| {
        Span::new()
            .try_days(days)
            .and_then(|span| today.checked_add(span))
            .map_err(|_| too_far())
    };
    match t.as_str() {
        "today" | "今天" | "今日" => return Ok(today),
        "tomorrow" | "明天" | "明日" => return add(1),
        "后天" => return add(2),
        "大后天" => return add(3),
        "yesterday" | "昨天" | "昨日" => return add(-1),
        "前天" => return add(-2),
        _ => {}
    }
    if let Some(days) = relative_days(&t) {
        return add(days);
    }
    if let Some(d) = weekday_form(&t, today, lean) {
        return Ok(d);
    }
    calendar_date(&t, today, lean).unwrap_or_else(|| Err(unknown()))
}

/// `+3d`, `3d`, `-2w`, `2 weeks`, `3天`, `3天后`, `2周后`, `5天前`.
fn relative_days(t: &str) -> Option<i64> {
    let (sign, rest) = match t.as_bytes().first()? {
        b'+' => (1, &t[1..]),
        b'-' => (-1, &t[1..]),
        _ => (1, t),
    };
    let (rest, sign) = if let Some(r) = rest.strip_suffix('前') {
        (r, -sign)
    } else {
        let r = rest
            .strip_suffix("以后")
            .or_else(|| rest.strip_suffix('后'));
        (r.unwrap_or(rest), sign)
    };
    let digits_end = rest
        .char_indices()
        .find(|(_, c)| !c.is_ascii_digit())
        .map_or(rest.len(), |(i, _)| i);
    let n: i64 = rest[..digits_end].parse().ok()?;
    let per = match rest[digits_end..].trim() {
        "d" | "day" | "days" | "天" | "日" => 1,
        "w" | "wk" | "week" | "weeks" | "周" | "星期" | "个星期" | "礼拜" | "个礼拜" => {
            7
        }
        _ => return None,
    };
    n.checked_mul(per)?.checked_mul(sign)
}

fn weekday_name(s: &str) -> Option<Weekday> {
    Some(match s {
        "一" | "mon" | "monday" => Weekday::Monday,
        "二" | "tue" | "tues" | "tuesday" => Weekday::Tuesday,
        "三" | "wed" | "weds" | "wednesday" => Weekday::Wednesday,
        "四" | "thu" | "thur" | "thurs" | "thursday" => Weekday::Thursday,
        "五" | "fri" | "friday" => Weekday::Friday,
        "六" | "sat" | "saturday" => Weekday::Saturday,
        "日" | "天" | "sun" | "sunday" => Weekday::Sunday,
        _ => return None,
    })
}

#[derive(Clone, Copy)]
enum Week {
    Nearest,
    This,
    Next,
    Last,
}

fn weekday_form(t: &str, today: Date, lean: Lean) -> Option<Date> {
    const PREFIXES: &[(&str, Week)] = &[
        ("下周", Week::Next),
        ("下星期", Week::Next),
        ("下礼拜", Week::Next),
        ("next ", Week::Next),
        ("上周", Week::Last),
        ("上星期", Week::Last),
        ("上礼拜", Week::Last),
        ("last ", Week::Last),
        ("本周", Week::This),
        ("这周", Week::This),
        ("本星期", Week::This),
        ("这星期", Week::This),
        ("this ", Week::This),
        ("周", Week::Nearest),
        ("星期", Week::Nearest),
        ("礼拜", Week::Nearest),
    ];
    let (week, name) = PREFIXES
        .iter()
        .find_map(|(p, w)| t.strip_prefix(p).map(|rest| (*w, rest)))
        .unwrap_or((Week::Nearest, t));
    let wd = weekday_name(name.trim())?;
    let offset = i64::from(wd.to_monday_zero_offset());
    let monday = today
        .checked_sub(i64::from(today.weekday().to_monday_zero_offset()).days())
        .ok()?;
    let days = match week {
        Week::This => return monday.checked_add(offset.days()).ok(),
        Week::Next => return monday.checked_add((offset + 7).days()).ok(),
        Week::Last => return monday.checked_add((offset - 7).days()).ok(),
        Week::Nearest => {
            let ahead = (offset - i64::from(today.weekday().to_monday_zero_offset())).rem_euclid(7);
            match lean {
                Lean::Future if ahead == 0 => 7,
                Lean::Future => ahead,
                Lean::Past if ahead == 0 => -7,
                Lean::Past => ahead - 7,
            }
        }
    };
    today.checked_add(days.days()).ok()
}

/// `2026-12-01`, `2026/12/1`, `2026.12.1`, `20261201`, `2026年12月1日`, `12-01`, `12/1`,
/// `12月1日`. A month-day without a year takes the year that fits the leaning.
fn calendar_date(t: &str, today: Date, lean: Lean) -> Option<Result<Date, DateError>> {
    let invalid = || DateError::Invalid(t.to_string());
    let parts: Vec<&str> = if t.len() == 8 && t.bytes().all(|b| b.is_ascii_digit()) {
        vec![&t[..4], &t[4..6], &t[6..]]
    } else {
        let trimmed = t.trim_end_matches(['日', '号']);
        trimmed
            .split(['-', '/', '.', '年', '月'])
            .map(str::trim)
            .collect()
    };
    if !parts
        .iter()
        .all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let num = |s: &str| s.parse::<i16>().ok();
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 => {
            let (y, m, d) = (num(y)?, num(m)?, num(d)?);
            Some(make(y, m, d).ok_or_else(invalid))
        }
        [m, d] if m.len() <= 2 && d.len() <= 2 => {
            let (m, d) = (num(m)?, num(d)?);
            let this = today.year();
            let Some(candidate) = make(this, m, d) else {
                // 02-29 outside a leap year: the leaning's neighbouring year may have it.
                let other = if lean == Lean::Future {
                    this + 1
                } else {
                    this - 1
                };
                return Some(make(other, m, d).ok_or_else(invalid));
            };
            Some(Ok(match lean {
                Lean::Future if candidate < today => make(this + 1, m, d).unwrap_or(candidate),
                Lean::Past if candidate > today => make(this - 1, m, d).unwrap_or(candidate),
                _ => candidate,
            }))
        }
        _ => None,
    }
}

fn make(y: i16, m: i16, d: i16) -> Option<Date> {
    Date::new(y, i8::try_from(m).ok()?, i8::try_from(d).ok()?).ok()
}
