//! Drawing: the whole screen from `&Model`. Panes and overlays each live in their own file.

use ratatui::Frame;

use crate::tui::Theme;
use crate::tui::features::{agenda, board, desk, help, lookup, pair_detail, record_view};
use crate::tui::model::{Model, View};
use crate::tui::overlay::Overlay;
use crate::tui::ui::layout::{self, Desk};
use crate::tui::ui::too_small;

pub fn draw(frame: &mut Frame, m: &Model, theme: &Theme) {
    let area = frame.area();
    if layout::too_small((area.width, area.height)) {
        too_small::render(frame, area, m.lang, theme);
        return;
    }
    let band = if m.view == View::Desk {
        m.lookup.lines()
    } else {
        0
    };
    let d = Desk::with_band((area.width, area.height), band);
    // Popups (and the pipeline views) cover everything but the status bar, so messages stay
    // visible.
    let over = ratatui::layout::Rect {
        height: area.height.saturating_sub(1),
        ..area
    };
    match m.view {
        View::Desk => {
            desk::search_bar::render(frame, d.search, m, theme);
            desk::chips::render(frame, d.chips, m, theme);
            desk::list::render(frame, d.demands, m, crate::domain::Kind::Demand, theme);
            desk::list::render(frame, d.results, m, crate::domain::Kind::Achievement, theme);
            lookup::view::render_band(frame, d.band, m, theme);
            if lookup::update::band_selected(m) {
                lookup::view::render_detail(frame, d.detail, m, theme);
            } else {
                desk::detail::render(frame, d.detail, m, theme);
            }
        }
        View::Board => board::view::render(frame, over, m, theme),
        View::Agenda => agenda::view::render(frame, over, m, theme),
    }
    desk::status::render(frame, d.status, m, theme);
    for overlay in &m.overlays {
        match overlay {
            Overlay::Help { scroll } => help::render(frame, over, m, *scroll, theme),
            Overlay::Record { kind, id, scroll } => {
                record_view::render(frame, over, m, (*kind, *id, *scroll), theme);
            }
            Overlay::Confirm { confirm, .. } => confirm.render(frame, over, theme, m.lang),
            Overlay::Form(form) => form.render(frame, over, theme, m.lang),
            Overlay::Conflict(c) => c.render(frame, over, theme, m.lang),
            Overlay::Picker(picker) => picker.render(frame, over, theme, m.lang),
            Overlay::StagePrompt { prompt, .. } => prompt.render(frame, over, theme, m.lang),
            Overlay::FollowUp { form, .. } | Overlay::Call { form, .. } => {
                form.render(frame, over, theme, m.lang);
            }
            Overlay::Suggestions { list, .. } => {
                let rect = layout::centered(over, 100, over.height.saturating_sub(2));
                crate::tui::ui::fit::clear_popup(frame, rect);
                list.render(frame, rect, theme, m.lang);
            }
            Overlay::PairDetail { detail, scroll } => {
                pair_detail::render(frame, over, m, detail, *scroll, theme);
            }
            Overlay::Contract(form) => form.render(frame, over, theme, m.lang),
            Overlay::Stats(v) => {
                crate::tui::features::stats::view::render(frame, over, v, &m.keymap, m.lang, theme);
            }
            Overlay::Org {
                detail,
                scroll,
                pick,
            } => {
                let shown = (&**detail, *scroll, *pick);
                crate::tui::features::org::view::render(frame, over, m, shown, theme);
            }
            Overlay::ContactForm(form) => form.render(frame, over, theme, m.lang),
            Overlay::Handover(p) => p.render(frame, over, theme, m.lang),
        }
    }
}
