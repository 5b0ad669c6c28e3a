//! Drawing the follow-up form: the channel row, the three text fields, an error beside its
//! field in the warning style, the hint line, and the discard question over it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::domain::Channel;
use crate::tui::features::followup::state::{FIELDS, FollowUpForm};
use crate::tui::ui::confirm::Confirm;
use crate::tui::ui::fit::{centered, clear_popup, cut, fit, width};
use crate::tui::{Lang, Theme};

impl FollowUpForm {
    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, theme: &Theme, lang: Lang) {
        let call = self.call.is_some();
        let rect = centered(area, 64, if call { 7 } else { 8 });
        clear_popup(frame, rect);
        let title = match &self.call {
            Some(t) => format!(" {t} "),
            None => format!(" {} {} ", lang.pick("跟进", "Follow-up"), self.pair_code),
        };
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border_focused())
            .title(Span::styled(title, theme.title()));
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        let w = usize::from(inner.width);
        let label_w = 12.min(w / 3);
        if w < 12 || inner.height < 4 {
            return;
        }
        // A call shows no channel row: its fields move up one row.
        let skip = usize::from(call);
        for (i, f) in FIELDS.iter().enumerate().skip(skip) {
            let y = inner.y + (i - skip) as u16;
            let focused = i == self.focus;
            let marker = if focused { "›" } else { " " };
            let lstyle = if focused {
                theme.title()
            } else {
                theme.label()
            };
            let label = fit(&format!("{marker}{}", f.label(lang)), label_w);
            frame.render_widget(
                Span::styled(label, lstyle),
                Rect::new(inner.x, y, label_w as u16, 1),
            );
            let err = self
                .error
                .as_ref()
                .filter(|(ef, _)| ef == f)
                .map(|(_, m)| m.clone());
            let err_w = err.as_ref().map_or(0, |e| width(e).min(w / 3) + 1);
            let fw = w - label_w - err_w;
            let fx = inner.x + label_w as u16;
            let frect = Rect::new(fx, y, fw as u16, 1);
            if i == 0 {
                let spans: Vec<Span> = Channel::ALL
                    .iter()
                    .enumerate()
                    .flat_map(|(k, c)| {
                        let text = format!("{}{}", k + 1, lang.pick(c.zh(), c.en()));
                        let style = if k == self.channel {
                            theme.selected()
                        } else {
                            theme.muted()
                        };
                        [Span::styled(text, style), Span::raw(" ")]
                    })
                    .collect();
                frame.render_widget(Line::from(spans), frect);
            } else {
                self.inputs[i - 1].render_line(frame, frect, theme, focused && !self.discarding);
            }
            if let Some(e) = err {
                frame.render_widget(
                    Span::styled(cut(&e, err_w - 1), theme.warning()),
                    Rect::new(fx + fw as u16 + 1, y, (err_w - 1) as u16, 1),
                );
            }
        }
        let hint = self.hint.as_deref().unwrap_or_else(|| {
            if call {
                return lang.pick(
                    "Tab 切换 · Enter 保存 · Esc 取消",
                    "Tab next · Enter save · Esc cancel",
                );
            }
            lang.pick(
                "1–6/←→ 方式 · Tab 切换 · Enter 保存 · Esc 取消",
                "1–6/←→ channel · Tab next · Enter save · Esc cancel",
            )
        });
        let hy = inner.y + inner.height - 1;
        frame.render_widget(
            Paragraph::new(Span::styled(cut(hint, w), theme.muted())),
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
