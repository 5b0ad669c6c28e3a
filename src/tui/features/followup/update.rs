//! The follow-up form's update: opening it on a pair, and turning its answer into a logged
//! follow-up. A due date that does not parse, or one without a next action, keeps the form
//! open with the error beside its field. Pure: the log goes out as an effect.

use crate::pipeline::{LogRequest, parse_due};
use crate::tui::action::Input;
use crate::tui::effect::Effect;
use crate::tui::effect::PipeEffect;
use crate::tui::features::followup::{FollowUpField, FollowUpForm, FollowUpInput, FollowUpOutcome};
use crate::tui::features::pipeline::keys::hint;
use crate::tui::features::pipeline::pair_code;
use crate::tui::model::Model;
use crate::tui::overlay::Overlay;

/// Opens the form on pair `pair_id`.
pub fn open(m: &mut Model, pair_id: i64) -> Vec<Effect> {
    let keys = hint(
        &m.keymap,
        m.lang,
        &[
            ("choice_right", "方式", "channel"),
            ("field_next", "切换", "next"),
            ("form_enter", "保存", "save"),
            ("overlay_cancel", "取消", "cancel"),
        ],
    );
    let form = FollowUpForm::new(&pair_code(pair_id).to_string()).with_hint(keys);
    m.overlays.push(Overlay::FollowUp { pair_id, form });
    vec![]
}

/// An intent for the form on top.
pub fn input(m: &mut Model, input: &Input) -> Vec<Effect> {
    let today = m.pipe.today;
    let lang = m.lang;
    let Some(Overlay::FollowUp { pair_id, form }) = m.overlays.last_mut() else {
        return vec![];
    };
    match form.handle(input) {
        FollowUpOutcome::Pending => vec![],
        FollowUpOutcome::Cancelled => {
            m.overlays.pop();
            vec![]
        }
        FollowUpOutcome::Submit(data) => {
            let Some(next_due) = due_of(form, &data, today, lang) else {
                return vec![];
            };
            let req = LogRequest {
                pair: pair_code(*pair_id),
                channel: data.channel,
                note: data.note,
                next_action: data.next_action,
                next_due,
                done: false,
            };
            m.overlays.pop();
            vec![Effect::Pipe(PipeEffect::Log(req))]
        }
    }
}

/// The due date of a submitted form, read on `today`: `None` when it does not parse or dates
/// no next action (the error is then shown beside its field and the form stays open), else
/// the date if one was typed.
pub fn due_of(
    form: &mut FollowUpForm,
    data: &FollowUpInput,
    today: jiff::civil::Date,
    lang: crate::i18n::Lang,
) -> Option<Option<jiff::civil::Date>> {
    let next_due = match data.due_text.as_deref().map(|t| parse_due(t, today)) {
        None => None,
        Some(Ok(d)) => Some(d),
        Some(Err(e)) => {
            form.set_error(FollowUpField::Due, e.to_string());
            return None;
        }
    };
    if next_due.is_some() && data.next_action.is_none() {
        form.set_error(
            FollowUpField::NextAction,
            lang.pick("有截止日期时需填写下一步", "a due date needs a next action"),
        );
        return None;
    }
    Some(next_due)
}

#[cfg(test)]
#[path = "update_tests.rs"]
mod tests;
