//! Human text for the pipeline's CLI output: every data string is sanitised and every
//! column is measured in display width, so CJK titles line up.

use std::fmt::Write as _;

use jiff::Timestamp;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::board::{BoardColumn, Card};
use super::show::PairDetail;
use super::{Agenda, AgendaItem, Clock, StaleItem};
use crate::domain::Stage;
use crate::sanitize::one_line;

/// Display width of a title cut in lists.
const TITLE_WIDTH: usize = 24;
/// Display width codes are padded to (D1000, P1000 fit).
const CODE_WIDTH: usize = 5;
/// Display width of [`pair_line`]: three codes, two titles and the separators.
const PAIR_LINE_WIDTH: usize = 3 * CODE_WIDTH + 2 * TITLE_WIDTH + 7;
/// Display width of the broker who logged a follow-up (四个汉字 fit).
const ACTOR_WIDTH: usize = 8;

/// `s` cut to at most `max` display columns, with `…` when cut.
pub fn clip(s: &str, max: usize) -> String {
    if s.width() <= max {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > max {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

/// `s` padded with spaces to `width` display columns (never cut).
pub fn pad(s: &str, width: usize) -> String {
    let w = s.width();
    let mut out = s.to_string();
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(w)));
    out
}

fn title(s: &str) -> String {
    clip(&one_line(s), TITLE_WIDTH)
}

fn stage_label(s: Stage) -> String {
    format!("{} {}", s.zh(), s.en())
}

/// A stored RFC 3339 instant as local `YYYY-MM-DD HH:MM`.
fn local(clock: &Clock, stamp: &str) -> String {
    stamp.parse::<Timestamp>().map_or_else(
        |_| one_line(stamp),
        |ts| {
            ts.to_zoned(clock.zoned().time_zone().clone())
                .strftime("%Y-%m-%d %H:%M")
                .to_string()
        },
    )
}

fn due_text(due: Option<&str>, overdue: bool) -> String {
    match (due, overdue) {
        (Some(d), true) => format!(" (due {d}, OVERDUE)"),
        (Some(d), false) => format!(" (due {d})"),
        (None, _) => String::new(),
    }
}

/// The full text of `show P3`.
pub fn pair_detail(d: &PairDetail, clock: &Clock) -> String {
    let mut rows: Vec<(&str, String)> = vec![
        (
            "demand",
            format!(
                "{}  {} — {}",
                d.demand.code,
                one_line(&d.demand.title),
                one_line(&d.demand.org)
            ),
        ),
        (
            "result",
            format!(
                "{}  {} — {}",
                d.result.code,
                one_line(&d.result.title),
                one_line(&d.result.org)
            ),
        ),
        (
            "stage",
            format!("{} · {} days", stage_label(d.stage), d.days_in_stage),
        ),
    ];
    if !d.note.is_empty() {
        rows.push(("note", one_line(&d.note)));
    }
    if let Some(a) = d.amount {
        let on = d
            .signed_on
            .as_deref()
            .map(|s| format!(" · signed {}", one_line(s)))
            .unwrap_or_default();
        rows.push(("amount", format!("{a} 万元{on}")));
    }
    if let Some(t) = d.contract_type {
        let no = d.reg_no.as_deref().map(one_line).unwrap_or_default();
        rows.push(("contract", format!("{} {} · reg no {no}", t.zh(), t.en())));
    }
    if let Some(r) = d.shelve_reason {
        let note = d
            .shelve_note
            .as_deref()
            .map(|n| format!(" — {}", one_line(n)))
            .unwrap_or_default();
        rows.push(("shelved", format!("{} {}{note}", r.zh(), r.en())));
    }
    if let Some(a) = &d.next_action {
        rows.push((
            "next",
            format!(
                "{}{}",
                one_line(a),
                due_text(d.next_due.as_deref(), d.overdue)
            ),
        ));
    }
    rows.push((
        "owner",
        crate::broker::shown(d.owner.as_deref()).into_owned(),
    ));
    rows.push((
        "made by",
        crate::broker::shown(d.created_by.as_deref()).into_owned(),
    ));
    let label_w = rows.iter().map(|(l, _)| l.width()).max().unwrap_or(0);
    let mut out = format!("{}\n", d.code);
    for (label, value) in &rows {
        let _ = writeln!(out, "  {}  {value}", pad(label, label_w));
    }
    if let Some(c) = &d.contract {
        out.push_str(&super::contract_text::contract_block(c));
    }
    out.push_str("history\n");
    for h in &d.history {
        let from = h.from.map_or_else(|| "—".to_string(), stage_label);
        let _ = writeln!(
            out,
            "  {}  {from} → {}  · {}",
            local(clock, &h.at),
            stage_label(h.to),
            crate::broker::shown(h.actor.as_deref())
        );
    }
    let _ = writeln!(out, "follow-ups ({}, newest first)", d.followups.len());
    for f in &d.followups {
        let mut line = format!(
            "  {}  {}  {}  {}",
            local(clock, &f.at),
            pad(f.channel.zh(), 4),
            pad(
                &clip(&crate::broker::shown(f.actor.as_deref()), ACTOR_WIDTH),
                ACTOR_WIDTH
            ),
            one_line(&f.note)
        );
        if let Some(n) = &f.next_action {
            let _ = write!(
                line,
                " → next: {}{}",
                one_line(n),
                due_text(f.next_due.as_deref(), false)
            );
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

fn pair_line(code: &str, d: &super::Side, r: &super::Side) -> String {
    format!(
        "{}  {} {} ⇄ {} {}",
        pad(code, CODE_WIDTH),
        pad(&d.code, CODE_WIDTH),
        pad(&title(&d.title), TITLE_WIDTH),
        pad(&r.code, CODE_WIDTH),
        title(&r.title)
    )
}

fn card_line(c: &Card) -> String {
    let mut line = format!(
        "  {}  {:>3}d",
        pad(&pair_line(&c.code, &c.demand, &c.result), PAIR_LINE_WIDTH),
        c.days_in_stage
    );
    if let Some(a) = c.amount {
        let _ = write!(line, "  {a} 万元");
    }
    if let Some(n) = &c.next_action {
        let _ = write!(
            line,
            "  next: {}{}",
            clip(&one_line(n), 30),
            due_text(c.next_due.as_deref(), c.overdue)
        );
    }
    line
}

/// The text of `duijie board`.
pub fn board(columns: &[BoardColumn]) -> String {
    let mut out = String::new();
    for col in columns {
        let _ = writeln!(
            out,
            "{} · {} · {} 万元",
            stage_label(col.stage),
            col.count,
            col.sum
        );
        for c in &col.cards {
            out.push_str(&card_line(c));
            out.push('\n');
        }
    }
    out
}

fn agenda_line(i: &AgendaItem) -> String {
    let when = match (&i.due, i.days_overdue) {
        (Some(d), n) if n > 0 => format!("{d} ({n}d late)"),
        (Some(d), _) => d.clone(),
        (None, _) => "no date".into(),
    };
    format!(
        "  {}  {}  {}  · {}",
        pad(&when, 22),
        pad(&clip(&one_line(&i.next_action), 30), 30),
        pad(i.stage_zh, 6),
        pair_line(&i.code, &i.demand, &i.result)
    )
}

fn stale_line(s: &StaleItem) -> String {
    format!(
        "  {}  {}  · {}",
        pad(
            &format!(
                "{} days quiet (since {})",
                s.days_since_activity, s.last_activity
            ),
            34
        ),
        pad(s.stage_zh, 6),
        pair_line(&s.code, &s.demand, &s.result)
    )
}

/// The text of `duijie agenda`.
pub fn agenda(a: &Agenda) -> String {
    let mut out = String::new();
    let sections: [(&str, &Vec<AgendaItem>); 4] = [
        ("overdue", &a.overdue),
        ("today", &a.today),
        ("this week (next 7 days)", &a.this_week),
        ("later", &a.later),
    ];
    for (name, items) in sections {
        let _ = writeln!(out, "{name} ({})", items.len());
        for i in items {
            out.push_str(&agenda_line(i));
            out.push('\n');
        }
    }
    let _ = writeln!(out, "stale ({})", a.stale.len());
    for s in &a.stale {
        out.push_str(&stale_line(s));
        out.push('\n');
    }
    out
}

/// One note of a record's log on one line: date, channel, note, → next action (due).
pub fn note_line(n: &crate::domain::RecordNote, lang: crate::i18n::Lang) -> String {
    let mut line = format!(
        "{} {} {} {}",
        crate::sanitize::one_line(n.at.get(..10).unwrap_or(&n.at)),
        crate::broker::shown(n.actor.as_deref()),
        lang.pick(n.channel.zh(), n.channel.en()),
        crate::sanitize::one_line(&n.note)
    );
    if let Some(a) = &n.next_action {
        line.push_str(" → ");
        line.push_str(&crate::sanitize::one_line(a));
        if let Some(due) = &n.next_due {
            line.push_str(" (");
            line.push_str(&crate::sanitize::one_line(due));
            line.push(')');
        }
    }
    line
}
