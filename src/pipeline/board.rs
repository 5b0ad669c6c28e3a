//! The pipeline board as data: one column per stage with its count, sum of contract amounts
//! and cards. A pure query; the TUI narrows it to its search and filters with
//! [`BoardColumn::filtered`].

use crate::store::Sql;
use jiff::civil::Date;
use serde::Serialize;

use super::pairs::{Side, list_with_sides};
use super::{Clock, PipelineResult};
use crate::domain::{Money, Pair, Stage};

/// One pair on the board.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Card {
    #[serde(skip)]
    pub pair_id: i64,
    pub code: String,
    pub demand: Side,
    pub result: Side,
    pub stage: Stage,
    pub days_in_stage: i64,
    pub next_action: Option<String>,
    pub next_due: Option<String>,
    /// The next action's due date has passed (never set on shelved pairs).
    pub overdue: bool,
    /// Contract amount (JSON: a number in 万元).
    #[serde(rename = "amount_wan")]
    pub amount: Option<Money>,
    /// Whose pair it is (`null`: nobody's in particular, from before names).
    pub owner: Option<String>,
}

/// One stage column: its header figures and its cards.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BoardColumn {
    pub stage: Stage,
    pub stage_zh: &'static str,
    pub count: usize,
    /// Exact sum of the cards' contract amounts (JSON: a number in 万元, never null).
    #[serde(rename = "sum_wan")]
    pub sum: Money,
    #[serde(rename = "pairs")]
    pub cards: Vec<Card>,
}

impl BoardColumn {
    fn new(stage: Stage, cards: Vec<Card>) -> BoardColumn {
        BoardColumn {
            stage,
            stage_zh: stage.zh(),
            count: cards.len(),
            sum: Money::total(cards.iter().filter_map(|c| c.amount)),
            cards,
        }
    }

    /// The column with only the cards `keep` accepts, its count and sum recomputed.
    pub fn filtered(&self, keep: impl Fn(&Card) -> bool) -> BoardColumn {
        BoardColumn::new(
            self.stage,
            self.cards.iter().filter(|c| keep(c)).cloned().collect(),
        )
    }
}

/// Whether a pair's next action is overdue on `today`.
pub fn is_overdue(pair: &Pair, today: Date) -> bool {
    pair.stage != Stage::Shelved
        && pair
            .next_due
            .as_deref()
            .and_then(|d| d.parse::<Date>().ok())
            .is_some_and(|d| d < today)
}

/// The board card of one pair (to patch a pair a write returned into a loaded board).
pub fn card(clock: &Clock, pair: Pair, demand: Side, result: Side) -> Card {
    Card {
        pair_id: pair.id,
        code: pair.code().to_string(),
        overdue: is_overdue(&pair, clock.today()),
        days_in_stage: clock.days_since(&pair.stage_since),
        demand,
        result,
        stage: pair.stage,
        next_action: pair.next_action,
        next_due: pair.next_due,
        amount: pair.amount,
        owner: pair.owner,
    }
}

/// Every stage in board order (the main line, then Shelved), each with its cards: overdue
/// first, then by due date (undated last), then by code.
pub fn board(conn: &dyn Sql, clock: &Clock) -> PipelineResult<Vec<BoardColumn>> {
    let mut per_stage: Vec<Vec<Card>> = vec![Vec::new(); Stage::ALL.len()];
    for (pair, d, r) in list_with_sides(conn)? {
        let i = Stage::ALL
            .iter()
            .position(|s| *s == pair.stage)
            .unwrap_or(0);
        per_stage[i].push(card(clock, pair, d, r));
    }
    Ok(Stage::ALL
        .iter()
        .zip(per_stage)
        .map(|(stage, mut cards)| {
            cards.sort_by(|a, b| {
                b.overdue
                    .cmp(&a.overdue)
                    .then_with(|| a.next_due.is_none().cmp(&b.next_due.is_none()))
                    .then_with(|| a.next_due.cmp(&b.next_due))
                    .then_with(|| a.pair_id.cmp(&b.pair_id))
            });
            BoardColumn::new(*stage, cards)
        })
        .collect())
}
