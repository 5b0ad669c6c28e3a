//! The contract block of `duijie show P3` (and of `duijie contract P3` with no changes):
//! terms, the plan against payments received, and what is outstanding. Data is sanitised,
//! columns are display widths.

use std::fmt::Write as _;

use unicode_width::UnicodeWidthStr as _;

use super::contracts::ContractView;
use crate::domain::contract::InstalmentState;
use crate::sanitize::one_line;

/// `s` padded to `width` display columns (`render` shows this block, so it cannot be used
/// from here).
fn pad(s: &str, width: usize) -> String {
    format!("{s}{}", " ".repeat(width.saturating_sub(s.width())))
}

fn opt(s: Option<&str>) -> String {
    s.map_or_else(|| "—".to_string(), one_line)
}

fn wan(m: Option<crate::domain::Money>) -> String {
    m.map_or_else(|| "—".to_string(), |m| format!("{m} 万元"))
}

/// The contract as lines under a `contract` heading.
pub fn contract_block(c: &ContractView) -> String {
    let kind = c
        .contract_type
        .map_or_else(|| "—".to_string(), |t| format!("{} {}", t.zh(), t.en()));
    let mode = c
        .pay_mode
        .map_or_else(|| "—".to_string(), |m| format!("{} {}", m.zh(), m.en()));
    let rows = [
        ("type", kind),
        ("total", wan(c.total)),
        ("tech amount", wan(c.tech)),
        ("pay mode", mode),
        (
            "signed",
            format!(
                "{} · valid to {}",
                opt(c.signed_on.as_deref()),
                opt(c.valid_to.as_deref())
            ),
        ),
        (
            "reg no",
            format!(
                "{} · registered {}",
                opt(c.reg_no.as_deref()),
                opt(c.reg_date.as_deref())
            ),
        ),
        ("buyer", one_line(&c.buyer)),
        ("seller", one_line(&c.seller)),
    ];
    let mut out = String::from("contract 合同\n");
    for (label, value) in &rows {
        let _ = writeln!(out, "  {}  {value}", pad(label, 11));
    }
    if !c.plan.is_empty() {
        let _ = writeln!(out, "  plan 付款计划");
        for l in &c.plan {
            let state = match l.state {
                InstalmentState::Paid => "已付 paid".to_string(),
                InstalmentState::Partly => format!("部分 partly, {} 万元 paid", l.covered),
                InstalmentState::Open => "未到期 open".to_string(),
                InstalmentState::Overdue => format!("逾期 OVERDUE, {} 万元 paid", l.covered),
            };
            let _ = writeln!(
                out,
                "    {}  {}  {state}",
                one_line(&l.due),
                pad(&format!("{} 万元", l.amount), 14)
            );
        }
    }
    let _ = writeln!(out, "  payments 已收款 ({})", c.payments.len());
    for p in &c.payments {
        let note = if p.note.is_empty() {
            String::new()
        } else {
            format!("  {}", one_line(&p.note))
        };
        let by = p
            .actor
            .as_deref()
            .map(|a| format!("  · {}", crate::broker::shown(Some(a))))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "    {}  {}{note}{by}",
            one_line(&p.paid_on),
            pad(&format!("{} 万元", p.amount), 14)
        );
    }
    let _ = writeln!(
        out,
        "  {}  {} 万元 · outstanding 未收 {} 万元",
        pad("paid", 11),
        c.paid,
        c.outstanding
    );
    if let Some(n) = &c.landed_note {
        let _ = writeln!(out, "  {}  {}", pad("landed 落地", 11), one_line(n));
    }
    out
}
