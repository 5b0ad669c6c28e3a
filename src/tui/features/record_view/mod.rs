//! One record full-screen: every field, wrapped, scrollable.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::domain::Kind;
use crate::i18n::Msg;
use crate::tui::Theme;
use crate::tui::features::desk::detail::record_lines;
use crate::tui::model::Model;

pub fn render(
    frame: &mut Frame,
    area: Rect,
    m: &Model,
    (kind, id, scroll): (Kind, i64, u16),
    theme: &Theme,
) {
    let Some(row) = m.list(kind).records.get(&id) else {
        return;
    };
    let fetched;
    let rec = if let Some(rec) = m.full_of(id) {
        rec
    } else {
        fetched = crate::tui::features::desk::detail::from_row(row);
        &fetched
    };
    crate::tui::ui::fit::clear_popup(frame, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focused())
        .title(Span::styled(
            format!(
                " {} ",
                Msg::RecordViewTitle.fill(m.lang, &[&m.keymap.key_for("back").unwrap_or_default()])
            ),
            theme.title(),
        ));
    let log = crate::tui::features::desk::detail::log_lines(m.log_of(id), m.lang, theme);
    let lines = crate::tui::features::desk::detail::with_pairs_and_log(
        record_lines(rec, m.lang, theme),
        Vec::new(),
        log,
    );
    let inner = block.inner(area);
    // Wrapped height, by display width (word wrapping may add a line here and there).
    let wrap = usize::from(inner.width.max(1));
    let height: usize = lines.iter().map(|l| l.width().div_ceil(wrap).max(1)).sum();
    let max_scroll = height.saturating_sub(usize::from(inner.height)) as u16;
    let para = Paragraph::new(lines).wrap(Wrap { trim: false });
    frame.render_widget(para.block(block).scroll((scroll.min(max_scroll), 0)), area);
}
