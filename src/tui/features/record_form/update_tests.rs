//! Key → state tests of the form and picker popups on the desk, through the real keymap; and
//! one test through the effect runner and an in-memory database (save, select, undo).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::db::{Db, records};
use crate::domain::{Kind, Record};
use crate::tui::Lang;
use crate::tui::action::{Action, PipeAction};
use crate::tui::app::runner::{Effect, Runner};
use crate::tui::features::record_form::form::FieldId;
use crate::tui::keys::{Context, Keymap};
use crate::tui::model::Model;
use crate::tui::overlay::Overlay;
use crate::tui::update::update;

fn rec(id: i64, kind: Kind, title: &str, field: &str, region: &str) -> Record {
    let mut r = Record::new(kind, title);
    r.id = id;
    r.seq = id;
    r.field = field.into();
    r.region = region.into();
    r.updated_at = format!("2026-01-0{id}T00:00:00Z");
    r
}

fn stored() -> Vec<Record> {
    vec![
        rec(1, Kind::Demand, "高性能铝合金压铸", "铝镁合金", "重庆"),
        rec(2, Kind::Demand, "4.5μm 铜箔", "锂电", "河南"),
        rec(3, Kind::Achievement, "鋰電池負極材料", "锂电", "陕西"),
        rec(4, Kind::Achievement, "光伏背板", "光伏", "陕西"),
    ]
}

fn model() -> Model {
    let mut m = Model::new(stored(), Keymap::default(), Lang::En, "t.db");
    update(
        &mut m,
        Action::Resize {
            width: 80,
            height: 24,
        },
    );
    m
}

/// Resolves a key as the loop does, then updates.
fn key(m: &mut Model, code: KeyCode, mods: KeyModifiers) -> Vec<Effect> {
    let ev = KeyEvent::new(code, mods);
    match m.keymap.resolve(m.context(), &ev) {
        Some(a) => update(m, a),
        None => vec![],
    }
}

fn press(m: &mut Model, code: KeyCode) -> Vec<Effect> {
    key(m, code, KeyModifiers::NONE)
}

fn type_str(m: &mut Model, s: &str) -> Vec<Effect> {
    s.chars().flat_map(|c| press(m, KeyCode::Char(c))).collect()
}

fn ctrl_s(m: &mut Model) -> Vec<Effect> {
    key(m, KeyCode::Char('s'), KeyModifiers::CONTROL)
}

fn form(m: &Model) -> &crate::tui::features::record_form::form::RecordForm {
    match m.overlays.last() {
        Some(Overlay::Form(f)) => f,
        other => panic!("no form on top: {other:?}"),
    }
}

/// `e`, answered as the runner answers it: the record in full, then the form opens.
fn edit(m: &mut Model) {
    for e in press(m, KeyCode::Char('e')) {
        if let Effect::Fetch { id } = e {
            let full = stored().into_iter().find(|r| r.id == id).unwrap();
            update(m, Action::Fetched(Box::new(full)));
        }
    }
}

fn saved(effects: &[Effect]) -> Record {
    match effects {
        [Effect::Save(r) | Effect::SaveEdit { after: r, .. }] => (**r).clone(),
        other => panic!("expected one save, got {other:?}"),
    }
}

#[test]
fn plus_opens_a_form_for_the_focused_kind_and_ctrl_s_submits_it() {
    let mut m = model();
    press(&mut m, KeyCode::Char('l'));
    assert!(type_str(&mut m, "+").is_empty());
    assert_eq!(m.context(), Context::Form);
    // Letters that are desk keys (j, q, e) are text in the form.
    assert!(type_str(&mut m, "液冷 jqe").is_empty());
    assert_eq!(form(&m).value(FieldId::Title), Some("液冷 jqe"));
    assert!(!m.should_quit);
    let r = saved(&ctrl_s(&mut m));
    assert_eq!(
        (r.id, r.kind, r.title.as_str()),
        (0, Kind::Achievement, "液冷 jqe")
    );
    assert!(
        form(&m).is_saving(),
        "the form says it saves until the answer"
    );
    update(&mut m, Action::RecordSaved(r));
    assert!(m.overlays.is_empty(), "the saved answer closes the form");
}

#[test]
fn enter_moves_on_and_submits_from_the_last_field_and_a_title_is_required() {
    let mut m = model();
    type_str(&mut m, "+");
    // Nothing typed: Ctrl-S refuses, the form stays with the title marked.
    assert!(ctrl_s(&mut m).is_empty());
    assert!(form(&m).error(FieldId::Title).is_some());
    type_str(&mut m, "铜箔");
    let mut effects = Vec::new();
    for _ in 0..40 {
        effects = press(&mut m, KeyCode::Enter);
        if !effects.is_empty() {
            break;
        }
    }
    let r = saved(&effects);
    assert_eq!((r.kind, r.title.as_str()), (Kind::Demand, "铜箔"));
}

#[test]
fn esc_with_typed_text_asks_before_discarding_and_an_empty_form_just_closes() {
    let mut m = model();
    type_str(&mut m, "+");
    press(&mut m, KeyCode::Esc);
    assert!(m.overlays.is_empty(), "nothing typed: Esc closes at once");

    type_str(&mut m, "+x");
    assert!(press(&mut m, KeyCode::Esc).is_empty());
    assert!(form(&m).is_discarding(), "typed text: Esc asks first");
    type_str(&mut m, "n");
    assert!(!form(&m).is_discarding());
    assert_eq!(form(&m).value(FieldId::Title), Some("x"));
    press(&mut m, KeyCode::Esc);
    assert!(type_str(&mut m, "y").is_empty(), "discarding saves nothing");
    assert!(m.overlays.is_empty());
    assert!(m.message.as_ref().unwrap().text.contains("nothing saved"));
}

#[test]
fn e_edits_the_selected_record_and_keeps_its_id_and_other_fields() {
    let mut m = model();
    press(&mut m, KeyCode::Char('j'));
    let id = m.demands.selected_id().unwrap();
    // The lists hold compact rows: `e` asks for the record in full, the form opens on it.
    assert_eq!(type_str(&mut m, "e"), vec![Effect::Fetch { id }]);
    assert!(m.overlays.is_empty());
    let full = stored().into_iter().find(|r| r.id == id).unwrap();
    update(&mut m, Action::Fetched(Box::new(full)));
    type_str(&mut m, "量产");
    let r = saved(&ctrl_s(&mut m));
    let before = &m.demands.records[&id];
    assert_eq!(r.id, id);
    assert_eq!(r.title, format!("{}量产", before.title()));
    assert_eq!(
        (r.field.as_str(), r.region.as_str()),
        (before.field(), before.region())
    );
}

#[test]
fn the_form_offers_field_and_region_values_already_in_use() {
    let mut m = model();
    type_str(&mut m, "+");
    press(&mut m, KeyCode::Tab); // enterprise
    press(&mut m, KeyCode::Tab); // field
    type_str(&mut m, "锂");
    assert_eq!(form(&m).matches(), ["锂电"]);
    press(&mut m, KeyCode::Tab); // region
    type_str(&mut m, "陕");
    assert_eq!(form(&m).matches(), ["陕西"]);
}

#[test]
fn f_space_enter_applies_a_filter_and_shift_f_clears_it() {
    let mut m = model();
    type_str(&mut m, "f");
    assert!(matches!(m.overlays.last(), Some(Overlay::Picker(_))));
    // The commonest field comes first: 锂电 (two records).
    press(&mut m, KeyCode::Char(' '));
    press(&mut m, KeyCode::Enter);
    assert!(m.overlays.is_empty());
    assert_eq!(m.filters.field.iter().collect::<Vec<_>>(), ["锂电"]);
    assert_eq!(m.demands.shown, vec![2]);
    assert_eq!(m.results.shown, vec![3]);
    assert_eq!(m.filters.chips(Lang::En), ["Field: 锂电"]);
    // Reopening shows the active filter ticked; Esc leaves it as it was.
    type_str(&mut m, "f");
    press(&mut m, KeyCode::Esc);
    assert_eq!(m.filters.count(), 1);
    type_str(&mut m, "F");
    assert!(m.filters.is_empty());
    assert_eq!(m.demands.shown.len(), 2);
}

#[test]
fn ctrl_c_in_a_form_asks_as_esc_does_and_never_quits() {
    let mut m = model();
    type_str(&mut m, "+x");
    key(&mut m, KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(!m.should_quit, "typed text is never dropped by Ctrl-C");
    assert_eq!(m.context(), Context::Confirm, "it asks whether to discard");
    type_str(&mut m, "n");
    assert_eq!(
        form(&m).value(FieldId::Title),
        Some("x"),
        "n keeps the text"
    );
    key(&mut m, KeyCode::Char('c'), KeyModifiers::CONTROL);
    type_str(&mut m, "y");
    assert!(m.overlays.is_empty());
    assert!(!m.should_quit);
    // With nothing open, Ctrl-C quits.
    key(&mut m, KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(m.should_quit);
}

fn drive(runner: &mut Runner, m: &mut Model, code: KeyCode, mods: KeyModifiers) {
    let ev = KeyEvent::new(code, mods);
    let Some(action) = m.keymap.resolve(m.context(), &ev) else {
        return;
    };
    let mut queue = std::collections::VecDeque::from([action]);
    while let Some(a) = queue.pop_front() {
        for e in update(m, a) {
            queue.extend(runner.run(e));
        }
    }
}

#[test]
fn a_saved_form_is_written_selected_and_an_edit_can_be_undone() {
    let mut db = Db::open_in_memory().unwrap();
    db.write(|tx| records::insert(tx, &mut Record::new(Kind::Demand, "铜箔")))
        .unwrap();
    let recs = records::list(db.conn(), &records::RecordFilter::default()).unwrap();
    let mut m = Model::new(recs, Keymap::default(), Lang::En, "t.db");
    let mut runner = Runner::new(db).unwrap();
    let none = KeyModifiers::NONE;
    drive(&mut runner, &mut m, KeyCode::Char('+'), none);
    for c in "液冷储能柜".chars() {
        drive(&mut runner, &mut m, KeyCode::Char(c), none);
    }
    drive(
        &mut runner,
        &mut m,
        KeyCode::Char('s'),
        KeyModifiers::CONTROL,
    );
    let new = m.selected().expect("the new record is selected").clone();
    assert_eq!(
        (new.title(), new.code().to_string()),
        ("液冷储能柜", "D2".into())
    );
    assert!(m.message.as_ref().unwrap().text.contains("saved D2"));
    assert_eq!(records::count(runner.db.conn(), Kind::Demand).unwrap(), 2);

    drive(&mut runner, &mut m, KeyCode::Char('e'), none);
    drive(&mut runner, &mut m, KeyCode::Backspace, none);
    drive(
        &mut runner,
        &mut m,
        KeyCode::Char('s'),
        KeyModifiers::CONTROL,
    );
    let stored = records::get(runner.db.conn(), new.id).unwrap().unwrap();
    assert_eq!(stored.title, "液冷储能");
    // Two steps: the add, then the edit.
    assert_eq!(crate::pipeline::undo::depth(runner.db.conn()).unwrap(), 2);
    crate::pipeline::undo::undo(&mut runner.db).unwrap();
    let restored = records::get(runner.db.conn(), new.id).unwrap().unwrap();
    assert_eq!(restored.title, "液冷储能柜");
    crate::pipeline::undo::undo(&mut runner.db).unwrap();
    assert!(records::get(runner.db.conn(), new.id).unwrap().is_none());
}

#[test]
fn plus_adds_even_when_the_terminal_reports_shift_and_a_opens_the_agenda() {
    let km = Keymap::default();
    let plus = KeyEvent::new(KeyCode::Char('+'), KeyModifiers::SHIFT);
    assert_eq!(km.resolve(Context::Desk, &plus), Some(Action::Add));
    let a = KeyEvent::new(KeyCode::Char('a'), KeyModifiers::NONE);
    assert_eq!(
        km.resolve(Context::Desk, &a),
        Some(Action::Pipe(PipeAction::Agenda))
    );
    assert_eq!(km.key_for("add").as_deref(), Some("+"));
}

#[test]
fn a_pasted_description_keeps_its_lines_and_other_fields_take_spaces() {
    let mut m = model();
    type_str(&mut m, "+");
    update(
        &mut m,
        Action::Input(crate::tui::action::Input::Paste("铜\n箔".into())),
    );
    assert_eq!(form(&m).value(FieldId::Title), Some("铜 箔"));
    while form(&m).focused() != FieldId::Description {
        press(&mut m, KeyCode::Tab);
    }
    update(
        &mut m,
        Action::Input(crate::tui::action::Input::Paste("一\r\n二".into())),
    );
    let r = saved(&ctrl_s(&mut m));
    assert_eq!(
        (r.title.as_str(), r.description.as_str()),
        ("铜 箔", "一\n二")
    );
}

#[test]
fn the_save_hooks_keep_the_form_until_the_answer_and_show_an_error_in_it() {
    use crate::tui::features::record_form::update::{
        form_conflict, form_failed, form_saved, form_saving,
    };
    let mut m = model();
    edit(&mut m);
    let base = form(&m).base().clone();
    type_str(&mut m, "量产");
    assert!(form_saving(&mut m));
    assert!(form(&m).is_saving());
    assert!(type_str(&mut m, "x").is_empty(), "no edits while saving");
    assert!(form_failed(&mut m, "database is locked"));
    assert!(!form(&m).is_saving());
    assert_eq!(form(&m).status().unwrap().text, "database is locked");
    assert_eq!(
        form(&m).value(FieldId::Title).unwrap(),
        format!("{}量产", base.title)
    );
    assert!(form_saving(&mut m));
    assert!(form_saved(&mut m));
    assert!(m.overlays.is_empty());
    assert!(!form_saved(&mut m), "nothing else is closed");

    // A conflicting save: the overlay opens over the form; Esc goes back to an editable form;
    // Enter writes the stored row with my fields.
    let mut m = model();
    edit(&mut m);
    type_str(&mut m, "量产");
    let mine = {
        let mut r = form(&m).base().clone();
        r.title = form(&m).value(FieldId::Title).unwrap().to_string();
        r
    };
    let mut theirs = form(&m).base().clone();
    theirs.title = "别处改过的标题".into();
    theirs.region = "四川".into();
    form_saving(&mut m);
    assert!(form_conflict(&mut m, &mine, theirs.clone()).is_empty());
    assert_eq!(m.context(), Context::Conflict);
    press(&mut m, KeyCode::Esc);
    assert!(!form(&m).is_saving(), "back in the form, editable");
    form_saving(&mut m);
    form_conflict(&mut m, &mine, theirs);
    let r = saved(&press(&mut m, KeyCode::Enter));
    assert_eq!(
        (r.title.as_str(), r.region.as_str()),
        (mine.title.as_str(), "四川")
    );
}

#[path = "update_case_tests.rs"]
mod cases;
