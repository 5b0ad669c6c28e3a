//! What the pipeline features share: the pipeline part of the desk's state (every pair in
//! short, for list markers and the detail pane; the board and agenda with their data), the
//! shared key rows, what a pair intent does (`pair_ops`), and the update that routes pipeline
//! intents and answers to the feature on screen.

pub mod keys;
pub mod pair_ops;
pub mod patch;
#[cfg(test)]
pub(crate) mod test_support;
pub mod update;
pub mod vm;

use std::collections::HashMap;

use jiff::civil::Date;

use crate::domain::{Code, CodeKind, Stage};
use crate::pipeline::BoardColumn;
use crate::pipeline::team::Scope;
use crate::tui::features::agenda::AgendaView;
use crate::tui::features::board::BoardView;

/// The code of pair `id` (P12).
pub fn pair_code(id: i64) -> Code {
    Code {
        kind: CodeKind::Pair,
        num: id,
    }
}

/// One pair as the desk lists it beside a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairLine {
    pub pair_id: i64,
    pub code: String,
    pub stage: Stage,
    pub demand_id: i64,
    pub demand_code: String,
    pub demand_title: String,
    pub result_id: i64,
    pub result_code: String,
    pub result_title: String,
    /// Whose pair it is (`None`: nobody's in particular).
    pub owner: Option<String>,
}

#[derive(Debug, Clone)]
pub struct PipeModel {
    /// Today by the pipeline clock, for due dates typed in the follow-up form.
    pub today: Date,
    pub pairs: Vec<PairLine>,
    /// Record id → indexes into `pairs`.
    pub by_record: HashMap<i64, Vec<usize>>,
    /// The board as loaded, before the desk's search and filters.
    pub board_data: Vec<BoardColumn>,
    /// The day the board was read (its days in stage and overdue marks are that day's);
    /// `None` until it is first shown. Writes patch it from then on.
    pub board_on: Option<Date>,
    /// The day the agenda was read; `None` until it is first shown.
    pub agenda_on: Option<Date>,
    pub board: BoardView,
    pub agenda: AgendaView,
    /// The broker at this desk (`None`: no name, every pair is theirs).
    pub me: Option<String>,
    /// The board and the agenda show everyone's pairs, not only mine.
    pub everyone: bool,
}

impl Default for PipeModel {
    fn default() -> PipeModel {
        PipeModel {
            today: jiff::Zoned::now().date(),
            pairs: Vec::new(),
            by_record: HashMap::new(),
            board_data: Vec::new(),
            board_on: None,
            agenda_on: None,
            board: BoardView::new(Vec::new()),
            agenda: AgendaView::default(),
            me: None,
            everyone: false,
        }
    }
}

impl PipeModel {
    /// Replaces the pair list and its index.
    pub fn set_pairs(&mut self, mut pairs: Vec<PairLine>) {
        pairs.sort_by_key(|p| p.pair_id);
        self.pairs = pairs;
        self.reindex();
    }

    /// Puts one pair in the list (in code order), replacing the one with its id.
    pub fn upsert(&mut self, line: PairLine) {
        match self
            .pairs
            .binary_search_by_key(&line.pair_id, |p| p.pair_id)
        {
            Ok(i)
                if self.pairs[i].demand_id == line.demand_id
                    && self.pairs[i].result_id == line.result_id =>
            {
                self.pairs[i] = line;
            }
            Ok(i) => {
                self.pairs[i] = line;
                self.reindex();
            }
            Err(i) => {
                self.pairs.insert(i, line);
                self.reindex();
            }
        }
    }

    /// Takes a pair out of the list.
    pub fn remove(&mut self, pair_id: i64) {
        if let Ok(i) = self.pairs.binary_search_by_key(&pair_id, |p| p.pair_id) {
            self.pairs.remove(i);
            self.reindex();
        }
    }

    fn reindex(&mut self) {
        self.by_record.clear();
        for (i, p) in self.pairs.iter().enumerate() {
            self.by_record.entry(p.demand_id).or_default().push(i);
            self.by_record.entry(p.result_id).or_default().push(i);
        }
    }

    /// Who "mine" is over the pairs held now (as [`Scope::of`] reads the database).
    pub fn scope(&self) -> Scope {
        Scope {
            me: self.me.clone(),
            others: self.me.is_some()
                && self
                    .pairs
                    .iter()
                    .any(|p| p.owner.is_some() && p.owner != self.me),
        }
    }

    /// Which pairs the board and the agenda show, by owner: everyone's, or mine.
    pub fn shows(&self) -> impl Fn(Option<&str>) -> bool + use<> {
        let (everyone, scope) = (self.everyone, self.scope());
        move |owner| everyone || scope.mine(owner)
    }

    /// Record id → the stages of its pairs (for the desk's stage filter).
    pub fn stages_by_record(&self) -> HashMap<i64, Vec<Stage>> {
        self.by_record
            .iter()
            .map(|(&id, idx)| (id, idx.iter().map(|&i| self.pairs[i].stage).collect()))
            .collect()
    }

    pub fn is_paired(&self, record_id: i64) -> bool {
        self.by_record.contains_key(&record_id)
    }

    /// The pairs of a record, in code order.
    pub fn pairs_of(&self, record_id: i64) -> impl Iterator<Item = &PairLine> {
        self.by_record
            .get(&record_id)
            .into_iter()
            .flatten()
            .map(|&i| &self.pairs[i])
    }

    /// The existing pair of a demand and a result.
    pub fn find(&self, demand_id: i64, result_id: i64) -> Option<&PairLine> {
        self.pairs_of(demand_id)
            .find(|p| p.demand_id == demand_id && p.result_id == result_id)
    }
}
