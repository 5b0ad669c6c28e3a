//! Active filters as chips above the lists.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::Theme;
use crate::tui::model::Model;
use crate::tui::ui::fit::{clip, width};

pub fn render(frame: &mut Frame, area: Rect, m: &Model, theme: &Theme) {
    let mut spans = Vec::new();
    let mut room = usize::from(area.width);
    // Chip values are sanitised by `Filters::chips`.
    for chip in m.filters.chips(m.lang) {
        let chip = format!(" {chip} ");
        let w = width(&chip);
        if room <= 1 {
            break;
        }
        let shown = if w + 1 > room {
            clip(&chip, room - 1)
        } else {
            chip
        };
        room = room.saturating_sub(width(&shown) + 1);
        spans.push(Span::raw(" "));
        spans.push(Span::styled(shown, theme.chip()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
