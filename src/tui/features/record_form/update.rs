//! The desk's form and filter-picker popups: opening them with values from the loaded records,
//! and turning their outcomes into effects (a record save) or actions (new filters). Called from
//! `update`; pure like it.

use std::collections::HashMap;

use crossterm::event::KeyEvent;

use crate::domain::Stage;
use crate::tui::action::Action;
use crate::tui::app::runner::Effect;
use crate::tui::features::desk::row::DeskRow;
use crate::tui::features::filters::picker::{FilterPicker, FilterPickerOutcome, PickerOptions};
use crate::tui::features::record_form::{FormOutcome, FormSuggestions, RecordForm};
use crate::tui::model::Model;
use crate::tui::overlay::Overlay;
use crate::tui::update::update;

/// `+`: a blank form for the focused list's kind.
pub fn open_add(m: &mut Model) -> Vec<Effect> {
    let form = RecordForm::new(m.focus, suggestions(m));
    m.overlays.push(Overlay::Form(Box::new(form)));
    vec![]
}

/// `e`: the form on the selected record; its id is kept, so submitting updates it.
pub fn open_edit(m: &mut Model) -> Vec<Effect> {
    let Some(id) = m.selected().map(|r| r.id) else {
        m.info(m.lang.pick("没有选中的记录", "no record selected"));
        return vec![];
    };
    let Some(rec) = m.full_of(id) else {
        // The form edits the full record: fetch it, then open.
        m.edit_when_fetched = Some(id);
        return vec![Effect::Fetch { id }];
    };
    let form = RecordForm::edit(rec, suggestions(m));
    m.overlays.push(Overlay::Form(Box::new(form)));
    vec![]
}

/// `f`: the picker over the values the loaded records carry, with the active filters ticked.
pub fn open_picker(m: &mut Model) -> Vec<Effect> {
    let picker = FilterPicker::new(picker_options(m), &m.filters);
    m.overlays.push(Overlay::Picker(Box::new(picker)));
    vec![]
}

/// A key for the top popup (a form or the picker).
pub fn popup_key(m: &mut Model, key: KeyEvent) -> Vec<Effect> {
    match m.overlays.last_mut() {
        Some(Overlay::Form(form)) => match form.handle_key(key) {
            FormOutcome::Pending => vec![],
            FormOutcome::Cancelled => {
                m.overlays.pop();
                m.info(m.lang.pick("已取消，未保存", "cancelled, nothing saved"));
                vec![]
            }
            FormOutcome::Submit(rec) => {
                m.overlays.pop();
                update(m, Action::SubmitRecord(rec))
            }
        },
        Some(Overlay::Picker(picker)) => match picker.handle_key(key) {
            FilterPickerOutcome::Pending => vec![],
            FilterPickerOutcome::Cancelled => {
                m.overlays.pop();
                vec![]
            }
            FilterPickerOutcome::Apply(filters) => {
                m.overlays.pop();
                update(m, Action::FiltersApplied(filters))
            }
        },
        _ => vec![],
    }
}

fn all_records(m: &Model) -> impl Iterator<Item = &DeskRow> {
    m.demands.records.values().chain(m.results.records.values())
}

/// Distinct non-empty values of one column with their counts, most common first, then by
/// value so the order is stable.
fn counted<'a>(values: impl Iterator<Item = &'a str>) -> Vec<(String, usize)> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for v in values.map(str::trim).filter(|v| !v.is_empty()) {
        *counts.entry(v).or_default() += 1;
    }
    let mut out: Vec<(String, usize)> = counts
        .into_iter()
        .map(|(v, n)| (v.to_string(), n))
        .collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}

/// Field and region values already in use (every record is loaded on the desk), commonest first.
pub fn suggestions(m: &Model) -> FormSuggestions {
    let names = |v: Vec<(String, usize)>| v.into_iter().map(|(s, _)| s).collect();
    FormSuggestions {
        fields: names(counted(all_records(m).map(DeskRow::field))),
        regions: names(counted(all_records(m).map(DeskRow::region))),
    }
}

/// The picker's values with counts over both lists. The desk shows no pairs yet, so every
/// stage is offered with a count of 0.
pub fn picker_options(m: &Model) -> PickerOptions {
    PickerOptions {
        fields: counted(all_records(m).map(DeskRow::field)),
        regions: counted(all_records(m).map(DeskRow::region)),
        statuses: counted(all_records(m).map(DeskRow::status)),
        stages: Stage::ALL.iter().map(|s| (*s, 0)).collect(),
    }
}

#[cfg(test)]
#[path = "update_tests.rs"]
mod tests;
