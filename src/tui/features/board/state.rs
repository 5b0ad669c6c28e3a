//! `BoardView`: the pipeline board, one column per stage with its count and sum, cards that
//! can be moved along the main line (or shelved) from the keyboard. It shows view-models the
//! caller fills from the pipeline, so it depends on no query.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::domain::Stage;
use crate::sanitize::one_line;
use crate::tui::ui::fit::{cut, fit, wan, width};
use crate::tui::ui::input::is_press;
use crate::tui::{Lang, Theme};

/// One pair on the board.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CardVm {
    pub pair_id: i64,
    pub code: String,
    pub demand_title: String,
    pub result_title: String,
    pub demand_org: String,
    pub result_org: String,
    pub days_in_stage: i64,
    pub next_action: Option<String>,
    pub next_due: Option<String>,
    pub overdue: bool,
    pub amount_wan: Option<f64>,
}

/// One stage column: how many pairs, the sum of their amounts, and the cards.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BoardColumnVm {
    pub stage: Stage,
    pub count: usize,
    pub sum_wan: f64,
    pub cards: Vec<CardVm>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoardOutcome {
    Pending,
    Move { pair_id: i64, to: Stage },
    Open(i64),
    LogFollowUp(i64),
    Close,
}

/// Narrowest column worth drawing; below this the board shows a window of columns.
const MIN_COL_W: u16 = 16;
/// Rows per card, separator included.
const CARD_H: u16 = 5;

#[derive(Debug, Clone)]
pub struct BoardView {
    columns: Vec<BoardColumnVm>,
    col: usize,
    rows: Vec<usize>,
}

impl BoardView {
    /// Columns in the order given (normally `Stage::ALL`).
    pub fn new(columns: Vec<BoardColumnVm>) -> BoardView {
        let rows = vec![0; columns.len()];
        BoardView {
            columns,
            col: 0,
            rows,
        }
    }

    /// Replaces the data, keeping the selection on the same pair when it is still there.
    pub fn set_columns(&mut self, columns: Vec<BoardColumnVm>) {
        let keep = self.selected().map(|c| c.pair_id);
        self.rows = vec![0; columns.len()];
        self.columns = columns;
        self.col = self.col.min(self.columns.len().saturating_sub(1));
        if let Some(id) = keep {
            self.select_pair(id);
        }
    }

    /// Puts the selection on a pair, wherever it is; false when it is not on the board.
    pub fn select_pair(&mut self, pair_id: i64) -> bool {
        for (c, col) in self.columns.iter().enumerate() {
            if let Some(r) = col.cards.iter().position(|k| k.pair_id == pair_id) {
                self.col = c;
                self.rows[c] = r;
                return true;
            }
        }
        false
    }

    /// How many cards the column of `stage` shows.
    pub fn len(&self, stage: Stage) -> usize {
        self.columns
            .iter()
            .find(|c| c.stage == stage)
            .map_or(0, |c| c.cards.len())
    }

    pub fn selected_stage(&self) -> Option<Stage> {
        self.columns.get(self.col).map(|c| c.stage)
    }

    pub fn selected(&self) -> Option<&CardVm> {
        let col = self.columns.get(self.col)?;
        col.cards.get(self.rows[self.col])
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> BoardOutcome {
        if !is_press(&key) || self.columns.is_empty() {
            return BoardOutcome::Pending;
        }
        let shift = key.modifiers.contains(KeyModifiers::SHIFT);
        let last = self.columns.len() - 1;
        let n_cards = self.columns[self.col].cards.len();
        let sel = self.selected().map(|c| c.pair_id);
        let stage = self.columns[self.col].stage;
        let mv = |to: Option<Stage>| match (sel, to) {
            (Some(pair_id), Some(to)) => BoardOutcome::Move { pair_id, to },
            _ => BoardOutcome::Pending,
        };
        match key.code {
            KeyCode::Esc => return BoardOutcome::Close,
            KeyCode::Char('H') => return mv(stage.prev()),
            KeyCode::Char('L') => return mv(stage.next()),
            KeyCode::Left if shift => return mv(stage.prev()),
            KeyCode::Right if shift => return mv(stage.next()),
            KeyCode::Char('z') if stage != Stage::Shelved => return mv(Some(Stage::Shelved)),
            KeyCode::Enter => return sel.map_or(BoardOutcome::Pending, BoardOutcome::Open),
            KeyCode::Char('n') => {
                return sel.map_or(BoardOutcome::Pending, BoardOutcome::LogFollowUp);
            }
            KeyCode::Left | KeyCode::Char('h') => self.col = self.col.saturating_sub(1),
            KeyCode::Right | KeyCode::Char('l') => self.col = (self.col + 1).min(last),
            KeyCode::Up | KeyCode::Char('k') => {
                self.rows[self.col] = self.rows[self.col].saturating_sub(1);
            }
            KeyCode::Down | KeyCode::Char('j') => {
                self.rows[self.col] = (self.rows[self.col] + 1).min(n_cards.saturating_sub(1));
            }
            _ => {}
        }
        BoardOutcome::Pending
    }

    /// First column shown and how many fit: all when wide enough, else a window around the
    /// selected column.
    fn window(&self, w: u16) -> (usize, usize) {
        let n = self.columns.len();
        let fit = usize::from(w / MIN_COL_W).clamp(1, n.max(1));
        if fit >= n {
            return (0, n);
        }
        let start = self.col.saturating_sub(fit / 2).min(n - fit);
        (start, fit)
    }

    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, theme: &Theme, lang: Lang) {
        if self.columns.is_empty() || area.width < 4 || area.height < 3 {
            return;
        }
        let (start, shown) = self.window(area.width);
        let windowed = shown < self.columns.len();
        // A cell on each side for the ‹ › indicators when columns are hidden.
        let inner = if windowed {
            Rect::new(area.x + 1, area.y, area.width - 2, area.height)
        } else {
            area
        };
        let base_w = inner.width / shown as u16;
        let mut x = inner.x;
        for (i, c) in (start..start + shown).enumerate() {
            // The last column takes the remainder so the board fills its area.
            let w = if i + 1 == shown {
                inner.right() - x
            } else {
                base_w
            };
            self.render_column(
                frame,
                Rect::new(x, inner.y, w, inner.height),
                c,
                *theme,
                lang,
            );
            x += w;
        }
        if windowed {
            let mid = area.y + area.height / 2;
            if start > 0 {
                frame.render_widget(
                    Span::styled("‹", theme.title()),
                    Rect::new(area.x, mid, 1, 1),
                );
            }
            if start + shown < self.columns.len() {
                frame.render_widget(
                    Span::styled("›", theme.title()),
                    Rect::new(area.right() - 1, mid, 1, 1),
                );
            }
        }
    }

    fn render_column(&self, frame: &mut Frame<'_>, rect: Rect, c: usize, theme: Theme, lang: Lang) {
        let col = &self.columns[c];
        let focused = c == self.col;
        let tw = usize::from(rect.width.saturating_sub(2));
        let label = lang.pick(col.stage.zh(), col.stage.en());
        let totals = format!(
            "{} · {}{}",
            col.count,
            wan(col.sum_wan),
            lang.pick("万", " 万")
        );
        // Both labels when there is room, then this language's, then the totals move inside.
        let candidates = [
            format!(" {} {} {totals} ", col.stage.zh(), col.stage.en()),
            format!(" {label} {totals} "),
            format!("{label} {totals}"),
        ];
        let fitting = candidates.iter().find(|h| width(h) <= tw);
        let header = fitting.map_or_else(|| format!(" {label} "), Clone::clone);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(if focused {
                theme.border_focused()
            } else {
                theme.border()
            })
            .title(Span::styled(cut(&header, tw), theme.title()));
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        let w = usize::from(inner.width);
        if w == 0 || inner.height == 0 {
            return;
        }
        let extra = u16::from(fitting.is_none());
        let per_page = usize::from((inner.height.saturating_sub(extra) / CARD_H).max(1));
        let sel = self.rows[c];
        let top = (sel + 1).saturating_sub(per_page);
        let mut lines: Vec<Line> = Vec::new();
        if fitting.is_none() {
            lines.push(Line::from(Span::styled(fit(&totals, w), theme.title())));
        }
        for (i, card) in col.cards.iter().enumerate().skip(top).take(per_page) {
            let style = match (i == sel, focused) {
                (true, true) => Some(theme.selected()),
                (true, false) => Some(theme.selected_unfocused()),
                _ => None,
            };
            lines.extend(card_lines(card, w, style, theme, lang));
            lines.push(Line::default());
        }
        if col.cards.is_empty() {
            lines.push(Line::from(Span::styled(
                lang.pick("(空)", "(empty)"),
                theme.muted(),
            )));
        }
        frame.render_widget(Paragraph::new(lines), inner);
    }
}

/// The four lines of a card, each cut to `w` cells; `sel` overrides every line's style.
fn card_lines(
    card: &CardVm,
    w: usize,
    sel: Option<Style>,
    theme: Theme,
    lang: Lang,
) -> Vec<Line<'static>> {
    let days = match lang {
        Lang::Zh => format!("{}天", card.days_in_stage),
        Lang::En => format!("{}d", card.days_in_stage),
    };
    let amount = card
        .amount_wan
        .map(|a| format!(" · {}{}", wan(a), lang.pick("万", " 万")))
        .unwrap_or_default();
    let head = format!("{} · {days}{amount}", one_line(&card.code));
    let titles = format!(
        "{} ⇄ {}",
        one_line(&card.demand_title),
        one_line(&card.result_title)
    );
    let orgs = format!(
        "{} / {}",
        one_line(&card.demand_org),
        one_line(&card.result_org)
    );
    let next = match (&card.next_action, &card.next_due) {
        (Some(a), Some(d)) => format!("→ {} {}", one_line(a), one_line(d)),
        (Some(a), None) => format!("→ {}", one_line(a)),
        (None, Some(d)) => format!("→ {}", one_line(d)),
        (None, None) => lang.pick("→ 无下一步", "→ no next action").to_string(),
    };
    let next_style = if card.overdue {
        theme.warning()
    } else {
        theme.muted()
    };
    let line = |s: &str, style: Style| Line::from(Span::styled(fit(s, w), sel.unwrap_or(style)));
    let mut last = line(&next, next_style);
    if let (Some(s), true) = (sel, card.overdue) {
        // Overdue stays visible on the selected card too.
        last = Line::from(Span::styled(fit(&next, w), s.patch(theme.warning())));
    }
    vec![
        line(&head, theme.title()),
        line(&titles, theme.normal()),
        line(&orgs, theme.muted()),
        last,
    ]
}
