//! The pair detail's update: ↑/↓ scroll it, the board's keys move its pair, and a reloaded
//! detail replaces the one open on the same pair. Pure: writes go out as effects.

use crate::pipeline::PairDetail;
use crate::tui::action::{Nav, PipeAction};
use crate::tui::effect::Effect;
use crate::tui::features::pipeline::pair_ops;
use crate::tui::model::Model;
use crate::tui::overlay::Overlay;

/// An intent while the detail is on top.
pub fn update(m: &mut Model, action: &PipeAction) -> Vec<Effect> {
    let Some(Overlay::PairDetail { detail, scroll }) = m.overlays.last_mut() else {
        return vec![];
    };
    if let PipeAction::Nav(nav) = action {
        // Clamped by the renderer against the text height.
        *scroll = match nav {
            Nav::Down => scroll.saturating_add(1),
            Nav::Up => scroll.saturating_sub(1),
            Nav::Top => 0,
            Nav::Bottom | Nav::Left | Nav::Right => *scroll,
        };
        return vec![];
    }
    let (pair_id, stage) = (detail.pair_id, detail.stage);
    pair_ops::act(m, action, pair_id, stage)
}

/// A pair's detail as loaded: it replaces the open detail of that pair, or opens on top.
pub fn shown(m: &mut Model, detail: Box<PairDetail>) -> Vec<Effect> {
    let pair_id = detail.pair_id;
    let open = m.overlays.iter_mut().rev().find_map(|p| match p {
        Overlay::PairDetail { detail: d, .. } if d.pair_id == pair_id => Some(d),
        _ => None,
    });
    match open {
        Some(d) => *d = detail,
        None => m.overlays.push(Overlay::PairDetail { detail, scroll: 0 }),
    }
    vec![]
}

#[cfg(test)]
#[path = "update_tests.rs"]
mod tests;
