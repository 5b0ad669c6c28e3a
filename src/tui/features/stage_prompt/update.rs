//! The stage prompt's update: opening it for a move that needs data, and turning its answer
//! into the move. Pure: the move goes out as an effect.

use crate::domain::Stage;
use crate::i18n::reports::ReportMsg;
use crate::pipeline::MoveRequest;
use crate::tui::action::Input;
use crate::tui::effect::Effect;
use crate::tui::effect::PipeEffect;
use crate::tui::features::pipeline::keys::hint;
use crate::tui::features::pipeline::pair_code;
use crate::tui::features::stage_prompt::{PromptOutcome, StagePrompt};
use crate::tui::model::Model;
use crate::tui::overlay::Overlay;

/// Moves pair `pair_id` to `to`: a move that needs data (shelve, sign, register) opens the
/// prompt; any other goes straight out.
///
/// The move says which stage the user saw (`from`): if another process moved the pair
/// meanwhile, nothing is written and the user is told where it is now.
pub fn start_move(m: &mut Model, pair_id: i64, from: Stage, to: Stage) -> Vec<Effect> {
    let code = pair_code(pair_id);
    if !StagePrompt::needed(to) {
        let mut req = MoveRequest::new(code, to);
        req.expect = Some(from);
        return vec![Effect::Pipe(PipeEffect::Move(req))];
    }
    let mut items = vec![
        ("field_next", "切换", "next"),
        ("form_enter", "确定", "confirm"),
        ("overlay_cancel", "取消", "cancel"),
    ];
    if matches!(to, Stage::Shelved | Stage::Registered) {
        // The list comes first: name its keys (digits pick an entry too).
        items.insert(0, ("choice_down", "选择", "choose"));
    }
    let keys = hint(&m.keymap, m.lang, &items);
    let prompt = StagePrompt::new(&code.to_string(), to, m.pipe.today).with_hint(keys);
    m.overlays.push(Overlay::StagePrompt {
        pair_id,
        from,
        to,
        prompt,
    });
    vec![]
}

/// A move to 落地 was refused because no payment is received: the prompt asks for the
/// explicit override note (Esc cancels, nothing moves), and the status line says why.
pub fn ask_override(m: &mut Model, pair_id: i64, from: Stage) -> Vec<Effect> {
    let code = pair_code(pair_id).to_string();
    let keys = hint(
        &m.keymap,
        m.lang,
        &[
            ("form_enter", "落地", "land"),
            ("overlay_cancel", "取消", "cancel"),
        ],
    );
    m.warn(ReportMsg::LandNeedsOverride.fill(m.lang, &[&code]));
    let prompt = StagePrompt::landing_override(&code, m.pipe.today).with_hint(keys);
    m.overlays.push(Overlay::StagePrompt {
        pair_id,
        from,
        to: Stage::Landed,
        prompt,
    });
    vec![]
}

/// An intent for the prompt on top: the move once its data is complete, nothing while it is
/// being typed (errors show in the prompt), and the prompt closed on Cancel.
pub fn input(m: &mut Model, input: &Input) -> Vec<Effect> {
    let Some(Overlay::StagePrompt {
        pair_id,
        from,
        to,
        prompt,
    }) = m.overlays.last_mut()
    else {
        return vec![];
    };
    match prompt.handle(input) {
        PromptOutcome::Pending => vec![],
        PromptOutcome::Cancelled => {
            m.overlays.pop();
            vec![]
        }
        PromptOutcome::Done(data) => {
            let mut req = MoveRequest::new(pair_code(*pair_id), *to);
            req.expect = Some(*from);
            req.amount = data.amount;
            req.signed_on = data.date.as_deref().and_then(|d| d.parse().ok());
            req.contract_type = data.contract_type;
            req.reg_no = data.reg_no;
            req.reason = data.reason;
            if *to == Stage::Landed {
                req.override_note = data.note;
            } else {
                req.note = data.note;
            }
            m.overlays.pop();
            vec![Effect::Pipe(PipeEffect::Move(req))]
        }
    }
}

#[cfg(test)]
#[path = "update_tests.rs"]
mod tests;
