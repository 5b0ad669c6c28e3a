//! The people a search names, on the desk: when the query is a phone number (any writing, or
//! a tail of 4+ digits), an email, a name or a contact code, a band above the lists shows each
//! contact found (code, name, role, organisation, phones, email, what it reaches), and the
//! lists show, after the query's own hits, the records the contacts reach (their own, then
//! their organisation's). The band is the first of the results: the selection starts on it
//! when it appears, Up from a list's first row goes back to it, and Enter or `O` on it opens
//! the contact's organisation. The detail pane then shows the contact.
//!
//! The lookup runs off the loop (`app/lookup.rs`), on the same queries the search workers get,
//! and answers with [`LookupAction::Answered`].

pub mod update;
pub mod view;

use crate::pipeline::lookup::{ContactHit, Lookup};

/// Band lines at most (more contacts are counted on its first line).
pub const BAND_LINES: usize = 3;

/// What the latest lookup found, and whether the band holds the selection.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LookupModel {
    /// Sequence number of the search the lookup answered last.
    pub answered: u64,
    /// The people found (None: the query names nobody).
    pub found: Option<Box<Lookup>>,
    /// The band line holding the selection, if the band holds it (else the list does).
    pub pick: Option<usize>,
}

impl LookupModel {
    /// The contacts the band shows.
    pub fn shown(&self) -> &[ContactHit] {
        self.found
            .as_deref()
            .map_or(&[], |l| &l.contacts[..l.contacts.len().min(BAND_LINES)])
    }

    /// Contacts found beyond those the band shows.
    pub fn hidden(&self) -> usize {
        self.found
            .as_deref()
            .map_or(0, |l| l.contacts.len() + l.more - self.shown().len())
    }

    /// The band's height in lines.
    pub fn lines(&self) -> u16 {
        self.shown().len() as u16
    }

    /// The contact holding the selection.
    pub fn picked(&self) -> Option<&ContactHit> {
        self.pick.and_then(|i| self.shown().get(i))
    }
}

/// The lookup's answers.
#[derive(Debug, Clone, PartialEq)]
pub enum LookupAction {
    /// Who the query of search `seq` names (None: nobody, or not a query that names people).
    Answered {
        seq: u64,
        found: Option<Box<Lookup>>,
    },
}
