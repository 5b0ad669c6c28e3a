//! Saved views: `S` then 1–9 keeps the search and filters in a slot, 1–9 recalls one.

use crate::tui::action::Action;
use crate::tui::effect::Effect;
use crate::tui::features::desk::update::{new_query, refilter, search_again_if_capped};
use crate::tui::model::{Line, Model};

/// The saved-view actions; any other action changes nothing.
pub fn update(m: &mut Model, action: Action) -> Vec<Effect> {
    match action {
        Action::SaveViewBegin => {
            m.line = Line::SaveSlot;
            m.info(m.lang.pick(
                "按 1–9 保存当前搜索和筛选，Esc 取消",
                "press 1–9 to save the current search and filters, Esc to cancel",
            ));
            vec![]
        }
        Action::Slot(slot) => {
            if m.line == Line::SaveSlot {
                m.line = Line::Closed;
                vec![Effect::SaveView {
                    slot,
                    query: m.query.clone(),
                    filters: m.filters.clone(),
                }]
            } else {
                vec![Effect::LoadView { slot }]
            }
        }
        Action::ViewSaved { slot } => {
            m.info(format!(
                "{} {slot}",
                m.lang.pick("已保存视图", "saved view")
            ));
            vec![]
        }
        Action::ViewEmpty { slot } => {
            let text = match m.lang {
                crate::i18n::Lang::Zh => format!("视图 {slot} 为空：先按 S 再按 {slot} 保存"),
                crate::i18n::Lang::En => format!("view {slot} is empty: S then {slot} saves one"),
            };
            m.info(text);
            vec![]
        }
        Action::ViewLoaded {
            slot,
            query,
            filters,
        } => {
            m.filters = filters;
            m.info(format!(
                "{} {slot}",
                m.lang.pick("已调出视图", "recalled view")
            ));
            refilter(m);
            if query == m.query {
                search_again_if_capped(m)
            } else {
                m.query = query;
                new_query(m)
            }
        }
        _ => vec![],
    }
}
