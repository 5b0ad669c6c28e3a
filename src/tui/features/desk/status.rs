//! The status bar: shown/total per list, active filters, the last message (errors in the
//! warning colour) and the help key.

use std::fmt::Write as _;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::domain::Kind;
use crate::sanitize::one_line;
use crate::tui::Theme;
use crate::tui::features::desk::list::kind_label;
use crate::tui::model::Model;
use crate::tui::ui::fit::{clip, width};

pub fn render(frame: &mut Frame, area: Rect, m: &Model, theme: &Theme) {
    let lang = m.lang;
    let mut left = String::new();
    for kind in [Kind::Demand, Kind::Achievement] {
        let l = m.list(kind);
        if !left.is_empty() {
            left.push_str(" · ");
        }
        let _ = write!(left, "{} {}", kind_label(kind, lang), l.count_label());
    }
    if !m.filters.is_empty() {
        let n = m.filters.count();
        let _ = write!(left, " · {} {n}", lang.pick("筛选", "filters"));
    }
    if m.new_matches > 0 || m.new_matches_more {
        // The key that lists them, from the key table (it may be rebound).
        let key = m
            .keymap
            .key_for("new_matches")
            .map(|k| format!(" ({k})"))
            .unwrap_or_default();
        let _ = write!(
            left,
            " · {} {}{}{key}",
            lang.pick("新匹配", "new matches"),
            m.new_matches,
            if m.new_matches_more { "+" } else { "" }
        );
    }
    let help = m
        .keymap
        .key_for("help")
        .map(|k| format!(" {k} {} ", lang.pick("帮助", "help")))
        .unwrap_or_default();
    let total = usize::from(area.width);
    let mut spans = vec![Span::styled(format!(" {left} "), theme.muted())];
    let used = width(&left) + 2 + width(&help);
    if let Some(msg) = &m.message {
        let room = total.saturating_sub(used + 1);
        let style = if msg.warn {
            theme.warning()
        } else {
            theme.success()
        };
        spans.push(Span::raw(" "));
        spans.push(Span::styled(clip(&one_line(&msg.text), room), style));
    } else {
        spans.push(Span::raw(" ".repeat(total.saturating_sub(used))));
    }
    spans.push(Span::styled(help, theme.chip()));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
