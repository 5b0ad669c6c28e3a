//! The organisation view: `O` on a record, a pair (on the board, the agenda or in its
//! detail) opens the organisation behind it, with its demands, results, pairs, latest
//! follow-ups, people and totals. Its state is the overlay (`Overlay::Org`); its keys scroll
//! it.

pub mod keys;
pub mod update;
pub mod view;

use crate::domain::contact::Contact;
use crate::pipeline::org_view::{OrgDetail, OrgOf};

/// The organisation view's intents (keys) and answers (the runner's).
#[derive(Debug, Clone, PartialEq)]
pub enum OrgAction {
    /// Open the organisation of what is selected or shown on top.
    Open,
    /// Scroll the open view by this many lines (negative: up).
    Scroll(i32),
    /// Scroll to the top.
    Top,
    /// The view, read.
    Shown(Box<OrgDetail>),
    /// What was asked about belongs to no organisation (its org text is empty).
    NoOrg,
    /// Highlight the next contact of the open view (for editing).
    NextContact,
    /// Open the contact form for a new contact of the open organisation.
    AddContact,
    /// Open the contact form on the highlighted contact.
    EditContact,
    /// A contact was saved: its code, and the organisation read again.
    ContactSaved {
        code: String,
        detail: Box<OrgDetail>,
    },
    /// Saving a contact failed: the form stays open.
    SaveFailed(String),
}

/// What the organisation view asks of the runner.
#[derive(Debug, Clone, PartialEq)]
pub enum OrgEffect {
    /// Read the view of the organisation behind a record, pair, contact or code.
    Load(OrgOf),
    /// Add (id 0) or rewrite a contact, then read its organisation again.
    SaveContact(Box<Contact>),
}
