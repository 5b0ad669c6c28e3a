//! The one overlay stack: every popup of the desk, the board and the agenda. The last overlay
//! is drawn on top and its context gets the keys first (see `keys::Keymap::resolve`).

use crate::domain::{Kind, Stage};
use crate::pipeline::PairDetail;
use crate::tui::features::conflict::Conflict;
use crate::tui::features::filters::picker::FilterPicker;
use crate::tui::features::followup::FollowUpForm;
use crate::tui::features::record_form::RecordForm;
use crate::tui::features::stage_prompt::StagePrompt;
use crate::tui::features::suggestions::SuggestionList;
use crate::tui::keys::Context;
use crate::tui::ui::confirm::Confirm;

/// What a confirmation is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    /// Close a record (status closed).
    Close { id: i64 },
    /// Delete a record with its pairs.
    Delete { kind: Kind, id: i64 },
    /// Delete a pair with its history and log.
    DeletePair { pair_id: i64 },
    /// Undo a step another process made (the one made at `at`).
    Undo { at: String },
}

/// One overlay.
#[derive(Debug, Clone)]
pub enum Overlay {
    /// The key help.
    Help { scroll: u16 },
    /// One record in full.
    Record { kind: Kind, id: i64, scroll: u16 },
    /// A yes/no question.
    Confirm { confirm: Confirm, pending: Pending },
    /// Adding or editing a record (boxed: the form is large).
    Form(Box<RecordForm>),
    /// Choosing between the form's values and the stored ones after a conflicting save; the
    /// form waits under it.
    Conflict(Box<Conflict>),
    /// Choosing filters.
    Picker(Box<FilterPicker>),
    /// The data a stage move needs (amount, contract, shelve reason).
    StagePrompt {
        pair_id: i64,
        /// The stage the user saw the pair in.
        from: Stage,
        to: Stage,
        prompt: StagePrompt,
    },
    /// Logging a follow-up.
    FollowUp { pair_id: i64, form: FollowUpForm },
    /// Logging a call on record `record` (code `code`): the note, and optionally a next
    /// action and its due date.
    Call {
        record: i64,
        code: crate::domain::Code,
        form: FollowUpForm,
    },
    /// Suggested partners of record `subject`.
    Suggestions { subject: i64, list: SuggestionList },
    /// One pair in full.
    PairDetail {
        detail: Box<PairDetail>,
        scroll: u16,
    },
    /// The stats view (`r`).
    Stats(Box<crate::tui::features::stats::StatsView>),
    /// A contract or payment form on a pair.
    Contract(Box<crate::tui::features::contract::ContractForm>),
    /// One organisation with its records, pairs and people.
    Org {
        detail: Box<crate::pipeline::org_view::OrgDetail>,
        scroll: u16,
        /// The highlighted contact (index into `detail.contacts`), once one is picked.
        pick: Option<usize>,
    },
    /// Adding or editing a contact; the organisation view waits under it.
    ContactForm(Box<crate::tui::features::contact_form::ContactForm>),
    /// Handing a pair over: whom to.
    Handover(Box<crate::tui::features::team::HandoverPrompt>),
}

impl Overlay {
    /// The context its keys resolve in. A form asking whether to discard typed text answers
    /// yes/no like any confirmation; a delete asks in its own context.
    pub fn context(&self) -> Context {
        match self {
            Overlay::Help { .. } => Context::Help,
            Overlay::Record { .. } => Context::Record,
            // Deleting is answered with `y` only: Enter, pressed out of habit, must not.
            Overlay::Confirm {
                pending: Pending::Delete { .. } | Pending::DeletePair { .. },
                ..
            } => Context::ConfirmDelete,
            Overlay::Confirm { .. } => Context::Confirm,
            Overlay::Form(f) if f.is_discarding() => Context::Confirm,
            Overlay::Form(f) if f.on_choice() => Context::FormChoice,
            Overlay::Form(_) => Context::Form,
            Overlay::Conflict(_) => Context::Conflict,
            Overlay::Picker(_) => Context::Picker,
            Overlay::StagePrompt { prompt, .. } if prompt.on_choice() => Context::Choice,
            // The contract forms are text lines like the stage prompt's: the same keys.
            Overlay::StagePrompt { .. } | Overlay::Contract(_) | Overlay::Handover(_) => {
                Context::Prompt
            }
            Overlay::FollowUp { form, .. } | Overlay::Call { form, .. } if form.is_discarding() => {
                Context::Confirm
            }
            // A call's form has no channel row: never on a choice.
            Overlay::FollowUp { form, .. } | Overlay::Call { form, .. } if form.on_choice() => {
                Context::Choice
            }
            Overlay::FollowUp { .. } | Overlay::Call { .. } => Context::FollowUp,
            // Asking why a suggestion is dismissed: a row of choices.
            Overlay::Suggestions { list, .. } if list.is_asking() => Context::Choice,
            Overlay::Suggestions { .. } => Context::Suggestions,
            Overlay::PairDetail { .. } => Context::PairDetail,
            // Typing the dates of a custom period: the text keys of a prompt.
            Overlay::Stats(v) if v.custom.is_some() => Context::Prompt,
            Overlay::Stats(_) => Context::Stats,
            Overlay::Org { .. } => Context::Org,
            Overlay::ContactForm(f) if f.is_discarding() => Context::Confirm,
            Overlay::ContactForm(_) => Context::ContactForm,
        }
    }
}
