//! The agenda view: a header line, then the `AgendaView` component (overdue, today, this
//! week, stale).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;

use crate::tui::Theme;
use crate::tui::model::Model;

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
        "Enter 详情 · n 跟进 · b 看板 · Esc 返回",
        "Enter detail · n follow-up · b board · Esc back",
    );
    frame.render_widget(
        Paragraph::new(crate::tui::features::board::view::header(
            m,
            m.lang.pick("待办", "Agenda"),
            hints,
            theme,
        )),
        head,
    );
    m.pipe.agenda.render(frame, body, theme, m.lang);
}
