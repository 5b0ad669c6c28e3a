//! The organisation view's update: `O` asks the runner for the organisation behind what is
//! selected (or on top), the answer opens the view (or replaces the one open), the navigation
//! keys scroll it, Tab picks a contact, `+`/`e` open the contact form, whose submit goes out
//! as a save. Pure: reads and writes go out as effects.

use crate::domain::contact::Contact;
use crate::i18n::orgs::OrgMsg;
use crate::pipeline::org_view::{OrgDetail, OrgOf};
use crate::tui::action::Input;
use crate::tui::effect::Effect;
use crate::tui::features::contact_form::{ContactForm, ContactFormOutcome};
use crate::tui::features::org::{OrgAction, OrgEffect};
use crate::tui::model::{Model, View};
use crate::tui::overlay::Overlay;

/// What `O` is about: the pair or record on top, else the selection of the view on screen.
pub fn subject(m: &Model) -> Option<OrgOf> {
    match m.overlays.last() {
        Some(Overlay::PairDetail { detail, .. }) => Some(OrgOf::Pair(detail.pair_id)),
        Some(Overlay::Record { id, .. }) => Some(OrgOf::Record(*id)),
        Some(_) => None,
        None => match m.view {
            View::Board => m.pipe.board.selected().map(|c| OrgOf::Pair(c.pair_id)),
            View::Agenda => m
                .pipe
                .agenda
                .selected()
                .map(|(_, i)| OrgOf::Pair(i.pair_id)),
            View::Desk => m.selected().map(|r| OrgOf::Record(r.id)),
        },
    }
}

fn open_view(m: &mut Model) -> Option<(&mut OrgDetail, &mut u16, &mut Option<usize>)> {
    match m.overlays.last_mut() {
        Some(Overlay::Org {
            detail,
            scroll,
            pick,
        }) => Some((detail, scroll, pick)),
        _ => None,
    }
}

/// The form's hint line, from the key table.
fn form_hint(m: &Model) -> String {
    let k = |name: &str| m.keymap.key_for(name).unwrap_or_default();
    format!(
        "{} {} · {} {} · {} {}",
        k("field_next"),
        m.lang.pick("下一项", "next"),
        k("contact_save"),
        m.lang.pick("保存", "save"),
        k("overlay_cancel"),
        m.lang.pick("取消", "cancel"),
    )
}

pub fn update(m: &mut Model, action: OrgAction) -> Vec<Effect> {
    match action {
        OrgAction::Open => {
            if let Some(Overlay::Org { .. }) = m.overlays.last() {
                return vec![];
            }
            if let Some(of) = subject(m) {
                m.info(OrgMsg::Loading.text(m.lang));
                vec![Effect::Org(OrgEffect::Load(of))]
            } else {
                m.warn(crate::i18n::Msg::NoRecordSelected.text(m.lang));
                vec![]
            }
        }
        OrgAction::Shown(detail) => {
            m.message = None;
            show(m, detail);
            vec![]
        }
        OrgAction::NoOrg => {
            m.warn(OrgMsg::NoOrg.text(m.lang));
            vec![]
        }
        OrgAction::Scroll(delta) => {
            if let Some((_, scroll, _)) = open_view(m) {
                // Clamped by the renderer against the text height.
                let next =
                    (i64::from(*scroll) + i64::from(delta)).clamp(0, i64::from(u16::MAX / 2));
                *scroll = next as u16;
            }
            vec![]
        }
        OrgAction::Top => {
            if let Some((_, scroll, _)) = open_view(m) {
                *scroll = 0;
            }
            vec![]
        }
        OrgAction::NextContact => {
            if let Some((detail, _, pick)) = open_view(m) {
                let n = detail.contacts.len();
                *pick = (n > 0).then(|| pick.map_or(0, |i| (i + 1) % n));
            }
            vec![]
        }
        OrgAction::AddContact => {
            let Some((detail, _, _)) = open_view(m) else {
                return vec![];
            };
            let base = Contact {
                org_id: Some(detail.org.id),
                ..Contact::default()
            };
            let name = detail.org.name.clone();
            let form = ContactForm::new(base, &name, form_hint(m));
            m.overlays.push(Overlay::ContactForm(Box::new(form)));
            vec![]
        }
        OrgAction::EditContact => {
            let Some((detail, _, pick)) = open_view(m) else {
                return vec![];
            };
            let picked = pick.or((detail.contacts.len() == 1).then_some(0));
            let Some(c) = picked.and_then(|i| detail.contacts.get(i)).cloned() else {
                let key = m.keymap.key_for("org_next_contact").unwrap_or_default();
                m.warn(OrgMsg::PickContact.fill(m.lang, &[&key]));
                return vec![];
            };
            let name = detail.org.name.clone();
            let form = ContactForm::new(c, &name, form_hint(m));
            m.overlays.push(Overlay::ContactForm(Box::new(form)));
            vec![]
        }
        OrgAction::ContactSaved { code, detail } => {
            if let Some(Overlay::ContactForm(_)) = m.overlays.last() {
                m.overlays.pop();
            }
            show(m, detail);
            m.info(OrgMsg::ContactSaved.fill(m.lang, &[&code]));
            vec![]
        }
        OrgAction::SaveFailed(why) => {
            m.warn(why);
            vec![]
        }
    }
}

/// Shows `detail`: over the open view of the same organisation (keeping its scroll), or on
/// top.
fn show(m: &mut Model, detail: Box<OrgDetail>) {
    let id = detail.org.id;
    let open = m.overlays.iter_mut().rev().find_map(|o| match o {
        Overlay::Org {
            detail: d, pick, ..
        } if d.org.id == id => Some((d, pick)),
        _ => None,
    });
    if let Some((d, pick)) = open {
        *d = detail;
        *pick = pick.filter(|i| *i < d.contacts.len());
        return;
    }
    if let Some(Overlay::Org { .. }) = m.overlays.last() {
        m.overlays.pop();
    }
    m.overlays.push(Overlay::Org {
        detail,
        scroll: 0,
        pick: None,
    });
}

/// An intent for the contact form on top.
pub fn form_input(m: &mut Model, input: &Input) -> Vec<Effect> {
    let Some(Overlay::ContactForm(form)) = m.overlays.last_mut() else {
        return vec![];
    };
    match form.handle(input) {
        ContactFormOutcome::Pending => vec![],
        ContactFormOutcome::Cancelled => {
            m.overlays.pop();
            vec![]
        }
        ContactFormOutcome::Submit(c) => {
            m.info(crate::i18n::Msg::FormSaving.text(m.lang));
            vec![Effect::Org(OrgEffect::SaveContact(c))]
        }
    }
}

#[cfg(test)]
#[path = "update_tests.rs"]
mod tests;
