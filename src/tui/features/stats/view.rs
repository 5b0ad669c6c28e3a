//! The stats view: the funnel as a bar chart (pairs that reached each stage in the period,
//! with the conversion to the next), follow-ups per week as a sparkline, then the money by
//! field and region, median days in stage, shelve reasons and the busiest organisations.
//! Data is sanitised and cut to display widths.

use ratatui::Frame;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Borders, Paragraph, Sparkline};

use super::state::StatsView;
use crate::domain::Stage;
use crate::pipeline::stats::GroupRow;
use crate::sanitize::one_line;
use crate::tui::features::pipeline::keys::hint;
use crate::tui::keys::Keymap;
use crate::tui::ui::fit::{clear_popup, fit, width};
use crate::tui::{Lang, Theme};

pub fn render(
    frame: &mut Frame,
    area: Rect,
    v: &StatsView,
    keymap: &Keymap,
    lang: Lang,
    theme: &Theme,
) {
    if area.height < 6 || area.width < 20 {
        return;
    }
    clear_popup(frame, area);
    let title = format!(
        " {} · {} · {} ",
        lang.pick("统计", "Stats"),
        v.choice.label(lang),
        v.period_text(lang)
    );
    let hints = hint(
        keymap,
        lang,
        &[
            ("stats_prev_period", "上个期间", "prev period"),
            ("stats_next_period", "下个期间", "next period"),
            ("back", "返回", "back"),
        ],
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focused())
        .title(Span::styled(title, theme.title()))
        .title_bottom(Span::styled(format!(" {hints} "), theme.muted()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let top_h = 9.min(inner.height / 2).max(3);
    let [top, rest] =
        Layout::vertical([Constraint::Length(top_h), Constraint::Min(0)]).areas(inner);
    let [funnel, weekly] =
        Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)]).areas(top);
    render_funnel(frame, funnel, v, lang, *theme);
    render_weekly(frame, weekly, v, lang, *theme);
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)]).areas(rest);
    let w = usize::from(left.width.saturating_sub(1));
    // Two tables of a heading, rows, a "… +n" line and the total, with a blank between.
    let room = usize::from(left.height.saturating_sub(7) / 2).max(1);
    let mut lines = money_lines(
        lang.pick("按领域", "By field"),
        &v.stats.by_field,
        &v.stats.totals,
        (w, room),
        lang,
        *theme,
    );
    lines.push(Line::raw(""));
    lines.extend(money_lines(
        lang.pick("按地区", "By region"),
        &v.stats.by_region,
        &v.stats.totals,
        (w, room),
        lang,
        *theme,
    ));
    frame.render_widget(Paragraph::new(lines), left);
    frame.render_widget(
        Paragraph::new(side_lines(v, usize::from(right.width), lang, *theme)),
        right,
    );
}

fn render_funnel(frame: &mut Frame, area: Rect, v: &StatsView, lang: Lang, theme: Theme) {
    let bars: Vec<Bar> = v
        .stats
        .funnel
        .iter()
        .map(|f| {
            let conv = f
                .conversion_pct
                .map(|c| format!(" → {c:.0}%"))
                .unwrap_or_default();
            Bar::default()
                .label(Line::raw(fit(f.stage.zh(), 6)))
                .value(f.reached.max(0) as u64)
                .text_value(format!("{}{conv}", f.reached))
                .style(if f.stage == Stage::Shelved {
                    theme.muted()
                } else {
                    theme.normal()
                })
                .value_style(theme.selected())
        })
        .collect();
    let chart = BarChart::default()
        .block(Block::default().title(Span::styled(
            lang.pick("漏斗：期间到达 → 转化", "Funnel: reached → conversion"),
            theme.label(),
        )))
        .direction(Direction::Horizontal)
        .bar_width(1)
        .bar_gap(0)
        .data(BarGroup::default().bars(&bars));
    frame.render_widget(chart, area);
}

fn render_weekly(frame: &mut Frame, area: Rect, v: &StatsView, lang: Lang, theme: Theme) {
    let weeks: Vec<u64> = v.stats.weekly.iter().map(|(_, n)| *n).collect();
    let total: u64 = weeks.iter().sum();
    // One column per week is too thin to read: each week as wide as the area allows.
    let per = (usize::from(area.width) / weeks.len().max(1)).max(1);
    let data: Vec<u64> = weeks
        .iter()
        .flat_map(|n| std::iter::repeat_n(*n, per))
        .collect();
    let from = v.weeks_from().map(|d| d.to_string()).unwrap_or_default();
    let title = format!(
        "{} {total} · {from}…",
        lang.pick("12周跟进", "12 weeks of follow-ups")
    );
    let spark = Sparkline::default()
        .block(Block::default().title(Span::styled(title, theme.label())))
        .data(&data)
        .style(theme.success());
    frame.render_widget(spark, area);
}

fn money_lines<'a>(
    head: &str,
    rows: &[GroupRow],
    total: &GroupRow,
    (w, room): (usize, usize),
    lang: Lang,
    theme: Theme,
) -> Vec<Line<'a>> {
    let name_w = w.saturating_sub(34).clamp(6, 20);
    let mut out = vec![Line::from(Span::styled(
        format!(
            "{}{}",
            fit(head, name_w),
            lang.pick(
                "  签约万元  登记万元  到账万元",
                "   signed    regist.      paid"
            )
        ),
        theme.label(),
    ))];
    let row = |g: &GroupRow| {
        format!(
            "{}{:>10}{:>10}{:>10}",
            fit(&one_line(&g.name), name_w),
            g.signed_sum.to_string(),
            g.registered_sum.to_string(),
            g.paid.to_string()
        )
    };
    let room = if rows.len() > room {
        room.saturating_sub(1)
    } else {
        room
    };
    for g in rows.iter().take(room) {
        out.push(Line::raw(row(g)));
    }
    if rows.len() > room {
        out.push(Line::from(Span::styled(
            format!("… +{}", rows.len() - room),
            theme.muted(),
        )));
    }
    out.push(Line::from(Span::styled(row(total), theme.title())));
    out
}

fn side_lines<'a>(v: &StatsView, w: usize, lang: Lang, theme: Theme) -> Vec<Line<'a>> {
    let s = &v.stats;
    let mut out = vec![Line::from(Span::styled(
        lang.pick("阶段停留中位天数", "Median days in stage"),
        theme.label(),
    ))];
    let medians: Vec<String> = s
        .median_days
        .iter()
        .filter_map(|(st, m, _)| m.map(|m| format!("{} {m:.0}", st.zh())))
        .collect();
    out.push(Line::raw(fit(&medians.join("  "), w)));
    out.push(Line::from(Span::styled(
        lang.pick("搁置原因", "Shelve reasons"),
        theme.label(),
    )));
    let reasons: Vec<String> = s
        .shelve_reasons
        .iter()
        .map(|(r, n)| format!("{} {n}", r.zh()))
        .collect();
    out.push(Line::raw(fit(&reasons.join("  "), w)));
    for (head, list) in [
        (
            lang.pick("企业（对接数）", "Enterprises (pairs)"),
            &s.top_enterprises,
        ),
        (
            lang.pick("院所（对接数）", "Institutions (pairs)"),
            &s.top_institutions,
        ),
    ] {
        out.push(Line::from(Span::styled(head, theme.label())));
        for (name, n) in list.iter().take(3) {
            let count = format!(" {n}");
            let name_w = w.saturating_sub(width(&count));
            out.push(Line::raw(format!(
                "{}{count}",
                fit(&one_line(name), name_w)
            )));
        }
    }
    out
}
