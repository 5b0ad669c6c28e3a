//! The stats view's update: opening asks for this year's figures, `[` `]` for another
//! period's, `c` opens the custom period prompt whose dates ask for theirs; the figures read
//! replace the view (or open it). Pure: reading is an effect.

use super::custom::{CustomOutcome, CustomPeriod};
use super::state::{PeriodChoice, StatsAction, StatsView};
use crate::tui::action::Input;
use crate::tui::effect::Effect;
use crate::tui::features::pipeline::keys::hint;
use crate::tui::model::Model;
use crate::tui::overlay::Overlay;

fn open_view(m: &mut Model) -> Option<&mut StatsView> {
    m.overlays.iter_mut().rev().find_map(|o| match o {
        Overlay::Stats(v) => Some(&mut **v),
        _ => None,
    })
}

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
        StatsAction::Custom => {
            let keys = hint(
                &m.keymap,
                m.lang,
                &[
                    ("field_next", "切换", "next"),
                    ("form_enter", "确定", "confirm"),
                    ("overlay_cancel", "取消", "cancel"),
                ],
            );
            if let Some(v) = open_view(m) {
                let today = v.today;
                let p = v.stats.period;
                let year_start = PeriodChoice::Year.period(today).from.unwrap_or(today);
                let from = p.from.unwrap_or(year_start);
                v.custom = Some(CustomPeriod::new(from, p.to.unwrap_or(today), keys));
            }
            vec![]
        }
        StatsAction::Loaded {
            choice,
            today,
            stats,
        } => {
            let view = StatsView {
                choice,
                today,
                stats: *stats,
                custom: None,
            };
            match open_view(m) {
                Some(v) => *v = view,
                None => m.overlays.push(Overlay::Stats(Box::new(view))),
            }
            vec![]
        }
    }
}

/// An intent for the custom period prompt on the view: the figures of the dates once both
/// read, nothing while they are typed (errors show in the prompt), the prompt closed on
/// Cancel with the figures shown before.
pub fn input(m: &mut Model, input: &Input) -> Vec<Effect> {
    let Some(Overlay::Stats(v)) = m.overlays.last_mut() else {
        return vec![];
    };
    let Some(prompt) = v.custom.as_mut() else {
        return vec![];
    };
    match prompt.handle(input) {
        CustomOutcome::Pending => vec![],
        CustomOutcome::Cancelled => {
            v.custom = None;
            vec![]
        }
        CustomOutcome::Done(from, to) => {
            v.custom = None;
            vec![Effect::LoadStats(PeriodChoice::Custom(from, to))]
        }
    }
}
