//! Drawing one pair in full: both sides, stage and contract data, the stage history and the
//! follow-up log, newest first; an overdue next action in the warning style. Every value
//! from data goes through the sanitiser.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::i18n::team::TeamMsg;
use crate::pipeline::PairDetail;
use crate::sanitize::one_line;
use crate::tui::features::pipeline::keys::hint;
use crate::tui::model::Model;
use crate::tui::ui::contact::contact_line;
use crate::tui::ui::layout::centered;
use crate::tui::{Lang, Theme};

/// The detail as lines.
pub fn lines(d: &PairDetail, lang: Lang, theme: &Theme) -> Vec<Line<'static>> {
    let l = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let stage = |s: crate::domain::Stage| lang.pick(s.zh(), s.en()).to_string();
    // Who did a step: "（王芳）" / "(by 王芳)", or "—" from before names.
    let by = |actor: Option<&str>| match actor {
        Some(a) => TeamMsg::By.fill(lang, &[&crate::broker::shown(Some(a))]),
        None => crate::broker::UNNAMED.to_string(),
    };
    let field = |label: &str, value: String| {
        Line::from(vec![
            Span::styled(format!("{label}: "), theme.label()),
            Span::raw(value),
        ])
    };
    // Under each side, who to call there.
    let who = |side: &crate::domain::Side| {
        let line = contact_line(&side.contact, &side.phone, "");
        let (text, style) = if line.is_empty() {
            (l("(无联系人)", "(no contact)").to_string(), theme.muted())
        } else {
            (line, theme.normal())
        };
        Line::from(vec![
            Span::styled(format!("  {}: ", l("联系", "Call")), theme.label()),
            Span::styled(text, style),
        ])
    };
    let mut out = vec![
        Line::from(vec![
            Span::styled(format!("{} ", one_line(&d.code)), theme.title()),
            Span::styled(stage(d.stage), theme.title()),
            Span::styled(
                format!("  {} {}", d.days_in_stage, l("天", "days")),
                theme.muted(),
            ),
        ]),
        field(
            l("需求", "Demand"),
            format!(
                "{} {} · {}",
                one_line(&d.demand.code),
                one_line(&d.demand.title),
                one_line(&d.demand.org)
            ),
        ),
        who(&d.demand),
        field(
            l("成果", "Result"),
            format!(
                "{} {} · {}",
                one_line(&d.result.code),
                one_line(&d.result.title),
                one_line(&d.result.org)
            ),
        ),
        who(&d.result),
    ];
    out.push(field(
        TeamMsg::Owner.text(lang),
        format!(
            "{}  · {} {}",
            crate::broker::shown(d.owner.as_deref()),
            TeamMsg::CreatedBy.text(lang),
            crate::broker::shown(d.created_by.as_deref())
        ),
    ));
    if !d.note.trim().is_empty() {
        out.push(field(l("备注", "Note"), one_line(&d.note)));
    }
    if let Some(a) = d.amount {
        let date = d.signed_on.as_deref().map(one_line).unwrap_or_default();
        out.push(field(
            l("合同", "Contract"),
            format!("{a} {} {date}", l("万元", "×10k CNY")),
        ));
    }
    if let (Some(t), Some(n)) = (d.contract_type, &d.reg_no) {
        out.push(field(
            l("登记", "Registration"),
            format!("{} {}", lang.pick(t.zh(), t.en()), one_line(n)),
        ));
    }
    out.extend(crate::tui::features::contract::view::detail_lines(
        d.contract.as_ref(),
        lang,
        theme,
    ));
    if let Some(r) = d.shelve_reason {
        let note = d.shelve_note.as_deref().map(one_line).unwrap_or_default();
        out.push(field(
            l("搁置原因", "Shelved"),
            format!("{} {note}", lang.pick(r.zh(), r.en())),
        ));
    }
    if let Some(a) = &d.next_action {
        let due = d.next_due.as_deref().map(one_line).unwrap_or_default();
        let style = if d.overdue {
            theme.warning()
        } else {
            theme.normal()
        };
        out.push(Line::from(vec![
            Span::styled(format!("{}: ", l("下一步", "Next")), theme.label()),
            Span::raw(format!("{} ", one_line(a))),
            Span::styled(due, style),
        ]));
    }
    out.push(Line::raw(""));
    out.push(Line::styled(
        l("跟进记录", "Log").to_string(),
        theme.title(),
    ));
    if d.followups.is_empty() {
        out.push(Line::styled(
            l("（无）", "(none)").to_string(),
            theme.muted(),
        ));
    }
    for f in &d.followups {
        let mut text = format!(
            "{} {} {} {}",
            one_line(f.at.get(..10).unwrap_or(&f.at)),
            by(f.actor.as_deref()),
            lang.pick(f.channel.zh(), f.channel.en()),
            one_line(&f.note)
        );
        if let Some(a) = &f.next_action {
            text.push_str(" → ");
            text.push_str(&one_line(a));
            if let Some(due) = &f.next_due {
                text.push_str(" (");
                text.push_str(&one_line(due));
                text.push(')');
            }
        }
        out.push(Line::raw(text));
    }
    out.push(Line::raw(""));
    out.push(Line::styled(
        l("阶段历史", "History").to_string(),
        theme.title(),
    ));
    for h in d.history.iter().rev() {
        let from = h.from.map(stage).unwrap_or_default();
        out.push(Line::raw(format!(
            "{} {from} → {} {}",
            one_line(h.at.get(..10).unwrap_or(&h.at)),
            stage(h.to),
            by(h.actor.as_deref())
        )));
    }
    out
}

pub fn render(
    frame: &mut Frame,
    area: Rect,
    m: &Model,
    d: &PairDetail,
    scroll: u16,
    theme: &Theme,
) {
    let keys = hint(
        &m.keymap,
        m.lang,
        &[
            ("stage_next", "推进", "move on"),
            ("stage_prev", "退回", "move back"),
            ("log_followup", "跟进", "follow-up"),
            ("handover", "交给", "hand over"),
            ("open_demand", "需求", "demand"),
            ("open_result", "成果", "result"),
            ("back", "返回", "back"),
        ],
    );
    let title = format!(" {}  {keys} ", m.lang.pick("配对", "Pair"));
    let rect = centered(area, 90, area.height.saturating_sub(2));
    crate::tui::ui::fit::clear_popup(frame, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focused())
        .title(Span::styled(title, theme.title()));
    let lines = lines(d, m.lang, theme);
    let inner_h = rect.height.saturating_sub(2) as usize;
    let max_scroll = lines.len().saturating_sub(inner_h) as u16;
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((scroll.min(max_scroll), 0)),
        rect,
    );
}
