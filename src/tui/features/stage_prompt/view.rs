//! Drawing the stage prompt: the list or the amount, the text below, errors in the warning
//! style, and a hint line naming the keys.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::domain::{ContractType, ShelveReason, Stage};
use crate::tui::features::stage_prompt::state::StagePrompt;
use crate::tui::ui::fit::{centered, clear_popup, cut, fit};
use crate::tui::{Lang, Theme};

impl StagePrompt {
    fn title(&self, lang: Lang) -> String {
        format!(
            " {} → {} ",
            self.pair_code,
            lang.pick(self.to.zh(), self.to.en())
        )
    }

    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, theme: &Theme, lang: Lang) {
        let list: Vec<String> = match self.to {
            Stage::Shelved => ShelveReason::ALL
                .iter()
                .map(|r| format!("{} {}", r.zh(), r.en()))
                .collect(),
            Stage::Registered => ContractType::ALL
                .iter()
                .map(|r| format!("{} {}", r.zh(), r.en()))
                .collect(),
            _ => Vec::new(),
        };
        let h = if self.has_list() {
            list.len() as u16 + 7
        } else if self.to == Stage::Landed {
            7
        } else {
            9
        };
        let rect = centered(area, 52, h);
        clear_popup(frame, rect);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border_focused())
            .title(Span::styled(self.title(lang), theme.title()));
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        let w = usize::from(inner.width);
        if w < 12 || inner.height < 3 {
            return;
        }
        let mut lines: Vec<Line> = Vec::new();
        let err = |f: usize| {
            self.error
                .as_ref()
                .filter(|(x, _)| *x == f)
                .map(|(_, e)| e.message(lang))
        };
        let label_style = |f: usize| {
            if self.focus == f {
                theme.title()
            } else {
                theme.label()
            }
        };
        // (row of the first and second text inputs inside `inner`, when shown)
        let mut rows = [None, None];
        if self.has_list() {
            let head = if self.to == Stage::Shelved {
                lang.pick("原因", "Reason")
            } else {
                lang.pick("合同类型", "Contract type")
            };
            lines.push(Line::from(Span::styled(head, label_style(0))));
            for (i, item) in list.iter().enumerate() {
                let mark = if i == self.choice { "(•)" } else { "( )" };
                let style = if i == self.choice && self.focus == 0 {
                    theme.selected()
                } else {
                    theme.normal()
                };
                lines.push(Line::from(Span::styled(
                    fit(&format!(" {} {mark} {item}", i + 1), w),
                    style,
                )));
            }
        } else if self.to == Stage::Landed {
            lines.push(Line::from(Span::styled(
                cut(
                    lang.pick(
                        "尚无到账款项：写明理由后仍可落地",
                        "no payment received: give a reason to land anyway",
                    ),
                    w,
                ),
                theme.warning(),
            )));
        } else {
            lines.push(Line::from(Span::styled(
                lang.pick("金额 (万元)", "Amount (万元)"),
                label_style(0),
            )));
            rows[0] = Some(lines.len());
            lines.push(Line::default());
            if let Some(e) = err(0) {
                lines.push(Line::from(Span::styled(cut(&e, w), theme.warning())));
            }
        }
        let second_label = match self.to {
            Stage::Shelved => lang.pick("备注 (可选)", "Note (optional)"),
            Stage::Signed => lang.pick("签约日期", "Date signed"),
            Stage::Landed => lang.pick("落地说明 (必填)", "Override note (required)"),
            _ => lang.pick("登记号", "Registration number"),
        };
        lines.push(Line::from(Span::styled(second_label, label_style(1))));
        rows[1] = Some(lines.len());
        lines.push(Line::default());
        if let Some(e) = err(1) {
            lines.push(Line::from(Span::styled(cut(&e, w), theme.warning())));
        }
        let hint = self.hint.as_deref().unwrap_or_else(|| {
            lang.pick(
                "Tab 切换 · Enter 确定 · Esc 取消",
                "Tab next · Enter confirm · Esc cancel",
            )
        });
        lines.push(Line::from(Span::styled(cut(hint, w), theme.muted())));
        frame.render_widget(Paragraph::new(lines), inner);
        for (f, row) in rows.iter().enumerate() {
            let Some(row) = row else { continue };
            if *row >= usize::from(inner.height) {
                continue;
            }
            let input = if f == 0 { &self.first } else { &self.second };
            let r = Rect::new(inner.x + 2, inner.y + *row as u16, inner.width - 2, 1);
            frame.render_widget(
                Span::styled("›", theme.muted()),
                Rect::new(inner.x, r.y, 1, 1),
            );
            input.render_line(frame, r, theme, self.focus == f);
        }
    }
}
