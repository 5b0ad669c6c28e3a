//! Pipeline types → component view-models, in one place. Text stays raw here: the components
//! sanitise every field they draw.

use std::collections::HashSet;

use crate::domain::Stage;
use crate::pipeline::{Agenda, AgendaItem, BoardColumn, Card, StaleItem};
use crate::tui::features::agenda::{AgendaItemVm, AgendaView};
use crate::tui::features::board::{BoardColumnVm, CardVm};
use crate::tui::features::pipeline::PairLine;
use crate::tui::model::Model;
use crate::tui::ui::contact::ContactVm;

pub fn card(c: &Card) -> CardVm {
    CardVm {
        pair_id: c.pair_id,
        code: c.code.clone(),
        demand_title: c.demand.title.clone(),
        result_title: c.result.title.clone(),
        demand_org: c.demand.org.clone(),
        result_org: c.result.org.clone(),
        days_in_stage: c.days_in_stage,
        next_action: c.next_action.clone(),
        next_due: c.next_due.clone(),
        overdue: c.overdue,
        amount: c.amount,
        demand_contact: ContactVm::of(&c.demand),
        result_contact: ContactVm::of(&c.result),
    }
}

/// The board as the desk's search and filters see it: a card stays when its demand or its
/// result is shown in the lists, and its stage is in the stage filter (when one is set).
pub fn board_columns(m: &Model) -> Vec<BoardColumnVm> {
    let shown: HashSet<i64> = m
        .demands
        .shown
        .iter()
        .chain(&m.results.shown)
        .copied()
        .collect();
    let stages = &m.filters.stage;
    let whose = m.pipe.shows();
    m.pipe
        .board_data
        .iter()
        .map(|col| {
            let col: BoardColumn = col.filtered(|c| {
                (shown.contains(&c.demand.id) || shown.contains(&c.result.id))
                    && (stages.is_empty() || stages.contains(&c.stage))
                    && whose(c.owner.as_deref())
            });
            BoardColumnVm {
                stage: col.stage,
                count: col.count,
                sum: col.sum,
                cards: col.cards.iter().map(card).collect(),
            }
        })
        .collect()
}

fn item(a: &AgendaItem) -> AgendaItemVm {
    AgendaItemVm {
        pair_id: a.pair_id,
        code: a.code.clone(),
        demand_title: a.demand.title.clone(),
        result_title: a.result.title.clone(),
        stage: a.stage,
        next_action: Some(a.next_action.clone()),
        due: a.due.clone(),
        days: a.days_overdue,
        demand_contact: ContactVm::of(&a.demand),
        result_contact: ContactVm::of(&a.result),
    }
}

fn stale(s: &StaleItem) -> AgendaItemVm {
    AgendaItemVm {
        pair_id: s.pair_id,
        code: s.code.clone(),
        demand_title: s.demand.title.clone(),
        result_title: s.result.title.clone(),
        stage: s.stage,
        next_action: s.next_action.clone(),
        due: s.next_due.clone(),
        days: s.days_since_activity,
        demand_contact: ContactVm::of(&s.demand),
        result_contact: ContactVm::of(&s.result),
    }
}

pub fn agenda(a: &Agenda) -> AgendaView {
    let items = |v: &[AgendaItem]| v.iter().map(item).collect();
    AgendaView::new(
        items(&a.overdue),
        items(&a.today),
        items(&a.this_week),
        a.stale.iter().map(stale).collect(),
    )
}

/// A pair in short, from the pipeline's pair list.
pub fn pair_line(
    p: &crate::domain::Pair,
    d: &crate::pipeline::Side,
    r: &crate::pipeline::Side,
) -> PairLine {
    PairLine {
        pair_id: p.id,
        code: p.code().to_string(),
        stage: p.stage,
        demand_id: d.id,
        demand_code: d.code.clone(),
        demand_title: d.title.clone(),
        result_id: r.id,
        result_code: r.code.clone(),
        result_title: r.title.clone(),
        owner: p.owner.clone(),
    }
}

/// The stage a card moves to from `stage` by one step, or to Shelved.
pub fn step(stage: Stage, right: bool) -> Option<Stage> {
    if right { stage.next() } else { stage.prev() }
}
