//! The desk's form, filter-picker and conflict popups: opening them with values from the loaded
//! records, and turning their outcomes into effects (a record save) or actions (new filters).
//! Called from `update`; pure like it. The `form_*` functions are the hooks `update` calls when
//! the store answers a form's save.

use std::collections::HashMap;

use crate::domain::{Record, Stage};
use crate::i18n::Msg;
use crate::tui::action::{Action, Input};
use crate::tui::effect::Effect;
use crate::tui::features::conflict::{Conflict, ConflictKeys, ConflictOutcome};
use crate::tui::features::desk::row::DeskRow;
use crate::tui::features::filters::picker::{
    FilterPicker, FilterPickerOutcome, PickerKeys, PickerOptions,
};
use crate::tui::features::record_form::{FormKeys, FormOutcome, FormSuggestions, RecordForm};
use crate::tui::model::Model;
use crate::tui::overlay::Overlay;

/// `+`: a blank form for the focused list's kind.
pub fn open_add(m: &mut Model) -> Vec<Effect> {
    let form = RecordForm::new(m.focus, suggestions(m)).with_keys(FormKeys::from_keymap(&m.keymap));
    m.overlays.push(Overlay::Form(Box::new(form)));
    vec![]
}

/// `e`: the form on the selected record; its id is kept, so submitting updates it.
pub fn open_edit(m: &mut Model) -> Vec<Effect> {
    let Some(id) = m.selected().map(|r| r.id) else {
        m.info(Msg::NoRecordSelected.text(m.lang));
        return vec![];
    };
    let Some(rec) = m.full_of(id) else {
        // The form edits the full record: fetch it, then open.
        m.edit_when_fetched = Some(id);
        return vec![Effect::Fetch { id }];
    };
    let form = RecordForm::edit(rec, suggestions(m)).with_keys(FormKeys::from_keymap(&m.keymap));
    m.overlays.push(Overlay::Form(Box::new(form)));
    vec![]
}

/// `f`: the picker over the values the loaded records carry, with the active filters ticked.
pub fn open_picker(m: &mut Model) -> Vec<Effect> {
    let picker = FilterPicker::new(picker_options(m), &m.filters)
        .with_keys(PickerKeys::from_keymap(&m.keymap));
    m.overlays.push(Overlay::Picker(Box::new(picker)));
    vec![]
}

/// An intent for the top popup: the record form, the filter picker or the conflict overlay.
pub fn popup_input(m: &mut Model, input: &Input) -> Vec<Effect> {
    match m.overlays.last_mut() {
        Some(Overlay::Form(form)) => match form.handle(input) {
            FormOutcome::Pending => vec![],
            FormOutcome::Cancelled => {
                m.overlays.pop();
                m.info(Msg::FormCancelled.text(m.lang));
                vec![]
            }
            FormOutcome::Submit(rec) => {
                // The form stays open, saying it saves, until the saved answer closes it; an
                // error or a conflict leaves what was typed where it was.
                form_saving(m);
                submit(m, rec)
            }
        },
        Some(Overlay::Picker(picker)) => match picker.handle(input) {
            FilterPickerOutcome::Pending => vec![],
            FilterPickerOutcome::Cancelled => {
                m.overlays.pop();
                vec![]
            }
            FilterPickerOutcome::Apply(filters) => {
                m.overlays.pop();
                crate::tui::features::desk::update::update(m, Action::FiltersApplied(filters))
            }
        },
        Some(Overlay::Conflict(conflict)) => match conflict.handle(input) {
            ConflictOutcome::Pending => vec![],
            ConflictOutcome::Cancelled => {
                // Back to the form, which is editable again.
                m.overlays.pop();
                if let Some(Overlay::Form(form)) = m.overlays.last_mut() {
                    form.set_saving(false);
                }
                vec![]
            }
            ConflictOutcome::Resolved(patch) => {
                let Some(Overlay::Conflict(c)) = m.overlays.pop() else {
                    return vec![];
                };
                // The stored row with the chosen fields of mine: written whole, it changes
                // only those fields (until the store writes a patch itself).
                let rec = patch.apply_to(c.theirs());
                if let Some(Overlay::Form(form)) = m.overlays.last_mut() {
                    form.set_saving(true);
                }
                submit(m, rec)
            }
        },
        _ => vec![],
    }
}

/// A submitted form: an edit writes only what the user changed since the form opened.
pub fn submit(m: &mut Model, rec: Record) -> Vec<Effect> {
    match m.editing.take() {
        Some(base) if base.id == rec.id && rec.id != 0 => {
            m.editing = Some(base.clone());
            vec![Effect::SaveEdit {
                base,
                after: Box::new(rec),
            }]
        }
        _ => vec![Effect::Save(Box::new(rec))],
    }
}

/// For `update`'s `SubmitRecord` once the form stays open while saving: marks the form on top
/// as saving. Returns false when no form is on top.
pub fn form_saving(m: &mut Model) -> bool {
    match m.overlays.last_mut() {
        Some(Overlay::Form(form)) => {
            form.set_saving(true);
            true
        }
        _ => false,
    }
}

/// For `update`'s `RecordSaved`: closes the saving form on top (the saved answer). Returns
/// whether a form was closed.
pub fn form_saved(m: &mut Model) -> bool {
    if matches!(m.overlays.last(), Some(Overlay::Form(f)) if f.is_saving()) {
        m.overlays.pop();
        return true;
    }
    false
}

/// For `update`'s `Failed` while a form saves: the form stays open, editable, with `message`
/// in its status row. Returns false when no saving form is on top (the status bar shows it).
pub fn form_failed(m: &mut Model, message: &str) -> bool {
    match m.overlays.last_mut() {
        Some(Overlay::Form(form)) if form.is_saving() => {
            form.set_saving(false);
            form.set_status(message, true);
            true
        }
        _ => false,
    }
}

/// For the runner's answer that the stored row changed since the form opened: `mine` is the
/// submitted record, `theirs` the row now. Opens the conflict overlay over the saving form;
/// when no field really conflicts, the patch is written at once instead.
pub fn form_conflict(m: &mut Model, mine: &Record, theirs: Record) -> Vec<Effect> {
    let Some(Overlay::Form(form)) = m.overlays.last() else {
        return vec![];
    };
    let conflict = Conflict::new(form.base().clone(), mine.clone(), theirs)
        .with_keys(ConflictKeys::from_keymap(&m.keymap));
    if conflict.is_empty() {
        let rec = conflict.resolved().apply_to(conflict.theirs());
        return submit(m, rec);
    }
    m.overlays.push(Overlay::Conflict(Box::new(conflict)));
    vec![]
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
        regions: crate::tui::features::filters::region::options(
            all_records(m).map(DeskRow::region),
        ),
        statuses: counted(all_records(m).map(DeskRow::status)),
        stages: Stage::ALL.iter().map(|s| (*s, 0)).collect(),
    }
}

#[cfg(test)]
#[path = "update_tests.rs"]
mod tests;
