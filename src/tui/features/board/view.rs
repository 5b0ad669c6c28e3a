//! The board view: a header naming the search and filters it obeys, then the `BoardView`
//! component over the rest of the screen.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::sanitize::one_line;
use crate::tui::Theme;
use crate::tui::model::Model;

/// One header row: the view's name, the query and whether filters apply, and key hints.
pub fn header(m: &Model, name: &str, hints: &str, theme: &Theme) -> Line<'static> {
    let mut spans = vec![Span::styled(format!(" {name} "), theme.title())];
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
    let hints = m.lang.pick(
        "/ 搜索 · H/L 移动阶段 · n 跟进 · Enter 详情 · a 待办 · Esc 返回",
        "/ search · H/L move stage · n follow-up · Enter detail · a agenda · Esc back",
    );
    if m.line == crate::tui::model::Line::Search {
        crate::tui::features::desk::search_bar::render(frame, head, m, theme);
    } else {
        frame.render_widget(
            Paragraph::new(header(m, m.lang.pick("看板", "Board"), hints, theme)),
            head,
        );
    }
    m.pipe.board.render(frame, body, theme, m.lang);
}
