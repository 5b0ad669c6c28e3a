//! The agenda view: a header line, then the sections (overdue, today, this week, stale) —
//! the overdue heading and days in the warning style, the item under the cursor in the
//! selection style, scrolled so it stays in sight.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::sanitize::one_line;
use crate::tui::features::agenda::state::{AgendaItemVm, AgendaSection, AgendaView};
use crate::tui::features::pipeline::keys::hint;
use crate::tui::model::Model;
use crate::tui::ui::contact::both_sides;
use crate::tui::ui::fit::{cut, fit, width};
use crate::tui::{Lang, Theme};

pub fn render(frame: &mut Frame, area: Rect, m: &Model, theme: &Theme) {
    if area.height < 2 {
        return;
    }
    let head = Rect { height: 1, ..area };
    let body = Rect {
        y: area.y + 1,
        height: area.height - 1,
        ..area
    };
    let hints = hint(
        &m.keymap,
        m.lang,
        &crate::tui::features::board::view::with_whose(
            m,
            &[
                ("open_pair", "详情", "detail"),
                ("log_followup", "跟进", "follow-up"),
                ("open_demand", "需求", "demand"),
                ("open_result", "成果", "result"),
                ("board", "看板", "board"),
                ("back", "返回", "back"),
            ],
        ),
    );
    frame.render_widget(
        Paragraph::new(crate::tui::features::board::view::header(
            m,
            m.lang.pick("待办", "Agenda"),
            &hints,
            theme,
        )),
        head,
    );
    let (body, foot) = crate::tui::ui::layout::footer(body);
    m.pipe.agenda.render(frame, body, theme, m.lang);
    if let (Some((_, item)), Some(foot)) = (m.pipe.agenda.selected(), foot) {
        let line = both_sides(
            &item.demand_contact,
            &item.result_contact,
            usize::from(foot.width),
            theme,
            m.lang,
        );
        frame.render_widget(Paragraph::new(line), foot);
    }
}

impl AgendaView {
    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, theme: &Theme, lang: Lang) {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border_focused())
            .title(Span::styled(lang.pick(" 待办 ", " Agenda "), theme.title()));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let w = usize::from(inner.width);
        if w == 0 || inner.height == 0 {
            return;
        }
        let mut lines: Vec<Line> = Vec::new();
        let mut cursor_line = 0;
        let mut flat = 0;
        for (sec, items) in AgendaSection::ALL.iter().zip(&self.sections) {
            let head_style = if *sec == AgendaSection::Overdue && !items.is_empty() {
                theme.warning()
            } else {
                theme.title()
            };
            lines.push(Line::from(Span::styled(
                format!("{} ({})", sec.label(lang), items.len()),
                head_style,
            )));
            if items.is_empty() {
                lines.push(Line::from(Span::styled(
                    lang.pick("  (无)", "  (none)"),
                    theme.muted(),
                )));
            }
            for it in items {
                let selected = flat == self.cursor;
                if selected {
                    cursor_line = lines.len();
                }
                lines.push(item_line(*sec, it, w, selected, *theme, lang));
                flat += 1;
            }
        }
        // Scroll so the selected line is visible.
        let h = usize::from(inner.height);
        let top = (cursor_line + 1).saturating_sub(h);
        frame.render_widget(Paragraph::new(lines).scroll((top as u16, 0)), inner);
    }
}

fn item_line(
    sec: AgendaSection,
    it: &AgendaItemVm,
    w: usize,
    selected: bool,
    theme: Theme,
    lang: Lang,
) -> Line<'static> {
    let days = match (sec, lang) {
        (AgendaSection::Overdue, Lang::Zh) => format!("逾期{}天", it.days),
        (AgendaSection::Overdue, Lang::En) => format!("{}d overdue", it.days),
        (AgendaSection::Stale, Lang::Zh) => format!("停滞{}天", it.days),
        (AgendaSection::Stale, Lang::En) => format!("idle {}d", it.days),
        _ => String::new(),
    };
    let due = it.due.as_deref().map(one_line).unwrap_or_default();
    // Right side: due date and day count, kept whole; the titles take what is left.
    let right = format!(" {due} {days}").trim_end().to_string();
    let left = format!(
        "  {} {} {} ⇄ {}{}",
        fit(&one_line(&it.code), 5),
        fit(
            lang.pick(it.stage.zh(), it.stage.en()),
            if lang == Lang::Zh { 6 } else { 11 }
        ),
        one_line(&it.demand_title),
        one_line(&it.result_title),
        it.next_action
            .as_deref()
            .map(|a| format!("  → {}", one_line(a)))
            .unwrap_or_default(),
    );
    let rw = width(&right).min(w);
    let left = fit(&left, w - rw);
    if selected {
        return Line::from(Span::styled(
            format!("{left}{}", cut(&right, rw)),
            theme.selected(),
        ));
    }
    let rstyle = if sec == AgendaSection::Overdue {
        theme.warning()
    } else {
        theme.muted()
    };
    Line::from(vec![
        Span::styled(left, theme.normal()),
        Span::styled(cut(&right, rw), rstyle),
    ])
}
