//! `SuggestionList`: partners the matcher proposes for one record, each with its score, the
//! reasons behind it and a marker when the pair already exists.

use crate::sanitize::one_line;
use crate::tui::action::Input;

/// One suggested partner record.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SuggestionVm {
    pub id: i64,
    pub code: String,
    pub title: String,
    pub org: String,
    pub score: f64,
    pub reasons: Vec<String>,
    pub paired: bool,
    /// Dismissed by the broker from this list (shown until the list closes).
    pub dismissed: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SuggestOutcome {
    Pending,
    /// Pair the subject with this record id.
    Pair(i64),
    /// Dismiss this record id, or (`undo`) take its dismissal back.
    Dismiss {
        id: i64,
        undo: bool,
    },
    Close,
}

#[derive(Debug, Clone, Default)]
pub struct SuggestionList {
    pub(super) title: String,
    pub(super) rows: Vec<SuggestionVm>,
    pub(super) cursor: usize,
    /// The hint line (the keys of the current key table), when the opener set one.
    pub(super) hint: Option<String>,
}

impl SuggestionList {
    /// `title` names the subject, e.g. "D12 铜箔": it is shown in the border.
    pub fn new(title: &str, rows: Vec<SuggestionVm>) -> SuggestionList {
        SuggestionList {
            title: one_line(title),
            rows,
            cursor: 0,
            hint: None,
        }
    }

    /// Replaces the default hint line (set from the key table by whoever opens the list).
    pub fn with_hint(mut self, hint: String) -> SuggestionList {
        self.hint = Some(hint);
        self
    }

    pub fn selected(&self) -> Option<&SuggestionVm> {
        self.rows.get(self.cursor)
    }

    /// Marks a row as paired (after the caller made the pair), keeping the cursor.
    pub fn mark_paired(&mut self, id: i64) {
        if let Some(r) = self.rows.iter_mut().find(|r| r.id == id) {
            r.paired = true;
        }
    }

    /// Marks a row as dismissed or not, keeping the cursor.
    pub fn mark_dismissed(&mut self, id: i64, on: bool) {
        if let Some(r) = self.rows.iter_mut().find(|r| r.id == id) {
            r.dismissed = on;
        }
    }

    /// One intent: Down/Up move, Pair pairs with the row under the cursor, Dismiss dismisses
    /// it (or takes that back), Cancel closes.
    pub fn handle(&mut self, input: &Input) -> SuggestOutcome {
        match input {
            Input::Dismiss => {
                self.selected()
                    .map_or(SuggestOutcome::Pending, |r| SuggestOutcome::Dismiss {
                        id: r.id,
                        undo: r.dismissed,
                    })
            }
            Input::Cancel => SuggestOutcome::Close,
            Input::Pair => self
                .selected()
                .map_or(SuggestOutcome::Pending, |r| SuggestOutcome::Pair(r.id)),
            Input::Down => {
                self.cursor = (self.cursor + 1).min(self.rows.len().saturating_sub(1));
                SuggestOutcome::Pending
            }
            Input::Up => {
                self.cursor = self.cursor.saturating_sub(1);
                SuggestOutcome::Pending
            }
            _ => SuggestOutcome::Pending,
        }
    }
}
