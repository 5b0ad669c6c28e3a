//! `FollowUpForm`: log a call, visit or message on a pair — channel, note, next action and its
//! due date. The due text is returned raw: the caller parses "明天", "+3d" or "12-01" and can
//! put a parse error back with `set_error`, keeping the form open. It reads intents
//! ([`Input`]); the key table decides which keys mean them.

use crate::domain::Channel;
use crate::tui::Lang;
use crate::tui::action::Input;
use crate::tui::ui::confirm::{Confirm, ConfirmOutcome};
use crate::tui::ui::input::{InputOutcome, TextInput};

/// The form's lines, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowUpField {
    Channel,
    Note,
    NextAction,
    Due,
}

pub(super) const FIELDS: [FollowUpField; 4] = [
    FollowUpField::Channel,
    FollowUpField::Note,
    FollowUpField::NextAction,
    FollowUpField::Due,
];

impl FollowUpField {
    pub(super) fn label(self, lang: Lang) -> &'static str {
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
    pub(super) pair_code: String,
    pub(super) channel: usize,
    /// Note, next action, due.
    pub(super) inputs: [TextInput; 3],
    pub(super) focus: usize,
    pub(super) error: Option<(FollowUpField, String)>,
    pub(super) discarding: bool,
    /// The hint line (the keys of the current key table), when the opener set one.
    pub(super) hint: Option<String>,
    /// A call on a record: the channel is the phone and its row is not shown; the title
    /// names the record and who is on the line.
    pub(super) call: Option<String>,
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
            hint: None,
            call: None,
        }
    }

    /// The form of a call on a record: the note first (then, optionally, the next action and
    /// its due date); the channel is the phone. `title` names the record and its contact.
    pub fn call(title: &str) -> FollowUpForm {
        let phone = Channel::ALL
            .iter()
            .position(|c| *c == Channel::Phone)
            .unwrap_or(0);
        FollowUpForm {
            channel: phone,
            focus: 1,
            call: Some(crate::sanitize::one_line(title)),
            ..FollowUpForm::new("")
        }
    }

    /// Whether this is a call on a record (no channel row).
    pub fn is_call(&self) -> bool {
        self.call.is_some()
    }

    /// Replaces the default hint line (set from the key table by whoever opens the form).
    pub fn with_hint(mut self, hint: String) -> FollowUpForm {
        self.hint = Some(hint);
        self
    }

    /// True while the focus is on the channel row: there the keys of a row of choices apply
    /// (`Context::Choice`).
    pub fn on_choice(&self) -> bool {
        self.focus == 0 && !self.discarding && self.call.is_none()
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
        (self.channel != 0 && self.call.is_none()) || self.inputs.iter().any(|i| !i.is_empty())
    }

    /// One intent. Cancel leaves (asking first when something was typed; the question
    /// then reads Yes/No); Submit goes to the next field and submits on the last;
    /// NextField/PrevField and Down/Up switch fields. On the channel row Left/Right cycle the
    /// channels and a typed digit picks one; elsewhere the editing intents edit, and a paste
    /// arrives as one line (the note is shown on one line in the log).
    pub fn handle(&mut self, input: &Input) -> FollowUpOutcome {
        if self.discarding {
            return match Confirm::new("", "").handle(input) {
                ConfirmOutcome::Yes => FollowUpOutcome::Cancelled,
                ConfirmOutcome::No => {
                    self.discarding = false;
                    FollowUpOutcome::Pending
                }
                ConfirmOutcome::Pending => FollowUpOutcome::Pending,
            };
        }
        let n = FIELDS.len();
        // A call has no channel row: the note is its first field.
        let first = usize::from(self.call.is_some());
        let on_channel = self.focus == 0;
        let channels = Channel::ALL.len();
        match input {
            Input::Cancel if self.is_dirty() => self.discarding = true,
            Input::Cancel => return FollowUpOutcome::Cancelled,
            Input::Submit if self.focus + 1 == n => return FollowUpOutcome::Submit(self.input()),
            Input::Submit | Input::NextField | Input::Down => {
                self.focus = (self.focus + 1).min(n - 1);
            }
            Input::PrevField | Input::Up => self.focus = self.focus.saturating_sub(1).max(first),
            Input::Left if on_channel => self.channel = (self.channel + channels - 1) % channels,
            Input::Right if on_channel => self.channel = (self.channel + 1) % channels,
            Input::Type(c) if on_channel => {
                let d = c.to_digit(10).map_or(0, |d| d as usize);
                if (1..=channels).contains(&d) {
                    self.channel = d - 1;
                }
            }
            _ if on_channel => {}
            edit => {
                if self.inputs[self.focus - 1].handle(edit) == InputOutcome::Edited
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
}
