//! `RecordForm`: add or edit a demand or result — one line per field, completion for field and
//! region from values already in the database, validation on submit with the message beside
//! the field, a discard question when something was typed, and a saving state: the form stays
//! open until the store answers. It reads intents only; the key table (keys.rs) names the keys.

use crate::domain::{AmountError, Kind, Money, Record};
use crate::i18n::{Lang, Msg};
use crate::search::keys::fold;
use crate::tui::action::Input;
pub use crate::tui::features::record_form::fields::FieldId;
use crate::tui::features::record_form::fields::RecordPatch;
use crate::tui::ui::input::{InputOutcome, TextInput};

use FieldId as F;

/// Values already in the database, offered while typing a field or a region.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormSuggestions {
    pub fields: Vec<String>,
    pub regions: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
#[allow(
    clippy::large_enum_variant,
    reason = "one outcome per intent, returned and matched at once; never stored in bulk"
)]
pub enum FormOutcome {
    Pending,
    Cancelled,
    /// The record to write: for an edit, the original with only the changed fields replaced.
    Submit(Record),
}

const MAX_SUGGESTIONS: usize = 5;

/// Why a field was refused on submit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldError {
    Required,
    /// Why the text is not an amount.
    Amount(AmountError),
    /// The deadline is not a date in 1900–2200.
    Deadline,
}

impl FieldError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            FieldError::Required => Msg::FormRequired.text(lang).to_string(),
            FieldError::Amount(e) => e.short_text(lang).to_string(),
            FieldError::Deadline => Msg::FormBadDeadline.text(lang).to_string(),
        }
    }
}

/// The keys the form's hints name, read from the key table when the form opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormKeys {
    pub next: String,
    pub save: String,
    pub cancel: String,
    pub toggle: String,
}

impl Default for FormKeys {
    fn default() -> FormKeys {
        FormKeys {
            next: "tab".into(),
            save: "ctrl-s".into(),
            cancel: "esc".into(),
            toggle: "space".into(),
        }
    }
}

impl FormKeys {
    /// The first key of each row in `keymap` (a row with no key keeps the default's name).
    pub fn from_keymap(keymap: &crate::tui::keys::Keymap) -> FormKeys {
        let d = FormKeys::default();
        let k = |name: &str, dflt: String| keymap.key_for(name).unwrap_or(dflt);
        FormKeys {
            next: k("field_next", d.next),
            save: k("form_save", d.save),
            cancel: k("overlay_cancel", d.cancel),
            toggle: k("form_toggle", d.toggle),
        }
    }
}

/// Whether the form takes edits, asks about discarding them, or waits for the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Editing,
    Discarding,
    Saving,
}

/// A status line inside the form: a store error (warning) or a note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormStatus {
    pub text: String,
    pub warn: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RecordForm {
    pub(super) base: Record,
    pub(super) editing: bool,
    pub(super) fields: &'static [FieldId],
    pub(super) inputs: Vec<TextInput>,
    /// The text each input started with: an untouched input leaves its field as it was, so a
    /// field never shown whole (extra whitespace, a control character) survives an edit.
    initial: Vec<String>,
    pub(super) open_call: bool,
    pub(super) focus: usize,
    pub(super) errors: Vec<Option<FieldError>>,
    suggestions: FormSuggestions,
    pub(super) pick: Option<usize>,
    mode: Mode,
    pub(super) status: Option<FormStatus>,
    pub(super) keys: FormKeys,
}

impl RecordForm {
    pub fn new(kind: Kind, suggestions: FormSuggestions) -> RecordForm {
        Self::build(Record::new(kind, ""), false, suggestions)
    }

    pub fn edit(rec: &Record, suggestions: FormSuggestions) -> RecordForm {
        Self::build(rec.clone(), true, suggestions)
    }

    fn build(base: Record, editing: bool, suggestions: FormSuggestions) -> RecordForm {
        let fields = FieldId::for_kind(base.kind);
        let inputs: Vec<TextInput> = fields
            .iter()
            .map(|f| match f {
                // A description keeps the line breaks it has and those pasted into it.
                F::Description => TextInput::multiline(&f.text_of(&base)),
                F::OpenCall => TextInput::new(),
                _ => TextInput::with_value(&f.text_of(&base)),
            })
            .collect();
        let initial = inputs.iter().map(|i| i.value().to_string()).collect();
        RecordForm {
            open_call: base.open_call,
            editing,
            fields,
            initial,
            errors: vec![None; inputs.len()],
            inputs,
            focus: 0,
            suggestions,
            pick: None,
            mode: Mode::Editing,
            status: None,
            keys: FormKeys::default(),
            base,
        }
    }

    /// Names the keys of the user's key table in the hints.
    pub fn with_keys(mut self, keys: FormKeys) -> RecordForm {
        self.keys = keys;
        self
    }

    /// The record as it was when the form opened.
    pub fn base(&self) -> &Record {
        &self.base
    }

    pub fn is_editing(&self) -> bool {
        self.editing
    }

    pub fn focused(&self) -> FieldId {
        self.fields[self.focus]
    }

    /// Whether the focus is on a yes/no field (its keys resolve in `Context::FormChoice`).
    pub fn on_choice(&self) -> bool {
        self.focused() == F::OpenCall && self.mode == Mode::Editing
    }

    pub fn value(&self, f: FieldId) -> Option<&str> {
        let i = self.fields.iter().position(|x| *x == f)?;
        Some(self.inputs[i].value())
    }

    pub fn error(&self, f: FieldId) -> Option<&FieldError> {
        let i = self.fields.iter().position(|x| *x == f)?;
        self.errors[i].as_ref()
    }

    pub fn is_discarding(&self) -> bool {
        self.mode == Mode::Discarding
    }

    /// Submitted and waiting for the store's answer: edits are refused meanwhile.
    pub fn is_saving(&self) -> bool {
        self.mode == Mode::Saving
    }

    /// Marks the form as waiting for the store (true) or editable again (false).
    pub fn set_saving(&mut self, saving: bool) {
        self.mode = if saving { Mode::Saving } else { Mode::Editing };
        if saving {
            self.status = None;
        }
    }

    /// Shows `text` in the form's status line (in the warning style when `warn`); the next
    /// edit clears it.
    pub fn set_status(&mut self, text: impl Into<String>, warn: bool) {
        self.status = Some(FormStatus {
            text: text.into(),
            warn,
        });
    }

    pub fn status(&self) -> Option<&FormStatus> {
        self.status.as_ref()
    }

    /// True when any field differs from what the form opened with.
    pub fn is_dirty(&self) -> bool {
        !self.changed_fields().is_empty()
    }

    /// The fields whose text the user changed (typed back to the start counts as unchanged).
    pub fn changed_fields(&self) -> Vec<FieldId> {
        self.fields
            .iter()
            .enumerate()
            .filter(|(i, f)| match f {
                F::OpenCall => self.open_call != self.base.open_call,
                _ => self.inputs[*i].value() != self.initial[*i],
            })
            .map(|(_, f)| *f)
            .collect()
    }

    /// The patch of a submitted record: only the fields whose value differs from [`base`].
    ///
    /// [`base`]: RecordForm::base
    pub fn patch(&self, submitted: Record) -> RecordPatch {
        RecordPatch::between(&self.base, submitted)
    }

    /// Completion candidates for the focused field: values starting with the typed text or
    /// containing it after folding (script, width, case), the typed value itself excluded.
    pub fn matches(&self) -> Vec<&str> {
        let pool = match self.focused() {
            F::Field => &self.suggestions.fields,
            F::Region => &self.suggestions.regions,
            _ => return Vec::new(),
        };
        let typed = self.inputs[self.focus].value().trim();
        if typed.is_empty() {
            return Vec::new();
        }
        let folded = fold(typed);
        pool.iter()
            .map(String::as_str)
            .filter(|v| *v != typed && (v.starts_with(typed) || fold(v).contains(&folded)))
            .take(MAX_SUGGESTIONS)
            .collect()
    }

    fn set_focus(&mut self, i: usize) {
        self.focus = i;
        self.pick = None;
    }

    fn accept_pick(&mut self) -> bool {
        let Some(p) = self.pick else { return false };
        let Some(v) = self.matches().get(p).map(|s| (*s).to_string()) else {
            return false;
        };
        self.inputs[self.focus].set_value(&v);
        self.errors[self.focus] = None;
        self.pick = None;
        true
    }

    /// Applies one intent. While saving every intent waits for the store's answer.
    pub fn handle(&mut self, input: &Input) -> FormOutcome {
        match self.mode {
            Mode::Saving => return FormOutcome::Pending,
            Mode::Discarding => {
                return match input {
                    Input::Yes => FormOutcome::Cancelled,
                    Input::No | Input::Cancel => {
                        self.mode = Mode::Editing;
                        FormOutcome::Pending
                    }
                    _ => FormOutcome::Pending,
                };
            }
            Mode::Editing => {}
        }
        let n = self.fields.len();
        let n_matches = self.matches().len();
        match input {
            Input::Save => return self.submit(),
            Input::ChoiceNext | Input::Down if n_matches > 0 => {
                self.pick = Some(self.pick.map_or(0, |p| (p + 1) % n_matches));
            }
            Input::ChoicePrev | Input::Up if self.pick.is_some() => {
                self.pick = self.pick.and_then(|p| p.checked_sub(1));
            }
            Input::Cancel if self.pick.is_some() => self.pick = None,
            Input::Cancel if self.is_dirty() => self.mode = Mode::Discarding,
            Input::Cancel => return FormOutcome::Cancelled,
            Input::NextField | Input::Submit if self.accept_pick() => {}
            Input::Submit if self.focus + 1 == n => return self.submit(),
            Input::NextField | Input::Submit => self.set_focus((self.focus + 1) % n),
            Input::PrevField => self.set_focus((self.focus + n - 1) % n),
            Input::Down => self.set_focus((self.focus + 1).min(n - 1)),
            Input::Up => self.set_focus(self.focus.saturating_sub(1)),
            Input::Toggle if self.focused() == F::OpenCall => {
                self.open_call = !self.open_call;
                self.status = None;
            }
            _ if self.focused() == F::OpenCall => {}
            other => {
                if self.inputs[self.focus].handle(other) == InputOutcome::Edited {
                    self.errors[self.focus] = None;
                    self.pick = None;
                    self.status = None;
                }
            }
        }
        FormOutcome::Pending
    }

    /// Validates every field; on success returns the record, else marks the bad fields and
    /// moves the focus to the first one.
    fn submit(&mut self) -> FormOutcome {
        let mut rec = self.base.clone();
        rec.open_call = self.open_call;
        for (i, f) in self.fields.iter().enumerate() {
            let typed = self.inputs[i].value();
            self.errors[i] = None;
            if *f == F::Title && typed.trim().is_empty() {
                self.errors[i] = Some(FieldError::Required);
                continue;
            }
            if typed == self.initial[i] {
                continue;
            }
            match f {
                F::Budget | F::Price => match Money::parse(typed) {
                    Ok(v) if *f == F::Budget => rec.budget = v,
                    Ok(v) => rec.price = v,
                    Err(e) => self.errors[i] = Some(FieldError::Amount(e)),
                },
                // A typed deadline must be a date (2027-03-31, 2027/3/31, 2027年3月31日);
                // only an import keeps other text, flagged.
                F::Deadline if typed.trim().is_empty() => {
                    rec.deadline.clear();
                    rec.deadline_text.clear();
                }
                F::Deadline => {
                    let iso = crate::import::values::parse_date(typed);
                    if crate::domain::date::iso_date(&iso).is_some() {
                        rec.deadline = iso;
                        rec.deadline_text.clear();
                    } else {
                        self.errors[i] = Some(FieldError::Deadline);
                    }
                }
                _ => {
                    if let Some(slot) = f.text_mut(&mut rec) {
                        *slot = typed.trim().to_string();
                    }
                }
            }
        }
        if let Some(bad) = self.errors.iter().position(Option::is_some) {
            self.set_focus(bad);
            return FormOutcome::Pending;
        }
        FormOutcome::Submit(rec)
    }

    pub(super) fn title(&self, lang: Lang) -> String {
        let code = self.base.code();
        match (self.editing, self.base.kind) {
            (false, Kind::Demand) => Msg::FormNewDemand.text(lang).to_string(),
            (false, Kind::Achievement) => Msg::FormNewResult.text(lang).to_string(),
            (true, Kind::Demand) => Msg::FormEditDemand.fill(lang, &[&code]),
            (true, Kind::Achievement) => Msg::FormEditResult.fill(lang, &[&code]),
        }
    }
}
