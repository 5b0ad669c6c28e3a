//! The calendar range duijie takes (1900–2200) and the one strict form dates are stored in
//! (YYYY-MM-DD). Anything outside the range is a typo or an overflow (`+9999999999d`); the
//! parsers refuse it with a message rather than panicking deep inside date arithmetic.

use jiff::civil::{Date, date};

/// The first date taken.
pub const EARLIEST: Date = date(1900, 1, 1);
/// The last date taken.
pub const LATEST: Date = date(2200, 12, 31);

/// Whether `d` is within [`EARLIEST`] … [`LATEST`].
pub fn in_range(d: Date) -> bool {
    (EARLIEST..=LATEST).contains(&d)
}

/// `s` as a stored date: exactly YYYY-MM-DD, a real calendar day, within range.
pub fn iso_date(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return None;
    }
    s.parse::<Date>().ok().filter(|d| in_range(*d))
}

impl super::Record {
    /// Keeps the deadline a stored date: text that is not one (an older undo entry, a
    /// hand-typed "明年") moves to `deadline_text`, where it is kept and flagged.
    pub fn settle_deadline(&mut self) {
        let t = self.deadline.trim();
        if t.is_empty() {
            self.deadline.clear();
        } else if iso_date(t).is_some() {
            if t.len() != self.deadline.len() {
                self.deadline = t.to_string();
            }
            self.deadline_text.clear();
        } else {
            self.deadline_text = std::mem::take(&mut self.deadline);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Kind, Record};

    #[test]
    fn only_real_days_in_range_in_the_stored_form() {
        assert_eq!(iso_date("2026-12-01"), Some(date(2026, 12, 1)));
        assert_eq!(iso_date("1900-01-01"), Some(EARLIEST));
        assert_eq!(iso_date("2200-12-31"), Some(LATEST));
        for bad in [
            "2024-02-30",
            "2201-01-01",
            "1899-12-31",
            "2026/12/01",
            "2026-1-1",
            "明年",
            "",
            "+2026-12-01",
        ] {
            assert_eq!(iso_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_deadline_that_is_not_a_date_is_kept_beside_it() {
        let mut r = Record::new(Kind::Demand, "x");
        r.deadline = "明年".into();
        r.settle_deadline();
        assert_eq!(
            (r.deadline.as_str(), r.deadline_text.as_str()),
            ("", "明年")
        );
        r.deadline = " 2027-03-31 ".into();
        r.settle_deadline();
        assert_eq!(
            (r.deadline.as_str(), r.deadline_text.as_str()),
            ("2027-03-31", "")
        );
    }
}
