//! Drawing: the whole screen from `&Model`. Panes and overlays each live in their own file.

use ratatui::Frame;

use crate::tui::Theme;
use crate::tui::layout::{self, Desk};
use crate::tui::model::{Model, Popup, View};
use crate::tui::model_pipeline::PipePopup;
use crate::tui::overlays;
use crate::tui::panes;
use crate::tui::too_small;
use crate::tui::views;

pub fn draw(frame: &mut Frame, m: &Model, theme: &Theme) {
    let area = frame.area();
    if layout::too_small((area.width, area.height)) {
        too_small::render(frame, area, m, theme);
        return;
    }
    let d = Desk::new((area.width, area.height));
    // Popups (and the pipeline views) cover everything but the status bar, so messages stay
    // visible.
    let over = ratatui::layout::Rect {
        height: area.height.saturating_sub(1),
        ..area
    };
    match m.view {
        View::Desk => {
            panes::search_bar::render(frame, d.search, m, theme);
            panes::chips::render(frame, d.chips, m, theme);
            panes::list::render(frame, d.demands, m, crate::domain::Kind::Demand, theme);
            panes::list::render(frame, d.results, m, crate::domain::Kind::Achievement, theme);
            panes::detail::render(frame, d.detail, m, theme);
        }
        View::Board => views::board::render(frame, over, m, theme),
        View::Agenda => views::agenda::render(frame, over, m, theme),
    }
    panes::status::render(frame, d.status, m, theme);
    for popup in &m.pipe.popups {
        match popup {
            PipePopup::Prompt { prompt, .. } => prompt.render(frame, over, theme, m.lang),
            PipePopup::FollowUp { form, .. } => form.render(frame, over, theme, m.lang),
            PipePopup::ConfirmDelete { confirm, .. } => {
                confirm.render(frame, over, theme, m.lang);
            }
            PipePopup::Suggest { list, .. } => {
                let rect = layout::centered(over, 100, over.height.saturating_sub(2));
                overlays::clear(frame, rect);
                list.render(frame, rect, theme, m.lang);
            }
            PipePopup::Detail { detail, scroll } => {
                overlays::pair_detail::render(frame, over, m, detail, *scroll, theme);
            }
        }
    }
    for popup in &m.popups {
        match popup {
            Popup::Help { scroll } => overlays::help::render(frame, over, m, *scroll, theme),
            Popup::Record { kind, id, scroll } => {
                overlays::record_full::render(frame, over, m, (*kind, *id, *scroll), theme);
            }
            Popup::Confirm { question, .. } => {
                overlays::confirm::render(frame, over, m, question, theme);
            }
            Popup::Form(form) => form.render(frame, over, theme, m.lang),
            Popup::Picker(picker) => picker.render(frame, over, theme, m.lang),
        }
    }
}
