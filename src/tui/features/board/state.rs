//! `BoardView`: the pipeline board, one column per stage with its count and sum, and a
//! cursor on one card. It reads the board's intents ([`PipeAction`]): the navigation ones
//! move the cursor, the others are about the card under it and go back to the caller. It
//! shows view-models the caller fills from the pipeline, so it depends on no query.

use crate::domain::{Money, Stage};
use crate::tui::action::{Nav, PipeAction};

/// One pair on the board.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CardVm {
    pub pair_id: i64,
    pub code: String,
    pub demand_title: String,
    pub result_title: String,
    pub demand_org: String,
    pub result_org: String,
    pub days_in_stage: i64,
    pub next_action: Option<String>,
    pub next_due: Option<String>,
    pub overdue: bool,
    pub amount: Option<Money>,
    /// Who to call on each side (shown for the selected card).
    pub demand_contact: crate::tui::ui::contact::ContactVm,
    pub result_contact: crate::tui::ui::contact::ContactVm,
}

/// One stage column: how many pairs, the sum of their amounts, and the cards.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BoardColumnVm {
    pub stage: Stage,
    pub count: usize,
    pub sum: Money,
    pub cards: Vec<CardVm>,
}

/// A column's count and sum from its cards, as the pipeline computes them.
fn recount(col: &mut BoardColumnVm) {
    col.count = col.cards.len();
    col.sum = Money::total(col.cards.iter().filter_map(|c| c.amount));
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoardOutcome {
    /// Nothing for the caller (the cursor may have moved).
    Pending,
    /// The intent is about the card under the cursor, in the column of `stage`.
    Pair { pair_id: i64, stage: Stage },
}

#[derive(Debug, Clone)]
pub struct BoardView {
    pub(crate) columns: Vec<BoardColumnVm>,
    /// The column under the cursor.
    pub(super) col: usize,
    /// The selected row of each column.
    pub(super) rows: Vec<usize>,
}

impl BoardView {
    /// Columns in the order given (normally `Stage::ALL`).
    pub fn new(columns: Vec<BoardColumnVm>) -> BoardView {
        let rows = vec![0; columns.len()];
        BoardView {
            columns,
            col: 0,
            rows,
        }
    }

    /// Replaces the data, keeping the selection on the same pair when it is still there.
    pub fn set_columns(&mut self, columns: Vec<BoardColumnVm>) {
        let keep = self.selected().map(|c| c.pair_id);
        self.rows = vec![0; columns.len()];
        self.columns = columns;
        self.col = self.col.min(self.columns.len().saturating_sub(1));
        if let Some(id) = keep {
            self.select_pair(id);
        }
    }

    /// Takes pair `pair_id` off the board and shows `card` (if any) in the column of its
    /// stage, in the board's order; the two columns' counts and sums are computed again. Each
    /// column keeps its selected card, and the cursor follows the patched pair when it was
    /// on it.
    pub fn patch(&mut self, pair_id: i64, card: Option<(Stage, CardVm)>) {
        let follow = self.selected().map(|c| c.pair_id) == Some(pair_id);
        let marks: Vec<Option<i64>> = self
            .columns
            .iter()
            .zip(&self.rows)
            .map(|(c, &r)| c.cards.get(r).map(|k| k.pair_id))
            .collect();
        for col in &mut self.columns {
            if let Some(i) = col.cards.iter().position(|k| k.pair_id == pair_id) {
                col.cards.remove(i);
                recount(col);
            }
        }
        if let Some((stage, card)) = card
            && let Some(col) = self.columns.iter_mut().find(|c| c.stage == stage)
        {
            fn key(c: &CardVm) -> (bool, Option<&String>, i64) {
                (c.overdue, c.next_due.as_ref(), c.pair_id)
            }
            let at = col.cards.partition_point(|c| {
                crate::tui::features::pipeline::patch::card_order(key(c), key(&card)).is_lt()
            });
            col.cards.insert(at, card);
            recount(col);
        }
        for (c, mark) in marks.into_iter().enumerate() {
            let cards = &self.columns[c].cards;
            let found = mark.and_then(|id| cards.iter().position(|k| k.pair_id == id));
            self.rows[c] = found.unwrap_or(self.rows[c].min(cards.len().saturating_sub(1)));
        }
        if follow {
            self.select_pair(pair_id);
        }
    }

    /// Puts the selection on a pair, wherever it is; false when it is not on the board.
    pub fn select_pair(&mut self, pair_id: i64) -> bool {
        for (c, col) in self.columns.iter().enumerate() {
            if let Some(r) = col.cards.iter().position(|k| k.pair_id == pair_id) {
                self.col = c;
                self.rows[c] = r;
                return true;
            }
        }
        false
    }

    /// How many cards the column of `stage` shows.
    pub fn len(&self, stage: Stage) -> usize {
        self.columns
            .iter()
            .find(|c| c.stage == stage)
            .map_or(0, |c| c.cards.len())
    }

    pub fn selected_stage(&self) -> Option<Stage> {
        self.columns.get(self.col).map(|c| c.stage)
    }

    pub fn selected(&self) -> Option<&CardVm> {
        let col = self.columns.get(self.col)?;
        col.cards.get(self.rows[self.col])
    }

    /// One intent: Nav moves the cursor (columns left and right, cards up and down, first
    /// and last card); a pair intent (move, shelve, open, log, delete) on a card answers
    /// which pair it is about; on an empty column, or any other intent, nothing happens.
    pub fn handle(&mut self, action: &PipeAction) -> BoardOutcome {
        if self.columns.is_empty() {
            return BoardOutcome::Pending;
        }
        let last = self.columns.len() - 1;
        let last_card = self.columns[self.col].cards.len().saturating_sub(1);
        let row = &mut self.rows[self.col];
        match action {
            PipeAction::Nav(Nav::Left) => self.col = self.col.saturating_sub(1),
            PipeAction::Nav(Nav::Right) => self.col = (self.col + 1).min(last),
            PipeAction::Nav(Nav::Up) => *row = row.saturating_sub(1),
            PipeAction::Nav(Nav::Down) => *row = (*row + 1).min(last_card),
            PipeAction::Nav(Nav::Top) => *row = 0,
            PipeAction::Nav(Nav::Bottom) => *row = last_card,
            PipeAction::StagePrev
            | PipeAction::StageNext
            | PipeAction::Shelve
            | PipeAction::OpenPair
            | PipeAction::LogFollowUp
            | PipeAction::DeletePair
            | PipeAction::Handover => {
                let stage = self.columns[self.col].stage;
                if let Some(card) = self.selected() {
                    return BoardOutcome::Pair {
                        pair_id: card.pair_id,
                        stage,
                    };
                }
            }
            _ => {}
        }
        BoardOutcome::Pending
    }
}
