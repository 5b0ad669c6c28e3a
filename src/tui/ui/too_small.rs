//! Below the minimum size the desk shows this notice instead of a broken layout.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use crate::tui::ui::layout::{MIN_HEIGHT, MIN_WIDTH};
use crate::tui::{Lang, Theme};

pub fn render(frame: &mut Frame, area: Rect, lang: Lang, theme: &Theme) {
    let lines = vec![
        Line::styled(lang.pick("终端太小", "terminal too small"), theme.warning()),
        Line::raw(format!(
            "{} {MIN_WIDTH}×{MIN_HEIGHT}, {} {}×{}",
            lang.pick("至少", "need"),
            lang.pick("当前", "have"),
            area.width,
            area.height
        )),
        Line::styled(lang.pick("q 退出", "q quits"), theme.muted()),
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
