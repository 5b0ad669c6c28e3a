//! `StagePrompt`: the data a move needs before it is made — why a pair is shelved, the amount
//! and date of a signed contract, the type and number of its registration.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::domain::{ContractType, ShelveReason, Stage, parse_wan};
use crate::tui::ui::fit::{centered, clear_popup, cut, fit};
use crate::tui::ui::input::{InputOutcome, TextInput};
use crate::tui::ui::input::{is_press, typed_char};
use crate::tui::{Lang, Theme};

/// What the prompt collected; fields not asked for the target stage stay `None`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StageInput {
    pub reason: Option<ShelveReason>,
    pub note: Option<String>,
    pub amount_wan: Option<f64>,
    /// YYYY-MM-DD.
    pub date: Option<String>,
    pub contract_type: Option<ContractType>,
    pub reg_no: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum PromptOutcome {
    Pending,
    Cancelled,
    Done(StageInput),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum PromptError {
    AmountRequired,
    AmountInvalid(String),
    AmountNotPositive,
    BadDate,
    RegNoRequired,
}

impl PromptError {
    fn message(&self, lang: Lang) -> &str {
        match self {
            PromptError::AmountRequired => lang.pick("请填写金额", "amount required"),
            PromptError::AmountInvalid(en) => match lang {
                Lang::Zh => "不是金额 (如 50、50万)",
                Lang::En => en,
            },
            PromptError::AmountNotPositive => lang.pick("金额须大于 0", "amount must be above 0"),
            PromptError::BadDate => lang.pick("日期格式 YYYY-MM-DD", "date must be YYYY-MM-DD"),
            PromptError::RegNoRequired => lang.pick("请填写登记号", "registration number required"),
        }
    }
}

/// Focus 0 is the list (shelve, register) or the amount (sign); focus 1 is the text below.
#[derive(Debug, Clone)]
pub struct StagePrompt {
    pair_code: String,
    to: Stage,
    choice: usize,
    first: TextInput,
    second: TextInput,
    focus: usize,
    error: Option<(usize, PromptError)>,
}

impl StagePrompt {
    /// True when moving to `to` needs this prompt.
    pub fn needed(to: Stage) -> bool {
        matches!(to, Stage::Shelved | Stage::Signed | Stage::Registered)
    }

    pub fn new(pair_code: &str, to: Stage, today: jiff::civil::Date) -> StagePrompt {
        let second = if to == Stage::Signed {
            TextInput::with_value(&today.to_string())
        } else {
            TextInput::new()
        };
        StagePrompt {
            pair_code: crate::sanitize::one_line(pair_code),
            to,
            choice: 0,
            first: TextInput::new(),
            second,
            focus: 0,
            error: None,
        }
    }

    fn has_list(&self) -> bool {
        matches!(self.to, Stage::Shelved | Stage::Registered)
    }

    fn list_len(&self) -> usize {
        match self.to {
            Stage::Shelved => ShelveReason::ALL.len(),
            Stage::Registered => ContractType::ALL.len(),
            _ => 0,
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> PromptOutcome {
        if !is_press(&key) {
            return PromptOutcome::Pending;
        }
        if !Self::needed(self.to) {
            return match key.code {
                KeyCode::Esc => PromptOutcome::Cancelled,
                KeyCode::Enter => PromptOutcome::Done(StageInput::default()),
                _ => PromptOutcome::Pending,
            };
        }
        let on_list = self.focus == 0 && self.has_list();
        match key.code {
            KeyCode::Esc => return PromptOutcome::Cancelled,
            KeyCode::Enter if self.focus == 1 => return self.submit(),
            KeyCode::Enter | KeyCode::Tab => self.focus = 1,
            KeyCode::BackTab => self.focus = 0,
            KeyCode::Up | KeyCode::Char('k') if on_list => {
                self.choice = self.choice.saturating_sub(1);
            }
            KeyCode::Down | KeyCode::Char('j') if on_list => {
                self.choice = (self.choice + 1).min(self.list_len() - 1);
            }
            KeyCode::Down if !on_list => self.focus = 1,
            KeyCode::Up if !on_list => self.focus = 0,
            _ if on_list => {
                // 1–9 pick a list entry directly.
                if let Some(d) = typed_char(&key).and_then(|c| c.to_digit(10)) {
                    let d = d as usize;
                    if (1..=self.list_len()).contains(&d) {
                        self.choice = d - 1;
                    }
                }
            }
            _ => {
                let input = if self.focus == 0 {
                    &mut self.first
                } else {
                    &mut self.second
                };
                if input.handle_key(key) == InputOutcome::Edited
                    && self.error.as_ref().is_some_and(|(f, _)| *f == self.focus)
                {
                    self.error = None;
                }
            }
        }
        PromptOutcome::Pending
    }

    fn fail(&mut self, field: usize, e: PromptError) -> PromptOutcome {
        self.focus = field;
        self.error = Some((field, e));
        PromptOutcome::Pending
    }

    fn submit(&mut self) -> PromptOutcome {
        let text = |t: &TextInput| Some(t.value().trim().to_string()).filter(|s| !s.is_empty());
        let mut out = StageInput::default();
        match self.to {
            Stage::Shelved => {
                out.reason = Some(ShelveReason::ALL[self.choice]);
                out.note = text(&self.second);
            }
            Stage::Signed => {
                match parse_wan(self.first.value()) {
                    Ok(None) => return self.fail(0, PromptError::AmountRequired),
                    Err(e) => return self.fail(0, PromptError::AmountInvalid(e)),
                    Ok(Some(v)) if v <= 0.0 => return self.fail(0, PromptError::AmountNotPositive),
                    Ok(Some(v)) => out.amount_wan = Some(v),
                }
                match self.second.value().trim().parse::<jiff::civil::Date>() {
                    Ok(d) if self.second.value().trim().len() == 10 => {
                        out.date = Some(d.to_string());
                    }
                    _ => return self.fail(1, PromptError::BadDate),
                }
            }
            _ => {
                out.contract_type = Some(ContractType::ALL[self.choice]);
                let Some(no) = text(&self.second) else {
                    return self.fail(1, PromptError::RegNoRequired);
                };
                out.reg_no = Some(no);
            }
        }
        PromptOutcome::Done(out)
    }

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
                .map(|(_, e)| e.message(lang).to_string())
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
            _ => lang.pick("登记号", "Registration number"),
        };
        lines.push(Line::from(Span::styled(second_label, label_style(1))));
        rows[1] = Some(lines.len());
        lines.push(Line::default());
        if let Some(e) = err(1) {
            lines.push(Line::from(Span::styled(cut(&e, w), theme.warning())));
        }
        let hint = lang.pick(
            "Tab 切换 · Enter 确定 · Esc 取消",
            "Tab next · Enter confirm · Esc cancel",
        );
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
