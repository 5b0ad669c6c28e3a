//! Drawing the conflict overlay: one row per conflicting field — the label, my value, the
//! stored value (the chosen one ticked ✓) and the value the form started from, muted. Every
//! column is cut and padded by display width, so CJK values keep the columns aligned at any
//! width.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::i18n::{Lang, Msg};
use crate::tui::Theme;
use crate::tui::features::conflict::{Conflict, Side};
use crate::tui::ui::fit::{centered, clear_popup, cut, fit, split_widths};

/// Cells of the field-label column.
const LABEL_W: usize = 12;
/// Rows besides the field rows: intro, header, the kept-fields note, the hint.
const FIXED_ROWS: usize = 4;

/// The widths of the label, mine, theirs and base columns inside `iw` cells (after the
/// two-cell cursor marker and a space before each value column).
pub fn columns(iw: usize) -> [usize; 4] {
    let label = LABEL_W.min(iw / 4);
    let rest = iw.saturating_sub(2 + label + 3);
    let v = split_widths(rest, &[3, 3, 2]);
    [label, v[0], v[1], v[2]]
}

impl Conflict {
    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, theme: &Theme, lang: Lang) {
        let want_h = (self.rows().len() + FIXED_ROWS + 2) as u16;
        let rect = centered(area, area.width.saturating_sub(4).min(100), want_h);
        clear_popup(frame, rect);
        let code = self.theirs().code();
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.warning())
            .title(Span::styled(
                format!(" {} ", Msg::ConflictTitle.fill(lang, &[&code])),
                theme.warning(),
            ));
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        let iw = usize::from(inner.width);
        if inner.height < FIXED_ROWS as u16 + 1 || iw < 20 {
            return;
        }
        let [lw, mw, tw, bw] = columns(iw);
        let mut lines = vec![Line::from(Span::styled(
            cut(Msg::ConflictIntro.text(lang), iw),
            theme.normal(),
        ))];
        lines.push(Line::from(vec![
            Span::raw("  "),
            Span::styled(fit(Msg::ConflictField.text(lang), lw), theme.label()),
            Span::raw(" "),
            Span::styled(
                fit(&format!("  {}", Msg::ConflictMine.text(lang)), mw),
                theme.label(),
            ),
            Span::raw(" "),
            Span::styled(
                fit(&format!("  {}", Msg::ConflictTheirs.text(lang)), tw),
                theme.label(),
            ),
            Span::raw(" "),
            Span::styled(fit(Msg::ConflictBase.text(lang), bw), theme.muted()),
        ]));
        let list_h = usize::from(inner.height) - FIXED_ROWS;
        let top = (self.cursor() + 1).saturating_sub(list_h);
        let kind = self.base().kind;
        for (i, row) in self.rows().iter().enumerate().skip(top).take(list_h) {
            let f = row.field;
            let at_cursor = i == self.cursor();
            let cell = |side: Side, text: String, w: usize| {
                let chosen = row.choice == side;
                let mark = if chosen { "✓ " } else { "  " };
                let style = if chosen {
                    theme.success()
                } else {
                    theme.normal()
                };
                Span::styled(fit(&format!("{mark}{text}"), w), style)
            };
            lines.push(Line::from(vec![
                Span::styled(if at_cursor { "› " } else { "  " }, theme.title()),
                Span::styled(
                    fit(f.label(kind, lang), lw),
                    if at_cursor {
                        theme.selected()
                    } else {
                        theme.label()
                    },
                ),
                Span::raw(" "),
                cell(Side::Mine, f.shown(self.mine(), lang), mw),
                Span::raw(" "),
                cell(Side::Theirs, f.shown(self.theirs(), lang), tw),
                Span::raw(" "),
                Span::styled(fit(&f.shown(self.base(), lang), bw), theme.muted()),
            ]));
        }
        while lines.len() < usize::from(inner.height) - 2 {
            lines.push(Line::default());
        }
        let kept = if self.kept_theirs() > 0 {
            Msg::ConflictKeptTheirs.fill(lang, &[&self.kept_theirs()])
        } else {
            String::new()
        };
        lines.push(Line::from(Span::styled(cut(&kept, iw), theme.muted())));
        let k = &self.keys;
        let hint = Msg::ConflictHint.fill(
            lang,
            &[
                &k.mine,
                &k.theirs,
                &k.all_mine,
                &k.all_theirs,
                &k.apply,
                &k.cancel,
            ],
        );
        lines.push(Line::from(Span::styled(cut(&hint, iw), theme.muted())));
        frame.render_widget(Paragraph::new(lines), inner);
    }
}
