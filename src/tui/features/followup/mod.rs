//! `FollowUpForm`: log a call, visit or message on a pair — channel, note, next action and its
//! due date. The due text is returned raw: the caller parses "明天", "+3d" or "12-01" and can
//! put a parse error back with `set_error`, keeping the form open.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::domain::Channel;
use crate::tui::ui::confirm::{Confirm, ConfirmOutcome};
use crate::tui::ui::fit::{centered, clear_popup, cut, fit, width};
use crate::tui::ui::input::{InputOutcome, TextInput};
use crate::tui::ui::input::{is_press, typed_char};
use crate::tui::{Lang, Theme};

/// The form's lines, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowUpField {
    Channel,
    Note,
    NextAction,
    Due,
}

const FIELDS: [FollowUpField; 4] = [
    FollowUpField::Channel,
    FollowUpField::Note,
    FollowUpField::NextAction,
    FollowUpField::Due,
];

impl FollowUpField {
    fn label(self, lang: Lang) -> &'static str {
        match self {
            FollowUpField::Channel => lang.pick("方式", "Channel"),
            FollowUpField::Note => lang.pick("记录", "Note"),
            FollowUpField::NextAction => lang.pick("下一步", "Next action"),
            FollowUpField::Due => lang.pick("截止", "Due"),
        }
    }
}

/// What was typed; empty next action and due are `None`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUpInput {
    pub channel: Channel,
    pub note: String,
    pub next_action: Option<String>,
    pub due_text: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FollowUpOutcome {
    Pending,
    Cancelled,
    Submit(FollowUpInput),
}

#[derive(Debug, Clone)]
pub struct FollowUpForm {
    pair_code: String,
    channel: usize,
    inputs: [TextInput; 3],
    focus: usize,
    error: Option<(FollowUpField, String)>,
    discarding: bool,
}

impl FollowUpForm {
    pub fn new(pair_code: &str) -> FollowUpForm {
        FollowUpForm {
            pair_code: crate::sanitize::one_line(pair_code),
            channel: 0,
            inputs: Default::default(),
            focus: 0,
            error: None,
            discarding: false,
        }
    }

    pub fn focused(&self) -> FollowUpField {
        FIELDS[self.focus]
    }

    pub fn channel(&self) -> Channel {
        Channel::ALL[self.channel]
    }

    pub fn is_discarding(&self) -> bool {
        self.discarding
    }

    /// Shows `msg` beside `field` in the warning style and moves the focus there; typing in
    /// that field clears it.
    pub fn set_error(&mut self, field: FollowUpField, msg: impl Into<String>) {
        self.focus = FIELDS.iter().position(|f| *f == field).unwrap_or(0);
        self.error = Some((field, crate::sanitize::one_line(&msg.into())));
    }

    fn is_dirty(&self) -> bool {
        self.channel != 0 || self.inputs.iter().any(|i| !i.is_empty())
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> FollowUpOutcome {
        if !is_press(&key) {
            return FollowUpOutcome::Pending;
        }
        if self.discarding {
            return match Confirm::new("", "").handle_key(key) {
                ConfirmOutcome::Yes => FollowUpOutcome::Cancelled,
                ConfirmOutcome::No => {
                    self.discarding = false;
                    FollowUpOutcome::Pending
                }
                ConfirmOutcome::Pending => FollowUpOutcome::Pending,
            };
        }
        let n = FIELDS.len();
        let on_channel = self.focus == 0;
        let channels = Channel::ALL.len();
        match key.code {
            KeyCode::Esc if self.is_dirty() => self.discarding = true,
            KeyCode::Esc => return FollowUpOutcome::Cancelled,
            KeyCode::Enter if self.focus + 1 == n => return FollowUpOutcome::Submit(self.input()),
            KeyCode::Enter | KeyCode::Tab | KeyCode::Down => {
                self.focus = (self.focus + 1).min(n - 1);
            }
            KeyCode::BackTab | KeyCode::Up => self.focus = self.focus.saturating_sub(1),
            KeyCode::Left if on_channel => self.channel = (self.channel + channels - 1) % channels,
            KeyCode::Right if on_channel => self.channel = (self.channel + 1) % channels,
            _ if on_channel => {
                if let Some(d) = typed_char(&key).and_then(|c| c.to_digit(10)) {
                    let d = d as usize;
                    if (1..=channels).contains(&d) {
                        self.channel = d - 1;
                    }
                }
            }
            _ => {
                if self.inputs[self.focus - 1].handle_key(key) == InputOutcome::Edited
                    && self
                        .error
                        .as_ref()
                        .is_some_and(|(f, _)| *f == self.focused())
                {
                    self.error = None;
                }
            }
        }
        FollowUpOutcome::Pending
    }

    fn input(&self) -> FollowUpInput {
        let opt = |i: &TextInput| Some(i.value().trim().to_string()).filter(|s| !s.is_empty());
        FollowUpInput {
            channel: self.channel(),
            note: self.inputs[0].value().trim().to_string(),
            next_action: opt(&self.inputs[1]),
            due_text: opt(&self.inputs[2]),
        }
    }

    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, theme: &Theme, lang: Lang) {
        let rect = centered(area, 64, 8);
        clear_popup(frame, rect);
        let title = format!(" {} {} ", lang.pick("跟进", "Follow-up"), self.pair_code);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border_focused())
            .title(Span::styled(title, theme.title()));
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        let w = usize::from(inner.width);
        let label_w = 12.min(w / 3);
        if w < 12 || inner.height < 5 {
            return;
        }
        for (i, f) in FIELDS.iter().enumerate() {
            let y = inner.y + i as u16;
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
        let hint = lang.pick(
            "1–6/←→ 方式 · Tab 切换 · Enter 保存 · Esc 取消",
            "1–6/←→ channel · Tab next · Enter save · Esc cancel",
        );
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
