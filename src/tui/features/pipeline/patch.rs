//! One changed pair patched into what the desk holds — its pair markers, the board (raw and
//! as filtered) and the agenda — instead of re-reading every pair. The runner builds a
//! [`PairPatch`] from the row a write returned (it needs the clock and the pair's last
//! activity); applying it is pure. What a patch leaves must equal what a full reload shows.

use jiff::civil::Date;

use crate::domain::{PairRow, Stage};
use crate::pipeline::agenda::{STALE_SIGNED_DAYS, STALE_WORKING_DAYS, WEEK_DAYS};
use crate::pipeline::clock::days_between;
use crate::pipeline::{BoardColumn, Card, Clock};
use crate::tui::effect::Effect;
use crate::tui::effect::PipeEffect;
use crate::tui::features::agenda::{AgendaItemVm, AgendaSection};
use crate::tui::features::pipeline::{PairLine, pair_code, vm};
use crate::tui::model::Model;
use crate::tui::overlay::Overlay;

/// One pair as it is now, with what each view shows of it.
#[derive(Debug, Clone, PartialEq)]
pub struct PairPatch {
    pub line: PairLine,
    /// Its board card, before the desk's search and filters.
    pub card: Card,
    /// Its next action on the agenda, when due in a section the agenda shows.
    pub item: Option<(AgendaSection, AgendaItemVm)>,
    /// Its entry among the stale pairs, when it has gone quiet.
    pub stale: Option<AgendaItemVm>,
}

/// The same limits as [`crate::pipeline::agenda`].
fn stale_after(stage: Stage) -> Option<i64> {
    match stage {
        Stage::Contacted | Stage::Negotiating => Some(STALE_WORKING_DAYS),
        Stage::Signed => Some(STALE_SIGNED_DAYS),
        _ => None,
    }
}

/// The patch of `row` on `clock`'s day; `last_activity` is its newest stage change or
/// follow-up (the agenda's staleness), placed as [`crate::pipeline::agenda`] places it.
pub fn build(clock: &Clock, row: PairRow, last_activity: Option<&str>) -> PairPatch {
    let PairRow {
        pair,
        demand,
        result,
    } = row;
    let line = vm::pair_line(&pair, &demand, &result);
    let vm_of = |next_action: Option<String>, due: Option<String>, days: i64| AgendaItemVm {
        pair_id: pair.id,
        code: line.code.clone(),
        demand_title: demand.title.clone(),
        result_title: result.title.clone(),
        stage: pair.stage,
        next_action,
        due,
        days,
        demand_contact: crate::tui::ui::contact::ContactVm::of(&demand),
        result_contact: crate::tui::ui::contact::ContactVm::of(&result),
    };
    let mut stale = None;
    let mut item = None;
    if pair.stage != Stage::Shelved {
        if let Some(limit) = stale_after(pair.stage) {
            let days = clock.days_since(last_activity.unwrap_or(&pair.created_at));
            if days >= limit {
                stale = Some(vm_of(pair.next_action.clone(), pair.next_due.clone(), days));
            }
        }
        if let Some(action) = &pair.next_action {
            let due: Option<Date> = pair.next_due.as_deref().and_then(|d| d.parse().ok());
            let ahead = due.map(|d| days_between(clock.today(), d));
            let section = match ahead {
                Some(a) if a < 0 => Some(AgendaSection::Overdue),
                Some(0) => Some(AgendaSection::Today),
                Some(a) if a <= WEEK_DAYS => Some(AgendaSection::ThisWeek),
                _ => None,
            };
            let days = ahead.map_or(0, |a| (-a).max(0));
            item = section.map(|s| (s, vm_of(Some(action.clone()), pair.next_due.clone(), days)));
        }
    }
    let card = crate::pipeline::board::card(clock, pair, demand, result);
    PairPatch {
        line,
        card,
        item,
        stale,
    }
}

/// The board's card order: overdue first, then by due date (undated last), then by code.
pub(crate) fn card_order(
    a: (bool, Option<&String>, i64),
    b: (bool, Option<&String>, i64),
) -> std::cmp::Ordering {
    b.0.cmp(&a.0)
        .then_with(|| a.1.is_none().cmp(&b.1.is_none()))
        .then_with(|| a.1.cmp(&b.1))
        .then_with(|| a.2.cmp(&b.2))
}

/// Count and sum again, as [`crate::pipeline::board`] computes them.
fn recount(col: &mut BoardColumn) {
    col.count = col.cards.len();
    col.sum = crate::domain::Money::total(col.cards.iter().filter_map(|c| c.amount));
}

/// Takes pair `pair_id` out of the loaded board and puts `card` (if any) in its column.
fn patch_board_data(cols: &mut [BoardColumn], pair_id: i64, card: Option<&Card>) {
    for col in cols.iter_mut() {
        if let Some(i) = col.cards.iter().position(|c| c.pair_id == pair_id) {
            col.cards.remove(i);
            recount(col);
        }
    }
    let Some(card) = card else { return };
    if let Some(col) = cols.iter_mut().find(|c| c.stage == card.stage) {
        fn key(c: &Card) -> (bool, Option<&String>, i64) {
            (c.overdue, c.next_due.as_ref(), c.pair_id)
        }
        let at = col
            .cards
            .partition_point(|c| card_order(key(c), key(card)).is_lt());
        col.cards.insert(at, card.clone());
        recount(col);
    }
}

/// Whether the board shows `card` through the desk's search and filters (as
/// [`vm::board_columns`] decides).
fn shown_on_board(m: &Model, card: &Card) -> bool {
    let stages = &m.filters.stage;
    let shown = |id: i64| m.demands.shown.contains(&id) || m.results.shown.contains(&id);
    (shown(card.demand.id) || shown(card.result.id))
        && (stages.is_empty() || stages.contains(&card.stage))
        && m.pipe.shows()(card.owner.as_deref())
}

/// Applies a changed pair; returns the re-read of an open detail of that pair.
pub fn changed(m: &mut Model, p: PairPatch) -> Vec<Effect> {
    let id = p.line.pair_id;
    m.pipe.upsert(p.line);
    if m.pipe.board_on.is_some() {
        patch_board_data(&mut m.pipe.board_data, id, Some(&p.card));
        let vm = shown_on_board(m, &p.card).then(|| (p.card.stage, vm::card(&p.card)));
        m.pipe.board.patch(id, vm);
    }
    if m.pipe.agenda_on.is_some() {
        if m.pipe.shows()(p.card.owner.as_deref()) {
            m.pipe.agenda.patch(id, p.item, p.stale);
        } else {
            m.pipe.agenda.patch(id, None, None);
        }
    }
    after_pairs_changed(m);
    let open = m
        .overlays
        .iter()
        .any(|o| matches!(o, Overlay::PairDetail { detail, .. } if detail.pair_id == id));
    if open {
        vec![Effect::Pipe(PipeEffect::ShowPair(pair_code(id)))]
    } else {
        vec![]
    }
}

/// Takes a deleted pair out of everything, closing its detail.
pub fn gone(m: &mut Model, id: i64) -> Vec<Effect> {
    m.pipe.remove(id);
    if m.pipe.board_on.is_some() {
        patch_board_data(&mut m.pipe.board_data, id, None);
        m.pipe.board.patch(id, None);
    }
    if m.pipe.agenda_on.is_some() {
        m.pipe.agenda.patch(id, None, None);
    }
    m.overlays
        .retain(|o| !matches!(o, Overlay::PairDetail { detail, .. } if detail.pair_id == id));
    after_pairs_changed(m);
    vec![]
}

/// The desk's lists follow the pairs' stages when the stage filter is set.
fn after_pairs_changed(m: &mut Model) {
    if !m.filters.stage.is_empty() {
        crate::tui::features::desk::update::refilter(m);
    }
}

#[cfg(test)]
#[path = "patch_tests.rs"]
mod tests;
