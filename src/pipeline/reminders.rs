//! Reminders outside the desk: every next action with a due date and every planned
//! instalment not yet covered by payments, as an iCalendar file (`duijie agenda --ics`) and
//! as `duijie remind`'s lines (overdue or due today; nothing when nothing is due).
//!
//! Each entry's UID names what it reminds of, not when it was exported: a pair's next action
//! is `P3-next@duijie` (a new action on P3 updates the same calendar entry), an instalment
//! `P3-due-2026-12-01@duijie`. Re-importing the file updates entries instead of duplicating
//! them.

use std::fmt::Write as _;

use crate::store::Sql;
use jiff::ToSpan;
use jiff::civil::Date;

use super::contracts::party;
use super::{Clock, PipelineResult};
use crate::db;
use crate::domain::contract::{InstalmentState, plan_lines};
use crate::domain::{Money, Stage};

/// What an entry reminds of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum What {
    /// A pair's next action.
    Action(String),
    /// A planned instalment: what is still to come in, and from whom.
    Instalment { left: Money, from: String },
}

/// One reminder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    /// The pair's code (P3).
    pub code: String,
    pub due: Date,
    pub what: What,
    /// The pair's demand and result titles, for the calendar entry's description.
    pub about: String,
}

impl Reminder {
    /// The stable calendar UID.
    pub fn uid(&self) -> String {
        match &self.what {
            What::Action(_) => format!("{}-next@duijie", self.code),
            What::Instalment { .. } => format!("{}-due-{}@duijie", self.code, self.due),
        }
    }
}

/// Every reminder with a date, by date then pair: next actions of pairs not shelved, and
/// instalments not fully paid.
pub fn reminders(conn: &dyn Sql, clock: &Clock) -> PipelineResult<Vec<Reminder>> {
    let mut out = Vec::new();
    for row in db::pairs::rows(conn)? {
        let p = &row.pair;
        if p.stage == Stage::Shelved {
            continue;
        }
        let code = p.code().to_string();
        let about = format!("{} ⇄ {}", row.demand.title, row.result.title);
        if let (Some(action), Some(due)) = (
            &p.next_action,
            p.next_due
                .as_deref()
                .and_then(crate::domain::date::iso_date),
        ) {
            out.push(Reminder {
                code: code.clone(),
                due,
                what: What::Action(action.clone()),
                about: about.clone(),
            });
        }
        let c = db::contracts::get(conn, p.id)?;
        for l in plan_lines(&c.plan, c.paid(), clock.today()) {
            if l.state == InstalmentState::Paid {
                continue;
            }
            let Some(due) = crate::domain::date::iso_date(&l.due) else {
                continue;
            };
            let left = Money::from_fen(l.amount.fen() - l.covered.fen()).unwrap_or(Money::ZERO);
            out.push(Reminder {
                code: code.clone(),
                due,
                what: What::Instalment {
                    left,
                    from: party(&row.demand),
                },
                about: about.clone(),
            });
        }
    }
    out.sort_by(|a, b| a.due.cmp(&b.due).then_with(|| a.code.cmp(&b.code)));
    Ok(out)
}

/// Escapes a TEXT value (RFC 5545 §3.3.11).
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line, folded at 75 octets without splitting a character, CRLF-ended.
fn line(out: &mut String, text: &str) {
    let mut width = 0;
    for c in text.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

fn ics_date(d: Date) -> String {
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

/// The reminders as an iCalendar file of all-day events; `stamp` is the export time.
pub fn ics(items: &[Reminder], clock: &Clock) -> String {
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//duijie//reminders//ZH");
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "X-WR-CALNAME:duijie 对接");
    let ts = clock.zoned().timestamp();
    let stamp = ts.strftime("%Y%m%dT%H%M%SZ").to_string();
    for r in items {
        let summary = match &r.what {
            What::Action(a) => format!("{} {}", r.code, a),
            What::Instalment { left, from } => format!("{} 应收 {left} 万元 · {from}", r.code),
        };
        line(&mut out, "BEGIN:VEVENT");
        line(&mut out, &format!("UID:{}", r.uid()));
        line(&mut out, &format!("DTSTAMP:{stamp}"));
        line(&mut out, &format!("DTSTART;VALUE=DATE:{}", ics_date(r.due)));
        let next = r.due.checked_add(1.day()).unwrap_or(r.due);
        line(&mut out, &format!("DTEND;VALUE=DATE:{}", ics_date(next)));
        line(&mut out, &format!("SUMMARY:{}", escape(&summary)));
        line(&mut out, &format!("DESCRIPTION:{}", escape(&r.about)));
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    out
}

/// What is overdue or due today, as (overdue, line parts) for `duijie remind`.
pub fn due_now(items: &[Reminder], today: Date) -> Vec<&Reminder> {
    items.iter().filter(|r| r.due <= today).collect()
}

/// A reminder as one line of `duijie remind` in `lang`.
pub fn remind_line(r: &Reminder, today: Date, lang: crate::i18n::Lang) -> String {
    use crate::i18n::reports::ReportMsg;
    use crate::sanitize::one_line;
    let mut s = String::new();
    let _ = match (&r.what, r.due < today) {
        (What::Action(a), true) => {
            write!(
                s,
                "{}",
                ReportMsg::RemindOverdue.fill(lang, &[&r.code, &one_line(a), &r.due])
            )
        }
        (What::Action(a), false) => {
            write!(
                s,
                "{}",
                ReportMsg::RemindToday.fill(lang, &[&r.code, &one_line(a)])
            )
        }
        (What::Instalment { left, from }, true) => write!(
            s,
            "{}",
            ReportMsg::RemindInstalmentOverdue
                .fill(lang, &[&r.code, left, &r.due, &one_line(from)])
        ),
        (What::Instalment { left, from }, false) => write!(
            s,
            "{}",
            ReportMsg::RemindInstalmentToday.fill(lang, &[&r.code, left, &one_line(from)])
        ),
    };
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let mut out = String::new();
        line(&mut out, &format!("SUMMARY:{}", "铜箔".repeat(30)));
        for l in out.split("\r\n") {
            assert!(l.len() <= 75, "{l}");
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("SUMMARY:{}\r\n", "铜箔".repeat(30)));
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }
}
