//! Drawing the organisation view: name, kind and region, the other ways its name is
//! written, its demands, results, pairs with their stages, the latest follow-ups, its people
//! and the totals signed and landed. Every value from data goes through the sanitiser; lines
//! are cut to the popup's display width.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::i18n::orgs::OrgMsg;
use crate::pipeline::org_view::{OrgDetail, OrgRecord};
use crate::sanitize::one_line;
use crate::tui::model::Model;
use crate::tui::ui::fit::{clear_popup, cut};
use crate::tui::ui::layout::centered;
use crate::tui::{Lang, Theme};

/// The view as lines, each cut to `width` display columns.
pub fn lines(
    d: &OrgDetail,
    pick: Option<usize>,
    lang: Lang,
    theme: &Theme,
    width: usize,
) -> Vec<Line<'static>> {
    let text = |s: String| Line::raw(cut(&s, width));
    let field = |label: &str, value: String| {
        let label = format!("{label}: ");
        let rest = width.saturating_sub(crate::tui::ui::fit::width(&label));
        Line::from(vec![
            Span::styled(label, theme.label()),
            Span::raw(cut(&value, rest)),
        ])
    };
    let mut out = vec![
        field(
            OrgMsg::Kind.text(lang),
            lang.pick(d.org.kind.zh(), d.org.kind.en()).to_string(),
        ),
        field(OrgMsg::Region.text(lang), one_line(&d.region_label)),
    ];
    let mut written: Vec<&str> = Vec::new();
    for r in d.demands.iter().chain(&d.results) {
        let t = r.org_text.trim();
        if t != d.org.name.trim() && !written.contains(&t) {
            written.push(t);
        }
    }
    if !written.is_empty() {
        out.push(field(
            OrgMsg::AlsoWritten.text(lang),
            one_line(&written.join("、")),
        ));
    }
    if !d.org.note.trim().is_empty() {
        out.push(text(one_line(&d.org.note)));
    }
    out.push(Line::from(Span::styled(
        cut(
            &OrgMsg::Totals.fill(
                lang,
                &[&format!("{} 万元", d.signed), &format!("{} 万元", d.landed)],
            ),
            width,
        ),
        theme.title(),
    )));
    let heading = |out: &mut Vec<Line<'static>>, title: String, empty: bool| {
        out.push(Line::raw(""));
        out.push(Line::styled(cut(&title, width), theme.title()));
        if empty {
            out.push(Line::styled(
                format!("  {}", OrgMsg::None.text(lang)),
                theme.muted(),
            ));
        }
    };
    let records = |out: &mut Vec<Line<'static>>, rs: &[OrgRecord]| {
        for r in rs {
            out.push(text(format!("  {:<6} {}", r.code, one_line(&r.title))));
        }
    };
    heading(
        &mut out,
        OrgMsg::Demands.fill(lang, &[&d.demands.len()]),
        d.demands.is_empty(),
    );
    records(&mut out, &d.demands);
    heading(
        &mut out,
        OrgMsg::Results.fill(lang, &[&d.results.len()]),
        d.results.is_empty(),
    );
    records(&mut out, &d.results);
    heading(
        &mut out,
        OrgMsg::Pairs.fill(lang, &[&d.pairs.len()]),
        d.pairs.is_empty(),
    );
    for p in &d.pairs {
        let amount = p.amount.map(|m| format!("  {m} 万元")).unwrap_or_default();
        out.push(text(format!(
            "  {:<6} {:<4} {} × {}{amount}",
            p.code,
            lang.pick(p.stage.zh(), p.stage.en()),
            one_line(&p.demand),
            one_line(&p.result)
        )));
    }
    heading(
        &mut out,
        OrgMsg::FollowUps.text(lang).to_string(),
        d.followups.is_empty(),
    );
    for f in &d.followups {
        let c = f.followup.channel;
        out.push(text(format!(
            "  {}  {:<6} {}  {}",
            one_line(f.followup.at.get(..10).unwrap_or(&f.followup.at)),
            f.pair,
            lang.pick(c.zh(), c.en()),
            one_line(&f.followup.note)
        )));
    }
    heading(
        &mut out,
        OrgMsg::Contacts.fill(lang, &[&d.contacts.len()]),
        d.contacts.is_empty(),
    );
    for (i, c) in d.contacts.iter().enumerate() {
        let parts: Vec<String> = [&c.name, &c.role, &c.phones.join(" / "), &c.email]
            .iter()
            .filter(|s| !s.is_empty())
            .map(|s| one_line(s))
            .collect();
        let line = cut(&format!("  {:<6} {}", c.code(), parts.join("  ")), width);
        out.push(if pick == Some(i) {
            Line::styled(line, theme.selected())
        } else {
            Line::raw(line)
        });
    }
    out
}

pub fn render(
    frame: &mut Frame,
    area: Rect,
    m: &Model,
    (d, scroll, pick): (&OrgDetail, u16, Option<usize>),
    theme: &Theme,
) {
    let rect = centered(area, 100, area.height.saturating_sub(2));
    clear_popup(frame, rect);
    let k = |name: &str| m.keymap.key_for(name).unwrap_or_default();
    let title = OrgMsg::ViewTitle.fill(m.lang, &[&d.code, &one_line(&d.org.name), &k("back")]);
    let hint = OrgMsg::ViewHint.fill(
        m.lang,
        &[
            &k("org_next_contact"),
            &k("org_add_contact"),
            &k("org_edit_contact"),
            &k("back"),
        ],
    );
    let inner_w = rect.width.saturating_sub(2) as usize;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focused())
        .title(Span::styled(
            format!(" {} ", cut(&title, inner_w.saturating_sub(2))),
            theme.title(),
        ))
        .title_bottom(Span::styled(
            format!(" {} ", cut(&hint, inner_w.saturating_sub(2))),
            theme.muted(),
        ));
    let lines = lines(d, pick, m.lang, theme, inner_w);
    let inner_h = rect.height.saturating_sub(2) as usize;
    let max_scroll = lines.len().saturating_sub(inner_h) as u16;
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((scroll.min(max_scroll), 0)),
        rect,
    );
}
