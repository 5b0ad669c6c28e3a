//! `SuggestionList`: partners the matcher proposes for one record, each with its score, the
//! reasons behind it and a marker when the pair already exists.

use crate::db::dismissals::DismissReason;
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
    /// Dismiss this record id for `reason`, or (`undo`) take its dismissal back.
    Dismiss {
        id: i64,
        undo: bool,
        reason: DismissReason,
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
    /// Asking why the row under the cursor is dismissed: the reason under the choice cursor.
    pub(super) asking: Option<usize>,
}

impl SuggestionList {
    /// `title` names the subject, e.g. "D12 铜箔": it is shown in the border.
    pub fn new(title: &str, rows: Vec<SuggestionVm>) -> SuggestionList {
        SuggestionList {
            title: one_line(title),
            rows,
            cursor: 0,
            hint: None,
            asking: None,
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

    /// Whether the list is asking why a suggestion is dismissed (its keys are then those of a
    /// row of choices: `Context::Choice`).
    pub fn is_asking(&self) -> bool {
        self.asking.is_some()
    }

    /// One intent: Down/Up move, Pair pairs with the row under the cursor, Dismiss asks why
    /// it is dismissed (or, on a dismissed row, takes that back), Cancel closes. While asking
    /// why: Up/Down move among the reasons, a digit 1–4 or Submit picks, Cancel stops asking.
    pub fn handle(&mut self, input: &Input) -> SuggestOutcome {
        if let Some(choice) = self.asking {
            return self.answer(choice, input);
        }
        match input {
            Input::Dismiss => match self.selected() {
                Some(r) if r.dismissed => SuggestOutcome::Dismiss {
                    id: r.id,
                    undo: true,
                    reason: DismissReason::Other,
                },
                Some(_) => {
                    self.asking = Some(0);
                    SuggestOutcome::Pending
                }
                None => SuggestOutcome::Pending,
            },
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

    fn answer(&mut self, choice: usize, input: &Input) -> SuggestOutcome {
        let last = DismissReason::ALL.len() - 1;
        let picked = match input {
            Input::Cancel => {
                self.asking = None;
                return SuggestOutcome::Pending;
            }
            Input::Down | Input::Right => {
                self.asking = Some((choice + 1).min(last));
                return SuggestOutcome::Pending;
            }
            Input::Up | Input::Left => {
                self.asking = Some(choice.saturating_sub(1));
                return SuggestOutcome::Pending;
            }
            Input::Submit | Input::Dismiss => choice,
            Input::Type(c) => match c.to_digit(10) {
                Some(d @ 1..=4) => d as usize - 1,
                _ => return SuggestOutcome::Pending,
            },
            _ => return SuggestOutcome::Pending,
        };
        self.asking = None;
        self.selected()
            .map_or(SuggestOutcome::Pending, |r| SuggestOutcome::Dismiss {
                id: r.id,
                undo: false,
                reason: DismissReason::ALL[picked.min(last)],
            })
    }
}

/// A dismissal reason as the list names it.
pub fn reason_label(reason: DismissReason, lang: crate::tui::Lang) -> &'static str {
    match reason {
        DismissReason::NotRelevant => lang.pick("不相关", "not relevant"),
        DismissReason::Known => lang.pick("已知晓", "already known"),
        DismissReason::WrongField => lang.pick("领域不符", "wrong field"),
        DismissReason::Other => lang.pick("其他", "other"),
    }
}
