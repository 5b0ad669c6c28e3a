//! Drawing a contract form: one labelled line per field, the error under them in the
//! warning style, the hint line.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Paragraph};

use super::state::{ContractForm, FormKind};
use crate::tui::ui::fit::{centered, clear_popup, cut, fit};
use crate::tui::{Lang, Theme};

impl ContractForm {
    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, theme: &Theme, lang: Lang) {
        let rows = self.inputs.len() as u16;
        let rect = centered(area, 72, rows + 4);
        clear_popup(frame, rect);
        let what = match self.kind {
            FormKind::Contract => lang.pick("合同", "Contract"),
            FormKind::Payment => lang.pick("到账款项", "Payment received"),
        };
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border_focused())
            .title(Span::styled(
                format!(" {what} {} ", self.pair_code),
                theme.title(),
            ));
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        let w = usize::from(inner.width);
        let label_w = 22.min(w / 2);
        if w < 12 || inner.height < rows + 2 {
            return;
        }
        for (i, (zh, en)) in self.labels().iter().enumerate() {
            let y = inner.y + i as u16;
            let focused = i == self.focus;
            let marker = if focused { "›" } else { " " };
            let style = if focused {
                theme.title()
            } else {
                theme.label()
            };
            frame.render_widget(
                Span::styled(
                    fit(&format!("{marker}{}", lang.pick(zh, en)), label_w),
                    style,
                ),
                Rect::new(inner.x, y, label_w as u16, 1),
            );
            let frect = Rect::new(inner.x + label_w as u16, y, (w - label_w) as u16, 1);
            self.inputs[i].render_line(frame, frect, theme, focused);
        }
        if let Some(e) = &self.error {
            frame.render_widget(
                Span::styled(cut(e, w), theme.warning()),
                Rect::new(inner.x, inner.y + rows, inner.width, 1),
            );
        }
        let hint = lang.pick(
            "Tab 切换 · Enter 下一项/保存 · Esc 取消 · u 撤销",
            "Tab next · Enter next/save · Esc cancel · u undoes",
        );
        frame.render_widget(
            Paragraph::new(Span::styled(cut(hint, w), theme.muted())),
            Rect::new(inner.x, inner.y + inner.height - 1, inner.width, 1),
        );
    }
}

/// The contract's lines in the pair detail: technology amount and payment mode, paid and
/// outstanding, the plan (an overdue instalment in the warning style), the landing note.
pub fn detail_lines(
    c: Option<&crate::pipeline::contracts::ContractView>,
    lang: Lang,
    theme: &Theme,
) -> Vec<ratatui::text::Line<'static>> {
    use crate::domain::contract::InstalmentState as S;
    use crate::sanitize::one_line;
    use ratatui::text::Line;
    let Some(c) = c else { return vec![] };
    let label = |zh: &'static str, en: &'static str| {
        Span::styled(format!("{}: ", lang.pick(zh, en)), theme.label())
    };
    let mut out = Vec::new();
    let mut terms = Vec::new();
    if let Some(t) = c.tech {
        terms.push(format!(
            "{} {t} 万元",
            lang.pick("技术交易额", "tech amount")
        ));
    }
    if let Some(m) = c.pay_mode {
        terms.push(lang.pick(m.zh(), m.en()).to_string());
    }
    if let Some(v) = &c.valid_to {
        terms.push(format!(
            "{} {}",
            lang.pick("有效期至", "valid to"),
            one_line(v)
        ));
    }
    if !terms.is_empty() {
        out.push(Line::from(vec![
            label("合同条款", "Terms"),
            Span::raw(terms.join(" · ")),
        ]));
    }
    out.push(Line::from(vec![
        label("已收", "Paid"),
        Span::raw(format!(
            "{} 万元 · {} {} 万元 · {} {}",
            c.paid,
            lang.pick("未收", "outstanding"),
            c.outstanding,
            c.payments.len(),
            lang.pick("笔", "payments")
        )),
    ]));
    for l in &c.plan {
        let (text, style) = match l.state {
            S::Paid => (lang.pick("已付", "paid"), theme.success()),
            S::Partly => (lang.pick("部分", "partly"), theme.normal()),
            S::Open => (lang.pick("未到期", "open"), theme.muted()),
            S::Overdue => (lang.pick("逾期", "OVERDUE"), theme.warning()),
        };
        out.push(Line::from(vec![
            Span::raw(format!("  {} {} 万元 ", one_line(&l.due), l.amount)),
            Span::styled(text.to_string(), style),
        ]));
    }
    if let Some(n) = &c.landed_note {
        out.push(Line::from(vec![
            label("落地说明", "Landed note"),
            Span::raw(one_line(n)),
        ]));
    }
    out
}
