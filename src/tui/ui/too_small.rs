//! Below the minimum size the desk shows this notice instead of a broken layout.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use crate::tui::Theme;
use crate::tui::model::Model;
use crate::tui::ui::layout::{MIN_HEIGHT, MIN_WIDTH};

pub fn render(frame: &mut Frame, area: Rect, m: &Model, theme: &Theme) {
    let lines = vec![
        Line::styled(
            m.lang.pick("终端太小", "terminal too small"),
            theme.warning(),
        ),
        Line::raw(format!(
            "{} {MIN_WIDTH}×{MIN_HEIGHT}, {} {}×{}",
            m.lang.pick("至少", "need"),
            m.lang.pick("当前", "have"),
            area.width,
            area.height
        )),
        Line::styled(m.lang.pick("q 退出", "q quits"), theme.muted()),
    ];
    let top = area.height.saturating_sub(3) / 2;
    let rect = Rect::new(area.x, area.y + top, area.width, area.height - top);
    frame.render_widget(
        Paragraph::new(lines)
            .alignment(ratatui::layout::Alignment::Center)
            .wrap(Wrap { trim: true }),
        rect,
    );
}
