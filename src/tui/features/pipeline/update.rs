//! The pipeline part of `update`: pairing from the desk, switching to the board or the
//! agenda, routing the pipeline intents to the feature on screen (the pair detail on top,
//! else the board or the agenda), and taking the effects' answers. Pure: writes go out as
//! [`PipeEffect`]s, and every answered write comes back with the pairs it changed, patched
//! into the markers, the board and the agenda ([`patch`]).

use crate::tui::action::PipeAction;
use crate::tui::effect::Effect;
use crate::tui::effect::PipeEffect;
use crate::tui::features::pipeline::patch;
use crate::tui::features::{agenda, board, pair_detail, suggestions};
use crate::tui::model::{Model, View};
use crate::tui::overlay::Overlay;

fn fx(e: PipeEffect) -> Vec<Effect> {
    vec![Effect::Pipe(e)]
}

/// Shows the board or the agenda: read in full the first time, or when it was read on
/// another day (days in stage, overdue marks and sections move with the date); otherwise
/// what writes have patched since is shown as it is.
fn open_view(m: &Model, target: View) -> Vec<Effect> {
    let (board, loaded_on) = match target {
        View::Board => (true, m.pipe.board_on),
        _ => (false, m.pipe.agenda_on),
    };
    fx(PipeEffect::OpenView { board, loaded_on })
}

/// Reloads the pairs, and whatever view or detail is open (after a refused write: the
/// pair changed elsewhere).
pub fn refresh(m: &Model) -> Vec<Effect> {
    let detail = m.overlays.iter().rev().find_map(|p| match p {
        Overlay::PairDetail { detail, .. } => Some(detail.pair_id),
        _ => None,
    });
    fx(PipeEffect::Refresh {
        board: m.view == View::Board,
        agenda: m.view == View::Agenda,
        detail,
    })
}

/// A record was saved from the desk: its pairs show its title, so they are read again.
pub fn record_saved(m: &Model, record_id: i64) -> Vec<Effect> {
    if m.pipe.is_paired(record_id) {
        fx(PipeEffect::PairsOfRecord(record_id))
    } else {
        vec![]
    }
}

/// A record was deleted from the desk: its pairs went with it.
pub fn record_deleted(m: &mut Model, record_id: i64) -> Vec<Effect> {
    let ids: Vec<i64> = m.pipe.pairs_of(record_id).map(|p| p.pair_id).collect();
    ids.into_iter().flat_map(|id| patch::gone(m, id)).collect()
}

pub fn update(m: &mut Model, action: PipeAction) -> Vec<Effect> {
    match action {
        PipeAction::Pair => pair_selections(m),
        PipeAction::Suggest => suggestions::update::ask(m),
        PipeAction::NewMatches => suggestions::update::ask_new(m),
        PipeAction::NewMatchCount { found, more } => {
            m.new_matches = found;
            m.new_matches_more = more;
            vec![]
        }
        PipeAction::NewMatchesListed(rows) => suggestions::update::listed(m, rows),
        PipeAction::Board => switch_to(m, View::Board),
        PipeAction::Agenda => switch_to(m, View::Agenda),
        PipeAction::Undo => fx(PipeEffect::Undo),
        PipeAction::ToggleMine => crate::tui::features::team::update::toggle(m),
        PipeAction::HandedOver { .. } | PipeAction::UndoCrossed { .. } => {
            crate::tui::features::team::update::handed(m, &action)
        }
        // Answered in the top-level update, which owns the confirmation and the status line.
        PipeAction::ConfirmUndo(_) | PipeAction::Stale(_) | PipeAction::SuggestBuilding => {
            vec![]
        }
        PipeAction::LogFollowUp
        | PipeAction::StagePrev
        | PipeAction::StageNext
        | PipeAction::Shelve
        | PipeAction::DeletePair
        | PipeAction::Handover
        | PipeAction::OpenPair
        | PipeAction::Nav(_) => {
            if let Some(Overlay::PairDetail { .. }) = m.overlays.last() {
                return pair_detail::update::update(m, &action);
            }
            match m.view {
                View::Board => board::update::update(m, &action),
                View::Agenda => agenda::update::update(m, &action),
                View::Desk => vec![],
            }
        }

        PipeAction::Loaded { today, pairs } => {
            m.pipe.today = today;
            m.pipe.set_pairs(pairs);
            // A board or agenda read before no longer matches the pairs: read again on
            // opening (the one on screen follows in the same answer).
            m.pipe.board_on = None;
            m.pipe.agenda_on = None;
            if !m.filters.stage.is_empty() {
                crate::tui::features::desk::update::refilter(m);
            }
            vec![]
        }
        PipeAction::BoardLoaded { today, columns } => {
            m.pipe.today = today;
            m.pipe.board_on = Some(today);
            board::update::loaded(m, columns)
        }
        PipeAction::AgendaLoaded { today, agenda } => {
            m.pipe.today = today;
            m.pipe.agenda_on = Some(today);
            agenda::update::loaded(m, &agenda)
        }
        PipeAction::PairChanged(c) => {
            let c = *c;
            patch::changed(m, patch::build(&c.clock, c.row, c.last_activity.as_deref()))
        }
        PipeAction::PairGone(id) => patch::gone(m, id),
        PipeAction::PairShown(detail) => pair_detail::update::shown(m, detail),
        PipeAction::Suggested {
            subject,
            title,
            rows,
            refresh,
        } => suggestions::update::answered(m, subject, &title, rows, refresh),
        PipeAction::Dismissed {
            subject,
            partner,
            on,
        } => suggestions::update::dismissed(m, subject, partner, on),
        PipeAction::PairCreated {
            code,
            demand,
            result,
            demand_id,
            result_id,
        } => {
            suggestions::update::paired(m, demand_id, result_id);
            let undo = m.keymap.key_for("undo").unwrap_or_else(|| "u".into());
            m.info(format!(
                "{code} {} {demand} ⇄ {result} — {undo} {}",
                m.lang.pick("已创建", "created"),
                m.lang.pick("撤销", "undoes"),
            ));
            vec![]
        }
        PipeAction::LandingNeedsNote { pair_id, from } => {
            crate::tui::features::stage_prompt::update::ask_override(m, pair_id, from)
        }
        PipeAction::Moved { code, to } => {
            m.info(format!("{code} → {}", m.lang.pick(to.zh(), to.en())));
            vec![]
        }
        PipeAction::PairDeleted { code, id } => {
            m.overlays.retain(
                |p| !matches!(p, Overlay::PairDetail { detail, .. } if detail.pair_id == id),
            );
            m.info(format!("{code} {}", m.lang.pick("已删除", "deleted")));
            vec![]
        }
        PipeAction::Logged { code } => {
            m.info(format!(
                "{code} {}",
                m.lang.pick("已记录跟进", "follow-up logged")
            ));
            vec![]
        }
        PipeAction::Undone(label) => {
            match label {
                Some(u) => m.info(format!(
                    "{} {}",
                    m.lang.pick("已撤销", "undone:"),
                    crate::sanitize::one_line(&u.describe(m.lang))
                )),
                None => m.info(m.lang.pick("没有可撤销的操作", "nothing to undo")),
            }
            vec![]
        }
    }
}

/// `p` on the desk: pairs the two selections, or says which pair they already are.
fn pair_selections(m: &mut Model) -> Vec<Effect> {
    let (Some(d), Some(r)) = (m.demands.selected_record(), m.results.selected_record()) else {
        m.warn(m.lang.pick(
            "先在两个列表中各选一条：需求和成果",
            "select a demand and a result first",
        ));
        return vec![];
    };
    if let Some(p) = m.pipe.find(d.id, r.id) {
        let text = format!(
            "{} {} ⇄ {} {} {}",
            d.code(),
            r.code(),
            m.lang.pick("已配对为", "are already paired as"),
            p.code,
            m.lang.pick(p.stage.zh(), p.stage.en()),
        );
        m.warn(text);
        return vec![];
    }
    fx(PipeEffect::CreatePair {
        demand: d.code(),
        result: r.code(),
    })
}

/// `b` / `a`: shows the board or the agenda (closing any overlay), or goes back to the desk
/// when it is already shown.
fn switch_to(m: &mut Model, target: View) -> Vec<Effect> {
    m.overlays.clear();
    if m.view == target {
        m.view = View::Desk;
        return vec![];
    }
    m.view = target;
    if target == View::Board && m.pipe.board_on.is_some() {
        board::update::refilter(m);
    }
    open_view(m, target)
}

#[cfg(test)]
#[path = "update_tests.rs"]
mod tests;
