//! Popups drawn over the desk: help, the full-screen record, the confirmation.

pub mod confirm;
pub mod help;
pub mod pair_detail;
pub mod record_full;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Clear;

/// Clears `area` for a popup, and the cell left of each of its rows: a double-width character
/// cut in half by the popup's left edge would otherwise swallow the border.
pub fn clear(frame: &mut Frame, area: Rect) {
    frame.render_widget(Clear, area);
    if area.x > 0 {
        let buf = frame.buffer_mut();
        for y in area.top()..area.bottom() {
            if let Some(cell) = buf.cell_mut((area.x - 1, y)) {
                cell.set_symbol(" ");
            }
        }
    }
}
