//! The team intents at the desk: switching the board and the agenda between "mine" and
//! everyone's, and the handover prompt. Pure: the handover goes out as an effect.

use crate::i18n::team::TeamMsg;
use crate::tui::action::{Input, PipeAction};
use crate::tui::effect::{Effect, PipeEffect};
use crate::tui::features::board;
use crate::tui::features::pipeline::pair_code;
use crate::tui::features::team::{HandoverOutcome, HandoverPrompt};
use crate::tui::model::{Model, View};
use crate::tui::overlay::Overlay;

/// The mine/everyone key: the board is narrowed again at once, the agenda read again (it
/// keeps no pairs it does not show). Alone in the database, it says so and changes nothing.
pub fn toggle(m: &mut Model) -> Vec<Effect> {
    if !m.pipe.scope().others {
        m.info(TeamMsg::OnlyOne.text(m.lang));
        return vec![];
    }
    m.pipe.everyone = !m.pipe.everyone;
    let text = if m.pipe.everyone {
        TeamMsg::NowAll.text(m.lang).to_string()
    } else {
        let me = crate::broker::shown(m.pipe.me.as_deref()).into_owned();
        TeamMsg::NowMine.fill(m.lang, &[&me])
    };
    m.info(text);
    board::update::refilter(m);
    m.pipe.agenda_on = None;
    if m.view == View::Agenda {
        vec![Effect::Pipe(PipeEffect::OpenView {
            board: false,
            loaded_on: None,
        })]
    } else {
        vec![]
    }
}

/// Opens the handover prompt over pair `pair_id`.
pub fn open(m: &mut Model, pair_id: i64) -> Vec<Effect> {
    let owner = m
        .pipe
        .pairs
        .iter()
        .find(|p| p.pair_id == pair_id)
        .and_then(|p| p.owner.clone());
    let code = pair_code(pair_id).to_string();
    m.overlays
        .push(Overlay::Handover(Box::new(HandoverPrompt::new(
            pair_id,
            code,
            owner.as_deref(),
        ))));
    vec![]
}

/// An editing intent while the prompt is on top.
pub fn input(m: &mut Model, input: &Input) -> Vec<Effect> {
    let Some(Overlay::Handover(prompt)) = m.overlays.last_mut() else {
        return vec![];
    };
    match prompt.handle(input) {
        HandoverOutcome::Pending => vec![],
        HandoverOutcome::Cancelled => {
            m.overlays.pop();
            vec![]
        }
        HandoverOutcome::Done(to) => {
            let pair = pair_code(prompt.pair_id);
            m.overlays.pop();
            vec![Effect::Pipe(PipeEffect::Handover { pair, to })]
        }
    }
}

/// A handover done (the changed pair follows in the same answer), or an undo refused for a
/// colleague's later step: said on the status line.
pub fn handed(m: &mut Model, action: &PipeAction) -> Vec<Effect> {
    if let PipeAction::UndoCrossed { yours, theirs } = action {
        let lang = m.lang;
        m.warn(crate::sanitize::one_line(&TeamMsg::UndoCrossed.fill(
            lang,
            &[
                &yours.label_in(lang),
                &crate::broker::shown(theirs.actor.as_deref()),
                &theirs.label_in(lang),
            ],
        )));
    }
    if let PipeAction::HandedOver { code, to, changed } = action {
        let (code, to) = (
            crate::sanitize::one_line(code),
            crate::sanitize::one_line(to),
        );
        let msg = if *changed {
            TeamMsg::DeskHandedOver
        } else {
            TeamMsg::AlreadyOwner
        };
        m.info(msg.fill(m.lang, &[&code, &to]));
    }
    vec![]
}

#[cfg(test)]
#[path = "update_tests.rs"]
mod tests;
