//! The search line at the top: the query as typed (drawn at once, before any result), or a
//! hint when closed; also the "save to slot" prompt.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::sanitize::one_line;
use crate::tui::Theme;
use crate::tui::model::{Line as InputLine, Model};
use crate::tui::ui::fit::{clip, width};

pub fn render(frame: &mut Frame, area: Rect, m: &Model, theme: &Theme) {
    let lang = m.lang;
    let room = usize::from(area.width);
    let line = match m.line {
        InputLine::SaveSlot => Line::styled(
            clip(lang.pick(" 保存视图到 1–9？", " save view to 1–9?"), room),
            theme.warning(),
        ),
        InputLine::Search => {
            let prompt = " / ";
            let q = one_line(&m.query);
            // Keep the end of a long query in view: the cursor is there.
            let avail = room.saturating_sub(width(prompt) + 1);
            let mut shown: &str = &q;
            while width(shown) > avail {
                let mut it = shown.chars();
                it.next();
                shown = it.as_str();
            }
            let x = area.x + (width(prompt) + width(shown)) as u16;
            frame.set_cursor_position(Position::new(x.min(area.right().saturating_sub(1)), area.y));
            // The last query, selected: the next key typed replaces it.
            let style = if m.search_line.is_selected() {
                theme.selected()
            } else {
                theme.normal()
            };
            Line::from(vec![
                Span::styled(prompt, theme.title()),
                Span::styled(shown.to_string(), style),
            ])
        }
        InputLine::Closed if !m.query.is_empty() => {
            let esc = lang.pick("  Esc 清除", "  Esc clears");
            let text = format!(" / {}", one_line(&m.query));
            Line::from(vec![
                Span::styled(clip(&text, room.saturating_sub(width(esc))), theme.title()),
                Span::styled(esc, theme.muted()),
            ])
        }
        InputLine::Closed => {
            let key = m.keymap.key_for("search").unwrap_or_default();
            Line::styled(
                clip(
                    &format!(
                        " {key} {}",
                        lang.pick(
                            "搜索：拼音首字母、繁简、英文均可",
                            "search: pinyin initials, 繁/简, English"
                        )
                    ),
                    room,
                ),
                theme.muted(),
            )
        }
    };
    frame.render_widget(Paragraph::new(line), area);
}
