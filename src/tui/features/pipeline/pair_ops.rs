//! What an intent about one pair does, wherever the pair is under the cursor (a board card,
//! an agenda item, the pair detail): move it a stage (through the stage prompt when the move
//! needs data), take a shelved pair up again, log a follow-up, open it, delete it after
//! asking. Pure: writes go out as effects.

use crate::domain::Stage;
use crate::tui::action::PipeAction;
use crate::tui::effect::Effect;
use crate::tui::effect::PipeEffect;
use crate::tui::features::pipeline::pair_code;
use crate::tui::features::{followup, stage_prompt};
use crate::tui::model::Model;
use crate::tui::overlay::{Overlay, Pending};
use crate::tui::ui::confirm::Confirm;

/// `action` on pair `pair_id`, which is in `stage`.
pub fn act(m: &mut Model, action: &PipeAction, pair_id: i64, stage: Stage) -> Vec<Effect> {
    let code = pair_code(pair_id);
    match action {
        PipeAction::LogFollowUp => followup::update::open(m, pair_id),
        PipeAction::OpenPair => vec![Effect::Pipe(PipeEffect::ShowPair(code))],
        PipeAction::Handover => crate::tui::features::team::update::open(m, pair_id),
        PipeAction::DeletePair => {
            let question = match m.lang {
                crate::tui::Lang::Zh => format!("删除 {code} 及其阶段记录和跟进？（u 可撤销）"),
                crate::tui::Lang::En => {
                    format!("Delete {code} with its stage history and follow-ups? (u undoes)")
                }
            };
            let confirm = Confirm::new(m.lang.pick("删除配对", "Delete pair"), question)
                .with_keys_of(&m.keymap, "delete_yes", "delete_no");
            let pending = Pending::DeletePair { pair_id };
            m.overlays.push(Overlay::Confirm { confirm, pending });
            vec![]
        }
        PipeAction::StagePrev | PipeAction::StageNext | PipeAction::Shelve => {
            if stage == Stage::Shelved && *action != PipeAction::Shelve {
                // A move on a shelved pair takes it up again where it left off.
                return vec![Effect::Pipe(PipeEffect::Reactivate(code))];
            }
            let to = match action {
                PipeAction::StagePrev => stage.prev(),
                PipeAction::StageNext => stage.next(),
                _ => (stage != Stage::Shelved).then_some(Stage::Shelved),
            };
            match to {
                Some(to) => stage_prompt::update::start_move(m, pair_id, stage, to),
                None => vec![],
            }
        }
        _ => vec![],
    }
}
