//! The band's update: an answer sets the people and the records they reach (shown after the
//! query's own hits); the navigation keys step between the band and the lists; Enter or `O`
//! on a picked contact asks for its organisation. Pure: the organisation is read by the runner.

use crate::domain::Kind;
use crate::i18n::lookup::LookupMsg;
use crate::i18n::orgs::OrgMsg;
use crate::pipeline::lookup::Lookup;
use crate::pipeline::org_view::OrgOf;
use crate::tui::action::Action;
use crate::tui::effect::Effect;
use crate::tui::features::desk::update::refilter;
use crate::tui::features::lookup::LookupAction;
use crate::tui::features::org::{OrgAction, OrgEffect};
use crate::tui::model::{Model, View};

pub fn update(m: &mut Model, action: LookupAction) -> Vec<Effect> {
    match action {
        LookupAction::Answered { seq, found } => {
            if seq < m.lookup.answered || m.query.is_empty() {
                return vec![];
            }
            m.lookup.answered = seq;
            set(m, found);
            vec![]
        }
    }
}

/// Shows `found`: the band, and the records it reaches after each list's own hits. The
/// band takes the selection when it shows someone new.
fn set(m: &mut Model, found: Option<Box<Lookup>>) {
    let first = |f: &Option<Box<Lookup>>| {
        f.as_deref()
            .and_then(|l| l.contacts.first())
            .map(|c| c.contact.id)
    };
    let same = first(&m.lookup.found) == first(&found);
    // The lists change only when the records reached do: a lookup that finds nobody, on a
    // list showing every record of a million (its hits before the query's own answer
    // comes), would filter them all again for nothing.
    let mut changed = false;
    for kind in [Kind::Demand, Kind::Achievement] {
        let ids = found.as_deref().map(|l| l.ids_of(kind)).unwrap_or_default();
        let list = m.list_mut(kind);
        if list.via != ids {
            list.via = ids;
            changed = true;
        }
    }
    m.lookup.found = found;
    let n = m.lookup.shown().len();
    m.lookup.pick = match (n, same) {
        (0, _) => None,
        (_, true) => m.lookup.pick.map(|p| p.min(n - 1)),
        (_, false) => Some(0),
    };
    if changed {
        refilter(m);
    }
}

/// After every update: a query cleared takes the band and the records it brought with it.
pub fn settle(m: &mut Model) {
    if !m.query.is_empty() {
        return;
    }
    m.lookup.answered = m.search_seq;
    if m.lookup.found.is_some() || !m.demands.via.is_empty() || !m.results.via.is_empty() {
        set(m, None);
    }
}

/// Whether a lookup answer is still due for the current query.
pub fn due(m: &Model) -> bool {
    !m.query.is_empty() && m.lookup.answered < m.search_seq
}

/// The band's share of the desk's keys, taken before the desk sees them: None leaves the
/// action to the desk.
pub fn intercept(m: &mut Model, action: &Action) -> Option<Vec<Effect>> {
    if m.view != View::Desk || !m.overlays.is_empty() || m.lookup.shown().is_empty() {
        return None;
    }
    let n = m.lookup.shown().len();
    match (action, m.lookup.pick) {
        (Action::Down, Some(p)) => {
            if p + 1 < n {
                m.lookup.pick = Some(p + 1);
            } else {
                // Into the list, on its first row.
                m.lookup.pick = None;
                let rows = m.visible_rows(m.focus);
                let list = m.list_mut(m.focus);
                list.selected = 0;
                list.chosen = true;
                list.scroll_into_view(rows);
            }
            Some(vec![])
        }
        (Action::Up, Some(p)) => {
            m.lookup.pick = Some(p.saturating_sub(1));
            Some(vec![])
        }
        (Action::Up, None) if m.list(m.focus).selected == 0 => {
            m.lookup.pick = Some(n - 1);
            Some(vec![])
        }
        (Action::Open | Action::Org(OrgAction::Open), Some(_)) => Some(open_org(m)),
        (
            Action::Click { .. }
            | Action::FocusNext
            | Action::FocusPrev
            | Action::FocusLeft
            | Action::FocusRight
            | Action::PageDown
            | Action::Bottom,
            Some(_),
        ) => {
            // The selection goes back to a list; the desk does the rest.
            m.lookup.pick = None;
            None
        }
        _ => None,
    }
}

/// Enter or `O` on a picked contact: its organisation's view, or why there is none.
fn open_org(m: &mut Model) -> Vec<Effect> {
    let Some(hit) = m.lookup.picked() else {
        return vec![];
    };
    let (id, code, name) = (
        hit.contact.id,
        hit.contact.code(),
        crate::sanitize::one_line(&hit.contact.name),
    );
    if hit.org.is_none() {
        m.warn(LookupMsg::NoOrg.fill(m.lang, &[&code, &name]));
        return vec![];
    }
    m.info(OrgMsg::Loading.text(m.lang));
    vec![Effect::Org(OrgEffect::Load(OrgOf::Contact(id)))]
}

/// Whether the band holds the selection (the detail pane then shows the contact).
pub fn band_selected(m: &Model) -> bool {
    m.view == View::Desk && m.overlays.is_empty() && m.lookup.picked().is_some()
}
