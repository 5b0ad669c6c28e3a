//! `duijie report`: the stats figures as tables (one XLSX sheet each, Chinese headers,
//! amounts as numbers) and as Markdown with Chinese headings and English in brackets.

use std::fmt::Write as _;

use super::stats::{GroupRow, Stats};
use crate::export::book::{Table, Val};
use crate::sanitize::one_line;

fn groups(name: &str, key: &str, head: (&str, &str), rows: &[GroupRow], total: &GroupRow) -> Table {
    let mut t = Table::new(
        name,
        key,
        &[
            head,
            ("签约数", "signed"),
            ("签约额（万元）", "signed_wan"),
            ("登记数", "registered"),
            ("登记额（万元）", "registered_wan"),
            ("到账（万元）", "paid_wan"),
        ],
    );
    for g in rows.iter().chain(std::iter::once(total)) {
        t.rows.push(vec![
            Val::text(&g.name),
            Val::Int(g.signed),
            Val::Money(g.signed_sum),
            Val::Int(g.registered),
            Val::Money(g.registered_sum),
            Val::Money(g.paid),
        ]);
    }
    t
}

fn ranking(name: &str, key: &str, head: (&str, &str), rows: &[(String, i64)]) -> Table {
    let mut t = Table::new(name, key, &[head, ("对接数", "pairs")]);
    t.rows = rows
        .iter()
        .map(|(n, c)| vec![Val::text(n), Val::Int(*c)])
        .collect();
    t
}

/// The report's tables, in order.
pub fn tables(s: &Stats) -> Vec<Table> {
    let mut funnel = Table::new(
        "漏斗",
        "funnel",
        &[
            ("阶段", "stage"),
            ("当前数量", "now"),
            ("当前金额（万元）", "now_wan"),
            ("期间到达", "reached"),
            ("转化率（%）", "conversion_pct"),
        ],
    );
    funnel.rows = s
        .funnel
        .iter()
        .map(|f| {
            vec![
                Val::text(f.stage.zh()),
                Val::Int(f.now),
                Val::Money(f.now_sum),
                Val::Int(f.reached),
                f.conversion_pct.map_or(Val::Empty, Val::Num),
            ]
        })
        .collect();
    let mut weekly = Table::new(
        "每周跟进",
        "weekly",
        &[("周一", "week"), ("跟进数", "followups")],
    );
    weekly.rows = s
        .weekly
        .iter()
        .map(|(w, n)| vec![Val::text(w), Val::Int(*n as i64)])
        .collect();
    let mut medians = Table::new(
        "阶段停留",
        "median_days",
        &[
            ("阶段", "stage"),
            ("中位天数", "median_days"),
            ("样本数", "stays"),
        ],
    );
    medians.rows = s
        .median_days
        .iter()
        .map(|(st, m, n)| {
            vec![
                Val::text(st.zh()),
                m.map_or(Val::Empty, Val::Num),
                Val::Int(*n as i64),
            ]
        })
        .collect();
    let mut shelve = Table::new(
        "搁置原因",
        "shelve_reasons",
        &[("原因", "reason"), ("数量", "pairs")],
    );
    shelve.rows = s
        .shelve_reasons
        .iter()
        .map(|(r, n)| vec![Val::text(r.zh()), Val::Int(*n)])
        .collect();
    vec![
        funnel,
        groups(
            "按领域",
            "by_field",
            ("领域", "field"),
            &s.by_field,
            &s.totals,
        ),
        groups(
            "按地区",
            "by_region",
            ("地区", "region"),
            &s.by_region,
            &s.totals,
        ),
        weekly,
        medians,
        shelve,
        ranking(
            "企业排行",
            "top_enterprises",
            ("企业", "enterprise"),
            &s.top_enterprises,
        ),
        ranking(
            "院所排行",
            "top_institutions",
            ("单位", "institution"),
            &s.top_institutions,
        ),
    ]
}

/// The English heading beside each table's Chinese name.
fn english(key: &str) -> &'static str {
    match key {
        "funnel" => "Funnel",
        "by_field" => "By field",
        "by_region" => "By region",
        "weekly" => "Follow-ups per week",
        "median_days" => "Median days in stage",
        "shelve_reasons" => "Shelve reasons",
        "top_enterprises" => "Enterprises with the most pairs",
        "top_institutions" => "Institutions with the most pairs",
        _ => "",
    }
}

/// A Markdown cell: one line, pipes escaped.
fn cell(s: &str) -> String {
    one_line(s).replace('|', "\\|")
}

/// The report as Markdown; `made` is the day it was made (a fixed clock in tests).
pub fn markdown(s: &Stats, made: jiff::civil::Date) -> String {
    let from = s.period.from.map_or_else(|| "—".into(), |d| d.to_string());
    let to = s
        .period
        .to
        .map_or_else(|| made.to_string(), |d| d.to_string());
    let mut out = format!(
        "# 对接工作报表 (Brokerage report)\n\n期间 (Period): {from} – {to} · 生成于 (Made on) {made}\n\n\
         签约 {} 项，{} 万元；登记 {} 项，{} 万元；到账 {} 万元 \
         (Signed {} for {} 万元; registered {} for {} 万元; paid {} 万元)\n",
        s.totals.signed,
        s.totals.signed_sum,
        s.totals.registered,
        s.totals.registered_sum,
        s.totals.paid,
        s.totals.signed,
        s.totals.signed_sum,
        s.totals.registered,
        s.totals.registered_sum,
        s.totals.paid,
    );
    for t in tables(s) {
        let _ = write!(out, "\n## {} ({})\n\n", t.name, english(&t.key));
        if t.rows.is_empty() {
            out.push_str("无 (none)\n");
            continue;
        }
        let heads: Vec<String> = t
            .cols
            .iter()
            .map(|(zh, en)| format!("{zh} ({en})"))
            .collect();
        let _ = writeln!(out, "| {} |", heads.join(" | "));
        let rule: Vec<&str> = t
            .rows
            .first()
            .map(|r| {
                r.iter()
                    .map(|v| {
                        if matches!(v, Val::Text(_)) {
                            "---"
                        } else {
                            "---:"
                        }
                    })
                    .collect()
            })
            .unwrap_or_default();
        let _ = writeln!(out, "| {} |", rule.join(" | "));
        for row in &t.rows {
            let cells: Vec<String> = row.iter().map(|v| cell(&v.display())).collect();
            let _ = writeln!(out, "| {} |", cells.join(" | "));
        }
    }
    out
}
