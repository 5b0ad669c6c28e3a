//! `AgendaView`: what needs doing — overdue next actions, today's, this week's, and pairs that
//! have gone quiet — as one list the cursor walks across sections.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::domain::Stage;
use crate::sanitize::one_line;
use crate::tui::ui::fit::{cut, fit, width};
use crate::tui::ui::input::is_press;
use crate::tui::{Lang, Theme};

/// One pair in the agenda. `days` is how many days overdue (Overdue) or idle (Stale).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AgendaItemVm {
    pub pair_id: i64,
    pub code: String,
    pub demand_title: String,
    pub result_title: String,
    pub stage: Stage,
    pub next_action: Option<String>,
    pub due: Option<String>,
    pub days: i64,
}

/// The four sections, in display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgendaSection {
    Overdue,
    Today,
    ThisWeek,
    Stale,
}

impl AgendaSection {
    pub const ALL: [AgendaSection; 4] = [
        AgendaSection::Overdue,
        AgendaSection::Today,
        AgendaSection::ThisWeek,
        AgendaSection::Stale,
    ];

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            AgendaSection::Overdue => lang.pick("逾期", "Overdue"),
            AgendaSection::Today => lang.pick("今天", "Today"),
            AgendaSection::ThisWeek => lang.pick("本周", "This week"),
            AgendaSection::Stale => lang.pick("停滞", "Stale"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgendaOutcome {
    Pending,
    Jump(i64),
    Close,
}

#[derive(Debug, Clone, Default)]
pub struct AgendaView {
    sections: [Vec<AgendaItemVm>; 4],
    cursor: usize,
}

impl AgendaView {
    pub fn new(
        overdue: Vec<AgendaItemVm>,
        today: Vec<AgendaItemVm>,
        this_week: Vec<AgendaItemVm>,
        stale: Vec<AgendaItemVm>,
    ) -> AgendaView {
        AgendaView {
            sections: [overdue, today, this_week, stale],
            cursor: 0,
        }
    }

    fn len(&self) -> usize {
        self.sections.iter().map(Vec::len).sum()
    }

    /// The item under the cursor and its section.
    pub fn selected(&self) -> Option<(AgendaSection, &AgendaItemVm)> {
        let mut i = self.cursor;
        for (s, items) in AgendaSection::ALL.iter().zip(&self.sections) {
            if i < items.len() {
                return Some((*s, &items[i]));
            }
            i -= items.len();
        }
        None
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> AgendaOutcome {
        if !is_press(&key) {
            return AgendaOutcome::Pending;
        }
        match key.code {
            KeyCode::Esc => return AgendaOutcome::Close,
            KeyCode::Enter => {
                return self.selected().map_or(AgendaOutcome::Pending, |(_, it)| {
                    AgendaOutcome::Jump(it.pair_id)
                });
            }
            KeyCode::Down | KeyCode::Char('j') => {
                self.cursor = (self.cursor + 1).min(self.len().saturating_sub(1));
            }
            KeyCode::Up | KeyCode::Char('k') => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Home | KeyCode::Char('g') => self.cursor = 0,
            KeyCode::End | KeyCode::Char('G') => self.cursor = self.len().saturating_sub(1),
            _ => {}
        }
        AgendaOutcome::Pending
    }

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
