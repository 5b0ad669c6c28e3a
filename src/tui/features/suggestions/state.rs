//! `SuggestionList`: partners the matcher proposes for one record, each with its score, the
//! reasons behind it and a marker when the pair already exists.

use crate::db::dismissals::DismissReason;
use crate::matching::{Suggestion, Warning, Why};
use crate::sanitize::one_line;
use crate::tui::action::Input;

/// One suggested partner record, as data: the view words its reasons and warnings in the
/// desk's language when it draws them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SuggestionVm {
    pub id: i64,
    pub code: String,
    pub title: String,
    pub org: String,
    pub score: f64,
    /// What raised the score, each with its share.
    pub reasons: Vec<Why>,
    /// What speaks against it (never part of the score).
    pub warnings: Vec<Warning>,
    pub paired: bool,
    /// Dismissed by the broker from this list (shown until the list closes).
    pub dismissed: bool,
    /// In a list of new matches, the record this row is suggested for: (row id, code and
    /// title). `None` in one record's own list.
    pub with: Option<(i64, String)>,
}

impl From<&Suggestion> for SuggestionVm {
    fn from(s: &Suggestion) -> SuggestionVm {
        SuggestionVm {
            id: s.id,
            code: s.code.to_string(),
            title: s.title.clone(),
            org: s.org.clone(),
            score: s.score,
            reasons: s.reasons.clone(),
            warnings: s.warnings.clone(),
            paired: s.paired,
            dismissed: s.dismissed,
            with: None,
        }
    }
}

impl SuggestionVm {
    /// The reasons, then the warnings (marked ⚠), worded in `lang`.
    pub fn worded(&self, lang: crate::tui::Lang) -> Vec<String> {
        let zh = lang == crate::tui::Lang::Zh;
        self.reasons
            .iter()
            .map(|r| if zh { r.zh() } else { r.en() })
            .chain(
                self.warnings
                    .iter()
                    .map(|w| format!("⚠ {}", if zh { w.zh() } else { w.en() })),
            )
            .collect()
    }
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
    /// The new matches (each row names its own subject), not one record's suggestions.
    pub(super) news: bool,
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
            news: false,
        }
    }

    /// The list of new matches: each row is a couple, naming its demand in `with`.
    pub fn news(rows: Vec<SuggestionVm>) -> SuggestionList {
        SuggestionList {
            news: true,
            ..SuggestionList::new("", rows)
        }
    }

    /// Whether this is the list of new matches.
    pub fn is_news(&self) -> bool {
        self.news
    }

    /// Replaces the default hint line (set from the key table by whoever opens the list).
    pub fn with_hint(mut self, hint: String) -> SuggestionList {
        self.hint = Some(hint);
        self
    }

    pub fn selected(&self) -> Option<&SuggestionVm> {
        self.rows.get(self.cursor)
    }

    /// Marks a row as paired (after the caller made the pair), keeping the cursor. In the
    /// list of new matches only the row of that couple (`subject` ⇄ `id`).
    pub fn mark_paired(&mut self, subject: i64, id: i64) {
        for r in self.rows_of(subject, id) {
            r.paired = true;
        }
    }

    /// Marks a row as dismissed or not, keeping the cursor.
    pub fn mark_dismissed(&mut self, subject: i64, id: i64, on: bool) {
        for r in self.rows_of(subject, id) {
            r.dismissed = on;
        }
    }

    fn rows_of(&mut self, subject: i64, id: i64) -> impl Iterator<Item = &mut SuggestionVm> {
        self.rows
            .iter_mut()
            .filter(move |r| r.id == id && r.with.as_ref().is_none_or(|w| w.0 == subject))
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
