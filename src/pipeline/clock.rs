//! The pipeline's notion of "now": the system clock in the app, a fixed instant in tests.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan, Zoned};

/// A point in time with the time zone that decides which calendar day it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Clock {
    now: Zoned,
}

impl Clock {
    /// The system clock in the local time zone.
    pub fn system() -> Clock {
        Clock { now: Zoned::now() }
    }

    /// 09:00 UTC on `date`: a fixed clock for tests.
    pub fn fixed(date: Date) -> Clock {
        let now = date
            .at(9, 0, 0, 0)
            .to_zoned(TimeZone::UTC)
            .expect("09:00 UTC exists on every date");
        Clock { now }
    }

    pub fn at(now: Zoned) -> Clock {
        Clock { now }
    }

    pub fn zoned(&self) -> &Zoned {
        &self.now
    }

    /// Today's calendar date in the clock's time zone.
    pub fn today(&self) -> Date {
        self.now.date()
    }

    /// The instant as stored in the database: RFC 3339 UTC, second precision.
    pub fn stamp(&self) -> String {
        let ts = self.now.timestamp();
        ts.round(jiff::Unit::Second).unwrap_or(ts).to_string()
    }

    /// The same clock `days` earlier (negative: later), at `minutes` past the clock's time,
    /// so the demo can lay out history relative to the day it is built.
    pub fn shifted(&self, days: i64, minutes: i64) -> Clock {
        let now = self
            .now
            .checked_sub(days.days())
            .and_then(|z| z.checked_add(minutes.minutes()))
            .unwrap_or_else(|_| self.now.clone());
        Clock { now }
    }

    /// The calendar day (in this clock's zone) of a stored timestamp; `None` when unparsable.
    pub fn date_of(&self, stamp: &str) -> Option<Date> {
        let ts: Timestamp = stamp.parse().ok()?;
        Some(ts.to_zoned(self.now.time_zone().clone()).date())
    }

    /// Whole days from the day of `stamp` to today (0 when unparsable or in the future).
    pub fn days_since(&self, stamp: &str) -> i64 {
        self.date_of(stamp)
            .map_or(0, |d| days_between(d, self.today()).max(0))
    }
}

/// Whole days from `a` to `b` (negative when `b` is earlier).
pub fn days_between(a: Date, b: Date) -> i64 {
    b.duration_since(a).as_secs() / 86_400
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn a_fixed_clock_counts_days_in_its_own_zone() {
        let c = Clock::fixed(date(2026, 11, 20));
        assert_eq!(c.today(), date(2026, 11, 20));
        assert_eq!(c.stamp(), "2026-11-20T09:00:00Z");
        assert_eq!(c.days_since("2026-11-06T23:59:00Z"), 14);
        assert_eq!(c.days_since("garbage"), 0);
        assert_eq!(c.shifted(3, 30).stamp(), "2026-11-17T09:30:00Z");
        assert_eq!(days_between(date(2026, 12, 31), date(2027, 1, 2)), 2);
    }
}
