//! `ContactForm`: add a contact to an organisation, or edit one, from the organisation view —
//! name, phones, email, role, note. Checked as typed values are submitted (a phone needs 7
//! digits, an email an @, a contact a name, phone or email), the message beside its field.
//! It reads intents ([`Input`]); the key table (keys.rs) decides which keys mean them.

pub mod keys;
pub mod view;

use crate::domain::contact::{Contact, email_key, phone_digits, split_phones};
use crate::i18n::Lang;
use crate::i18n::orgs::OrgMsg;
use crate::tui::action::Input;
use crate::tui::ui::confirm::{Confirm, ConfirmOutcome};
use crate::tui::ui::input::{InputOutcome, TextInput};

/// The form's fields, in order.
pub const FIELDS: [OrgMsg; 5] = [
    OrgMsg::FieldName,
    OrgMsg::FieldPhones,
    OrgMsg::FieldEmail,
    OrgMsg::FieldRole,
    OrgMsg::FieldNote,
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContactFormOutcome {
    Pending,
    Cancelled,
    /// The contact as typed (id and code of the one edited, the organisation given).
    Submit(Box<Contact>),
}

#[derive(Debug, Clone)]
pub struct ContactForm {
    /// The contact edited, or a new one of the organisation (`org_id`).
    pub(super) base: Contact,
    /// The organisation's name, for the title.
    pub(super) org_name: String,
    pub(super) inputs: [TextInput; 5],
    pub(super) focus: usize,
    pub(super) error: Option<(usize, OrgMsg)>,
    pub(super) discarding: bool,
    /// The hint line, from the key table.
    pub(super) hint: String,
}

impl ContactForm {
    /// A form for `base` (a new contact when its id is 0) of organisation `org_name`.
    pub fn new(base: Contact, org_name: &str, hint: String) -> ContactForm {
        let values = [
            base.name.clone(),
            base.phones.join(" / "),
            base.email.clone(),
            base.role.clone(),
            base.note.clone(),
        ];
        ContactForm {
            inputs: values.map(|v| TextInput::with_value(&v)),
            base,
            org_name: crate::sanitize::one_line(org_name),
            focus: 0,
            error: None,
            discarding: false,
            hint,
        }
    }

    pub fn is_discarding(&self) -> bool {
        self.discarding
    }

    /// The contact being edited (id 0 for a new one).
    pub fn base(&self) -> &Contact {
        &self.base
    }

    fn typed(&self) -> Contact {
        let v = |i: usize| self.inputs[i].value().trim().to_string();
        Contact {
            name: v(0),
            phones: split_phones(&v(1)),
            email: v(2),
            role: v(3),
            note: v(4),
            ..self.base.clone()
        }
    }

    fn is_dirty(&self) -> bool {
        let t = self.typed();
        (
            t.name.as_str(),
            &t.phones,
            t.email.as_str(),
            t.role.as_str(),
            t.note.as_str(),
        ) != (
            self.base.name.as_str(),
            &self.base.phones,
            self.base.email.as_str(),
            self.base.role.as_str(),
            self.base.note.as_str(),
        )
    }

    /// What is wrong with the typed values, and in which field.
    fn check(&self) -> Option<(usize, OrgMsg)> {
        let phones = self.inputs[1].value();
        let bad_phone = phones
            .split([',', ';', '/', '、', '，', '；', '|'])
            .any(|p| !p.trim().is_empty() && phone_digits(p).is_empty());
        let t = self.typed();
        if bad_phone {
            Some((1, OrgMsg::BadPhone))
        } else if !t.email.is_empty() && email_key(&t.email).is_empty() {
            Some((2, OrgMsg::BadEmail))
        } else if t.name.is_empty() && t.phones.is_empty() && t.email.is_empty() {
            Some((0, OrgMsg::NeedNameOrNumber))
        } else {
            None
        }
    }

    /// The message beside a field, in `lang`.
    pub fn error_text(&self, field: usize, lang: Lang) -> Option<&'static str> {
        self.error
            .filter(|(f, _)| *f == field)
            .map(|(_, m)| m.text(lang))
    }

    /// One intent: fields move with Tab/Enter/↑↓; Enter on the last field or Save submits
    /// (when the values pass); Cancel asks first when something was typed.
    pub fn handle(&mut self, input: &Input) -> ContactFormOutcome {
        if self.discarding {
            return match Confirm::new("", "").handle(input) {
                ConfirmOutcome::Yes => ContactFormOutcome::Cancelled,
                ConfirmOutcome::No => {
                    self.discarding = false;
                    ContactFormOutcome::Pending
                }
                ConfirmOutcome::Pending => ContactFormOutcome::Pending,
            };
        }
        let last = FIELDS.len() - 1;
        match input {
            Input::Cancel if self.is_dirty() => self.discarding = true,
            Input::Cancel => return ContactFormOutcome::Cancelled,
            Input::Save => return self.submit(),
            Input::Submit if self.focus == last => return self.submit(),
            Input::Submit | Input::NextField | Input::Down => {
                self.focus = (self.focus + 1).min(last);
            }
            Input::PrevField | Input::Up => self.focus = self.focus.saturating_sub(1),
            edit => {
                if self.inputs[self.focus].handle(edit) == InputOutcome::Edited
                    && self.error.is_some_and(|(f, _)| f == self.focus)
                {
                    self.error = None;
                }
            }
        }
        ContactFormOutcome::Pending
    }

    fn submit(&mut self) -> ContactFormOutcome {
        if let Some((field, msg)) = self.check() {
            self.focus = field;
            self.error = Some((field, msg));
            return ContactFormOutcome::Pending;
        }
        ContactFormOutcome::Submit(Box::new(self.typed()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(f: &mut ContactForm, text: &str) {
        for c in text.chars() {
            f.handle(&Input::Type(c));
        }
    }

    #[test]
    fn a_new_contact_is_checked_then_submitted() {
        let base = Contact {
            org_id: Some(3),
            ..Contact::default()
        };
        let mut f = ContactForm::new(base, "汉威科技", String::new());
        assert_eq!(f.handle(&Input::Save), ContactFormOutcome::Pending);
        assert_eq!(
            f.error_text(0, Lang::En),
            Some(OrgMsg::NeedNameOrNumber.text(Lang::En))
        );
        typed(&mut f, "张工");
        assert_eq!(f.error, None, "typing in the field clears its message");
        f.handle(&Input::NextField);
        typed(&mut f, "139-2222-3333 / 12");
        assert_eq!(f.handle(&Input::Save), ContactFormOutcome::Pending);
        assert_eq!((f.focus, f.error.map(|e| e.1)), (1, Some(OrgMsg::BadPhone)));
        for _ in 0..5 {
            f.handle(&Input::Backspace);
        }
        f.handle(&Input::NextField);
        typed(&mut f, "zhang@hw.example");
        let ContactFormOutcome::Submit(c) = f.handle(&Input::Save) else {
            panic!("not submitted");
        };
        assert_eq!(
            (
                c.name.as_str(),
                c.phones.clone(),
                c.email.as_str(),
                c.org_id
            ),
            (
                "张工",
                vec!["139-2222-3333".to_string()],
                "zhang@hw.example",
                Some(3)
            )
        );
    }

    #[test]
    fn cancel_asks_only_when_something_changed() {
        let base = Contact {
            id: 4,
            seq: 4,
            name: "李总".into(),
            ..Contact::default()
        };
        let mut f = ContactForm::new(base.clone(), "汉威", String::new());
        assert_eq!(f.handle(&Input::Cancel), ContactFormOutcome::Cancelled);
        let mut f = ContactForm::new(base, "汉威", String::new());
        typed(&mut f, "经理");
        assert_eq!(f.handle(&Input::Cancel), ContactFormOutcome::Pending);
        assert!(f.is_discarding());
        assert_eq!(f.handle(&Input::Yes), ContactFormOutcome::Cancelled);
    }
}
