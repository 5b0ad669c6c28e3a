//! A yes/no question over the desk (closing or deleting a record).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::tui::Theme;
use crate::tui::model::Model;
use crate::tui::ui::fit::width;
use crate::tui::ui::layout::centered;

pub fn render(frame: &mut Frame, area: Rect, m: &Model, question: &str, theme: &Theme) {
    let lang = m.lang;
    let yes = m.keymap.key_for("confirm_yes").unwrap_or_default();
    let no = m.keymap.key_for("confirm_no").unwrap_or_default();
    let keys = format!(
        "{yes} {}   {no}/esc {}",
        lang.pick("确认", "yes"),
        lang.pick("取消", "no")
    );
    let w = (width(question).max(width(&keys)) + 4).clamp(30, 70) as u16;
    let rect = centered(area, w, 6);
    crate::tui::ui::fit::clear_popup(frame, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.warning())
        .title(Span::styled(
            lang.pick(" 确认 ", " Confirm "),
            theme.warning(),
        ));
    // The question embeds a sanitised title (built in update).
    let lines = vec![
        Line::raw(question.to_string()),
        Line::raw(""),
        Line::styled(keys, theme.muted()),
    ];
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        rect,
    );
}
