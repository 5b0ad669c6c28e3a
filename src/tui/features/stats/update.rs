//! The stats view's update: opening asks for this year's figures, `[` `]` for another
//! period's; the figures read replace the view (or open it). Pure: reading is an effect.

use super::state::{StatsAction, StatsView};
use crate::tui::effect::Effect;
use crate::tui::model::Model;
use crate::tui::overlay::Overlay;

pub fn update(m: &mut Model, action: StatsAction) -> Vec<Effect> {
    let current = m.overlays.iter().rev().find_map(|o| match o {
        Overlay::Stats(v) => Some(v.choice),
        _ => None,
    });
    match action {
        StatsAction::Open => vec![Effect::LoadStats(current.unwrap_or_default())],
        StatsAction::NextPeriod => current
            .map(|c| Effect::LoadStats(c.step(1)))
            .into_iter()
            .collect(),
        StatsAction::PrevPeriod => current
            .map(|c| Effect::LoadStats(c.step(-1)))
            .into_iter()
            .collect(),
        StatsAction::Loaded {
            choice,
            today,
            stats,
        } => {
            let view = StatsView {
                choice,
                today,
                stats: *stats,
            };
            let open = m.overlays.iter_mut().find_map(|o| match o {
                Overlay::Stats(v) => Some(v),
                _ => None,
            });
            match open {
                Some(v) => **v = view,
                None => m.overlays.push(Overlay::Stats(Box::new(view))),
            }
            vec![]
        }
    }
}
