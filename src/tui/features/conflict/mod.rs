//! The conflict overlay: the record changed in the store while the form was open. Given the
//! record the form started from (`base`), the user's values (`mine`) and the stored row now
//! (`theirs`), it lists the fields both sides changed to different values and lets the user
//! take mine or keep theirs per field, or for all at once. Fields only one side changed need
//! no choice: the patch carries the user's, the stored row keeps the others.

pub mod keys;
mod view;

use crate::domain::Record;
use crate::tui::action::Input;
use crate::tui::features::record_form::{FieldId, RecordPatch};

/// Which value a conflicting field gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Mine,
    Theirs,
}

/// One field both sides changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub field: FieldId,
    pub choice: Side,
}

#[derive(Debug, Clone, PartialEq)]
#[allow(
    clippy::large_enum_variant,
    reason = "one outcome per intent, returned and matched at once; never stored in bulk"
)]
pub enum ConflictOutcome {
    Pending,
    /// Back to the form, nothing written.
    Cancelled,
    /// The fields to write (with the user's values); every other field keeps the stored one.
    Resolved(RecordPatch),
}

/// The keys the hint names, read from the key table when the overlay opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConflictKeys {
    pub mine: String,
    pub theirs: String,
    pub all_mine: String,
    pub all_theirs: String,
    pub apply: String,
    pub cancel: String,
}

impl Default for ConflictKeys {
    fn default() -> ConflictKeys {
        ConflictKeys {
            mine: "←".into(),
            theirs: "→".into(),
            all_mine: "M".into(),
            all_theirs: "T".into(),
            apply: "enter".into(),
            cancel: "esc".into(),
        }
    }
}

impl ConflictKeys {
    pub fn from_keymap(keymap: &crate::tui::keys::Keymap) -> ConflictKeys {
        let d = ConflictKeys::default();
        let k = |name: &str, dflt: String| keymap.key_for(name).unwrap_or(dflt);
        ConflictKeys {
            mine: k("conflict_mine", d.mine),
            theirs: k("conflict_theirs", d.theirs),
            all_mine: k("conflict_all_mine", d.all_mine),
            all_theirs: k("conflict_all_theirs", d.all_theirs),
            apply: k("conflict_apply", d.apply),
            cancel: k("conflict_cancel", d.cancel),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    base: Record,
    mine: Record,
    theirs: Record,
    rows: Vec<Row>,
    /// Fields the user changed that the store did not: written without asking.
    mine_only: Vec<FieldId>,
    /// Fields only the store changed: kept without asking.
    theirs_only: usize,
    cursor: usize,
    keys: ConflictKeys,
}

impl Conflict {
    /// Compares the three versions. Every conflicting field starts as "mine": the user just
    /// typed it.
    pub fn new(base: Record, mine: Record, theirs: Record) -> Conflict {
        let mut rows = Vec::new();
        let mut mine_only = Vec::new();
        let mut theirs_only = 0;
        for f in FieldId::for_kind(base.kind) {
            let i_changed = !f.same(&base, &mine);
            let they_changed = !f.same(&base, &theirs);
            match (i_changed, they_changed) {
                (true, true) if !f.same(&mine, &theirs) => rows.push(Row {
                    field: *f,
                    choice: Side::Mine,
                }),
                // Both made the same change: nothing to choose, nothing to write.
                (true, true) | (false, false) => {}
                (true, false) => mine_only.push(*f),
                (false, true) => theirs_only += 1,
            }
        }
        Conflict {
            base,
            mine,
            theirs,
            rows,
            mine_only,
            theirs_only,
            cursor: 0,
            keys: ConflictKeys::default(),
        }
    }

    pub fn with_keys(mut self, keys: ConflictKeys) -> Conflict {
        self.keys = keys;
        self
    }

    /// No field needs a choice: [`Conflict::resolved`] can be written at once.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn base(&self) -> &Record {
        &self.base
    }

    pub fn mine(&self) -> &Record {
        &self.mine
    }

    /// The stored row the patch applies to.
    pub fn theirs(&self) -> &Record {
        &self.theirs
    }

    /// How many fields only the store changed (kept as stored).
    pub fn kept_theirs(&self) -> usize {
        self.theirs_only
    }

    /// The patch as chosen so far: the user's own changes, and each conflicting field set
    /// to mine; in form order.
    pub fn resolved(&self) -> RecordPatch {
        let fields = FieldId::for_kind(self.base.kind)
            .iter()
            .copied()
            .filter(|f| {
                self.mine_only.contains(f)
                    || self
                        .rows
                        .iter()
                        .any(|r| r.field == *f && r.choice == Side::Mine)
            })
            .collect();
        RecordPatch {
            id: self.theirs.id,
            kind: self.theirs.kind,
            fields,
            values: self.mine.clone(),
        }
    }

    fn choose(&mut self, side: Side) {
        if let Some(r) = self.rows.get_mut(self.cursor) {
            r.choice = side;
        }
    }

    /// Applies one intent.
    pub fn handle(&mut self, input: &Input) -> ConflictOutcome {
        let last = self.rows.len().saturating_sub(1);
        match input {
            Input::Down => self.cursor = (self.cursor + 1).min(last),
            Input::Up => self.cursor = self.cursor.saturating_sub(1),
            Input::Left => self.choose(Side::Mine),
            Input::Right => self.choose(Side::Theirs),
            Input::Toggle => {
                if let Some(r) = self.rows.get_mut(self.cursor) {
                    r.choice = match r.choice {
                        Side::Mine => Side::Theirs,
                        Side::Theirs => Side::Mine,
                    };
                }
            }
            Input::AllMine => self.rows.iter_mut().for_each(|r| r.choice = Side::Mine),
            Input::AllTheirs => self.rows.iter_mut().for_each(|r| r.choice = Side::Theirs),
            Input::Submit => return ConflictOutcome::Resolved(self.resolved()),
            Input::Cancel => return ConflictOutcome::Cancelled,
            _ => {}
        }
        ConflictOutcome::Pending
    }
}

#[cfg(test)]
mod tests;
