//! The stats view's state: the period chosen and the figures read for it.

use jiff::ToSpan;
use jiff::civil::Date;

use crate::i18n::Lang;
use crate::pipeline::stats::{Period, Stats};

/// The periods the picker offers, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PeriodChoice {
    Month,
    Quarter,
    #[default]
    Year,
    All,
}

impl PeriodChoice {
    pub const ALL: [PeriodChoice; 4] = [
        PeriodChoice::Month,
        PeriodChoice::Quarter,
        PeriodChoice::Year,
        PeriodChoice::All,
    ];

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            PeriodChoice::Month => lang.pick("本月", "this month"),
            PeriodChoice::Quarter => lang.pick("本季度", "this quarter"),
            PeriodChoice::Year => lang.pick("本年", "this year"),
            PeriodChoice::All => lang.pick("全部", "all"),
        }
    }

    /// The dates of the period that contains `today` (up to today).
    pub fn period(self, today: Date) -> Period {
        let first_month = |m: i8| Date::new(today.year(), m, 1).ok();
        let from = match self {
            PeriodChoice::Month => first_month(today.month()),
            PeriodChoice::Quarter => first_month((today.month() - 1) / 3 * 3 + 1),
            PeriodChoice::Year => first_month(1),
            PeriodChoice::All => None,
        };
        Period {
            from,
            to: (self != PeriodChoice::All).then_some(today),
        }
    }

    /// The next choice, wrapping (`step` ±1).
    pub fn step(self, step: i64) -> PeriodChoice {
        let i = Self::ALL.iter().position(|c| *c == self).unwrap_or(0) as i64;
        Self::ALL[(i + step).rem_euclid(Self::ALL.len() as i64) as usize]
    }
}

/// Intents of the stats view.
#[derive(Debug, Clone, PartialEq)]
pub enum StatsAction {
    /// Open the view (this year).
    Open,
    /// Show the next period (month → quarter → year → all).
    NextPeriod,
    /// Show the previous period.
    PrevPeriod,
    /// The figures were read.
    Loaded {
        choice: PeriodChoice,
        today: Date,
        stats: Box<Stats>,
    },
}

/// What the view shows.
#[derive(Debug, Clone, PartialEq)]
pub struct StatsView {
    pub choice: PeriodChoice,
    pub today: Date,
    pub stats: Stats,
}

impl StatsView {
    /// The period as text: "2026-01-01 – 2026-12-02" or "全部".
    pub fn period_text(&self, lang: Lang) -> String {
        let p = self.stats.period;
        match (p.from, p.to) {
            (Some(f), Some(t)) => format!("{f} – {t}"),
            _ => self.choice.label(lang).to_string(),
        }
    }

    /// The first day of the 12-week sparkline.
    pub fn weeks_from(&self) -> Option<Date> {
        self.stats
            .weekly
            .first()
            .and_then(|(d, _)| d.parse::<Date>().ok())
            .or_else(|| self.today.checked_sub(84.days()).ok())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn periods_start_on_the_first_day_of_month_quarter_and_year() {
        let today = date(2026, 11, 18);
        let from = |c: PeriodChoice| c.period(today).from;
        assert_eq!(from(PeriodChoice::Month), Some(date(2026, 11, 1)));
        assert_eq!(from(PeriodChoice::Quarter), Some(date(2026, 10, 1)));
        assert_eq!(from(PeriodChoice::Year), Some(date(2026, 1, 1)));
        assert_eq!(PeriodChoice::All.period(today), Period::default());
        assert_eq!(PeriodChoice::All.step(1), PeriodChoice::Month);
        assert_eq!(PeriodChoice::Month.step(-1), PeriodChoice::All);
    }
}
