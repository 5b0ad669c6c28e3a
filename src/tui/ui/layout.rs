//! Where each pane of the desk goes, computed from the terminal size alone so that drawing,
//! paging and mouse hits agree without the renderer writing anything back.

use ratatui::layout::{Constraint, Layout, Position, Rect};

use crate::domain::Kind;

/// Below this size the desk shows the "terminal too small" notice instead of the layout.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 15;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Desk {
    pub search: Rect,
    pub chips: Rect,
    /// The people a search names (features/lookup), between the search line and the lists;
    /// no height when there are none.
    pub band: Rect,
    pub demands: Rect,
    pub results: Rect,
    pub detail: Rect,
    pub status: Rect,
}

impl Desk {
    pub fn new(size: (u16, u16)) -> Desk {
        Desk::with_band(size, 0)
    }

    /// The desk with a band of `band` lines above the lists (it gives up lines only while
    /// the lists keep a few rows).
    pub fn with_band((width, height): (u16, u16), band: u16) -> Desk {
        let area = Rect::new(0, 0, width, height);
        let band = band.min(height.saturating_sub(MIN_HEIGHT) + 2);
        let [top, band, middle, status] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(band),
            Constraint::Min(0),
            Constraint::Length(1),
        ])
        .areas(area);
        let [search, chips] =
            Layout::horizontal([Constraint::Percentage(45), Constraint::Min(0)]).areas(top);
        let [lists, detail] =
            Layout::vertical([Constraint::Percentage(60), Constraint::Min(4)]).areas(middle);
        let [demands, results] =
            Layout::horizontal([Constraint::Ratio(1, 2), Constraint::Ratio(1, 2)]).areas(lists);
        Desk {
            search,
            chips,
            band,
            demands,
            results,
            detail,
            status,
        }
    }

    pub fn list(&self, kind: Kind) -> Rect {
        match kind {
            Kind::Demand => self.demands,
            Kind::Achievement => self.results,
        }
    }

    /// The rows of a list's records: inside the border, below the column header.
    pub fn list_body(&self, kind: Kind) -> Rect {
        let r = self.list(kind);
        Rect::new(
            r.x + 1,
            r.y + 2,
            r.width.saturating_sub(2),
            r.height.saturating_sub(3),
        )
    }

    pub fn list_rows(&self, kind: Kind) -> usize {
        usize::from(self.list_body(kind).height)
    }

    /// The list under a screen cell, and the row index within its visible body (if on a row).
    pub fn hit(&self, column: u16, row: u16) -> Option<(Kind, Option<usize>)> {
        let p = Position::new(column, row);
        [Kind::Demand, Kind::Achievement].into_iter().find_map(|k| {
            if !self.list(k).contains(p) {
                return None;
            }
            let body = self.list_body(k);
            Some((k, body.contains(p).then(|| usize::from(row - body.y))))
        })
    }
}

pub fn too_small((width, height): (u16, u16)) -> bool {
    width < MIN_WIDTH || height < MIN_HEIGHT
}

/// A centred rectangle of at most `width` × `height` inside `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// Splits off the last row of `area` for a one-line footer (the contacts of the pair under
/// the cursor), when the area is tall enough to give it up.
pub fn footer(area: Rect) -> (Rect, Option<Rect>) {
    if area.height < 6 {
        return (area, None);
    }
    let body = Rect {
        height: area.height - 1,
        ..area
    };
    let foot = Rect {
        y: area.bottom() - 1,
        height: 1,
        ..area
    };
    (body, Some(foot))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panes_tile_the_screen_and_clicks_find_rows() {
        let d = Desk::new((80, 24));
        assert_eq!(d.demands.x, 0);
        assert_eq!(d.results.x + d.results.width, 80);
        assert_eq!(d.status.y, 23);
        assert!(d.list_rows(Kind::Demand) >= 5);
        let body = d.list_body(Kind::Achievement);
        assert_eq!(
            d.hit(body.x + 2, body.y + 3),
            Some((Kind::Achievement, Some(3)))
        );
        assert_eq!(d.hit(0, d.demands.y), Some((Kind::Demand, None)));
        assert_eq!(d.hit(0, 23), None);
    }
}
