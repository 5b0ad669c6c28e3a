//! Due-date parsing in the forms brokers type, Chinese and English, on a fixed day.

use duijie::pipeline::{DateError, parse_due, parse_past};
use jiff::civil::{Date, date};

/// Wednesday.
const WED: Date = date(2026, 11, 18);

#[test]
fn due_dates_in_every_accepted_form() {
    let cases: &[(&str, Date)] = &[
        ("2026-12-01", date(2026, 12, 1)),
        ("2026/12/1", date(2026, 12, 1)),
        ("2026.12.1", date(2026, 12, 1)),
        ("20261201", date(2026, 12, 1)),
        ("2026年12月1日", date(2026, 12, 1)),
        ("12-01", date(2026, 12, 1)),
        ("12/1", date(2026, 12, 1)),
        ("12月1日", date(2026, 12, 1)),
        ("12月1号", date(2026, 12, 1)),
        // A month-day already past this year means next year; today stays today.
        ("11-01", date(2027, 11, 1)),
        ("11-18", WED),
        ("+3d", date(2026, 11, 21)),
        ("3d", date(2026, 11, 21)),
        ("+2w", date(2026, 12, 2)),
        ("2w", date(2026, 12, 2)),
        ("10 days", date(2026, 11, 28)),
        ("3天后", date(2026, 11, 21)),
        ("2周后", date(2026, 12, 2)),
        ("today", WED),
        ("今天", WED),
        ("tomorrow", date(2026, 11, 19)),
        ("Tomorrow", date(2026, 11, 19)),
        ("明天", date(2026, 11, 19)),
        ("后天", date(2026, 11, 20)),
        ("後天", date(2026, 11, 20)),
        ("大后天", date(2026, 11, 21)),
        // Next calendar week (weeks start Monday).
        ("下周一", date(2026, 11, 23)),
        ("next mon", date(2026, 11, 23)),
        ("Next Monday", date(2026, 11, 23)),
        ("下周日", date(2026, 11, 29)),
        ("下周天", date(2026, 11, 29)),
        ("next sun", date(2026, 11, 29)),
        ("下星期三", date(2026, 11, 25)),
        ("next wed", date(2026, 11, 25)),
        // A bare weekday is the next such day after today.
        ("周五", date(2026, 11, 20)),
        ("星期五", date(2026, 11, 20)),
        ("fri", date(2026, 11, 20)),
        ("friday", date(2026, 11, 20)),
        ("周一", date(2026, 11, 23)),
        ("周三", date(2026, 11, 25)),
        ("wed", date(2026, 11, 25)),
        ("本周一", date(2026, 11, 16)),
        ("this fri", date(2026, 11, 20)),
        // Full-width input from a Chinese IME.
        ("＋３ｄ", date(2026, 11, 21)),
        ("  明天  ", date(2026, 11, 19)),
    ];
    for (text, want) in cases {
        assert_eq!(parse_due(text, WED), Ok(*want), "{text}");
    }
}

#[test]
fn next_week_on_a_sunday_starts_tomorrow() {
    let sun = date(2026, 11, 22);
    assert_eq!(parse_due("下周一", sun), Ok(date(2026, 11, 23)));
    assert_eq!(parse_due("next mon", sun), Ok(date(2026, 11, 23)));
    assert_eq!(parse_due("周日", sun), Ok(date(2026, 11, 29)));
}

#[test]
fn dates_cross_the_year_end() {
    let dec30 = date(2026, 12, 30);
    assert_eq!(parse_due("01-05", dec30), Ok(date(2027, 1, 5)));
    assert_eq!(parse_due("+3d", dec30), Ok(date(2027, 1, 2)));
    assert_eq!(parse_due("下周一", dec30), Ok(date(2027, 1, 4)));
}

#[test]
fn signing_dates_lean_to_the_past() {
    assert_eq!(parse_past("12-01", WED), Ok(date(2025, 12, 1)));
    assert_eq!(parse_past("11-02", WED), Ok(date(2026, 11, 2)));
    assert_eq!(parse_past("昨天", WED), Ok(date(2026, 11, 17)));
    assert_eq!(parse_past("yesterday", WED), Ok(date(2026, 11, 17)));
    assert_eq!(parse_past("前天", WED), Ok(date(2026, 11, 16)));
    assert_eq!(parse_past("fri", WED), Ok(date(2026, 11, 13)));
    assert_eq!(parse_past("-3d", WED), Ok(date(2026, 11, 15)));
    assert_eq!(parse_past("5天前", WED), Ok(date(2026, 11, 13)));
    assert_eq!(parse_past("2026-11-02", WED), Ok(date(2026, 11, 2)));
}

#[test]
fn nonsense_and_impossible_dates_are_refused_with_a_hint() {
    assert_eq!(parse_due("", WED), Err(DateError::Empty));
    assert_eq!(parse_due("   ", WED), Err(DateError::Empty));
    for bad in [
        "soon",
        "next foo",
        "周八",
        "+d",
        "3x",
        "12-01-02-03",
        "明年",
    ] {
        let err = parse_due(bad, WED).unwrap_err();
        assert!(matches!(err, DateError::Unknown(_)), "{bad}: {err:?}");
        let msg = err.to_string();
        assert!(msg.contains(bad.trim()) && msg.contains("明天"), "{msg}");
    }
    for bad in ["2026-02-30", "13-01", "2026-13-01", "02-30"] {
        let err = parse_due(bad, WED).unwrap_err();
        assert!(matches!(err, DateError::Invalid(_)), "{bad}: {err:?}");
    }
}

#[test]
fn leap_day_without_a_year_finds_the_leap_year_ahead() {
    // 2026 is not a leap year, 2027 neither: 02-29 has no fitting year nearby.
    assert!(parse_due("02-29", WED).is_err());
    assert_eq!(parse_due("02-29", date(2027, 12, 1)), Ok(date(2028, 2, 29)));
}

#[test]
fn dates_past_1900_to_2200_are_out_of_range_not_a_panic() {
    for far in [
        "+9999999999d",
        "-9999999999d",
        "+99999999999999999w",
        "+100000d",
        "2201-01-01",
        "1899-12-31",
    ] {
        for parse in [parse_due, parse_past] {
            let err = parse(far, WED).unwrap_err();
            assert!(matches!(err, DateError::OutOfRange(_)), "{far}: {err:?}");
            assert!(err.to_string().contains("1900 to 2200"), "{err}");
        }
    }
    assert_eq!(parse_due("2200-12-31", WED), Ok(date(2200, 12, 31)));
    assert_eq!(parse_past("1900-01-01", WED), Ok(date(1900, 1, 1)));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]

    /// Any text, any day in range: a date within 1900–2200 or an error, never a panic.
    #[test]
    fn any_text_gives_a_date_in_range_or_an_error(
        text in "\\PC{0,20}",
        day in 0_i32..=109_572,
    ) {
        let today = date(1900, 1, 1).checked_add(jiff::Span::new().days(day)).unwrap();
        for parse in [parse_due, parse_past] {
            if let Ok(d) = parse(&text, today) {
                proptest::prop_assert!(duijie::domain::date::in_range(d), "{text} → {d}");
            }
        }
    }

    /// The shapes the grammar knows, with numbers of any size.
    #[test]
    fn relative_and_calendar_forms_with_any_numbers_never_panic(
        text in "[+-]?[0-9]{1,20}(d|w|天|周|天后|周前)|[0-9]{1,6}[-/.年][0-9]{1,4}([-/.月][0-9]{1,4}日?)?",
    ) {
        for parse in [parse_due, parse_past] {
            if let Ok(d) = parse(&text, WED) {
                proptest::prop_assert!(duijie::domain::date::in_range(d), "{text} → {d}");
            }
        }
    }
}
