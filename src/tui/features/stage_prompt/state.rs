//! `StagePrompt`: the data a move needs before it is made — why a pair is shelved, the amount
//! and date of a signed contract, the type and number of its registration. It reads intents
//! ([`Input`]); which keys mean them is the key table's business.

use crate::domain::{AmountError, ContractType, Money, ShelveReason, Stage};
use crate::tui::Lang;
use crate::tui::action::Input;
use crate::tui::ui::input::{InputOutcome, TextInput};

/// What the prompt collected; fields not asked for the target stage stay `None`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StageInput {
    pub reason: Option<ShelveReason>,
    pub note: Option<String>,
    pub amount: Option<Money>,
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
pub(super) enum PromptError {
    AmountRequired,
    AmountInvalid(AmountError),
    AmountNotPositive,
    BadDate,
    RegNoRequired,
    NoteRequired,
}

impl PromptError {
    pub(super) fn message(&self, lang: Lang) -> String {
        match self {
            PromptError::AmountRequired => lang.pick("请填写金额", "amount required").into(),
            PromptError::AmountInvalid(e) => e.short_text(lang).to_string(),
            PromptError::AmountNotPositive => {
                lang.pick("金额须大于 0", "amount must be above 0").into()
            }
            PromptError::BadDate => lang
                .pick(
                    "日期格式 YYYY-MM-DD（1900–2200）",
                    "date must be YYYY-MM-DD (1900–2200)",
                )
                .into(),
            PromptError::RegNoRequired => lang
                .pick("请填写登记号", "registration number required")
                .into(),
            PromptError::NoteRequired => lang
                .pick(
                    "请写明无到账仍落地的理由",
                    "say why the pair lands with no payment",
                )
                .into(),
        }
    }
}

/// Focus 0 is the list (shelve, register) or the amount (sign); focus 1 is the text below.
#[derive(Debug, Clone)]
pub struct StagePrompt {
    pub(super) pair_code: String,
    pub(super) to: Stage,
    pub(super) choice: usize,
    pub(super) first: TextInput,
    pub(super) second: TextInput,
    pub(super) focus: usize,
    pub(super) error: Option<(usize, PromptError)>,
    /// The hint line under the fields (the keys of the current key table).
    pub(super) hint: Option<String>,
}

impl StagePrompt {
    /// True when moving to `to` needs this prompt.
    pub fn needed(to: Stage) -> bool {
        matches!(to, Stage::Shelved | Stage::Signed | Stage::Registered)
    }

    /// The prompt for landing a pair with no payment received: one field, the override
    /// note (required), kept with the contract.
    pub fn landing_override(pair_code: &str, today: jiff::civil::Date) -> StagePrompt {
        let mut p = StagePrompt::new(pair_code, Stage::Landed, today);
        p.focus = 1;
        p
    }

    /// True for the override prompt of a move to 落地 (only the note is asked).
    fn note_only(&self) -> bool {
        self.to == Stage::Landed
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
            hint: None,
        }
    }

    /// Replaces the default hint line (set from the key table by whoever opens the prompt).
    pub fn with_hint(mut self, hint: String) -> StagePrompt {
        self.hint = Some(hint);
        self
    }

    /// True while the focus is on the list of reasons or contract types: there the keys of a
    /// row of choices apply (`Context::Choice`), not those of a text field.
    pub fn on_choice(&self) -> bool {
        self.focus == 0 && self.has_list()
    }

    pub(super) fn has_list(&self) -> bool {
        matches!(self.to, Stage::Shelved | Stage::Registered)
    }

    fn list_len(&self) -> usize {
        match self.to {
            Stage::Shelved => ShelveReason::ALL.len(),
            Stage::Registered => ContractType::ALL.len(),
            _ => 0,
        }
    }

    /// One intent: Cancel leaves, Submit goes to the next field or submits on the last,
    /// NextField/PrevField switch fields; on the list Up/Down (and Left/Right) move the
    /// choice and a typed digit 1–9 picks one; in a text field the editing intents edit.
    pub fn handle(&mut self, input: &Input) -> PromptOutcome {
        if self.note_only() {
            return match input {
                Input::Cancel => PromptOutcome::Cancelled,
                Input::Submit => self.submit(),
                Input::NextField | Input::PrevField | Input::Up | Input::Down => {
                    PromptOutcome::Pending
                }
                edit => {
                    if self.second.handle(edit) == InputOutcome::Edited {
                        self.error = None;
                    }
                    PromptOutcome::Pending
                }
            };
        }
        if !Self::needed(self.to) {
            return match input {
                Input::Cancel => PromptOutcome::Cancelled,
                Input::Submit => PromptOutcome::Done(StageInput::default()),
                _ => PromptOutcome::Pending,
            };
        }
        let on_list = self.on_choice();
        match input {
            Input::Cancel => return PromptOutcome::Cancelled,
            Input::Submit if self.focus == 1 => return self.submit(),
            Input::Submit | Input::NextField => self.focus = 1,
            Input::PrevField => self.focus = 0,
            Input::Up | Input::Left if on_list => self.choice = self.choice.saturating_sub(1),
            Input::Down | Input::Right if on_list => {
                self.choice = (self.choice + 1).min(self.list_len() - 1);
            }
            Input::Type(c) if on_list => {
                let n = c.to_digit(10).map_or(0, |d| d as usize);
                if (1..=self.list_len()).contains(&n) {
                    self.choice = n - 1;
                }
            }
            // Nothing else means anything on the list (a paste there is dropped).
            _ if on_list => {}
            Input::Down => self.focus = 1,
            Input::Up => self.focus = 0,
            edit => {
                let field = if self.focus == 0 {
                    &mut self.first
                } else {
                    &mut self.second
                };
                if field.handle(edit) == InputOutcome::Edited
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
                match Money::parse(self.first.value()) {
                    Ok(None) => return self.fail(0, PromptError::AmountRequired),
                    Err(e) => return self.fail(0, PromptError::AmountInvalid(e)),
                    Ok(Some(Money::ZERO)) => return self.fail(0, PromptError::AmountNotPositive),
                    Ok(Some(v)) => out.amount = Some(v),
                }
                match crate::domain::date::iso_date(self.second.value().trim()) {
                    Some(d) => out.date = Some(d.to_string()),
                    None => return self.fail(1, PromptError::BadDate),
                }
            }
            Stage::Landed => {
                let Some(note) = text(&self.second) else {
                    return self.fail(1, PromptError::NoteRequired);
                };
                out.note = Some(note);
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
}
