//! The board view: a header naming the search and filters it obeys and the keys, then the
//! columns — the focused one's border and selected card in the selection style, overdue next
//! actions in the warning style, a window of columns with ‹ › when the screen is narrow.

use crate::i18n::team::TeamMsg;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::sanitize::one_line;
use crate::tui::features::board::state::{BoardView, CardVm};
use crate::tui::features::pipeline::keys::hint;
use crate::tui::model::Model;
use crate::tui::ui::contact::both_sides;
use crate::tui::ui::fit::{cut, fit, width};
use crate::tui::{Lang, Theme};

/// Narrowest column worth drawing; below this the board shows a window of columns.
const MIN_COL_W: u16 = 16;
/// Rows per card, separator included.
const CARD_H: u16 = 5;

/// One header row: the view's name, the query and whether filters apply, and key hints.
pub fn header(m: &Model, name: &str, hints: &str, theme: &Theme) -> Line<'static> {
    let mut spans = vec![Span::styled(format!(" {name} "), theme.title())];
    // Whose pairs, when that leaves any out (a broker alone sees all and is not told).
    if m.pipe.scope().others {
        let whose = if m.pipe.everyone {
            TeamMsg::ShowingAll.text(m.lang).to_string()
        } else {
            let me = crate::broker::shown(m.pipe.me.as_deref()).into_owned();
            TeamMsg::ShowingMine.fill(m.lang, &[&me])
        };
        spans.push(Span::styled(format!("{whose} "), theme.chip()));
        spans.push(Span::raw(" "));
    }
    if !m.query.is_empty() {
        spans.push(Span::styled(
            format!("/{} ", one_line(&m.query)),
            theme.chip(),
        ));
        spans.push(Span::raw(" "));
    }
    if !m.filters.is_empty() {
        spans.push(Span::styled(
            m.lang.pick("已筛选 ", "filtered ").to_string(),
            theme.chip(),
        ));
        spans.push(Span::raw(" "));
    }
    spans.push(Span::styled(hints.to_string(), theme.muted()));
    Line::from(spans)
}

/// A hint item: the key row's name and what it does in Chinese and English.
type HintItem = (&'static str, &'static str, &'static str);

/// `items` with the mine/everyone key before the last (back), when some pairs are others':
/// a broker alone is not shown a key that changes nothing.
pub fn with_whose(m: &Model, items: &[HintItem]) -> Vec<HintItem> {
    let mut v = items.to_vec();
    if m.pipe.scope().others {
        let at = v.len().saturating_sub(1);
        v.insert(at, ("toggle_mine", "我的/全部", "mine/all"));
    }
    v
}

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
        &with_whose(
            m,
            &[
                ("search", "搜索", "search"),
                ("stage_next", "推进", "move on"),
                ("stage_prev", "退回", "move back"),
                ("log_followup", "跟进", "follow-up"),
                ("open_pair", "详情", "detail"),
                ("agenda", "待办", "agenda"),
                ("back", "返回", "back"),
            ],
        ),
    );
    if m.line == crate::tui::model::Line::Search {
        crate::tui::features::desk::search_bar::render(frame, head, m, theme);
    } else {
        frame.render_widget(
            Paragraph::new(header(m, m.lang.pick("看板", "Board"), &hints, theme)),
            head,
        );
    }
    let (body, foot) = crate::tui::ui::layout::footer(body);
    m.pipe.board.render(frame, body, theme, m.lang);
    if let (Some(card), Some(foot)) = (m.pipe.board.selected(), foot) {
        let line = both_sides(
            &card.demand_contact,
            &card.result_contact,
            usize::from(foot.width),
            theme,
            m.lang,
        );
        frame.render_widget(Paragraph::new(line), foot);
    }
}

impl BoardView {
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
        let totals = format!("{} · {}{}", col.count, col.sum, lang.pick("万", " 万"));
        let tight = format!("{}·{}{}", col.count, col.sum, lang.pick("万", "万"));
        // Both labels when there is room, then this language's, then without spaces (so that
        // neighbouring columns of one width read alike at 80 columns), then the totals move
        // inside.
        let candidates = [
            format!(" {} {} {totals} ", col.stage.zh(), col.stage.en()),
            format!(" {label} {totals} "),
            format!("{label} {totals}"),
            format!("{label} {tight}"),
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
        .amount
        .map(|a| format!(" · {a}{}", lang.pick("万", " 万")))
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
