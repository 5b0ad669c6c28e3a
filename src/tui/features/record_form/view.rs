//! Drawing the record form: a centred box, one row per field (label, value, a message beside
//! it), the completion list under the focused field, a status row (saving, a store error) and
//! the hint row. A description with line breaks shows each as `⏎` in its row and its line
//! count beside it: one row per field keeps every field of a result on a 24-row screen, and
//! the mark shows exactly where each break is.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::i18n::{Lang, Msg};
use crate::tui::Theme;
use crate::tui::features::record_form::form::{FieldId, RecordForm};
use crate::tui::ui::confirm::Confirm;
use crate::tui::ui::fit::{centered, clear_popup, cut, fit, width};

/// Cells given to the label column.
const LABEL_W: usize = 14;

impl RecordForm {
    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, theme: &Theme, lang: Lang) {
        let n = self.fields.len() as u16;
        // Fields, the status row and the hint row inside the border.
        let rect = centered(area, 72, n + 4);
        clear_popup(frame, rect);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border_focused())
            .title(Span::styled(
                format!(" {} ", self.title(lang)),
                theme.title(),
            ));
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        if inner.width < 4 || inner.height < 3 {
            return;
        }
        // Rows for fields: all but the status and hint rows; scroll so the focus is visible.
        let rows = usize::from(inner.height - 2);
        let top = (self.focus + 1).saturating_sub(rows);
        let iw = usize::from(inner.width);
        let label_w = LABEL_W.min(iw / 3);
        let mut cursor = None;
        for (row, i) in (top..self.fields.len()).take(rows).enumerate() {
            let y = inner.y + row as u16;
            if let Some(cx) = self.render_field(frame, i, (inner.x, y, iw, label_w), *theme, lang) {
                cursor = Some((cx, y));
            }
        }
        let status_y = inner.y + inner.height - 2;
        let status = if self.is_saving() {
            Some(Span::styled(Msg::FormSaving.text(lang), theme.muted()))
        } else {
            self.status.as_ref().map(|s| {
                let style = if s.warn {
                    theme.warning()
                } else {
                    theme.success()
                };
                Span::styled(cut(&crate::sanitize::one_line(&s.text), iw), style)
            })
        };
        if let Some(s) = status {
            frame.render_widget(s, Rect::new(inner.x, status_y, inner.width, 1));
        }
        let k = &self.keys;
        let hint = Msg::FormHint.fill(lang, &[&k.next, &k.save, &k.cancel]);
        frame.render_widget(
            Span::styled(cut(&hint, iw), theme.muted()),
            Rect::new(inner.x, status_y + 1, inner.width, 1),
        );
        if self.is_discarding() {
            let c = Confirm::new(
                Msg::FormDiscardTitle.text(lang),
                Msg::FormDiscardAsk.text(lang),
            );
            c.render(frame, area, theme, lang);
            return;
        }
        if let Some((cx, cy)) = cursor
            && !self.is_saving()
        {
            self.render_matches(
                frame,
                Rect::new(inner.x + label_w as u16, cy + 1, 0, 0),
                area,
                *theme,
            );
            frame.set_cursor_position(Position::new(cx, cy));
        }
    }

    /// One field's row; returns the cursor's column when the field has the focus and text.
    fn render_field(
        &self,
        frame: &mut Frame<'_>,
        index: usize,
        (left, row_y, inner_w, label_w): (u16, u16, usize, usize),
        theme: Theme,
        lang: Lang,
    ) -> Option<u16> {
        let f = self.fields[index];
        let focused = index == self.focus;
        let marker = if focused { "›" } else { " " };
        let label = fit(
            &format!("{marker}{}", f.label(self.base.kind, lang)),
            label_w,
        );
        let lstyle = if focused {
            theme.title()
        } else {
            theme.label()
        };
        frame.render_widget(
            Span::styled(label, lstyle),
            Rect::new(left, row_y, label_w as u16, 1),
        );
        // Beside the value: the field's error, else a multi-line value's line count.
        let lines = self.inputs[index].lines();
        let note = match &self.errors[index] {
            Some(err) => Some((err.message(lang), theme.warning())),
            None if lines > 1 => Some((Msg::FormMoreLines.fill(lang, &[&lines]), theme.muted())),
            None => None,
        };
        let note_w = note
            .as_ref()
            .map_or(0, |(err, _)| width(err).min(inner_w / 3) + 1);
        let field_w = inner_w - label_w - note_w;
        let fx = left + label_w as u16;
        let field_rect = Rect::new(fx, row_y, field_w as u16, 1);
        let mut cursor = None;
        if f == FieldId::OpenCall {
            let msg = if self.open_call {
                Msg::FormYes
            } else {
                Msg::FormNo
            };
            let text = msg.fill(lang, &[&self.keys.toggle]);
            frame.render_widget(
                Span::styled(cut(&text, field_w), theme.normal()),
                field_rect,
            );
        } else {
            let live = focused && !self.is_discarding() && !self.is_saving();
            self.inputs[index].render_line(frame, field_rect, &theme, live);
            if focused {
                let (_, cx) = self.inputs[index].view(field_w);
                cursor = Some(fx + cx as u16);
            }
        }
        if let Some((text, style)) = note {
            let ex = fx + field_w as u16 + 1;
            frame.render_widget(
                Span::styled(cut(&text, note_w - 1), style),
                Rect::new(ex, row_y, (note_w - 1) as u16, 1),
            );
        }
        cursor
    }

    /// The completion list just under the focused input (above it when there is no room).
    fn render_matches(&self, frame: &mut Frame<'_>, at: Rect, area: Rect, theme: Theme) {
        let m = self.matches();
        if m.is_empty() {
            return;
        }
        let w = m.iter().map(|s| width(s)).max().unwrap_or(0).clamp(8, 40) as u16 + 4;
        let h = m.len() as u16 + 2;
        let y = if at.y + h <= area.bottom() {
            at.y
        } else {
            at.y.saturating_sub(h + 1).max(area.y)
        };
        let rect = Rect::new(at.x, y, w, h).intersection(area);
        clear_popup(frame, rect);
        let lines: Vec<Line> = m
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let style = if self.pick == Some(i) {
                    theme.selected()
                } else {
                    theme.normal()
                };
                Line::from(Span::styled(
                    fit(
                        &format!(" {}", crate::sanitize::one_line(s)),
                        usize::from(w) - 2,
                    ),
                    style,
                ))
            })
            .collect();
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border());
        frame.render_widget(Paragraph::new(lines).block(block), rect);
    }
}
