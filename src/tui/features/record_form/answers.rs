//! The store's answers to the record form, and the form's submit: an edit is sent as a patch
//! over the record it started from; a save closes the form and puts the record in its list; a
//! conflict opens the merge overlay; a lock wait shows in the form, which stays open.

use crate::domain::Record;
use crate::tui::action::Action;
use crate::tui::effect::Effect;
use crate::tui::features::desk::update::{refilter, search, select_id};
use crate::tui::features::record_form::update::{form_conflict, form_saved, open_edit, submit};
use crate::tui::model::Model;
use crate::tui::overlay::Overlay;

/// The form's answers; any other action changes nothing.
pub fn update(m: &mut Model, action: Action) -> Vec<Effect> {
    match action {
        Action::Edit => {
            let fx = open_edit(m);
            note_edit_base(m);
            fx
        }
        Action::SubmitRecord(rec) => submit(m, rec),
        Action::Merged(fields) => {
            m.info(format!(
                "{} {}",
                m.lang.pick(
                    "已保存；保留了其他程序对以下字段的修改：",
                    "saved; kept the changes made elsewhere to"
                ),
                fields.join(", ")
            ));
            vec![]
        }
        Action::EditConflict {
            mine,
            theirs,
            fields,
        } => {
            // The stored row is the new base: what the user then writes is compared with it.
            m.editing = Some(theirs.clone());
            m.full = Some(theirs.clone());
            if matches!(m.overlays.last(), Some(Overlay::Form(_))) {
                return form_conflict(m, &mine, *theirs);
            }
            let text = match m.lang {
                crate::i18n::Lang::Zh => format!(
                    "{} 在此期间被其他程序修改（{}）：未保存",
                    theirs.code(),
                    fields.join(", ")
                ),
                crate::i18n::Lang::En => format!(
                    "{} was changed elsewhere meanwhile ({}): nothing saved",
                    theirs.code(),
                    fields.join(", ")
                ),
            };
            m.warn(text);
            vec![]
        }
        Action::Waiting { tries } => {
            let text = match m.lang {
                crate::i18n::Lang::Zh => {
                    format!("等待数据库（另一个程序正在写入）… 第 {tries} 次重试")
                }
                crate::i18n::Lang::En => {
                    format!("waiting for the database (another process is writing)… try {tries}")
                }
            };
            // The form stays open and saving; it says why it takes so long.
            if let Some(Overlay::Form(form)) = m.overlays.last_mut() {
                form.set_status(text.clone(), true);
            }
            m.warn(text);
            vec![]
        }
        Action::RecordSaved(rec) => saved(m, rec),
        Action::Fetched(rec) => {
            let id = rec.id;
            m.full = Some(rec);
            if m.edit_when_fetched.take() == Some(id) && m.selected().is_some_and(|r| r.id == id) {
                let fx = open_edit(m);
                note_edit_base(m);
                return fx;
            }
            vec![]
        }
        _ => vec![],
    }
}

/// The store saved `rec`: the form closes, the record joins (or changes in) its list and is
/// selected there, and the workers re-rank with its new keys.
fn saved(m: &mut Model, rec: Record) -> Vec<Effect> {
    let (kind, id) = (rec.kind, rec.id);
    form_saved(m);
    if m.editing.as_ref().is_some_and(|b| b.id == id) {
        m.editing = None;
    }
    let label = format!(
        "{} {} {}",
        m.lang.pick("已保存", "saved"),
        rec.code(),
        crate::sanitize::one_line(&rec.title)
    );
    m.list_mut(kind).upsert(&crate::domain::RecordRow::of(&rec));
    m.full = Some(Box::new(rec));
    m.info(label);
    // The selection follows the record's id.
    m.focus = kind;
    let list = m.list_mut(kind);
    if !list.hits.iter().any(|h| h.id == id) {
        list.hits.insert(0, crate::search::Hit { id, score: 0 });
    }
    refilter(m);
    select_id(m, kind, id);
    search(m)
}

/// When a form has just opened on an existing record, that record (as fetched) is the base
/// its save is compared with.
fn note_edit_base(m: &mut Model) {
    if matches!(m.overlays.last(), Some(Overlay::Form(_))) {
        m.editing.clone_from(&m.full);
    }
}
