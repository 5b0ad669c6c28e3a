//! What an undo did: the step taken back, what could not be done as it says, and the words
//! that tell the broker.

use crate::domain::undo::{Inverse, UndoStep, Unreadable};
use crate::i18n::{Lang, Msg};

/// What an undo did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undone {
    /// The step taken back, as journalled.
    pub step: UndoStep,
    /// The label to show, in English: the step's, with the note in parentheses ("(already
    /// gone; nothing to restore)"). [`Undone::describe`] gives it in the user's language.
    pub label: String,
    /// What did not go as the step says, if anything.
    pub note: Option<Note>,
    /// Whether anything was restored.
    pub applied: bool,
    /// Later steps of other brokers passed over and left in place, newest first.
    pub passed: Vec<UndoStep>,
    /// The record the step restored, if it was a record edit.
    pub record: Option<i64>,
    /// The pair the step touched, if any (it may be gone now: an undone pairing).
    pub pair: Option<i64>,
}

/// What an undo could not do as its step says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// Its target no longer exists: nothing was restored.
    Gone,
    /// The entry cannot be read (a newer build's, or damaged): skipped.
    Skipped(Unreadable),
    /// The record it would delete has pairs now (made by steps the journal no longer
    /// holds): kept.
    KeptPaired(i64),
    /// A restored record's pairs whose other record is gone.
    PairsNotRestored(u64),
    /// An import taken back in part.
    ImportPartly {
        /// Records it added that are paired now: kept.
        kept: u64,
        /// Records it updated that were deleted since.
        gone: u64,
        /// Former contents that could not be read.
        unreadable: u64,
    },
}

impl Note {
    /// The note in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Note::Gone => Msg::UndoGone.text(lang).to_string(),
            Note::Skipped(Unreadable::Newer { found }) => {
                Msg::UndoSkippedNewer.fill(lang, &[found])
            }
            Note::Skipped(Unreadable::Bad(why)) => Msg::UndoSkippedBad.fill(lang, &[why]),
            Note::KeptPaired(n) => Msg::UndoKeptPaired.fill(lang, &[n]),
            Note::PairsNotRestored(n) => Msg::UndoPairsNotRestored.fill(lang, &[n]),
            Note::ImportPartly {
                kept,
                gone,
                unreadable,
            } => {
                let parts = [
                    (*kept, Msg::UndoImportKept),
                    (*gone, Msg::UndoImportGone),
                    (*unreadable, Msg::UndoImportUnreadable),
                ];
                let texts: Vec<String> = parts
                    .iter()
                    .filter(|(n, _)| *n > 0)
                    .map(|(n, msg)| msg.fill(lang, &[n]))
                    .collect();
                texts.join(lang.pick("；", "; "))
            }
        }
    }
}

impl Undone {
    /// What was undone, in `lang` (the step's label is data and stays as journalled), and
    /// the colleagues' later steps it passed over.
    pub fn describe(&self, lang: Lang) -> String {
        let what = self.describe_step(lang);
        if self.passed.is_empty() {
            return what;
        }
        let passed = crate::i18n::team::TeamMsg::UndoPassed.fill(
            lang,
            &[
                &crate::pipeline::team::names_of(&self.passed),
                &self.passed.len(),
            ],
        );
        format!(
            "{what}{}{passed}{}",
            lang.pick("（", " ("),
            lang.pick("）", ")")
        )
    }

    /// What was undone, in `lang`, with what was left of it.
    fn describe_step(&self, lang: Lang) -> String {
        match &self.note {
            None => self.step.label_in(lang),
            Some(note) => format!(
                "{}{}{}{}",
                self.step.label_in(lang),
                lang.pick("（", " ("),
                note.text(lang),
                lang.pick("）", ")")
            ),
        }
    }
}

impl Undone {
    /// What undoing `step` did: `note` says what was left, `inverse` what it touched,
    /// `passed` the colleagues' later steps left in place.
    pub(super) fn new(
        step: UndoStep,
        note: Option<Note>,
        inverse: Option<&Inverse>,
        passed: Vec<UndoStep>,
    ) -> Undone {
        let (record, pair) = inverse.map_or((None, None), crate::pipeline::team::touches);
        let mut undone = Undone {
            label: String::new(),
            applied: !matches!(note, Some(Note::Gone | Note::Skipped(_))),
            note,
            step,
            record,
            pair,
            passed,
        };
        undone.label = undone.describe(Lang::En);
        undone
    }
}
