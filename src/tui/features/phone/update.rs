//! The phone intents' update: the contact line copied (the runner writes it to the terminal
//! as OSC 52), a call logged on a record through a form that asks for the note first, a
//! pair's demand or result opened, the mouse given to the terminal and taken back, and the
//! answers. Pure: every write goes out as an effect.

use crate::domain::Kind;
use crate::i18n::phone::PhoneMsg;
use crate::pipeline::CallRequest;
use crate::tui::action::Input;
use crate::tui::effect::Effect;
use crate::tui::features::followup::update::due_of;
use crate::tui::features::followup::{FollowUpField, FollowUpForm, FollowUpOutcome};
use crate::tui::features::phone::{PhoneAction, PhoneEffect};
use crate::tui::features::pipeline::keys::hint;
use crate::tui::model::Model;
use crate::tui::overlay::Overlay;
use crate::tui::ui::contact::contact_line;

/// One phone intent or answer.
pub fn update(m: &mut Model, action: PhoneAction) -> Vec<Effect> {
    match action {
        PhoneAction::Copy => copy(m),
        PhoneAction::Call => open_call(m),
        PhoneAction::OpenSide(kind) => open_side(m, kind),
        PhoneAction::ToggleMouse => {
            m.mouse = !m.mouse;
            let key = m.keymap.key_for("toggle_mouse").unwrap_or_default();
            let msg = if m.mouse {
                PhoneMsg::MouseOn
            } else {
                PhoneMsg::MouseOff
            };
            m.info(msg.fill(m.lang, &[&key]));
            vec![Effect::Phone(PhoneEffect::Mouse(m.mouse))]
        }
        PhoneAction::Logged { record, pairs } => {
            let text = if pairs.is_empty() {
                PhoneMsg::CallNoted.fill(m.lang, &[&record])
            } else {
                PhoneMsg::CallOnPairs.fill(m.lang, &[&record, &pairs.join(", ")])
            };
            m.info(text);
            vec![]
        }
        PhoneAction::LogRead { id, notes } => {
            m.log = Some((id, notes));
            vec![]
        }
    }
}

/// The record `c` and `y` are about: the one open full-screen, else the focused list's
/// selection.
fn target(m: &Model) -> Option<&crate::tui::features::desk::row::DeskRow> {
    match m.overlays.last() {
        Some(Overlay::Record { kind, id, .. }) => m.list(*kind).records.get(id),
        _ => m.selected(),
    }
}

/// `y`: the contact line (联系人 电话 单位), sanitised, to the clipboard.
fn copy(m: &mut Model) -> Vec<Effect> {
    let Some(row) = target(m) else {
        return vec![];
    };
    let line = contact_line(row.contact(), row.phone(), row.org());
    if line.is_empty() {
        let code = row.code();
        m.warn(PhoneMsg::NothingToCopy.fill(m.lang, &[&code]));
        return vec![];
    }
    m.info(PhoneMsg::Copied.fill(m.lang, &[&line]));
    vec![Effect::Phone(PhoneEffect::Copy(line))]
}

/// `c`: the call form on the target record, its title naming the record and who is on the
/// line.
fn open_call(m: &mut Model) -> Vec<Effect> {
    let Some(row) = target(m) else {
        return vec![];
    };
    let (record, code) = (row.id, row.code());
    let who = contact_line(row.contact(), row.phone(), "");
    let title = PhoneMsg::CallTitle.fill(m.lang, &[&format!("{code} {who}").trim_end()]);
    let keys = hint(
        &m.keymap,
        m.lang,
        &[
            (
                "field_next",
                "下一项（下一步、截止）",
                "next (next action, due)",
            ),
            ("form_enter", "保存", "save"),
            ("overlay_cancel", "取消", "cancel"),
        ],
    );
    let form = FollowUpForm::call(&title).with_hint(keys);
    m.overlays.push(Overlay::Call { record, code, form });
    vec![]
}

/// An intent for the call form on top: typing, and on submit the call goes out.
pub fn input(m: &mut Model, input: &Input) -> Vec<Effect> {
    let today = m.pipe.today;
    let lang = m.lang;
    let Some(Overlay::Call { code, form, .. }) = m.overlays.last_mut() else {
        return vec![];
    };
    match form.handle(input) {
        FollowUpOutcome::Pending => vec![],
        FollowUpOutcome::Cancelled => {
            m.overlays.pop();
            vec![]
        }
        FollowUpOutcome::Submit(data) => {
            if data.note.is_empty() {
                form.set_error(
                    FollowUpField::Note,
                    lang.pick("请填写通话内容", "what was said?"),
                );
                return vec![];
            }
            let Some(next_due) = due_of(form, &data, today, lang) else {
                return vec![];
            };
            let req = CallRequest {
                record: *code,
                channel: data.channel,
                note: data.note,
                next_action: data.next_action,
                next_due,
            };
            m.overlays.pop();
            vec![Effect::Phone(PhoneEffect::Call(req))]
        }
    }
}

/// `d` / `r` on a pair: its demand or result full-screen, over the view (Esc comes back).
fn open_side(m: &mut Model, kind: Kind) -> Vec<Effect> {
    let pair_id = match m.overlays.last() {
        Some(Overlay::PairDetail { detail, .. }) => Some(detail.pair_id),
        Some(_) => None,
        None => match m.view {
            crate::tui::model::View::Board => m.pipe.board.selected().map(|c| c.pair_id),
            crate::tui::model::View::Agenda => m.pipe.agenda.selected().map(|(_, i)| i.pair_id),
            crate::tui::model::View::Desk => None,
        },
    };
    let Some(line) = pair_id.and_then(|id| {
        let i = m.pipe.pairs.binary_search_by_key(&id, |p| p.pair_id).ok()?;
        Some(&m.pipe.pairs[i])
    }) else {
        return vec![];
    };
    let (id, code) = match kind {
        Kind::Demand => (line.demand_id, line.demand_code.clone()),
        Kind::Achievement => (line.result_id, line.result_code.clone()),
    };
    if !m.list(kind).records.contains_key(&id) {
        // Its row has not arrived yet (the lists load in the background).
        m.warn(format!(
            "{} {}",
            crate::sanitize::one_line(&code),
            m.lang.pick(
                "仍在加载，请稍候再试",
                "is still loading; try again in a moment"
            )
        ));
        return vec![];
    }
    m.overlays.push(Overlay::Record {
        kind,
        id,
        scroll: 0,
    });
    vec![]
}

#[cfg(test)]
#[path = "update_tests.rs"]
mod tests;
