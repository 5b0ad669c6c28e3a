//! Drawing the contact form: one line per field with its label, the message beside a field
//! that did not pass in the warning style, the hint line, and the discard question over it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::i18n::orgs::OrgMsg;
use crate::tui::features::contact_form::{ContactForm, FIELDS};
use crate::tui::ui::confirm::Confirm;
use crate::tui::ui::fit::{centered, clear_popup, cut, fit, width};
use crate::tui::{Lang, Theme};

impl ContactForm {
    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, theme: &Theme, lang: Lang) {
        let rect = centered(area, 72, FIELDS.len() as u16 + 4);
        clear_popup(frame, rect);
        let title = if self.base.id == 0 {
            OrgMsg::FormAdd.fill(lang, &[&self.org_name])
        } else {
            OrgMsg::FormEdit.fill(lang, &[&self.base.code(), &self.org_name])
        };
        let inner_w = usize::from(rect.width.saturating_sub(4));
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border_focused())
            .title(Span::styled(
                format!(" {} ", cut(&title, inner_w)),
                theme.title(),
            ));
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        let w = usize::from(inner.width);
        let label_w = 8.min(w / 3);
        if w < 12 || (inner.height as usize) < FIELDS.len() + 2 {
            return;
        }
        for (i, f) in FIELDS.iter().enumerate() {
            let y = inner.y + i as u16;
            let focused = i == self.focus;
            let marker = if focused { "›" } else { " " };
            let style = if focused {
                theme.title()
            } else {
                theme.label()
            };
            frame.render_widget(
                Span::styled(fit(&format!("{marker}{}", f.text(lang)), label_w), style),
                Rect::new(inner.x, y, label_w as u16, 1),
            );
            let err = self.error_text(i, lang);
            let err_w = err.map_or(0, |e| width(e).min(w / 2) + 1);
            let fw = w - label_w - err_w;
            let fx = inner.x + label_w as u16;
            self.inputs[i].render_line(
                frame,
                Rect::new(fx, y, fw as u16, 1),
                theme,
                focused && !self.discarding,
            );
            if let Some(e) = err {
                frame.render_widget(
                    Span::styled(cut(e, err_w - 1), theme.warning()),
                    Rect::new(fx + fw as u16 + 1, y, (err_w - 1) as u16, 1),
                );
            }
        }
        let hy = inner.y + inner.height - 1;
        frame.render_widget(
            Paragraph::new(Span::styled(cut(&self.hint, w), theme.muted())),
            Rect::new(inner.x, hy, inner.width, 1),
        );
        if self.discarding {
            Confirm::new(
                lang.pick("放弃", "Discard"),
                lang.pick("放弃已输入的内容?", "Discard typed text?"),
            )
            .render(frame, area, theme, lang);
        }
    }
}
